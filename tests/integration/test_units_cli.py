"""Units of measure, nonstock items and variants through the CLI (SQLite and PostgreSQL): buy in
boxes, sell in pieces, stock and cost in the base unit; a catalog item ordered becomes an item;
a variant is counted apart; bad input refused with its code, exit status 2, nothing written."""

import json
from decimal import Decimal as D

from tests.support.cli import refused, run


def purchase(tmp_path, lines, no="F-1", document_type="invoice"):
    path = tmp_path / f"p-{no}.json"
    path.write_text(json.dumps({"document_type": document_type, "vendor_no": "V10000", "vendor_invoice_no": no,
                                "document_date": "2026-11-20", "posting_date": "2026-11-20", "lines": lines}))
    return str(path)


def sale(tmp_path, lines, name="s"):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"customer_no": "C10000", "document_date": "2026-11-21",
                                "posting_date": "2026-11-21", "lines": lines}))
    return str(path)


def item_line(no, qty, **extra):
    return {"type": "item", "no": no, "quantity": qty, "location": "MAIN", **extra}


def ledger(db_url, item):
    return json.loads(run(db_url, "report", "item-ledger", "--item", item, "--json"))


def trial_balance_is_zero(db_url):
    trial = json.loads(run(db_url, "report", "trial-balance", "--json"))
    return sum(D(r["balance"]) for r in trial) == 0


