"""Assemble to order through the CLI (SQLite and PostgreSQL): a sales order line of an
assemble-to-order item gets a linked assembly order that follows the line, is posted by the
line's shipment (in parts, the sale applied to the output at the assembly's cost) and is
refused on its own; refusals write nothing; open assembly orders count in availability
(by event and period, all items) and an assembly order shows each component's
availability on its due date."""

import json
from decimal import Decimal as D

from tests.integration.test_assembly_cli import journal, ledger, refused, run


def setup_kit(db_url, tmp_path, policy="order"):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "inventory", "--automatic-cost-adjustment", "never", "--automatic-cost-posting", "true",
        user="admin")
    for no, method in (("P1", "fifo"), ("P2", "average"), ("KIT", "fifo")):
        run(db_url, "item", "add", "--no", no, "--description", f"{no} item", "--costing-method", method)
    run(db_url, "assembly", "bom", "add", "--item", "KIT", "--component", "P1", "--quantity", "2")
    run(db_url, "assembly", "bom", "add", "--item", "KIT", "--component", "P2", "--quantity", "1")
    run(db_url, "item", "set", "KIT", "--assembly-policy", policy)


def sales_order(db_url, tmp_path, name, *lines, date="2026-11-10"):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": date,
                                "document_date": date, "lines": [
                                    {"type": "item", "unit_price": "100", "location": "MAIN", **line}
                                    for line in lines]}))
    return run(db_url, "sales", "order", "import", str(path)).strip().splitlines()[-1]


def show(db_url, no):
    return json.loads(run(db_url, "sales", "show", no, "--json"))


def assembly_order(db_url, no):
    return json.loads(run(db_url, "assembly", "order", "show", no, "--json"))


def orders(db_url):
    return json.loads(run(db_url, "assembly", "order", "list", "--json"))


def by_type(db_url, item, entry_type):
    return [r for r in ledger(db_url, item) if r["entry_type"] == entry_type]


def test_an_assemble_to_order_line_is_assembled_and_shipped_in_one_posting_at_the_assembly_cost(db_url, tmp_path):
    setup_kit(db_url, tmp_path)
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,10,10,,", "2026-11-01,purchase,P2,MAIN,5,4,,")
    so = sales_order(db_url, tmp_path, "so", {"no": "KIT", "quantity": "3"})
    line, = show(db_url, so)["lines"]
    assert D(line["qty_to_assemble_to_order"]) == D(3) and line["assembly_order_no"]
    ao = line["assembly_order_no"]
    shown = assembly_order(db_url, ao)
    assert (shown["assemble_to_order"], shown["sales_order_no"], shown["sales_order_line_no"]) == (True, so, 1)
    assert [(x["item_no"], D(x["quantity"])) for x in shown["lines"]] == [("P1", D(6)), ("P2", D(3))]
    # the linked order is neither posted nor changed on its own; nothing is written
    assert "ASM-ORDER-ASSEMBLE-TO-ORDER" in refused(db_url, "assembly", "order", "post", ao)
    assert "ASM-ORDER-LINKED-TO-SALES-LINE" in refused(db_url, "assembly", "order", "set", ao, "--quantity", "5")
    assert ledger(db_url, "KIT") == [] and D(assembly_order(db_url, ao)["quantity"]) == D(3)
    # the line's quantity and date carry the assembly order (the whole line assembles to order)
    run(db_url, "sales", "line", "set", so, "1", "quantity=4")
    run(db_url, "sales", "set", so, "document_date=2026-11-12")
    shown = assembly_order(db_url, ao)
    assert (D(shown["quantity"]), shown["due_date"]) == (D(4), "2026-11-12")
    assert [D(x["quantity"]) for x in shown["lines"]] == [D(8), D(4)]
    assert D(show(db_url, so)["lines"][0]["qty_to_assemble_to_order"]) == D(4)
    # a partial shipment assembles the shipped part: 2 x 10 + 1 x 4 = 24 a unit
    run(db_url, "sales", "ship", so, "--qty", "1=1")
    output, = by_type(db_url, "KIT", "assembly_output")
    sale, = by_type(db_url, "KIT", "sale")
    assert (D(output["quantity"]), D(output["cost_amount_actual"])) == (D(1), D("24.00"))
    assert (D(sale["quantity"]), D(sale["cost_amount_expected"])) == (D(-1), D("-24.00"))
    assert sale["applies_to_entry"] == output["entry_no"]  # fixed application to the output
    assert [D(r["quantity"]) for r in by_type(db_url, "P1", "assembly_consumption")] == [D(-2)]
    shown = assembly_order(db_url, ao)
    assert (D(shown["quantity_assembled"]), shown["status"]) == (D(1), "open")
    assert "SALES-ATO-BELOW-ASSEMBLED" in refused(db_url, "sales", "line", "set", so, "1",
                                                  "qty_to_assemble_to_order=0")
    run(db_url, "sales", "post", so)  # ships (assembles) the other 3 and invoices all 4
    assert [D(r["cost_amount_actual"]) for r in by_type(db_url, "KIT", "assembly_output")] == [D("24.00"),
                                                                                              D("72.00")]
    assert sum(D(r["cost_amount_actual"]) for r in by_type(db_url, "KIT", "sale")) == D("-96.00")
    assert all(D(r["remaining_quantity"]) == 0 for r in by_type(db_url, "KIT", "assembly_output"))
    assert assembly_order(db_url, ao)["status"] == "assembled"
    run(db_url, "costs", "adjust")
    run(db_url, "costs", "post-to-gl")
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert all(D(r["difference"]) == 0 for r in reconciliation)
    assert sum(D(r["balance"]) for r in json.loads(run(db_url, "report", "trial-balance", "--json"))) == 0


