"""reservation entries (BC Reservation Entry): stock, a purchase or inbound transfer line held for a sales line

Revision ID: 0036
Revises: 0035
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

QTY = ExactNumeric(18, 5)
INDEXED = ("item_no", "sales_line_id", "item_ledger_entry_no", "purchase_line_id", "transfer_order_no")
#: exactly one supply: an item ledger entry, a purchase order line or an inbound transfer order line
ONE_SUPPLY = ("(CASE WHEN item_ledger_entry_no IS NULL THEN 0 ELSE 1 END) + (CASE WHEN purchase_line_id IS NULL "
              "THEN 0 ELSE 1 END) + (CASE WHEN transfer_order_no IS NULL THEN 0 ELSE 1 END) = 1")


def upgrade() -> None:
    """Idempotent: a database stamped back with the table in place upgrades again."""
    if sa.inspect(op.get_bind()).has_table("reservation_entry"):
        return
    op.create_table(
        "reservation_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("location_code", sa.String(20), nullable=False),
        sa.Column("quantity", QTY, nullable=False),
        sa.Column("sales_line_id", sa.Integer(), nullable=False),
        sa.Column("item_ledger_entry_no", sa.Integer(), nullable=True),
        sa.Column("purchase_line_id", sa.Integer(), nullable=True),
        sa.Column("transfer_order_no", sa.String(20), nullable=True),
        sa.Column("transfer_line_no", sa.Integer(), nullable=True),
        sa.Column("serial_no", sa.String(50), nullable=True),
        sa.Column("lot_no", sa.String(50), nullable=True),
        sa.Column("created_by", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.CheckConstraint(ONE_SUPPLY, name=op.f("ck_reservation_entry_one_supply")),
        sa.ForeignKeyConstraint(["transfer_order_no", "transfer_line_no"],
                                ["transfer_line.order_no", "transfer_line.line_no"], ondelete="CASCADE",
                                name=op.f("fk_reservation_entry_transfer_order_no_transfer_line")),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_reservation_entry_item_no_item")),
        sa.ForeignKeyConstraint(["sales_line_id"], ["sales_line.id"], ondelete="CASCADE",
                                name=op.f("fk_reservation_entry_sales_line_id_sales_line")),
        sa.ForeignKeyConstraint(["item_ledger_entry_no"], ["item_ledger_entry.entry_no"],
                                name=op.f("fk_reservation_entry_item_ledger_entry_no_item_ledger_entry")),
        sa.ForeignKeyConstraint(["purchase_line_id"], ["purchase_line.id"], ondelete="CASCADE",
                                name=op.f("fk_reservation_entry_purchase_line_id_purchase_line")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation_entry")),
    )
    for column in INDEXED:
        op.create_index(op.f(f"ix_reservation_entry_{column}"), "reservation_entry", [column])


def downgrade() -> None:
    for column in INDEXED:
        op.drop_index(op.f(f"ix_reservation_entry_{column}"), "reservation_entry")
    op.drop_table("reservation_entry")
