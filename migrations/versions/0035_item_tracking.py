"""item tracking on documents: item tracking codes, tracking on purchase lines, expiration dates

New table item_tracking_code (BC Item Tracking Codes: serial-specific, lot-specific,
"Man. Expiration Date Entry Reqd." and strict expiration posting in one flag). New columns:
item.item_tracking_code (no code: the item is tracked only as before, by its costing method
and its stock), purchase_line.tracking (the line's serial/lot portions, [] when untracked),
item_ledger_entry.expiration_date (the lot's or unit's expiration date; existing rows: none).
The item ledger entry's append-only guard is renewed with the new column frozen too.

Revision ID: 0035
Revises: 0034
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import APPEND_ONLY_COLUMNS, append_only_trigger_sql_for

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

ILE = "item_ledger_entry"


def upgrade() -> None:
    """Idempotent: a database stamped back with these already in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("item_tracking_code"):
        op.create_table(
            "item_tracking_code",
            sa.Column("code", sa.String(20), nullable=False),
            sa.Column("description", sa.String(250), nullable=False, server_default=""),
            sa.Column("serial_specific", sa.Boolean(), nullable=False, server_default=sa.false()),
            sa.Column("lot_specific", sa.Boolean(), nullable=False, server_default=sa.false()),
            sa.Column("expiration_required", sa.Boolean(), nullable=False, server_default=sa.false()),
            sa.PrimaryKeyConstraint("code", name=op.f("pk_item_tracking_code")),
        )
    if "item_tracking_code" not in {c["name"] for c in inspector.get_columns("item")}:
        with op.batch_alter_table("item") as batch:
            batch.add_column(sa.Column("item_tracking_code", sa.String(20), nullable=True))
    if "tracking" not in {c["name"] for c in inspector.get_columns("purchase_line")}:
        with op.batch_alter_table("purchase_line") as batch:
            batch.add_column(sa.Column("tracking", sa.JSON(), nullable=False, server_default="[]"))
    if "expiration_date" not in {c["name"] for c in inspector.get_columns(ILE)}:
        op.add_column(ILE, sa.Column("expiration_date", sa.Date(), nullable=True))
    _renew_ile_guard(op.get_bind().dialect.name)


def _renew_ile_guard(dialect: str) -> None:
    """The item ledger's append-only guard, with the expiration date frozen too."""
    columns = APPEND_ONLY_COLUMNS[ILE] + ("expiration_date",)
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {ILE}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {ILE}_no_delete")
    for statement in append_only_trigger_sql_for(dialect, [(ILE, columns)]):
        op.execute(statement.replace(" IF NOT EXISTS", ""))
    if dialect == "postgresql":  # revision 0014: the guard fires in replica mode too
        op.execute(f"ALTER TABLE {ILE} ENABLE ALWAYS TRIGGER {ILE}_append_only")


def downgrade() -> None:
    with op.batch_alter_table(ILE) as batch:
        batch.drop_column("expiration_date")
    with op.batch_alter_table("purchase_line") as batch:
        batch.drop_column("tracking")
    with op.batch_alter_table("item") as batch:
        batch.drop_column("item_tracking_code")
    op.drop_table("item_tracking_code")
