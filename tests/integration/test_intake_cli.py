"""`ledgerflow inbox process` and `ledgerflow documents ...` through Typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from flows.cli import app as cli
from tests.support.intake import EHF_INVOICE, vendor_invoice


def run(monkeypatch, tmp_path, db_url, *args):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("LEDGERFLOW_USER", "kari")
    return CliRunner().invoke(cli, list(args))


def test_inbox_process_then_review_accept_and_create_from_the_command_line(app, db_url, tmp_path, monkeypatch):
    (tmp_path / "inbox").mkdir()
    pdf, truth = vendor_invoice(app)
    (tmp_path / "inbox" / "faktura.pdf").write_bytes(pdf)
    (tmp_path / "inbox" / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    result = run(monkeypatch, tmp_path, db_url, "inbox", "process", "--settle", "0", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"] == {"created": 1, "review": 1}
    listed = json.loads(run(monkeypatch, tmp_path, db_url, "documents", "list", "--json").stdout)
    by_status = {d["status"]: d for d in listed}
    assert by_status["created"]["invoice_no"] == truth.invoice_no
    review = by_status["review"]["entry_no"]
    refused = run(monkeypatch, tmp_path, db_url, "documents", "create-invoice", str(review))
    assert refused.exit_code == 2 and "INTAKE-UNKNOWN-VENDOR" in refused.output
    bad = run(monkeypatch, tmp_path, db_url, "documents", "correct", str(review), "invoice_date=31.12.2013")
    assert bad.exit_code == 2 and "INTAKE-INVALID-CORRECTION" in bad.output
    fixed = run(monkeypatch, tmp_path, db_url, "documents", "correct", str(review), "line.5.account=6540")
    assert fixed.exit_code == 0, fixed.output
    accepted = run(monkeypatch, tmp_path, db_url, "documents", "accept-vendor", str(review), "--no", "V77000")
    assert accepted.exit_code == 0 and accepted.stdout.splitlines()[0] == "V77000"
    created = run(monkeypatch, tmp_path, db_url, "documents", "create-invoice", str(review))
    assert created.exit_code == 0 and created.stdout.strip().startswith("PI-")
    shown = json.loads(run(monkeypatch, tmp_path, db_url, "documents", "show", str(review), "--json").stdout)
    assert (shown["status"], shown["vendor_no"], shown["lines"][4]["no"]) == ("created", "V77000", "6540")
    path = run(monkeypatch, tmp_path, db_url, "documents", "file", str(review)).stdout.strip()
    assert open(path, "rb").read() == EHF_INVOICE.read_bytes()


def test_inbox_process_refuses_an_inbox_folder_that_does_not_exist(app, db_url, tmp_path, monkeypatch):
    home = tmp_path / "home"
    result = run(monkeypatch, home, db_url, "inbox", "process", "--inbox", str(tmp_path / "does" / "not" / "exist"))
    assert result.exit_code == 2 and "INTAKE-INBOX-NOT-FOUND" in result.output
    assert not home.exists()  # nothing written


def test_inbox_process_prints_no_progress_bar_into_piped_output(app, db_url, tmp_path, monkeypatch):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "bad.pdf").write_bytes(b"MZ not a pdf")
    result = run(monkeypatch, tmp_path, db_url, "inbox", "process", "--settle", "0")
    assert result.exit_code == 0
    assert "reading documents" not in result.output and "looking for stable files" not in result.output
    assert "1 rejected" in result.stdout


def test_an_ehf_with_a_prepayment_waits_for_the_group_accounts_then_owes_the_amount_due(app, db_url, tmp_path,
                                                                                       monkeypatch):
    """A database whose vendor posting group has no prepayment / rounding accounts (made before
    they existed): the EHF waits in review naming the setting; once set, the draft owes 802.00."""
    from decimal import Decimal

    from domain.setup.model.company import VendorPostingGroup
    from tests.support.intake import header
    with app.uow() as session:
        session.get(VendorPostingGroup, "DOMESTIC").prepayment_account = None
        session.get(VendorPostingGroup, "DOMESTIC").invoice_rounding_account = None
    run(monkeypatch, tmp_path, db_url, "vendor", "add", "--no", "V50000", "--name", "The Sellercompany ASA",
        "--org-no", "123456785")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    assert run(monkeypatch, tmp_path, db_url, "inbox", "process", "--settle", "0").exit_code == 0
    [doc] = json.loads(run(monkeypatch, tmp_path, db_url, "documents", "list", "--json").stdout)
    shown = run(monkeypatch, tmp_path, db_url, "documents", "show", str(doc["entry_no"]))
    assert doc["status"] == "review" and "INTAKE-SETTLEMENT-ACCOUNT-MISSING" in shown.output, shown.output
    # a person reads the setting's name in their language; --json keeps the raw keys for scripts
    monkeypatch.setenv("LEDGERFLOW_LANG", "nb")
    as_json = json.loads(run(monkeypatch, tmp_path, db_url, "documents", "show", str(doc["entry_no"]),
                             "--json").stdout)
    [missing] = [p for p in as_json["problems"] if p["code"] == "INTAKE-SETTLEMENT-ACCOUNT-MISSING"
                 and p["field"] == "prepaid_amount"]
    assert missing["params"]["account"] == "prepayment_account"
    assert "mangler Forskuddskonto" in missing["message"] and "prepayment_account" not in missing["message"]
    refused = run(monkeypatch, tmp_path, db_url, "setup", "vendor-posting-group", "DOMESTIC",
                  "--prepayment-account", "9999")
    assert refused.exit_code == 2 and "SETUP-UNKNOWN-ACCOUNT" in refused.output
    done = run(monkeypatch, tmp_path, db_url, "setup", "vendor-posting-group", "DOMESTIC",
               "--prepayment-account", "1570", "--invoice-rounding-account", "7790")
    assert done.exit_code == 0, done.output
    created = run(monkeypatch, tmp_path, db_url, "documents", "create-invoice", str(doc["entry_no"]))
    assert created.exit_code == 0, created.output
    assert header(app, created.stdout.split()[0]).vendor_amount_incl_vat == Decimal("802.00")


def test_item_reference_add_and_list_from_the_command_line(app, db_url, tmp_path, monkeypatch):
    added = run(monkeypatch, tmp_path, db_url, "item", "reference", "add", "--item", "1100", "--reference",
                "1234567890128", "--bar-code")
    assert added.exit_code == 0, added.output
    bad = run(monkeypatch, tmp_path, db_url, "item", "reference", "add", "--item", "1100", "--reference",
              "1234567890124", "--bar-code")
    assert bad.exit_code == 2 and "ITEM-INVALID-GTIN" in bad.output
    no_vendor = run(monkeypatch, tmp_path, db_url, "item", "reference", "add", "--item", "1100", "--reference",
                    "JB007", "--vendor", "V99999")
    assert no_vendor.exit_code == 2 and "PURCH-UNKNOWN-VENDOR" in no_vendor.output
    listed = json.loads(run(monkeypatch, tmp_path, db_url, "item", "reference", "list", "--json").stdout)
    assert [(x["item_no"], x["type"], x["reference_no"]) for x in listed] == [("1100", "bar_code", "1234567890128")]
