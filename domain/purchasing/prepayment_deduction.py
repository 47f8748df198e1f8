"""Purchase prepayments on the way to the final invoice: the deduction lines a final invoice
of an order carries, and "Check Prepmt. when Posting" before a receipt or an invoice.

Business Central (Purch.-Post, "Prepmt Amt to Deduct"): the final invoice deducts, line by
line, the prepayment invoiced for the order line it invoices; it posts to the same Purch.
Prepayments Account with the same VAT product group, so the prepayment account and the
prepayment's VAT are reversed and the vendor ledger entry shows the remainder. Here the
deduction is a G/L account line of the invoice draft (negative direct unit cost), posted by
the ordinary purchase planner; ``orders`` asks for the lines while it makes the draft.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.model import PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.setup.queries import company

#: a deduction line's text (the posted invoice shows it)
DEDUCTION = "Prepayment deduction / forskudd / vooruitbetaling"


def deduction_lines(session: Session, order: PurchaseHeader, quantities: dict[int, Decimal],
                    problems: list[Problem]) -> list[PurchaseLine]:
    """The deduction lines of invoicing ``quantities`` (order line no. -> qty) of ``order``;
    each order line's Prepmt Amt Deducted (and its net and VAT deducted) grows by its line's.
    A deduction line is a prepayment line: it posts exactly the net and VAT (document currency
    and LCY) it takes back of the prepayment invoices (:func:`prepayment_setup.to_deduct`)."""
    result = []
    lcy = company(session).currency
    for line in order.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        amount, fixed = ps.to_deduct(session, order, line, line.direct_unit_cost, qty, lcy)
        if amount == ZERO and fixed is None:
            continue
        account = ps.prepayment_account(session, "purchase", order.gen_bus_posting_group,
                                        line.gen_prod_posting_group, line.line_no, problems)
        result.append(PurchaseLine(
            type="gl_account", no=account or "", description=f"{DEDUCTION}, {line.line_no}: {line.description}"[:250],
            quantity=Decimal(1), unit_of_measure="", direct_unit_cost=-amount, line_discount_pct=ZERO,
            gen_prod_posting_group=line.gen_prod_posting_group, vat_prod_posting_group=line.vat_prod_posting_group,
            location_code="", **ps.prepayment_line_columns(-fixed if fixed is not None else None)))
    return result


def record_final(session: Session, order: PurchaseHeader, draft: PurchaseHeader, posted_no: str,
                 user: str | None) -> None:
    """A final invoice that deducted a prepayment is one of the order's prepayment documents
    (``deduction``: it is not cancelled on its own, :func:`prepayment_setup.cancel_problem`)."""
    deduction_nos = [line.line_no for line in draft.lines if line.receipt_line_id is None]
    if not deduction_nos:
        return
    rows = session.scalars(select(PostedPurchaseLine).where(
        PostedPurchaseLine.document_no == posted_no, PostedPurchaseLine.line_no.in_(deduction_nos))).all()
    ps.record(session, "purchase", "deduction", posted_no, order, order.vendor_no,
              -sum((r.amount for r in rows), ZERO), -sum((r.amount_including_vat for r in rows), ZERO), user)


def check(session: Session, order: PurchaseHeader) -> Rejected | None:
    """PREPMT-UNPAID when the company checks prepayments and ``order``'s is not invoiced and paid."""
    lines = [ps.prepayment_line(session, order, line, line.direct_unit_cost) for line in order.lines]
    problems = ps.check_problems(session, "purchase", order, lines, company(session).purch_check_prepmt)
    return Rejected(problems) if problems else None
