"""CLI reports over the ledgers (`ledgerflow report ...`): tables by default, ``--json`` for scripts
(numbers as strings). Costing and sales add their reports to the same group."""

from __future__ import annotations

import typer

from domain.ledger import reports
from domain.operations import kpi, kpi_rules
from flows import output
from flows.cli.apps import report_app
from flows.cli.common import JSON, State, handle_errors, option_date


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


@report_app.command("kpi")
@handle_errors
def kpi_report(as_of: str = typer.Option(None, "--as-of", help="Aging date and last month (default: today)."),
               months: int = typer.Option(kpi.DEFAULT_MONTHS, "--months", help="Months of trend (1-60)."),
               as_json: bool = JSON):
    """The role center's key figures: purchases, sales, gross profit and inventory value per month,
    payables and receivables by due date, documents waiting in intake and approval (reports.read)."""
    day = option_date("--as-of", as_of) if as_of is not None else None
    figures = kpi.role_center_kpis(State.app(), day, months)
    if isinstance(figures, kpi_rules.Kpis) and as_json:
        output.emit(kpi_rules.as_dict(figures), True)
    elif isinstance(figures, kpi_rules.Kpis):
        title = f"({figures.currency}, as of {figures.as_of.isoformat()})"
        output.emit(kpi_rules.as_dict(figures)["months"], False,
                    f"Per month {title}")
        output.emit(kpi_rules.aging_rows(figures), False, f"Payables and receivables due {title}")
        output.emit(kpi_rules.waiting_rows(figures), False, "Documents waiting")
    return figures
