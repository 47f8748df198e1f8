"""counting periods for cycle counts (BC Phys. Invt. Counting Period)

- ``phys_invt_counting_period``: code, description, count frequency per year.
- ``item``: the counting period code, last counting period update, next counting start / end
  date, last physical inventory date (plain ADD COLUMNs: nullable, no foreign key).
- ``phys_inventory_batch.counting_period``: a batch made by ``calculate --counting-period``.

Revision ID: 0046
Revises: 0044
"""
import sqlalchemy as sa
from alembic import op

revision = "0046"
down_revision = "0044"
branch_labels = None
depends_on = None

ITEM_COLUMNS = (("counting_period_code", sa.String(20)), ("last_counting_period_update", sa.Date()),
                ("next_counting_start_date", sa.Date()), ("next_counting_end_date", sa.Date()),
                ("last_phys_invt_date", sa.Date()))


def _columns(inspector, table: str) -> set[str]:
    return {c["name"] for c in inspector.get_columns(table)}


def upgrade() -> None:
    """Idempotent: a database stamped back with the table in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("phys_invt_counting_period"):
        op.create_table(
            "phys_invt_counting_period",
            sa.Column("code", sa.String(10), nullable=False),
            sa.Column("description", sa.String(250), nullable=False),
            sa.Column("count_frequency", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("code", name=op.f("pk_phys_invt_counting_period")),
        )
    have = _columns(inspector, "item")
    for name, kind in ITEM_COLUMNS:
        if name not in have:
            op.add_column("item", sa.Column(name, kind, nullable=True))
    if "counting_period" not in _columns(inspector, "phys_inventory_batch"):
        op.add_column("phys_inventory_batch", sa.Column("counting_period", sa.Boolean(), nullable=False,
                                                        server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("phys_inventory_batch") as batch:
        batch.drop_column("counting_period")
    with op.batch_alter_table("item") as batch:
        for name, _kind in reversed(ITEM_COLUMNS):
            batch.drop_column(name)
    op.drop_table("phys_invt_counting_period")
