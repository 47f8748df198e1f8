"""Units of measure on orders through the CLI (SQLite and PostgreSQL), as Business Central: a
purchase order bought in boxes is received box by box and invoiced, a sales order sells pieces;
the order line's quantities are in its unit, the item ledger, costs, availability and
reservations in the base unit; a quantity the base unit's rounding precision does not allow,
and a unit change on a received line, are refused with their codes and nothing written."""

import json
from decimal import Decimal as D

from tests.integration.test_units_cli import item_line, ledger, purchase, refused, run, sale, trial_balance_is_zero


def setup_boxes(db_url, precision="1"):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX", "--qty-per-base", "12")
    run(db_url, "item", "set", "1000", "--base-unit", "PCS", "--purch-unit", "BOX", "--sales-unit", "PCS")
    run(db_url, "item", "unit", "set", "--item", "1000", "--code", "PCS", "--rounding-precision", precision)


def line_of(db_url, area, no, line_no=1):
    return next(x for x in json.loads(run(db_url, area, "show", no, "--json"))["lines"] if x["line_no"] == line_no)


def test_bought_in_boxes_on_an_order_received_box_by_box_and_sold_in_pieces_on_an_order(db_url, tmp_path):
    setup_boxes(db_url)
    # no unit on the line: the card's Purch. Unit of Measure (BOX), the cost per box
    order = run(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "3", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PO-1", "order")).strip()
    line = line_of(db_url, "purchase", order)
    assert (line["unit_of_measure"], D(line["qty_per_unit_of_measure"]), D(line["quantity_base"])) == ("BOX", 12, 36)
    html = tmp_path / "po.html"
    run(db_url, "purchase", "order", "render", order, "--html", str(html), "--language", "nb")
    assert "eske" in html.read_text()  # the purchase order prints the line's unit, translated
    [availability] = json.loads(run(db_url, "report", "availability", "--item", "1000", "--json"))
    assert D(availability["scheduled_receipts"]) == D(36)

    run(db_url, "purchase", "order", "receive", order, "--qty", "1=2")  # in the line's unit: 2 boxes
    line = line_of(db_url, "purchase", order)
    assert (D(line["quantity_received"]), D(line["qty_to_receive"]), D(line["quantity_received_base"])) == (2, 1, 24)
    [first] = ledger(db_url, "1000")
    assert (D(first["quantity"]), D(first["cost_amount_expected"])) == (D(24), D("240.00"))
    run(db_url, "purchase", "order", "receive", order, "--qty", "1=1")
    run(db_url, "purchase", "order", "invoice", order, "--vendor-invoice-no", "F-PO-1")
    entries = ledger(db_url, "1000")
    assert [D(e["quantity"]) for e in entries] == [D(24), D(12)]
    assert [D(e["cost_amount_actual"]) for e in entries] == [D("240.00"), D("120.00")]
    assert all(D(e["cost_amount_expected"]) == 0 for e in entries)
    line = line_of(db_url, "purchase", order)
    assert (D(line["quantity_invoiced"]), D(line["quantity_received"])) == (3, 3)
    card = next(i for i in json.loads(run(db_url, "item", "list", "--json")) if i["no"] == "1000")
    assert D(card["unit_cost"]) == D("10.00")  # per piece

    # sold in pieces on an order (the card's Sales Unit of Measure), shipped and invoiced
    so = run(db_url, "sales", "order", "import", sale(tmp_path, [item_line("1000", "7", unit_price="20")])).strip()
    assert line_of(db_url, "sales", so)["unit_of_measure"] == "PCS"
    run(db_url, "sales", "ship", so)
    run(db_url, "sales", "invoice", so)
    entries = ledger(db_url, "1000")
    assert [D(e["quantity"]) for e in entries] == [D(24), D(12), D(-7)]
    assert D(entries[-1]["cost_amount_actual"]) == D("-70.00")  # 7 pieces at exactly 10.00
    assert sum(D(e["quantity"]) for e in entries) == D(29)
    assert trial_balance_is_zero(db_url)


def test_a_sales_order_in_boxes_ships_pieces_reserves_and_counts_availability_in_pieces(db_url, tmp_path):
    setup_boxes(db_url)
    invoice = run(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("1000", "3", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")])).strip()
    run(db_url, "purchase", "post", invoice)  # 36 pieces at 10.00
    so = run(db_url, "sales", "order", "import", sale(tmp_path, [
        item_line("1000", "2", unit_of_measure="BOX", unit_price="200")])).strip()
    [availability] = json.loads(run(db_url, "report", "availability", "--item", "1000", "--json"))
    assert (D(availability["other_demand"]), D(availability["available"])) == (D(24), D(12))  # 2 boxes on order
    by_event = json.loads(run(db_url, "report", "availability", "--item", "1000", "--by", "event", "--json"))
    assert D(by_event["projected_available"]) == D(12)
    html = tmp_path / "confirmation.html"
    run(db_url, "sales", "render", so, "--html", str(html), "--language", "nl")
    assert "doos" in html.read_text()  # the order confirmation prints the line's unit, translated
    reserved = json.loads(run(db_url, "sales", "reserve", so, "--line", "1", "--json"))
    assert sum(D(r["quantity"]) for r in reserved) == D(24)  # reservations count in the base unit
    run(db_url, "sales", "ship", so, "--qty", "1=0.5")  # half a box: 6 pieces
    line = line_of(db_url, "sales", so)
    assert (D(line["quantity_shipped"]), D(line["quantity_shipped_base"])) == (D("0.5"), D(6))
    assert D(ledger(db_url, "1000")[-1]["quantity"]) == D(-6)
    assert "SALES-LINE-SHIPPED" in refused(db_url, "sales", "line", "set", so, "1", "unit_of_measure=PCS")
    run(db_url, "sales", "post", so)
    entries = ledger(db_url, "1000")
    assert [D(e["quantity"]) for e in entries] == [D(36), D(-6), D(-18)]
    assert [D(e["cost_amount_actual"]) for e in entries[1:]] == [D("-60.00"), D("-180.00")]
    assert trial_balance_is_zero(db_url)


def test_return_orders_in_boxes_take_back_pieces_at_their_cost(db_url, tmp_path):
    setup_boxes(db_url)
    order = run(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "3", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PO-R", "order")).strip()
    run(db_url, "purchase", "order", "invoice", order, "--receive", "--vendor-invoice-no", "F-R")
    [receipt] = ledger(db_url, "1000")
    path = tmp_path / "pro.json"
    path.write_text(json.dumps({"document_type": "return_order", "vendor_no": "V10000", "vendor_invoice_no": "RT-1",
                                "document_date": "2026-11-20", "posting_date": "2026-11-20",
                                "lines": [item_line("1000", "1", unit_of_measure="BOX", direct_unit_cost="120.00",
                                                    vat_prod_posting_group="HIGH",
                                                    applies_to_entry=receipt["entry_no"])]}))
    ro = run(db_url, "purchase", "return-order", "import", str(path)).strip()
    run(db_url, "purchase", "return-order", "ship", ro)
    run(db_url, "purchase", "return-order", "invoice", ro, "--vendor-cr-memo-no", "CR-1")
    entries = ledger(db_url, "1000")
    assert (D(entries[-1]["quantity"]), D(entries[-1]["cost_amount_actual"])) == (D(-12), D("-120.00"))

    so = run(db_url, "sales", "order", "import", sale(tmp_path, [
        item_line("1000", "1", unit_of_measure="BOX", unit_price="200")], "so")).strip()
    run(db_url, "sales", "post", so)
    sale_entry = ledger(db_url, "1000")[-1]
    assert D(sale_entry["quantity"]) == D(-12)
    returned = tmp_path / "sro.json"
    returned.write_text(json.dumps({"document_type": "return_order", "customer_no": "C10000",
                                    "document_date": "2026-11-22", "posting_date": "2026-11-22",
                                    "lines": [item_line("1000", "0.5", unit_of_measure="BOX", unit_price="200",
                                                        applies_from_entry=sale_entry["entry_no"])]}))
    sro = run(db_url, "sales", "return-order", "import", str(returned)).strip()
    run(db_url, "sales", "return-order", "receive", sro)
    run(db_url, "sales", "return-order", "invoice", sro)
    back = ledger(db_url, "1000")[-1]
    assert (D(back["quantity"]), D(back["cost_amount_actual"])) == (D(6), D("60.00"))
    assert sum(D(e["quantity"]) for e in ledger(db_url, "1000")) == D(18)
    assert trial_balance_is_zero(db_url)


def test_a_fractional_box_and_a_unit_change_on_a_received_line_are_refused_and_nothing_is_written(db_url, tmp_path):
    setup_boxes(db_url)
    # 1.1 BOX = 13.2 PCS; the base unit counts whole pieces (rounding precision 1)
    out = refused(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "1.1", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PO-F", "order"))
    assert "ITEM-UNIT-QTY-ROUNDING" in out
    assert "ITEM-UNIT-QTY-ROUNDING" in refused(db_url, "sales", "order", "import", sale(tmp_path, [
        item_line("1000", "0.1", unit_of_measure="BOX", unit_price="200")], "frac"))
    assert json.loads(run(db_url, "purchase", "list", "--json")) == []
    assert "ITEM-UNIT-UNKNOWN" in refused(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "1", unit_of_measure="CRATE", direct_unit_cost="1", vat_prod_posting_group="HIGH")],
        "PO-C", "order"))
    # a partial receipt of a fractional box is refused too; the order stays as it was
    order = run(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "2", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PO-2", "order")).strip()
    assert "ITEM-UNIT-QTY-ROUNDING" in refused(db_url, "purchase", "order", "receive", order, "--qty", "1=0.3")
    assert ledger(db_url, "1000") == []
    receipt = run(db_url, "purchase", "order", "receive", order, "--qty", "1=1").split()[-1]
    out = refused(db_url, "purchase", "line", "set", order, "1", "unit_of_measure=PCS")
    assert "PURCH-LINE-RECEIVED" in out
    line = line_of(db_url, "purchase", order)
    assert (line["unit_of_measure"], D(line["quantity_received"])) == ("BOX", D(1))
    run(db_url, "purchase", "order", "undo-receipt", receipt)  # the 12 pieces go back out
    assert [D(e["quantity"]) for e in ledger(db_url, "1000")] == [D(12), D(-12)]
    assert D(line_of(db_url, "purchase", order)["quantity_received"]) == 0
    assert "ITEM-UNIT-ROUNDING-NEGATIVE" in refused(db_url, "item", "unit", "set", "--item", "1000", "--code", "PCS",
                                                    "--rounding-precision", "-1")
    # a tracked item keeps to its base unit on orders
    run(db_url, "item", "tracking-code", "add", "--code", "LOTALL", "--serial", "no", "--lot", "yes")
    run(db_url, "item", "set", "1000", "--tracking-code", "LOTALL")
    assert "ITEM-UNIT-BASE-ONLY" in refused(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "1", unit_of_measure="BOX", direct_unit_cost="120.00", vat_prod_posting_group="HIGH",
                  tracking=[{"lot_no": "L1", "quantity": "1"}])], "PO-T", "order"))


