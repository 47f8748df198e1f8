"""Reservations for every demand and supply (issue 15 item 5) end to end through the CLI, on SQLite
and PostgreSQL: a transfer order line and an assembly order's components reserve stock and
inbound supply like a sales line; what is reserved for them is unavailable to every other
demand; shipping the transfer and posting the assembly order take the reserved entries and
consume the reservations; an assembly order is supply a sales line reserves against and its
output carries the reservation; deleting either end frees it; order tracking shows a sales
line's reserved and unreserved supply in date order."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from domain.bootstrap import build_app
from domain.inventory.assembly_model import AssemblyLine
from domain.inventory.model import TransferLine
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry
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
    invoke("location", "add", "--code", "EAST")
    invoke("location", "add", "--code", "TRANSIT", "--in-transit")
    for no in ("P1", "KIT"):
        invoke("item", "add", "--no", no, "--description", f"{no} item", "--costing-method", "fifo")
    invoke("assembly", "bom", "add", "--item", "KIT", "--component", "P1", "--quantity", "2")
    return invoke


def journal(run, tmp_path, rows: list[str], name="stock.csv") -> list[int]:
    """Post ``rows``; the entry nos. they wrote."""
    before = {e["entry_no"] for e in json.loads(run("report", "item-ledger", "--json").stdout)}
    path = tmp_path / name
    path.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost\n" + "\n".join(rows) + "\n")
    run("journal", "post", str(path))
    return sorted(e["entry_no"] for e in json.loads(run("report", "item-ledger", "--json").stdout)
                  if e["entry_no"] not in before)


def sales_order(run, tmp_path, item: str, qty: str, name: str, location="MAIN") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-21",
                                "lines": [{"type": "item", "no": item, "quantity": qty, "unit_price": "300",
                                           "location": location}]}))
    return run("sales", "order", "import", str(path)).stdout.strip()


def purchase_order(run, tmp_path, item: str, qty: str, date: str, name="po.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"document_type": "order", "vendor_no": "V10000", "posting_date": date,
                                "document_date": date, "lines": [{"type": "item", "no": item, "quantity": qty,
                                                                  "direct_unit_cost": "200", "location": "MAIN"}]}))
    return run("purchase", "order", "import", str(path)).stdout.strip()


def transfer(run, tmp_path, item: str, qty: str, name: str, frm="MAIN", to="EAST", date="2026-11-22") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"from_location": frm, "to_location": to, "in_transit_location": "TRANSIT",
                                "shipment_date": date, "lines": [{"item_no": item, "quantity": qty}]}))
    return run("transfer-order", "import", str(path)).stdout.strip()


def assembly_order(run, tmp_path, qty: str, name: str, due="2026-11-25", item="KIT") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"item_no": item, "quantity": qty, "location": "MAIN", "due_date": due}))
    return run("assembly", "order", "import", str(path)).stdout.strip()


def reservations(run) -> list[tuple]:
    return [(r["demand"], r["sales_order_no"] or r["demand_order_no"], r["line_no"], r["source"],
             r["item_ledger_entry_no"] or r["purchase_order_no"] or r["transfer_order_no"] or r["assembly_order_no"],
             D(r["quantity"])) for r in json.loads(run("report", "reservations", "--json").stdout)]


def applied(db_url, document_no: str, item_no: str) -> dict[int, D]:
    """inbound entry no. -> quantity the outbound entries of ``document_no`` (of ``item_no``) are applied to."""
    app = build_app(db_url, "admin")
    try:
        with app.uow() as s:
            ile, iae = ItemLedgerEntry, ItemApplicationEntry
            rows = s.execute(select(iae.inbound_item_entry_no, iae.quantity).join(
                ile, ile.entry_no == iae.outbound_item_entry_no).where(
                ile.document_no == document_no, ile.item_no == item_no, ile.positive.is_(False))).all()
    finally:
        app.dispose()
    result: dict[int, D] = {}
    for inbound, qty in rows:
        result[inbound] = result.get(inbound, D(0)) - qty
    return result


def test_a_transfer_line_reserves_stock_others_cannot_take_and_ships_from_it(run, tmp_path, db_url):
    first, second = journal(run, tmp_path, ["2026-11-19,purchase,1000,MAIN,3,100",
                                            "2026-11-20,purchase,1000,MAIN,3,120"])
    blocker = sales_order(run, tmp_path, "1000", "3", "blocker.json")
    run("sales", "reserve", blocker, "--line", "1")  # the first entry
    to = transfer(run, tmp_path, "1000", "2", "to.json")
    reserved = json.loads(run("transfer-order", "reserve", to, "--line", "1", "--json").stdout)
    assert [(r["demand"], r["demand_order_no"], r["line_no"], r["item_ledger_entry_no"], D(r["quantity"]))
            for r in reserved] == [("transfer_order_line", to, 1, second, D(2))]
    run("sales", "unreserve", blocker, "--line", "1")  # the first entry is free again
    # the 2 reserved for the transfer are unavailable to everyone else
    other = sales_order(run, tmp_path, "1000", "5", "other.json")
    assert "SALES-RESERVE-NOT-AVAILABLE" in run("sales", "reserve", other, "--line", "1", code=2).output
    # 6 on hand, 2 of it reserved for the transfer (shipping after this order's date), 3 for the blocker's line
    [warning] = json.loads(run("sales", "check-availability", other, "--json").stdout)["warnings"]
    assert (warning["code"], D(warning["available"])) == ("SALES-STOCKOUT-WARNING", D(1))
    assert "INV-QUANTITY-RESERVED" in run("sales", "ship", other, code=2).output
    [row] = json.loads(run("report", "availability", "--item", "1000", "--json").stdout)
    assert (D(row["on_hand"]), D(row["reserved"]), D(row["available_inventory"])) == (D(6), D(2), D(4))
    by_event = json.loads(run("report", "availability", "--item", "1000", "--location", "MAIN", "--by", "event",
                              "--json").stdout)
    assert [D(r["reserved"]) for r in by_event["rows"] if r["document_no"] == to] == [D(2)]
    # the transfer ships from its reserved entry (FIFO alone would take the first) and consumes the reservation
    shipment = run("transfer-order", "ship", to).stdout.strip()
    assert applied(db_url, shipment, "1000") == {second: D(2)}
    assert reservations(run) == []
    assert "shipment PSS-" in run("sales", "ship", other, "--qty", "1=4").stdout
    assert "TRANSFER-RESERVE-LINE-SHIPPED" in run("transfer-order", "reserve", to, "--line", "1", code=2).output


def test_a_transfer_line_reserves_a_purchase_order_and_bad_input_writes_nothing(run, tmp_path, db_url):
    po = purchase_order(run, tmp_path, "1000", "4", "2026-11-20")
    other_item = purchase_order(run, tmp_path, "1100", "4", "2026-11-20", name="po2.json")
    to = transfer(run, tmp_path, "1000", "3", "to.json")
    for args, code in ((["--line", "9"], "SALES-RESERVE-UNKNOWN-LINE"),
                       (["--line", "1", "--qty", "4"], "SALES-RESERVE-MORE-THAN-OUTSTANDING"),
                       (["--line", "1", "--qty", "0"], "SALES-RESERVE-QUANTITY-NOT-POSITIVE"),
                       (["--line", "1", "--qty", "x"], "CLI-INVALID-OPTION"),
                       (["--line", "1", "--from", "stock"], "SALES-RESERVE-NOT-AVAILABLE"),
                       (["--line", "1", "--from", "warehouse"], "SALES-RESERVE-BAD-FROM"),
                       (["--line", "1", "--from", "purchase-order", f"{other_item}:1"],
                        "SALES-RESERVE-PURCHASE-LINE-MISMATCH")):
        assert code in run("transfer-order", "reserve", to, *args, code=2).output, args
    assert "TRANSFER-NOT-FOUND" in run("transfer-order", "reserve", "TO-999999", "--line", "1", code=2).output
    assert "SALES-UNRESERVE-NOTHING-RESERVED" in run("transfer-order", "unreserve", to, "--line", "1",
                                                     code=2).output
    assert reservations(run) == []
    run("transfer-order", "reserve", to, "--line", "1", "--from", "purchase-order", f"{po}:1")
    assert reservations(run) == [("transfer_order_line", to, 1, "purchase_order_line", po, D(3))]
    assert "SALES-UNRESERVE-MORE-THAN-RESERVED" in run("transfer-order", "unreserve", to, "--line", "1", "--qty",
                                                       "4", code=2).output
    still = json.loads(run("transfer-order", "unreserve", to, "--line", "1", "--qty", "1", "--json").stdout)
    assert [D(r["quantity"]) for r in still] == [D(2)]
    run("purchase", "order", "receive", po)
    [(_, _, _, source, entry, qty)] = reservations(run)
    assert (source, qty) == ("item_ledger_entry", D(2))  # the reservation followed the receipt
    shipment = run("transfer-order", "ship", to, "--qty", "1=2").stdout.strip()
    assert applied(db_url, shipment, "1000") == {entry: D(2)}
    assert reservations(run) == []


def test_assembly_components_reserve_stock_and_posting_consumes_the_reserved_entries(run, tmp_path, db_url):
    run("resource", "add", "--no", "R1", "--name", "Fitter", "--unit-cost", "50")
    run("assembly", "bom", "add", "--item", "KIT", "--resource", "R1", "--quantity", "1")
    first, second = journal(run, tmp_path, ["2026-11-19,purchase,P1,MAIN,4,10", "2026-11-20,purchase,P1,MAIN,4,12"])
    blocker = sales_order(run, tmp_path, "P1", "4", "blocker.json")
    run("sales", "reserve", blocker, "--line", "1")  # the first entry
    ao = assembly_order(run, tmp_path, "2", "ao.json")
    assert "ASM-RESERVE-QTY-NEEDS-LINE" in run("assembly", "order", "reserve", ao, "--qty", "1", code=2).output
    assert "ASM-RESERVE-NOT-ITEM" in run("assembly", "order", "reserve", ao, "--line", "20000", code=2).output
    assert "SALES-RESERVE-UNKNOWN-LINE" in run("assembly", "order", "reserve", ao, "--line", "7", code=2).output
    assert "SALES-RESERVE-MORE-THAN-OUTSTANDING" in run("assembly", "order", "reserve", ao, "--line", "10000",
                                                        "--qty", "5", code=2).output
    assert "ASM-ORDER-NOT-FOUND" in run("assembly", "order", "reserve", "AO-999999", code=2).output
    assert [r[0] for r in reservations(run)] == ["sales_order_line"]
    reserved = json.loads(run("assembly", "order", "reserve", ao, "--json").stdout)  # every item line
    assert [(r["demand"], r["demand_order_no"], r["line_no"], r["item_ledger_entry_no"], D(r["quantity"]))
            for r in reserved] == [("assembly_order_line", ao, 10000, second, D(4))]  # BOM line nos.
    assert "SALES-RESERVE-ALREADY-RESERVED" in run("assembly", "order", "reserve", ao, "--line",
                                                   "10000", code=2).output
    run("sales", "unreserve", blocker, "--line", "1")
    # reserved for the components: no journal, sales line or other assembly order can take it
    path = tmp_path / "out.csv"
    path.write_text("posting_date,entry_type,item_no,location,quantity\n2026-11-21,negative_adjustment,P1,MAIN,5\n")
    assert "INV-QUANTITY-RESERVED" in run("journal", "post", str(path), code=2).output
    other = assembly_order(run, tmp_path, "3", "other.json")
    assert "INV-QUANTITY-RESERVED" in run("assembly", "order", "post", other, code=2).output
    taken = json.loads(run("sales", "reserve", blocker, "--line", "1", "--json").stdout)
    assert [(r["item_ledger_entry_no"], D(r["quantity"])) for r in taken] == [(first, D(4))]  # only the free entry
    run("sales", "unreserve", blocker, "--line", "1")
    # posting half consumes 2 of the reserved entry (FIFO alone would take the first) and keeps 2 reserved
    run("assembly", "order", "post", ao, "--qty", "1")
    assert applied(db_url, ao, "P1") == {second: D(2)}
    assert [r[4:] for r in reservations(run)] == [(second, D(2))]
    run("assembly", "order", "post", ao)
    assert applied(db_url, ao, "P1") == {second: D(4)}
    assert reservations(run) == []
    assert "ASM-RESERVE-LINE-CONSUMED" in run("assembly", "order", "reserve", ao, code=2).output
    run("assembly", "order", "reserve", other, "--line", "10000", "--qty", "3")
    assert json.loads(run("assembly", "order", "unreserve", other, "--json").stdout) == []
    assert reservations(run) == []


def test_a_sales_line_reserves_an_assembly_order_and_its_output_carries_the_reservation(run, tmp_path, db_url):
    journal(run, tmp_path, ["2026-11-19,purchase,P1,MAIN,6,10"])
    ao = assembly_order(run, tmp_path, "3", "ao.json")
    mine = sales_order(run, tmp_path, "KIT", "2", "mine.json")
    elsewhere = sales_order(run, tmp_path, "KIT", "1", "east.json", location="EAST")
    assert "SALES-RESERVE-ASSEMBLY-ORDER-MISMATCH" in run("sales", "reserve", elsewhere, "--line", "1", "--from",
                                                         "assembly-order", ao, code=2).output
    assert "SALES-RESERVE-ASSEMBLY-ORDER-NOT-FOUND" in run("sales", "reserve", mine, "--line", "1", "--from",
                                                          "assembly-order", "AO-999999", code=2).output
    reserved = json.loads(run("sales", "reserve", mine, "--line", "1", "--from", "assembly-order", ao,
                              "--json").stdout)
    assert [(r["source"], r["assembly_order_no"], D(r["quantity"])) for r in reserved] == [
        ("assembly_order", ao, D(2))]
    other = sales_order(run, tmp_path, "KIT", "2", "other.json")
    assert "SALES-RESERVE-NOT-AVAILABLE" in run("sales", "reserve", other, "--line", "1", code=2).output
    run("sales", "reserve", other, "--line", "1", "--qty", "1")  # the one left of the order
    run("assembly", "order", "post", ao, "--qty", "2")
    output = [e["entry_no"] for e in json.loads(run("report", "item-ledger", "--item", "KIT", "--json").stdout)]
    assert sorted(r[1:] for r in reservations(run)) == sorted([
        (mine, 1, "item_ledger_entry", output[0], D(2)), (other, 1, "assembly_order", ao, D(1))])
    assert "INV-QUANTITY-RESERVED" in run("sales", "ship", other, code=2).output
    shipment = next(w for w in run("sales", "ship", mine).stdout.split() if w.startswith("PSS-"))
    assert applied(db_url, shipment, "KIT") == {output[0]: D(2)}
    assert [r[1] for r in reservations(run)] == [other]


def test_deleting_the_transfer_or_component_line_frees_its_reservation(run, tmp_path, db_url):
    journal(run, tmp_path, ["2026-11-19,purchase,P1,MAIN,6,10"])
    to = transfer(run, tmp_path, "P1", "2", "to.json")
    ao = assembly_order(run, tmp_path, "2", "ao.json")
    run("transfer-order", "reserve", to, "--line", "1")
    run("assembly", "order", "reserve", ao)
    assert sorted(r[0] for r in reservations(run)) == ["assembly_order_line", "transfer_order_line"]
    app = build_app(db_url, "admin")
    try:
        with app.uow() as s:
            s.delete(s.get(TransferLine, (to, 1)))
        assert [r[0] for r in reservations(run)] == ["assembly_order_line"]
        with app.uow() as s:
            s.delete(s.scalar(select(AssemblyLine).where(AssemblyLine.order_no == ao)))
    finally:
        app.dispose()
    assert reservations(run) == []


def test_order_tracking_shows_the_reserved_then_the_unreserved_supply_in_date_order(run, tmp_path):
    journal(run, tmp_path, ["2026-11-19,purchase,KIT,MAIN,2,10", "2026-11-19,purchase,KIT,EAST,2,10"])
    ao = assembly_order(run, tmp_path, "2", "ao.json", due="2026-11-24")
    po = purchase_order(run, tmp_path, "KIT", "3", "2026-11-23")
    to = transfer(run, tmp_path, "KIT", "2", "to.json", frm="EAST", to="MAIN", date="2026-11-22")
    mine = sales_order(run, tmp_path, "KIT", "10", "mine.json")
    run("sales", "reserve", mine, "--line", "1", "--qty", "1", "--from", "stock")
    run("sales", "reserve", mine, "--line", "1", "--qty", "1", "--from", "purchase-order", f"{po}:1")
    rows = json.loads(run("report", "order-tracking", mine, "--line", "1", "--json").stdout)
    assert [(r["kind"], r["source"], r["document_no"], r["expected_date"], D(r["quantity"])) for r in rows] == [
        ("reserved", "item_ledger_entry", rows[0]["document_no"], None, D(1)),
        ("reserved", "purchase_order_line", po, "2026-11-23", D(1)),
        ("tracked", "item_ledger_entry", rows[0]["document_no"], None, D(1)),
        ("tracked", "transfer_order_line", to, "2026-11-22", D(2)),
        ("tracked", "purchase_order_line", po, "2026-11-23", D(2)),
        ("tracked", "assembly_order", ao, "2026-11-24", D(2)),
        ("untracked", None, None, None, D(1))]
    csv_file, xlsx_file = tmp_path / "tracking.csv", tmp_path / "tracking.xlsx"
    run("report", "order-tracking", mine, "--line", "1", "--csv", str(csv_file), "--xlsx", str(xlsx_file))
    assert csv_file.read_text(encoding="utf-8").count("\n") == 8  # the header and seven rows
    assert load_workbook(xlsx_file).active.max_row == 8
    assert "SALES-RESERVE-UNKNOWN-LINE" in run("report", "order-tracking", mine, "--line", "4", code=2).output
    assert "SALES-DOCUMENT-NOT-FOUND" in run("report", "order-tracking", "SO-999999", "--line", "1",
                                             code=2).output


def test_transfer_and_assembly_lines_reserve_inbound_transfers_purchases_and_assembly_orders(run, tmp_path, db_url):
    run("assembly", "bom", "add", "--item", "P1", "--component", "1000", "--quantity", "1")
    journal(run, tmp_path, ["2026-11-19,purchase,KIT,EAST,1,10", "2026-11-19,purchase,P1,EAST,2,10",
                            "2026-11-19,purchase,1000,MAIN,2,10"])
    # a transfer line's demand at MAIN from an inbound transfer (EAST -> MAIN) and an assembly order, by date
    kit_in = transfer(run, tmp_path, "KIT", "1", "kit_in.json", frm="EAST", to="MAIN", date="2026-11-22")
    kit_ao = assembly_order(run, tmp_path, "1", "kit_ao.json", due="2026-11-25")
    kit_out = transfer(run, tmp_path, "KIT", "2", "kit_out.json", date="2026-11-26")
    run("transfer-order", "reserve", kit_out, "--line", "1")
    assert reservations(run) == [("transfer_order_line", kit_out, 1, "transfer_order_line", kit_in, D(1)),
                                 ("transfer_order_line", kit_out, 1, "assembly_order", kit_ao, D(1))]
    # an assembly component's demand at MAIN from a purchase, an inbound transfer and another assembly order
    p1_po = purchase_order(run, tmp_path, "P1", "2", "2026-11-23")
    p1_in = transfer(run, tmp_path, "P1", "2", "p1_in.json", frm="EAST", to="MAIN", date="2026-11-22")
    p1_ao = assembly_order(run, tmp_path, "2", "p1_ao.json", due="2026-11-24", item="P1")
    kits = assembly_order(run, tmp_path, "3", "kits.json", due="2026-11-26")
    run("assembly", "order", "reserve", kits, "--line", "10000")
    assert [r for r in reservations(run) if r[1] == kits] == [
        ("assembly_order_line", kits, 10000, "transfer_order_line", p1_in, D(2)),
        ("assembly_order_line", kits, 10000, "purchase_order_line", p1_po, D(2)),
        ("assembly_order_line", kits, 10000, "assembly_order", p1_ao, D(2))]
    journal(run, tmp_path, ["2026-11-21,purchase,P1,MAIN,2,10"], name="more.csv")  # free, for the KIT order
    # the supply arrives: each reservation follows it onto the new entry
    for no in (kit_in, p1_in):
        run("transfer-order", "ship", no)
        run("transfer-order", "receive", no)
    run("purchase", "order", "receive", p1_po)
    run("assembly", "order", "post", p1_ao)
    assert {r[3] for r in reservations(run) if r[1] == kits} == {"item_ledger_entry"}
    held = {r[4]: r[5] for r in reservations(run) if r[1] == kits}
    # 6 P1 needed, exactly the 6 reserved; posting consumes them all and nothing is left reserved for it
    run("assembly", "order", "post", kits)
    assert applied(db_url, kits, "P1") == held
    run("assembly", "order", "post", kit_ao)
    assert {r[3] for r in reservations(run)} == {"item_ledger_entry"}
    held = {r[4]: r[5] for r in reservations(run)}
    shipment = run("transfer-order", "ship", kit_out).stdout.strip()
    assert applied(db_url, shipment, "KIT") == held
    assert reservations(run) == []