def test_refused_assemble_to_order_requests_and_a_short_component_write_nothing(db_url, tmp_path):
    setup_kit(db_url, tmp_path, policy="stock")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-10",
                                "lines": [
                                    {"type": "item", "no": "P1", "quantity": "1", "unit_price": "1",
                                     "qty_to_assemble_to_order": "1"},
                                    {"type": "item", "no": "KIT", "quantity": "2", "unit_price": "1",
                                     "qty_to_assemble_to_order": "3"},
                                    {"type": "item", "no": "KIT", "quantity": "2", "unit_price": "1",
                                     "drop_shipment": True, "qty_to_assemble_to_order": "2"}]}))
    out = refused(db_url, "sales", "order", "import", str(path))
    for code in ("SALES-ATO-NOT-ASSEMBLY-ITEM", "SALES-ATO-MORE-THAN-QUANTITY", "SALES-ATO-NOT-ALLOWED"):
        assert code in out
    assert json.loads(run(db_url, "sales", "list", "--json")) == [] and orders(db_url) == []
    # a stock-policy item: nothing to order by default, 2 of 3 to order when asked
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,2,10,,", "2026-11-01,purchase,P2,MAIN,5,4,,",
            "2026-11-01,purchase,KIT,MAIN,1,30,,")
    plain = sales_order(db_url, tmp_path, "plain", {"no": "KIT", "quantity": "1"})
    assert show(db_url, plain)["lines"][0]["assembly_order_no"] is None and orders(db_url) == []
    so = sales_order(db_url, tmp_path, "so", {"no": "KIT", "quantity": "3", "qty_to_assemble_to_order": "2"})
    ao = show(db_url, so)["lines"][0]["assembly_order_no"]
    assert "SALES-ATO-MORE-THAN-QUANTITY" in refused(db_url, "sales", "line", "set", so, "1",
                                                     "qty_to_assemble_to_order=4")
    # P1 covers one unit of the two to assemble: the whole shipment is refused, nothing written
    short = refused(db_url, "sales", "ship", so)
    assert "ASM-COMPONENT-SHORT" in short and "P1" in short
    assert by_type(db_url, "KIT", "sale") == [] and by_type(db_url, "P1", "assembly_consumption") == []
    assert D(assembly_order(db_url, ao)["quantity_assembled"]) == D(0)
    assert D(show(db_url, so)["lines"][0]["quantity_shipped"]) == D(0)
    journal(db_url, tmp_path, "more.csv", "2026-11-02,purchase,P1,MAIN,2,10,,")
    run(db_url, "sales", "ship", so)  # 2 assembled to order, 1 from stock
    costs = sorted(D(r["cost_amount_expected"]) for r in by_type(db_url, "KIT", "sale"))
    assert costs == [D("-78.00")]  # 2 x 24 assembled + 1 x 30 from stock
    assert [D(r["quantity"]) for r in by_type(db_url, "KIT", "assembly_output")] == [D(2)]
    assert assembly_order(db_url, ao)["status"] == "assembled"
    # the linked order goes with its quantity, its line and its document
    doomed = sales_order(db_url, tmp_path, "doomed", {"no": "KIT", "quantity": "1", "qty_to_assemble_to_order": "1"},
                         {"no": "KIT", "quantity": "2", "qty_to_assemble_to_order": "2"})
    assert len(orders(db_url)) == 3
    run(db_url, "sales", "line", "set", doomed, "1", "qty_to_assemble_to_order=0")
    assert show(db_url, doomed)["lines"][0]["assembly_order_no"] is None and len(orders(db_url)) == 2
    run(db_url, "sales", "line", "remove", doomed, "2")
    assert [o["no"] for o in orders(db_url)] == [ao]
    run(db_url, "sales", "line", "set", doomed, "1", "qty_to_assemble_to_order=1")
    assert len(orders(db_url)) == 2
    run(db_url, "sales", "delete", doomed)
    assert [o["no"] for o in orders(db_url)] == [ao]


