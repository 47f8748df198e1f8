"""Correct a posted sales invoice, cancel a corrective sales credit memo (Business Central).

BC "Correct" on a posted sales invoice (codeunit Correct Posted Sales Invoice): the invoice is
cancelled exactly as "Cancel" does (:mod:`domain.sales.correction`) and a new draft invoice
with the same lines is opened to be corrected and posted again, in one transaction: a refusal
of either part writes nothing. The invoice of an order opens no copy: the order gets its lines
back and is shipped and invoiced again (BC 1303, UpdateSalesOrderLinesFromCancelledInvoice).

BC "Cancel" on a posted sales credit memo (codeunit Cancel Posted Sales Cr. Memo): only a
corrective credit memo (made by Cancel or Correct) that is not cancelled yet (it is applied to
its invoice alone: the invoice was fully open when it was cancelled). Its application is undone (the invoice is open and not cancelled
again), a new invoice with the credit memo's lines is posted on the credit memo's posting
date (it ships the items again) and applied to the credit memo: both close. A credit memo that
gave an order its lines back is not cancelled (SALES-CANCEL-MEMO-REOPENED-ORDER): the order is
shipped and invoiced again instead.
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
from domain.purchasing import prepayment_setup
from domain.sales import copy, correction, invoicing, kernel, order_reopen
from domain.sales.kernel import SalesResult
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.setup.numbers import next_no

_REVERSING = {"invoice": invoicing.post_invoice}


@dataclass(frozen=True)
class CorrectResult:
    credit_memo_no: str
    #: the new draft invoice; for an order's invoice the (first) order given its lines back
    draft_no: str
    #: the orders given their lines back (BC: no stand-alone copy of an order's invoice)
    reopened_orders: tuple[str, ...] = ()


def correct_invoice(app: App, posted_no: str) -> CorrectResult | Rejected:
    """BC "Correct": cancel ``posted_no`` and open a new draft invoice copied from it; the
    invoice of an order reopens the order instead (:mod:`domain.sales.order_reopen`)."""
    def run(session) -> CorrectResult | Rejected:
        invoice = session.get(PostedSalesHeader, posted_no)
        orders = [order.no for order in order_reopen.invoiced_orders(session, invoice)] if invoice else []
        cancelled = correction.cancel_in_session(session, posted_no, app.user)
        if isinstance(cancelled, Rejected):
            return cancelled
        if orders:
            return CorrectResult(cancelled.invoice_no, orders[0], tuple(orders))
        try:
            draft = copy.copy_in_session(session, posted_no, app.user, app.today, document_type="invoice")
        except RejectedError as exc:  # returned: the unit of work rolls the cancellation back
            return exc.rejected
        return CorrectResult(cancelled.invoice_no, draft.no)
    return access.command(app, "sales.post", run)


def cancel(app: App, posted_no: str) -> SalesResult | Rejected:
    """``sales cancel``: a posted credit memo is cancelled by an invoice, a posted invoice by a
    credit memo."""
    with app.transaction() as uow:
        kind = uow.session.scalar(select(PostedSalesHeader.document_type).where(PostedSalesHeader.no == posted_no))
    if kind == "credit_memo":
        return cancel_credit_memo(app, posted_no)
    return correction.cancel_invoice(app, posted_no)


def cancel_credit_memo(app: App, posted_no: str) -> SalesResult | Rejected:
    return access.command(app, "sales.post", lambda session: _cancel_memo(session, posted_no, app.user))


def _cancel_memo(session, posted_no: str, user) -> SalesResult | Rejected:
    memo = session.scalar(lock(session, select(PostedSalesHeader).where(PostedSalesHeader.no == posted_no)))
    if memo is None or memo.document_type != "credit_memo":
        return Rejected([Problem("SALES-POSTED-CREDIT-MEMO-NOT-FOUND", "no", {"no": posted_no})])
    if memo.cancelled:
        return Rejected([Problem("SALES-ALREADY-CANCELLED", "no", {"no": posted_no})])
    if not memo.is_correction or not memo.applies_to_doc_no:
        return Rejected([Problem("SALES-CANCEL-NOT-CORRECTIVE", "no", {"no": posted_no})])
    if orders := order_reopen.reopened_by(session, memo):  # the order is invoiced again instead
        return Rejected([Problem("SALES-CANCEL-MEMO-REOPENED-ORDER", "no", {"no": posted_no,
                                                                             "orders": ", ".join(orders)})])
    if prepaid := prepayment_setup.cancel_problem(session, "sales", posted_no):
        return Rejected([prepaid])  # a prepayment credit memo: the order's prepayment invoice takes it back
    memo_entry = entry_by_document(session, "customer", memo.no)
    invoice_entry = entry_by_document(session, "customer", memo.applies_to_doc_no)
    draft = _reversing_invoice(session, memo, user)
    result = kernel.post_in_session(session, draft.no, user, False, True, {}, _REVERSING)
    if isinstance(result, Rejected):
        return result
    new_entry = entry_by_document(session, "customer", result.invoice_no)
    unapply_pair(session, "customer", memo_entry, invoice_entry, memo.posting_date, result.invoice_no,
                 new_entry.transaction_no)
    apply_pair(session, "customer", new_entry, memo_entry, memo.posting_date, result.invoice_no,
               new_entry.transaction_no)
    memo.cancelled = True
    session.get(PostedSalesHeader, memo.applies_to_doc_no).cancelled = False
    return result


def _reversing_invoice(session, memo: PostedSalesHeader, user) -> SalesHeader:
    source = session.get(SalesHeader, memo.source_header_id)
    header = SalesHeader(
        document_type="invoice", no=next_no(session, "SI"), customer_no=memo.customer_no,
        document_date=memo.document_date, posting_date=memo.posting_date, due_date=memo.due_date,
        currency_code=memo.currency_code, exchange_rate=memo.exchange_rate,
        prices_including_vat=memo.prices_including_vat, gen_bus_posting_group=source.gen_bus_posting_group,
        vat_bus_posting_group=source.vat_bus_posting_group, customer_posting_group=source.customer_posting_group,
        external_document_no=f"CANCEL-{memo.no}", applies_to_doc_no=memo.no, is_correction=True,
        status="open", version=1, created_by=user)
    lines = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == memo.no)
                            .order_by(PostedSalesLine.line_no)).all()
    header.lines = [SalesLine(
        line_no=line.line_no, type=line.type, no=line.no, description=line.description, quantity=line.quantity,
        unit_of_measure=line.unit_of_measure, unit_price=line.unit_price, line_discount_pct=line.line_discount_pct,
        gen_prod_posting_group=line.gen_prod_posting_group, vat_prod_posting_group=line.vat_prod_posting_group,
        location_code=line.location_code, qty_to_invoice=line.quantity,
        variant_code=variants.of_entry(session, line.item_ledger_entry_no)) for line in lines]
    session.add(header)
    session.flush()
    return header
