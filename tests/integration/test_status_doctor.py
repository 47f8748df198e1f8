"""`ledgerflow status` and `ledgerflow doctor` through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy import delete, update
from typer.testing import CliRunner

import migrations
from domain.approvals.model import ApprovalEntry, ApprovalRequest
from domain.bootstrap import build_app
from domain.costing.model import CostAdjustmentRun
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.company import GeneralPostingSetup
from flows.cli import app as cli
from tests.support.documents import gl_line, invoice, item_line
from tests.support.servers import BIN, create_pg_database, drop_pg_database, free_port, without_read_override

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    return tmp_path / "home"


def run(db_url, *args):
    return runner.invoke(cli, ["--db", db_url, "--user", "kari", *args])


def status(db_url) -> dict:
    result = run(db_url, "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def doctor(db_url) -> tuple[int, dict[str, dict]]:
    result = run(db_url, "doctor", "--json")
    return result.exit_code, {row["check"]: row for row in json.loads(result.output)}


def test_status_counts_files_in_the_inbox_and_quarantine_and_released_documents(app, db_url, home):
    (home / "inbox" / "sub").mkdir(parents=True)
    (home / "inbox" / "a.pdf").write_bytes(b"%PDF-1.4")
    (home / "inbox" / "sub" / "b.xml").write_bytes(b"<Invoice/>")
    (home / "inbox" / "c.pdf.part").write_bytes(b"half")  # still being written: not counted
    (home / "quarantine").mkdir()
    (home / "quarantine" / "bad.pdf").write_bytes(b"x")
    (home / "quarantine" / "bad.pdf.reason.json").write_text("{}")
    nos = [purchase_documents.create_document(app, invoice(lines=[gl_line()])) for _ in range(3)]
    with app.uow() as s:
        s.execute(update(PurchaseHeader).where(PurchaseHeader.no.in_(nos[:2])).values(status="released"))
    data = status(db_url)
    assert data["inbox_depth"] == 2
    assert data["quarantine_size"] == 1
    assert data["released_unposted"] == 2
    assert (data["documents_in_review"], data["approvals_waiting"], data["approvals_overdue"]) == (0, 0, 0)
    assert data["last_cost_adjustment"] is None
    purchase_posting.post_document(app, nos[0])
    assert status(db_url)["released_unposted"] == 1


def test_status_shows_hidden_files_left_in_the_inbox_and_folders_it_cannot_read(app, db_url, home):
    inbox = home / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / ".scan-0001.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "b.pdf.part").write_bytes(b"half")
    old = time.time() - 3600
    for name in (".scan-0001.pdf", "b.pdf.part"):
        os.utime(inbox / name, (old, old))
    (inbox / ".being-written.pdf").write_bytes(b"%PDF")  # fresh: an editor may still be at it
    (inbox / "locked").chmod(0)
    env = {**os.environ, "LEDGERFLOW_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([*without_read_override(), str(BIN / "ledgerflow"), "--db", db_url, "status", "--json"],
                          env=env, capture_output=True, text=True, timeout=120)
    (inbox / "locked").chmod(0o700)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(p["code"], os.path.basename(p["path"])) for p in data["inbox_problems"]] == [
        ("INTAKE-FILE-NOT-TAKEN", ".scan-0001.pdf"), ("INTAKE-FILE-NOT-TAKEN", "b.pdf.part"),
        ("INTAKE-FOLDER-UNREADABLE", "locked")]
    assert (data["inbox_not_taken"], data["inbox_depth"]) == (3, 0)
    assert all("{" not in p["message"] for p in data["inbox_problems"])


def test_status_counts_overdue_approvals_and_shows_the_last_cost_adjustment(app, db_url, home):
    import datetime as dt

    now = dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)
    with app.uow() as s:
        request = ApprovalRequest(document_no="PI-1", document_type="invoice", document_version=1,
                                    version_hash="h", workflow_code="W", amount_lcy=100, created_at=now)
        s.add(request)
        s.flush()
        for due in (dt.date(2000, 1, 1), dt.date(2999, 1, 1)):
            s.add(ApprovalEntry(request_id=request.id, document_no="PI-1", sequence_no=1, step_no=1,
                                  approver_id="kari", status="open", amount_lcy=100, due_date=due))
        s.add(CostAdjustmentRun(trigger="scheduled", status="completed", started_at=now, finished_at=now,
                                  items_adjusted=4))
    data = status(db_url)
    assert (data["approvals_waiting"], data["approvals_overdue"]) == (1, 1)
    assert data["last_cost_adjustment"]["status"] == "completed"
    assert data["last_cost_adjustment"]["items_adjusted"] == 4
    assert (data["items_to_adjust"], data["value_entries_not_on_gl"]) == (0, 0)
    table = run(db_url, "status")
    assert table.exit_code == 0 and "status=completed" in table.output


def test_doctor_passes_on_a_complete_demo_company(app, db_url, home):
    code, checks = doctor(db_url)
    assert code == 0, checks
    assert checks["migrations"]["result"] == checks["posting setup"]["result"] == "ok"
    assert checks["tesseract"]["result"] == "ok"
    assert checks["folder inbox"]["result"] == "ok" and (home / "inbox").is_dir()


def test_doctor_shows_missing_posting_setup_before_the_first_posting_refuses_it(app, db_url, home):
    with app.uow() as s:
        s.execute(delete(GeneralPostingSetup).where(
            GeneralPostingSetup.gen_bus_posting_group == "DOMESTIC",
            GeneralPostingSetup.gen_prod_posting_group == "RETAIL"))
    code, checks = doctor(db_url)
    assert code == 1
    assert checks["posting setup"]["result"] == "FAIL"
    assert "SETUP-MISSING-GENERAL-POSTING-SETUP" in checks["posting setup"]["detail"]
    assert "DOMESTIC/RETAIL" in checks["posting setup"]["detail"]
    no = purchase_documents.create_document(app, invoice(lines=[item_line("1000", "1", "10")]))
    assert "SETUP-MISSING-GENERAL-POSTING-SETUP" in purchase_posting.post_document(app, no).codes


def test_doctor_fails_when_the_prefect_api_does_not_answer(app, db_url, home, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{free_port()}/api")
    code, checks = doctor(db_url)
    assert code == 1
    assert checks["prefect api"]["result"] == "FAIL"


def test_doctor_fails_when_a_folder_cannot_be_written(app, db_url, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("LEDGERFLOW_HOME", str(blocker / "home"))
    code, checks = doctor(db_url)
    assert code == 1
    assert checks["folder inbox"]["result"] == "FAIL"


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path):
    """A database migrated only to the foundation: later features' tables are missing."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        name = None
    else:
        name = f"ledgerflow_old_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        url = create_pg_database(name)
    app = build_app(url)
    migrations.upgrade(app.engine, "0001")
    app.dispose()
    yield url
    if name:
        drop_pg_database(name)


def test_status_reports_fields_of_missing_tables_as_null_and_doctor_asks_for_an_upgrade(old_database, home):
    data = status(old_database)
    assert data["documents_in_review"] is None
    assert data["approvals_waiting"] is None and data["last_cost_adjustment"] is None
    assert data["released_unposted"] == 0
    code, checks = doctor(old_database)
    assert code == 1
    assert checks["migrations"]["result"] == "FAIL"
    assert "ledgerflow db upgrade" in checks["migrations"]["detail"]
