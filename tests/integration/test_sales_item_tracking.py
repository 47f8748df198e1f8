"""Several serial/lot nos. on one sales line (BC Item Tracking Lines) through the CLI, on SQLite
and PostgreSQL: an order line of two lots shipped in two parts (each lot its own entry at its own
cost, carrying the lot's expiration date) and invoiced; `sales line tracking` and its refusals
(nothing written); Strict Expiration Posting on and off; `--assign-lots` picking lots first
expired first out; a direct invoice of several serials and a credit memo of several lots; item
tracing of a lot sold on a line of several."""

import json
import re
from decimal import Decimal as D
from tests.support.cli import run, refused


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def ledger(db_url, item):
    return json.loads(run(db_url, "report", "item-ledger", "--item", item, "--json"))


def show(db_url, no):
    return json.loads(run(db_url, "sales", "show", no, "--json"))


def purchase(lines, invoice_no="T-1", date="2026-11-10", document_type="invoice"):
    return {"document_type": document_type, "vendor_no": "V10000", "vendor_invoice_no": invoice_no,
            "document_date": date, "posting_date": date, "lines": list(lines)}


def bought(no, qty, cost, tracking):
    return {"type": "item", "no": no, "quantity": qty, "direct_unit_cost": cost, "location": "MAIN",
            "tracking": tracking}


def sale(no, qty, tracking=None, document_type="order", date="2026-11-20", price="50"):
    line = {"type": "item", "no": no, "quantity": qty, "unit_price": price, "location": "MAIN"}
    if tracking is not None:
        line["tracking"] = tracking
    return {"document_type": document_type, "customer_no": "C10000", "document_date": date, "posting_date": date,
            "lines": [line]}


def imported(db_url, tmp_path, name, data, kind="order"):
    return run(db_url, "sales", kind, "import", write(tmp_path, name, data)).strip()


def setup(db_url, tmp_path):
    """LOTS: specific cost, lots with expiration (strict); three lots bought at three costs."""
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "tracking-code", "add", "--code", "LOTEXP", "--serial", "no", "--lot", "yes",
        "--expiration-required", "yes")
    run(db_url, "item", "tracking-code", "add", "--code", "SNALL", "--serial", "yes", "--lot", "no")
    run(db_url, "item", "add", "--no", "LOTS", "--description", "Yoghurt", "--costing-method", "specific",
        user="admin")
    run(db_url, "item", "add", "--no", "SN1", "--description", "Skanner", "--costing-method", "fifo", user="admin")
    run(db_url, "item", "set", "LOTS", "--tracking-code", "LOTEXP")
    run(db_url, "item", "set", "SN1", "--tracking-code", "SNALL")
    lines = [bought("LOTS", "4", "10", [{"lot_no": "L-A", "quantity": "4", "expiration_date": "2026-12-31"}]),
             bought("LOTS", "3", "11", [{"lot_no": "L-B", "quantity": "3", "expiration_date": "2027-01-31"}]),
             bought("LOTS", "2", "9", [{"lot_no": "L-X", "quantity": "2", "expiration_date": "2026-11-15"}]),
             bought("SN1", "3", "100", [{"serial_no": f"S-{n}"} for n in (1, 2, 3)])]
    no = run(db_url, "purchase", "import", write(tmp_path, "buy.json", purchase(lines))).strip()
    run(db_url, "purchase", "post", no)


def sales_entries(db_url, item):
    return [(e["lot_no"] or e["serial_no"], D(e["quantity"]), D(e["cost_amount_actual"]) +
             D(e["cost_amount_expected"]), e["expiration_date"])
            for e in ledger(db_url, item) if e["entry_type"] == "sale"]


