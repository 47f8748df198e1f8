"""units of measure per item, nonstock (catalog) items, variant codes on lines and entries

- ``item_unit_of_measure``: BC Item Unit of Measure (code, qty per base unit of measure).
- ``item.purch_unit_of_measure`` / ``item.sales_unit_of_measure``: the units lines default to.
- ``nonstock_item``: BC Nonstock Item (a vendor's catalog item, made an item when ordered).
- ``variant_code`` on purchase and sales lines and on item ledger entries; the item ledger
  entry's append-only guard is renewed with the column frozen.

Revision ID: 0037
Revises: 0036
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import (
    ExactNumeric,
    append_only_hardening_sql,
    append_only_trigger_sql_for,
)

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None


def _columns(inspector, table: str) -> set[str]:
    return {c["name"] for c in inspector.get_columns(table)}


def upgrade() -> None:
    """Idempotent: a database stamped back with the tables in place upgrades again."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if not inspector.has_table("item_unit_of_measure"):
        op.create_table(
            "item_unit_of_measure",
            sa.Column("item_no", sa.String(20), nullable=False),
            sa.Column("code", sa.String(20), nullable=False),
            sa.Column("qty_per_unit_of_measure", ExactNumeric(18, 5), nullable=False),
            sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_item_unit_of_measure_item_no_item")),
            sa.PrimaryKeyConstraint("item_no", "code", name=op.f("pk_item_unit_of_measure")),
        )
    if not inspector.has_table("nonstock_item"):
        op.create_table(
            "nonstock_item",
            sa.Column("entry_no", sa.String(20), nullable=False),
            sa.Column("vendor_no", sa.String(20), nullable=False),
            sa.Column("vendor_item_no", sa.String(20), nullable=False),
            sa.Column("description", sa.String(250), nullable=False),
            sa.Column("unit_cost", ExactNumeric(18, 6), nullable=False),
            sa.Column("unit_price", ExactNumeric(18, 6), nullable=False),
            sa.Column("unit_of_measure", sa.String(20), nullable=False),
            sa.Column("item_template", sa.String(20), nullable=True),
            sa.Column("item_no", sa.String(20), nullable=True),
            sa.ForeignKeyConstraint(["vendor_no"], ["vendor.no"], name=op.f("fk_nonstock_item_vendor_no_vendor")),
            sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_nonstock_item_item_no_item")),
            sa.PrimaryKeyConstraint("entry_no", name=op.f("pk_nonstock_item")),
            sa.UniqueConstraint("vendor_no", "vendor_item_no", name=op.f("uq_nonstock_item_vendor_no_vendor_item_no")),
        )
    if "purch_unit_of_measure" not in _columns(inspector, "item"):
        with op.batch_alter_table("item") as batch:
            batch.add_column(sa.Column("purch_unit_of_measure", sa.String(20), nullable=True))
            batch.add_column(sa.Column("sales_unit_of_measure", sa.String(20), nullable=True))
    for table in ("purchase_line", "sales_line"):
        if "variant_code" not in _columns(inspector, table):
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column("variant_code", sa.String(10), nullable=False, server_default=""))
    if "variant_code" not in _columns(inspector, "item_ledger_entry"):
        # a plain ADD COLUMN: a batch copy would drop the table's append-only triggers on SQLite
        op.add_column("item_ledger_entry",
                      sa.Column("variant_code", sa.String(10), nullable=False, server_default=""))
        _guard(bind.dialect.name, _frozen(bind))


#: the item ledger entry's columns that may change after posting (domain.ledger.model, 2026-12-06)
ILE_MUTABLE = {"remaining_quantity", "open", "invoiced_quantity", "completely_invoiced", "applied_entry_to_adjust"}


def _frozen(bind) -> tuple[str, ...]:
    """Every column the item ledger entry table has now, in table order, less the mutable ones: the
    columns another revision added before this one (an expiration date) stay frozen too."""
    return tuple(c["name"] for c in sa.inspect(bind).get_columns("item_ledger_entry") if c["name"] not in ILE_MUTABLE)


def _guard(dialect: str, frozen: tuple[str, ...]) -> None:
    """Renew the item ledger entry's update guard with ``frozen`` (SQLite creates a trigger only
    if none exists: drop it first; PostgreSQL: ``ENABLE ALWAYS`` again after the re-create)."""
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS item_ledger_entry_no_update")
    for statement in append_only_trigger_sql_for(dialect, [("item_ledger_entry", frozen)]):
        op.execute(statement)
    if dialect == "postgresql":
        for statement in append_only_hardening_sql(dialect, ["item_ledger_entry"]):
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    # the guard without the column first (SQLite drops a column only when no trigger names it)
    _guard(bind.dialect.name, tuple(c for c in _frozen(bind) if c != "variant_code"))
    op.drop_column("item_ledger_entry", "variant_code")
    for table in ("sales_line", "purchase_line"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("variant_code")
    with op.batch_alter_table("item") as batch:
        batch.drop_column("sales_unit_of_measure")
        batch.drop_column("purch_unit_of_measure")
    op.drop_table("nonstock_item")
    op.drop_table("item_unit_of_measure")
