"""CLI for return orders: `ledgerflow purchase return-order ...` and `ledgerflow sales return-order ...`."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.purchasing import returns as purchase_returns
from domain.purchasing.posting import PostResult
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from flows.cli import State, handle_errors, read_json
from flows.cli_purchase import purchase_app
from flows.cli_sales import _result, parse_pairs, sales_app

purchase_return_app = typer.Typer(help="Purchase return orders: return shipment, then credit memo.",
                                  no_args_is_help=True)
sales_return_app = typer.Typer(help="Sales return orders: return receipt, then credit memo.", no_args_is_help=True)
purchase_app.add_typer(purchase_return_app, name="return-order")
sales_app.add_typer(sales_return_app, name="return-order")
QTY = typer.Option(None, "--qty", help="LINE=QTY, repeatable.")


def _documents(file: Path) -> list[dict]:
    data = read_json(file)
    return data if isinstance(data, list) else [data]


def _print(result):
    if isinstance(result, PostResult):
        print(result.posted_no)
    return result


@purchase_return_app.command("import")
@handle_errors
def purchase_import(file: Path = typer.Argument(..., help="Purchase JSON; item lines name applies_to_entry.")):
    """Create purchase return order(s) from JSON; prints each return order no."""
    for doc in _documents(file):
        print(purchase_returns.create_return_order(State.app(), doc))


@purchase_return_app.command("ship")
@handle_errors
def purchase_ship(doc_no: str, qty: list[str] = QTY):
    """Post a return shipment (partial with --qty); prints the posted return shipment no."""
    return _print(purchase_returns.ship(State.app(), doc_no, parse_pairs(qty)))


@purchase_return_app.command("invoice")
@handle_errors
def purchase_invoice(doc_no: str, qty: list[str] = QTY, vendor_cr_memo_no: str = typer.Option(
        None, "--vendor-cr-memo-no", help="The vendor's credit memo no. (required unless on the order).")):
    """Post the credit memo of what has been shipped back; prints the posted credit memo no."""
    return _print(purchase_returns.invoice(State.app(), doc_no, vendor_cr_memo_no, parse_pairs(qty)))


@sales_return_app.command("import")
@handle_errors
def sales_import(file: Path = typer.Argument(..., help="Sales JSON; item lines name applies_from_entry.")):
    """Create sales return order(s) from JSON; prints each return order no."""
    for doc in _documents(file):
        print(sales_documents.create_document(State.app(), {**doc, "document_type": "return_order"}))


@sales_return_app.command("receive")
@handle_errors
def sales_receive(doc_no: str, qty: list[str] = QTY):
    """Post a return receipt (partial with --qty); prints the posted return receipt no."""
    result = sales_posting.ship(State.app(), doc_no, parse_pairs(qty))
    _result(result)
    return result


@sales_return_app.command("invoice")
@handle_errors
def sales_invoice(doc_no: str, qty: list[str] = QTY):
    """Post the credit memo of what has been received back; prints the posted credit memo no."""
    result = sales_posting.invoice(State.app(), doc_no, parse_pairs(qty))
    _result(result)
    return result
