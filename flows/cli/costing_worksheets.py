"""CLI for the costing worksheets (issue 16): the standard cost worksheet
(``ledgerflow costs standard-worksheet suggest|list|implement``) and the application worksheet
(``ledgerflow costs application remove|apply``), added to the ``costs`` group."""

from __future__ import annotations

import typer

from domain.costing import application_worksheet, standard_worksheet
from flows import output
from flows.cli.apps import costs_app
from flows.cli.common import JSON, State, handle_errors, option_date

standard_app = typer.Typer(help="Standard cost worksheet (BC Standard Cost Worksheet).", no_args_is_help=True)
application_app = typer.Typer(help="Application worksheet: remove and re-create item applications.",
                              no_args_is_help=True)


def register(root: typer.Typer) -> None:  # noqa: ARG001  (the costs group hangs on the root in flows.cli.costing)
    costs_app.add_typer(standard_app, name="standard-worksheet")
    costs_app.add_typer(application_app, name="application")


@standard_app.command("suggest")
@handle_errors
def standard_suggest(
    source: str = typer.Option(..., "--from", help="last-direct-cost | standard"),
    adjust_pct: str = typer.Option("0", "--adjust-pct", help="Adjust the suggestion by this percentage."),
    items: list[str] = typer.Option(None, "--item",
                                    help="Only these items (repeatable); default: every Standard item."),
    as_json: bool = JSON,
):
    """Fill the worksheet anew with suggested standard costs (BC Suggest Item Standard Cost)."""
    result = standard_worksheet.suggest(State.app(), source, adjust_pct, items or None)
    if hasattr(result, "problems"):
        return result
    output.emit(result, as_json, "Standard cost worksheet")
    return None


@standard_app.command("list")
@handle_errors
def standard_list(as_json: bool = JSON):
    """The worksheet's lines: standard cost now, new standard cost, quantity on hand."""
    output.emit(standard_worksheet.list_lines(State.app()), as_json, "Standard cost worksheet")


@standard_app.command("implement")
@handle_errors
def standard_implement(
    posting_date: str = typer.Option(None, "--posting-date", help="Revaluation date (default: today)."),
    document_no: str = typer.Option(None, "--document-no"),
    as_json: bool = JSON,
):
    """Make the new standard costs the items' standard costs and revalue inventory on hand."""
    date = option_date("--posting-date", posting_date) if posting_date else None
    result = standard_worksheet.implement(State.app(), date, document_no)
    if hasattr(result, "problems"):
        return result
    output.emit(result, as_json, "Revaluation entries")
    return None


@application_app.command("remove")
@handle_errors
def application_remove(entry: str = typer.Option(..., "--entry", help="Outbound item ledger entry no."),
                       as_json: bool = JSON):
    """Remove an outbound entry's applications (not fixed ones); it stays open until applied again."""
    result = application_worksheet.remove(State.app(), entry)
    if hasattr(result, "problems"):
        return result
    output.emit(result, as_json, f"Applications removed from entry {entry}")
    return None


@application_app.command("apply")
@handle_errors
def application_apply(outbound: str = typer.Option(..., "--outbound"), inbound: str = typer.Option(..., "--inbound"),
                      qty: str = typer.Option(None, "--qty", help="Default: as much as both have open."),
                      as_json: bool = JSON):
    """Apply an open outbound entry to an inbound entry; `costs adjust` then values it."""
    result = application_worksheet.apply(State.app(), outbound, inbound, qty)
    if hasattr(result, "problems"):
        return result
    output.emit(result, as_json, "Application")
    return None
