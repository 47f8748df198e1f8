"""Issue 16: the application worksheet (BC "Application Worksheet": Remove Application, then
apply again), on SQLite and PostgreSQL. A FIFO sale applied to the first receipt is re-applied
to the second; cost adjustment then values the sale at the second receipt's cost, the item
application report shows the removal and the new application, and the invariants hold."""

from __future__ import annotations

import json
from decimal import Decimal as D

from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.costing import application_worksheet as worksheet
from domain.costing import gl_posting
from domain.costing import reports as costing_reports
from domain.ledger import reports
from domain.ledger.model import ItemLedgerEntry
from flows.cli import app as cli
from tests.support.costing import costs, new_item, post, row, stock


def invariants_hold(app, item) -> None:
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    qty, value = stock(app, item)
    assert qty != 0 or value == 0
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert sum((r["balance"] for r in reports.trial_balance(app)), D(0)) == 0


def remaining(app, entry_no) -> D:
    with app.uow() as s:
        return s.get(ItemLedgerEntry, entry_no).remaining_quantity


def test_a_sale_reapplied_to_another_receipt_is_revalued_by_cost_adjustment(app):
    item = new_item(app, "AW-1", "fifo")
    first, second = post(app, row("purchase", item, 2, "10.00", "2026-11-01"),
                         row("purchase", item, 2, "20.00", "2026-11-02"))
    sale, = post(app, row("sale", item, 1, date="2026-11-05"))
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-10.00")
    removed = worksheet.remove(app, sale)
    assert [(x["inbound_entry_no"], x["quantity"]) for x in removed] == [(first, D(1))]
    assert (remaining(app, sale), remaining(app, first)) == (D(-1), D(2))
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-10.00")  # open: its cost waits for the new application
    applied = worksheet.apply(app, sale, second)
    assert (applied["quantity"], applied["outbound_open"]) == (D(1), D(0))
    assert (remaining(app, sale), remaining(app, second)) == (D(0), D(1))
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-20.00")
    assert stock(app, item) == (D(3), D("40.00"))  # 20 + 40 - 20
    shown = [(x["inbound_entry_no"], x["quantity"]) for x in reports.item_applications(app, item)]
    assert shown == [(first, D(1)), (first, D(-1)), (second, D(1))]
    post(app, row("sale", item, 3, date="2026-11-06"))
    invariants_hold(app, item)


def test_a_partial_application_applies_only_what_both_entries_have_open(app):
    item = new_item(app, "AW-2", "fifo")
    first, second = post(app, row("purchase", item, 3, "10.00", "2026-11-01"),
                         row("purchase", item, 1, "40.00", "2026-11-02"))
    sale, = post(app, row("sale", item, 2, date="2026-11-05"))
    worksheet.remove(app, sale)
    assert worksheet.apply(app, sale, second)["outbound_open"] == D(1)  # 1 of 2 was open there
    refused = worksheet.apply(app, sale, first, "2")
    assert [p.code for p in refused.problems] == ["COST-APPL-QUANTITY-NOT-OPEN"]
    worksheet.apply(app, sale, first, "1")
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-50.00")
    invariants_hold(app, item)


def test_fixed_applications_and_inconsistent_quantities_are_refused_and_nothing_is_written(app):
    item = new_item(app, "AW-3", "fifo")
    other = new_item(app, "AW-4", "fifo")
    receipt, = post(app, row("purchase", item, 2, "10.00", "2026-11-01"))
    foreign, = post(app, row("purchase", other, 2, "10.00", "2026-11-01"))
    fixed, = post(app, row("sale", item, 1, date="2026-11-03", applies_to_entry=str(receipt)))
    sale, = post(app, row("sale", item, 1, date="2026-11-04"))
    codes = lambda result: [p.code for p in result.problems]  # noqa: E731
    assert codes(worksheet.remove(app, fixed)) == ["COST-APPL-FIXED"]
    assert codes(worksheet.remove(app, receipt)) == ["COST-APPL-NOT-OUTBOUND"]
    assert codes(worksheet.remove(app, "x")) == ["IMPORT-INVALID-NUMBER"]
    assert codes(worksheet.apply(app, sale, receipt)) == ["COST-APPL-OUTBOUND-NOT-OPEN"]
    worksheet.remove(app, sale)
    assert codes(worksheet.remove(app, sale)) == ["COST-APPL-NOTHING-APPLIED"]
    assert codes(worksheet.apply(app, sale, foreign)) == ["COST-APPL-NOT-INBOUND"]
    assert codes(worksheet.apply(app, sale, receipt, "0")) == ["COST-APPL-BAD-QUANTITY"]
    assert codes(worksheet.apply(app, sale, receipt, "2")) == ["COST-APPL-QUANTITY-NOT-OPEN"]
    assert (remaining(app, sale), remaining(app, receipt)) == (D(-1), D(1))
    worksheet.apply(app, sale, receipt)
    invariants_hold(app, item)


def test_the_application_worksheet_through_the_cli(db_url, tmp_path):
    runner = CliRunner()

    def run(*args, code=0):
        result = runner.invoke(cli, ["--db", db_url, "--user", "admin", *args])
        assert result.exit_code == code, result.output
        return result.output

    run("init", "--country", "NO", "--demo")
    run("item", "add", "--no", "AWC", "--description", "Fifo", "--costing-method", "fifo")
    lines = [row("purchase", "AWC", 1, "10", "2026-11-01"), row("purchase", "AWC", 1, "30", "2026-11-02"),
             row("sale", "AWC", 1, date="2026-11-03")]
    path = tmp_path / "aw.csv"
    path.write_text(",".join(lines[0]) + "\n" + "".join(",".join(x.values()) + "\n" for x in lines))
    run("journal", "post", str(path))
    first, second, sale = (e["entry_no"] for e in json.loads(run("report", "item-ledger", "--item", "AWC", "--json")))
    removed = json.loads(run("costs", "application", "remove", "--entry", str(sale), "--json"))
    assert [(x["inbound_entry_no"], D(x["quantity"])) for x in removed] == [(first, D(1))]
    applied = json.loads(run("costs", "application", "apply", "--outbound", str(sale), "--inbound", str(second),
                             "--json"))
    assert D(applied["quantity"]) == D(1)
    run("costs", "adjust")
    shown = json.loads(run("report", "item-application", "--item", "AWC", "--json"))
    assert [(x["inbound_entry_no"], D(x["quantity"])) for x in shown] == [(first, D(1)), (first, D(-1)), (second, D(1))]
    assert "COST-APPL-OUTBOUND-NOT-OPEN" in run("costs", "application", "apply", "--outbound", str(sale),
                                                "--inbound", str(first), code=2)
