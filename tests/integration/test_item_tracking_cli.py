"""Item tracking on documents through the CLI (SQLite and PostgreSQL): item tracking codes, a
purchase order with three serial numbers received in two parts and invoiced, a lot with an
expiration date bought and sold (and refused once expired), a lot reclassified, a serial no.
traced from its purchase to its sale, and the refusals (exit 2, nothing written)."""

import json
from decimal import Decimal as D

from tests.support.cli import invoke, refused, run


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def ledger(db_url, item):
    return json.loads(run(db_url, "report", "item-ledger", "--item", item, "--json"))


def purchase(document_type="invoice", lines=(), invoice_no="T-1", date="2026-11-10"):
    return {"document_type": document_type, "vendor_no": "V10000", "vendor_invoice_no": invoice_no,
            "document_date": date, "posting_date": date, "lines": list(lines)}


def item_line(no, qty, cost, tracking, **extra):
    return {"type": "item", "no": no, "quantity": qty, "direct_unit_cost": cost, "location": "MAIN",
            "tracking": tracking, **extra}


def sale(no, qty, tracking, date="2026-11-20"):
    return {"document_type": "invoice", "customer_no": "C10000", "document_date": date, "posting_date": date,
            "lines": [{"type": "item", "no": no, "quantity": qty, "unit_price": "500", "location": "MAIN",
                       "tracking": tracking}]}


def setup(db_url):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "tracking-code", "add", "--code", "SNALL", "--serial", "yes", "--lot", "no")
    run(db_url, "item", "tracking-code", "add", "--code", "LOTEXP", "--serial", "no", "--lot", "yes",
        "--expiration-required", "yes")
    run(db_url, "item", "add", "--no", "SN1", "--description", "Skanner", "--costing-method", "fifo", user="admin")
    run(db_url, "item", "add", "--no", "LOT1", "--description", "Melk", "--costing-method", "fifo", user="admin")
    run(db_url, "item", "set", "SN1", "--tracking-code", "SNALL")
    run(db_url, "item", "set", "LOT1", "--tracking-code", "LOTEXP")


def test_a_purchase_order_of_three_serials_is_received_in_two_parts_invoiced_and_traced_to_its_sale(
        db_url, tmp_path):
    setup(db_url)
    codes = json.loads(run(db_url, "item", "tracking-code", "list", "--json"))
    assert [(c["code"], c["serial"], c["lot"], c["expiration_required"]) for c in codes] == [
        ("LOTEXP", False, True, True), ("SNALL", True, False, False)]
    serials = [{"serial_no": f"S-{n}", "quantity": "1"} for n in (1, 2, 3)]
    order = write(tmp_path, "order.json", purchase("order", [item_line("SN1", "3", "100.01", serials)]))
    no = run(db_url, "purchase", "order", "import", order).strip()
    first = run(db_url, "purchase", "order", "receive", no, "--qty", "1=2").strip()
    run(db_url, "purchase", "order", "undo-receipt", first)  # S-1 and S-2 go back, and come again
    run(db_url, "purchase", "order", "receive", no, "--qty", "1=1")
    run(db_url, "purchase", "order", "receive", no, "--qty", "1=2")
    run(db_url, "purchase", "order", "invoice", no, "--vendor-invoice-no", "T-ORDER")
    entries = ledger(db_url, "SN1")
    assert [(e["serial_no"], D(e["quantity"])) for e in entries[:4]] == [
        ("S-1", 1), ("S-2", 1), ("S-1", -1), ("S-2", -1)]
    assert [(e["serial_no"], D(e["quantity"]), D(e["cost_amount_actual"]), D(e["cost_amount_expected"]))
            for e in entries[4:]] == [("S-1", 1, D("100.01"), 0), ("S-2", 1, D("100.01"), 0),
                                      ("S-3", 1, D("100.01"), 0)]
    # a serial no. on hand cannot come in again; the sale takes S-2 and tracing follows it there
    again = write(tmp_path, "again.json", purchase(lines=[item_line("SN1", "1", "90", [{"serial_no": "S-2"}])],
                                                   invoice_no="T-AGAIN"))
    assert "PURCH-SERIAL-ON-HAND" in refused(db_url, "purchase", "import", again)
    sold = run(db_url, "sales", "order", "import", write(tmp_path, "sale.json", sale("SN1", "1",
                                                                                     [{"serial_no": "S-2"}])))
    run(db_url, "sales", "post", sold.strip())
    traced = json.loads(run(db_url, "report", "item-tracing", "--serial", "S-2", "--json"))
    flat = json.dumps(traced)
    assert '"purchase"' in flat and '"sale"' in flat
    sales = [e for e in ledger(db_url, "SN1") if e["entry_type"] == "sale"]
    assert [(e["serial_no"], D(e["quantity"])) for e in sales] == [("S-2", -1)]
    assert str(sales[0]["entry_no"]) in flat


