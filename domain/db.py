"""Database engines, the unit of work and the append-only guard.

SQLite (default) runs with WAL, foreign keys and a busy timeout, and every
unit of work starts with ``BEGIN IMMEDIATE`` so that two writers queue for the
lock instead of failing half-way (SQLAlchemy's documented pysqlite recipe).
A plain read that writes nothing can say so (:func:`read_only`): it starts with
a deferred ``BEGIN``, and in WAL mode it neither waits for nor holds up a writer.
PostgreSQL runs through psycopg 3. Posted-row immutability is enforced a second
time by triggers on both databases (see :func:`append_only_trigger_sql`), and on
PostgreSQL a third time by privileges when the application connects as a role
that does not own the tables (see :mod:`domain.db_roles`).
"""

from __future__ import annotations

from sqlalchemy import Engine, TypeDecorator, UniqueConstraint, create_engine, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from domain.money import ZERO
from domain.orm import Base
from domain.problems import InvariantViolation


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for ``url`` with the project's connection settings."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # INSERT OR REPLACE deletes the row it replaces; only with recursive triggers does
        # that deletion run the append-only tables' DELETE triggers (SQLite "lang_conflict")
        cursor.execute("PRAGMA recursive_triggers=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(_READ_ONLY) else "BEGIN IMMEDIATE")


#: execution option of a connection that only reads (:func:`read_only`)
_READ_ONLY = "ledgerflow_read_only"


def read_only(engine: Engine):
    """A connection for reads only, outside any unit of work: on SQLite its transaction takes no
    write lock (a deferred BEGIN), so a look-up from another thread never queues behind a writer's
    transaction nor holds one up. Nothing written through it is allowed to matter: it is for a
    look-up whose answer the caller may act on only by opening a unit of work."""
    return engine.connect().execution_options(**{_READ_ONLY: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def lock(session: Session, stmt):
    """``stmt`` with a row lock on PostgreSQL (SQLite holds the database lock already)."""
    if session.get_bind().dialect.name == "postgresql":
        return stmt.with_for_update()
    return stmt


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_posted_rows(session: Session, _ctx, _instances) -> None:
    for obj in session.deleted:
        if getattr(obj, "__append_only__", False):
            raise InvariantViolation(f"{type(obj).__name__} rows are append-only: delete refused")
    for obj in session.dirty:
        if not getattr(obj, "__append_only__", False):
            continue
        state = inspect(obj)
        allowed = type(obj).__mutable_columns__
        for attr in state.mapper.column_attrs:
            if attr.key in allowed:
                continue
            history = state.attrs[attr.key].history
            if history.has_changes() and history.deleted:
                raise InvariantViolation(
                    f"{type(obj).__name__}.{attr.key} is posted and cannot change"
                )


def append_only_tables(only: set[str] | None = None):
    """(table, keys, frozen columns) of every append-only model, by class name: ``keys`` are the
    primary key, then the unique keys, sorted. The models must be imported (``domain.schema``)."""
    for mapper in sorted(Base.registry.mappers, key=lambda mp: mp.class_.__name__):
        cls = mapper.class_
        if only is not None and cls.__table__.name not in only:
            continue
        if getattr(cls, "__append_only__", False):
            table = cls.__table__
            frozen = [c.name for c in table.columns if c.name not in cls.__mutable_columns__]
            unique = [[c.name for c in u.columns] for u in table.constraints if isinstance(u, UniqueConstraint)]
            unique += [[c.name for c in index.columns] for index in table.indexes if index.unique]
            yield table.name, [[c.name for c in table.primary_key.columns], *sorted(unique)], frozen


def append_only_trigger_sql(dialect: str = "postgresql", tables: list[str] | None = None) -> list[str]:
    """DDL: the triggers guarding each append-only table, as the migrations create them
    (their frozen copies live in ``migrations.frozen``; a migration that adds an
    append-only table copies what this returns for it).

    Both databases: DELETE and any UPDATE of a column not in the model's
    ``__mutable_columns__`` are refused. PostgreSQL: TRUNCATE is refused, and the
    triggers are ``ENABLE ALWAYS`` so ``session_replication_role = replica`` does
    not switch them off. SQLite: an INSERT whose primary key or unique key exists is
    refused, so ``INSERT OR REPLACE`` cannot rewrite a row from any connection."""
    only = set(tables) if tables is not None else None
    if dialect == "sqlite":
        return _sqlite_triggers(only)
    statements = [_PG_REFUSE_TRUNCATE]
    for table, _keys, frozen in append_only_tables(only):
        statements += [_pg_append_only_function(table, frozen),
                       f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                       (f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"),
                       f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
                       (f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                        f"FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate()"),
                       f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_no_truncate",
                       f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_append_only"]
    return statements


_PG_REFUSE_TRUNCATE = """CREATE OR REPLACE FUNCTION ledger_refuse_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LEDGER-APPEND-ONLY: % cannot be truncated', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql"""


def _pg_append_only_function(table: str, frozen: list[str]) -> str:
    old = ", ".join(f"OLD.{c}" for c in frozen)
    new = ", ".join(f"NEW.{c}" for c in frozen)
    return f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'LEDGER-APPEND-ONLY: % rows cannot be deleted', TG_TABLE_NAME;
  END IF;
  IF ROW({new}) IS DISTINCT FROM ROW({old}) THEN
    RAISE EXCEPTION 'LEDGER-APPEND-ONLY: posted % row cannot change', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql"""


def _sqlite_triggers(only: set[str] | None) -> list[str]:
    statements = []
    for table, keys, frozen in append_only_tables(only):
        replaced = " ".join(
            f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: {table} has a row with this {', '.join(key)}; "
            f"posted rows cannot be replaced') WHERE EXISTS (SELECT 1 FROM {table} WHERE "
            + " AND ".join(f"{column} = NEW.{column}" for column in key) + ");" for key in keys)
        statements += [
            (f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} BEGIN "
             f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: {table} rows cannot be deleted'); END"),
            (f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE OF {', '.join(frozen)} "
             f"ON {table} BEGIN SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: posted {table} row cannot "
             f"change'); END"),
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table} BEGIN {replaced} END",
        ]
    return statements


#: the posting setup tables whose changes give :class:`~domain.model.SetupVersion` a new number
SETUP_VERSION_TABLES = ("general_posting_setup", "vat_posting_setup", "inventory_posting_setup",
                        "vendor_posting_group", "gl_account")


#: a random non-negative 63-bit number, per dialect
SETUP_VERSION_RANDOM = {"sqlite": "(random() & 9223372036854775807)",
                        "postgresql": "floor(random() * 9.2e18)::bigint"}


def setup_version_trigger_sql(dialect: str) -> list[str]:
    """DDL: triggers giving ``setup_version`` a new random number on any change of a setup table."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_setup_version_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE setup_version SET version = {SETUP_VERSION_RANDOM['sqlite']}; END"
                for table in SETUP_VERSION_TABLES for event in ("INSERT", "UPDATE", "DELETE")]
    statements = ["""CREATE OR REPLACE FUNCTION setup_version_bump() RETURNS trigger AS $$
BEGIN
  UPDATE setup_version SET version = """ + SETUP_VERSION_RANDOM["postgresql"] + """;
  RETURN NULL;
END $$ LANGUAGE plpgsql"""]
    for table in SETUP_VERSION_TABLES:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_setup_version ON {table}")
        statements.append(f"CREATE TRIGGER {table}_setup_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                          f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION setup_version_bump()")
    return statements


def bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """INSERT ``rows`` (dicts with the same keys). On PostgreSQL through COPY, which takes the
    rows in one stream instead of one statement each; as with an INSERT, omitted columns get
    their default and every value passes its column type's check (a Decimal never has more
    decimals than its column)."""
    if not rows:
        return
    conn = session.connection()
    columns = list(rows[0])
    omitted = [c for c in table.c if c.name not in rows[0] and c.default is not None]
    if conn.dialect.name != "postgresql" or any(not c.default.is_scalar for c in omitted):
        session.execute(insert(table), rows)
        return
    defaults = [c.default.arg for c in omitted]
    names = columns + [c.name for c in omitted]
    checks = [(i, table.c[name].type) for i, name in enumerate(names)
              if isinstance(table.c[name].type, TypeDecorator)]
    with conn.connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                values = [row[name] for name in columns] + defaults
                for i, column_type in checks:
                    if values[i] is not ZERO:
                        values[i] = column_type.process_bind_param(values[i], conn.dialect)
                copy.write_row(values)


def new_row(obj, **values) -> dict:
    """The INSERT row of ``obj``, a model object never added to a session, as a flush writes it
    (for a Core INSERT of it): an unset value takes the column's client-side default, a column only
    the database fills (``created_at``) and the generated key are left out; ``values`` win."""
    row, state = {}, obj.__dict__  # the values set; read there, an unset attribute is not initialised
    for attr, key, default, server in _insert_columns(type(obj)):
        value = state.get(attr)
        if value is None and default is not None:
            value = default.arg if default.is_scalar else default.arg(None)
        if value is not None or not server:
            row[key] = value
    return row | values


def _insert_columns(cls) -> tuple:
    """(attribute, column key, client default, database default?) of ``cls``'s table but a generated key."""
    found = _INSERT_COLUMNS.get(cls)
    if found is None:
        columns = [(prop.key, prop.columns[0]) for prop in inspect(cls).column_attrs]
        found = _INSERT_COLUMNS[cls] = tuple(
            (attr, c.key, c.default, c.server_default is not None) for attr, c in columns
            if not (c.primary_key and c.autoincrement in (True, "auto") and c.default is None))
    return found


_INSERT_COLUMNS: dict[type, tuple] = {}
