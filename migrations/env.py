"""Alembic environment: runs against the engine handed in by migrations.upgrade,
or, for plain `alembic` CLI use, against the database the application would use.

It imports nothing from the application (see migrations/frozen.py), with one
exception: autogenerate (`alembic revision --autogenerate`, `alembic check`)
compares the database with the models, so then, and only then, they are imported.
"""

import os
from pathlib import Path

from alembic import context
from sqlalchemy import create_engine

config = context.config


def _autogenerating() -> bool:
    """True for the commands that compare against the models: `alembic revision
    --autogenerate` and `alembic check` from the CLI, or a programmatic call
    that sets ``config.attributes["autogenerate"]``."""
    options = config.cmd_opts
    command = getattr(options, "cmd", None)
    return bool(config.attributes.get("autogenerate") or getattr(options, "autogenerate", False)
                or (command and command[0].__name__ == "check"))


def _database_url() -> str:
    """``sqlalchemy.url`` from the Alembic config, else what flows.settings.database_url
    gives without an explicit URL (repeated here so that migrations never import flows):
    LEDGERFLOW_DATABASE_URL, else ledgerflow.db under LEDGERFLOW_HOME (default ./var)."""
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("LEDGERFLOW_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(os.environ.get('LEDGERFLOW_HOME', './var')).resolve() / 'ledgerflow.db'}"


def _cli_engine():
    """A plain engine (domain.db.make_engine's driver choice, none of its session settings)."""
    url = _database_url()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url)


def _render_item(type_, obj, autogen_context):
    """Autogenerate writes the models' column types into the new revision; it
    writes ExactNumeric as ``frozen.ExactNumeric`` so the revision does not import the models."""
    if type_ == "type" and type(obj).__name__ == "ExactNumeric":
        autogen_context.imports.add("from migrations import frozen")
        return f"frozen.ExactNumeric({obj.precision}, {obj.scale})"
    return False


target_metadata = None
if _autogenerating():
    from domain.schema import Base  # every model: imported for autogenerate only

    target_metadata = Base.metadata

engine = config.attributes.get("engine")
own_engine = engine is None
if own_engine:
    engine = _cli_engine()

try:
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_item=_render_item,
                          render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
finally:
    if own_engine:
        engine.dispose()