def test_an_order_line_of_two_lots_ships_in_two_parts_each_lot_at_its_own_cost_and_expiration(db_url, tmp_path):
    setup(db_url, tmp_path)
    no = imported(db_url, tmp_path, "so.json", sale("LOTS", "6", [{"lot_no": "L-A", "quantity": "4"},
                                                                  {"lot_no": "L-B", "quantity": "2"}]))
    assert [(t["lot_no"], D(t["quantity"])) for t in show(db_url, no)["lines"][0]["tracking"]] == [
        ("L-A", 4), ("L-B", 2)]
    run(db_url, "sales", "ship", no, "--qty", "1=3")
    assert sales_entries(db_url, "LOTS") == [("L-A", -3, D("-30.00"), "2026-12-31")]
    # after a partial shipment the line's lots may change, keeping what has shipped of each
    assert "SALES-TRACKING-BELOW-SHIPPED" in refused(db_url, "sales", "line", "tracking", no, "1", "--lot", "L-A",
                                                     "--qty", "2", "--lot", "L-B", "--qty", "4")
    run(db_url, "sales", "line", "tracking", no, "1", "--lot", "L-B", "--qty", "3", "--lot", "L-A", "--qty", "3")
    run(db_url, "sales", "line", "tracking", no, "1", "--lot", "L-A", "--qty", "4", "--lot", "L-B", "--qty", "2")
    # a shipment may name what it takes of each lot (BC Qty. to Handle): 1 of L-B now
    before = ledger(db_url, "LOTS")
    assert "SALES-LOT-QTY-NOT-ON-LINE" in refused(db_url, "sales", "ship", no, "--lot-qty", "1:L-B=3")
    assert "SALES-LOT-QTY-NOT-ON-LINE" in refused(db_url, "sales", "ship", no, "--lot-qty", "1:L-X=1")
    assert ledger(db_url, "LOTS") == before
    run(db_url, "sales", "ship", no, "--lot-qty", "1:L-B=1")
    assert sales_entries(db_url, "LOTS")[-1] == ("L-B", -1, D("-11.00"), "2027-01-31")
    run(db_url, "sales", "ship", no)  # the rest: 1 of L-A, 1 of L-B: two shipment lines, two entries
    assert sales_entries(db_url, "LOTS") == [("L-A", -3, D("-30.00"), "2026-12-31"),
                                             ("L-B", -1, D("-11.00"), "2027-01-31"),
                                             ("L-A", -1, D("-10.00"), "2026-12-31"),
                                             ("L-B", -1, D("-11.00"), "2027-01-31")]
    run(db_url, "sales", "invoice", no)
    entries = [e for e in ledger(db_url, "LOTS") if e["entry_type"] == "sale"]
    assert [(D(e["cost_amount_actual"]), D(e["cost_amount_expected"])) for e in entries] == [
        (D("-30.00"), 0), (D("-11.00"), 0), (D("-10.00"), 0), (D("-11.00"), 0)]
    line = show(db_url, no)["lines"][0]
    assert (D(line["quantity_shipped"]), D(line["quantity_invoiced"])) == (6, 6)
    # a return order takes one lot back from its own sale entry, with the lot's expiration date
    sold_b = next(e["entry_no"] for e in entries if e["lot_no"] == "L-B")
    back = sale("LOTS", "1", document_type="return_order")
    back["lines"][0]["applies_from_entry"] = sold_b
    ret = run(db_url, "sales", "return-order", "import", write(tmp_path, "ret.json", back)).strip()
    run(db_url, "sales", "return-order", "receive", ret)
    returned = [e for e in ledger(db_url, "LOTS") if e["entry_type"] == "sale" and D(e["quantity"]) > 0]
    assert [(e["lot_no"], D(e["quantity"]), D(e["cost_amount_expected"]), e["expiration_date"])
            for e in returned] == [("L-B", 1, D("11.00"), "2027-01-31")]
    # nothing of L-A is left at MAIN: a new line naming it is refused at `sales line tracking`
    other = imported(db_url, tmp_path, "so2.json", sale("LOTS", "1"))
    assert "SALES-TRACKING-NOT-ON-HAND" in refused(db_url, "sales", "line", "tracking", other, "1",
                                                   "--lot", "L-A", "--qty", "1")


