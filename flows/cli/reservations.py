"""CLI for reservations (BC "Reserve Items"; reservasjon / reservering): `sales reserve`,
`sales unreserve` and `report reservations`."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.parse import QTY
from domain.sales import reservations
from flows import output
from flows.cli.apps import report_app, sales_app
from flows.cli.common import CSV_FILE, JSON, XLSX_FILE, State, emit_report, handle_errors, option_decimal

LINE = typer.Option(..., "--line", help="The sales order line no.")


def register(root: typer.Typer) -> None:
    sales_app.command("reserve")(reserve)
    sales_app.command("unreserve")(unreserve)
    report_app.command("reservations")(report)


@handle_errors
def reserve(doc_no: str, supply_ref: str = typer.Argument(None, metavar="[PO-…:LINE]", show_default=False,
                                                          help="With --from purchase-order / transfer-order: the order line."),
            line: int = LINE,
            qty: str = typer.Option(None, "--qty", help="Default: all of the line not shipped nor reserved."),
            source: str = typer.Option(None, "--from", help="stock | purchase-order PO-…:LINE | transfer-order "
                                       "TO-…:LINE (default: stock at the line's location, then inbound purchase "
                                       "and transfer order lines by date)."),
            serial: str = typer.Option(None, "--serial", help="Reserve these units (the line's own, if it names one)."),
            lot: str = typer.Option(None, "--lot", help="Reserve units of this lot."),
            as_json: bool = JSON):
    """Reserve stock or an inbound purchase order line for a sales order line; prints what was reserved."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    supply = reservations.parse_supply(source, supply_ref)
    result = reservations.reserve(State.app(), doc_no, line, quantity, supply, serial, lot)
    if isinstance(result, list):
        output.emit(result, as_json, f"Reserved for {doc_no} line {line}")
    return result


@handle_errors
def unreserve(doc_no: str, line: int = LINE,
              qty: str = typer.Option(None, "--qty", help="Default: all that is reserved for the line."),
              as_json: bool = JSON):
    """Cancel a sales order line's reservation (all, or --qty); prints what stays reserved."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    result = reservations.unreserve(State.app(), doc_no, line, quantity)
    if isinstance(result, list):
        output.emit(result, as_json, f"Still reserved for {doc_no} line {line}")
    return result


@handle_errors
def report(item: str = typer.Option(None, "--item"), as_json: bool = JSON, csv_file: Path = CSV_FILE,
           xlsx_file: Path = XLSX_FILE):
    """Every reservation: the sales line it is for and its supply (item ledger entry or purchase order line)."""
    emit_report(reservations.report(State.app(), item), as_json, "Reservations", csv_file, xlsx_file)
