"""Migration 0013 on a database made before roles existed: its users keep working
(SQLite and PostgreSQL, each on a fresh database)."""

import os
import uuid

import pytest
from sqlalchemy import text

import migrations
from domain.app import App
from domain.identity import services as identity
from tests.conftest import DATABASES
from tests.support.servers import create_pg_database, drop_pg_database


@pytest.fixture(params=DATABASES, ids=lambda d: d)
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    name = f"ledgerflow_identity_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    yield create_pg_database(name)
    drop_pg_database(name)


def old_company(app: App, users: list[str], approval_administrator: str | None = None) -> None:
    with app.engine.begin() as conn:
        conn.execute(text("INSERT INTO company (id, name, country, currency, time_zone, automatic_cost_posting, "
                          "expected_cost_posting, prevent_negative_inventory, vat_tolerance, purchase_invoice_nos, "
                          "purchase_credit_memo_nos, posted_purchase_invoice_nos, "
                          "posted_purchase_credit_memo_nos, item_journal_nos) VALUES (1, 'Old AS', 'NO', 'NOK', "
                          "'Europe/Oslo', true, false, true, :tolerance, 'PI', 'PCM', 'PPI', 'PPCM', 'IJNL')"),
                     {"tolerance": 500000000 if conn.dialect.name == "sqlite" else 0.05})  # 0.05 (orm.ExactNumeric)
        for user_id in users:
            conn.execute(text("INSERT INTO app_user (id, name, language) VALUES (:id, :id, 'nb')"), {"id": user_id})
        if approval_administrator:
            conn.execute(text("INSERT INTO approval_user_setup (user_id, purchase_amount_limit, unlimited_purchase, "
                              "approval_administrator) VALUES (:id, 0, true, true)"), {"id": approval_administrator})


@pytest.fixture
def old_app(fresh_url):
    app = App.from_url(fresh_url, "admin")
    migrations.upgrade(app.engine, "0012")  # the revision before identity
    yield app
    app.dispose()


def test_approval_administrators_and_admin_become_administrators_and_the_others_keep_their_work(old_app):
    old_company(old_app, ["admin", "boss", "kari"], approval_administrator="boss")
    migrations.upgrade(old_app.engine)
    roles = {u["id"]: (u["roles"], u["disabled"]) for u in identity.list_users(old_app)}
    assert roles == {"admin": (["administrator"], False), "boss": (["administrator"], False),
                     "kari": (["inventory", "posting", "purchasing", "sales"], False),
                     "prefect": (["automation"], False)}  # the flows' service account


def test_a_company_without_users_gets_the_administrator_the_cli_acts_as_and_the_flows_account(old_app):
    old_company(old_app, [])
    migrations.upgrade(old_app.engine)
    assert [(u["id"], u["roles"]) for u in identity.list_users(old_app)] == [
        ("admin", ["administrator"]), ("prefect", ["automation"])]
    identity.add_user(old_app, "kari", "Kari", roles="purchasing")  # admin may manage users


def test_an_empty_database_gets_no_users_until_init(old_app):
    migrations.upgrade(old_app.engine)
    assert identity.list_users(old_app) == []
