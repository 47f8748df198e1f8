"""prepayments: Prepayment % on cards, orders and order lines; prepayment accounts; the check

Business Central's prepayments ("Set Up Prepayments", "Create Prepayment Invoices"):
a Prepayment % on the vendor, customer and item card that an order header and its lines
take (a line may name its own), what the order's lines have had invoiced as prepayment
and what the final invoices have deducted, the Purch. / Sales Prepayments Account of the
general posting setup, and "Check Prepmt. when Posting" (Purchases & Payables and Sales &
Receivables Setup: here on the company). ``prepayment_document`` names the posted
invoices and credit memos that are an order's prepayment documents.

Columns are added with a server default of 0 / false, so existing rows read as "no
prepayment". ``init`` fills the accounts for its charts; an existing database sets them
with ``ledgerflow setup prepayments``.

Revision ID: 0026
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

from migrations import frozen

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

PCT = {"vendor": ("prepayment_pct",), "customer": ("prepayment_pct",), "item": ("prepayment_pct",),
       "purchase_header": ("prepayment_pct",), "sales_header": ("prepayment_pct",),
       "purchase_line": ("prepayment_pct",), "sales_line": ("prepayment_pct",)}
AMOUNTS = {"purchase_line": ("prepmt_amt_inv", "prepmt_amt_deducted"),
           "sales_line": ("prepmt_amt_inv", "prepmt_amt_deducted")}
ACCOUNTS = ("sales_prepayments_account", "purch_prepayments_account")
CHECKS = ("sales_check_prepmt", "purch_check_prepmt")


def _add(table: str, columns: list[sa.Column]) -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    missing = [c for c in columns if c.name not in present]
    if missing:
        with op.batch_alter_table(table) as batch:
            for column in missing:
                batch.add_column(column)


def _setup_version_triggers() -> None:
    """SQLite rebuilds general_posting_setup to add its foreign keys, and a rebuilt table loses
    its triggers: give the setup tables their setup-version triggers again (idempotent)."""
    for statement in frozen.setup_version_trigger_sql(op.get_bind().dialect.name):
        op.execute(statement)


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    for table, names in PCT.items():
        _add(table, [sa.Column(n, frozen.ExactNumeric(precision=18, scale=10), nullable=False,
                               server_default="0") for n in names])
    for table, names in AMOUNTS.items():
        _add(table, [sa.Column(n, frozen.ExactNumeric(precision=18, scale=2), nullable=False,
                               server_default="0") for n in names])
    _add("general_posting_setup", [sa.Column(n, sa.String(20), sa.ForeignKey(
        "gl_account.no", name=op.f(f"fk_general_posting_setup_{n}_gl_account")), nullable=True)
        for n in ACCOUNTS])
    _add("company", [sa.Column(n, sa.Boolean(), nullable=False, server_default=sa.false()) for n in CHECKS])
    _setup_version_triggers()
    if not sa.inspect(op.get_bind()).has_table("prepayment_document"):
        op.create_table(
            "prepayment_document",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("side", sa.String(10), nullable=False),
            sa.Column("document_type", sa.String(15), nullable=False),
            sa.Column("posted_no", sa.String(20), nullable=False),
            sa.Column("order_no", sa.String(20), nullable=False),
            sa.Column("party_no", sa.String(20), nullable=False),
            sa.Column("posting_date", sa.Date(), nullable=False),
            sa.Column("amount", frozen.ExactNumeric(precision=18, scale=2), nullable=False),
            sa.Column("amount_including_vat", frozen.ExactNumeric(precision=18, scale=2), nullable=False),
            sa.Column("created_by", sa.String(20), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                      nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_prepayment_document")),
            sa.UniqueConstraint("side", "posted_no", name=op.f("uq_prepayment_document_side_posted_no")),
        )
        op.create_index(op.f("ix_prepayment_document_order_no"), "prepayment_document", ["order_no"])


def downgrade() -> None:
    op.drop_index(op.f("ix_prepayment_document_order_no"), table_name="prepayment_document")
    op.drop_table("prepayment_document")
    for table, names in {**PCT, "company": CHECKS, "general_posting_setup": ACCOUNTS}.items():
        with op.batch_alter_table(table) as batch:
            for name in names:
                batch.drop_column(name)
    for table, names in AMOUNTS.items():
        with op.batch_alter_table(table) as batch:
            for name in names:
                batch.drop_column(name)
    _setup_version_triggers()
