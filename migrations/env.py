"""Alembic environment: runs against the engine handed in by migrations.upgrade."""

from alembic import context

from domain.orm import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` CLI use: take the URL from the environment
    from domain.db import make_engine
    from flows.settings import database_url

    engine = make_engine(database_url())

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
