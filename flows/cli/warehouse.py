"""CLI for physical inventory and transfer orders (BC Phys. Inventory Journal, Transfer Orders):

- ``physical-inventory calculate --location L --date D [--counting-period]`` prints the batch name;
  ``due [--date D]``; ``counting-period add CODE --frequency N``, ``counting-period list``;
  ``sheet BATCH --out FILE.csv|.pdf``; ``count BATCH --item NO --qty Q [--lot L | --serial S]``;
  ``post BATCH``; ``show BATCH``.
- ``transfer-order import FILE.json`` prints the order no.; ``ship NO [--qty LINE=Q]``,
  ``receive NO [--qty LINE=Q]`` print the shipment / receipt no.; ``list``, ``show NO``;
  ``reserve NO --line N [--qty Q] [--from …]`` / ``unreserve NO --line N [--qty Q]`` (a line's
  outbound demand at the Transfer-from location; shipping takes the reserved entries).
"""

from __future__ import annotations

from pathlib import Path

import typer

from domain.inventory import counting, counting_periods, tracing, transfers
from domain.parse import QTY
from domain.problems import DomainError
from domain.sales import order_reservations, reservation_supply
from flows import output, warehouse
from flows.cli.apps import report_app
from flows.cli.common import CSV_FILE, JSON, XLSX_FILE, check_targets, write_tables, State, handle_errors, option_date, option_decimal, parse_pairs, read_json

phys_app = typer.Typer(help="Physical inventory (lageropptelling / inventarisatie).", no_args_is_help=True)
counting_period_app = typer.Typer(help="Counting periods for cycle counts (telleperioder / telperiodes).",
                                  no_args_is_help=True)
