"""Running the CLI in tests: one command as a user, its output when it succeeds (exit 0) or is
refused with a problem code (exit 2), JSON rows, and an account's balance from the G/L."""

from __future__ import annotations

import json
from decimal import Decimal

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def invoke(db_url, *args, user="kari"):
    return runner.invoke(app, ["--db", db_url, "--user", user, *args])


def run(db_url, *args, user="kari") -> str:
    result = invoke(db_url, *args, user=user)
    assert result.exit_code == 0, result.output
    return result.output


def refused(db_url, *args, user="kari") -> str:
    result = invoke(db_url, *args, user=user)
    assert result.exit_code == 2, result.output
    return result.output


def rows(db_url, *args) -> list[dict]:
    return json.loads(run(db_url, *args, "--json"))


def balance(db_url, account) -> Decimal:
    return sum((Decimal(r["amount"]) for r in rows(db_url, "report", "gl-entries", "--account", account)),
               Decimal(0))
