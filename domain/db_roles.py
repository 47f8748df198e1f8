"""A PostgreSQL application role that does not own the tables.

The append-only triggers stop a mistaken statement, but whoever owns a table can
drop or disable its triggers and TRUNCATE it, so a ledger is only append-only
for a role that does not own it. In production the tables belong to one role
(the one that runs ``ledgerflow init`` and ``ledgerflow db upgrade``) and the
application connects as another, holding exactly what posting needs:

- ledger tables (the models marked ``__append_only__``): SELECT and INSERT, and
  UPDATE of only the columns Business Central maintains on posted entries (the
  model's ``__mutable_columns__``: remaining quantity, open, cost posted to
  G/L, ...); never UPDATE of a posted amount, DELETE or TRUNCATE;
- working tables (drafts, setup, number series, outbox, ...): SELECT, INSERT,
  UPDATE, DELETE;
- tables the models do not know (``alembic_version``): SELECT;
- sequences: USAGE and SELECT.

Such a role cannot set ``session_replication_role`` (superusers only) and
cannot alter, disable or drop a trigger (owners only). Granting starts by
revoking everything the role held on the schema's tables, so running it again
after an upgrade gives new tables their privileges and takes away whatever
else was granted by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from domain.db import append_only_tables
from domain.orm import Base
from domain.problems import Problem, Rejected

#: an unquoted PostgreSQL identifier in lower case (quoting would make the role awkward to name in psql)
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}\Z")
LEDGER_PRIVILEGES = ("SELECT", "INSERT")
WORKING_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Grant:
    """``privileges`` on ``tables``; with ``columns``, on those columns only."""

    privileges: tuple[str, ...]
    tables: tuple[str, ...]
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppRole:
    role: str
    created: bool
    executed: bool
    statements: tuple[str, ...]
    ledger_tables: tuple[str, ...]
    working_tables: tuple[str, ...]
    other_tables: tuple[str, ...]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_grants(columns_by_table: dict[str, set[str]]) -> list[Grant]:
    """What the application role gets on the tables found (name -> its columns in the database).
    Pure: classifies by the models (``domain.schema`` must have been imported)."""
    ledger = {table: set(Base.metadata.tables[table].columns.keys()) - set(frozen)
              for table, _keys, frozen in append_only_tables() if table in columns_by_table}
    working = sorted(t for t in columns_by_table if t in Base.metadata.tables and t not in ledger)
    other = sorted(t for t in columns_by_table if t not in Base.metadata.tables)
    grants = [Grant(LEDGER_PRIVILEGES, tuple(sorted(ledger)))]
    grants += [Grant(("UPDATE",), (table,), tuple(sorted(mutable & columns_by_table[table])))
               for table, mutable in sorted(ledger.items()) if mutable & columns_by_table[table]]
    grants += [Grant(WORKING_PRIVILEGES, tuple(working)), Grant(("SELECT",), tuple(other))]
    return [grant for grant in grants if grant.tables]


def grant_sql(role: str, database: str, schema: str, grants: list[Grant]) -> list[str]:
    """The statements, in order, that give ``role`` exactly ``grants`` (creating it when missing)."""
    r, s = _quote(role), _quote(schema)
    statements = [
        (f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
         f"THEN CREATE ROLE {r} LOGIN; END IF; END $$"),
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
        f"GRANT CONNECT ON DATABASE {_quote(database)} TO {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
    ]
    for grant in grants:
        columns = f" ({', '.join(map(_quote, grant.columns))})" if grant.columns else ""
        tables = ", ".join(f"{s}.{_quote(table)}" for table in grant.tables)
        statements.append(f"GRANT {', '.join(grant.privileges)}{columns} ON TABLE {tables} TO {r}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}")
    return statements


def grant_app_role(engine: Engine, role: str, execute: bool = True) -> AppRole | Rejected:
    """Create ``role`` if missing and give it the application's privileges, in one
    transaction; with ``execute=False`` only return the statements (for a DBA to run)."""
    if engine.dialect.name != "postgresql":
        return Rejected([Problem("DB-ROLE-POSTGRESQL-ONLY", "db", {"dialect": engine.dialect.name})])
    if not ROLE_NAME.match(role):
        return Rejected([Problem("DB-ROLE-NAME-INVALID", "role", {"role": role})])
    with engine.begin() as conn:
        columns = _columns_by_table(conn)
        problems = _refusals(conn, role, columns, execute)
        if problems:
            return Rejected(problems)
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
        grants = table_grants(columns)
        statements = grant_sql(role, database, schema, grants)
        if execute:
            for statement in statements:
                conn.exec_driver_sql(statement)
    by_kind = {privileges: [t for g in grants if g.privileges == privileges for t in g.tables]
               for privileges in (LEDGER_PRIVILEGES, WORKING_PRIVILEGES, ("SELECT",))}
    return AppRole(role, created=execute and exists is None, executed=execute, statements=tuple(statements),
                   ledger_tables=tuple(by_kind[LEDGER_PRIVILEGES]),
                   working_tables=tuple(by_kind[WORKING_PRIVILEGES]), other_tables=tuple(by_kind[("SELECT",)]))


def _columns_by_table(conn: Connection) -> dict[str, set[str]]:
    rows = conn.execute(text(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_schema, table_name) "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"))
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def _refusals(conn: Connection, role: str, columns: dict[str, set[str]], execute: bool) -> list[Problem]:
    """Why ``role`` cannot be made the application role here (none: it can)."""
    if "gl_entry" not in columns:
        return [Problem("DB-ROLE-NOT-MIGRATED", "db")]
    owners = sorted(conn.execute(text(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    powerful = conn.execute(text(  # a superuser or a role that may create roles can make itself an owner
        "SELECT bool_or(rolsuper OR rolcreaterole OR pg_has_role(oid, CAST(o AS name), 'MEMBER')) "
        "FROM pg_roles, unnest(CAST(:owners AS text[])) o WHERE rolname = :r"), {"r": role, "owners": owners}).scalar()
    if powerful:
        return [Problem("DB-ROLE-TOO-POWERFUL", "role", {"role": role, "owner": ", ".join(owners)})]
    if not execute:
        return []
    user, may_grant, may_create = conn.execute(text(
        "SELECT current_user, bool_and(pg_has_role(current_user, CAST(o AS name), 'USAGE')), "
        "bool_or(rolsuper OR rolcreaterole) FROM unnest(CAST(:owners AS text[])) o, pg_roles "
        "WHERE rolname = current_user"), {"owners": owners}).one()
    if not may_grant:
        return [Problem("DB-ROLE-NOT-OWNER", "db", {"user": user, "owner": ", ".join(owners)})]
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if exists is None and not may_create:
        return [Problem("DB-ROLE-CANNOT-CREATE", "role", {"role": role, "user": user})]
    return []
