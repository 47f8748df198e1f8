"""identity: user roles, disabled flag, password and lock-out columns, setup audit

Users made before roles existed keep working: an approval administrator becomes
an administrator; `init`'s user `admin` becomes an administrator; every other
existing user gets the everyday roles (purchasing, sales, inventory, posting),
so what they did before still works while setup, users and approval workflows
now need an administrator. A database that holds a company but no administrator
after that (`init` without demo data made no users before) gets the user
`admin` with the administrator role: the CLI acts as `admin` when no --user is
given. It also gets the service account `prefect` (role automation) that the
Prefect flows act as when LEDGERFLOW_USER names nobody, as they did before.

The setup audit is append-only: triggers refuse DELETE and UPDATE (written out
here, like every statement of this file, so that the migration does not depend
on code that may change later).

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

EVERYDAY_ROLES = ("purchasing", "sales", "inventory", "posting")
ADMIN = "admin"
FLOWS = "prefect"
AUDIT = "setup_audit_event"


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN, also on SQLite: a batch copy would drop app_user, which
    # the approval tables refer to (a foreign-key failure on any database with users)
    op.add_column("app_user", sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("app_user", sa.Column("password_hash", sa.String(200), nullable=True))
    op.add_column("app_user", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("app_user", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("app_user", sa.Column("totp_secret", sa.String(64), nullable=True))
    op.create_table(
        "user_role",
        sa.Column("user_id", sa.String(20), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_user_role_user_id_app_user")),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_role")),
    )
    op.create_table(
        AUDIT,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.String(100), nullable=True),
        sa.Column("os_account", sa.String(100), nullable=True),
        sa.Column("surface", sa.String(10), nullable=False),
        sa.Column("address", sa.String(100), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("object", sa.String(200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("code", sa.String(60), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{AUDIT}")),
    )
    for statement in _append_only_triggers(op.get_bind().dialect.name):
        op.execute(statement)
    _give_existing_users_roles(op.get_bind())


def _append_only_triggers(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {AUDIT}_no_delete BEFORE DELETE ON {AUDIT} BEGIN "
                f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: {AUDIT} rows cannot be deleted'); END",
                f"CREATE TRIGGER IF NOT EXISTS {AUDIT}_no_update BEFORE UPDATE ON {AUDIT} BEGIN "
                f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: posted {AUDIT} row cannot change'); END"]
    return [f"""CREATE OR REPLACE FUNCTION {AUDIT}_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'LEDGER-APPEND-ONLY: % rows cannot be deleted', TG_TABLE_NAME;
  END IF;
  RAISE EXCEPTION 'LEDGER-APPEND-ONLY: posted % row cannot change', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {AUDIT}_append_only ON {AUDIT}",
            f"CREATE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
            f"FOR EACH ROW EXECUTE FUNCTION {AUDIT}_append_only()"]


def _give_existing_users_roles(bind) -> None:
    users = sa.table("app_user", sa.column("id"), sa.column("name"), sa.column("language"),
                     sa.column("disabled"), sa.column("failed_logins"))
    roles = sa.table("user_role", sa.column("user_id"), sa.column("role"))
    existing = [row.id for row in bind.execute(sa.select(users.c.id))]
    administrators = set(_approval_administrators(bind)) | ({ADMIN} & set(existing))
    for user_id in existing:
        wanted = ("administrator",) if user_id in administrators else \
            ("automation",) if user_id == FLOWS else EVERYDAY_ROLES
        bind.execute(roles.insert(), [{"user_id": user_id, "role": role} for role in wanted])
    has_company = "company" in sa.inspect(bind).get_table_names() and \
        bind.execute(sa.text("SELECT COUNT(*) FROM company")).scalar()
    if not has_company:
        return
    missing = [(ADMIN, "Administrator", "administrator")] if not administrators else []
    if FLOWS not in existing:
        missing.append((FLOWS, "Prefect flows (service account)", "automation"))
    for user_id, name, role in missing:
        bind.execute(users.insert(), [{"id": user_id, "name": name, "language": "en", "disabled": False,
                                       "failed_logins": 0}])
        bind.execute(roles.insert(), [{"user_id": user_id, "role": role}])


def _approval_administrators(bind) -> list[str]:
    if "approval_user_setup" not in sa.inspect(bind).get_table_names():
        return []
    setup = sa.table("approval_user_setup", sa.column("user_id"), sa.column("approval_administrator"))
    return [row.user_id for row in bind.execute(
        sa.select(setup.c.user_id).where(setup.c.approval_administrator == sa.true()))]


def downgrade() -> None:
    op.drop_table(AUDIT)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {AUDIT}_append_only()")
    op.drop_table("user_role")
    for name in ("totp_secret", "locked_until", "failed_logins", "password_hash", "disabled"):
        op.drop_column("app_user", name)  # SQLite >= 3.35 drops a column in place
