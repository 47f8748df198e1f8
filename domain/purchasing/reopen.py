"""Reopening an order when the invoice that invoiced it is cancelled (Cancel or Correct), for
both sides: the shared steps, given a :class:`Side` (what differs between purchase and sales).
:mod:`domain.purchasing.order_reopen` and :mod:`domain.sales.order_reopen` bind them to their side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.problems import Problem
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.prepayment_deduction import DEDUCTION
from domain.purchasing.prepayment_model import PrepaymentDocument


@dataclass(frozen=True)
class Side:
    """What differs between the purchase and the sales side of reopening an order."""

    name: str  # purchase | sales (the prepayment documents' side)
    order: type  # the order's header class
    posted: type  # the posted invoice's header class
    done: str  # received | shipped: the order line's quantity done before invoicing
    to_do: str  # qty_to_receive | qty_to_ship
    party: str  # vendor_no | customer_no
    #: (session, invoice) -> [(invoice line, order line)] of orders that still exist
    invoiced_lines: Callable
    #: (session, invoice, prepayment document) -> [(order line, amount, Fixed | None)] | None
    deductions: Callable


def invoiced_orders(side: Side, session: Session, invoice) -> list:
    """The orders (locked) whose lines the posted invoice ``invoice`` invoiced."""
    if invoice.document_type != "invoice":
        return []
    order_ids = sorted({line.header_id for _, line in side.invoiced_lines(session, invoice)})
    return [session.scalar(lock(session, select(side.order).where(side.order.id == order_id)))
            for order_id in order_ids]


def cancel_problem(side: Side, session: Session, invoice) -> Problem | None:
    """What a prepayment stops: a prepayment invoice is never cancelled; a final invoice that
    deducted a prepayment only when its order is still there to take the deduction back."""
    problem = ps.cancel_problem(session, side.name, invoice.no)
    if problem is None:
        return None
    document = prepayment_document(session, side.name, invoice.no)
    if document.document_type == "deduction" and side.deductions(session, invoice, document) is not None:
        return None
    return problem


def reopened_by(side: Side, session: Session, memo) -> list[str]:
    """The orders a corrective credit memo gave their lines back to (its cancellation would
    invoice them a second time: the order is invoiced again instead)."""
    invoice = session.get(side.posted, memo.applies_to_doc_no) if memo.applies_to_doc_no else None
    if invoice is None or not memo.is_correction:
        return []
    return [order.no for order in invoiced_orders(side, session, invoice)]


def restore(side: Side, session: Session, invoice, memo_no: str, user) -> list[str]:
    """After the corrective credit memo ``memo_no`` of ``invoice`` posted: the order lines get
    their quantities (and deducted prepayment, net and VAT) back; returns the orders' nos."""
    orders = invoiced_orders(side, session, invoice)
    done = f"quantity_{side.done}"
    for invoice_line, order_line in side.invoiced_lines(session, invoice):
        order_line.quantity_invoiced = order_line.quantity_invoiced - invoice_line.quantity
        setattr(order_line, done, getattr(order_line, done) - invoice_line.quantity)
        setattr(order_line, side.to_do, order_line.quantity - getattr(order_line, done))
        order_line.qty_to_invoice = getattr(order_line, done) - order_line.quantity_invoiced
    document = prepayment_document(session, side.name, invoice.no)
    order = next((o for o in orders if document is not None and o.no == document.order_no), None)
    if order is not None and document.document_type == "deduction":
        for order_line, amount, fixed in side.deductions(session, invoice, document) or []:
            order_line.prepmt_amt_deducted = order_line.prepmt_amt_deducted - amount
            if fixed is not None:  # its net and VAT deducted go back too (negative, as the deduction posted)
                ps.add_deducted(order_line, fixed)
        ps.record(session, side.name, "deduction", memo_no, order, getattr(order, side.party), -document.amount,
                  -document.amount_including_vat, user)
    for order in orders:
        if order.status == "closed":
            order.status = "open"
    return [order.no for order in orders]


def prepayment_document(session: Session, side: str, posted_no: str) -> PrepaymentDocument | None:
    return session.scalar(select(PrepaymentDocument).where(PrepaymentDocument.side == side,
                                                           PrepaymentDocument.posted_no == posted_no))


def deducted_line_no(description: str) -> int | None:
    """The order line no. a deduction line names (``<DEDUCTION>, <line no.>: <description>``,
    as both sides' deduction lines are written)."""
    head = description[len(DEDUCTION) + 2:].split(":", 1)[0]
    return int(head) if head.isdigit() else None
