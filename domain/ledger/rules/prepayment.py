"""Prepayment amounts (pure): what an order line's prepayment is, what a prepayment invoice
or credit memo takes, and what a final invoice deducts.

Business Central ("Create Prepayment Invoices", codeunit Purchase-Post Prepayments /
Sales-Post Prepayments): a line's Prepmt. Line Amount is its Line Amount times its
Prepayment % (in the document's price convention: including VAT when its prices include
VAT), rounded to the currency. A prepayment invoice takes what is not yet invoiced
(Prepmt. Line Amount - Prepmt. Amt. Inv.); a prepayment credit memo takes back what is
invoiced and not yet deducted; each final invoice deducts, line by line, the share of the
invoiced prepayment its quantity carries (Prepmt Amt to Deduct), and the last invoice of a
line deducts whatever is left, so the prepayment account ends at exactly zero.

Known limit: on an order whose prices include VAT the amounts are gross, and the planner takes
the VAT out per VAT group of each document, so the prepayment account can keep a cent of VAT
rounding (BC keeps the prepaid VAT apart, Prepmt. Amount Inv. Incl. VAT, and deducts it exactly).
Amounts are in the document's currency; each posting converts at its own exchange rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO, round_amount
from domain.setup.rules import HUNDRED, pct_problem  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class PrepaymentLine:
    """What the rules need of one order line."""

    line_no: int
    quantity: Decimal
    quantity_invoiced: Decimal
    #: BC Line Amount: quantity x price less the line discount, rounded
    line_amount: Decimal
    prepayment_pct: Decimal
    prepmt_amt_inv: Decimal
    prepmt_amt_deducted: Decimal


def line_prepayment(line: PrepaymentLine, currency: str) -> Decimal:
    """BC Prepmt. Line Amount."""
    return round_amount(line.line_amount * line.prepayment_pct / HUNDRED, currency)


def to_invoice(lines: list[PrepaymentLine], currency: str) -> dict[int, Decimal]:
    """Line no. -> what a prepayment invoice takes now (lines with nothing due left out).
    A line already invoiced in full takes nothing: its prepayment is due on what is left."""
    due = {}
    for line in lines:
        if line.quantity_invoiced >= line.quantity:
            continue
        amount = line_prepayment(line, currency) - line.prepmt_amt_inv
        if amount > ZERO:
            due[line.line_no] = amount
    return due


def to_credit(lines: list[PrepaymentLine]) -> dict[int, Decimal]:
    """Line no. -> what a prepayment credit memo takes back (invoiced, not deducted)."""
    return {line.line_no: line.prepmt_amt_inv - line.prepmt_amt_deducted for line in lines
            if line.prepmt_amt_inv - line.prepmt_amt_deducted > ZERO}


def to_deduct(line: PrepaymentLine, qty_to_invoice: Decimal, currency: str) -> Decimal:
    """BC Prepmt Amt to Deduct of invoicing ``qty_to_invoice`` of ``line``: its share of the
    invoiced prepayment, the rest when this invoice completes the line."""
    left = line.prepmt_amt_inv - line.prepmt_amt_deducted
    if left <= ZERO or qty_to_invoice <= ZERO or line.quantity <= ZERO:
        return ZERO
    if line.quantity_invoiced + qty_to_invoice >= line.quantity:
        return left
    share = round_amount(line.prepmt_amt_inv * qty_to_invoice / line.quantity, currency)
    return min(share, left)
