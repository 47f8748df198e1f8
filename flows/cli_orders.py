"""CLI for purchase orders: `ledgerflow purchase order ...` and `purchase get-receipt-lines`."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.purchasing import orders as purchase_orders
from domain.purchasing import receipts as purchase_receipts
from domain.purchasing.posting import PostResult
from flows.cli import State, handle_errors, read_json
from flows.cli_purchase import purchase_app
from flows.cli_sales import parse_pairs

order_app = typer.Typer(help="Purchase orders with receipts (innkjøpsordre / inkooporder).", no_args_is_help=True)
purchase_app.add_typer(order_app, name="order")
QTY = typer.Option(None, "--qty", help="LINE=QTY, repeatable.")
COST = typer.Option(None, "--cost", help="LINE=DIRECT UNIT COST, repeatable: the invoiced price.")
VENDOR_INVOICE = typer.Option(None, "--vendor-invoice-no", help="The vendor's invoice no. (required to invoice).")


def _print(result):
    if isinstance(result, PostResult):
        print(result.posted_no)
    return result


@order_app.command("import")
@handle_errors
def order_import(file: Path = typer.Argument(..., help="Purchase JSON with document_type order.")):
    """Create purchase order(s) from JSON; prints each order no."""
    data = read_json(file)
    for doc in data if isinstance(data, list) else [data]:
        print(purchase_orders.create_order(State.app(), doc))


@order_app.command("receive")
@handle_errors
def order_receive(order_no: str, qty: list[str] = QTY):
    """Post a receipt (partial with --qty); prints the receipt no."""
    return _print(purchase_orders.receive(State.app(), order_no, parse_pairs(qty)))


@order_app.command("invoice")
@handle_errors
def order_invoice(order_no: str, vendor_invoice_no: str = VENDOR_INVOICE, qty: list[str] = QTY,
                  cost: list[str] = COST, receive: bool = typer.Option(False, "--receive",
                                                                      help="Receive and invoice.")):
    """Invoice what has been received (turns expected cost into actual); prints the posted invoice no."""
    run = purchase_orders.receive_and_invoice if receive else purchase_orders.invoice
    return _print(run(State.app(), order_no, vendor_invoice_no, parse_pairs(qty), parse_pairs(cost, "--cost")))


@order_app.command("undo-receipt")
@handle_errors
def order_undo_receipt(receipt_no: str):
    """Undo a posted receipt that is not invoiced; prints the correction receipt no."""
    return _print(purchase_receipts.undo_receipt(State.app(), receipt_no))


@purchase_app.command("get-receipt-lines")
@handle_errors
def get_receipt_lines(invoice_no: str, receipts: list[str] = typer.Argument(..., help="Posted receipt no(s).")):
    """Add the open lines of posted receipts to a draft purchase invoice; post it with `purchase post`."""
    added = purchase_orders.get_receipt_lines(State.app(), invoice_no, receipts)
    print(f"{added} line(s) added to {invoice_no}")
