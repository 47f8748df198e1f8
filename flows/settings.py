"""Settings and bootstrap: where data lives, which database, who acts.

Nothing here runs at import time; the CLI and the flows call these functions.
Precedence: command-line option, then environment, then default.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from domain.app import App
from domain.bootstrap import build_app
from domain.problems import Problem, Rejected, RejectedError


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
    user: str | None
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


def load(db: str | None = None, user: str | None = None) -> Settings:
    return Settings(database_url(db), user or os.environ.get("LEDGERFLOW_USER"), home())


def open_app(settings: Settings, migrate: bool = False) -> App:
    """An App for ``settings``; creates the data dir for SQLite and migrates when asked."""
    if settings.db_url.startswith("sqlite:///"):
        Path(settings.db_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    app = build_app(settings.db_url, settings.user)
    if migrate:
        _migrate(app)
    return app


def _migrate(app: App) -> None:
    """Bring the database up to date; connected as a role that does not own the tables (the
    application role of docs/operations.md) a pending migration is refused with a code."""
    import migrations
    from sqlalchemy.exc import ProgrammingError

    try:
        migrations.upgrade(app.engine)
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        problem = Problem("DB-MIGRATE-NOT-OWNER", "db", {"user": app.engine.url.username})
        raise RejectedError(Rejected([problem])) from None


@functools.lru_cache(maxsize=4)
def _cached_app(db_url: str, user: str | None) -> App:
    return open_app(Settings(db_url, user, home()))


def flow_app(user: str | None = None) -> App:
    """The App a flow run works with: one per process and database (one engine
    pool), built on first use, never at import; ``user`` acts instead of the
    configured user (default ``prefect``) without a second pool."""
    config = load(user=None)
    base = _cached_app(config.db_url, config.user or "prefect")
    return dataclasses.replace(base, user=user) if user else base
