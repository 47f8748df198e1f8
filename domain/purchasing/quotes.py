"""Purchase quotes (requests for quote) and "Make Order" (BC Purchase Quote, table 38 type Quote).

A purchase quote is the purchase order shape with ``document_type`` quote, numbered in the PQ
series; it receives, invoices and posts nothing and counts in no availability (only orders
are scheduled receipts). "Make Order" copies it to an order that names the quote
(``quote_no``); the quote keeps its row with status ``converted`` and is converted only once.
"""

from __future__ import annotations

from domain.app import App
from domain.identity.access import require
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing.documents import get_document
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.orders import build_order
from domain.setup.model.cards import Vendor
from domain.setup.numbers import next_no

NOT_COPIED = ("id", "no", "document_type", "status", "created_at", "quote_no", "posted_no", "version")


def create_quote(app: App, data: dict) -> str:
    """A purchase quote from the purchase order import shape; returns its no."""
    with app.uow() as session:
        require(session, app.user, "purchase.edit")
        data = {**data, "document_type": "quote"} if isinstance(data, dict) else data
        return build_order(session, data, app.user, app.today, ("quote",)).no


def make_order(app: App, quote_no: str) -> str:
    """BC "Make Order" on a purchase quote: an order with the quote's lines; returns its no."""
    with app.uow() as session:
        require(session, app.user, "purchase.edit")
        quote = get_document(session, quote_no)
        if quote.document_type != "quote" or quote.status == "converted":
            raise DomainError("PURCH-NOT-AN-OPEN-QUOTE", f"{quote_no} is not an open purchase quote", no=quote_no)
        vendor = session.get(Vendor, quote.vendor_no)
        if vendor.blocked == "all":
            raise RejectedError(Rejected([Problem("PURCH-VENDOR-BLOCKED", "vendor_no", {"vendor_no": vendor.no})]))
        columns = [c.key for c in PurchaseHeader.__table__.columns if c.key not in NOT_COPIED]
        order = PurchaseHeader(**{c: getattr(quote, c) for c in columns}, document_type="order", status="open",
                               version=1, quote_no=quote.no, no=next_no(session, "PO"))
        order.lines = [_order_line(line) for line in quote.lines]
        quote.status = "converted"
        session.add(order)
        session.flush()
        return order.no


def _order_line(line: PurchaseLine) -> PurchaseLine:
    copy = PurchaseLine(**{c.key: getattr(line, c.key) for c in PurchaseLine.__table__.columns
                           if c.key not in ("id", "header_id")})
    copy.qty_to_receive = copy.qty_to_invoice = line.quantity
    copy.quantity_received = copy.quantity_invoiced = ZERO
    return copy


def not_postable(session, header: PurchaseHeader, user):
    """The posting handler of a quote: a quote posts nothing (make it an order first)."""
    return Rejected([Problem("PURCH-QUOTE-NOT-POSTABLE", "no", {"no": header.no})])
