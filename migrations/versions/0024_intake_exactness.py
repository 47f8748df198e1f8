"""intake exactness: prepayment and rounding accounts, item references, GTINs on incoming lines

Item references (BC "Item Reference"): a vendor's item number or a bar code (GTIN/EAN) for
an item, which intake maps invoice lines by; incoming document lines keep the GTIN printed
on them (UBL StandardItemIdentification).

Vendor posting groups: the accounts of an e-invoice's prepaid amount and payable rounding.

EN 16931 invoices may print a prepaid amount (BT-113) and a payable rounding amount
(BT-114): what the vendor ledger owes is the payable amount (BT-115), with the
prepayment deducted on a prepayment account and the rounding on an invoice rounding
account, as Business Central posts them (Purch. Prepayments Account, Invoice Rounding
Account). Two nullable columns; ``init`` fills them for its charts, existing databases
set them with ``ledgerflow setup vendor-posting-group``.

Revisions 0016-0023 were written in parallel; on this branch it follows 0015 and the lead
re-points down_revision when merging.

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

COLUMNS = ("prepayment_account", "invoice_rounding_account")


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    present = {c["name"] for c in inspector.get_columns("vendor_posting_group")}
    for name in COLUMNS:
        if name not in present:
            op.add_column("vendor_posting_group", sa.Column(name, sa.String(20), nullable=True))
    if "standard_item_no" not in {c["name"] for c in inspector.get_columns("incoming_document_line")}:
        op.add_column("incoming_document_line", sa.Column("standard_item_no", sa.String(50), nullable=True))
    if not inspector.has_table("item_reference"):
        op.create_table(
            "item_reference",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("item_no", sa.String(20), nullable=False),
            sa.Column("reference_type", sa.String(10), nullable=False),
            sa.Column("reference_type_no", sa.String(20), nullable=False),
            sa.Column("reference_no", sa.String(50), nullable=False),
            sa.Column("unit_of_measure", sa.String(20), nullable=True),
            sa.Column("description", sa.String(250), nullable=False),
            sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_item_reference_item_no_item")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_item_reference")),
            sa.UniqueConstraint("reference_type", "reference_type_no", "reference_no",
                                name=op.f("uq_item_reference_reference_type_reference_type_no_reference_no")),
        )
        op.create_index(op.f("ix_item_reference_item_no"), "item_reference", ["item_no"])


def downgrade() -> None:
    op.drop_index(op.f("ix_item_reference_item_no"), table_name="item_reference")
    op.drop_table("item_reference")
    with op.batch_alter_table("incoming_document_line") as batch:
        batch.drop_column("standard_item_no")
    with op.batch_alter_table("vendor_posting_group") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