def test_without_a_rounding_precision_a_fraction_of_a_box_posts_its_exact_pieces(db_url, tmp_path):
    setup_boxes(db_url, "0")
    order = run(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "1.25", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PO-Q", "order")).strip()
    run(db_url, "purchase", "order", "invoice", order, "--receive", "--vendor-invoice-no", "F-Q")
    [entry] = ledger(db_url, "1000")
    assert (D(entry["quantity"]), D(entry["cost_amount_actual"])) == (D(15), D("150.00"))


def test_a_prepaid_order_in_boxes_deducts_its_prepayment_box_by_box(db_url, tmp_path):
    setup_boxes(db_url)
    path = tmp_path / "prepaid.json"
    path.write_text(json.dumps({"document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20",
                                "prepayment_pct": "50", "lines": [
                                    {"type": "item", "no": "1000", "quantity": "3", "direct_unit_cost": "120.00",
                                     "location": "MAIN"}]}))
    po = run(db_url, "purchase", "order", "import", str(path)).strip()
    run(db_url, "purchase", "order", "prepayment-invoice", po)  # 50 % of 360.00
    run(db_url, "purchase", "order", "invoice", po, "--receive", "--qty", "1=2", "--vendor-invoice-no", "F-P1")
    run(db_url, "purchase", "order", "invoice", po, "--receive", "--vendor-invoice-no", "F-P2")
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", po, "--json"))
    assert [(D(x["prepayment"]), D(x["deducted"])) for x in overview["lines"]] == [(D("180.00"), D("180.00"))]
    entries = ledger(db_url, "1000")
    assert [(D(e["quantity"]), D(e["cost_amount_actual"])) for e in entries] == [
        (D(24), D("240.00")), (D(12), D("120.00"))]
    gl = json.loads(run(db_url, "report", "gl-entries", "--account", "1570", "--json"))
    assert sum(D(r["amount"]) for r in gl) == D(0)  # the prepayment account is back at zero
    assert trial_balance_is_zero(db_url)


def test_quotes_in_boxes_become_orders_in_boxes(db_url, tmp_path):
    setup_boxes(db_url)
    pq = run(db_url, "purchase", "quote", "import", purchase(tmp_path, [
        item_line("1000", "2", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")], "PQ-1", "quote")).strip()
    po = run(db_url, "purchase", "quote", "make-order", pq).split()[-1]
    line = line_of(db_url, "purchase", po)
    assert (line["unit_of_measure"], D(line["quantity"]), D(line["quantity_base"])) == ("BOX", D(2), D(24))
    run(db_url, "purchase", "order", "receive", po)
    quote = tmp_path / "sq.json"
    quote.write_text(json.dumps({"document_type": "quote", "customer_no": "C10000", "document_date": "2026-11-21",
                                 "posting_date": "2026-11-21",
                                 "lines": [item_line("1000", "1", unit_of_measure="BOX", unit_price="200")]}))
    sq = run(db_url, "sales", "quote", "import", str(quote)).strip().split()[-1]
    so = run(db_url, "sales", "make-order", sq).strip().split()[-1]
    assert (line_of(db_url, "sales", so)["unit_of_measure"], D(line_of(db_url, "sales", so)["quantity_base"])) == (
        "BOX", D(12))
    run(db_url, "sales", "post", so)
    assert [D(e["quantity"]) for e in ledger(db_url, "1000")] == [D(24), D(-12)]
