"""append-only hardening: no TRUNCATE, no replica-mode bypass, no INSERT OR REPLACE

The append-only triggers of 0001/0003/0005 refuse UPDATE of a posted column and
DELETE, row by row. Three single statements went around them:

- PostgreSQL ``TRUNCATE gl_entry`` fires no row trigger: a statement-level
  BEFORE TRUNCATE trigger now refuses it (also when the table is reached
  through ``TRUNCATE ... CASCADE``);
- under ``SET session_replication_role = replica`` ordinary triggers do not
  fire: the append-only and TRUNCATE triggers are now ``ENABLE ALWAYS``;
- SQLite ``INSERT OR REPLACE`` deletes the conflicting row without running the
  DELETE trigger (unless ``PRAGMA recursive_triggers``): a BEFORE INSERT
  trigger now refuses an insert whose primary key exists. (ledgerflow's own
  connections also set ``recursive_triggers``, which covers a REPLACE through
  any other unique constraint.)

What no trigger can stop, the owner of the tables dropping them, is what a
separate, non-owner application role is for (docs/operations.md, "Production
database roles").

Everything here is idempotent, so upgrading a database that already has it
(a branched-history database collapsed to its chain revision) changes nothing.

Revision ID: 0014
Revises: 0013
"""
from alembic import op

from migrations.frozen import APPEND_ONLY_KEYS, append_only_hardening_sql, append_only_trigger_sql

revision = "0014"
# 0013 (identity) is written in parallel: at merge this becomes "0013"; locally it follows 0012
down_revision = "0013"
branch_labels = None
depends_on = None

TABLES = sorted(APPEND_ONLY_KEYS)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":  # 0013 froze the setup audit's whole row: the same guard, written as the others
        op.execute("DROP TRIGGER IF EXISTS setup_audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS setup_audit_event_no_delete")
        for statement in append_only_trigger_sql(dialect, ["setup_audit_event"]):
            op.execute(statement)
    for statement in append_only_hardening_sql(dialect, TABLES):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
            continue
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ledger_refuse_truncate()")
