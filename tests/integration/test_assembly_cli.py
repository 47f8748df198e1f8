"""Assembly management through the CLI (SQLite and PostgreSQL): assembly BOMs with their
refusals, assembly orders posted in parts, components short, two levels of assembly, a
later component cost change carried by cost adjustment to the outputs and a sale of the
assembled item, inventory and G/L reconciled, and item tracing through both levels."""

import json
from decimal import Decimal as D

from tests.support.cli import invoke, refused, run

HEADER = "posting_date,entry_type,item_no,location,quantity,unit_cost,unit_price,lot_no\n"


def journal(db_url, tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    run(db_url, "journal", "post", str(path))


def order(db_url, tmp_path, name, **data):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data))
    return invoke(db_url, "assembly", "order", "import", str(path))


def ledger(db_url, item):
    return json.loads(run(db_url, "report", "item-ledger", "--item", item, "--json"))


def costs(db_url, item, entry_type):
    return [D(r["cost_amount_actual"]) for r in ledger(db_url, item) if r["entry_type"] == entry_type]


def setup_items(db_url):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "inventory", "--automatic-cost-adjustment", "never", "--automatic-cost-posting", "true",
        user="admin")
    for no, method in (("P1", "fifo"), ("P2", "average"), ("SUB", "fifo"), ("KIT", "fifo")):
        run(db_url, "item", "add", "--no", no, "--description", f"{no} item", "--costing-method", method)


def test_bad_boms_and_orders_are_refused_with_stable_codes_and_nothing_is_written(db_url, tmp_path):
    setup_items(db_url)
    run(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "P1", "--quantity", "2")
    run(db_url, "assembly", "bom", "add", "--item", "KIT", "--component", "SUB", "--quantity", "1")
    assert "ASM-BOM-CYCLE" in refused(db_url, "assembly", "bom", "add", "--item", "KIT", "--component", "KIT",
                                      "--quantity", "1")
    # SUB holding KIT would make KIT hold itself through SUB
    assert "ASM-BOM-CYCLE" in refused(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "KIT",
                                      "--quantity", "1")
    assert "ASM-COMPONENT-NOT-INVENTORY" in refused(db_url, "assembly", "bom", "add", "--item", "SUB",
                                                    "--component", "9000", "--quantity", "1")
    for bad in ("0", "-1"):
        assert "ASM-QUANTITY-PER-NOT-POSITIVE" in refused(db_url, "assembly", "bom", "add", "--item", "SUB",
                                                          "--component", "P2", "--quantity", bad)
    assert "IJ-UNKNOWN-ITEM" in refused(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "NOPE",
                                        "--quantity", "1")
    bom = json.loads(run(db_url, "assembly", "bom", "list", "--item", "SUB", "--json"))
    assert [(x["component"], D(x["quantity_per"])) for x in bom] == [("P1", D(2))]
    run(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "P1", "--quantity", "3")  # changes it
    assert [D(x["quantity_per"]) for x in json.loads(run(db_url, "assembly", "bom", "list", "--item", "SUB",
                                                         "--json"))] == [D(3)]
    run(db_url, "assembly", "bom", "remove", "--item", "SUB", "--component", "P1")
    assert json.loads(run(db_url, "assembly", "bom", "list", "--item", "SUB", "--json")) == []
    assert "ASM-BOM-COMPONENT-NOT-FOUND" in refused(db_url, "assembly", "bom", "remove", "--item", "SUB",
                                                    "--component", "P1")
    result = order(db_url, tmp_path, "nobom", item_no="SUB", quantity="1", location="MAIN", due_date="2026-11-05")
    assert result.exit_code == 2 and "ASM-NO-BOM" in result.output
    result = order(db_url, tmp_path, "bad", item_no="KIT", quantity="0", location="NOWHERE", due_date="2026-11-05",
                   colour="red")
    assert result.exit_code == 2
    for code in ("IJ-QUANTITY-NOT-POSITIVE", "SETUP-UNKNOWN-LOCATION", "IMPORT-UNKNOWN-KEY"):
        assert code in result.output
    result = order(db_url, tmp_path, "lots", item_no="KIT", quantity="2", location="MAIN", due_date="2026-11-05",
                   tracking=[{"lot_no": "K1", "quantity": "1"}])
    assert result.exit_code == 2 and "ASM-TRACKING-QUANTITY" in result.output
    assert json.loads(run(db_url, "assembly", "order", "list", "--json")) == []
    audit = json.loads(run(db_url, "audit", "setup", "--json", user="admin"))
    assert [e["outcome"] for e in audit if e["action"] == "assembly.bom"][:2] == ["done", "done"]


