"""The prepayment an invoice of receipt lines deducts ("Get Receipt Lines" on a purchase invoice).

Business Central (codeunit Purch.-Get Receipt, Purch.-Post): the invoice lines copied from
receipt lines carry the Prepmt Amt to Deduct of the order lines they invoice, and posting the
invoice deducts it exactly as the order's own final invoice does; "Check Prepmt. when Posting"
holds the invoice while the order's prepayment is not invoiced and paid. Here the deduction
lines are made when the invoice posts, in the posting's transaction, by the same
:func:`domain.purchasing.prepayment_deduction.deduction_lines` the order path calls: the order
lines' Prepmt Amt Deducted grows only when the invoice posts, so an invoice draft deleted (or
changed) before posting never leaves a deduction counted, and two drafts of one order's
receipts each deduct what is left when they post. An invoice deducts the prepayment of one
order (it is that order's prepayment document): receipts of two orders with a prepayment are
invoiced on two invoices (PREPMT-DEDUCTION-SEVERAL-ORDERS).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing import prepayment_deduction
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine
from domain.purchasing.receipts import post_receipt_invoice


def post_invoice_of_receipts(session: Session, header: PurchaseHeader, user) -> PostResult | Rejected:
    """The posting handler of an invoice (credit memo) whose lines name receipt (return
    shipment) lines: an invoice first takes its orders' prepayment deduction lines."""
    if header.document_type != "invoice":
        return post_receipt_invoice(session, header, user)
    added: dict[str, list[int]] = {}
    problems: list[Problem] = []
    for order, quantities in _orders(session, header):
        if unpaid := prepayment_deduction.check(session, order):
            return unpaid
        for line in prepayment_deduction.deduction_lines(session, order, quantities, problems):
            line.line_no = max(x.line_no for x in header.lines) + 1
            header.lines.append(line)
            added.setdefault(order.no, []).append(line.line_no)
    if len(added) > 1:  # one invoice is one prepayment document of one order
        problems.append(Problem("PREPMT-DEDUCTION-SEVERAL-ORDERS", "lines",
                                {"no": header.no, "orders": ", ".join(sorted(added))}))
    if problems:
        return Rejected(problems)
    session.flush()
    result = post_receipt_invoice(session, header, user)
    if isinstance(result, Rejected) or result.already_posted:
        return result
    for order_no, line_nos in added.items():
        _record(session, order_no, line_nos, result.posted_no, user)
    return result


def _orders(session: Session, header: PurchaseHeader) -> list[tuple[PurchaseHeader, dict[int, Decimal]]]:
    """The orders ``header``'s receipt lines invoice (locked, in a fixed order), each with the
    quantity invoiced per order line no."""
    per_order: dict[int, dict[int, Decimal]] = {}
    for line in header.lines:
        if line.receipt_line_id is None:
            continue
        row = session.get(PostedPurchaseReceiptLine, line.receipt_line_id)
        order_line = session.get(PurchaseLine, row.order_line_id) if row is not None else None
        if order_line is None:
            continue
        quantities = per_order.setdefault(order_line.header_id, {})
        quantities[order_line.line_no] = quantities.get(order_line.line_no, ZERO) + line.quantity
    result = []
    for order_id in sorted(per_order):
        order = session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.id == order_id)))
        if order.document_type == "order":
            result.append((order, per_order[order_id]))
    return result


def _record(session: Session, order_no: str, line_nos: list[int], posted_no: str, user) -> None:
    """The invoice is one of the order's prepayment documents (``deduction``), for the lines
    that deducted this order's prepayment (an invoice may invoice receipts of several orders)."""
    order = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == order_no,
                                                        PurchaseHeader.document_type == "order"))
    rows = session.scalars(select(PostedPurchaseLine).where(
        PostedPurchaseLine.document_no == posted_no, PostedPurchaseLine.line_no.in_(line_nos))).all()
    ps.record(session, "purchase", "deduction", posted_no, order, order.vendor_no,
              -sum((r.amount for r in rows), ZERO), -sum((r.amount_including_vat for r in rows), ZERO), user)