def test_bought_in_boxes_and_sold_in_pieces_the_stock_and_cost_are_in_pieces(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX", "--qty-per-base", "12")
    run(db_url, "item", "set", "1000", "--base-unit", "PCS", "--purch-unit", "BOX", "--sales-unit", "PCS")
    units = json.loads(run(db_url, "item", "unit", "list", "--item", "1000", "--json"))
    assert [(u["code"], D(u["qty_per_base"]), u["used_for"]) for u in units] == [
        ("PCS", D(1), "base,sales"), ("BOX", D(12), "purchase")]
    draft = run(db_url, "purchase", "import", purchase(tmp_path, [item_line("1000", "2", direct_unit_cost="120.00",
                                                                           vat_prod_posting_group="HIGH")])).strip()
    run(db_url, "purchase", "post", draft)
    [receipt] = ledger(db_url, "1000")
    assert (D(receipt["quantity"]), D(receipt["cost_amount_actual"])) == (D(24), D("240.00"))
    card = next(i for i in json.loads(run(db_url, "item", "list", "--json")) if i["no"] == "1000")
    assert D(card["unit_cost"]) == D(10)  # per piece, not per box

    no = run(db_url, "sales", "invoice", "import", sale(tmp_path, [item_line("1000", "5", unit_price="20")])).strip()
    run(db_url, "sales", "post", no)
    entries = ledger(db_url, "1000")
    assert sum(D(e["quantity"]) for e in entries) == D(19)
    assert D(entries[-1]["cost_amount_actual"]) == D("-50.00")  # 5 PCS at 10.00
    too_many = run(db_url, "sales", "invoice", "import",  # 2 BOX = 24 pieces, 19 on hand: warned, not posted
                   sale(tmp_path, [item_line("1000", "2", unit_of_measure="BOX", unit_price="200")], "many"))
    assert "SALES-STOCKOUT-WARNING" in too_many
    assert "SALES-INSUFFICIENT-QUANTITY" in refused(db_url, "sales", "post", too_many.split()[-1])
    # an open invoice is demand in availability: while that 24-piece draft stands, 1 BOX more is warned
    waiting = run(db_url, "sales", "invoice", "import",
                  sale(tmp_path, [item_line("1000", "1", unit_of_measure="BOX", unit_price="200")], "waiting"))
    assert "SALES-STOCKOUT-WARNING" in waiting
    run(db_url, "sales", "delete", too_many.split()[-1])
    run(db_url, "sales", "delete", waiting.split()[-1])
    box_sale = run(db_url, "sales", "invoice", "import",
                   sale(tmp_path, [item_line("1000", "1", unit_of_measure="BOX", unit_price="200")], "b")).strip()
    html = tmp_path / "invoice.html"
    run(db_url, "sales", "render", box_sale, "--html", str(html), "--language", "nb")
    assert "eske" in html.read_text()  # the document's unit, translated
    posted_box_sale = run(db_url, "sales", "post", box_sale).split()[-1]
    assert sum(D(e["quantity"]) for e in ledger(db_url, "1000")) == D(7)
    availability = json.loads(run(db_url, "report", "availability", "--item", "1000", "--json"))
    assert D(availability[0]["on_hand"]) == D(7)
    # cancelled (a corrective credit memo in BOX): the 12 pieces come back at their cost
    run(db_url, "sales", "cancel", posted_box_sale)
    entries = ledger(db_url, "1000")
    assert (D(entries[-1]["quantity"]), D(entries[-1]["cost_amount_actual"])) == (D(12), D("120.00"))
    # a purchase credit memo in BOX sends 12 pieces back
    memo = run(db_url, "purchase", "import", purchase(tmp_path, [item_line(
        "1000", "1", unit_of_measure="BOX", direct_unit_cost="120.00", vat_prod_posting_group="HIGH")],
        "CM-1", "credit_memo")).strip()
    run(db_url, "purchase", "post", memo)
    assert sum(D(e["quantity"]) for e in ledger(db_url, "1000")) == D(7)
    assert trial_balance_is_zero(db_url)


def test_units_refused_with_their_codes_and_nothing_written(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    assert "ITEM-UNIT-QTY-NOT-POSITIVE" in refused(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX",
                                                   "--qty-per-base", "0")
    assert "IMPORT-INVALID-NUMBER" in refused(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX",
                                               "--qty-per-base", "twelve")
    assert "ITEM-BASE-UNIT-QTY-NOT-ONE" in refused(db_url, "item", "unit", "add", "--item", "1000", "--code", "PCS",
                                                   "--qty-per-base", "6")
    assert "ITEM-UNIT-UNKNOWN" in refused(db_url, "item", "set", "1000", "--purch-unit", "CRATE")
    run(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX", "--qty-per-base", "12")
    assert "ITEM-UNIT-EXISTS" in refused(db_url, "item", "unit", "add", "--item", "1000", "--code", "BOX",
                                         "--qty-per-base", "10")
    assert "ITEM-UNIT-UNKNOWN" in refused(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("1000", "1", unit_of_measure="CRATE", direct_unit_cost="1", vat_prod_posting_group="HIGH")]))
    run(db_url, "item", "unit", "set", "--item", "1000", "--code", "PCS", "--rounding-precision", "1")
    assert "ITEM-UNIT-QTY-ROUNDING" in refused(db_url, "purchase", "order", "import", purchase(tmp_path, [
        item_line("1000", "0.05", unit_of_measure="BOX", direct_unit_cost="1", vat_prod_posting_group="HIGH"),
        item_line("1000", "1.5", direct_unit_cost="1", vat_prod_posting_group="HIGH")], "F-2", "order"))
    assert json.loads(run(db_url, "purchase", "list", "--json")) == []
    stock = tmp_path / "stock.csv"
    stock.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost\n2026-11-01,purchase,1000,MAIN,1,5\n")
    run(db_url, "journal", "post", str(stock))
    assert "ITEM-BASE-UNIT-IN-USE" in refused(db_url, "item", "set", "1000", "--base-unit", "KG")
    assert "AUTH-PERMISSION-DENIED" in refused(db_url, "item", "unit", "add", "--item", "1000", "--code", "PACK",
                                               "--qty-per-base", "6", user="prefect")


def test_a_nonstock_item_ordered_becomes_an_item_with_the_vendor_and_costs(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    entry = run(db_url, "item", "nonstock", "add", "--vendor", "V10000", "--vendor-item-no", "LAMP-7",
                "--description", "Desk lamp", "--unit-cost", "80", "--unit-price", "150",
                "--item-template", "1000").strip()
    assert "ITEM-NONSTOCK-EXISTS" in refused(db_url, "item", "nonstock", "add", "--vendor", "V10000",
                                             "--vendor-item-no", "LAMP-7", "--description", "Again")
    assert "PURCH-UNKNOWN-VENDOR" in refused(db_url, "item", "nonstock", "add", "--vendor", "NOPE",
                                             "--vendor-item-no", "X", "--description", "X")
    assert "ITEM-NONSTOCK-UNKNOWN" in refused(db_url, "sales", "order", "import", sale(tmp_path, [
        {"type": "nonstock", "no": "NS999999", "quantity": "1", "location": "MAIN"}], "bad"))
    assert not [i for i in json.loads(run(db_url, "item", "list", "--json")) if i["no"] == "LAMP-7"]
    run(db_url, "sales", "order", "import", sale(tmp_path, [
        {"type": "nonstock", "no": entry, "quantity": "2", "location": "MAIN"}], "order"))
    [item] = [i for i in json.loads(run(db_url, "item", "list", "--json")) if i["no"] == "LAMP-7"]
    assert (item["vendor_no"], D(item["unit_cost"]), D(item["unit_price"])) == ("V10000", D(80), D(150))
    [catalog] = json.loads(run(db_url, "item", "nonstock", "list", "--json"))
    assert (catalog["entry_no"], catalog["item_no"]) == (entry, "LAMP-7")
    orders = json.loads(run(db_url, "sales", "list", "--json"))
    # ordered again (through nonstock_no) the same item is used, no second card
    draft = run(db_url, "purchase", "import", purchase(tmp_path, [
        {"type": "item", "nonstock_no": entry, "quantity": "2", "location": "MAIN",
         "vat_prod_posting_group": "HIGH"}])).strip()
    run(db_url, "purchase", "post", draft)
    assert sum(D(e["quantity"]) for e in ledger(db_url, "LAMP-7")) == D(2)
    assert len(orders) == 1 and trial_balance_is_zero(db_url)


def test_a_variant_is_counted_apart_in_availability(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "variant", "add", "--item", "1000", "--code", "DARK")
    run(db_url, "item", "variant", "add", "--item", "1000", "--code", "LIGHT")
    run(db_url, "item", "variant", "add", "--item", "1100", "--code", "RED")
    assert "ITEM-VARIANT-OF-OTHER-ITEM" in refused(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("1000", "1", variant_code="RED", direct_unit_cost="1", vat_prod_posting_group="HIGH")]))
    assert "ITEM-VARIANT-UNKNOWN" in refused(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("1000", "1", variant_code="BLUE", direct_unit_cost="1", vat_prod_posting_group="HIGH")]))
    draft = run(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("1000", "10", variant_code="DARK", direct_unit_cost="10", vat_prod_posting_group="HIGH"),
        item_line("1000", "4", variant_code="LIGHT", direct_unit_cost="10", vat_prod_posting_group="HIGH"),
        item_line("1000", "1", direct_unit_cost="10", vat_prod_posting_group="HIGH")])).strip()
    run(db_url, "purchase", "post", draft)
    assert "SALES-INSUFFICIENT-QUANTITY" in refused(db_url, "sales", "post", run(
        db_url, "sales", "invoice", "import", sale(tmp_path, [item_line("1000", "5", variant_code="LIGHT",
                                                                        unit_price="20")], "light")).strip())
    no = run(db_url, "sales", "invoice", "import",
             sale(tmp_path, [item_line("1000", "3", variant_code="DARK", unit_price="20")], "dark")).strip()
    posted = run(db_url, "sales", "post", no).split()[-1]
    cancelled = run(db_url, "sales", "invoice", "import",
                    sale(tmp_path, [item_line("1000", "1", variant_code="DARK", unit_price="20")], "dark2")).strip()
    run(db_url, "sales", "cancel", run(db_url, "sales", "post", cancelled).split()[-1])  # back to DARK
    assert posted.startswith("PSI")
    run(db_url, "sales", "order", "import", sale(tmp_path, [item_line("1000", "2", variant_code="DARK")], "o"))

    def available(variant):
        [row] = json.loads(run(db_url, "report", "availability", "--item", "1000", "--variant", variant, "--json"))
        return D(row["on_hand"]), D(row["other_demand"]), D(row["available"])

    assert available("DARK") == (D(7), D(2), D(5))
    assert available("LIGHT") == (D(4), D(0), D(4))
    assert "ITEM-VARIANT-UNKNOWN" in refused(db_url, "report", "availability", "--item", "1000", "--variant", "RED")
    assert trial_balance_is_zero(db_url)