def test_two_levels_of_assembly_post_reconcile_and_take_a_later_component_cost_to_the_sale(db_url, tmp_path):
    setup_items(db_url)
    for parent, component, qty in (("SUB", "P1", "2"), ("SUB", "P2", "1"), ("KIT", "SUB", "1"), ("KIT", "P2", "3")):
        run(db_url, "assembly", "bom", "add", "--item", parent, "--component", component, "--quantity", qty)
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,10,10,,L1", "2026-11-01,purchase,P2,MAIN,20,4,,")
    sub = order(db_url, tmp_path, "sub", item_no="SUB", quantity="4", location="MAIN", due_date="2026-11-05",
                tracking=[{"lot_no": "S1", "quantity": "4"}])
    assert sub.exit_code == 0, sub.output
    sub = sub.output.strip()
    shown = json.loads(run(db_url, "assembly", "order", "show", sub, "--json"))
    assert [(x["item_no"], D(x["remaining_quantity"]), D(x["available"]), D(x["shortage"]))
            for x in shown["lines"]] == [("P1", D(8), D(10), D(0)), ("P2", D(4), D(20), D(0))]
    assert D(shown["able_to_assemble"]) == D(4)
    assert "ASM-MORE-THAN-REMAINING" in refused(db_url, "assembly", "order", "post", sub, "--qty", "5")
    run(db_url, "assembly", "order", "post", sub, "--qty", "1")
    run(db_url, "assembly", "order", "post", sub)
    assert costs(db_url, "SUB", "assembly_output") == [D("24.00"), D("72.00")]  # 2 x 10 + 1 x 4 a unit
    assert costs(db_url, "P1", "assembly_consumption") == [D("-20.00"), D("-60.00")]
    assert "ASM-NOTHING-TO-POST" in refused(db_url, "assembly", "order", "post", sub)
    kit = order(db_url, tmp_path, "kit", item_no="KIT", quantity="5", location="MAIN", due_date="2026-11-06",
                tracking=[{"lot_no": "K1", "quantity": "5"}]).output.strip()
    shown = json.loads(run(db_url, "assembly", "order", "show", kit, "--json"))
    assert [(x["item_no"], D(x["shortage"])) for x in shown["lines"]] == [("SUB", D(1)), ("P2", D(0))]
    short = refused(db_url, "assembly", "order", "post", kit)
    assert "ASM-COMPONENT-SHORT" in short and "SUB" in short
    assert ledger(db_url, "KIT") == []  # nothing written
    run(db_url, "assembly", "order", "post", kit, "--qty", "4")
    assert costs(db_url, "KIT", "assembly_output") == [D("144.00")]  # 24 + 3 x 4 a unit
    journal(db_url, tmp_path, "sale.csv", "2026-11-07,sale,KIT,MAIN,2,,100,")
    assert costs(db_url, "KIT", "sale") == [D("-72.00")]
    # P1 turns out to have cost 13 a unit: revalued before it was consumed
    reval = tmp_path / "reval.csv"
    reval.write_text("posting_date,item_no,entry_no,new_unit_cost,revalued_amount,document_no\n"
                     "2026-11-02,P1,,13,,REV-1\n")
    run(db_url, "revalue", str(reval))
    run(db_url, "costs", "adjust")
    assert sum(costs(db_url, "P1", "assembly_consumption")) == D("-104.00")  # 8 x 13
    assert sum(costs(db_url, "SUB", "assembly_output")) == D("120.00")  # 4 x (26 + 4)
    assert sum(costs(db_url, "KIT", "assembly_output")) == D("168.00")  # 4 x (30 + 12)
    assert sum(costs(db_url, "KIT", "sale")) == D("-84.00")  # 2 x 42
    assert json.loads(run(db_url, "costs", "adjust", "--json"))["entries_created"] == 0
    run(db_url, "costs", "post-to-gl")
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert all(D(r["difference"]) == 0 for r in reconciliation)
    # on hand: P1 2 x 13, P2 4 x 4, SUB 0, KIT 2 x 42
    assert sum(D(r["inventory_value"]) for r in reconciliation) == D("26.00") + D("16.00") + D("84.00")
    trial = json.loads(run(db_url, "report", "trial-balance", "--json"))
    assert sum(D(r["balance"]) for r in trial) == 0
    listed = json.loads(run(db_url, "assembly", "order", "list", "--json"))
    assert [(x["no"], x["status"], D(x["quantity_assembled"])) for x in listed] == [
        (sub, "assembled", D(4)), (kit, "open", D(4))]
    assert "AUTH-PERMISSION-DENIED" in refused(db_url, "assembly", "order", "post", kit, user="prefect")


def _walk(tree, level=0):
    yield level, tree
    for child in tree["children"]:
        yield from _walk(child, level + 1)


