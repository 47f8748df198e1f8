"""CLI for reservations (BC "Reserve Items"; reservasjon / reservering): `sales reserve`,
`sales unreserve`, `report reservations` and `report order-tracking` (BC Order Tracking). The
transfer and assembly order lines' `reserve` / `unreserve` are in flows.cli.warehouse and
flows.cli.assembly, beside the rest of those orders' commands."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.parse import QTY
from domain.sales import order_tracking, reservations
from flows import output
from flows.cli.apps import report_app, sales_app
from flows.cli.common import CSV_FILE, JSON, XLSX_FILE, State, emit_report, handle_errors, option_decimal

LINE = typer.Option(..., "--line", help="The sales order line no.")


def register(root: typer.Typer) -> None:
    sales_app.command("reserve")(reserve)
    sales_app.command("unreserve")(unreserve)
    report_app.command("reservations")(report)
    report_app.command("order-tracking")(tracking)


@handle_errors
def reserve(doc_no: str, supply_ref: str = typer.Argument(None, metavar="[PO-…:LINE]", show_default=False,
                                                          help="With --from purchase-order / transfer-order: the order line."),
            line: int = LINE,
            qty: str = typer.Option(None, "--qty", help="Default: all of the line not shipped nor reserved."),
            source: str = typer.Option(None, "--from", help="stock | purchase-order PO-…:LINE | transfer-order "
                                       "TO-…:LINE | assembly-order AO-… (default: stock at the line's location, "
                                       "then inbound purchase, transfer and assembly orders by date)."),
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
    """Every reservation: the line it is for (sales, transfer or assembly order) and its supply (item
    ledger entry, purchase, transfer or assembly order)."""
    emit_report(reservations.report(State.app(), item), as_json, "Reservations", csv_file, xlsx_file)


@handle_errors
def tracking(doc_no: str, line: int = LINE, as_json: bool = JSON, csv_file: Path = CSV_FILE,
             xlsx_file: Path = XLSX_FILE):
    """Order tracking of a sales order line: what is reserved for it, then the unreserved supply
    that would cover the rest in date order (stock, purchase, transfer and assembly orders)."""
    emit_report(order_tracking.order_tracking(State.app(), doc_no, line), as_json,
                f"Order tracking {doc_no} line {line}", csv_file, xlsx_file)
