"""assemble to order: the item's assembly policy and the link between a sales order line and its assembly order

- ``item.assembly_policy``: BC Assembly Policy (stock | order).
- ``sales_line.qty_to_assemble_to_order`` and ``sales_line.assembly_order_no``: BC Qty. to
  Assemble to Order and the linked assembly order.
- ``assembly_header.sales_order_no`` / ``sales_order_line_no``: the sales line an
  assemble-to-order assembly order belongs to (BC Assemble-to-Order Link).

Plain ADD COLUMNs (no batch copy): SQLite keeps the tables' triggers.

Revision ID: 0040
Revises: 0039
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric, setup_version_trigger_sql

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None


def _columns(inspector, table: str) -> set[str]:
    return {c["name"] for c in inspector.get_columns(table)}


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if "assembly_policy" not in _columns(inspector, "item"):
        op.add_column("item", sa.Column("assembly_policy", sa.String(10), nullable=False, server_default="stock"))
    if "qty_to_assemble_to_order" not in _columns(inspector, "sales_line"):
        op.add_column("sales_line", sa.Column("qty_to_assemble_to_order", ExactNumeric(18, 5), nullable=False,
                                              server_default="0"))
        op.add_column("sales_line", sa.Column("assembly_order_no", sa.String(20), nullable=True))
    if "sales_order_no" not in _columns(inspector, "assembly_header"):
        op.add_column("assembly_header", sa.Column("sales_order_no", sa.String(20), nullable=True))
        op.add_column("assembly_header", sa.Column("sales_order_line_no", sa.Integer(), nullable=True))
        op.create_index(op.f("ix_assembly_header_sales_order_no"), "assembly_header", ["sales_order_no"])


def downgrade() -> None:
    op.drop_index(op.f("ix_assembly_header_sales_order_no"), table_name="assembly_header")
    for table, columns in (("assembly_header", ("sales_order_line_no", "sales_order_no")),
                           ("sales_line", ("assembly_order_no", "qty_to_assemble_to_order")),
                           ("item", ("assembly_policy",))):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
    # a batch copy of the item table loses its setup-version trigger on SQLite: give it back
    for statement in setup_version_trigger_sql(op.get_bind().dialect.name):
        op.execute(statement)
