"""The inventory tour through the CLI (SQLite and PostgreSQL): item set, categories and
attributes, a transfer order shipped and received in parts, a physical inventory counted
from its sheet and posted, and the refusals with their codes and exit status 2."""

import json
from decimal import Decimal as D

from tests.support.cli import refused, run

HEADER = "posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n"


def on_hand(db_url, item):
    rows = json.loads(run(db_url, "report", "item-ledger", "--item", item, "--json"))
    totals: dict[str, D] = {}
    for r in rows:
        totals[r["location"]] = totals.get(r["location"], D(0)) + D(r["quantity"])
    return {k: v for k, v in totals.items() if v}


def test_item_cards_categories_and_attributes_through_the_cli(db_url):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "item", "set", "1000", "--description", "Kaffe 500 g", "--unit-price", "149.50",
        "--standard-cost", "0", "--blocked", "yes", "--reorder-point", "12")
    card = next(i for i in json.loads(run(db_url, "item", "list", "--json")) if i["no"] == "1000")
    assert (card["description"], D(card["unit_price"]), card["blocked"], D(card["reorder_point"])) == (
        "Kaffe 500 g", D("149.5"), True, D(12))
    run(db_url, "item", "category", "add", "OFFICE", "--description", "Kontor")
    run(db_url, "item", "category", "add", "PAPER", "--parent", "OFFICE")
    assert "ITEM-CATEGORY-CYCLE" in refused(db_url, "item", "category", "add", "OFFICE", "--parent", "PAPER")
    assert "ITEM-UNKNOWN-CATEGORY" in refused(db_url, "item", "category", "add", "INK", "--parent", "NOPE")
    run(db_url, "item", "set", "1100", "--category", "PAPER")
    run(db_url, "item", "attribute", "add", "Colour", "--type", "option", "--values", "Black,White")
    run(db_url, "item", "attribute", "add", "Pages", "--type", "integer")
    run(db_url, "item", "attribute", "set", "1100", "Colour", "White")
    assert "ITEM-ATTRIBUTE-WRONG-TYPE" in refused(db_url, "item", "attribute", "set", "1100", "Pages", "many")
    filtered = json.loads(run(db_url, "item", "list", "--attribute", "Colour=White", "--category", "OFFICE",
                              "--json"))
    assert [i["no"] for i in filtered] == ["1100"]
    run(db_url, "item", "variant", "add", "--item", "1000", "--code", "DARK")
    assert "ITEM-VARIANT-EXISTS" in refused(db_url, "item", "variant", "add", "--item", "1000", "--code", "DARK")
    assert "IMPORT-INVALID-CHOICE" in refused(db_url, "item", "set", "1000", "--blocked", "maybe")
    assert "AUTH-PERMISSION-DENIED" in refused(db_url, "item", "set", "1000", "--unit-price", "1", user="prefect")
    audit = json.loads(run(db_url, "audit", "setup", "--json", user="admin"))
    assert [e["object"] for e in audit if e["action"] == "item.set"][:1] == ["item 1000"]


def test_a_transfer_order_and_a_physical_inventory_through_the_cli(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "location", "add", "--code", "EAST")
    run(db_url, "location", "add", "--code", "TRANSIT", "--in-transit")
    stock = tmp_path / "stock.csv"
    stock.write_text(HEADER + "2026-11-01,purchase,1000,MAIN,10,10,\n2026-11-01,purchase,1100,MAIN,3,5,L1\n")
    run(db_url, "journal", "post", str(stock))
    order = tmp_path / "to.json"
    order.write_text(json.dumps({"from_location": "MAIN", "to_location": "EAST", "in_transit_location": "TRANSIT",
                                 "shipment_date": "2026-11-05",
                                 "lines": [{"item_no": "1000", "quantity": "6"},
                                           {"item_no": "1100", "quantity": "2",
                                            "tracking": [{"lot_no": "L1", "quantity": "2"}]}]}))
    no = run(db_url, "transfer-order", "import", str(order)).strip()
    assert no.startswith("TO-")
    assert "TRANSFER-UNKNOWN-LINE" in refused(db_url, "transfer-order", "ship", no, "--qty", "3=1")
    assert "TRANSFER-MORE-THAN-OUTSTANDING" in refused(db_url, "transfer-order", "ship", no, "--qty", "1=7")
    assert run(db_url, "transfer-order", "ship", no, "--qty", "1=4", "--qty", "2=2").startswith("TS-")
    assert "TRANSFER-MORE-THAN-SHIPPED" in refused(db_url, "transfer-order", "receive", no, "--qty", "1=5")
    run(db_url, "transfer-order", "receive", no, "--qty", "1=3")
    shown = json.loads(run(db_url, "transfer-order", "show", no, "--json"))
    assert [(x["quantity_shipped"], x["quantity_received"]) for x in shown["lines"]] == [
        ("4.00000", "3.00000"), ("2.00000", "0.00000")]
    assert on_hand(db_url, "1000") == {"MAIN": D(6), "TRANSIT": D(1), "EAST": D(3)}
    assert [o["no"] for o in json.loads(run(db_url, "transfer-order", "list", "--json"))] == [no]
    same = tmp_path / "same.json"
    same.write_text(json.dumps({"from_location": "MAIN", "to_location": "MAIN", "in_transit_location": "EAST",
                                "shipment_date": "2026-11-05", "lines": [{"item_no": "1000", "quantity": "1"}]}))
    output = refused(db_url, "transfer-order", "import", str(same))
    assert "TRANSFER-SAME-LOCATION" in output and "TRANSFER-NOT-IN-TRANSIT" in output

    batch = run(db_url, "physical-inventory", "calculate", "--location", "MAIN", "--date", "2026-11-10").strip()
    sheet = tmp_path / "sheet.csv"
    run(db_url, "physical-inventory", "sheet", batch, "--out", str(sheet))
    assert sheet.read_text().splitlines()[:3] == [
        "line_no,item_no,description,lot_no,serial_no,qty_calculated,qty_counted",
        '1,1000,"Kaffe, hele bønner 1 kg",,,6.00000,', '2,1100,"Kopipapir A4 80 g, 5 x 500 ark",L1,,1.00000,']
    pdf = tmp_path / "sheet.pdf"
    run(db_url, "physical-inventory", "sheet", batch, "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "PHYS-TRACKING-REQUIRED" in refused(db_url, "physical-inventory", "count", batch, "--item", "1100",
                                               "--qty", "1")
    assert "PHYS-ITEM-NOT-IN-BATCH" in refused(db_url, "physical-inventory", "count", batch, "--item", "1200",
                                               "--qty", "1")
    run(db_url, "physical-inventory", "count", batch, "--item", "1000", "--qty", "5")
    run(db_url, "physical-inventory", "count", batch, "--item", "1100", "--lot", "L1", "--qty", "2")
    run(db_url, "physical-inventory", "post", batch)
    assert "PHYS-BATCH-POSTED" in refused(db_url, "physical-inventory", "post", batch)
    assert on_hand(db_url, "1000") == {"MAIN": D(5), "TRANSIT": D(1), "EAST": D(3)}
    run(db_url, "transfer-order", "receive", no)
    assert on_hand(db_url, "1100") == {"MAIN": D(2), "EAST": D(2)}
    run(db_url, "costs", "adjust")
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert all(D(r["difference"]) == 0 for r in reconciliation)
