"""serial/lot numbers on sales lines; default locations of the company and the customer

Sales lines carry item tracking (BC Item Tracking Lines, one serial or lot no. per line
here) so that Specific-cost and tracked items can be sold on sales documents; the
company and each customer name a default location (BC Company Information and
Customer "Location Code") that a sales line without a location takes.

Numbered 0022 by the lead (helper holes-sales). On this branch it revises "0015" (the
last revision here, so that the branch's tests run); at merge it revises "0021", the
revision before it on main: the lead sets down_revision then.

Revision ID: 0022
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sales_line") as batch:
        batch.add_column(sa.Column("serial_no", sa.String(50), nullable=True))
        batch.add_column(sa.Column("lot_no", sa.String(50), nullable=True))
        batch.add_column(sa.Column("expiration_date", sa.Date(), nullable=True))
    for table in ("company", "customer"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("location_code", sa.String(20), nullable=False, server_default=""))


def downgrade() -> None:
    for table in ("company", "customer"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("location_code")
    with op.batch_alter_table("sales_line") as batch:
        batch.drop_column("expiration_date")
        batch.drop_column("lot_no")
        batch.drop_column("serial_no")