def test_sales_line_tracking_sets_the_lots_of_a_line_and_its_refusals_write_nothing(db_url, tmp_path):
    setup(db_url, tmp_path)
    no = imported(db_url, tmp_path, "so.json", sale("LOTS", "3"))  # an order may wait for its lots
    assert "SALES-TRACKING-REQUIRED" in refused(db_url, "sales", "ship", no)
    before = show(db_url, no)
    cases = [
        ("SALES-TRACKING-QUANTITY-MISMATCH", ["--lot", "L-A", "--qty", "2"]),
        ("SALES-LOT-TWICE", ["--lot", "L-A", "--qty", "2", "--lot", "L-A", "--qty", "1"]),
        ("SALES-TRACKING-NOT-ON-HAND", ["--lot", "L-X", "--qty", "3"]),  # 2 of L-X at MAIN
        ("SALES-TRACKING-UNKNOWN", ["--lot", "NOPE", "--qty", "3"]),
        ("SALES-TRACKING-CLI-QTY-PER-LOT", ["--lot", "L-A"]),
    ]
    for code, args in cases:
        assert code in refused(db_url, "sales", "line", "tracking", no, "1", *args), code
    assert show(db_url, no) == before
    # a serial no. is one unit
    sn = imported(db_url, tmp_path, "sn.json", sale("SN1", "2"))
    assert "SALES-TRACKING-QUANTITY-MISMATCH" in refused(db_url, "sales", "line", "tracking", sn, "1",
                                                         "--serial", "S-1")
    bad = sale("SN1", "2", [{"serial_no": "S-1", "quantity": "2"}])
    assert "SALES-SERIAL-QUANTITY-NOT-ONE" in refused(db_url, "sales", "order", "import", write(tmp_path, "b.json",
                                                                                                 bad))
    assert "SALES-SERIAL-TWICE" in refused(db_url, "sales", "line", "tracking", sn, "1", "--serial", "S-1",
                                           "--serial", "S-1")
    run(db_url, "sales", "line", "tracking", sn, "1", "--serial", "S-1", "--serial", "S-3")
    run(db_url, "sales", "line", "tracking", no, "1", "--lot", "L-A", "--qty", "2", "--lot", "L-B", "--qty", "1")
    run(db_url, "sales", "post", no)
    run(db_url, "sales", "post", sn)
    assert [(n, q) for n, q, _, _ in sales_entries(db_url, "LOTS")] == [("L-A", -2), ("L-B", -1)]
    assert [(n, q) for n, q, _, _ in sales_entries(db_url, "SN1")] == [("S-1", -1), ("S-3", -1)]
    # --clear: the line names no lot again, and cannot ship without one
    again = imported(db_url, tmp_path, "so3.json", sale("LOTS", "1", [{"lot_no": "L-B", "quantity": "1"}]))
    run(db_url, "sales", "line", "tracking", again, "1", "--clear")
    assert show(db_url, again)["lines"][0]["tracking"] == []
    assert "SALES-TRACKING-REQUIRED" in refused(db_url, "sales", "ship", again)


def test_an_expired_lot_is_refused_with_strict_expiration_and_assign_lots_picks_fefo(db_url, tmp_path):
    setup(db_url, tmp_path)
    # L-X expired on 2026-11-15; the order posts on 2026-11-20
    late = imported(db_url, tmp_path, "late.json", sale("LOTS", "1", [{"lot_no": "L-X", "quantity": "1"}]))
    before = ledger(db_url, "LOTS")
    assert "SALES-TRACKING-EXPIRED" in refused(db_url, "sales", "ship", late)
    assert ledger(db_url, "LOTS") == before
    # FEFO: the expired L-X is skipped, L-A (2026-12-31) before L-B (2027-01-31)
    auto = imported(db_url, tmp_path, "auto.json", sale("LOTS", "5"))
    run(db_url, "sales", "ship", auto, "--assign-lots")
    assert [(t["lot_no"], D(t["quantity"])) for t in show(db_url, auto)["lines"][0]["tracking"]] == [
        ("L-A", 4), ("L-B", 1)]
    assert [(n, q, exp) for n, q, _, exp in sales_entries(db_url, "LOTS")] == [
        ("L-A", -4, "2026-12-31"), ("L-B", -1, "2027-01-31")]
    # more than the unexpired stock: refused, nothing assigned or written
    short = imported(db_url, tmp_path, "short.json", sale("LOTS", "3"))
    before = ledger(db_url, "LOTS")
    assert "SALES-ASSIGN-LOTS-SHORT" in refused(db_url, "sales", "ship", short, "--assign-lots")
    assert show(db_url, short)["lines"][0]["tracking"] == [] and ledger(db_url, "LOTS") == before
    # without Strict Expiration Posting the expired lot ships, and its entry carries the date
    run(db_url, "item", "tracking-code", "add", "--code", "LOTEXP", "--serial", "no", "--lot", "yes",
        "--expiration-required", "yes", "--strict-expiration", "no")
    codes = {c["code"]: c for c in json.loads(run(db_url, "item", "tracking-code", "list", "--json"))}
    assert (codes["LOTEXP"]["strict_expiration"], codes["SNALL"]["strict_expiration"]) == (False, False)
    run(db_url, "sales", "ship", late)
    assert sales_entries(db_url, "LOTS")[-1] == ("L-X", -1, D("-9.00"), "2026-11-15")


