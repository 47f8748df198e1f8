"""cost adjustment read path: a covering index on item application entries (PostgreSQL).

Cost adjustment reads, per batch of items, the application entries of outbound
entries joined to the items' ledger entries. With only the plain index on
``item_ledger_entry_no`` PostgreSQL's planner prefers a parallel scan of the whole
table (about 150 ms a batch on a million entries); this partial index, carrying the
columns read, makes it an index-only nested loop (about 30 ms). SQLite plans the
join through the existing index and gets nothing here.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NAME = "ix_item_application_entry_outbound_cover"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index(NAME, "item_application_entry", ["item_ledger_entry_no"],
                    postgresql_include=["outbound_item_entry_no", "inbound_item_entry_no", "quantity", "fixed"],
                    postgresql_where=sa.text("outbound_item_entry_no IS NOT NULL"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(NAME, table_name="item_application_entry")
