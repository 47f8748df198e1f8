"""Reservations (issue 15 item 5, BC "Reserve Items") end to end through the CLI, on SQLite
and PostgreSQL: reserved stock is refused to other lines and journals, the reserved line ships
from its reserved entries, a reservation against a purchase order line moves to the receipt's
entry, unreserving frees, and two reservations of the last unit do not both succeed."""

from __future__ import annotations

import json
import multiprocessing as mp
from decimal import Decimal as D

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from domain.bootstrap import build_app
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales.model import SalesHeader, SalesLine
from flows.cli import app as cli


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    runner = CliRunner()

    def invoke(*args, code=0):
        result = runner.invoke(cli, ["--db", db_url, *args])
        assert result.exit_code == code, (args, result.output)
        return result

    invoke("init", "--country", "NO", "--demo")
    return invoke


def journal(run, tmp_path, rows: list[str], name="stock.csv") -> None:
    path = tmp_path / name
    path.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n" + "\n".join(rows) + "\n")
    run("journal", "post", str(path))


def order(run, tmp_path, lines: list[dict], name="so.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-21",
                                "lines": [{"type": "item", "unit_price": "300", "location": "MAIN", **x}
                                          for x in lines]}))
    return run("sales", "order", "import", str(path)).stdout.strip()


def purchase_order(run, tmp_path, item: str, qty: str) -> str:
    path = tmp_path / "po.json"
    path.write_text(json.dumps({"document_type": "order", "vendor_no": "V10000", "lines": [
        {"type": "item", "no": item, "quantity": qty, "direct_unit_cost": "200", "location": "MAIN"}]}))
    return run("purchase", "order", "import", str(path)).stdout.strip()


def reservations_of(run, no: str, line: int = 1) -> list[dict]:
    return json.loads(run("sales", "show", no, "--json").stdout)["lines"][line - 1]["reservations"]


def applied(db_url, document_no: str) -> dict[int, D]:
    """inbound entry no. -> quantity that the sale entries of ``document_no`` are applied to."""
    app = build_app(db_url, "admin")
    try:
        with app.uow() as s:
            ile, iae = ItemLedgerEntry, ItemApplicationEntry
            rows = s.execute(select(iae.inbound_item_entry_no, iae.quantity).join(
                ile, ile.entry_no == iae.outbound_item_entry_no).where(ile.document_no == document_no)).all()
    finally:
        app.dispose()
    result: dict[int, D] = {}
    for inbound, qty in rows:
        result[inbound] = result.get(inbound, D(0)) - qty
    return result


def shipment_no(output: str) -> str:
    return next(word for word in output.split() if word.startswith("PSS-"))


