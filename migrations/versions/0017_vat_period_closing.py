"""VAT period closing: the last day of the last closed VAT period on the company

``company.vat_closed_through`` (nullable date): when a VAT return period is closed
(`ledgerflow report vat-return --period P --close`) it moves to the period's last day, and the
ledger writer refuses any posting with VAT entries dated on or before it (VAT-PERIOD-CLOSED).

Revision 0016 (SAF-T standard tax codes on the VAT posting setup) is written in parallel and
was not on main when this branch was made: this revision revises "0016" as the lead assigned;
the lead fixes the chain at merge.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

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


def downgrade() -> None:
    with op.batch_alter_table("company") as batch:
        batch.drop_column("vat_closed_through")
