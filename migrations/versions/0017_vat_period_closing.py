"""VAT period closing; vendor payment proposals

The company records the last day of the last closed VAT period.

``company.vat_closed_through`` (nullable date): when a VAT return period is closed
(`ledgerflow report vat-return --period P --close`) it moves to the period's last day, and the
ledger writer refuses any posting with VAT entries dated on or before it (VAT-PERIOD-CLOSED).

``payment_proposal`` / ``payment_proposal_line``: vendor payment proposals (`payments suggest`),
one line per credit transfer of the pain.001 file, posted by `payments confirm`.

Revision 0016 (SAF-T standard tax codes on the VAT posting setup) is written in parallel and
was not on main when this branch was made: this revision revises "0016" as the lead assigned;
the lead fixes the chain at merge.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

from migrations import frozen

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back to 0016 with the column in place upgrades again."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("company")}
    if "vat_closed_through" not in columns:
        with op.batch_alter_table("company") as batch:
            batch.add_column(sa.Column("vat_closed_through", sa.Date(), nullable=True))
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("payment_proposal"):
        _create_proposals()


def _create_proposals() -> None:
    op.create_table(
        "payment_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("no", sa.String(length=20), nullable=False),
        sa.Column("due_by", sa.Date(), nullable=False),
        sa.Column("execution_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("message_id", sa.String(length=35), nullable=False),
        sa.Column("created_by", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=20), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_proposal")),
        sa.UniqueConstraint("no", name=op.f("uq_payment_proposal_no")),
    )
    op.create_table(
        "payment_proposal_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("vendor_no", sa.String(length=20), nullable=False),
        sa.Column("vendor_name", sa.String(length=250), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", frozen.ExactNumeric(precision=18, scale=2), nullable=False),
        sa.Column("discount", frozen.ExactNumeric(precision=18, scale=2), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bank_account_no", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=50), nullable=False),
        sa.Column("remittance", sa.String(length=250), nullable=False),
        sa.Column("applies_to", sa.String(length=2000), nullable=False),
        sa.Column("payment_document_no", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["proposal_id"], ["payment_proposal.id"], ondelete="CASCADE",
                                name=op.f("fk_payment_proposal_line_proposal_id_payment_proposal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_proposal_line")),
    )
    op.create_index(op.f("ix_payment_proposal_line_proposal_id"), "payment_proposal_line", ["proposal_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_payment_proposal_line_proposal_id"), table_name="payment_proposal_line")
    op.drop_table("payment_proposal_line")
    op.drop_table("payment_proposal")
    with op.batch_alter_table("company") as batch:
        batch.drop_column("vat_closed_through")
