"""costing features from issue 16: indirect cost % and overhead rate, the standard cost worksheet,
non-deductible VAT

Items carry BC's Indirect Cost % and Overhead Rate, purchase lines their own Indirect Cost %
(defaulted from the item): a purchase posts the indirect part of the cost as an Indirect Cost
value entry against Overhead Applied. The standard cost worksheet (BC "Standard Cost
Worksheet") holds suggested new standard costs until they are implemented. VAT posting setup
gets BC's Non-Deductible VAT %, VAT entries the non-deductible amount; Inventory Setup BC's
Prevent Negative Inventory (on: today's behaviour).

Written in parallel with other branches; the lead re-points down_revision when merging.

Revision ID: 0029
Revises: 0028
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric, append_only_hardening_sql, append_only_trigger_sql_for

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

RATE = ExactNumeric(18, 10)
UNIT = ExactNumeric(18, 6)
_ADDED = (("item", "indirect_cost_pct", RATE), ("item", "overhead_rate", UNIT),
          ("purchase_line", "indirect_cost_pct", RATE), ("vat_posting_setup", "non_deductible_pct", RATE))
#: VAT entries (append-only: every column frozen) get the non-deductible amount
VAT_AMOUNT = "non_deductible_vat_amount"


def _guard(bind, frozen: tuple[str, ...]) -> None:
    """Renew the VAT entry's update guard so it freezes ``frozen`` (SQLite creates a trigger
    only if none exists: drop it first; PostgreSQL: ``ENABLE ALWAYS`` again after the re-create)."""
    dialect = bind.dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS vat_entry_no_update")
    for statement in append_only_trigger_sql_for(dialect, [("vat_entry", frozen)]):
        op.execute(statement)
    if dialect == "postgresql":
        for statement in append_only_hardening_sql(dialect, ["vat_entry"]):
            op.execute(statement)


def _vat_columns(bind) -> tuple[str, ...]:
    return tuple(c["name"] for c in sa.inspect(bind).get_columns("vat_entry"))


def upgrade() -> None:
    """Idempotent: a database stamped back with these already in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    for table, name, kind in _ADDED:
        if name not in {c["name"] for c in inspector.get_columns(table)}:
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column(name, kind, nullable=False, server_default="0"))
    if VAT_AMOUNT not in _vat_columns(op.get_bind()):
        # a plain ADD COLUMN (a batch copy would drop the append-only triggers on SQLite), then
        # the guard renewed with the new column frozen like every other
        op.add_column("vat_entry", sa.Column(VAT_AMOUNT, ExactNumeric(18, 2), nullable=False, server_default="0"))
        _guard(op.get_bind(), _vat_columns(op.get_bind()))
    if "prevent_negative_inventory" not in {c["name"] for c in inspector.get_columns("inventory_setup")}:
        with op.batch_alter_table("inventory_setup") as batch:
            batch.add_column(sa.Column("prevent_negative_inventory", sa.Boolean(), nullable=False,
                                       server_default=sa.true()))
    if not inspector.has_table("standard_cost_worksheet"):
        op.create_table(
            "standard_cost_worksheet",
            sa.Column("item_no", sa.String(20), nullable=False),
            sa.Column("standard_cost", UNIT, nullable=False),
            sa.Column("new_standard_cost", UNIT, nullable=False),
            sa.Column("suggested_from", sa.String(20), nullable=False),
            sa.Column("created_by", sa.String(20), nullable=True),
            sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_standard_cost_worksheet_item_no_item")),
            sa.PrimaryKeyConstraint("item_no", name=op.f("pk_standard_cost_worksheet")),
        )


def downgrade() -> None:
    op.drop_table("standard_cost_worksheet")
    with op.batch_alter_table("inventory_setup") as batch:
        batch.drop_column("prevent_negative_inventory")
    for table, name, _ in reversed(_ADDED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(name)
    _guard(op.get_bind(), tuple(c for c in _vat_columns(op.get_bind()) if c != VAT_AMOUNT))
    op.drop_column("vat_entry", VAT_AMOUNT)
