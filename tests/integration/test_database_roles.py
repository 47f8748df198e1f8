"""Production database roles on PostgreSQL (docs/operations.md): the tables belong to an owner
role that migrates; the application connects as a role made by ``ledgerflow db grant-app-role``,
posts everything it posts as the owner would, and the database refuses it, by privilege, every
way of removing or rewriting a posted entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal as D

import pytest
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

import domain.schema  # noqa: F401  (every model: which tables are ledgers)
import migrations
from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.db_roles import AppRole, grant_app_role
from domain.ledger.model import GLEntry, ItemLedgerEntry, VendorLedgerEntry
from domain.payments import posting as payments
from domain.problems import Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing import receipts as purchase_receipts
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup.initialize import initialize
from flows.cli import app as cli
from tests.conftest import PG_ADMIN_URL, make_app
from tests.support.documents import gl_line, invoice, item_line

runner = CliRunner()


@dataclass
class Database:
    """A database whose tables belong to ``owner``, a role that is no superuser."""

    name: str
    owner: str
    roles: list[str] = field(default_factory=list)

    def url(self, role: str) -> str:
        return make_url(PG_ADMIN_URL).set(username=role, database=self.name).render_as_string(False)

    def new_role_name(self, kind: str) -> str:
        self.roles.append(f"lf_{kind}_{uuid.uuid4().hex[:8]}")
        return self.roles[-1]


def _admin(*statements: str) -> None:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


@pytest.fixture
def database():
    """A migrated Norwegian demo company owned by a role with CREATEROLE, as a hosting provider gives one."""
    db = Database(name=f"ledgerflow_roles_{uuid.uuid4().hex[:8]}", owner="")
    db.owner = db.new_role_name("owner")
    _admin(f"CREATE ROLE {db.owner} LOGIN CREATEROLE", f'CREATE DATABASE "{db.name}" OWNER {db.owner}')
    owner_app = make_app(db.url(db.owner))
    migrations.upgrade(owner_app.engine)
    initialize(owner_app, "NO", demo=True)
    owner_app.dispose()
    yield db
    _admin(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)', *(f"DROP ROLE IF EXISTS {r}" for r in reversed(db.roles)))


def _ledgers(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {table: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {table}"))))
                 for table in ("gl_entry", "item_ledger_entry", "value_entry", "vendor_ledger_entry")}
    engine.dispose()
    return found


def _post_a_little_of_everything(app) -> None:
    """Purchase invoice, sale, vendor payment, order receipt and its undo, cost adjustment and
    post-to-G/L: the posted entries' maintained columns (remaining quantity, open, cost posted
    to G/L) change along the way."""
    bought = purchase_documents.create_document(app, invoice(lines=[item_line("1000", "5", "100"), gl_line()]))
    assert purchase_posting.post_document(app, bought).posted_no == "PPI-000001"
    sold = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "1000", "quantity": "2", "unit_price": "200.00", "location": "MAIN"}]})
    assert sales_posting.post(app, sold).invoice_no == "PSI-000001"
    with app.uow() as s:
        owed = -s.scalars(select(VendorLedgerEntry)).one().remaining_amount
    assert payments.post_payment(app, "vendor", "V10000", owed, ["PPI-000001"]).closed == ("PPI-000001",)
    order = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": [item_line("1000", "10", "100.00")]})
    receipt = purchase_orders.receive(app, order, {1: D(4)}).posted_no
    assert purchase_receipts.undo_receipt(app, receipt).posted_no == "PRCPT-000002"
    cost_adjustment.adjust(app)
    cost_posting.post_inventory_cost(app)


def test_an_application_role_posts_but_cannot_remove_or_rewrite_a_posted_entry(database):
    role = database.new_role_name("app")
    granted = grant_app_role(create_engine(database.url(database.owner)), role)
    assert isinstance(granted, AppRole) and granted.created and "gl_entry" in granted.ledger_tables
    app = make_app(database.url(role))
    _post_a_little_of_everything(app)
    with app.uow() as s:
        assert s.scalar(select(func.sum(GLEntry.amount))) == 0
        assert s.scalar(select(func.sum(ItemLedgerEntry.remaining_quantity))) == D(3)
        assert not s.scalars(select(VendorLedgerEntry)).first().open
    before = _ledgers(database.url(role))
    for statement in ("TRUNCATE gl_entry", "UPDATE gl_entry SET amount = 0", "DELETE FROM gl_entry",
                      "UPDATE item_ledger_entry SET quantity = 0", "SET session_replication_role = replica",
                      "ALTER TABLE gl_entry DISABLE TRIGGER gl_entry_append_only",
                      "DROP TRIGGER gl_entry_no_truncate ON gl_entry"):
        with pytest.raises(DBAPIError, match="permission denied|must be owner"):
            with app.engine.begin() as conn:
                conn.execute(text(statement))
    assert _ledgers(database.url(role)) == before
    app.dispose()


def test_init_runs_as_the_application_role_once_the_owner_has_migrated(database):
    role = database.new_role_name("app")
    grant_app_role(create_engine(database.url(database.owner)), role)
    result = runner.invoke(cli, ["--db", database.url(role), "init", "--country", "NO", "--demo"])
    assert result.exit_code == 0 and "0 rows created" in result.output


def test_granting_again_takes_back_what_was_granted_by_hand(database):
    role = database.new_role_name("app")
    owner = create_engine(database.url(database.owner))
    grant_app_role(owner, role)
    with owner.begin() as conn:
        conn.execute(text(f"GRANT DELETE, TRUNCATE ON gl_entry TO {role}"))
    again = grant_app_role(owner, role)
    assert isinstance(again, AppRole) and not again.created
    with owner.connect() as conn:
        held = conn.execute(text("SELECT has_table_privilege(:r, 'gl_entry', 'DELETE'), "
                                 "has_table_privilege(:r, 'gl_entry', 'TRUNCATE'), "
                                 "has_table_privilege(:r, 'gl_entry', 'INSERT')"), {"r": role}).one()
    assert tuple(held) == (False, False, True)


def test_a_role_that_could_switch_the_guards_off_is_refused_as_application_role(database):
    member, creator = database.new_role_name("member"), database.new_role_name("creator")
    _admin(f"CREATE ROLE {member} LOGIN IN ROLE {database.owner}", f"CREATE ROLE {creator} LOGIN CREATEROLE")
    owner = create_engine(database.url(database.owner))
    for role in (database.owner, make_url(PG_ADMIN_URL).username, member, creator):
        refused = grant_app_role(owner, role)
        assert isinstance(refused, Rejected) and refused.codes == ["DB-ROLE-TOO-POWERFUL"], role


def test_only_the_owner_grants_and_only_a_role_creator_creates(database):
    app_role, other = database.new_role_name("app"), database.new_role_name("other")
    owner = create_engine(database.url(database.owner))
    grant_app_role(owner, app_role)
    refused = grant_app_role(create_engine(database.url(app_role)), other)
    assert isinstance(refused, Rejected) and refused.codes == ["DB-ROLE-NOT-OWNER"]
    _admin(f"ALTER ROLE {database.owner} NOCREATEROLE")
    refused = grant_app_role(owner, other)
    assert isinstance(refused, Rejected) and refused.codes == ["DB-ROLE-CANNOT-CREATE"]
    _admin(f"CREATE ROLE {other} LOGIN")  # the database administrator creates it; the owner grants
    assert isinstance(grant_app_role(owner, other), AppRole)


def test_the_cli_prints_the_sql_or_runs_it_and_refuses_with_a_code(database, tmp_path):
    role, owner_url = database.new_role_name("app"), database.url(database.owner)
    shown = runner.invoke(cli, ["--db", owner_url, "db", "grant-app-role", "--role", role, "--sql"])
    assert shown.exit_code == 0, shown.output
    ledger_grant = next(line for line in shown.output.splitlines() if line.startswith("GRANT SELECT, INSERT ON"))
    assert '"gl_entry"' in ledger_grant and "DELETE" not in ledger_grant
    assert not any('"gl_entry"' in line and "DELETE" in line for line in shown.output.splitlines())
    with create_engine(PG_ADMIN_URL).connect() as conn:  # --sql only prints
        assert conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar() == 0
    done = runner.invoke(cli, ["--db", owner_url, "db", "grant-app-role", "--role", role])
    assert done.exit_code == 0 and done.output.splitlines()[:2] == [
        f"role {role} created and granted", "ledger tables: 18 (SELECT, INSERT, UPDATE of maintained columns)"]
    for url, name, code in ((owner_url, "App-Role", "DB-ROLE-NAME-INVALID"),
                            (f"sqlite:///{tmp_path / 'x.db'}", "ledgerflow_app", "DB-ROLE-POSTGRESQL-ONLY")):
        refused = runner.invoke(cli, ["--db", url, "db", "grant-app-role", "--role", name])
        assert refused.exit_code == 2 and code in refused.output


def test_a_pending_migration_run_as_the_application_role_is_refused_with_a_code_and_changes_nothing(database):
    role = database.new_role_name("app")
    owner = create_engine(database.url(database.owner))
    grant_app_role(owner, role)
    behind = migrations.chain()[-2]
    with owner.begin() as conn:  # as a database the newest version has not migrated yet
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": behind})
    refused = runner.invoke(cli, ["--db", database.url(role), "db", "upgrade"])
    assert refused.exit_code == 2 and "DB-MIGRATE-NOT-OWNER" in refused.output
    assert migrations.current_revision(owner) == behind
    upgraded = runner.invoke(cli, ["--db", database.url(database.owner), "db", "upgrade"])
    assert upgraded.exit_code == 0 and migrations.current_revision(owner) == migrations.chain()[-1]
