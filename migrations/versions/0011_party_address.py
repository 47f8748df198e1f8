"""postal address of vendors and customers (BC Address, Post Code, City)

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = (("address", sa.String(250)), ("post_code", sa.String(20)), ("city", sa.String(60)))


def upgrade() -> None:
    for table in ("vendor", "customer"):
        with op.batch_alter_table(table) as batch:
            for name, type_ in COLUMNS:
                batch.add_column(sa.Column(name, type_, nullable=False, server_default=""))


def downgrade() -> None:
    for table in ("vendor", "customer"):
        with op.batch_alter_table(table) as batch:
            for name, _ in COLUMNS:
                batch.drop_column(name)