def test_open_assembly_orders_are_supply_of_the_parent_and_demand_of_the_components(db_url, tmp_path):
    setup_kit(db_url, tmp_path, policy="stock")
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,10,10,,", "2026-11-01,purchase,P2,MAIN,9,4,,")
    path = tmp_path / "ao.json"
    path.write_text(json.dumps({"item_no": "KIT", "quantity": "3", "location": "MAIN", "due_date": "2026-11-20"}))
    ao = run(db_url, "assembly", "order", "import", str(path)).strip()
    sales_order(db_url, tmp_path, "before", {"no": "P1", "quantity": "5"}, date="2026-11-15")
    sales_order(db_url, tmp_path, "after", {"no": "P1", "quantity": "2"}, date="2026-11-25")
    events = json.loads(run(db_url, "report", "availability", "--item", "P1", "--by", "event", "--json"))["rows"]
    assert [(r["date"], r["source"], D(r["gross_requirement"]), D(r["projected_available"])) for r in events] == [
        ("2026-11-15", "sales_order", D(5), D(5)), ("2026-11-20", "assembly_component", D(6), D(-1)),
        ("2026-11-25", "sales_order", D(2), D(-3))]
    kit = json.loads(run(db_url, "report", "availability", "--item", "KIT", "--by", "week", "--json"))["rows"]
    assert [(r["period_start"], D(r["scheduled_receipts"]), D(r["projected_available"])) for r in kit] == [
        ("2026-11-16", D(3), D(3))]
    every = {r["item_no"]: r for r in json.loads(run(db_url, "report", "availability", "--json"))}
    assert (D(every["P1"]["other_demand"]), D(every["P1"]["available"])) == (D(13), D(-3))
    assert (D(every["P2"]["other_demand"]), D(every["KIT"]["scheduled_receipts"])) == (D(3), D(3))
    # on the due date: 10 on hand less the 5 sold before it (the sale after it does not count)
    shown = assembly_order(db_url, ao)
    p1, p2 = shown["lines"]
    assert (D(p1["inventory"]), D(p1["gross_requirement"]), D(p1["expected_available"]),
            D(p1["shortage_on_due_date"])) == (D(10), D(5), D(5), D(1))
    assert (D(p2["expected_available"]), D(p2["shortage_on_due_date"])) == (D(9), D(0))
    assert (D(shown["able_to_assemble"]), D(shown["able_to_assemble_on_due_date"])) == (D(3), D(2))
    run(db_url, "assembly", "order", "set", ao, "--quantity", "2")
    assert D(json.loads(run(db_url, "report", "availability", "--item", "P1", "--by", "event",
                            "--json"))["projected_available"]) == D(-1)
    run(db_url, "assembly", "order", "post", ao)  # assembled: no longer supply or demand
    assert [r["source"] for r in json.loads(run(db_url, "report", "availability", "--item", "P1", "--by", "event",
                                                 "--json"))["rows"]] == ["sales_order", "sales_order"]


def test_a_tracked_item_is_not_assembled_to_order_and_nothing_is_written(db_url, tmp_path):
    """Assembling a lot- or serial-tracked item to order (BC gives the output its lot on the linked
    order) is not built: asked for, or by the item's policy, it is refused with a code."""
    setup_kit(db_url, tmp_path, policy="order")
    run(db_url, "item", "tracking-code", "add", "--code", "LOTS", "--serial", "no", "--lot", "yes")
    run(db_url, "item", "set", "KIT", "--tracking-code", "LOTS")
    path = tmp_path / "tracked.json"
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-10",
                                "lines": [{"type": "item", "no": "KIT", "quantity": "2", "unit_price": "1"}]}))
    assert "SALES-ATO-TRACKED-ITEM" in refused(db_url, "sales", "order", "import", str(path))
    run(db_url, "item", "set", "KIT", "--assembly-policy", "stock")
    path.write_text(json.dumps({"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-10",
                                "lines": [{"type": "item", "no": "KIT", "quantity": "2", "unit_price": "1",
                                           "qty_to_assemble_to_order": "1"}]}))
    assert "SALES-ATO-TRACKED-ITEM" in refused(db_url, "sales", "order", "import", str(path))
    assert json.loads(run(db_url, "sales", "list", "--json")) == [] and orders(db_url) == []
