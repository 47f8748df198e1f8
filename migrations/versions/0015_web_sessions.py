"""web sessions: the signed-in sessions of the approvals page; the address of web decisions

One row per signed-in session: the SHA-256 of the session id the cookie carries,
the user, the CSRF token of its forms, when it was made and last used, the client
address. Signing out deletes the row.

The approval audit gets the client address of a decision made on the page (a new
nullable column: existing rows and the append-only triggers stay as they are).

Revision 0014 (append-only hardening) was written in parallel and was not on main
when this branch was made: this revision follows 0013; the lead re-points
down_revision to "0014" when merging after it.

Revision ID: 0015
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import APPEND_ONLY_COLUMNS, append_only_trigger_sql_for

AUDIT = "approval_audit_event"

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Idempotent: a database stamped back to 0014 with these already in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("web_session"):
        _create_sessions()
    if "address" not in {c["name"] for c in inspector.get_columns(AUDIT)}:
        op.add_column(AUDIT, sa.Column("address", sa.String(100), nullable=True))
    _renew_audit_guard(op.get_bind().dialect.name)


def _renew_audit_guard(dialect: str) -> None:
    """The approval audit's append-only guard, with the new column frozen too."""
    columns = APPEND_ONLY_COLUMNS[AUDIT] + ("address",)
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {AUDIT}_no_delete")
    for statement in append_only_trigger_sql_for(dialect, [(AUDIT, columns)]):
        op.execute(statement.replace(" IF NOT EXISTS", ""))
    if dialect == "postgresql":  # revision 0014: the guard fires in replica mode too
        op.execute(f"ALTER TABLE {AUDIT} ENABLE ALWAYS TRIGGER {AUDIT}_append_only")


def _create_sessions() -> None:
    op.create_table(
        "web_session",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(20), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_web_session_user_id_app_user")),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_session")),
    )


def downgrade() -> None:
    op.drop_column("approval_audit_event", "address")
    op.drop_table("web_session")
