"""The data directory holds invoices, bank accounts and mails: what ledgerflow creates in it
is owner-only (folders 0700, files 0600) even under the common umask 022."""

from __future__ import annotations

import json
import os
import stat
from email.message import EmailMessage

import pytest
from typer.testing import CliRunner

from domain.bootstrap import build_app
from domain.messaging.outbox import FileTransport
from flows.cli import app as cli
from tests.support.intake import vendor_invoice


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_new_data_directory_its_database_archive_and_quarantine_are_owner_only(tmp_path, monkeypatch,
                                                                                   umask_022):
    home = tmp_path / "home"
    monkeypatch.setenv("LEDGERFLOW_HOME", str(home))
    monkeypatch.delenv("LEDGERFLOW_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["--user", "kari", "init", "--country", "NO", "--demo"]).exit_code == 0
    app = build_app(f"sqlite:///{home / 'ledgerflow.db'}", "kari")
    pdf, _ = vendor_invoice(app)
    app.dispose()
    (home / "inbox").mkdir()
    (home / "inbox" / "good.pdf").write_bytes(pdf)
    (home / "inbox" / "bad.pdf").write_bytes(b"MZ not a pdf")
    result = runner.invoke(cli, ["--user", "kari", "inbox", "process", "--settle", "0", "--json"])
    assert json.loads(result.stdout)["counts"] == {"created": 1, "rejected": 1}, result.output
    folders = [home, *(p for p in home.rglob("*") if p.is_dir() and p.name != "inbox")]
    files = [p for p in home.rglob("*") if p.is_file() and p.parent.name != "inbox"]
    assert {str(p): oct(mode(p)) for p in folders if mode(p) != 0o700} == {}
    assert {str(p): oct(mode(p)) for p in files if mode(p) != 0o600} == {}
    names = {p.name for p in files}
    assert "ledgerflow.db" in names and "bad.pdf" in names and any(n.endswith(".json") for n in names)
    assert any(p.suffix == ".pdf" and "archive" in p.parts for p in files)
    doctor = json.loads(runner.invoke(cli, ["doctor", "--json"]).stdout)
    assert {row["check"]: row["result"] for row in doctor}["data permissions"] == "ok"


def test_doctor_reports_a_data_directory_others_can_read(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "archive").mkdir(parents=True)
    home.chmod(0o755)
    monkeypatch.setenv("LEDGERFLOW_HOME", str(home))
    monkeypatch.delenv("LEDGERFLOW_DATABASE_URL", raising=False)
    doctor = json.loads(CliRunner().invoke(cli, ["doctor", "--json"]).stdout)
    [row] = [row for row in doctor if row["check"] == "data permissions"]
    assert row["result"] == "FAIL" and str(home) in row["detail"]


def test_mails_written_to_the_outbox_folder_are_owner_only(tmp_path, umask_022):
    email = EmailMessage()
    email["Subject"] = "Faktura 1001"
    email.set_content("Kontonummer 1234.56.78903")
    FileTransport(tmp_path / "home" / "outbox").send(7, email)
    assert (mode(tmp_path / "home"), mode(tmp_path / "home" / "outbox")) == (0o700, 0o700)
    assert mode(tmp_path / "home" / "outbox" / "00000007.eml") == 0o600