def test_reserved_stock_is_refused_to_others_and_the_reserved_line_ships_from_it(run, tmp_path, db_url):
    journal(run, tmp_path, ["2026-11-19,purchase,1000,MAIN,5,100,", "2026-11-20,purchase,1000,MAIN,5,120,"])
    entries = [e["entry_no"] for e in json.loads(run("report", "item-ledger", "--json").stdout)]
    first, second = entries[0], entries[1]
    mine = order(run, tmp_path, [{"no": "1000", "quantity": "3"}])
    reserved = json.loads(run("sales", "reserve", mine, "--line", "1", "--json").stdout)
    assert [(r["source"], r["item_ledger_entry_no"], D(r["quantity"])) for r in reserved] == [
        ("item_ledger_entry", first, D(3))]  # the oldest stock first
    assert [(r["sales_order_no"], r["line_no"]) for r in json.loads(
        run("report", "reservations", "--item", "1000", "--json").stdout)] == [(mine, 1)]
    run("report", "reservations", "--csv", str(tmp_path / "reservations.csv"))
    assert (tmp_path / "reservations.csv").read_text(encoding="utf-8").count(mine) == 1
    shown = reservations_of(run, mine)
    assert [(r["source"], r["item_ledger_entry_no"], D(r["quantity"])) for r in shown] == [
        ("item_ledger_entry", first, D(3))]
    [row] = json.loads(run("report", "availability", "--item", "1000", "--json").stdout)
    assert (D(row["on_hand"]), D(row["reserved"]), D(row["available_inventory"])) == (D(10), D(3), D(7))
    by_event = json.loads(run("report", "availability", "--item", "1000", "--location", "MAIN", "--by", "event",
                              "--json").stdout)
    assert (D(by_event["reserved"]), D(by_event["available_inventory"])) == (D(3), D(7))
    assert [D(r["reserved"]) for r in by_event["rows"] if r["document_no"] == mine] == [D(3)]

    other = order(run, tmp_path, [{"no": "1000", "quantity": "8"}], name="other.json")
    refused = run("sales", "ship", other, code=2).output
    assert "INV-QUANTITY-RESERVED" in refused
    # a journal cannot take reserved stock either (7 free, 8 wanted)
    path = tmp_path / "out.csv"
    path.write_text("posting_date,entry_type,item_no,location,quantity\n2026-11-21,negative_adjustment,1000,MAIN,8\n")
    assert "INV-QUANTITY-RESERVED" in run("journal", "post", str(path), code=2).output
    # another order ships what is free: 2 of the first entry (3 reserved), then the second
    shipped = shipment_no(run("sales", "ship", other, "--qty", "1=4").stdout)
    assert applied(db_url, shipped) == {first: D(2), second: D(2)}
    # the reserved line ships from its reserved entry (FIFO alone would have taken the second)
    mine_shipped = shipment_no(run("sales", "ship", mine).stdout)
    assert applied(db_url, mine_shipped) == {first: D(3)}
    assert reservations_of(run, mine) == []  # shipping consumed the reservation
    assert json.loads(run("report", "reservations", "--json").stdout) == []
    assert "shipment PSS-" in run("sales", "ship", other, "--qty", "1=3").stdout  # nothing reserved any more


def test_reservation_against_a_purchase_order_moves_to_the_receipt_and_unreserve_frees(run, tmp_path, db_url):
    po = purchase_order(run, tmp_path, "1100", "4")
    mine = order(run, tmp_path, [{"no": "1100", "quantity": "3"}])
    printed = run("sales", "reserve", mine, "--line", "1").stdout
    assert po in printed and "purchase_order_line" in printed
    [row] = reservations_of(run, mine)
    assert (row["source"], row["purchase_order_no"], row["purchase_order_line_no"], D(row["quantity"])) == (
        "purchase_order_line", po, 1, D(3))
    assert "SALES-RESERVE-MORE-THAN-OUTSTANDING" in run("sales", "reserve", mine, "--line", "1", "--qty", "1",
                                                        code=2).output
    other = order(run, tmp_path, [{"no": "1100", "quantity": "2"}], name="other.json")
    assert "SALES-RESERVE-NOT-AVAILABLE" in run("sales", "reserve", other, "--line", "1", "--from",
                                                "purchase-order", f"{po}:1", code=2).output
    assert "SALES-RESERVE-NOT-AVAILABLE" in run("sales", "reserve", other, "--line", "1", "--from", "stock",
                                                code=2).output
    run("purchase", "order", "receive", po)
    receipt = [e for e in json.loads(run("report", "item-ledger", "--json").stdout)
               if str(e["document_no"]).startswith("PRCPT-")][0]
    [row] = reservations_of(run, mine)
    assert (row["source"], row["item_ledger_entry_no"], row["purchase_order_no"], D(row["quantity"])) == (
        "item_ledger_entry", receipt["entry_no"], None, D(3))
    assert "INV-QUANTITY-RESERVED" in run("sales", "ship", other, code=2).output  # 4 on hand, 3 reserved
    left = json.loads(run("sales", "unreserve", mine, "--line", "1", "--qty", "1", "--json").stdout)
    assert [D(r["quantity"]) for r in left] == [D(2)]
    assert "SALES-UNRESERVE-MORE-THAN-RESERVED" in run("sales", "unreserve", mine, "--line", "1", "--qty", "3",
                                                      code=2).output
    assert "shipment PSS-" in run("sales", "ship", other).stdout  # the freed unit and the free one
    mine_shipped = shipment_no(run("sales", "ship", mine, "--qty", "1=2").stdout)
    assert applied(db_url, mine_shipped) == {receipt["entry_no"]: D(2)}
    run("sales", "unreserve", mine, "--line", "1", code=2)  # nothing is reserved now
    assert json.loads(run("report", "reservations", "--json").stdout) == []


