"""incoming document: the vendor invoice no. normalised and indexed, for the duplicate check

Registering a document asks whether the same vendor already sent the same invoice no. Before,
that read the invoice no. of every earlier document of the vendor and compared them in Python:
the cost grew with the vendor's history (thousands of invoices over the years). Now the
normalised number (as ``purchase_header.vendor_invoice_no_norm``: no case, spaces, dashes,
dots, underscores or slashes) is a column with an index on (vendor_no, invoice_no_norm), kept by
registration and by corrections; existing documents are filled from their ``invoice_no`` field.

Revision ID: 0048
Revises: 0047
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0048"
down_revision = "0047"
branch_labels = None
depends_on = None

INDEX = "ix_incoming_document_vendor_invoice_no_norm"


def _norm(value: str) -> str:
    """Frozen copy of domain.identifiers.normalise_document_no as of this revision."""
    return re.sub(r"[\s\-_./]", "", value).upper()


def upgrade() -> None:
    """Idempotent: a database stamped back with the column in place upgrades again."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "invoice_no_norm" not in {c["name"] for c in inspector.get_columns("incoming_document")}:
        op.add_column("incoming_document", sa.Column("invoice_no_norm", sa.String(50), nullable=True))
    if INDEX not in {ix["name"] for ix in inspector.get_indexes("incoming_document")}:
        op.create_index(INDEX, "incoming_document", ["vendor_no", "invoice_no_norm"])
    rows = bind.execute(sa.text(
        "SELECT entry_no, value FROM incoming_document_field WHERE name = 'invoice_no' AND value IS NOT NULL")).all()
    if rows:
        bind.execute(sa.text("UPDATE incoming_document SET invoice_no_norm = :norm WHERE entry_no = :entry"),
                     [{"entry": entry_no, "norm": _norm(value)[:50] or None} for entry_no, value in rows])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="incoming_document")
    with op.batch_alter_table("incoming_document") as batch:
        batch.drop_column("invoice_no_norm")
