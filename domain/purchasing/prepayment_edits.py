"""What cannot change on an order once its prepayment is invoiced (both sides).

Business Central (tables Purchase Line / Sales Line, Purchase Header): a line with a Prepmt.
Amt. Inv. keeps its type, no., VAT and general product posting groups and Prepayment % ("You
cannot change the VAT product posting group because prepayment invoices have been posted. You
need to post the prepayment credit memo to be able to change ..."), its Prepmt. Line Amount
cannot become less than the Prepmt. Amt. Inv. ("cannot be less than"), and it is not deleted
while its prepayment is not deducted; the order keeps its price convention (prices including
VAT), currency and vendor / customer. The prepayment credit memo gives the line back (its Prepmt.
Amt. Inv. becomes what was deducted, 0 before any final invoice). Each check returns problems
with a stable code (PURCH-/SALES-LINE-PREPAID, PURCH-/SALES-LINE-BELOW-PREPAID,
PURCH-ORDER-PREPAID); the caller raises them before anything is written.
"""

from __future__ import annotations

from decimal import Decimal

from domain.ledger.rules import amounts as amt
from domain.ledger.rules.prepayment import HUNDRED
from domain.money import ZERO, round_amount
from domain.problems import Problem

PREFIX = {"purchase": "PURCH", "sales": "SALES"}
#: the line's fields a prepayment invoice fixed (BC TestField("Prepmt. Amt. Inv.", 0) on their change)
LINE_FIELDS = ("type", "no", "vat_prod_posting_group", "gen_prod_posting_group", "prepayment_pct")
#: header fields the prepayment depends on
HEADER_FIELDS = ("prices_including_vat", "currency_code", "vendor_no", "customer_no")


def _prepaid(header, line) -> bool:
    return header.document_type == "order" and bool(line.prepmt_amt_inv)


def fields_of(line) -> dict:
    """The line's values a prepayment invoice fixed (compare before and after an edit)."""
    return {name: getattr(line, name, None) for name in LINE_FIELDS}


def change_problems(side: str, header, line, was: dict, now: dict, quantity: Decimal, price: Decimal,
                    discount_pct: Decimal) -> list[Problem]:
    """The problems of changing ``line`` from ``was`` to ``now`` (:func:`fields_of`; a None in ``now``:
    not given) with the new quantity, price and discount."""
    if not _prepaid(header, line):
        return []
    where, params = f"lines[{line.line_no}]", {"no": header.no, "line_no": line.line_no,
                                                "invoiced": str(line.prepmt_amt_inv)}
    problems = [Problem(f"{PREFIX[side]}-LINE-PREPAID", f"{where}.{name}", params)
                for name in LINE_FIELDS if now.get(name) is not None and now[name] != was[name]]
    # BC Prepmt. Line Amount of the changed line, in the order's price convention
    line_amount = amt.net_line_amount(quantity, price, discount_pct or ZERO, header.currency_code)
    prepayment = round_amount(line_amount * line.prepayment_pct / HUNDRED, header.currency_code)
    if prepayment < line.prepmt_amt_inv:
        problems.append(Problem(f"{PREFIX[side]}-LINE-BELOW-PREPAID", where, {**params, "prepayment": str(prepayment)}))
    return problems


def remove_problems(side: str, header, line) -> list[Problem]:
    """A line whose prepayment is invoiced is not removed (credit the prepayment first)."""
    if not _prepaid(header, line):
        return []
    return [Problem(f"{PREFIX[side]}-LINE-PREPAID", f"lines[{line.line_no}]", {
        "no": header.no, "line_no": line.line_no, "invoiced": str(line.prepmt_amt_inv)})]


def header_problems(header, values: dict) -> list[Problem]:
    """Changing a purchase order's price convention, currency or vendor once a prepayment is
    invoiced (``values``: header column -> new value). ``sales set`` changes none of these."""
    if header.document_type != "order" or not any(line.prepmt_amt_inv for line in header.lines):
        return []
    return [Problem("PURCH-ORDER-PREPAID", name, {"no": header.no})
            for name, value in values.items()
            if name in HEADER_FIELDS and value is not None and value != getattr(header, name)]