def test_a_direct_invoice_of_two_serials_and_a_credit_memo_of_two_lots_make_an_entry_each(db_url, tmp_path):
    setup(db_url, tmp_path)
    inv = imported(db_url, tmp_path, "inv.json", sale("SN1", "2", [{"serial_no": "S-1"}, {"serial_no": "S-2"}],
                                                      "invoice", price="100.01"), "invoice")
    run(db_url, "sales", "post", inv)
    entries = [e for e in ledger(db_url, "SN1") if e["entry_type"] == "sale"]
    assert [(e["serial_no"], D(e["quantity"]), D(e["cost_amount_actual"])) for e in entries] == [
        ("S-1", -1, D("-100.00")), ("S-2", -1, D("-100.00"))]
    # cancelling the invoice takes each serial no. back from its own entry
    posted = re.search(r"PSI-\d+", run(db_url, "sales", "list", "--json")).group(0)
    run(db_url, "sales", "cancel", posted)
    assert sorted((e["serial_no"], D(e["quantity"])) for e in ledger(db_url, "SN1") if e["entry_type"] == "sale") \
        == [("S-1", -1), ("S-1", 1), ("S-2", -1), ("S-2", 1)]
    memo = sale("LOTS", "3", [{"lot_no": "R-1", "quantity": "2", "expiration_date": "2027-05-01"},
                              {"lot_no": "R-2", "quantity": "1", "expiration_date": "2027-06-01"}], "credit_memo")
    no = imported(db_url, tmp_path, "cm.json", memo, "credit-memo")
    run(db_url, "sales", "post", no)
    back = [(e["lot_no"], D(e["quantity"]), e["expiration_date"]) for e in ledger(db_url, "LOTS")
            if e["entry_type"] == "sale" and D(e["quantity"]) > 0]
    assert back == [("R-1", 2, "2027-05-01"), ("R-2", 1, "2027-06-01")]


def test_item_tracing_follows_a_lot_sold_on_a_line_of_two_lots(db_url, tmp_path):
    setup(db_url, tmp_path)
    no = imported(db_url, tmp_path, "so.json", sale("LOTS", "5", [{"lot_no": "L-A", "quantity": "2"},
                                                                  {"lot_no": "L-B", "quantity": "3"}]))
    run(db_url, "sales", "post", no)
    for lot, qty in (("L-A", 2), ("L-B", 3)):
        traced = json.loads(run(db_url, "report", "item-tracing", "--lot", lot, "--json"))
        tree = traced["trees"][0]
        assert tree["entry_type"] == "purchase" and tree["lot_no"] == lot
        assert [(c["entry_type"], c["lot_no"], D(c["quantity"])) for c in tree["children"]] == [
            ("sale", lot, -qty)]
    backward = json.loads(run(db_url, "report", "item-tracing", "--lot", "L-B", "--direction", "backward",
                              "--json"))
    assert [(t["entry_type"], [c["entry_type"] for c in t["children"]]) for t in backward["trees"]] == [
        ("sale", ["purchase"])]


def test_a_purchase_return_of_an_expired_lot_is_refused_and_a_returned_lot_keeps_its_expiration(db_url, tmp_path):
    setup(db_url, tmp_path)
    late = purchase([bought("LOTS", "1", "9", [{"lot_no": "L-X", "quantity": "1"}])], "RET-X", "2026-11-20",
                    "return_order")
    no = run(db_url, "purchase", "return-order", "import", write(tmp_path, "rx.json", late)).strip()
    before = ledger(db_url, "LOTS")
    assert "PURCH-TRACKING-EXPIRED" in refused(db_url, "purchase", "return-order", "ship", no)
    assert ledger(db_url, "LOTS") == before
    good = purchase([bought("LOTS", "2", "10", [{"lot_no": "L-A", "quantity": "2"}])], "RET-A", "2026-11-20",
                    "return_order")
    no = run(db_url, "purchase", "return-order", "import", write(tmp_path, "ra.json", good)).strip()
    run(db_url, "purchase", "return-order", "ship", no)
    out = [(e["lot_no"], D(e["quantity"]), e["expiration_date"]) for e in ledger(db_url, "LOTS")
           if D(e["quantity"]) < 0]
    assert out == [("L-A", -2, "2026-12-31")]
