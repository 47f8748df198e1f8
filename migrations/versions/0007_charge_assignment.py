"""item charge assignment over several item ledger entries (equally / by amount)

Revision ID: 0007
Revises: 0006_documents_out
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006_documents_out"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purchase_charge_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_line_id", sa.Integer(), nullable=False),
        sa.Column("item_ledger_entry_no", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["purchase_line_id"], ["purchase_line.id"], ondelete="CASCADE",
                                name=op.f("fk_purchase_charge_assignment_purchase_line_id_purchase_line")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_charge_assignment")),
        sa.UniqueConstraint("purchase_line_id", "item_ledger_entry_no",
                            name=op.f("uq_purchase_charge_assignment_purchase_line_id_item_ledger_entry_no")),
    )
    op.create_index(op.f("ix_purchase_charge_assignment_purchase_line_id"), "purchase_charge_assignment",
                    ["purchase_line_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_purchase_charge_assignment_purchase_line_id"), table_name="purchase_charge_assignment")
    op.drop_table("purchase_charge_assignment")