def test_average_cost_is_kept_per_variant_when_the_calc_type_says_so(db_url, tmp_path):
    """BC Average Cost Calc. Type "Item & Location & Variant": each variant at a location is its own
    average pool, so a sale of the cheap variant costs its own average, not the item's."""

    def sale_costs(item):
        return [D(e["cost_amount_actual"]) for e in ledger(db_url, item) if e["entry_type"] == "sale"]

    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "inventory", "--average-cost-calc-type", "item-location-variant",
        "--automatic-cost-adjustment", "never", user="admin")
    for no in ("AVGV", "AVGI"):
        run(db_url, "item", "add", "--no", no, "--description", f"{no} average", "--costing-method", "average")
    for code in ("CHEAP", "DEAR"):
        run(db_url, "item", "variant", "add", "--item", "AVGV", "--code", code)
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", purchase(tmp_path, [
        item_line("AVGV", "10", variant_code="CHEAP", direct_unit_cost="10", vat_prod_posting_group="HIGH"),
        item_line("AVGV", "10", variant_code="DEAR", direct_unit_cost="20", vat_prod_posting_group="HIGH"),
        item_line("AVGI", "10", direct_unit_cost="10", vat_prod_posting_group="HIGH"),
        item_line("AVGI", "10", direct_unit_cost="20", vat_prod_posting_group="HIGH")])).strip())
    run(db_url, "sales", "post", run(db_url, "sales", "invoice", "import", sale(tmp_path, [
        item_line("AVGV", "5", variant_code="CHEAP", unit_price="50"),
        item_line("AVGI", "5", unit_price="50")])).strip())
    run(db_url, "costs", "adjust", user="admin")
    assert sale_costs("AVGV") == [D("-50.00")]  # 5 x 10, the CHEAP variant's own average
    assert sale_costs("AVGI") == [D("-75.00")]  # no variants: one pool per location, 5 x 15
    assert trial_balance_is_zero(db_url)
