"""Item tracing (BC "Item Tracing", issue 15 item 6), SQLite and PostgreSQL: where a lot went
(forward, through a transfer order, sales and a return) and where a sold lot or serial came
from (backward)."""

import json
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from domain.inventory import tracing, transfers
from domain.problems import DomainError
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup import masterdata
from flows.cli import app as cli
from tests.support.costing import new_item, post, row


def sell(app, item, qty, location, customer="C10000", **extra):
    posted = sales_posting.post(app, sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": customer, "posting_date": "2026-11-20",
        "lines": [{"type": "item", "no": item, "quantity": qty, "unit_price": "50", "location": location, **extra}]}))
    assert not hasattr(posted, "problems"), posted
    return posted.invoice_no


@pytest.fixture
def lot_history(app):
    """Lot L1: 10 bought at MAIN; 4 moved to EAST on a transfer order; 3 sold from EAST to
    C10000, 1 of them returned; 2 sold from MAIN to C20000. Lot L2 is another purchase."""
    masterdata.add_location(app, "EAST", "Østlager")
    masterdata.add_location(app, "TRANSIT", "På veien", in_transit=True)
    item = new_item(app, "TR1", "fifo")
    post(app, row("purchase", item, 10, "10.00", lot_no="L1"), row("purchase", item, 5, "11.00", lot_no="L2"))
    order = transfers.import_order(app, {"from_location": "MAIN", "to_location": "EAST",
                                         "in_transit_location": "TRANSIT", "shipment_date": "2026-11-10",
                                         "lines": [{"item_no": item, "quantity": "4",
                                                    "tracking": [{"lot_no": "L1", "quantity": "4"}]}]})
    transfers.ship(app, order)
    transfers.receive(app, order)
    east_sale = sell(app, item, "3", "EAST", lot_no="L1")
    sell(app, item, "2", "MAIN", customer="C20000", lot_no="L1")
    return app, item, order, east_sale


def shape(node):
    return (node["entry_type"], node["location"], node["linked_quantity"], [shape(c) for c in node["children"]])


def test_forward_tracing_follows_the_lot_through_the_transfer_to_each_sale(lot_history):
    app, item, order, east_sale = lot_history
    result = tracing.trace(app, lot="L1")
    [tree] = result["trees"]
    assert tree["entry_type"] == "purchase" and tree["quantity"] == D(10)
    # the sending half of the transfer (MAIN -> TRANSIT), then TRANSIT -> EAST, then the sale at EAST
    assert sorted((c["entry_type"], c["location"], c["linked_quantity"]) for c in tree["children"]) == [
        ("sale", "MAIN", D(2)), ("transfer", "MAIN", D(4))]
    leaves = [r for r in tracing.flatten(result) if r["entry_type"] == "sale"]
    assert {(r["location"], r["source_no"], r["linked_quantity"]) for r in leaves} == {
        ("EAST", "C10000", D(3)), ("MAIN", "C20000", D(2))}
    east = next(r for r in leaves if r["location"] == "EAST")
    assert east["document_no"] == east_sale and east["level"] >= 3
    assert all(r["lot_no"] == "L1" for r in tracing.flatten(result))


def test_a_return_continues_the_trace_from_the_sale_it_came_back_from(lot_history):
    app, item, order, east_sale = lot_history
    sale_entry = next(r for r in tracing.flatten(tracing.trace(app, lot="L1"))
                      if r["document_no"] == east_sale)["entry_no"]
    memo = sales_posting.post(app, sales_documents.create_document(app, {
        "document_type": "credit_memo", "customer_no": "C10000", "posting_date": "2026-11-21",
        "lines": [{"type": "item", "no": item, "quantity": "1", "unit_price": "50", "location": "EAST",
                   "applies_from_entry": sale_entry}]}))
    rows = tracing.flatten(tracing.trace(app, lot="L1"))
    returned = [r for r in rows if r["document_no"] == memo.invoice_no]
    assert len(returned) == 1 and returned[0]["quantity"] == D(1)
    parent = rows[rows.index(returned[0]) - 1]
    assert parent["entry_no"] == sale_entry


def test_backward_tracing_leads_each_use_of_the_lot_to_its_purchase(lot_history):
    app, item, order, east_sale = lot_history
    result = tracing.trace(app, lot="L1", direction="backward")
    starts = {(t["entry_type"], t["location"]) for t in result["trees"]}
    assert ("sale", "EAST") in starts and ("sale", "MAIN") in starts
    for tree in result["trees"]:
        node = tree
        while node["children"]:
            node = node["children"][0]
        assert (node["entry_type"], node["quantity"], node["lot_no"]) == ("purchase", D(10), "L1")
    east = next(t for t in result["trees"] if t["location"] == "EAST" and t["entry_type"] == "sale")
    assert [n["entry_type"] for n in _chain(east)] == ["sale", "transfer", "transfer", "transfer", "transfer",
                                                       "purchase"]


def _chain(node):
    out = [node]
    while node["children"]:
        node = node["children"][0]
        out.append(node)
    return out


def test_a_serial_no_is_traced_back_to_its_receipt(app):
    item = new_item(app, "TR2", "specific")
    post(app, row("purchase", item, 1, "700.00", serial_no="SN-7"), row("purchase", item, 1, "710.00",
                                                                          serial_no="SN-8"))
    sell(app, item, "1", "MAIN", serial_no="SN-8")
    [tree] = tracing.trace(app, serial="SN-8", direction="backward")["trees"]
    assert (tree["entry_type"], tree["serial_no"]) == ("sale", "SN-8")
    assert [(c["entry_type"], c["serial_no"]) for c in tree["children"]] == [("purchase", "SN-8")]


@pytest.mark.parametrize("kwargs, code", [
    ({}, "TRACE-GIVE-LOT-OR-SERIAL"), ({"lot": "X", "serial": "Y"}, "TRACE-GIVE-LOT-OR-SERIAL"),
    ({"lot": "NOPE"}, "TRACE-NOT-FOUND"), ({"lot": "L1", "direction": "sideways"}, "IMPORT-INVALID-CHOICE"),
])
def test_bad_requests_get_a_code(lot_history, kwargs, code):
    app = lot_history[0]
    with pytest.raises(DomainError) as refused:
        tracing.trace(app, **kwargs)
    assert refused.value.code == code


def test_the_cli_prints_the_trace_as_a_table_and_as_json(db_url, lot_history, tmp_path):
    runner = CliRunner()
    table = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "item-tracing", "--lot", "L1",
                                "--csv", str(tmp_path / "trace.csv")])
    assert table.exit_code == 0, table.output
    lines = (tmp_path / "trace.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("level,entry_no,entry_type") and len(lines) == 1 + len(
        tracing.flatten(tracing.trace(lot_history[0], lot="L1")))
    assert "Item tracing (forward): L1" in table.output and "purchase" in table.output
    data = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "item-tracing", "--lot", "L1",
                               "--direction", "backward", "--json"])
    assert data.exit_code == 0, data.output
    parsed = json.loads(data.output)
    assert parsed["direction"] == "backward" and parsed["entries"] >= 8
    bad = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "item-tracing"])
    assert bad.exit_code == 2 and "TRACE-GIVE-LOT-OR-SERIAL" in bad.output
