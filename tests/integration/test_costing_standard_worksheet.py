"""Issue 16: the standard cost worksheet (BC "Standard Cost Worksheet": suggest, implement),
on SQLite and PostgreSQL. Implementing revalues what is on hand at the new standard cost (the
difference to Inventory Adjustment, "Design Details: Revaluation"); an item that is not
costed at Standard is refused and a refusal writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import reports as costing_reports
from domain.costing import standard_worksheet as worksheet
from domain.ledger import reports
from domain.setup.model.cards import Item
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from flows.cli import app as cli
from tests.support.documents import invoice, item_line
from tests.support.costing import costs, new_item, post, row, stock, value_entries

INVENTORY_ADJMT = "4395"


def balances(app) -> dict[str, D]:
    return {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}


def standard_cost(app, item) -> D:
    with app.uow() as s:
        return s.get(Item, item).standard_cost


def test_implementing_a_suggested_standard_cost_revalues_what_is_on_hand_and_later_sales_follow(app):
    bought = new_item(app, "SW-1", "standard", standard_cost="10")
    idle = new_item(app, "SW-2", "standard", standard_cost="20")
    purchase_posting.post_document(app, purchase_documents.create_document(app, invoice(
        lines=[item_line(bought, "5", "12.00")], posting_date="2026-11-02")))  # last direct cost 12
    with app.uow() as s:
        s.get(Item, idle).last_direct_cost = D(0)  # never bought
    lines = worksheet.suggest(app, "last-direct-cost", "10", [bought, idle])
    assert [(x["item_no"], x["standard_cost"], x["new_standard_cost"]) for x in lines] == [
        (bought, D("10"), D("13.2"))]  # SW-2 was never bought: nothing to suggest from
    lines = worksheet.suggest(app, "standard", "-10", [bought, idle])  # a new suggestion replaces the worksheet
    assert [(x["item_no"], x["new_standard_cost"], x["quantity_on_hand"]) for x in lines] == [
        (bought, D("9"), D(5)), (idle, D("18"), D(0))]
    entries = worksheet.implement(app, dt.date(2026, 11, 10))
    assert [(e["item_no"], e["quantity"], e["amount"]) for e in entries] == [(bought, D(5), D("-5.00"))]
    assert (standard_cost(app, bought), standard_cost(app, idle)) == (D("9"), D("18"))
    assert worksheet.list_lines(app) == []
    assert stock(app, bought) == (D(5), D("45.00"))
    assert [v.entry_type for v in value_entries(app, bought, document_no="STDCOST-20261110")] == ["revaluation"]
    sale, = post(app, row("sale", bought, 5, date="2026-11-12"))
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    assert costs(app, bought)[sale] == D("-45.00")
    assert stock(app, bought) == (D(0), D(0))
    assert balances(app)[INVENTORY_ADJMT] == D("5.00")  # 50.00 at standard 10 revalued to 45.00
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert sum(balances(app).values(), D(0)) == 0


def test_a_worksheet_line_of_an_item_not_costed_at_standard_is_refused_and_nothing_is_written(app):
    std = new_item(app, "SW-3", "standard", standard_cost="10")
    fifo = new_item(app, "SW-4", "fifo")
    post(app, row("purchase", std, 2, "10.00"), row("purchase", fifo, 2, "10.00"))
    with app.uow() as s:
        for no in (std, fifo):
            s.get(Item, no).last_direct_cost = D("10")
    assert len(worksheet.suggest(app, "last-direct-cost", "50", [std, fifo])) == 2
    refused = worksheet.implement(app, dt.date(2026, 11, 10))
    assert [(p.code, p.params["item_no"]) for p in refused.problems] == [("COST-WKSH-NOT-STANDARD", fifo)]
    assert standard_cost(app, std) == D("10")
    assert value_entries(app, std, entry_type="revaluation") == []
    assert len(worksheet.list_lines(app)) == 2


def test_bad_worksheet_input_is_refused_with_stable_codes(app):
    new_item(app, "SW-5", "standard", standard_cost="10")
    assert [p.code for p in worksheet.suggest(app, "average", "0").problems] == ["IMPORT-INVALID-CHOICE"]
    assert [p.code for p in worksheet.suggest(app, "standard", "-100").problems] == ["COST-WKSH-ADJUST-PCT-TOO-LOW"]
    assert [p.code for p in worksheet.suggest(app, "standard", "x").problems] == ["IMPORT-INVALID-NUMBER"]
    assert [p.code for p in worksheet.suggest(app, "standard", "0", ["NOPE"]).problems] == ["COST-WKSH-UNKNOWN-ITEM"]
    assert [p.code for p in worksheet.implement(app, dt.date(2026, 11, 10)).problems] == ["COST-WKSH-EMPTY"]


def test_the_worksheet_through_the_cli(db_url):
    runner = CliRunner()

    def run(*args, code=0):
        result = runner.invoke(cli, ["--db", db_url, "--user", "admin", *args])
        assert result.exit_code == code, result.output
        return result.output

    run("init", "--country", "NO", "--demo")
    run("item", "add", "--no", "SWC", "--description", "Std", "--costing-method", "standard", "--standard-cost", "4")
    lines = json.loads(run("costs", "standard-worksheet", "suggest", "--from", "standard", "--adjust-pct", "25",
                           "--item", "SWC", "--json"))
    assert [(x["item_no"], x["new_standard_cost"]) for x in lines] == [("SWC", "5.000000")]
    assert json.loads(run("costs", "standard-worksheet", "list", "--json"))[0]["suggested_from"] == "standard"
    assert json.loads(run("costs", "standard-worksheet", "implement", "--posting-date", "2026-11-10",
                          "--json")) == []
    assert "COST-WKSH-EMPTY" in run("costs", "standard-worksheet", "implement", code=2)
    assert "IMPORT-INVALID-CHOICE" in run("costs", "standard-worksheet", "suggest", "--from", "x", code=2)
