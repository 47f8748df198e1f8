"""Post a purchase document: the entry point, with the one dispatch table.

One transaction per posting (design.md section 3): :mod:`domain.purchasing.kernel`
locks the draft, returns the first result if it is already posted (idempotent) and
asks the approval gate; then the handler for the document's kind posts it: invoices
and credit memos plan and post directly, an order receives and invoices, a return
order ships back and credits, an invoice of receipt lines invoices the receipts. A
rejection writes nothing and returns every problem at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.ledger.writer import VAT_PERIOD_CLOSED
from domain.problems import Problem, Rejected, RejectedError
from domain.purchasing import kernel, orders, quotes, receipt_deduction, returns
from domain.purchasing.documents import find_duplicate
from domain.purchasing.kernel import RECEIPT_LINES, PostResult
from domain.purchasing.model import PurchaseHeader

__all__ = ["HANDLERS", "PostResult", "post_document", "post_in_session"]

#: posting kind (:func:`domain.purchasing.kernel.posting_kind`) -> its handler
HANDLERS: dict[str, kernel.Handler] = {
    "invoice": kernel.post_invoice,
    "credit_memo": kernel.post_invoice,
    "order": orders.post_order,  # receive and invoice
    "quote": quotes.not_postable,  # a request for quote posts nothing
    "return_order": returns.post_return_order,  # ship back and credit
    RECEIPT_LINES: receipt_deduction.post_invoice_of_receipts,  # with its orders' prepayment deduction
}


def post_document(app: App, no: str) -> PostResult | Rejected:
    try:
        result = access.command(app, "purchase.post", lambda session: post_in_session(session, no, app.user))
    except IntegrityError as exc:
        if "vendor_invoice_no_norm" in str(exc.orig) or "uq_posted_purchase_header_vendor_no" in str(exc.orig):
            return Rejected([_duplicate_posted_meanwhile(app, no)])
        raise
    except RejectedError as exc:
        if exc.rejected.codes == [VAT_PERIOD_CLOSED]:  # a refusal like any other: the flows report it
            return exc.rejected
        raise
    kernel.audit_gate_refusal(app, no, result)
    return result


def _duplicate_posted_meanwhile(app: App, no: str) -> Problem:
    """A concurrent posting of the same vendor invoice no. won the unique index: name it."""
    with app.uow() as session:
        header = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        existing = find_duplicate(session, header.vendor_no, header.document_type, header.vendor_invoice_no,
                                  include_drafts=False)
        return Problem("AP-DUPLICATE-VENDOR-INVOICE", "vendor_invoice_no", {
            "document": no, "vendor_no": header.vendor_no, "vendor_invoice_no": header.vendor_invoice_no,
            "existing": existing or ""})


def post_in_session(session: Session, no: str, user: str | None) -> PostResult | Rejected:
    """Post draft ``no`` in the caller's transaction."""
    return kernel.post_in_session(session, no, user, HANDLERS)
