"""CLI for the statutory audit files (`ledgerflow export saft|xaf`): the whole file is written
beside ``--out`` and moved into place when complete; a refusal (exit 2) writes nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from flows import output
from flows.cli.apps import export_app
from flows.cli.common import State, handle_errors, option_date

FROM = typer.Option(..., "--from", help="First posting date of the period (YYYY-MM-DD).")
TO = typer.Option(..., "--to", help="Last posting date of the period (YYYY-MM-DD).")
OUT = typer.Option(..., "--out", help="The file to write (replaced when complete).")


def register(root: typer.Typer) -> None:
    root.add_typer(export_app, name="export")


def _done(result, as_json: bool) -> None:
    row = {"path": result.path, "transactions": result.transactions, "lines": result.lines,
           "total_debit": result.total_debit, "total_credit": result.total_credit, "accounts": result.accounts}
    if as_json:
        output.emit(row, True)
    else:
        output.console.print(f"wrote {result.path}: {result.transactions} transactions, {result.lines} lines, "
                             f"debit {result.total_debit} = credit {result.total_credit}")


@export_app.command("saft")
@handle_errors
def saft(date_from: str = FROM, date_to: str = TO, out: Path = OUT,
         as_json: bool = typer.Option(False, "--json")):
    """SAF-T Financial v1.30 (Norway): master files, tax table, every G/L transaction of the period."""
    from domain.compliance import saft as saft_file

    result = saft_file.export(State.app(), option_date("--from", date_from), option_date("--to", date_to), out)
    if not isinstance(result, saft_file.Export):
        return result
    _done(result, as_json)


@export_app.command("xaf")
@handle_errors
def xaf(date_from: str = FROM, date_to: str = TO, out: Path = OUT,
        as_json: bool = typer.Option(False, "--json")):
    """XML Auditfile Financieel 3.2 (the Netherlands): relations, ledger, VAT codes, opening balance, transactions."""
    from domain.compliance import xaf as xaf_file

    result = xaf_file.export(State.app(), option_date("--from", date_from), option_date("--to", date_to), out)
    if not isinstance(result, xaf_file.Export):
        return result
    _done(result, as_json)