def test_bad_reservations_are_refused_with_stable_codes_and_nothing_is_written(run, tmp_path):
    journal(run, tmp_path, ["2026-11-20,purchase,1000,MAIN,5,100,L1", "2026-11-20,purchase,1000,MAIN,5,100,L2",
                            "2026-11-20,purchase,1100,MAIN,1,100,"])
    no = order(run, tmp_path, [{"no": "1000", "quantity": "2", "lot_no": "L1"},
                               {"no": "1100", "quantity": "1", "drop_shipment": True},
                               {"type": "gl_account", "no": "3000", "quantity": "1"},
                               {"no": "1100", "quantity": "1"}])
    for args, code in ((["--line", "9"], "SALES-RESERVE-UNKNOWN-LINE"),
                       (["--line", "2"], "SALES-RESERVE-DROP-SHIPMENT"),
                       (["--line", "3"], "SALES-RESERVE-NOT-INVENTORY"),
                       (["--line", "1", "--lot", "L2"], "SALES-RESERVE-TRACKING-MISMATCH"),
                       (["--line", "1", "--qty", "3"], "SALES-RESERVE-MORE-THAN-OUTSTANDING"),
                       (["--line", "1", "--qty", "0"], "SALES-RESERVE-QUANTITY-NOT-POSITIVE"),
                       (["--line", "1", "--qty", "two"], "CLI-INVALID-OPTION"),
                       (["--line", "1", "--from", "warehouse"], "SALES-RESERVE-BAD-FROM"),
                       (["--line", "1", "--from", "purchase-order", "PO-999999:1"],
                        "SALES-RESERVE-PURCHASE-LINE-NOT-FOUND")):
        assert code in run("sales", "reserve", no, *args, code=2).output, args
    assert "SALES-DOCUMENT-NOT-FOUND" in run("sales", "reserve", "SO-999999", "--line", "1", code=2).output
    assert json.loads(run("report", "reservations", "--json").stdout) == []
    # the line's lot is reserved, and only it
    reserved = json.loads(run("sales", "reserve", no, "--line", "1", "--json").stdout)
    assert [(r["lot_no"], D(r["quantity"])) for r in reserved] == [("L1", D(2))]
    assert "SALES-RESERVE-ALREADY-RESERVED" in run("sales", "reserve", no, "--line", "1", code=2).output
    run("sales", "ship", no, "--qty", "1=0", "--qty", "2=0", "--qty", "3=0", "--qty", "4=1")
    assert "SALES-RESERVE-LINE-SHIPPED" in run("sales", "reserve", no, "--line", "4", code=2).output
    run("sales", "unreserve", no, "--line", "1")
    assert json.loads(run("report", "reservations", "--json").stdout) == []


def _reserve_last_unit(url: str, no: str, start, queue) -> None:
    from domain.sales import reservations

    app = build_app(url, "admin")
    start.wait(timeout=120)
    result = reservations.reserve(app, no, 1)
    queue.put(getattr(result, "codes", None) or "reserved")
    app.dispose()


def test_two_reservations_of_the_last_unit_at_once_do_not_both_succeed(run, tmp_path, db_url):
    journal(run, tmp_path, ["2026-11-20,purchase,1400,MAIN,1,100,"])
    orders = [order(run, tmp_path, [{"no": "1400", "quantity": "1"}], name=f"so{i}.json") for i in (1, 2)]
    ctx = mp.get_context("spawn")
    queue, start = ctx.Queue(), ctx.Barrier(2)
    workers = [ctx.Process(target=_reserve_last_unit, args=(db_url, no, start, queue)) for no in orders]
    for w in workers:
        w.start()
    outcomes = sorted(str(queue.get(timeout=240)) for _ in workers)
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert outcomes == ["['SALES-RESERVE-NOT-AVAILABLE']", "reserved"]
    rows = json.loads(run("report", "reservations", "--json").stdout)
    assert [D(r["quantity"]) for r in rows] == [D(1)]


