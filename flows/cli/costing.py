"""CLI for inventory costing: adjust cost, post cost to G/L, periods, revaluation,
inventory setup and the costing reports.

``ledgerflow costs adjust [--item NO ...] [--all]``,
``ledgerflow costs post-to-gl [--per-entry|--summarised] [--document-no NO]``,
``ledgerflow periods close DATE`` / ``periods list``, ``ledgerflow revalue FILE.csv``,
``ledgerflow setup inventory ...``, ``ledgerflow report inventory-reconciliation``,
``report inventory-valuation --as-of DATE``, ``report cost-adjustment-runs [--run ID]``.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.costing import revaluation
from domain.problems import DomainError
from flows import output
from flows.cli.apps import costs_app, report_app, setup_app
from flows.cli.common import (
    CSV_FILE,
    FROM,
    JSON,
    TO,
    XLSX_FILE,
    State,
    emit_report,
    handle_errors,
    option_date,
    option_period,
    phrase,
    read_csv,
)

periods_app = typer.Typer(help="Inventory periods.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(costs_app, name="costs")
    root.add_typer(periods_app, name="periods")
    root.command("revalue")(revalue)
    setup_app.command("inventory")(setup_inventory)
    report_app.command("inventory-reconciliation")(inventory_reconciliation)
    report_app.command("inventory-valuation")(inventory_valuation)
    report_app.command("cost-adjustment-runs")(cost_adjustment_runs)


def _date(text: str, name: str) -> dt.date:
    return option_date(name, text)


@contextmanager
def _bar(as_json: bool, description: str):
    """A progress bar on stderr, drawn only on a terminal (and never with --json); yields
    ``advance(done, total or None)``."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=output.errors, disable=as_json or not output.show_progress()) as progress:
        task = progress.add_task(description, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


@costs_app.command("adjust")
@handle_errors
def adjust(items: list[str] = typer.Option(None, "--item", help="Only these items (repeatable)."),
           all_items: bool = typer.Option(False, "--all", help="Recompute every item, marked or not."),
           as_json: bool = JSON):
    """Adjust the cost of outbound entries whose inbound cost changed (BC Adjust Cost - Item Entries)."""
    with _bar(as_json, "adjusting cost (items)") as advance:
        run = cost_adjustment.adjust(State.app(), items=items or None, all_items=all_items,
                                     progress=lambda done, total: advance(done, total))
    summary = {"run_id": run.run_id, "status": run.status, "items": len(run.outcomes),
               "items_failed": len(run.failed), "entries_created": run.entries_created,
               "failures": [{"item_no": o.item_no, "error_code": o.error_code, "error": o.error_message}
                            for o in run.failed]}
    output.emit(summary, as_json, "Cost adjustment")
    for failure in run.failed:
        message = failure.error_message or ""
        if message.startswith(f"{failure.error_code}: "):
            message = message[len(failure.error_code) + 2:]
        output.problem(failure.error_code, f"{phrase('item', item_no=failure.item_no)}: {message}")


@costs_app.command("post-to-gl")
@handle_errors
def post_to_gl(per_entry: bool = typer.Option(True, "--per-entry/--summarised",
                                              help="One G/L pair per value entry, or per posting group."),
               document_no: str = typer.Option(None, "--document-no"), as_json: bool = JSON):
    """Post inventory cost not yet on the G/L (BC Post Inventory Cost to G/L)."""
    with _bar(as_json, "posting inventory cost (value entries)") as advance:
        result = cost_posting.post_inventory_cost(State.app(), "per_entry" if per_entry else "summarised",
                                                  document_no, progress=lambda done: advance(done, None))
    output.emit({"posted_entries": result.posted_entries, "gl_entries": result.gl_entries,
                 "amount": result.amount, "skipped": result.skipped}, as_json, "Inventory cost posted to G/L")
    if result.skipped and not as_json:
        output.emit(result.skipped, False, "Skipped value entries")


@periods_app.command("close")
@handle_errors
def close(date: str = typer.Argument(..., help="Close inventory up to and including this date.")):
    result = inventory_periods.close_period(State.app(), _date(date, "DATE"))
    output.console.print(f"inventory closed up to {result['closed_through']}; "
                         f"first open date {result['first_open_date']}")


@periods_app.command("list")
@handle_errors
def list_periods(as_json: bool = JSON):
    output.emit(inventory_periods.list_periods(State.app()), as_json, "Inventory periods")


@handle_errors
def revalue(file: Path = typer.Argument(..., help="CSV: posting_date,item_no,entry_no,new_unit_cost,"
                                                  "revalued_amount,document_no"),
            as_json: bool = JSON):
    """Revalue inventory per item or per item ledger entry, on any date (BC Revaluation Journal)."""
    result = revaluation.revalue(State.app(), read_csv(file)[1])
    if hasattr(result, "problems"):
        return result
    output.emit(result.entries, as_json, "Revaluation entries")
    return None


@handle_errors
def setup_inventory(
    average_cost_period: str = typer.Option(None, "--average-cost-period", help="day|week|month|quarter|year"),
    average_cost_calc_type: str = typer.Option(None, "--average-cost-calc-type",
                                               help="item|item-location-variant"),
    automatic_cost_adjustment: str = typer.Option(None, "--automatic-cost-adjustment",
                                                  help="never|day|week|month|quarter|year|always"),
    automatic_cost_posting: str = typer.Option(None, "--automatic-cost-posting", help="true|false"),
    expected_cost_posting: str = typer.Option(None, "--expected-cost-posting", help="true|false"),
    prevent_negative_inventory: str = typer.Option(None, "--prevent-negative-inventory", help="true|false"),
    as_json: bool = JSON,
):
    """Costing fields of Inventory Setup; without options, show them."""
    calc = average_cost_calc_type.replace("-", "_") if average_cost_calc_type else None
    result = inventory_periods.set_inventory_setup(
        State.app(), average_cost_period=average_cost_period, average_cost_calc_type=calc,
        automatic_cost_adjustment=automatic_cost_adjustment,
        automatic_cost_posting=None if automatic_cost_posting is None else _bool(automatic_cost_posting),
        expected_cost_posting=None if expected_cost_posting is None else _bool(expected_cost_posting),
        prevent_negative_inventory=None if prevent_negative_inventory is None else _bool(prevent_negative_inventory))
    output.emit(result, as_json, "Inventory setup")


def _bool(value: str) -> bool:
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    raise typer.BadParameter(f"{value!r}: use true or false")


@handle_errors
def inventory_reconciliation(as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    """Value entries projected onto the inventory accounts beside the G/L balances (now: a snapshot)."""
    emit_report(costing_reports.inventory_reconciliation(State.app()), as_json, "Inventory - G/L reconciliation",
                csv_file, xlsx_file)


@handle_errors
def inventory_valuation(as_of: str = typer.Option(None, "--as-of", help="The end date (the same as --to)."),
                        item: str = typer.Option(None, "--item"),
                        by_location: bool = typer.Option(False, "--by-location", help="One row per item and location."),
                        date_from: str = FROM, date_to: str = TO, as_json: bool = JSON, csv_file: Path = CSV_FILE,
                        xlsx_file: Path = XLSX_FILE):
    """Quantity and value per item at the end of --as-of/--to (by posting date); with --from also the
    opening and the increases and decreases of the period (BC Inventory Valuation)."""
    if as_of is None and date_to is None:
        raise DomainError("CLI-MISSING-OPTION", "give --as-of or --to", options="--as-of, --to")
    if as_of is not None and date_to is not None and as_of != date_to:
        raise DomainError("REPORT-END-GIVEN-TWICE", f"--as-of {as_of} and --to {date_to} differ",
                          as_of=as_of, date_to=date_to)
    period = option_period(date_from, date_to or as_of)
    rows = costing_reports.inventory_valuation(State.app(), period.end, item, by_location, start=period.start)
    title = f"Inventory valuation {period.start} – {period.end}" if period.start else \
        f"Inventory valuation as of {period.end}"
    emit_report(rows, as_json, title, csv_file, xlsx_file)


@handle_errors
def cost_adjustment_runs(run: int = typer.Option(None, "--run", help="Per-item results of this run."),
                         as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    emit_report(costing_reports.cost_adjustment_runs(State.app(), run), as_json, "Cost adjustment runs",
                csv_file, xlsx_file)