def test_item_tracing_follows_a_lot_through_two_levels_of_assembly(db_url, tmp_path):
    setup_items(db_url)
    run(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "P1", "--quantity", "2")
    run(db_url, "assembly", "bom", "add", "--item", "KIT", "--component", "SUB", "--quantity", "1")
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,4,10,,L1", "2026-11-01,purchase,P1,MAIN,4,11,,L2")
    sub = order(db_url, tmp_path, "sub", item_no="SUB", quantity="3", location="MAIN", due_date="2026-11-05",
                tracking=[{"lot_no": "S1", "quantity": "3"}]).output.strip()
    run(db_url, "assembly", "order", "post", sub)
    kit = order(db_url, tmp_path, "kit", item_no="KIT", quantity="2", location="MAIN", due_date="2026-11-06",
                tracking=[{"serial_no": "K-1", "quantity": "1"}, {"serial_no": "K-2", "quantity": "1"}]).output.strip()
    run(db_url, "assembly", "order", "post", kit)
    journal(db_url, tmp_path, "sale.csv", "2026-11-07,sale,KIT,MAIN,1,,100,")
    forward = json.loads(run(db_url, "report", "item-tracing", "--lot", "L1", "--json"))
    path = [(level, node["entry_type"], node["item_no"]) for level, node in _walk(forward["trees"][0])]
    assert path[:4] == [(0, "purchase", "P1"), (1, "assembly_consumption", "P1"), (2, "assembly_output", "SUB"),
                        (3, "assembly_consumption", "SUB")]
    assert {(level, item) for level, kind, item in path if kind == "assembly_output"} >= {(2, "SUB"), (4, "KIT")}
    assert (5, "sale", "KIT") in path
    backward = json.loads(run(db_url, "report", "item-tracing", "--serial", "K-2", "--direction", "backward",
                              "--json"))
    nodes = [(level, node["entry_type"], node["item_no"], node["lot_no"]) for tree in backward["trees"]
             for level, node in _walk(tree)]
    assert nodes[0][:3] == (0, "assembly_output", "KIT")
    assert (1, "assembly_consumption", "SUB", "S1") in nodes
    assert (2, "assembly_output", "SUB", "S1") in nodes
    # the one SUB posting consumed 4 of L1 and 2 of L2 into lot S1: both are where K-2 came from
    assert {lot for level, kind, _, lot in nodes if kind == "purchase"} == {"L1", "L2"}
    assert (4, "purchase", "P1", "L1") in nodes and (4, "purchase", "P1", "L2") in nodes


def test_a_resource_on_the_bom_adds_its_cost_to_the_output_and_stays_when_components_are_adjusted(db_url, tmp_path):
    setup_items(db_url)
    run(db_url, "setup", "inventory", "--automatic-cost-posting", "false", user="admin")
    run(db_url, "resource", "add", "--no", "FITTER", "--name", "Montør", "--unit-cost", "50")
    assert [(r["no"], D(r["unit_cost"])) for r in json.loads(run(db_url, "resource", "list", "--json"))] == [
        ("FITTER", D(50))]
    run(db_url, "assembly", "bom", "add", "--item", "SUB", "--component", "P1", "--quantity", "2")
    run(db_url, "assembly", "bom", "add", "--item", "SUB", "--resource", "FITTER", "--quantity", "0.5")
    assert "ASM-UNKNOWN-RESOURCE" in refused(db_url, "assembly", "bom", "add", "--item", "SUB", "--resource", "NOPE",
                                             "--quantity", "1")
    assert "ASM-GIVE-COMPONENT-OR-RESOURCE" in refused(db_url, "assembly", "bom", "add", "--item", "SUB",
                                                       "--component", "P1", "--resource", "FITTER", "--quantity", "1")
    bom = json.loads(run(db_url, "assembly", "bom", "list", "--item", "SUB", "--json"))
    assert [(x["type"], x["component"] or x["resource"]) for x in bom] == [("item", "P1"), ("resource", "FITTER")]
    assert D(bom[1]["cost"]) == D(25)  # 0.5 x 50
    journal(db_url, tmp_path, "in.csv", "2026-11-01,purchase,P1,MAIN,10,10,,")
    sub = order(db_url, tmp_path, "sub", item_no="SUB", quantity="4", location="MAIN",
                due_date="2026-11-05").output.strip()
    shown = json.loads(run(db_url, "assembly", "order", "show", sub, "--json"))
    assert [(x["type"], x["available"], D(x["shortage"])) for x in shown["lines"]] == [
        ("item", "10.00000", D(0)), ("resource", None, D(0))]
    run(db_url, "assembly", "order", "post", sub)
    assert costs(db_url, "SUB", "assembly_output") == [D("180.00")]  # 4 x (2 x 10 + 0.5 x 50)
    journal(db_url, tmp_path, "sale.csv", "2026-11-07,sale,SUB,MAIN,1,,100,")
    reval = tmp_path / "reval.csv"
    reval.write_text("posting_date,item_no,entry_no,new_unit_cost,revalued_amount,document_no\n"
                     "2026-11-02,P1,,13,,REV-1\n")
    run(db_url, "revalue", str(reval))
    run(db_url, "costs", "adjust")
    assert sum(costs(db_url, "SUB", "assembly_output")) == D("204.00")  # 4 x (26 + 25)
    assert costs(db_url, "SUB", "sale") == [D("-51.00")]
    run(db_url, "costs", "post-to-gl")
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert all(D(r["difference"]) == 0 for r in reconciliation)
    assert sum(D(r["inventory_value"]) for r in reconciliation) == D("26.00") + D("153.00")  # P1 2 x 13, SUB 3 x 51
    trial = json.loads(run(db_url, "report", "trial-balance", "--json"))
    assert sum(D(r["balance"]) for r in trial) == 0