def test_reducing_the_purchase_line_keeps_no_more_reserved_against_it(run, tmp_path, db_url):
    po = purchase_order(run, tmp_path, "1100", "4")
    mine = order(run, tmp_path, [{"no": "1100", "quantity": "3"}])
    run("sales", "reserve", mine, "--line", "1", "--from", "purchase-order", f"{po}:1")
    app = build_app(db_url, "admin")
    try:
        with app.uow() as s:
            s.scalar(select(PurchaseLine).join(PurchaseHeader).where(PurchaseHeader.no == po)).quantity = D(2)
    finally:
        app.dispose()
    assert [D(r["quantity"]) for r in reservations_of(run, mine)] == [D(2)]


def test_reducing_the_line_or_deleting_the_order_frees_the_reservation(run, tmp_path, db_url):
    journal(run, tmp_path, ["2026-11-20,purchase,1000,MAIN,5,100,"])
    mine = order(run, tmp_path, [{"no": "1000", "quantity": "4"}])
    other = order(run, tmp_path, [{"no": "1000", "quantity": "3"}], name="other.json")
    run("sales", "reserve", mine, "--line", "1")
    assert "SALES-RESERVE-NOT-AVAILABLE" in run("sales", "reserve", other, "--line", "1", code=2).output
    app = build_app(db_url, "admin")
    try:
        with app.uow() as s:  # however a line is edited, a smaller quantity keeps no more reserved
            s.scalar(select(SalesLine).join(SalesHeader).where(SalesHeader.no == mine)).quantity = D(1)
        assert [D(r["quantity"]) for r in reservations_of(run, mine)] == [D(1)]
        run("sales", "reserve", other, "--line", "1")  # the 3 freed are there for the other order now
        with app.uow() as s:
            s.delete(s.scalar(select(SalesHeader).where(SalesHeader.no == other)))
    finally:
        app.dispose()
    assert [(r["sales_order_no"], D(r["quantity"])) for r in json.loads(
        run("report", "reservations", "--json").stdout)] == [(mine, D(1))]


def test_a_transfer_cannot_take_reserved_stock_and_an_inbound_transfer_line_can_be_reserved(run, tmp_path):
    run("location", "add", "--code", "EAST")
    run("location", "add", "--code", "TRANSIT", "--in-transit")
    journal(run, tmp_path, ["2026-11-20,purchase,1000,MAIN,5,100,"])
    mine = order(run, tmp_path, [{"no": "1000", "quantity": "4"}])
    run("sales", "reserve", mine, "--line", "1", "--from", "stock")

    def transfer(frm: str, to: str, qty: str, name: str) -> str:
        path = tmp_path / name
        path.write_text(json.dumps({"from_location": frm, "to_location": to, "in_transit_location": "TRANSIT",
                                    "shipment_date": "2026-11-22", "lines": [{"item_no": "1000", "quantity": qty}]}))
        return run("transfer-order", "import", str(path)).stdout.strip()

    greedy = transfer("MAIN", "EAST", "2", "greedy.json")
    assert "INV-QUANTITY-RESERVED" in run("transfer-order", "ship", greedy, code=2).output  # 1 free, 2 wanted
    inbound = transfer("MAIN", "EAST", "1", "inbound.json")
    east = order(run, tmp_path, [{"no": "1000", "quantity": "1", "location": "EAST"}], name="east.json")
    reserved = json.loads(run("sales", "reserve", east, "--line", "1", "--from", "transfer-order", f"{inbound}:1",
                              "--json").stdout)
    assert [(r["source"], r["transfer_order_no"], r["transfer_order_line_no"]) for r in reserved] == [
        ("transfer_order_line", inbound, 1)]
    at_main = order(run, tmp_path, [{"no": "1000", "quantity": "1"}], name="main.json")
    assert "SALES-RESERVE-TRANSFER-LINE-NOT-FOUND" in run(  # it goes to EAST, not MAIN
        "sales", "reserve", at_main, "--line", "1", "--from", "transfer-order", f"{inbound}:1", code=2).output
    run("transfer-order", "ship", inbound)
    run("transfer-order", "receive", inbound)
    [moved] = reservations_of(run, east)
    assert (moved["source"], moved["transfer_order_no"], D(moved["quantity"])) == ("item_ledger_entry", None, D(1))
    entry = [e for e in json.loads(run("report", "item-ledger", "--json").stdout)
             if e["location_code" if "location_code" in e else "location"] == "EAST"]
    assert [e["entry_no"] for e in entry] == [moved["item_ledger_entry_no"]]
