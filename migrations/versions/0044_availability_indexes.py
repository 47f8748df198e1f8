"""indexes for availability by item: open purchase / sales order lines and transfer lines of an item

Availability of one item (by event, by period, the stock-out check) reads the open order lines
of that item at a location; without these indexes it walks every open order's lines.

Revision ID: 0044
Revises: 0037
"""
import sqlalchemy as sa
from alembic import op

revision = "0044"
down_revision = "0037"
branch_labels = None
depends_on = None

#: (index name, table, columns)
INDEXES = (
    ("ix_purchase_line_item_location", "purchase_line", ["no", "location_code"]),
    ("ix_sales_line_item_location", "sales_line", ["no", "location_code"]),
    ("ix_transfer_line_item", "transfer_line", ["item_no"]),
)


def upgrade() -> None:
    """Idempotent: a database stamped back with the indexes in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    for name, table, columns in INDEXES:
        if name not in {index["name"] for index in inspector.get_indexes(table)}:
            op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