def test_ten_serials_on_one_invoice_line_split_its_amount_exactly_and_a_credit_memo_takes_one_back(
        db_url, tmp_path):
    setup(db_url)
    serials = [{"serial_no": f"N-{n}", "quantity": "1"} for n in range(1, 11)]
    invoice = write(tmp_path, "inv.json", purchase(lines=[item_line("SN1", "10", "33.333", serials)]))
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", invoice).strip())
    entries = ledger(db_url, "SN1")
    assert len(entries) == 10 and sum(D(e["cost_amount_actual"]) for e in entries) == D("333.33")
    memo = write(tmp_path, "cm.json", purchase("credit_memo", [item_line("SN1", "1", "33.333",
                                                                          [{"serial_no": "N-7"}])], "T-CM"))
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", memo).strip())
    out = [e for e in ledger(db_url, "SN1") if D(e["quantity"]) < 0]
    assert [(e["serial_no"], D(e["quantity"])) for e in out] == [("N-7", -1)]
    gone = write(tmp_path, "cm2.json", purchase("credit_memo", [item_line("SN1", "1", "33.333",
                                                                           [{"serial_no": "N-7"}])], "T-CM2"))
    posted = invoke(db_url, "purchase", "post", run(db_url, "purchase", "import", gone).strip())
    assert posted.exit_code == 2 and "PURCH-TRACKING-NOT-ON-HAND" in posted.output


def test_a_lot_with_an_expiration_date_is_sold_reclassified_and_refused_once_expired(db_url, tmp_path):
    setup(db_url)
    lots = [{"lot_no": "L-A", "quantity": "4", "expiration_date": "2026-12-31"},
            {"lot_no": "L-B", "quantity": "2", "expiration_date": "2026-11-15"}]
    invoice = write(tmp_path, "inv.json", purchase(lines=[item_line("LOT1", "6", "10", lots)]))
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", invoice).strip())
    assert [(e["lot_no"], e["expiration_date"]) for e in ledger(db_url, "LOT1")] == [
        ("L-A", "2026-12-31"), ("L-B", "2026-11-15")]
    text = run(db_url, "report", "item-ledger", "--item", "LOT1")
    assert "2026-12-31" in text
    good = run(db_url, "sales", "order", "import", write(tmp_path, "s1.json", sale("LOT1", "1", [{"lot_no": "L-A"}])))
    run(db_url, "sales", "post", good.strip())
    late = run(db_url, "sales", "order", "import", write(tmp_path, "s2.json", sale("LOT1", "1", [{"lot_no": "L-B"}])))
    before = ledger(db_url, "LOT1")
    assert "SALES-TRACKING-EXPIRED" in refused(db_url, "sales", "post", late.strip())
    assert ledger(db_url, "LOT1") == before
    # reclassification: 2 of L-A become L-C (same location, same cost), one transaction
    run(db_url, "item", "reclassify", "--item", "LOT1", "--lot", "L-A", "--new-lot", "L-C", "--qty", "2",
        "--location", "MAIN", "--posting-date", "2026-11-20")
    after = ledger(db_url, "LOT1")[len(before):]
    assert [(e["entry_type"], e["lot_no"], D(e["quantity"]), D(e["cost_amount_actual"]), e["expiration_date"])
            for e in after] == [("transfer", "L-A", -2, D("-20"), "2026-12-31"),
                                ("transfer", "L-C", 2, D("20"), "2026-12-31")]
    # a new expiration date makes the expired lot sellable again (BC corrects dates this way)
    run(db_url, "item", "reclassify", "--item", "LOT1", "--lot", "L-B", "--new-expiration-date", "2027-01-31",
        "--location", "MAIN", "--posting-date", "2026-11-20")
    run(db_url, "sales", "post", late.strip())
    assert "RECLASS-NOT-ON-HAND" in refused(db_url, "item", "reclassify", "--item", "LOT1", "--lot", "L-A",
                                            "--new-lot", "L-D", "--qty", "5", "--location", "MAIN")


