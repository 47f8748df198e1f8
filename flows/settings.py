"""Settings and bootstrap: where data lives, which database, who acts.

Nothing here runs at import time; the CLI and the flows call these functions.
Precedence: command-line option, then environment, then default. Who acts:
``--user``, else LEDGERFLOW_USER, else for the CLI the administrator
``ledgerflow init`` makes (``admin``) and for the flows the service account
``prefect`` (role automation); that user's roles decide what they may do
(domain.identity).

Opening the database refuses with a stable code instead of a driver traceback:
``DB-INVALID-URL`` (not a database URL), ``DB-UNREACHABLE`` (no connection) and,
unless asked to create it, ``SETUP-NO-COMPANY`` for a SQLite file that does not
exist (only ``init`` and ``db upgrade`` create one: a mistyped LEDGERFLOW_HOME
must not leave an empty database behind).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from domain.app import App
from domain.bootstrap import build_app
from domain.identity.rules import DEFAULT_ADMINISTRATOR, FLOW_USER
from domain.problems import DomainError, Problem, Rejected, RejectedError
from ocr.archive import private_dir

#: the languages problems are told in (domain.message_texts); LEDGERFLOW_LANG chooses one
LANGUAGES = ("en", "nb", "nl")
_LANGUAGE_ALIASES = {"no": "nb", "nn": "nb"}


def home() -> Path:
    return Path(os.environ.get("LEDGERFLOW_HOME", "./var")).resolve()


def database_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get("LEDGERFLOW_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{home() / 'ledgerflow.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    user: str
    home: Path

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"


def acting_user(explicit: str | None = None, default: str = DEFAULT_ADMINISTRATOR) -> str:
    """Who acts: ``explicit`` (--user), else LEDGERFLOW_USER, else ``default``."""
    return explicit or os.environ.get("LEDGERFLOW_USER") or default


def load(db: str | None = None, user: str | None = None) -> Settings:
    """The CLI's settings: nobody named means init's administrator."""
    return Settings(database_url(db), acting_user(user), home())


def load_for_flows() -> Settings:
    """The flows' settings: nobody named means the service account ``prefect``."""
    return Settings(database_url(), acting_user(None, FLOW_USER), home())


def language() -> str | None:
    """LEDGERFLOW_LANG (en, nb or nl; ``nb_NO.UTF-8`` reads as nb), or None when unset or unknown."""
    value = os.environ.get("LEDGERFLOW_LANG", "").strip().lower()[:2]
    value = _LANGUAGE_ALIASES.get(value, value)
    return value if value in LANGUAGES else None


def sqlite_path(db_url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one);
    DB-INVALID-URL when ``db_url`` is not a database URL at all."""
    try:
        url = make_url(db_url)
    except (ArgumentError, ValueError) as exc:
        raise DomainError("DB-INVALID-URL", f"not a database URL ({exc})", error=str(exc)) from None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


sqlite_file = sqlite_path


def _owner_only_once_created(app: App, path: Path) -> None:
    """SQLite creates a new database file by the umask (0644): make it 0600 at the first
    connection, with its -wal and -shm (SQLite gives those the database file's mode)."""
    def tighten(*_args) -> None:
        for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            with contextlib.suppress(OSError):
                os.chmod(part, 0o600)

    event.listen(app.engine, "connect", tighten)


def open_app(settings: Settings, migrate: bool = False, surface: str = "cli", create: bool = True) -> App:
    """An App for ``settings``, connected; migrates when asked. ``surface`` (cli | flow) is
    recorded in the audit of setup changes. A SQLite file (and its folder) is created only
    with ``create`` (or ``migrate``).

    Invoices, bank accounts and amounts are private: a data directory created here is
    owner-only (0700) and a new SQLite database 0600 (an existing one keeps its mode;
    ``ledgerflow doctor`` reports it when others can read it).
    """
    db_file = sqlite_path(settings.db_url)
    new_file = db_file is not None and not db_file.exists()
    if new_file and not (create or migrate):
        raise DomainError("SETUP-NO-COMPANY", f"no database at {db_file}: run `ledgerflow init --country NO|NL` "
                                              "first (or set LEDGERFLOW_HOME / --db)", database=str(db_file))
    if db_file is not None:
        private_dir(db_file.parent)
    try:
        app = dataclasses.replace(build_app(settings.db_url, settings.user), surface=surface)
    except (ArgumentError, NoSuchModuleError, ValueError, TypeError) as exc:
        raise DomainError("DB-INVALID-URL", f"not a database URL ({exc})", error=str(exc)) from None
    if new_file:
        _owner_only_once_created(app, db_file)
    _connect(app, settings.db_url)
    if migrate:
        _migrate(app)
    return app


def _connect(app: App, db_url: str) -> None:
    try:
        with app.engine.connect():
            pass
    except (DBAPIError, TypeError) as exc:  # TypeError: a URL option the driver does not know
        app.dispose()
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        where = make_url(db_url).render_as_string(hide_password=True)
        raise DomainError("DB-UNREACHABLE", f"cannot connect to {where}: {reason}", url=where,
                          error=reason) from None


def _migrate(app: App) -> None:
    """Bring the database up to date; connected as a role that does not own the tables (the
    application role of docs/operations.md) a pending migration is refused with a code."""
    from sqlalchemy.exc import ProgrammingError

    import migrations

    try:
        migrations.upgrade(app.engine)
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        problem = Problem("DB-MIGRATE-NOT-OWNER", "db", {"user": app.engine.url.username})
        raise RejectedError(Rejected([problem])) from None


@functools.lru_cache(maxsize=4)
def _cached_app(db_url: str, user: str) -> App:
    return open_app(Settings(db_url, user, home()), surface="flow")


def flow_app(user: str | None = None) -> App:
    """The App a flow run works with: one per process and database (one engine
    pool), built on first use, never at import; ``user`` acts instead of the
    configured user (LEDGERFLOW_USER, default the service account ``prefect``) without a
    second pool."""
    config = load_for_flows()
    base = _cached_app(config.db_url, config.user)
    return dataclasses.replace(base, user=user) if user else base
