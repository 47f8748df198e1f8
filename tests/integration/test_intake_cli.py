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
