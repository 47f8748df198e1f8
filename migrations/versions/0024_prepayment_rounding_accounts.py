"""vendor posting groups: the accounts of an e-invoice's prepaid amount and payable rounding

EN 16931 invoices may print a prepaid amount (BT-113) and a payable rounding amount
(BT-114): what the vendor ledger owes is the payable amount (BT-115), with the
prepayment deducted on a prepayment account and the rounding on an invoice rounding
account, as Business Central posts them (Purch. Prepayments Account, Invoice Rounding
Account). Two nullable columns; ``init`` fills them for its charts, existing databases
set them with ``ledgerflow setup vendor-posting-group``.

Revisions 0016-0023 were written in parallel; on this branch it follows 0015 and the lead
re-points down_revision when merging.

Revision ID: 0024
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = ("prepayment_account", "invoice_rounding_account")


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("vendor_posting_group")}
    for name in COLUMNS:
        if name not in present:
            op.add_column("vendor_posting_group", sa.Column(name, sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vendor_posting_group") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
