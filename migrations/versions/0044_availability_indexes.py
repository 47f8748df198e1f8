"""indexes for availability by item: open purchase / sales order lines and transfer lines of an item;
phys_inventory_line loses its batch_name index

Availability of one item (by event, by period, the stock-out check) reads the open order lines
of that item at a location; without these indexes it walks every open order's lines.
phys_inventory_line's index on batch_name duplicates the first column of its unique constraint's
index; calculate inventory writes 10,000 lines a location, each filling every index.

Revision ID: 0044
Revises: 0043
"""
import sqlalchemy as sa
from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

#: (index name, table, columns)
INDEXES = (
    ("ix_purchase_line_item_location", "purchase_line", ["no", "location_code"]),
    ("ix_sales_line_item_location", "sales_line", ["no", "location_code"]),
    ("ix_transfer_line_item", "transfer_line", ["item_no"]),
)


#: the index dropped: (index name, table, columns)
REDUNDANT = ("ix_phys_inventory_line_batch_name", "phys_inventory_line", ["batch_name"])


def _names(table: str) -> set[str]:
    return {index["name"] for index in sa.inspect(op.get_bind()).get_indexes(table)}


def upgrade() -> None:
    """Idempotent: a database stamped back with the indexes in place upgrades again."""
    for name, table, columns in INDEXES:
        if name not in _names(table):
            op.create_index(name, table, columns)
    name, table, _ = REDUNDANT
    if name in _names(table):
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    name, table, columns = REDUNDANT
    op.create_index(name, table, columns)
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
