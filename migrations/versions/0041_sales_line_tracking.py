"""several tracking entries on a sales line; Strict Expiration Posting on item tracking codes

- ``sales_line.tracking``: the line's serial/lot portions (BC Item Tracking Lines), the purchase
  line's shape (``[{serial_no | lot_no, quantity, expiration_date}]``, [] when untracked). A line
  with one serial/lot no. keeps it in ``serial_no`` / ``lot_no`` too; existing lines that name
  one get it as their single portion.
- ``item_tracking_code.strict_expiration``: BC "Strict Expiration Posting", apart from
  "Man. Expiration Date Entry Reqd." (``expiration_required``); codes made before take the
  value of ``expiration_required`` (they refused expired lots outbound already).

Plain ADD COLUMN (no batch copy): neither table loses a trigger.

Revision ID: 0041
Revises: 0040
"""
import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None


def _columns(inspector, table: str) -> set[str]:
    return {c["name"] for c in inspector.get_columns(table)}


def upgrade() -> None:
    """Idempotent: a database stamped back with the columns in place upgrades again."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "tracking" not in _columns(inspector, "sales_line"):
        op.add_column("sales_line", sa.Column("tracking", sa.JSON(), nullable=False, server_default="[]"))
        rows = bind.execute(sa.text(
            "SELECT id, quantity, serial_no, lot_no, expiration_date FROM sales_line "
            "WHERE serial_no IS NOT NULL OR lot_no IS NOT NULL")).all()
        for row_id, quantity, serial, lot, expiration in rows:
            portion = {"quantity": str(1 if serial else quantity)}
            if serial:
                portion["serial_no"] = serial
            if lot:
                portion["lot_no"] = lot
            if expiration:
                portion["expiration_date"] = str(expiration)[:10]
            bind.execute(sa.text("UPDATE sales_line SET tracking = :t WHERE id = :id")
                         .bindparams(sa.bindparam("t", type_=sa.JSON())), {"t": [portion], "id": row_id})
    if "strict_expiration" not in _columns(inspector, "item_tracking_code"):
        op.add_column("item_tracking_code", sa.Column("strict_expiration", sa.Boolean(), nullable=False,
                                                      server_default=sa.false()))
        op.execute("UPDATE item_tracking_code SET strict_expiration = expiration_required")


def downgrade() -> None:
    op.drop_column("item_tracking_code", "strict_expiration")
    op.drop_column("sales_line", "tracking")
