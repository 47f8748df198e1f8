"""vendor layouts: where each vendor prints its invoice's header fields, learned from corrections

One row per vendor and field: the label the value follows (or stands under). Intake reads a
vendor's next invoices by these anchors before its generic extractor (ocr/learned.py).

Revision ID: 0025
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back with the table in place upgrades again."""
    if sa.inspect(op.get_bind()).has_table("vendor_layout"):
        return
    op.create_table(
        "vendor_layout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_no", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("label", sa.String(250), nullable=False),
        sa.Column("below", sa.Boolean(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.ForeignKeyConstraint(["vendor_no"], ["vendor.no"], name=op.f("fk_vendor_layout_vendor_no_vendor")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_layout")),
        sa.UniqueConstraint("vendor_no", "field", name=op.f("uq_vendor_layout_vendor_no_field")),
    )


def downgrade() -> None:
    op.drop_table("vendor_layout")
