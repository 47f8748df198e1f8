"""sales invoice lines that invoice posted shipment lines (BC Get Shipment Lines)

New column: sales_line.shipment_line_id, the posted shipment line (posted_sales_line.id) an
invoice line invoices (``sales get-shipment-lines``); existing rows: none. A plain nullable
column added with ADD COLUMN (no table rebuild on SQLite, so no trigger is lost).

Revision ID: 0039
Revises: 0038
"""
import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back with the column in place upgrades again."""
    if "shipment_line_id" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_line")}:
        op.add_column("sales_line", sa.Column("shipment_line_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sales_line") as batch:
        batch.drop_column("shipment_line_id")
