"""`ledgerflow user ...` and `ledgerflow audit setup` end to end, and the permission
check as the CLI meets it (SQLite and PostgreSQL)."""

import getpass
import json

import pytest
from typer.testing import CliRunner

from domain.identity import services as identity
from flows.cli import app as cli
from tests.conftest import make_app
from tests.support.approvals import EXAMPLE
from tests.support.documents import gl_line, invoice


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_USER", raising=False)
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    runner = CliRunner()

    def invoke(*args, user=None, code=0, stdin=None):
        options = ["--db", db_url] + (["--user", user] if user else [])
        result = runner.invoke(cli, [*options, *args], input=stdin)
        assert result.exit_code == code, (args, result.output)
        return result

    invoke("init", "--country", "NO", "--demo")
    return invoke


def users(run) -> dict:
    return {u["id"]: u for u in json.loads(run("user", "list", "--json").stdout)}


def audit(run) -> list[dict]:
    return json.loads(run("audit", "setup", "--json").stdout)


def test_kari_without_the_role_cannot_configure_approvals_and_the_audit_shows_the_attempt(run):
    run("approvals", "configure", str(EXAMPLE))
    before = run("approvals", "users", "--json").stdout
    refused = run("--user", "kari", "approvals", "configure", str(EXAMPLE), code=2)  # global option again
    assert "AUTH-PERMISSION-DENIED" in refused.stderr and "approvals.configure" in refused.stderr
    assert "AUTH-PERMISSION-DENIED" in run("approvals", "setup-user", "kari", "--unlimited", "--admin",
                                           user="kari", code=2).stderr
    assert run("approvals", "users", "--json").stdout == before
    events = audit(run)
    assert [(e["user"], e["action"], e["outcome"], e["code"]) for e in events] == [
        ("admin", "approvals.configure", "done", None),
        ("kari", "approvals.configure", "refused", "AUTH-PERMISSION-DENIED"),
        ("kari", "approvals.setup-user", "refused", "AUTH-PERMISSION-DENIED")]
    assert {(e["os_account"], e["surface"]) for e in events} == {(getpass.getuser(), "cli")}


def test_without_user_the_cli_acts_as_the_administrator_init_made(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_USER", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "init", "--country", "NL"]).exit_code == 0  # no demo users
    listed = json.loads(runner.invoke(cli, ["--db", db_url, "user", "list", "--json"]).stdout)
    assert [(u["id"], u["roles"]) for u in listed] == [("admin", ["administrator"]), ("prefect", ["automation"])]
    added = runner.invoke(cli, ["--db", db_url, "user", "add", "anne", "--name", "Anne", "--roles", "auditor"])
    assert added.exit_code == 0, added.output
    monkeypatch.setenv("LEDGERFLOW_USER", "anne")
    refused = runner.invoke(cli, ["--db", db_url, "setup", "posting-range", "--from", "2026-01-01"])
    assert refused.exit_code == 2 and "AUTH-PERMISSION-DENIED" in refused.stderr


def test_user_add_roles_disable_enable_and_list(run, tmp_path):
    run("user", "add", "per", "--name", "Per Olsen", "--email", "per@demo.example", "--language", "nb",
        "--roles", "purchasing,posting")
    run("user", "add", "--id", "eva", "--name", "Eva", "--roles", "auditor", "--approver", "ola",
        "--purchase-limit", "1000")
    listed = users(run)
    assert (listed["per"]["roles"], listed["per"]["disabled"], listed["per"]["language"]) == (
        ["posting", "purchasing"], False, "nb")
    assert set(listed["per"]) == {"id", "name", "email", "language", "allow_posting_from", "allow_posting_to",
                                  "roles", "disabled"}
    assert "AUTH-UNKNOWN-ROLE" in run("user", "add", "bob", "--name", "Bob", "--roles", "root", code=2).stderr
    assert "AUTH-PERMISSION-DENIED" in run("user", "add", "bob", "--name", "Bob", user="kari", code=2).stderr
    assert "roles of eva: auditor, sales" in run("user", "roles", "eva", "--set", "auditor,sales").stdout
    assert json.loads(run("user", "roles", "eva", "--json").stdout) == {"id": "eva", "roles": ["auditor", "sales"]}
    table = {r["role"]: r for r in json.loads(run("user", "roles", "--json").stdout)}
    assert table["auditor"]["permissions"] == ["audit.read", "reports.read"]
    assert "approvals.configure" in run("user", "roles").stdout
    path = tmp_path / "invoice.json"
    path.write_text(json.dumps(invoice(lines=[gl_line("6800", "100.00")])))
    no = run("purchase", "import", str(path), user="per").stdout.strip()
    run("user", "disable", "per")
    assert users(run)["per"]["disabled"] is True
    assert "AUTH-USER-DISABLED" in run("purchase", "post", no, user="per", code=2).stderr
    run("user", "enable", "per")
    assert run("purchase", "post", no, user="per").stdout.strip() == "PPI-000001"
    assert "AUTH-LAST-ADMINISTRATOR" in run("user", "disable", "admin", code=2).stderr


def test_an_unknown_user_is_refused_with_exit_status_2(run):
    refused = run("setup", "posting-range", "--from", "2026-01-01", user="nobody", code=2)
    assert "AUTH-UNKNOWN-USER" in refused.stderr


def test_set_password_from_stdin_then_the_password_verifies(run, db_url):
    run("user", "set-password", "--id", "kari", "--password-stdin", stdin="a long pass phrase\n")
    assert "AUTH-PASSWORD-TOO-SHORT" in run("user", "set-password", "--id", "ola", "--password-stdin",
                                            stdin="short\n", code=2).stderr
    assert "AUTH-PERMISSION-DENIED" in run("user", "set-password", "--id", "ola", "--password-stdin",
                                           user="kari", stdin="kari sets ola's\n", code=2).stderr
    app = make_app(db_url)
    try:
        assert identity.verify_password(app, "kari", "a long pass phrase") is True
        assert identity.verify_password(app, "kari", "a long pass phrase\n") is False
    finally:
        app.dispose()
    assert users(run)["kari"]["roles"] == ["inventory", "posting", "purchasing", "sales"]
    events = audit(run)
    assert [(e["action"], e["outcome"], e["after"]) for e in events][0] == (
        "user.password", "done", {**events[0]["before"], "password_set": True})


def test_reading_the_audit_is_for_auditors_and_administrators(run):
    assert "AUTH-PERMISSION-DENIED" in run("audit", "setup", user="kari", code=2).stderr
    run("setup", "posting-range", "--from", "2026-11-01", "--to", "2026-11-30")
    shown = run("audit", "setup").stdout
    assert "Setup audit" in shown and "company" in shown and "done" in shown
