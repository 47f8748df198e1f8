"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL is never skipped silently: if it cannot be reached the PostgreSQL
leg errors. A developer without PostgreSQL can opt out explicitly with
LEDGERFLOW_TEST_DATABASES=sqlite; .ci/run refuses to run with it set. Each pytest-xdist worker
gets its own PostgreSQL database, migrated once; tests start from a truncated
schema. SQLite tests copy a migrated template file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from sqlalchemy import create_engine, make_url, text

import migrations
from domain.app import App
from domain.bootstrap import build_app
from domain.identity.model import UserRole
from domain.orm import Base
from domain.setup.initialize import initialize

PG_ADMIN_URL = os.environ.get("LEDGERFLOW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# CI runs the same hypothesis examples every time (a failure is then a change, never luck);
# LEDGERFLOW_HYPOTHESIS_EXPLORE=1 explores new examples (long local runs, docs/reliability.md)
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile(
    "ledgerflow", derandomize=os.environ.get("LEDGERFLOW_HYPOTHESIS_EXPLORE") != "1")
_hypothesis_settings.load_profile("ledgerflow")

DATABASES = os.environ.get("LEDGERFLOW_TEST_DATABASES", "sqlite,postgresql").split(",")
FIXED_NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone.utc)
#: LEDGERFLOW_TEST_PG_APP_ROLE=1: PostgreSQL tests connect as an application role that does not own
#: the tables, as production should (docs/operations.md); the owner still migrates and truncates
PG_APP_ROLE = os.environ.get("LEDGERFLOW_TEST_PG_APP_ROLE") == "1"
# approval e-mails carry links signed with the web secret: never make a secret file from a test
os.environ.setdefault("LEDGERFLOW_WEB_SECRET", "test-secret-not-for-production")


def _worker(request) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = build_app(f"sqlite:///{path}")
    migrations.upgrade(app.engine)
    app.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database(request):
    name = f"ledgerflow_test_{_worker(request)}_{os.getpid()}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    app = build_app(url)
    migrations.upgrade(app.engine)
    if PG_APP_ROLE:
        import domain.schema  # noqa: F401
        from domain.db_roles import grant_app_role

        url = make_url(url).set(username=grant_app_role(app.engine, name.lower()).role).render_as_string(False)
    app.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if PG_APP_ROLE:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name.lower()}"'))
    admin.dispose()


def owner_url(url: str) -> str:
    """``url`` as the owner of the tables (what it is, unless LEDGERFLOW_TEST_PG_APP_ROLE is set)."""
    if not (PG_APP_ROLE and url.startswith("postgresql")):
        return url
    owner = make_url(PG_ADMIN_URL)
    return make_url(url).set(username=owner.username, password=owner.password).render_as_string(False)


def _truncate(url: str) -> None:
    engine = create_engine(owner_url(url))
    # setup_version and item_text_version keep their rows: the TRUNCATE triggers renumber them
    kept = ("setup_version", "item_text_version")
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name not in kept)
    with engine.begin() as conn:  # as the owner: switch the ledgers' TRUNCATE guards off for this statement
        guards = conn.execute(text("SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                                   "WHERE tgname LIKE '%\\_no\\_truncate'")).all()
        for table, trigger in guards:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table, trigger in guards:
            conn.execute(text(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {trigger}"))
    engine.dispose()


@pytest.fixture(params=DATABASES, ids=lambda d: d)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "ledgerflow.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    _truncate(url)
    return url


def make_app(url: str, user: str | None = "kari") -> App:
    return build_app(url, user, now=lambda: FIXED_NOW)


def make_administrator(app: App, user: str) -> None:
    """Give ``user`` the administrator role too (test setup, not audited)."""
    with app.uow() as session:
        if session.get(UserRole, (user, "administrator")) is None:
            session.add(UserRole(user_id=user, role="administrator"))


def demo_company(url: str, country: str) -> App:
    """A demo company whose acting user kari is also an administrator, so that tests
    may change setup as kari (in the demo itself kari has no setup rights)."""
    application = make_app(url)
    initialize(application, country, demo=True)
    make_administrator(application, "kari")
    return application


@pytest.fixture
def app(db_url):
    """A Norwegian demo company on SQLite or PostgreSQL, clock pinned to 2026-11-20."""
    application = demo_company(db_url, "NO")
    yield application
    application.dispose()


@pytest.fixture
def app_nl(db_url):
    application = demo_company(db_url, "NL")
    yield application
    application.dispose()
