"""Correct a posted purchase invoice, cancel a corrective credit memo (Business Central).

BC "Correct" on a posted purchase invoice (codeunit Correct Posted Purch. Invoice): the
invoice is cancelled exactly as "Cancel" does (:mod:`domain.purchasing.correction`: a
corrective credit memo on the invoice's posting date, applied to it) and a new draft invoice
with the same lines is opened to be corrected and posted again; the invoice of an order opens
no copy: the order gets its lines back and is received and invoiced again (BC 1313,
UpdatePurchaseOrderLinesFromCancelledInvoice); all in one transaction, so a
refusal of either part (paid, already cancelled, items consumed, posting date not allowed,
blocked vendor or item) writes nothing.

BC "Cancel" on a posted purchase credit memo (codeunit Cancel Posted Purch. Cr. Memo): only a
corrective credit memo (one a Cancel or Correct made) that is not cancelled yet (it is applied
to its invoice alone: the invoice was fully open when it was cancelled). Its application to the invoice is undone (the invoice is open and not
cancelled again), a new invoice with the credit memo's lines is posted on the credit memo's
posting date and applied to it: both close. A credit memo that gave an order its lines back is
not cancelled (PURCH-CANCEL-MEMO-REOPENED-ORDER): the reversing invoice would invoice the
order's goods a second time; the order is received and invoiced again instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import variants
from domain.ledger.customer_entries import apply_pair, entry_by_document
from domain.ledger.unapply import unapply_pair
from domain.problems import Problem, Rejected, RejectedError
from domain.purchasing import copy, correction, kernel, order_reopen, prepayment_setup
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.setup.numbers import next_no
from domain.setup.queries import company

_REVERSING = {"invoice": kernel.post_invoice}


@dataclass(frozen=True)
class CorrectResult:
    credit_memo_no: str
    #: the new draft invoice; for an order's invoice the (first) order given its lines back
    draft_no: str
    #: the orders given their lines back (BC: no stand-alone copy of an order's invoice)
    reopened_orders: tuple[str, ...] = ()


def correct_invoice(app: App, posted_no: str) -> CorrectResult | Rejected:
    """BC "Correct": cancel ``posted_no`` and open a new draft invoice copied from it; the
    invoice of an order reopens the order instead (:mod:`domain.purchasing.order_reopen`)."""
    def run(session) -> CorrectResult | Rejected:
        invoice = session.get(PostedPurchaseHeader, posted_no)
        orders = [order.no for order in order_reopen.invoiced_orders(session, invoice)] if invoice else []
        cancelled = correction.cancel_in_session(session, posted_no, app.user)
        if isinstance(cancelled, Rejected):
            return cancelled
        if orders:
            return CorrectResult(cancelled.posted_no, orders[0], tuple(orders))
        try:
            draft = copy.copy_in_session(session, posted_no, app.user, app.today, document_type="invoice")
        except RejectedError as exc:  # returned: the unit of work rolls the cancellation back
            return exc.rejected
        return CorrectResult(cancelled.posted_no, draft.no)
    return access.command(app, "purchase.post", run)


def cancel(app: App, posted_no: str) -> PostResult | Rejected:
    """``purchase cancel``: a posted credit memo is cancelled by an invoice, a posted invoice by a
    credit memo."""
    with app.transaction() as uow:
        kind = uow.session.scalar(select(PostedPurchaseHeader.document_type).where(
            PostedPurchaseHeader.no == posted_no))
    if kind == "credit_memo":
        return cancel_credit_memo(app, posted_no)
    return correction.cancel_invoice(app, posted_no)


def cancel_credit_memo(app: App, posted_no: str) -> PostResult | Rejected:
    return access.command(app, "purchase.post", lambda session: _cancel_memo(session, posted_no, app.user))


def _cancel_memo(session, posted_no: str, user) -> PostResult | Rejected:
    memo = session.scalar(lock(session, select(PostedPurchaseHeader).where(PostedPurchaseHeader.no == posted_no)))
    if memo is None or memo.document_type != "credit_memo":
        return Rejected([Problem("PURCH-POSTED-CREDIT-MEMO-NOT-FOUND", "no", {"no": posted_no})])
    if memo.cancelled:
        return Rejected([Problem("PURCH-ALREADY-CANCELLED", "no", {"no": posted_no})])
    if not memo.is_correction or not memo.applies_to_doc_no:
        return Rejected([Problem("PURCH-CANCEL-NOT-CORRECTIVE", "no", {"no": posted_no})])
    if orders := order_reopen.reopened_by(session, memo):  # the order is invoiced again instead
        return Rejected([Problem("PURCH-CANCEL-MEMO-REOPENED-ORDER", "no", {"no": posted_no,
                                                                             "orders": ", ".join(orders)})])
    if prepaid := prepayment_setup.cancel_problem(session, "purchase", posted_no):
        return Rejected([prepaid])  # a prepayment credit memo: the order's prepayment invoice takes it back
    memo_entry = entry_by_document(session, "vendor", memo.no)
    invoice_entry = entry_by_document(session, "vendor", memo.applies_to_doc_no)
    draft = _reversing_invoice(session, memo, user)
    result = kernel.post_in_session(session, draft.no, user, _REVERSING)
    if isinstance(result, Rejected):
        return result
    unapply_pair(session, "vendor", memo_entry, invoice_entry, memo.posting_date, result.posted_no,
                 result.transaction_no)
    new_entry = entry_by_document(session, "vendor", result.posted_no)
    apply_pair(session, "vendor", new_entry, memo_entry, memo.posting_date, result.posted_no,
               result.transaction_no)
    memo.cancelled = True
    session.get(PostedPurchaseHeader, memo.applies_to_doc_no).cancelled = False
    return result


def _reversing_invoice(session, memo: PostedPurchaseHeader, user) -> PurchaseHeader:
    source = session.get(PurchaseHeader, memo.source_header_id)
    cancel_no = f"CANCEL-{memo.no}"
    header = PurchaseHeader(
        document_type="invoice", no=next_no(session, company(session).purchase_invoice_nos),
        vendor_no=memo.vendor_no, vendor_invoice_no=cancel_no,
        vendor_invoice_no_norm=cancel_no.replace("-", "").upper(),
        document_date=memo.document_date, posting_date=memo.posting_date, due_date=memo.due_date,
        currency_code=memo.currency_code, exchange_rate=memo.exchange_rate,
        prices_including_vat=memo.prices_including_vat, gen_bus_posting_group=source.gen_bus_posting_group,
        vat_bus_posting_group=source.vat_bus_posting_group, vendor_posting_group=source.vendor_posting_group,
        applies_to_doc_no=memo.no, is_correction=True, status="open", version=1, created_by=user)
    lines = session.scalars(select(PostedPurchaseLine).where(PostedPurchaseLine.document_no == memo.no)
                            .order_by(PostedPurchaseLine.line_no)).all()
    header.lines = [PurchaseLine(
        line_no=line.line_no, type=line.type, no=line.no, description=line.description, quantity=line.quantity,
        unit_of_measure=line.unit_of_measure, direct_unit_cost=line.direct_unit_cost,
        line_discount_pct=line.line_discount_pct, gen_prod_posting_group=line.gen_prod_posting_group,
        vat_prod_posting_group=line.vat_prod_posting_group, location_code=line.location_code,
        variant_code=variants.of_entry(session, line.item_ledger_entry_no))
        for line in lines]
    session.add(header)
    session.flush()
    return header
