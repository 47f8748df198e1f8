"""CLI for statutory returns: `ledgerflow report vat-return` (MVA-melding / btw-aangifte) and closing
a VAT period (`--close`)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.compliance import vat_return as vat
from flows import output
from flows.cli.apps import report_app
from flows.cli.common import JSON, State, check_targets, handle_errors, write_tables


def register(root: typer.Typer) -> None:
    """Adds to the report group (registered by flows.cli.reports)."""
    report_app.command("vat-return")(vat_return)


@handle_errors
def vat_return(period: str = typer.Option(..., "--period", help="YYYY-MM, YYYY-Qn (quarter) or YYYY-Tn (two-month term)."),
               as_json: bool = JSON,
               xlsx: Path = typer.Option(None, "--xlsx", help="Also write the return as an Excel workbook here."),
               csv_file: Path = typer.Option(None, "--csv", help="Also write the boxes to this CSV file (UTF-8)."),
               close: bool = typer.Option(False, "--close", help="Close the VAT period: later postings into it "
                                          "are refused (needs setup.change).")):
    """The VAT return of a period from its VAT entries: Norway by standard tax code (MVA-melding), the
    Netherlands by rubriek (btw-aangifte), checked against the VAT accounts."""
    check_targets(csv_file, xlsx)  # before --close: a file that cannot be written closes nothing
    result = vat.close_period(State.app(), period) if close else vat.vat_return(State.app(), period)
    data = result.as_dict()
    write_tables(data["boxes"], f"VAT return {data['period']}", csv_file)
    if xlsx is not None:
        from flows.xlsx import write_vat_return

        write_vat_return(data, xlsx)
    if as_json:
        output.emit(data, True)
        return
    output.emit(data["boxes"], False, f"VAT return {data['period']} ({data['from']} – {data['to']})")
    output.emit({k: v for k, v in data.items() if k != "boxes"}, False, "Totals")
    if xlsx is not None:
        print(xlsx)
