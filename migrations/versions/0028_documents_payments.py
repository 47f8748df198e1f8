"""documents and payments: the payment service link in invoice e-mails, HTML e-mail bodies, unapplications

- ``payment_service``: the one payment service whose URL template (with {amount}, {kid},
  {document_no}, {currency}, {customer_no}) makes the payment link in a sent invoice's e-mail.
- ``outbox_message.body_html``: the HTML part of an e-mail (the plain text part stays ``body``).
- ``ledger_unapplication``: an application of customer or vendor ledger entries that was undone
  (BC "Unapply Entries"): the application's transaction and the transaction that reversed it.

Revision ID: 0028
Revises: 0027
"""
import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back with the tables in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("payment_service"):
        op.create_table(
            "payment_service",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(50), nullable=False),
            sa.Column("url_template", sa.String(500), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_service")),
        )
    if "body_html" not in {c["name"] for c in inspector.get_columns("outbox_message")}:
        with op.batch_alter_table("outbox_message") as batch:
            batch.add_column(sa.Column("body_html", sa.Text(), nullable=True))
    if not inspector.has_table("ledger_unapplication"):
        op.create_table(
            "ledger_unapplication",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("party", sa.String(10), nullable=False),
            sa.Column("entry_no", sa.Integer(), nullable=False),
            sa.Column("application_transaction_no", sa.Integer(), nullable=False),
            sa.Column("transaction_no", sa.Integer(), nullable=False),
            sa.Column("posting_date", sa.Date(), nullable=False),
            sa.Column("user_id", sa.String(20), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                      nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_unapplication")),
            sa.UniqueConstraint("party", "application_transaction_no",
                                name=op.f("uq_ledger_unapplication_party_application_transaction_no")),
        )


def downgrade() -> None:
    op.drop_table("ledger_unapplication")
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_column("body_html")
    op.drop_table("payment_service")