phys_app.add_typer(counting_period_app, name="counting-period")
transfer_app = typer.Typer(help="Transfer orders (overføringsordrer / transferorders).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(phys_app, name="physical-inventory")
    root.add_typer(transfer_app, name="transfer-order")
    report_app.command("item-tracing")(item_tracing)


@handle_errors
def item_tracing(lot: str = typer.Option(None, "--lot"), serial: str = typer.Option(None, "--serial"),
                 direction: str = typer.Option("forward", "--direction",
                                               help="forward (where it went) | backward (where it came from)"),
                 as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    """Item tracing (BC): where a lot or serial no. went, or came from, entry by entry
    (--csv/--xlsx: one row per entry with its level in the tree)."""
    check_targets(csv_file, xlsx_file)
    result = tracing.trace(State.app(), lot=lot, serial=serial, direction=direction)
    title = f"Item tracing ({direction}): {lot or serial}"
    write_tables(tracing.flatten(result), title, csv_file, xlsx_file)
    if as_json:
        output.emit(result, True)
        return
    rows = [{"level": r["level"], "entry_no": r["entry_no"],
             "entry_type": ("  " * (r["level"] - 1) + "└ " if r["level"] else "") + r["entry_type"],
             **{k: r[k] for k in ("posting_date", "document_no", "item_no", "location", "linked_quantity",
                                  "lot_no", "serial_no", "source_no")}} for r in tracing.flatten(result)]
    output.emit(rows, False, title)


@phys_app.command("calculate")
@handle_errors
def phys_calculate(location: str = typer.Option(..., "--location"), date: str = typer.Option(..., "--date"),
                   item: list[str] = typer.Option(None, "--item", help="Only this item (repeatable): a cycle count."),
                   counting_period: bool = typer.Option(False, "--counting-period",
                                                        help="Only the items due for counting on the date (their "
                                                             "counting period); posting moves their next period on.")):
    """Calculate the expected quantities at a location on a date (per lot / serial no.); prints the batch."""
    print(counting.calculate(State.app(), location, option_date("--date", date), item or None, counting_period))


@phys_app.command("due")
@handle_errors
def phys_due(date: str = typer.Option(None, "--date", help="Default: today."), as_json: bool = JSON):
    """The items due for a cycle count on a date (BC Calculate Counting Period's item selection)."""
    day, rows = counting_periods.due(State.app(), option_date("--date", date) if date else None)
    output.emit(rows, as_json, f"Items due for counting on {day.isoformat()}")


@counting_period_app.command("add")
@handle_errors
def counting_period_add(code: str, frequency: str = typer.Option(..., "--frequency",
                                                                 help="Count frequency per year (1-365)."),
                        description: str = typer.Option("", "--description"), as_json: bool = JSON):
    """Add (or change) a counting period: how often a year its items are counted."""
    card = counting_periods.add_period(State.app(), code, frequency, description)
    if as_json:
        output.emit(card, True)
    else:
        output.console.print(f"counting period {card['code']}: {card['count_frequency']} a year")


@counting_period_app.command("list")
@handle_errors
def counting_period_list(as_json: bool = JSON):
    output.emit(counting_periods.list_periods(State.app()), as_json, "Counting periods")


@phys_app.command("sheet")
@handle_errors
def phys_sheet(batch: str, out: Path = typer.Option(..., "--out", help="FILE.csv or FILE.pdf (else HTML)."),
               blind: bool = typer.Option(False, "--blind", help="Leave out the calculated quantities."),
               language: str = typer.Option(None, "--language", help="nb | nl | en (default: yours).")):
    """Print the count sheet of a batch."""
    warehouse.write_sheet(State.app(), batch, out, language or State.language(), not blind)
    print(out)


@phys_app.command("count")
@handle_errors
def phys_count(batch: str, item: str = typer.Option(..., "--item"), qty: str = typer.Option(..., "--qty"),
               lot: str = typer.Option(None, "--lot"), serial: str = typer.Option(None, "--serial"),
               as_json: bool = JSON):
    """Enter the counted quantity of an item (a tracked item: of one lot or serial no.)."""
    if lot and serial:
        raise DomainError("CLI-INVALID-OPTION", "give --lot or --serial, not both", option="--lot/--serial",
                          value=f"{lot}/{serial}")
    line = counting.count(State.app(), batch, item, option_decimal("--qty", qty, QTY), lot, serial)
    if hasattr(line, "problems"):
        return line
    if as_json:
        output.emit(line, True)
    else:
        tracking = f" {line['lot_no'] or line['serial_no']}" if line["lot_no"] or line["serial_no"] else ""
        output.console.print(f"{batch} line {line['line_no']}: {item}{tracking} counted {line['qty_counted']} "
                             f"(calculated {line['qty_calculated']}, difference {line['difference']})")
    return line


@phys_app.command("post")
@handle_errors
def phys_post(batch: str):
    """Post the differences as positive / negative adjustments (once)."""
    result = counting.post(State.app(), batch)
    if not hasattr(result, "problems"):
        entries = ", ".join(map(str, result.item_entries)) or "none (no differences)"
        output.console.print(f"posted {batch}: item ledger entries {entries}")
    return result


@phys_app.command("show")
@handle_errors
def phys_show(batch: str, as_json: bool = JSON):
    sheet = counting.show(State.app(), batch)
    if as_json:
        output.emit(sheet, True)
        return
    output.emit({k: v for k, v in sheet.items() if k != "lines"}, False, f"Batch {batch}")
    output.emit(sheet["lines"], False, "Lines")


@transfer_app.command("import")
@handle_errors
def transfer_import(file: Path):
    """Create a transfer order from JSON (from_location, to_location, in_transit_location,
    shipment_date, lines: item_no, quantity, tracking); prints the order no."""
    result = transfers.import_order(State.app(), read_json(file))
    if isinstance(result, str):
        print(result)
    return result


@transfer_app.command("ship")
@handle_errors
def transfer_ship(no: str, qty: list[str] = typer.Option(None, "--qty", help="LINE=QTY (default: all outstanding)."),
                  posting_date: str = typer.Option(None, "--posting-date", help="Default: the shipment date.")):
    """Ship (all or part) to the in-transit location; prints the shipment no."""
    result = transfers.ship(State.app(), no, parse_pairs(qty) if qty else None,
                            option_date("--posting-date", posting_date))
    if isinstance(result, str):
        print(result)
    return result


@transfer_app.command("receive")
@handle_errors
def transfer_receive(no: str, qty: list[str] = typer.Option(None, "--qty", help="LINE=QTY (default: all shipped)."),
                     posting_date: str = typer.Option(None, "--posting-date", help="Default: the shipment date.")):
    """Receive (all or part of) what was shipped; prints the receipt no."""
    result = transfers.receive(State.app(), no, parse_pairs(qty) if qty else None,
                               option_date("--posting-date", posting_date))
    if isinstance(result, str):
        print(result)
    return result


@transfer_app.command("list")
@handle_errors
def transfer_list(as_json: bool = JSON):
    output.emit(transfers.list_orders(State.app()), as_json, "Transfer orders")


@transfer_app.command("show")
@handle_errors
def transfer_show(no: str, as_json: bool = JSON):
    order = transfers.show(State.app(), no)
    if as_json:
        output.emit(order, True)
        return
    output.emit({k: v for k, v in order.items() if k != "lines"}, False, f"Transfer order {no}")
    output.emit([{**x, "tracking": len(x["tracking"])} for x in order["lines"]], False, "Lines")


@transfer_app.command("reserve")
@handle_errors
def transfer_reserve(no: str, supply_ref: str = typer.Argument(None, metavar="[ORDER[:LINE]]", show_default=False,
                                                              help="With --from …-order: the order (line)."),
                     line: int = typer.Option(..., "--line", help="The transfer order line no."),
                     qty: str = typer.Option(None, "--qty", help="Default: all of the line not shipped nor reserved."),
                     source: str = typer.Option(None, "--from", help="stock | purchase-order PO-…:LINE | "
                                                "transfer-order TO-…:LINE | assembly-order AO-… (default: stock at "
                                                "the Transfer-from location, then inbound orders by date)."),
                     as_json: bool = JSON):
    """Reserve stock or inbound supply at the Transfer-from location for a transfer order line."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    result = order_reservations.reserve_transfer(State.app(), no, line, quantity,
                                                 reservation_supply.parse_supply(source, supply_ref))
    if isinstance(result, list):
        output.emit(result, as_json, f"Reserved for {no} line {line}")
    return result


@transfer_app.command("unreserve")
@handle_errors
def transfer_unreserve(no: str, line: int = typer.Option(..., "--line", help="The transfer order line no."),
                       qty: str = typer.Option(None, "--qty", help="Default: all that is reserved for the line."),
                       as_json: bool = JSON):
    """Cancel a transfer order line's reservation (all, or --qty); prints what stays reserved."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    result = order_reservations.unreserve_transfer(State.app(), no, line, quantity)
    if isinstance(result, list):
        output.emit(result, as_json, f"Still reserved for {no} line {line}")
    return result
