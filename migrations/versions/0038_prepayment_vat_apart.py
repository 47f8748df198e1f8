"""prepayments: the prepaid net and VAT kept apart on order lines, and prepayment lines

Business Central keeps on an order line, next to Prepmt. Amt. Inv. and Prepmt Amt Deducted,
what the prepayment invoices took net and as VAT, in the document's currency and in LCY
(Prepmt. VAT Base Amt., Prepmt. Amount Inv. Incl. VAT, Prepmt. Amount Inv. (LCY), Prepmt. VAT
Amount Inv. (LCY)); the final invoices deduct exactly those. Here the same on
``purchase_line`` and ``sales_line``, invoiced and deducted, and ``purchase_line.prepayment_line``
(BC "Prepayment Line"): a purchase draft line whose net and VAT are decided already (a
prepayment invoice's, credit memo's or a final invoice's deduction line); it carries them in the
``prepmt_*_inv`` columns, as BC's temporary prepayment line does.

Columns are added with a server default of 0 / false. A line prepaid before this revision has
its Prepmt. Amt. Inv. and no split: its final invoices deduct as before (domain/purchasing/
prepayment_setup.py, ``legacy``).

Revision ID: 0038
Revises: 0037
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

AMOUNTS = ("prepmt_vat_base_inv", "prepmt_vat_amount_inv", "prepmt_amount_inv_lcy", "prepmt_vat_amount_inv_lcy",
           "prepmt_vat_base_deducted", "prepmt_vat_amount_deducted", "prepmt_amount_deducted_lcy",
           "prepmt_vat_amount_deducted_lcy")
TABLES = ("purchase_line", "sales_line")


def _present(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    """Idempotent; only ADD COLUMN (SQLite does not rebuild the tables, their triggers stay)."""
    for table in TABLES:
        present = _present(table)
        for name in AMOUNTS:
            if name not in present:
                op.add_column(table, sa.Column(name, ExactNumeric(precision=18, scale=2), nullable=False,
                                               server_default="0"))
    if "prepayment_line" not in _present("purchase_line"):
        op.add_column("purchase_line", sa.Column("prepayment_line", sa.Boolean(), nullable=False,
                                                 server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("purchase_line") as batch:
        batch.drop_column("prepayment_line")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for name in AMOUNTS:
                batch.drop_column(name)
