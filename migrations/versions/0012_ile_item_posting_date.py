"""item ledger entries by item and posting date

Cost adjustment of an Average item from a date (average cost entry points) and
the inventory valuation as of a date filter an item's entries by posting date;
without this index both scan every entry of the item.

Revision ID: 0012
Revises: 0011
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ile_item_posting_date", "item_ledger_entry", ["item_no", "posting_date"])


def downgrade() -> None:
    op.drop_index("ix_ile_item_posting_date", table_name="item_ledger_entry")
