"""units of measure on orders: the base unit's rounding precision

- ``item_unit_of_measure.qty_rounding_precision``: BC Qty. Rounding Precision (0: none, the
  quantity columns' 0.00001). On the base unit it is the step a line's Quantity (Base) must
  fall on (1: whole pieces), so an order of 1.1 BOX of 12 PCS is refused.

Revision ID: 0042
Revises: 0041
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back with the column in place upgrades again. A plain
    ADD COLUMN (no table rebuild on SQLite, so no trigger is lost)."""
    inspector = sa.inspect(op.get_bind())
    if "qty_rounding_precision" not in {c["name"] for c in inspector.get_columns("item_unit_of_measure")}:
        op.add_column("item_unit_of_measure", sa.Column("qty_rounding_precision", ExactNumeric(18, 5),
                                                        nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("item_unit_of_measure") as batch:
        batch.drop_column("qty_rounding_precision")
