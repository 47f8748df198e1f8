"""How the CLI tells what went wrong (issue 12): each problem once as ``CODE message`` on one
line, in the user's language; exit 2 for a refusal, 64 for a command line that does not parse,
1 for an unexpected failure; a database that is missing, unreachable or malformed is a coded
refusal, never a traceback, and nothing is created by looking at it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from domain.purchasing import documents as purchase_documents
from flows.cli import app as cli
from tests.support.documents import invoice, item_line
from tests.support.servers import create_pg_database, drop_pg_database

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_language_override(monkeypatch):
    monkeypatch.delenv("LEDGERFLOW_LANG", raising=False)
    monkeypatch.delenv("LEDGERFLOW_DEBUG", raising=False)


def run(db_url, *args, user="admin"):
    return runner.invoke(cli, ["--db", db_url, "--user", user, *args])


def subprocess_cli(db_url, *args, tmp_path, user="admin"):
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEDGERFLOW_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "flows.cli", "--db", db_url, "--user", user, *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)


def lines_start_with_their_code_once(stderr: str, codes: list[str]) -> bool:
    lines = stderr.splitlines()
    return [line.split()[0] for line in lines] == codes and all(
        line.count(code) == 1 for line, code in zip(lines, codes, strict=True))


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_refusal_prints_each_code_once_then_its_message_one_line_per_problem(app, db_url, tmp_path):
    missing = run(db_url, "purchase", "import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2
    assert lines_start_with_their_code_once(missing.stderr, ["IMPORT-FILE-NOT-FOUND"])
    unknown = run(db_url, "vendor", "block", "V-NONE")
    assert unknown.exit_code == 2 and lines_start_with_their_code_once(unknown.stderr, ["NOT-FOUND"])
    bad = write(tmp_path / "bad.json", invoice(lines=[item_line(quantity="1.1234567")], vendor_invoice_no=None))
    two = run(db_url, "purchase", "import", str(bad))
    assert two.exit_code == 2
    assert lines_start_with_their_code_once(two.stderr, ["IMPORT-MISSING-FIELD", "IMPORT-TOO-MANY-DECIMALS"])


def test_problem_lines_and_tables_are_not_wrapped_at_80_columns_when_piped(app, db_url, tmp_path):
    far = tmp_path / ("a-file-name-that-is-long-enough-to-pass-eighty-columns-" * 2 + ".json")
    refused = subprocess_cli(db_url, "purchase", "import", str(far), tmp_path=tmp_path)
    assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1 and str(far) in refused.stderr
    table = subprocess_cli(db_url, "vendor", "list", tmp_path=tmp_path)
    [row] = [line for line in table.stdout.splitlines() if "V10000" in line]
    assert "Nordlys Kontorrekvisita AS" in row and "…" not in table.stdout
    listed = subprocess_cli(db_url, "vendor", "list", "--json", tmp_path=tmp_path)
    assert "\x1b" not in listed.stdout and json.loads(listed.stdout)[0]["no"] == "V10000"


def test_usage_errors_exit_64_with_one_coded_line_and_refusals_keep_status_2(app, db_url, tmp_path):
    for args in (["purchase", "import", "--bogus"], ["purchase", "show"], ["documents", "show", "abc"],
                 ["no-such-command"]):
        result = run(db_url, *args)
        assert result.exit_code == 64, (args, result.output)
        coded = [line for line in result.stderr.splitlines() if line.startswith("CLI-USAGE ")]
        assert len(coded) == 1 and "--help" in coded[0] and "Traceback" not in result.output
    assert run(db_url, "purchase").exit_code == 64  # a group without a command shows its help
    assert run(db_url, "purchase", "import", str(tmp_path / "nope.json")).exit_code == 2
    assert run(db_url, "purchase", "list", "--help").exit_code == 0


def test_an_unexpected_failure_is_one_line_with_a_debug_hint_and_exit_1(app, db_url, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(purchase_documents, "list_documents", broken)
    result = run(db_url, "purchase", "list")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("CLI-UNEXPECTED ") and "ZeroDivisionError" in line and "LEDGERFLOW_DEBUG=1" in line
    monkeypatch.setenv("LEDGERFLOW_DEBUG", "1")
    debug = run(db_url, "purchase", "list")
    assert debug.exit_code == 1 and isinstance(debug.exception, ZeroDivisionError)


def test_problems_are_told_in_the_users_language_then_the_companys_and_ledgerflow_lang_wins(
        app, db_url, tmp_path, monkeypatch):
    duplicate = write(tmp_path / "dup.json", invoice(vendor_invoice_no="F-1"))
    purchase_documents.create_document(app, invoice(vendor_invoice_no="F-1"))
    norwegian = run(db_url, "purchase", "import", str(duplicate), user="kari")  # kari speaks nb
    assert norwegian.exit_code == 2 and "AP-DUPLICATE-VENDOR-INVOICE Leverandør V10000 har allerede" in norwegian.stderr
    english = run(db_url, "purchase", "import", str(duplicate), user="admin")  # admin speaks en
    assert "AP-DUPLICATE-VENDOR-INVOICE Vendor V10000 already has" in english.stderr
    nobody = run(db_url, "purchase", "import", str(duplicate), user="not-a-user")  # the company is Norwegian
    assert "AUTH-UNKNOWN-USER Brukeren not-a-user finnes ikke" in nobody.stderr
    usage = run(db_url, "purchase", "import", "--bogus", user="kari")
    assert "(se '" in usage.stderr
    monkeypatch.setenv("LEDGERFLOW_LANG", "nl")
    dutch = run(db_url, "purchase", "import", str(duplicate), user="kari")
    assert "AP-DUPLICATE-VENDOR-INVOICE Leverancier V10000 heeft al" in dutch.stderr
    invalid = run(db_url, "setup", "posting-range", "--from", "2026-13-01", user="kari")
    assert invalid.stderr.startswith("IMPORT-INVALID-DATE Veld --from: '2026-13-01' is geen datum")


def test_a_data_directory_without_init_is_refused_and_no_database_file_is_left_behind(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("LEDGERFLOW_HOME", str(home))
    monkeypatch.delenv("LEDGERFLOW_DATABASE_URL", raising=False)
    invoice_file = write(tmp_path / "invoice.json", invoice())
    for args in (["vendor", "list"], ["purchase", "import", str(invoice_file)], ["status"], ["db", "current"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("SETUP-NO-COMPANY ") and "ledgerflow init" in result.stderr
        assert not home.exists()
    assert runner.invoke(cli, ["init", "--country", "NL"]).exit_code == 0
    assert (home / "ledgerflow.db").exists()
    assert runner.invoke(cli, ["vendor", "list", "--json"]).stdout.strip() == "[]"


def test_a_postgresql_database_without_tables_is_refused_as_not_initialised(tmp_path):
    name = f"ledgerflow_empty_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = create_pg_database(name)
    try:
        result = runner.invoke(cli, ["--db", url, "vendor", "list"])
        assert result.exit_code == 2 and result.stderr.startswith("SETUP-NO-COMPANY ")
    finally:
        drop_pg_database(name)


def test_an_older_database_is_asked_to_upgrade(tmp_path):
    import migrations
    from domain.bootstrap import build_app

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = build_app(url)
    migrations.upgrade(old.engine, "0001")
    old.dispose()
    result = runner.invoke(cli, ["--db", url, "purchase", "list"])
    assert result.exit_code == 2 and result.stderr.startswith("DB-NOT-UPGRADED ")
    assert "ledgerflow db upgrade" in result.stderr


def test_a_malformed_or_unreachable_database_url_is_one_coded_line(tmp_path):
    for url, code in (("not a url", "DB-INVALID-URL"), ("nosuchdialect://x/y", "DB-INVALID-URL"),
                      ("postgresql://x:y@localhost:notaport/db", "DB-INVALID-URL"),
                      ("postgresql+psycopg://someone:s3cret@127.0.0.1:1/db", "DB-UNREACHABLE")):
        result = runner.invoke(cli, ["--db", url, "vendor", "list"])
        assert result.exit_code == 2, (url, result.output)
        [line] = result.stderr.splitlines()
        assert line.startswith(f"{code} ") and "s3cret" not in line and "Traceback" not in result.output
