"""Alembic migrations, applied by `ledgerflow init` and `ledgerflow db upgrade`.

The revisions form one chain, 0001 -> 0002 -> ... (one head, one base). A
database migrated while the history was branched, with one ``alembic_version``
row per branch, is given its one revision of the chain first (see
:mod:`migrations.legacy`). Nothing here or in the revisions imports the
application (see :mod:`migrations.frozen`).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from migrations import legacy

HERE = Path(__file__).parent


def _config(engine: Engine | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["engine"] = engine
    return config


def chain() -> list[str]:
    """The revisions, base first."""
    return [script.revision for script in reversed(list(ScriptDirectory.from_config(_config(None)).walk_revisions()))]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of ``engine`` to ``revision`` (default: the newest)."""
    with engine.begin() as conn:
        legacy.collapse(conn, chain())
    command.upgrade(_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revisions() -> tuple[str, ...]:
    return tuple(ScriptDirectory.from_config(_config(None)).get_heads())


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())
