"""reservations for transfer and assembly demand, against assembly orders

- ``reservation_entry.sales_line_id`` may be empty: the demand is a sales order line, an
  outbound transfer order line (``outbound_transfer_order_no`` / ``_line_no``) or an assembly
  component line (``component_order_no`` / ``component_line_no``): exactly one (``one_demand``).
- ``reservation_entry.assembly_order_no``: an assembly order's output as supply; ``one_supply``
  now counts four supplies.

On SQLite the batch rebuilds the table; reservation_entry has no triggers to re-create.

Revision ID: 0043
Revises: 0042
"""
import sqlalchemy as sa
from alembic import op

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None


def _one_of(*columns: str) -> str:
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


OLD_SUPPLY = _one_of("item_ledger_entry_no", "purchase_line_id", "transfer_order_no")
ONE_SUPPLY = _one_of("item_ledger_entry_no", "purchase_line_id", "transfer_order_no", "assembly_order_no")
ONE_DEMAND = _one_of("sales_line_id", "outbound_transfer_order_no", "component_order_no")
INDEXED = ("outbound_transfer_order_no", "component_order_no", "assembly_order_no")


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("reservation_entry")}
    if "assembly_order_no" in columns:
        return
    with op.batch_alter_table("reservation_entry") as batch:
        batch.alter_column("sales_line_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("outbound_transfer_order_no", sa.String(20), nullable=True))
        batch.add_column(sa.Column("outbound_transfer_line_no", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("component_order_no", sa.String(20), nullable=True))
        batch.add_column(sa.Column("component_line_no", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("assembly_order_no", sa.String(20), nullable=True))
        batch.drop_constraint(op.f("ck_reservation_entry_one_supply"), type_="check")
        batch.create_check_constraint(op.f("ck_reservation_entry_one_supply"), sa.text(ONE_SUPPLY))
        batch.create_check_constraint(op.f("ck_reservation_entry_one_demand"), sa.text(ONE_DEMAND))
        batch.create_foreign_key(
            op.f("fk_reservation_entry_outbound_transfer_order_no_transfer_line"), "transfer_line",
            ["outbound_transfer_order_no", "outbound_transfer_line_no"], ["order_no", "line_no"], ondelete="CASCADE")
        batch.create_foreign_key(
            op.f("fk_reservation_entry_component_order_no_assembly_line"), "assembly_line",
            ["component_order_no", "component_line_no"], ["order_no", "line_no"], ondelete="CASCADE")
        batch.create_foreign_key(
            op.f("fk_reservation_entry_assembly_order_no_assembly_header"), "assembly_header",
            ["assembly_order_no"], ["no"], ondelete="CASCADE")
    for column in INDEXED:
        op.create_index(op.f(f"ix_reservation_entry_{column}"), "reservation_entry", [column])


def downgrade() -> None:
    """Back to sales demand only: the other reservations are working data and are dropped."""
    op.execute("DELETE FROM reservation_entry WHERE sales_line_id IS NULL OR assembly_order_no IS NOT NULL")
    for column in INDEXED:
        op.drop_index(op.f(f"ix_reservation_entry_{column}"), "reservation_entry")
    with op.batch_alter_table("reservation_entry") as batch:
        batch.drop_constraint(op.f("fk_reservation_entry_assembly_order_no_assembly_header"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_reservation_entry_component_order_no_assembly_line"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_reservation_entry_outbound_transfer_order_no_transfer_line"),
                              type_="foreignkey")
        batch.drop_constraint(op.f("ck_reservation_entry_one_demand"), type_="check")
        batch.drop_constraint(op.f("ck_reservation_entry_one_supply"), type_="check")
        batch.create_check_constraint(op.f("ck_reservation_entry_one_supply"), sa.text(OLD_SUPPLY))
        for column in ("assembly_order_no", "component_line_no", "component_order_no", "outbound_transfer_line_no",
                       "outbound_transfer_order_no"):
            batch.drop_column(column)
        batch.alter_column("sales_line_id", existing_type=sa.Integer(), nullable=False)
