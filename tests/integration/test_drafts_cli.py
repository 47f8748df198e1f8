"""Drafts you can fix and cards you can edit (issue 17, items 1 and 2) through the CLI, end to end on
SQLite and PostgreSQL: `purchase line add|remove|set`, `purchase delete`, `sales line ...`,
`sales delete`, `sales set`; bad input exits 2 with its code and writes nothing; `vendor show` and
`purchase show` of a draft say when the vendor's bank account changed, and who changed it."""

import json

import pytest
from typer.testing import CliRunner

from flows.cli import app as cli

NEW_IBAN = "NO9386011117947"


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    runner = CliRunner()

    def invoke(*args, user=None):
        return runner.invoke(cli, ["--db", db_url, *(["--user", user] if user else []), *args])

    assert invoke("init", "--country", "NO", "--demo").exit_code == 0
    invoice = {"document_type": "invoice", "vendor_no": "V10000", "vendor_invoice_no": "F-1",
               "posting_date": "2026-11-20", "lines": [{"type": "gl_account", "no": "6800", "quantity": "1",
                                                        "direct_unit_cost": "100", "vat_prod_posting_group": "HIGH"}]}
    order = {"document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-20",
             "lines": [{"type": "item", "no": "1000", "quantity": "2", "unit_price": "300", "location": "MAIN"}]}
    (tmp_path / "pi.json").write_text(json.dumps(invoice))
    (tmp_path / "so.json").write_text(json.dumps(order))
    assert invoke("purchase", "import", str(tmp_path / "pi.json")).stdout.strip() == "PI-000001"
    assert invoke("sales", "order", "import", str(tmp_path / "so.json")).stdout.strip() == "SO-000001"
    invoke.home = tmp_path
    return invoke


