"""The `ledgerflow` CLI end to end, as a new user meets it (SQLite and PostgreSQL)."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "examples" / "purchase-invoice.json"
runner = CliRunner()


def run(db_url, *args, user="kari"):
    result = runner.invoke(app, ["--db", db_url, "--user", user, *args])
    return result


def test_a_new_user_posts_an_invoice_and_sees_balanced_ledgers(db_url, tmp_path):
    assert run(db_url, "init", "--country", "NO", "--demo").exit_code == 0
    assert "0 rows created" in run(db_url, "init", "--country", "NO", "--demo").output  # safe twice
    imported = run(db_url, "purchase", "import", str(EXAMPLE))
    assert imported.exit_code == 0, imported.output
    draft = imported.output.strip()
    posted = run(db_url, "purchase", "post", draft)
    assert posted.exit_code == 0 and posted.output.strip() == "PPI-000001"
    trial = json.loads(run(db_url, "report", "trial-balance", "--json").output)
    assert sum(Decimal(r["balance"]) for r in trial) == 0
    assert all(isinstance(r["debit"], str) for r in trial)  # numbers as strings, full precision
    ledger = json.loads(run(db_url, "report", "item-ledger", "--json").output)
    assert {r["item_no"]: r["cost_amount_actual"] for r in ledger} == {"1000": "2226.00", "1100": "4558.10"}
    assert set(ledger[0]) >= {"entry_no", "posting_date", "entry_type", "item_no", "location", "quantity",
                              "remaining_quantity", "open", "cost_amount_actual", "cost_amount_expected",
                              "sales_amount_actual"}
    vendor = json.loads(run(db_url, "report", "vendor-ledger", "--json").output)
    assert vendor[0]["amount"] == "-10280.78" and vendor[0]["open"] is True
    duplicate = run(db_url, "purchase", "import", str(EXAMPLE))
    assert duplicate.exit_code == 2 and "AP-DUPLICATE-VENDOR-INVOICE" in duplicate.output


def test_bad_input_gets_a_stable_code_and_exit_status_2(db_url, tmp_path):
    run(db_url, "init", "--country", "NL", user="admin")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run(db_url, "purchase", "import", str(bad), user="admin")
    assert result.exit_code == 2 and "IMPORT-INVALID-JSON" in result.output
    vendor = run(db_url, "vendor", "add", "--no", "V1", "--name", "X", "--iban", "NL00BANK0123456789", user="admin")
    assert vendor.exit_code == 2 and "ID-INVALID-IBAN" in vendor.output
    item = run(db_url, "item", "add", "--no", "I1", "--description", "x", "--costing-method", "magic", user="admin")
    assert item.exit_code == 2 and "IMPORT-INVALID-CHOICE" in item.output


def test_a_refusal_prints_its_code_once_and_then_its_text(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_LANG", "en")  # the Dutch company's users would read Dutch
    run(db_url, "init", "--country", "NL", user="admin")
    missing = run(db_url, "purchase", "import", str(tmp_path / "nope.json"), user="admin")
    assert missing.exit_code == 2 and missing.output.count("IMPORT-FILE-NOT-FOUND") == 1
    assert missing.output.startswith("IMPORT-FILE-NOT-FOUND There is no file ")
    vendor = run(db_url, "vendor", "add", "--no", "V1", "--name", "X", "--iban", "NL00BANK0123456789", user="admin")
    assert vendor.output.strip() == "ID-INVALID-IBAN 'NL00BANK0123456789' is not a valid IBAN."


def test_master_data_commands_add_and_list_as_json(db_url):
    run(db_url, "init", "--country", "NO", user="admin")
    assert run(db_url, "vendor", "add", "--no", "V1", "--name", "Fjord AS", "--org-no", "974760673",
               "--iban", "NO9386011117947", "--payment-terms", "14D", "--address", "Kaia 1", "--post-code",
               "5003", "--city", "Bergen", user="admin").exit_code == 0
    assert run(db_url, "customer", "add", "--no", "C1", "--name", "Kunde AS", user="admin").exit_code == 0
    assert run(db_url, "item", "add", "--no", "I1", "--description", "Vare", "--type", "inventory",
               "--costing-method", "average", "--unit-cost", "10.5", "--standard-cost", "0",
               "--unit-price", "20", "--vendor-no", "V1", user="admin").exit_code == 0
    vendors = json.loads(run(db_url, "vendor", "list", "--json", user="admin").output)
    assert vendors == [{"no": "V1", "name": "Fjord AS", "address": "Kaia 1", "post_code": "5003", "city": "Bergen",
                        "country": "NO", "org_no": "974760673",
                        "vat_id": None, "kvk_no": None, "iban": "NO9386011117947",
                        "payment_terms_code": "14D", "vendor_posting_group": "DOMESTIC", "blocked": "",
                        "bank_account_no": None}]
    items = json.loads(run(db_url, "item", "list", "--json", user="admin").output)
    assert items[0]["unit_cost"] == "10.500000" and items[0]["costing_method"] == "average"


def test_item_journal_csv_posts_and_reports_inventory(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    csv = tmp_path / "journal.csv"
    csv.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,unit_price,applies_to_entry,"
                   "document_no\n2026-11-01,purchase,1000,MAIN,10,100,,,J1\n"
                   "2026-11-02,sale,1000,MAIN,4,,279,,J2\n")
    posted = run(db_url, "journal", "post", str(csv))
    assert posted.exit_code == 0, posted.output
    inventory = json.loads(run(db_url, "report", "inventory", "--item", "1000", "--json").output)
    assert inventory[0]["quantity"] == "6.00000" and inventory[0]["value"] == "600.00"


def test_python_dash_m_flows_cli_sets_up_the_company_in_the_database_given_with_db(db_url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEDGERFLOW_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "flows.cli", "--db", db_url, "init", "--country", "NO"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("company ready (NO)")
    assert "0 rows created" in run(db_url, "init", "--country", "NO").output


def test_posting_many_drafts_prints_only_the_posted_numbers_when_output_is_piped(app, db_url):
    from domain.purchasing import documents as purchase_documents
    from tests.support.documents import gl_line, invoice

    drafts = [purchase_documents.create_document(app, invoice(lines=[gl_line()]))
              for i in range(21)]
    posted = run(db_url, "purchase", "post", *drafts)
    assert posted.exit_code == 0, posted.output
    assert posted.stdout.splitlines() == [f"{no}: posted PPI-{i:06d}" for i, no in enumerate(drafts, start=1)]
    assert "━" not in posted.output  # no progress bar: neither stdout nor stderr is a terminal
