"""CLI reports over the ledgers (`ledgerflow report ...`): tables by default, ``--json`` for scripts
(numbers as strings), ``--csv FILE`` and ``--xlsx FILE`` for spreadsheets, and ``--from``/``--to``
(posting dates) where a report is about the entries of a period. Costing, sales and compliance add
their reports to the same group, with the same options (flows.cli.common)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.ledger import reports
from domain.operations import kpi, kpi_rules
from flows import output
from flows.cli.apps import report_app
from flows.cli.common import (
    CSV_FILE,
    FROM,
    JSON,
    TO,
    XLSX_FILE,
    State,
    check_targets,
    emit_report,
    handle_errors,
    option_date,
    option_period,
    write_tables,
)


def register(root: typer.Typer) -> None:
    root.add_typer(report_app, name="report")


@report_app.command("trial-balance")
@handle_errors
def trial_balance(date_from: str = FROM, date_to: str = TO, as_json: bool = JSON, csv_file: Path = CSV_FILE,
                  xlsx_file: Path = XLSX_FILE):
    """Per account: debit, credit and balance at --to, and the net change from --from to --to
    (BC Trial Balance by period)."""
    rows = reports.trial_balance(State.app(), option_period(date_from, date_to))
    emit_report(rows, as_json, "Trial balance", csv_file, xlsx_file)


@report_app.command("gl-entries")
@handle_errors
def gl_entries(account: str = typer.Option(None, "--account"), document: str = typer.Option(None, "--document"),
               date_from: str = FROM, date_to: str = TO, as_json: bool = JSON, csv_file: Path = CSV_FILE,
               xlsx_file: Path = XLSX_FILE):
    rows = reports.gl_entries(State.app(), account, document, option_period(date_from, date_to))
    emit_report(rows, as_json, "G/L entries", csv_file, xlsx_file)


@report_app.command("vendor-ledger")
@handle_errors
def vendor_ledger(vendor: str = typer.Option(None, "--vendor"), date_from: str = FROM, date_to: str = TO,
                  as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    rows = reports.vendor_ledger(State.app(), vendor, option_period(date_from, date_to))
    emit_report(rows, as_json, "Vendor ledger entries", csv_file, xlsx_file)


@report_app.command("vat-entries")
@handle_errors
def vat_entries(date_from: str = FROM, date_to: str = TO, as_json: bool = JSON, csv_file: Path = CSV_FILE,
                xlsx_file: Path = XLSX_FILE):
    rows = reports.vat_entries(State.app(), option_period(date_from, date_to))
    emit_report(rows, as_json, "VAT entries", csv_file, xlsx_file)


@report_app.command("item-ledger")
@handle_errors
def item_ledger(item: str = typer.Option(None, "--item"), date_from: str = FROM, date_to: str = TO,
                as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    rows = reports.item_ledger(State.app(), item, option_period(date_from, date_to))
    emit_report(rows, as_json, "Item ledger entries", csv_file, xlsx_file)


@report_app.command("item-application")
@handle_errors
def item_application(item: str = typer.Option(..., "--item"), date_from: str = FROM, date_to: str = TO,
                     as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    """Which inbound entry each outbound entry of the item took, how much, fixed or not."""
    rows = reports.item_applications(State.app(), item, option_period(date_from, date_to))
    emit_report(rows, as_json, f"Item application entries of {item}", csv_file, xlsx_file)


@report_app.command("value-entries")
@handle_errors
def value_entries(item: str = typer.Option(None, "--item"), date_from: str = FROM, date_to: str = TO,
                  as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    rows = reports.value_entries(State.app(), item, option_period(date_from, date_to))
    emit_report(rows, as_json, "Value entries", csv_file, xlsx_file)


@report_app.command("inventory")
@handle_errors
def inventory(item: str = typer.Option(None, "--item"), as_json: bool = JSON, csv_file: Path = CSV_FILE,
              xlsx_file: Path = XLSX_FILE):
    """Quantity and value on hand now (a snapshot: for a date, see `report inventory-valuation --as-of`)."""
    emit_report(reports.inventory(State.app(), item), as_json, "Inventory", csv_file, xlsx_file)


@report_app.command("kpi")
@handle_errors
def kpi_report(as_of: str = typer.Option(None, "--as-of", help="Aging date and last month (default: today)."),
               months: int = typer.Option(kpi.DEFAULT_MONTHS, "--months", help="Months of trend (1-60)."),
               as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    """The role center's key figures: purchases, sales, gross profit and inventory value per month,
    payables and receivables by due date, documents waiting in intake and approval (reports.read)."""
    day = option_date("--as-of", as_of) if as_of is not None else None
    check_targets(csv_file, xlsx_file)
    figures = kpi.role_center_kpis(State.app(), day, months)
    if isinstance(figures, kpi_rules.Kpis):  # --csv / --xlsx: the months (the trend table)
        write_tables(kpi_rules.as_dict(figures)["months"], "Key figures per month", csv_file, xlsx_file)
    if isinstance(figures, kpi_rules.Kpis) and as_json:
        output.emit(kpi_rules.as_dict(figures), True)
    elif isinstance(figures, kpi_rules.Kpis):
        title = f"({figures.currency}, as of {figures.as_of.isoformat()})"
        output.emit(kpi_rules.as_dict(figures)["months"], False,
                    f"Per month {title}")
        output.emit(kpi_rules.aging_rows(figures), False, f"Payables and receivables due {title}")
        output.emit(kpi_rules.waiting_rows(figures), False, "Documents waiting")
    return figures
