"""setup version: a number that changes with every change of posting setup

Posting looks accounts up in five setup tables. They change rarely, so the
services cache what they read, keyed by this number; a trigger on each table
sets it to a new random 63-bit value on every INSERT, UPDATE or DELETE (a
random value, not a counter: a rolled-back change must never give a number a
later committed change could get again). Reading the one row costs one round
trip instead of five.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import SETUP_VERSION_RANDOM, SETUP_VERSION_TABLES, setup_version_trigger_sql

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setup_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setup_version")),
    )
    dialect = op.get_bind().dialect.name
    op.execute(f"INSERT INTO setup_version (id, version) VALUES (1, {SETUP_VERSION_RANDOM[dialect]})")
    for statement in setup_version_trigger_sql(dialect):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in SETUP_VERSION_TABLES:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_setup_version ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_setup_version_{event}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS setup_version_bump()")
    op.drop_table("setup_version")
