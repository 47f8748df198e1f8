"""item text version: intake's description index stays valid until an item's text changes

Intake maps invoice lines to items by their descriptions among other things; with a
catalogue of thousands of items it keeps an index of their words per process instead of
reading every item for every document (domain.intake.mapping). The index is keyed by
``item_text_version``, one row whose number triggers on ``item`` renew (a random 63-bit
value, as ``setup_version`` of revision 0010) when an item is added, deleted, renumbered,
renamed, blocked or unblocked; cost and price updates do not touch it. And ``item`` gets an
index on ``vendor_item_no``, by which intake looks a line's item up.

Revision ID: 0047
Revises: 0046
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import SETUP_VERSION_RANDOM, item_text_version_trigger_sql

revision = "0047"
down_revision = "0046"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back with the table in place upgrades again."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if not inspector.has_table("item_text_version"):
        op.create_table(
            "item_text_version",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("version", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_item_text_version")),
        )
        op.execute(f"INSERT INTO item_text_version (id, version) VALUES (1, {SETUP_VERSION_RANDOM[bind.dialect.name]})")
    for statement in item_text_version_trigger_sql(bind.dialect.name):
        op.execute(statement)
    if "ix_item_vendor_item_no" not in {ix["name"] for ix in inspector.get_indexes("item")}:
        op.create_index(op.f("ix_item_vendor_item_no"), "item", ["vendor_item_no"])


def downgrade() -> None:
    op.drop_index(op.f("ix_item_vendor_item_no"), table_name="item")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS item_text_version ON item")
        op.execute("DROP FUNCTION IF EXISTS item_text_version_bump()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS item_text_version_{name}")
    op.drop_table("item_text_version")
