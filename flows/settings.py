"""Settings and bootstrap: where data lives, which database, who acts, in which language.

Nothing here runs at import time; the CLI and the flows call these functions.
Precedence: command-line option, then environment, then default.

Opening the database refuses with a stable code instead of a driver traceback:
``DB-INVALID-URL`` (not a database URL), ``DB-UNREACHABLE`` (no connection) and,
unless asked to create it, ``SETUP-NO-COMPANY`` for a SQLite file that does not
exist (only ``init`` and ``db upgrade`` create one: a mistyped LEDGERFLOW_HOME
must not leave an empty database behind).
"""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from domain.app import App
from domain.bootstrap import build_app
from domain.problems import DomainError

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


def language() -> str | None:
    """LEDGERFLOW_LANG (en, nb or nl; ``nb_NO.UTF-8`` reads as nb), or None when unset or unknown."""
    value = os.environ.get("LEDGERFLOW_LANG", "").strip().lower()[:2]
    value = _LANGUAGE_ALIASES.get(value, value)
    return value if value in LANGUAGES else None


def sqlite_file(db_url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one);
    DB-INVALID-URL when ``db_url`` is not a database URL at all."""
    try:
        url = make_url(db_url)
    except (ArgumentError, ValueError) as exc:
        raise DomainError("DB-INVALID-URL", f"not a database URL ({exc})", error=str(exc)) from None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def open_app(settings: Settings, migrate: bool = False, create: bool = True) -> App:
    """An App for ``settings``, connected; migrates when asked. A SQLite file (and its
    folder) is created only with ``create`` (or ``migrate``)."""
    path = sqlite_file(settings.db_url)
    if path is not None and not path.exists():
        if not (create or migrate):
            raise DomainError("SETUP-NO-COMPANY", f"no database at {path}: run `ledgerflow init --country NO|NL` "
                                                  "first (or set LEDGERFLOW_HOME / --db)", database=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        app = build_app(settings.db_url, settings.user)
    except (ArgumentError, NoSuchModuleError, ValueError, TypeError) as exc:
        raise DomainError("DB-INVALID-URL", f"not a database URL ({exc})", error=str(exc)) from None
    _connect(app, settings.db_url)
    if migrate:
        import migrations

        migrations.upgrade(app.engine)
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
