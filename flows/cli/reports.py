"""CLI reports over the ledgers (`ledgerflow report ...`): tables by default, ``--json`` for scripts
(numbers as strings). Costing and sales add their reports to the same group."""

from __future__ import annotations

import typer

from domain.ledger import reports
from flows import output
from flows.cli.apps import report_app
from flows.cli.common import JSON, State, handle_errors


def register(root: typer.Typer) -> None:
    root.add_typer(report_app, name="report")


@report_app.command("trial-balance")
@handle_errors
def trial_balance(as_json: bool = JSON):
    output.emit(reports.trial_balance(State.app()), as_json, "Trial balance")


@report_app.command("gl-entries")
@handle_errors
def gl_entries(account: str = typer.Option(None, "--account"), document: str = typer.Option(None, "--document"),
               as_json: bool = JSON):
    output.emit(reports.gl_entries(State.app(), account, document), as_json, "G/L entries")


@report_app.command("vendor-ledger")
@handle_errors
def vendor_ledger(vendor: str = typer.Option(None, "--vendor"), as_json: bool = JSON):
    output.emit(reports.vendor_ledger(State.app(), vendor), as_json, "Vendor ledger entries")


@report_app.command("vat-entries")
@handle_errors
def vat_entries(as_json: bool = JSON):
    output.emit(reports.vat_entries(State.app()), as_json, "VAT entries")


@report_app.command("item-ledger")
@handle_errors
def item_ledger(item: str = typer.Option(None, "--item"), as_json: bool = JSON):
    output.emit(reports.item_ledger(State.app(), item), as_json, "Item ledger entries")


@report_app.command("item-application")
@handle_errors
def item_application(item: str = typer.Option(..., "--item"), as_json: bool = JSON):
    """Which inbound entry each outbound entry of the item took, how much, fixed or not."""
    output.emit(reports.item_applications(State.app(), item), as_json, f"Item application entries of {item}")


@report_app.command("value-entries")
@handle_errors
def value_entries(item: str = typer.Option(None, "--item"), as_json: bool = JSON):
    output.emit(reports.value_entries(State.app(), item), as_json, "Value entries")


@report_app.command("inventory")
@handle_errors
def inventory(item: str = typer.Option(None, "--item"), as_json: bool = JSON):
    output.emit(reports.inventory(State.app(), item), as_json, "Inventory")
