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

import functools
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ledger.rules.amounts import Fixed
from domain.money import ZERO
from domain.purchasing import prepayment_setup as ps
from domain.purchasing import reopen
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader, PurchaseLine
from domain.purchasing.prepayment_deduction import DEDUCTION
from domain.purchasing.prepayment_model import PrepaymentDocument
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine


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
        order_line = by_no.get(reopen.deducted_line_no(line.description))
        if order_line is None:
            return None
        result.append((order_line, -line.direct_unit_cost * line.quantity, ps.line_fixed(line)))
    # every deduction found, to the cent (in the order's price convention): else none is given back
    recorded = document.amount_including_vat if invoice.prices_including_vat else document.amount
    return result if sum((amount for _, amount, _ in result), ZERO) == recorded else None


PURCHASE = reopen.Side("purchase", PurchaseHeader, PostedPurchaseHeader, "received", "qty_to_receive", "vendor_no",
                _invoiced_lines, _deductions)
invoiced_orders = functools.partial(reopen.invoiced_orders, PURCHASE)
cancel_problem = functools.partial(reopen.cancel_problem, PURCHASE)
reopened_by = functools.partial(reopen.reopened_by, PURCHASE)
restore = functools.partial(reopen.restore, PURCHASE)
