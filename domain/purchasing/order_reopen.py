"""Cancel (or Correct) of a posted invoice that invoiced an order gives the order its lines back.

Business Central (codeunit 1313 Correct Posted Purch. Invoice,
UpdatePurchaseOrderLinesFromCancelledInvoice): once the corrective credit memo is posted, each
order line the invoice invoiced gets its Quantity Invoiced and Quantity Received back (the
credit memo returns the items: it is applied to the receipt's item ledger entries, so the
receipt stays posted and a new receipt receives them again), Qty. to Receive and Qty. to
Invoice are initialised again, and the order can be received and invoiced again; Correct then
opens no stand-alone copy of an order's invoice. The prepayment the invoice deducted is given
back to the order lines (Prepmt Amt Deducted goes down by it, the credit memo reverses the
deduction lines on the prepayment account), and the credit memo is recorded as one of the
order's prepayment documents. An order that no longer exists leaves the cancellation as it is.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.ledger.rules.amounts import Fixed
from domain.money import ZERO
from domain.problems import Problem
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader, PurchaseLine
from domain.purchasing.prepayment_deduction import DEDUCTION
from domain.purchasing.prepayment_model import PrepaymentDocument
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine


def invoiced_orders(session: Session, invoice: PostedPurchaseHeader) -> list[PurchaseHeader]:
    """The orders (locked) whose receipt lines posted invoice ``invoice`` invoiced."""
    if invoice.document_type != "invoice":
        return []
    order_ids = sorted({line.header_id for _, line in _invoiced_lines(session, invoice)})
    return [session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.id == order_id)))
            for order_id in order_ids]


def cancel_problem(session: Session, invoice: PostedPurchaseHeader) -> Problem | None:
    """What a prepayment stops: a prepayment invoice is never cancelled; a final invoice that
    deducted a prepayment only when its order is still there to take the deduction back."""
    problem = ps.cancel_problem(session, "purchase", invoice.no)
    if problem is None:
        return None
    document = _prepayment_document(session, invoice.no)
    if document.document_type == "deduction" and _deductions(session, invoice, document) is not None:
        return None
    return problem


def reopened_by(session: Session, memo: PostedPurchaseHeader) -> list[str]:
    """The orders a corrective credit memo gave their lines back to (its cancellation would
    invoice them a second time: the order is invoiced again instead)."""
    invoice = session.get(PostedPurchaseHeader, memo.applies_to_doc_no) if memo.applies_to_doc_no else None
    if invoice is None or not memo.is_correction:
        return []
    return [order.no for order in invoiced_orders(session, invoice)]


def restore(session: Session, invoice: PostedPurchaseHeader, memo_no: str, user) -> list[str]:
    """After the corrective credit memo ``memo_no`` of ``invoice`` posted: the order lines get
    their quantities (and deducted prepayment) back; returns the orders' nos."""
    orders = invoiced_orders(session, invoice)
    for draft_line, order_line in _invoiced_lines(session, invoice):
        order_line.quantity_invoiced = order_line.quantity_invoiced - draft_line.quantity
        order_line.quantity_received = order_line.quantity_received - draft_line.quantity
        order_line.qty_to_receive = order_line.quantity - order_line.quantity_received
        order_line.qty_to_invoice = order_line.quantity_received - order_line.quantity_invoiced
    document = _prepayment_document(session, invoice.no)
    order = next((o for o in orders if document is not None and o.no == document.order_no), None)
    if order is not None and document.document_type == "deduction":
        for order_line, amount, fixed in _deductions(session, invoice, document) or []:
            order_line.prepmt_amt_deducted = order_line.prepmt_amt_deducted - amount
            if fixed is not None:  # its net and VAT deducted go back too (the draft line holds them, negative)
                ps.add_deducted(order_line, fixed)
        ps.record(session, "purchase", "deduction", memo_no, order, order.vendor_no, -document.amount,
                  -document.amount_including_vat, user)
    for order in orders:
        if order.status == "closed":
            order.status = "open"
    return [order.no for order in orders]


def _invoiced_lines(session: Session, invoice: PostedPurchaseHeader) -> list[tuple[PurchaseLine, PurchaseLine]]:
    """(invoice draft line, order line) for each line of ``invoice`` that invoiced a receipt line
    of an order that still exists."""
    draft = session.get(PurchaseHeader, invoice.source_header_id)
    result = []
    for line in draft.lines if draft is not None else []:
        row = session.get(PostedPurchaseReceiptLine, line.receipt_line_id) if line.receipt_line_id else None
        order_line = session.get(PurchaseLine, row.order_line_id) if row is not None else None
        if order_line is not None and order_line.header.document_type == "order":
            result.append((line, order_line))
    return result


def _prepayment_document(session: Session, posted_no: str) -> PrepaymentDocument | None:
    return session.scalar(select(PrepaymentDocument).where(PrepaymentDocument.side == "purchase",
                                                           PrepaymentDocument.posted_no == posted_no))


def _deductions(session: Session, invoice: PostedPurchaseHeader,
                document: PrepaymentDocument) -> list[tuple[PurchaseLine, Decimal, Fixed | None]] | None:
    """(order line, amount deducted, its net and VAT as the deduction line posted them: None for a
    legacy deduction) for each deduction line of ``invoice``; None when a
    deduction line cannot be matched to a line of the order, the lines found do not add up to
    the deduction recorded for the invoice, or the order is gone (the invoice is then not
    cancelled: PREPMT-CANNOT-CANCEL)."""
    order = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == document.order_no,
                                                        PurchaseHeader.document_type == "order"))
    draft = session.get(PurchaseHeader, invoice.source_header_id)
    if order is None or draft is None:
        return None
    by_no = {line.line_no: line for line in order.lines}
    result = []
    for line in draft.lines:
        if line.receipt_line_id is not None or not line.description.startswith(f"{DEDUCTION}, "):
            continue
        order_line = by_no.get(_deducted_line_no(line.description))
        if order_line is None:
            return None
        result.append((order_line, -line.direct_unit_cost * line.quantity, ps.line_fixed(line)))
    # every deduction found, to the cent (in the order's price convention): else none is given back
    recorded = document.amount_including_vat if invoice.prices_including_vat else document.amount
    return result if sum((amount for _, amount, _ in result), ZERO) == recorded else None


def _deducted_line_no(description: str) -> int | None:
    """The order line no. a deduction line names (``<DEDUCTION>, <line no.>: <description>``,
    as :func:`domain.purchasing.prepayment_deduction.deduction_lines` writes it)."""
    head = description[len(DEDUCTION) + 2:].split(":", 1)[0]
    return int(head) if head.isdigit() else None
