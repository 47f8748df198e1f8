"""BC's revaluation example with an item charge invoiced after the sales, end to end
through the CLI: journal post, purchase import/post, revalue, costs adjust, costs
post-to-gl and the costing reports (SQLite and PostgreSQL)."""

import json
from decimal import Decimal as D

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()
HEADER = "posting_date,entry_type,item_no,location,quantity,unit_cost,unit_price,applies_to_entry,document_no\n"


def run(db_url, *args, user="kari"):
    result = runner.invoke(app, ["--db", db_url, "--user", user, *args])
    assert result.exit_code == 0, result.output
    return result.output


def journal(db_url, tmp_path, name, lines):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    run(db_url, "journal", "post", str(path))


def ledger(db_url):
    return json.loads(run(db_url, "report", "item-ledger", "--item", "CLI1", "--json"))


def post_freight(db_url, tmp_path, vendor_invoice_no, cost, receipt):
    """Import and post a freight invoice whose item charge is assigned to entry ``receipt``."""
    charge = tmp_path / f"{vendor_invoice_no}.json"
    charge.write_text(json.dumps({
        "document_type": "invoice", "vendor_no": "V10000", "vendor_invoice_no": vendor_invoice_no,
        "document_date": "2026-11-10", "posting_date": "2026-11-10",
        "lines": [{"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": cost,
                   "assign_to_entry": receipt}]}))
    run(db_url, "purchase", "post", run(db_url, "purchase", "import", str(charge)).strip())


def test_charge_revaluation_adjustment_and_gl_posting_reproduce_bcs_example_through_the_cli(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "inventory", "--average-cost-period", "day", "--automatic-cost-adjustment", "never",
        "--automatic-cost-posting", "false", "--expected-cost-posting", "false", user="admin")
    run(db_url, "item", "add", "--no", "CLI1", "--description", "Chain link", "--costing-method", "fifo")
    journal(db_url, tmp_path, "in.csv", ["2026-01-01,purchase,CLI1,MAIN,6,10,,,"] +
            [f"{d},sale,CLI1,MAIN,1,,15,," for d in ("2026-02-01", "2026-03-01", "2026-04-01")])
    receipt = ledger(db_url)[0]["entry_no"]
    post_freight(db_url, tmp_path, "FRT-1", "12.00", receipt)
    reval = tmp_path / "reval.csv"
    reval.write_text("posting_date,item_no,entry_no,new_unit_cost,revalued_amount,document_no\n"
                     "2026-03-01,CLI1,,8,,REV-1\n")
    entries = json.loads(run(db_url, "revalue", str(reval), "--json"))
    assert [(D(e["quantity"]), e["amount"]) for e in entries] == [(D(4), "-16.00")]  # 4 x (8 - 12)
    journal(db_url, tmp_path, "out.csv", [f"{d},sale,CLI1,MAIN,1,,15,," for d in
                                          ("2026-02-01", "2026-03-01", "2026-04-01")])
    adjusted = json.loads(run(db_url, "costs", "adjust", "--json"))
    assert adjusted["status"] == "completed" and adjusted["entries_created"] == 4  # A, B: adjusted by revalue
    sales = [D(r["cost_amount_actual"]) for r in ledger(db_url) if r["entry_type"] == "sale"]
    assert sales == [D("-12.00"), D("-12.00"), D("-8.00"), D("-8.00"), D("-8.00"), D("-8.00")]
    assert json.loads(run(db_url, "costs", "adjust", "--json"))["entries_created"] == 0
    posted = json.loads(run(db_url, "costs", "post-to-gl", "--summarised", "--json"))
    assert posted["skipped"] == [] and posted["posted_entries"] > 0
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert [(r["account_no"], D(r["inventory_value"]), D(r["difference"])) for r in reconciliation] == [
        ("1460", D(0), D(0))]
    valuation = json.loads(run(db_url, "report", "inventory-valuation", "--as-of", "2026-02-15", "--item", "CLI1",
                               "--json"))
    # by posting date, as BC's report: 60.00 received, A -12.00 and D -8.00 (its adjustment is dated
    # 02-01); the freight invoiced in November is not yet part of February's value
    assert (D(valuation[0]["quantity"]), valuation[0]["value"]) == (D(4), "40.00")
    runs = json.loads(run(db_url, "report", "cost-adjustment-runs", "--json"))
    assert runs[0]["status"] == "completed" and runs[0]["entries_created"] == 0


def test_a_transfer_through_the_cli_carries_a_later_item_charge_to_the_sale_at_the_new_location(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "inventory", "--automatic-cost-adjustment", "never", "--automatic-cost-posting", "true",
        user="admin")
    run(db_url, "location", "add", "--code", "WEST", "--name", "Vestlager")
    assert {r["code"] for r in json.loads(run(db_url, "location", "list", "--json"))} == {"MAIN", "WEST"}
    run(db_url, "item", "add", "--no", "CLI1", "--description", "Chain link", "--costing-method", "fifo")
    path = tmp_path / "moves.csv"
    path.write_text(HEADER.rstrip("\n") + ",new_location\n"
                    "2026-11-02,purchase,CLI1,MAIN,10,10,,,,\n"
                    "2026-11-03,transfer,CLI1,MAIN,4,,,,,WEST\n"
                    "2026-11-04,sale,CLI1,WEST,4,,25,,,\n")
    run(db_url, "journal", "post", str(path))
    receipt = ledger(db_url)[0]["entry_no"]
    post_freight(db_url, tmp_path, "FRT-9", "20.00", receipt)
    assert json.loads(run(db_url, "costs", "adjust", "--json"))["entries_created"] == 3  # out, in, sale
    rows = [(r["entry_type"], r["location"], D(r["cost_amount_actual"])) for r in ledger(db_url)]
    assert rows == [("purchase", "MAIN", D("120.00")), ("transfer", "MAIN", D("-48.00")),
                    ("transfer", "WEST", D("48.00")), ("sale", "WEST", D("-48.00"))]
    reconciliation = json.loads(run(db_url, "report", "inventory-reconciliation", "--json"))
    assert all(D(r["difference"]) == 0 for r in reconciliation)
    assert sum(D(r["inventory_value"]) for r in reconciliation) == D("72.00")
    by_location = json.loads(run(db_url, "report", "inventory-valuation", "--as-of", "2026-12-31", "--item", "CLI1",
                                 "--by-location", "--json"))
    assert [(r["location"], D(r["quantity"]), r["value"]) for r in by_location] == [
        ("MAIN", D(6), "72.00"), ("WEST", D(0), "0.00")]
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER.rstrip("\n") + ",new_location\n2026-11-05,transfer,CLI1,MAIN,1,,,,,\n")
    refused = runner.invoke(app, ["--db", db_url, "--user", "kari", "journal", "post", str(bad)])
    assert refused.exit_code != 0 and "IJ-TRANSFER-NEEDS-NEW-LOCATION" in refused.output
