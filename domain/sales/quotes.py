"""Sales quote to invoice (BC "Make Invoice" on the Sales Quote page).

Like "Make Order" (:func:`domain.sales.documents.make_order`), the quote is consumed: the
invoice names it (``quote_no``), the quote keeps its row with status ``converted`` and is
converted only once; a quote under an approval workflow only once approved. An invoice ships
as it posts, so a quote with drop-shipment or special-order lines (which need a purchase
order) is made an order, not an invoice.
"""

from __future__ import annotations

from domain.app import App
from domain.identity.access import require
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.sales.documents import SERIES, approval_problems, audit_gate_refusal, get_document
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Customer
from domain.setup.numbers import next_no

#: header columns a converted document does not take from its quote
NOT_COPIED = ("id", "no", "document_type", "status", "created_at", "quote_no", "posted_no")


def make_invoice(app: App, quote_no: str) -> str:
    """An invoice with the quote's lines, linked to the quote; returns the invoice no."""
    try:
        return _make_invoice(app, quote_no)
    except RejectedError as exc:
        audit_gate_refusal(app, quote_no, exc.rejected)
        raise


def _make_invoice(app: App, quote_no: str) -> str:
    with app.uow() as session:
        require(session, app.user, "sales.edit")
        quote = get_document(session, quote_no)
        if quote.document_type != "quote" or quote.status == "converted":
            raise DomainError("SALES-NOT-AN-OPEN-QUOTE", f"{quote_no} is not an open quote", no=quote_no)
        problems = [Problem("SALES-QUOTE-LINE-NEEDS-ORDER", f"lines[{line.line_no}]", {"line_no": line.line_no})
                    for line in quote.lines if line.drop_shipment or line.special_order]
        problems += approval_problems(session, quote, app.user)
        customer = session.get(Customer, quote.customer_no)
        if customer.blocked == "all":
            problems.append(Problem("SALES-CUSTOMER-BLOCKED", "customer_no",
                                    {"customer_no": customer.no, "blocked": "all"}))
        if problems:
            raise RejectedError(Rejected(problems))
        columns = [c.key for c in SalesHeader.__table__.columns if c.key not in NOT_COPIED]
        invoice = SalesHeader(**{c: getattr(quote, c) for c in columns}, document_type="invoice", status="open",
                              quote_no=quote.no, no=next_no(session, SERIES["invoice"]))
        invoice.lines = [_invoice_line(line) for line in quote.lines]
        quote.status = "converted"
        session.add(invoice)
        session.flush()
        return invoice.no


def _invoice_line(line: SalesLine) -> SalesLine:
    copy = SalesLine(**{c.key: getattr(line, c.key) for c in SalesLine.__table__.columns
                        if c.key not in ("id", "header_id")})
    copy.qty_to_ship, copy.qty_to_invoice = ZERO, line.quantity
    copy.quantity_shipped = copy.quantity_invoiced = ZERO
    return copy
