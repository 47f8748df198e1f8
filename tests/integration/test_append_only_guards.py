"""No single statement removes or rewrites a posted entry (issue 12): not PostgreSQL's
TRUNCATE or replica mode, not SQLite's INSERT OR REPLACE, from ledgerflow's connections
or from any other client, even connected as the owner of the tables (what a role that does
not own them may do is tests/integration/test_database_roles.py). On SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

import domain.schema  # noqa: F401  (every model: which tables are ledgers)
from domain.db import append_only_tables, append_only_trigger_sql
from domain.ledger.model import GLEntry, ItemLedgerEntry, ValueEntry
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PostedPurchaseLine
from tests.conftest import make_app, owner_url
from tests.support.documents import gl_line, invoice, item_line

LEDGERS = sorted(table for table, _keys, _frozen in append_only_tables())


def _copy_of(table, changed: dict[str, str], where: str) -> str:
    """SELECT of a row of ``table`` with ``changed`` columns replaced by SQL expressions."""
    columns = ", ".join(changed.get(c.name, c.name) for c in table.columns)
    return f"SELECT {columns} FROM {table.name} WHERE {where}"


#: statements that would remove or rewrite posted G/L entries, per database; each a list run in one transaction
ATTACKS = {
    "postgresql": [
        ["TRUNCATE gl_entry"],
        ["TRUNCATE vendor CASCADE"],  # reaches vendor_ledger_entry through its foreign key
        ["SET LOCAL session_replication_role = replica", "TRUNCATE gl_entry"],
        ["SET LOCAL session_replication_role = replica", "UPDATE gl_entry SET amount = amount + 1"],
        ["SET LOCAL session_replication_role = replica", "DELETE FROM gl_entry"],
    ],
    "sqlite": [
        ["INSERT OR REPLACE INTO gl_entry " + _copy_of(GLEntry.__table__, {"amount": "amount + 100"},
                                                       "entry_no = 1")],
        ["REPLACE INTO posted_purchase_line " + _copy_of(PostedPurchaseLine.__table__, {
            "id": "id + 1000", "description": "'rewritten'"}, "line_no = 1")],  # through its unique key
        ["UPDATE gl_entry SET amount = amount + 1"],
        ["DELETE FROM gl_entry"],
    ],
}


def _post_invoice(app) -> None:
    no = purchase_documents.create_document(app, invoice(lines=[item_line("1000", "5", "100"), gl_line()]))
    assert purchase_posting.post_document(app, no).posted_no == "PPI-000001"


def _ledgers(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {table: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {table}")))) for table in LEDGERS}


@pytest.fixture
def owner(app, db_url):
    """``app`` (which posts) and an App on the same database connected as the tables' owner."""
    as_owner = make_app(owner_url(db_url))
    yield as_owner
    as_owner.dispose()


def test_no_single_statement_removes_or_rewrites_a_posted_entry(app, owner):
    _post_invoice(app)
    before = _ledgers(owner.engine)
    for statements in ATTACKS[owner.engine.dialect.name]:
        with pytest.raises(DBAPIError, match="LEDGER-APPEND-ONLY"):
            with owner.engine.begin() as conn:
                for statement in statements:
                    conn.execute(text(statement))
    assert _ledgers(owner.engine) == before


def test_the_guards_hold_for_a_client_that_is_not_ledgerflow(app, owner):
    """A plain connection: psycopg without ledgerflow's engine, or Python's sqlite3 module
    without ``PRAGMA recursive_triggers`` (as the sqlite3 shell connects)."""
    _post_invoice(app)
    before = _ledgers(owner.engine)
    for statements in ATTACKS[owner.engine.dialect.name]:
        if owner.engine.dialect.name == "sqlite":
            conn = sqlite3.connect(owner.engine.url.database)
            with pytest.raises(sqlite3.IntegrityError, match="LEDGER-APPEND-ONLY"):
                for statement in statements:
                    conn.execute(statement)
            conn.close()
            continue
        plain = create_engine(owner.engine.url)
        with pytest.raises(DBAPIError, match="LEDGER-APPEND-ONLY"):
            with plain.begin() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        plain.dispose()
    assert _ledgers(owner.engine) == before


def test_columns_business_central_maintains_still_change_in_replica_mode(app, owner):
    _post_invoice(app)
    replica = ["SET LOCAL session_replication_role = replica"] if owner.engine.dialect.name == "postgresql" else []
    with owner.engine.begin() as conn:
        for statement in [*replica, "UPDATE item_ledger_entry SET remaining_quantity = 0, open = false",
                          "UPDATE value_entry SET cost_posted_to_gl = cost_amount_actual"]:
            conn.execute(text(statement))
    with app.uow() as s:
        entry = s.scalars(select(ItemLedgerEntry)).one()
        assert (entry.remaining_quantity, entry.open) == (0, False)
        assert all(v.cost_posted_to_gl == v.cost_amount_actual for v in s.scalars(select(ValueEntry)))


def test_every_ledger_table_has_the_guards_domain_db_describes(app):
    """What the migrations created (from their frozen copies) is what the models describe today."""
    with app.engine.connect() as conn:
        if app.engine.dialect.name == "sqlite":
            found = set(conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                f"({', '.join(repr(t) for t in LEDGERS)})")).scalars())
            assert found == {s.replace(" IF NOT EXISTS", "") for s in append_only_trigger_sql("sqlite")}
            assert conn.execute(text("PRAGMA recursive_triggers")).scalar_one() == 1
            return
        found = set(conn.execute(text(
            "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid::regclass::text = ANY(:tables)"), {"tables": LEDGERS}))
    assert found == {(t, f"{t}_{guard}", "A") for t in LEDGERS for guard in ("append_only", "no_truncate")}