def shown(run, area, no) -> dict:
    result = run(area, "show", no, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_purchase_lines_are_added_changed_removed_and_the_draft_posts(run):
    result = run("purchase", "line", "add", "PI-000001", "--type", "item", "--no", "1000", "--quantity", "2",
                 "--direct-unit-cost", "50", "--location", "MAIN", "--line-discount-pct", "5",
                 "--description", "Kaffe til møterommet")
    assert result.exit_code == 0, result.stderr
    assert "PI-000001 line 2 added; version 2, status open" in result.stdout
    assert run("purchase", "line", "set", "PI-000001", "2", "quantity=3", "direct_unit_cost=55").exit_code == 0
    assert run("purchase", "line", "remove", "PI-000001", "1").exit_code == 0
    doc = shown(run, "purchase", "PI-000001")
    assert [(x["line_no"], x["no"], x["quantity"], x["direct_unit_cost"], x["line_discount_pct"], x["location"],
             x["description"]) for x in doc["lines"]] == [
        (2, "1000", "3.00000", "55.000000", "5.0000000000", "MAIN", "Kaffe til møterommet")]
    assert doc["version"] == 4
    assert run("purchase", "post", "PI-000001").stdout.strip().startswith("PPI-")
    refused = run("purchase", "line", "set", "PI-000001", "2", "quantity=1")
    assert refused.exit_code == 2 and "PURCH-DOCUMENT-POSTED" in refused.stderr


@pytest.mark.parametrize("args, code", [
    (["purchase", "line", "add", "PI-000001", "--type", "item", "--no", "NOPE", "--quantity", "1"],
     "PURCH-UNKNOWN-ITEM"),
    (["purchase", "line", "add", "PI-000001", "--type", "item", "--no", "1000", "--quantity", "0"],
     "PURCH-ZERO-QUANTITY"),
    (["purchase", "line", "add", "PI-000001", "--type", "gl_account", "--no", "9999", "--quantity", "1",
      "--direct-unit-cost", "1"], "SETUP-UNKNOWN-ACCOUNT"),
    (["purchase", "line", "add", "PI-000001", "--type", "service", "--no", "1000", "--quantity", "1"],
     "IMPORT-INVALID-CHOICE"),
    (["purchase", "line", "set", "PI-000001", "1", "line_discount_pct=-1"], "PURCH-LINE-DISCOUNT-OUT-OF-RANGE"),
    (["purchase", "line", "set", "PI-000001", "1", "quantity"], "PURCH-EDIT-SYNTAX"),
    (["purchase", "line", "set", "PI-000001", "7", "quantity=1"], "PURCH-LINE-NOT-FOUND"),
    (["purchase", "line", "remove", "PI-000001", "7"], "PURCH-LINE-NOT-FOUND"),
    (["purchase", "delete", "PI-000009"], "PURCH-DOCUMENT-NOT-FOUND"),
    (["sales", "line", "add", "SO-000001", "--type", "item", "--no", "1000", "--quantity", "1",
      "--unit-price", "-5"], "SALES-NEGATIVE-UNIT-PRICE"),
    (["sales", "line", "set", "SO-000001", "1", "location=NOPE"], "SETUP-UNKNOWN-LOCATION"),
    (["sales", "set", "SO-000001", "posting_date=tomorrow"], "IMPORT-INVALID-DATE"),
    (["sales", "set", "SO-000001", "customer_no=C20000"], "SALES-EDIT-UNKNOWN-FIELD"),
    (["sales", "set", "SO-000001", "=2026-12-01"], "SALES-EDIT-SYNTAX"),
    (["sales", "delete", "SO-000009"], "SALES-DOCUMENT-NOT-FOUND"),
])
def test_cli_bad_edits_exit_2_with_their_code_and_write_nothing(run, args, code):
    before = shown(run, "purchase", "PI-000001"), shown(run, "sales", "SO-000001")
    result = run(*args)
    assert result.exit_code == 2 and code in result.stderr, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert (shown(run, "purchase", "PI-000001"), shown(run, "sales", "SO-000001")) == before


def test_cli_sales_order_lines_and_dates_change_and_a_deleted_number_is_not_reused(run):
    assert "line 2 added" in run("sales", "line", "add", "SO-000001", "--type", "gl_account", "--no", "3000",
                                 "--quantity", "1", "--unit-price", "100").stdout
    assert run("sales", "line", "set", "SO-000001", "1", "quantity=5", "unit_price=310").exit_code == 0
    assert run("sales", "line", "remove", "SO-000001", "2").exit_code == 0
    result = run("sales", "set", "SO-000001", "posting_date=2026-12-02", "document_date=2026-12-02")
    assert result.exit_code == 0 and "version 5" in result.stdout, result.stderr
    doc = shown(run, "sales", "SO-000001")
    assert (doc["posting_date"], [(x["quantity"], x["unit_price"], x["qty_to_ship"]) for x in doc["lines"]]) == (
        "2026-12-02", [("5.00000", "310.000000", "5.00000")])
    assert run("sales", "delete", "SO-000001").stdout.strip() == "SO-000001 deleted"
    assert run("sales", "show", "SO-000001").exit_code == 2
    assert run("sales", "order", "import", str(run.home / "so.json")).stdout.strip() == "SO-000002"
    assert run("purchase", "delete", "PI-000001").exit_code == 0
    assert run("purchase", "import", str(run.home / "pi.json")).stdout.strip() == "PI-000002"


def test_cli_a_changed_vendor_bank_account_is_shown_on_the_card_and_on_the_vendors_drafts(run):
    assert shown(run, "vendor", "V10000")["bank_account_changed"] is None
    assert shown(run, "purchase", "PI-000001")["bank_account_changed"] is None
    assert run("vendor", "set", "V10000", "--name", "Nordlys AS").exit_code == 0  # not the bank account
    assert shown(run, "vendor", "V10000")["bank_account_changed"] is None
    assert run("vendor", "set", "V10000", "--iban", NEW_IBAN).exit_code == 0
    note = shown(run, "vendor", "V10000")["bank_account_changed"]
    assert note.startswith("bank account changed on 20") and note.endswith(" by admin")
    assert shown(run, "purchase", "PI-000001")["bank_account_changed"] == note
    assert "bank account changed on" in run("purchase", "show", "PI-000001").stdout
    assert run("purchase", "post", "PI-000001").exit_code == 0
    assert shown(run, "purchase", "PI-000001")["bank_account_changed"] is None  # posted: no longer a draft


def test_cli_sales_ship_takes_a_posting_date_and_a_bad_one_exits_2(run):
    bad = run("sales", "ship", "SO-000001", "--posting-date", "2026-02-30")
    assert bad.exit_code == 2 and "IMPORT-INVALID-DATE" in bad.stderr
    run("journal", "post", str(_stock_csv(run.home)))
    result = run("sales", "ship", "SO-000001", "--posting-date", "2026-12-03")
    assert result.exit_code == 0 and "shipment PSS-000001" in result.stdout, result.stderr
    assert shown(run, "sales", "SO-000001")["posting_date"] == "2026-12-03"
    returned = run("sales", "return-order", "receive", "SRO-000009", "--posting-date", "2026-12-04")
    assert returned.exit_code == 2 and "SALES-DOCUMENT-NOT-FOUND" in returned.stderr


def _stock_csv(home):
    path = home / "stock.csv"
    path.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost\n"
                    "2026-11-20,purchase,1000,MAIN,10,100\n")
    return path
