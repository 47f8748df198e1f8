"""Issue 16: Prevent Negative Inventory (BC Inventory Setup), on SQLite and PostgreSQL.

On (the default) an outbound posting needs the quantity on hand. Off, it may take more: the
outbound entry stays open with a negative remaining quantity, valued at the item's unit cost
for now; the next inbound entry of the item and location is applied to it, and cost adjustment
then values it at that entry's cost."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.inventory import journal as item_journal
from domain.ledger import reports
from domain.ledger.model import ItemLedgerEntry
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from flows.cli import app as cli
from tests.support.costing import costs, new_item, post, row, stock


def invariants_hold(app, item) -> None:
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    qty, value = stock(app, item)
    assert qty != 0 or value == 0
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert sum((r["balance"] for r in reports.trial_balance(app)), D(0)) == 0


def remaining(app, entry_no):
    with app.uow() as s:
        entry = s.get(ItemLedgerEntry, entry_no)
        return entry.remaining_quantity, entry.open


def test_with_prevent_negative_inventory_on_a_sale_beyond_on_hand_is_refused(app):
    item = new_item(app, "NEG-ON", "fifo")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"))
    refused = item_journal.post_journal(app, [row("sale", item, 3, date="2026-11-02")])
    assert [p.code for p in refused.problems] == ["INV-INSUFFICIENT-QUANTITY"]


@pytest.mark.parametrize("method, posted, adjusted", [("fifo", "-26.00", "-30.00"), ("lifo", "-26.00", "-30.00"),
                                                      ("standard", "-36.00", "-36.00")])
def test_a_sale_beyond_on_hand_stays_open_and_the_next_receipt_closes_it_and_values_it(app, method, posted,
                                                                                        adjusted):
    inventory_periods.set_inventory_setup(app, prevent_negative_inventory=False)
    item = new_item(app, f"NEG-{method}", method, unit_cost="8", standard_cost="12")
    first, = post(app, row("purchase", item, 1, "10.00", "2026-11-01"))
    sale, = post(app, row("sale", item, 3, date="2026-11-02"))  # 1 on hand, 2 short at unit cost 8
    assert remaining(app, sale) == (D(-2), True)
    assert costs(app, item)[sale] == D(posted)
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D(posted)  # open: adjustment waits for the receipt
    receipt, = post(app, row("purchase", item, 5, "10.00", "2026-11-05"))
    assert remaining(app, sale) == (D(0), False)
    assert remaining(app, receipt) == (D(3), True)
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D(adjusted)
    applied = [(x["inbound_entry_no"], x["quantity"]) for x in reports.item_applications(app, item)]
    assert applied == [(first, D(1)), (receipt, D(2))]
    post(app, row("sale", item, 3, date="2026-11-06"))
    assert stock(app, item)[0] == D(0)
    invariants_hold(app, item)


def test_two_open_sales_are_closed_oldest_first_across_receipts(app):
    inventory_periods.set_inventory_setup(app, prevent_negative_inventory=False)
    item = new_item(app, "NEG-TWO", "fifo", unit_cost="5")
    early, late = post(app, row("sale", item, 2, date="2026-11-01"), row("sale", item, 2, date="2026-11-02"))
    post(app, row("purchase", item, 3, "10.00", "2026-11-03"))
    assert (remaining(app, early), remaining(app, late)) == ((D(0), False), (D(-1), True))
    post(app, row("purchase", item, 1, "20.00", "2026-11-04"))
    cost_adjustment.adjust(app)
    assert (costs(app, item)[early], costs(app, item)[late]) == (D("-20.00"), D("-30.00"))
    invariants_hold(app, item)


def test_setup_inventory_turns_prevent_negative_inventory_off_through_the_cli(db_url):
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "init", "--country", "NO", "--demo"]).exit_code == 0
    done = runner.invoke(cli, ["--db", db_url, "setup", "inventory", "--prevent-negative-inventory", "false", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["prevent_negative_inventory"] is False


def test_an_average_item_sold_short_is_valued_at_the_average_once_the_receipt_arrives(app):
    inventory_periods.set_inventory_setup(app, prevent_negative_inventory=False, average_cost_period="day")
    item = new_item(app, "NEG-AVG", "average", unit_cost="8")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"))
    sale, = post(app, row("sale", item, 3, date="2026-11-02"))
    post(app, row("purchase", item, 2, "16.00", "2026-11-05"))
    assert stock(app, item)[0] == D(0)
    invariants_hold(app, item)
    assert costs(app, item)[sale] == D("-42.00")  # all three units, at what they cost in the end


@pytest.mark.parametrize("expected_cost_posting", [False, True])
def test_a_sales_order_shipped_beyond_on_hand_is_closed_by_the_next_receipt(app, expected_cost_posting):
    inventory_periods.set_inventory_setup(app, prevent_negative_inventory=False,
                                          expected_cost_posting=expected_cost_posting)
    item = new_item(app, f"NEG-SO-{expected_cost_posting}", "fifo", unit_cost="8")
    no = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-10",
        "lines": [{"type": "item", "no": item, "quantity": "2", "unit_price": "50", "location": "MAIN"}]})
    assert sales_posting.ship(app, no).shipment_no
    shipped = reports.item_ledger(app, item)[0]["entry_no"]
    assert remaining(app, shipped) == (D(-2), True)
    receipt, = post(app, row("purchase", item, 3, "12.00", "2026-11-12"))
    assert remaining(app, shipped) == (D(0), False)
    sales_posting.invoice(app, no)
    cost_adjustment.adjust(app)
    assert costs(app, item)[shipped] == D("-24.00")
    post(app, row("sale", item, 1, date="2026-11-13"))
    invariants_hold(app, item)
