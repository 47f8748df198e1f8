"""statutory audit files: SAF-T grouping codes on G/L accounts, SAF-T standard tax codes on the
VAT posting setup (sales and purchase side), the company's contact person

Revision ID: 0016
Revises: 0015

(Numbered 0016 by the lead for the saft-xaf branch; if another branch took 0016 first, the lead
renumbers this one at merge.)
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = {
    "gl_account": (("grouping_category", sa.String(80)), ("grouping_code", sa.String(20))),
    "vat_posting_setup": (("sales_standard_tax_code", sa.String(2)), ("purchase_standard_tax_code", sa.String(2))),
    "company": (("contact_name", sa.String(100)),),
}


def upgrade() -> None:
    """Idempotent: a database stamped back to 0015 with these columns in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    for table, columns in COLUMNS.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        missing = [(name, type_) for name, type_ in columns if name not in present]
        if missing:
            with op.batch_alter_table(table) as batch:
                for name, type_ in missing:
                    batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, _ in columns:
                batch.drop_column(name)
