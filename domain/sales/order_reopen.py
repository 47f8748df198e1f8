"""Cancel (or Correct) of a posted sales invoice that invoiced an order gives the order its lines back.

Business Central (codeunit 1303 Correct Posted Sales Invoice, UpdateSalesOrderLinesFromCancelledInvoice):
once the corrective credit memo is posted, each order line the invoice invoiced gets its
Quantity Invoiced and Quantity Shipped back (the credit memo takes the items back from the
shipment's item ledger entries, so the shipment stays posted and a new shipment ships them
again), Qty. to Ship and Qty. to Invoice are initialised again, and the order can be shipped and
invoiced again; Correct opens no stand-alone copy of an order's invoice. The prepayment the
invoice deducted is given back to the order lines (Prepmt Amt Deducted goes down by it), and the
credit memo is recorded as one of the order's prepayment documents. An order that no longer
exists leaves the cancellation as it is. The purchase side is :mod:`domain.purchasing.order_reopen`.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ledger.rules.amounts import Fixed
from domain.money import ZERO
from domain.purchasing import reopen
from domain.purchasing.prepayment_deduction import DEDUCTION
from domain.purchasing.prepayment_model import PrepaymentDocument
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.setup.queries import company


def _invoiced_lines(session: Session, invoice: PostedSalesHeader) -> list[tuple[PostedSalesLine, SalesLine]]:
    """(posted invoice line, order line) for each line of ``invoice`` that invoiced a line of an
    order that still exists."""
    result = []
    for line in session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == invoice.no)
                                .order_by(PostedSalesLine.line_no)):
        order_line = session.get(SalesLine, line.order_line_id) if line.order_line_id is not None else None
        if order_line is not None and order_line.shipment_line_id is not None:  # made by Get Shipment Lines
            row = session.get(PostedSalesLine, order_line.shipment_line_id)
            order_line = session.get(SalesLine, row.order_line_id) if row is not None and row.order_line_id else None
        if order_line is not None and order_line.header.document_type == "order":
            result.append((line, order_line))
    return result




def _deductions(session: Session, invoice: PostedSalesHeader,
                document: PrepaymentDocument) -> list[tuple[SalesLine, Decimal, Fixed | None]] | None:
    """(order line, amount deducted, its net and VAT as the invoice posted them: None for a legacy
    deduction) for each deduction line of ``invoice``; None when a
    deduction line cannot be matched to a line of the order, the lines found do not add up to
    the deduction recorded for the invoice, or the order is gone (the invoice is then not
    cancelled: PREPMT-CANNOT-CANCEL)."""
    order = session.scalar(select(SalesHeader).where(SalesHeader.no == document.order_no,
                                                     SalesHeader.document_type == "order"))
    if order is None:
        return None
    by_no = {line.line_no: line for line in order.lines}
    result = []
    for line in session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == invoice.no,
                                                              PostedSalesLine.order_line_id.is_(None))):
        if not line.description.startswith(f"{DEDUCTION}, "):
            continue
        order_line = by_no.get(reopen.deducted_line_no(line.description))
        if order_line is None:
            return None
        fixed = None
        if not _legacy(order_line):
            if invoice.currency_code != company(session).currency:
                return None  # the LCY a foreign-currency deduction took is not on its posted line: not given back
            vat = line.amount_including_vat - line.amount
            fixed = Fixed(line.amount, vat, line.amount, vat)
        result.append((order_line, -line.unit_price * line.quantity, fixed))
    # every deduction found, to the cent (in the order's price convention): else none is given back
    recorded = document.amount_including_vat if invoice.prices_including_vat else document.amount
    return result if sum((amount for _, amount, _ in result), ZERO) == recorded else None


def _legacy(order_line: SalesLine) -> bool:
    """Prepaid before the net and VAT were kept apart (deducted in one amount)."""
    return order_line.prepmt_amt_inv != ZERO and not any(
        (order_line.prepmt_vat_base_inv, order_line.prepmt_vat_amount_inv, order_line.prepmt_amount_inv_lcy,
         order_line.prepmt_vat_amount_inv_lcy))


SALES = reopen.Side("sales", SalesHeader, PostedSalesHeader, "shipped", "qty_to_ship", "customer_no",
                    _invoiced_lines, _deductions)
invoiced_orders = functools.partial(reopen.invoiced_orders, SALES)
cancel_problem = functools.partial(reopen.cancel_problem, SALES)
reopened_by = functools.partial(reopen.reopened_by, SALES)
restore = functools.partial(reopen.restore, SALES)