def test_tracking_refusals_write_nothing(db_url, tmp_path):
    setup(db_url)
    drafts = run(db_url, "purchase", "list", "--json")
    cases = [
        ("PURCH-TRACKING-REQUIRED", [item_line("SN1", "1", "10", [])]),
        ("PURCH-SERIAL-QUANTITY-NOT-ONE", [item_line("SN1", "2", "10", [{"serial_no": "X", "quantity": "2"}])]),
        ("PURCH-TRACKING-QUANTITY-MISMATCH", [item_line("SN1", "3", "10", [{"serial_no": "X"}, {"serial_no": "Y"}])]),
        ("PURCH-EXPIRATION-REQUIRED", [item_line("LOT1", "1", "10", [{"lot_no": "L", "quantity": "1"}])]),
        ("PURCH-TRACKING-REQUIRED", [item_line("LOT1", "1", "10", [{"serial_no": "Z"}])]),
    ]
    for n, (code, lines) in enumerate(cases):
        assert code in refused(db_url, "purchase", "import", write(tmp_path, f"bad{n}.json", purchase(
            lines=lines, invoice_no=f"BAD-{n}")))
    assert run(db_url, "purchase", "list", "--json") == drafts
    assert ledger(db_url, "SN1") == []
    assert "SALES-TRACKING-REQUIRED" in refused(db_url, "sales", "order", "import", write(
        tmp_path, "s.json", sale("SN1", "1", [])))
    assert "IJ-TRACKING-REQUIRED" in refused(db_url, "journal", "post", _journal(tmp_path))
    # a draft made before its item got a tracking code does not post without its serial nos.
    draft = run(db_url, "purchase", "import", write(tmp_path, "plain.json", purchase(
        lines=[{"type": "item", "no": "1000", "quantity": "1", "direct_unit_cost": "10", "location": "MAIN"}],
        invoice_no="PLAIN"))).strip()
    run(db_url, "item", "set", "1000", "--tracking-code", "SNALL")
    assert "PURCH-TRACKING-REQUIRED" in refused(db_url, "purchase", "post", draft)
    assert "ITEM-UNKNOWN-TRACKING-CODE" in refused(db_url, "item", "set", "SN1", "--tracking-code", "NOPE")
    assert "ITEM-TRACKING-CODE-NOTHING-TRACKED" in refused(db_url, "item", "tracking-code", "add", "--code", "NONE",
                                                           "--serial", "no", "--lot", "no")
    assert "RECLASS-NOT-ON-HAND" in refused(db_url, "item", "reclassify", "--item", "SN1", "--serial", "Q",
                                            "--new-serial", "R")
    assert "RECLASS-ONE-NO" in refused(db_url, "item", "reclassify", "--item", "SN1", "--serial", "Q",
                                       "--new-lot", "R")


def _journal(tmp_path) -> str:
    path = tmp_path / "j.csv"
    path.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost\n"
                    "2026-11-10,purchase,SN1,MAIN,1,10\n", encoding="utf-8")
    return str(path)


def test_a_return_order_ships_back_the_named_lot_in_two_parts_and_credits_it(db_url, tmp_path):
    setup(db_url)
    lots = [{"lot_no": "R-1", "quantity": "3", "expiration_date": "2027-03-01"},
            {"lot_no": "R-2", "quantity": "3", "expiration_date": "2027-04-01"}]
    invoice = write(tmp_path, "inv.json", purchase(lines=[item_line("LOT1", "6", "12.50", lots)]))
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", invoice).strip())
    back = [{"lot_no": "R-2", "quantity": "2"}]
    order = write(tmp_path, "ret.json", purchase("return_order", [item_line("LOT1", "2", "12.50", back)], "RET-1"))
    no = run(db_url, "purchase", "return-order", "import", order).strip()
    run(db_url, "purchase", "return-order", "ship", no, "--qty", "1=1")
    run(db_url, "purchase", "return-order", "ship", no, "--qty", "1=1")
    run(db_url, "purchase", "return-order", "invoice", no, "--vendor-cr-memo-no", "KR-1")
    out = [e for e in ledger(db_url, "LOT1") if D(e["quantity"]) < 0]
    assert [(e["lot_no"], D(e["quantity"]), D(e["cost_amount_actual"]), D(e["cost_amount_expected"]))
            for e in out] == [("R-2", -1, D("-12.50"), 0), ("R-2", -1, D("-12.50"), 0)]
    wrong = write(tmp_path, "ret2.json", purchase("return_order", [item_line(
        "LOT1", "1", "12.50", [{"lot_no": "NOPE", "quantity": "1"}])], "RET-2"))
    no = run(db_url, "purchase", "return-order", "import", wrong).strip()
    assert "PURCH-TRACKING-NOT-ON-HAND" in refused(db_url, "purchase", "return-order", "ship", no)


def test_a_journal_receives_a_lot_with_its_expiration_date_and_a_transfer_keeps_it(db_url, tmp_path):
    setup(db_url)
    run(db_url, "location", "add", "--code", "EAST", user="admin")
    path = tmp_path / "lots.csv"
    path.write_text("posting_date,entry_type,item_no,location,new_location,quantity,unit_cost,lot_no,expiration_date\n"
                    "2026-11-10,purchase,LOT1,MAIN,,5,8,J-1,2027-02-28\n"
                    "2026-11-11,transfer,LOT1,MAIN,EAST,2,,J-1,\n", encoding="utf-8")
    run(db_url, "journal", "post", str(path))
    assert [(e["location"], e["lot_no"], D(e["quantity"]), e["expiration_date"]) for e in ledger(db_url, "LOT1")
            if D(e["quantity"]) > 0] == [("MAIN", "J-1", 5, "2027-02-28"), ("EAST", "J-1", 2, "2027-02-28")]
    bad = tmp_path / "bad.csv"
    bad.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n"
                   "2026-11-10,purchase,LOT1,MAIN,1,8,J-2\n", encoding="utf-8")
    assert "IJ-EXPIRATION-REQUIRED" in refused(db_url, "journal", "post", str(bad))
