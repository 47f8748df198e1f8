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

The prepaid net and VAT are kept apart (BC Prepmt. Amount Inv. Incl. VAT, Prepmt. Amount Inv.
(LCY), Prepmt. VAT Amount Inv. (LCY)): a prepayment invoice splits each group's VAT over its
lines (:func:`invoice_amounts`), the order line keeps each line's net and VAT in the document
currency and in LCY, and each deduction and credit memo takes a share of exactly those
(:func:`to_deduct_fixed`, :func:`to_credit`): the last invoice of a line whatever is left of
each. They post as prepayment lines (``amounts.Fixed``), so on prices including or excluding
VAT, in any currency, the prepayment account and the VAT on prepayments end at exactly zero.
Amounts are in the document's currency; each posting converts at its own exchange rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.ledger.rules import amounts as amt
from domain.ledger.rules.amounts import Fixed
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
    #: net and VAT, document currency and LCY, invoiced (less credited) and deducted
    invoiced: Fixed = Fixed(ZERO, ZERO, ZERO, ZERO)
    deducted: Fixed = Fixed(ZERO, ZERO, ZERO, ZERO)
    #: the amounts include the VAT (prices including VAT, not reverse charge)
    vat_in_amount: bool = False

    @property
    def left(self) -> Fixed:
        i, d = self.invoiced, self.deducted
        return Fixed(i.net - d.net, i.vat - d.vat, i.net_lcy - d.net_lcy, i.vat_lcy - d.vat_lcy)

    @property
    def legacy(self) -> bool:
        """Prepaid before the net and the VAT were kept apart: deducted as then, in one amount."""
        return self.prepmt_amt_inv != ZERO and self.invoiced == Fixed(ZERO, ZERO, ZERO, ZERO)

    def shown(self, amounts: Fixed) -> Decimal:
        """``amounts`` in the order's price convention (Prepmt. Amt. Inv. / Prepmt Amt Deducted)."""
        return amounts.net + amounts.vat if self.vat_in_amount else amounts.net


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


def to_credit(lines: list[PrepaymentLine]) -> dict[int, tuple[Decimal, Fixed | None]]:
    """Line no. -> what a prepayment credit memo takes back (invoiced, not deducted): its amount
    in the price convention and its net and VAT (None: a legacy line, planned as it is)."""
    found: dict[int, tuple[Decimal, Fixed | None]] = {}
    for line in lines:
        if line.legacy:
            if line.prepmt_amt_inv - line.prepmt_amt_deducted > ZERO:
                found[line.line_no] = (line.prepmt_amt_inv - line.prepmt_amt_deducted, None)
        elif (left := line.left) != Fixed(ZERO, ZERO, ZERO, ZERO):
            found[line.line_no] = (line.shown(left), left)
    return found


def invoice_amounts(due: dict[int, tuple[Decimal, str, Decimal, bool]], prices_including_vat: bool,
                    currency: str, lcy: str, to_lcy) -> dict[int, Fixed]:
    """Line no. -> the net and VAT a prepayment invoice posts for ``due`` (line no. -> (amount,
    VAT group, VAT %, reverse charge)): VAT per group as on any document (EN 16931), split over
    the group's lines by their amounts; with prices including VAT a line's net is its amount less
    its VAT, so net and VAT add up to the amount invoiced. LCY (``to_lcy``): each net converted,
    the group's VAT converted once and split the same way, as the planner posts them."""
    inputs = [amt.LineInput(no, Decimal(1), amount, ZERO, group, pct, reverse)
              for no, (amount, group, pct, reverse) in due.items()]
    computed = amt.compute(inputs, prices_including_vat, currency)
    found: dict[int, Fixed] = {}
    for group in computed.groups:
        members = [given for given in inputs if given.vat_group == group.vat_group]
        weights = [given.unit_price for given in members]
        vats = amt.split(group.vat, weights, currency)
        vats_lcy = amt.split(to_lcy(group.vat), vats, lcy)
        for given, vat, vat_lcy in zip(members, vats, vats_lcy):
            net = given.unit_price - vat if prices_including_vat and not given.reverse_charge else given.unit_price
            found[given.key] = Fixed(net, vat, to_lcy(net), vat_lcy)
    return found


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


def to_deduct_fixed(line: PrepaymentLine, qty_to_invoice: Decimal, currency: str, lcy: str) -> Fixed | None:
    """The net and VAT (document currency and LCY) the final invoice of ``qty_to_invoice`` deducts:
    each the share of what was invoiced that the quantity carries, whatever is left of each when
    this invoice completes the line (BC Prepmt Amt to Deduct; "Prepmt. VAT Amount Inv. (LCY)")."""
    left = line.left
    if left == Fixed(ZERO, ZERO, ZERO, ZERO) or qty_to_invoice <= ZERO or line.quantity <= ZERO:
        return None
    if line.quantity_invoiced + qty_to_invoice >= line.quantity:
        return left

    def share(invoiced: Decimal, rest: Decimal, code: str) -> Decimal:
        part = round_amount(invoiced * qty_to_invoice / line.quantity, code)
        return rest if abs(part) > abs(rest) else part

    i = line.invoiced
    found = Fixed(share(i.net, left.net, currency), share(i.vat, left.vat, currency),
                  share(i.net_lcy, left.net_lcy, lcy), share(i.vat_lcy, left.vat_lcy, lcy))
    return None if found == Fixed(ZERO, ZERO, ZERO, ZERO) else found
