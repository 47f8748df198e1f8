"""CLI for purchasing: purchase invoices and credit memos (`ledgerflow purchase ...`), purchase
orders with receipts (`purchase order ...`, `purchase get-receipt-lines`) and purchase return
orders (`purchase return-order ...`)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import track

from domain.inventory import units
from domain.parse import UNIT
from domain.problems import DomainError
from domain.purchasing import corrective as purchase_corrective
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing import receipts as purchase_receipts
from domain.purchasing import returns as purchase_returns
from domain.setup import bank_changes
from flows import output
from flows.cli.apps import order_app, purchase_app
from flows.cli.common import (
    EXIT_REFUSED,
    State,
    handle_errors,
    option_choice,
    option_date,
    parse_pairs,
    read_json,
    report,
)

return_order_app = typer.Typer(help="Purchase return orders: return shipment, then credit memo.",
                               no_args_is_help=True)
purchase_app.add_typer(order_app, name="order")
purchase_app.add_typer(return_order_app, name="return-order")
QTY = typer.Option(None, "--qty", help="LINE=QTY, repeatable.")
COST = typer.Option(None, "--cost", help="LINE=DIRECT UNIT COST, repeatable: the invoiced price.")
POSTING_DATE = typer.Option(None, "--posting-date", help="YYYY-MM-DD: the order takes this posting date first "
                            "(an audited edit, as `purchase set`); the receipt or invoice posts on it.")
VENDOR_INVOICE = typer.Option(None, "--vendor-invoice-no", help="The vendor's invoice no. (required to invoice).")
#: the statuses of a purchase document (orders close when fully received and invoiced)
STATUSES = ("open", "pending_approval", "released", "posted", "closed")


def register(root: typer.Typer) -> None:
    root.add_typer(purchase_app, name="purchase")


def _documents(file: Path) -> list[dict]:
    data = read_json(file)
    return data if isinstance(data, list) else [data]


def _print(result):
    if isinstance(result, purchase_posting.PostResult):
        print(result.posted_no)
    return result


@purchase_app.command("import")
@handle_errors
def purchase_import(file: Path = typer.Argument(..., help="JSON document (see README).")):
    """Create a draft invoice or credit memo from JSON; prints its document no. A list of
    documents is created all or none: any problem in any of them creates nothing."""
    data = read_json(file)
    if isinstance(data, list):
        numbers = purchase_documents.create_documents(State.app(), data)
    else:
        numbers = [purchase_documents.create_document(State.app(), data)]
    for no in numbers:
        print(no)


@purchase_app.command("post")
@handle_errors
def purchase_post(doc_nos: list[str] = typer.Argument(..., help="Draft document no(s).")):
    """Post drafts; prints the posted no (posting a posted draft again prints the same no).
    Several drafts are posted one by one and each gets a line: `PI-000001: posted PPI-000001`,
    or on stderr `PI-000002: CODE message` per problem; exit 2 when any was refused."""
    if len(doc_nos) == 1:
        return _print(purchase_posting.post_document(State.app(), doc_nos[0]))
    refused = False
    for no in track(doc_nos, description="posting", console=output.errors,
                    disable=len(doc_nos) <= 20 or not output.errors.is_terminal):
        try:
            result = purchase_posting.post_document(State.app(), no)
        except DomainError as exc:
            result = exc
        if isinstance(result, purchase_posting.PostResult):
            print(f"{no}: posted {result.posted_no}")
        else:
            report(result, prefix=f"{no}: ")
            refused = True
    if refused:
        raise typer.Exit(EXIT_REFUSED)
    return None


@purchase_app.command("cancel")
@handle_errors
def purchase_cancel(posted_no: str):
    """Cancel a posted unpaid invoice with a corrective credit memo, or a corrective credit memo
    with an invoice (BC Cancel); prints the credit memo (invoice) no."""
    return _print(purchase_corrective.cancel(State.app(), posted_no))


def _header_dict(h) -> dict:
    return {"no": h.no, "document_type": h.document_type, "status": h.status, "vendor_no": h.vendor_no,
            "vendor_invoice_no": h.vendor_invoice_no, "document_date": h.document_date,
            "posting_date": h.posting_date, "due_date": h.due_date, "currency": h.currency_code,
            "prices_including_vat": h.prices_including_vat, "posted_no": h.posted_no, "version": h.version,
            "quote_no": h.quote_no, "contact_no": h.contact_no}


@purchase_app.command("list")
@handle_errors
def purchase_list(status: str = typer.Option(None, "--status", help="open|pending_approval|released|posted|closed"),
                  as_json: bool = typer.Option(False, "--json")):
    option_choice("--status", status, STATUSES)
    rows = [_header_dict(h) for h in purchase_documents.list_documents(State.app(), status)]
    output.emit(rows, as_json, "Purchase documents")


@purchase_app.command("show")
@handle_errors
def purchase_show(no: str, as_json: bool = typer.Option(False, "--json")):
    with State.app().uow() as session:
        h = purchase_documents.get_document(session, no)
        data = _header_dict(h)
        data["lines"] = [{"line_no": x.line_no, "type": x.type, "no": x.no, "description": x.description,
                          "quantity": x.quantity, "unit_of_measure": x.unit_of_measure,
                          "direct_unit_cost": x.direct_unit_cost, "line_discount_pct": x.line_discount_pct,
                          "vat_prod_posting_group": x.vat_prod_posting_group, "location": x.location_code,
                          "drop_shipment": x.drop_shipment, "special_order": x.special_order,
                          "sales_order_no": x.sales_order_no, "sales_order_line_no": x.sales_order_line_no,
                          "qty_to_receive": x.qty_to_receive, "quantity_received": x.quantity_received,
                          "qty_to_invoice": x.qty_to_invoice, "quantity_invoiced": x.quantity_invoiced,
                          **units.base_fields(session, x, "quantity_received")}
                         for x in h.lines]
        data["bank_account_changed"] = bank_changes.draft_note(session, h)
    if as_json:
        output.emit(data, True)
        return
    output.emit(data, False, f"Purchase {data['document_type']} {no}")
    output.emit(data["lines"], False, "Lines")


@order_app.command("import")
@handle_errors
def order_import(file: Path = typer.Argument(..., help="Purchase JSON with document_type order.")):
    """Create purchase order(s) from JSON; prints each order no."""
    for doc in _documents(file):
        print(purchase_orders.create_order(State.app(), doc))


@order_app.command("receive")
@handle_errors
def order_receive(order_no: str, qty: list[str] = QTY, posting_date: str = POSTING_DATE):
    """Post a receipt (partial with --qty); prints the receipt no."""
    return _print(purchase_orders.receive(State.app(), order_no, parse_pairs(qty),
                                          option_date("--posting-date", posting_date)))


@order_app.command("invoice")
@handle_errors
def order_invoice(order_no: str, vendor_invoice_no: str = VENDOR_INVOICE, qty: list[str] = QTY,
                  cost: list[str] = COST, receive: bool = typer.Option(False, "--receive",
                                                                      help="Receive and invoice."),
                  posting_date: str = POSTING_DATE):
    """Invoice what has been received (turns expected cost into actual); prints the posted invoice no."""
    run = purchase_orders.receive_and_invoice if receive else purchase_orders.invoice
    return _print(run(State.app(), order_no, vendor_invoice_no, parse_pairs(qty), parse_pairs(cost, "--cost", UNIT),
                      option_date("--posting-date", posting_date)))


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


@return_order_app.command("import")
@handle_errors
def return_order_import(file: Path = typer.Argument(..., help="Purchase JSON; item lines name applies_to_entry.")):
    """Create purchase return order(s) from JSON; prints each return order no."""
    for doc in _documents(file):
        print(purchase_returns.create_return_order(State.app(), doc))


@return_order_app.command("ship")
@handle_errors
def return_order_ship(doc_no: str, qty: list[str] = QTY):
    """Post a return shipment (partial with --qty); prints the posted return shipment no."""
    return _print(purchase_returns.ship(State.app(), doc_no, parse_pairs(qty)))


@return_order_app.command("invoice")
@handle_errors
def return_order_invoice(doc_no: str, qty: list[str] = QTY, vendor_cr_memo_no: str = typer.Option(
        None, "--vendor-cr-memo-no", help="The vendor's credit memo no. (required unless on the order).")):
    """Post the credit memo of what has been shipped back; prints the posted credit memo no."""
    return _print(purchase_returns.invoice(State.app(), doc_no, vendor_cr_memo_no, parse_pairs(qty)))
