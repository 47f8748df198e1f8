"""The approvals CLI end to end: configure, send, list, decide, history, edit, outbox."""

import json

import pytest
from typer.testing import CliRunner

from flows.cli import app as cli
from tests.support.approvals import EXAMPLE
from tests.support.documents import gl_line, invoice


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    runner = CliRunner()

    def invoke(*args, user=None, code=0):
        options = ["--db", db_url] + (["--user", user] if user else [])
        result = runner.invoke(cli, [*options, *args])
        assert result.exit_code == code, (args, result.output, result.stderr if result.stderr_bytes else "")
        return result

    invoke("init", "--country", "NO", "--demo")
    return invoke


def import_invoice(run, tmp_path, amount: str) -> str:
    path = tmp_path / f"invoice-{amount}.json"
    path.write_text(json.dumps(invoice(lines=[gl_line("6800", amount)])))
    return run("purchase", "import", str(path), user="kari").stdout.strip()


def test_a_large_invoice_is_approved_twice_from_the_cli_and_posted_automatically(run, tmp_path):
    run("approvals", "configure", str(EXAMPLE))
    no = import_invoice(run, tmp_path, "60000.00")
    refused = run("purchase", "post", no, user="kari", code=2)
    assert "APPROVAL-REQUIRED" in refused.stderr
    assert "1:ola, 2:admin" in run("approvals", "send", no, user="kari").stdout
    mine = json.loads(run("approvals", "list", "--mine", "--json", user="ola").stdout)
    assert [(e["document_no"], e["approver"]) for e in mine] == [(no, "ola")]
    assert "APPROVAL-SELF-APPROVAL" in run("approvals", "approve", no, user="kari", code=2).stderr
    assert "waiting for admin" in run("approvals", "approve", no, "--comment", "ok", user="ola").stdout
    final = run("approvals", "approve", no, user="admin").stdout
    assert "released" in final and "posted as PPI-000001" in final
    shown = json.loads(run("purchase", "show", no, "--json").stdout)
    assert shown["status"] == "posted"
    history = json.loads(run("approvals", "history", no, "--json").stdout)
    assert [e["action"] for e in history["events"]] == ["refuse", "request", "refuse", "approve", "approve", "release"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3


def test_reject_edit_and_resend_from_the_cli(run, tmp_path):
    run("approvals", "configure", str(EXAMPLE))
    no = import_invoice(run, tmp_path, "20000.00")
    run("approvals", "send", no, user="kari")
    assert "APPROVAL-DOCUMENT-LOCKED" in run("purchase", "set", no, "quantity=2", "--line", "1",
                                             user="kari", code=2).stderr
    assert "reopened" in run("approvals", "reject", no, "--comment", "wrong account", user="ola").stdout
    assert "version 2" in run("purchase", "set", no, "direct_unit_cost=19000", "--line", "1", user="kari").stdout
    assert "1:ola" in run("approvals", "send", no, user="kari").stdout
    assert "delegated to admin" in run("approvals", "delegate", no, user="ola").stdout
    run("approvals", "cancel", no, user="kari")
    assert json.loads(run("purchase", "show", no, "--json").stdout)["status"] == "open"


def test_user_add_and_setup_user_write_the_approval_user_setup(run):
    run("user", "add", "--id", "per", "--name", "Per Olsen", "--email", "per@demo.example",
        "--approver", "ola", "--purchase-limit", "15000", "--substitute", "kari")
    run("user", "add", "--id", "eva", "--name", "Eva", "--unlimited")
    run("approvals", "setup-user", "kari", "--approver", "per", "--purchase-limit", "5000", "--language", "nl")
    rows = {r["id"]: r for r in json.loads(run("approvals", "users", "--json").stdout)}
    assert (rows["per"]["approver"], rows["per"]["purchase_limit"], rows["per"]["substitute"]) == \
        ("ola", "15000.00", "kari")
    assert rows["eva"]["unlimited"] and rows["kari"]["language"] == "nl" and rows["kari"]["approver"] == "per"
    assert "USER-NOT-FOUND" in run("approvals", "setup-user", "kari", "--approver", "nobody", code=2).stderr


def test_a_purchase_order_above_the_limit_is_received_and_invoiced_only_after_approval(run, tmp_path):
    run("approvals", "configure", str(EXAMPLE))
    path = tmp_path / "order.json"
    path.write_text(json.dumps({"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
                                "posting_date": "2026-11-20", "lines": [
                                    {"type": "item", "no": "1000", "quantity": "10", "direct_unit_cost": "6000.00",
                                     "vat_prod_posting_group": "HIGH"}]}))
    no = run("purchase", "order", "import", str(path), user="kari").stdout.strip()
    assert "APPROVAL-REQUIRED" in run("purchase", "order", "receive", no, user="kari", code=2).stderr
    assert "APPROVAL-REQUIRED" in run("purchase", "order", "invoice", no, "--vendor-invoice-no", "F-1",
                                      "--receive", user="kari", code=2).stderr
    assert "1:ola, 2:admin" in run("approvals", "send", no, user="kari").stdout
    assert "APPROVAL-PENDING" in run("purchase", "order", "receive", no, user="kari", code=2).stderr
    run("approvals", "approve", no, user="ola")
    final = run("approvals", "approve", no, user="admin").stdout
    assert "released" in final and "posted" not in final
    assert json.loads(run("purchase", "show", no, "--json").stdout)["status"] == "released"
    posted = run("purchase", "order", "invoice", no, "--vendor-invoice-no", "F-1", "--receive", user="kari")
    assert posted.stdout.strip().startswith("PPI-")
    assert json.loads(run("purchase", "show", no, "--json").stdout)["status"] == "closed"
    history = json.loads(run("approvals", "history", no, "--json").stdout)
    assert [e["action"] for e in history["events"]] == ["refuse", "refuse", "request", "refuse", "approve",
                                                        "approve", "release"]
