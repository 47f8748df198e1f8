"""Payment plans (pure): what a customer or vendor payment posts, and which payment
discounts it takes.

BC "Payment Journal" with "Apply Entries": a customer payment debits the bank and
credits Receivables; a vendor payment credits the bank and debits Payables. A
payment discount (BC "Payment Discount") is taken on an entry paid in full, less
its possible discount, on or before its discount date; it posts to the discount
account the service resolved. Everything here works on plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from domain.ledger.rules.posting import GLLine, PostingPlan, VendorEntryPlan
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.setup.posting_setup import SetupTables


@dataclass(frozen=True)
class OpenEntry:
    """An open ledger entry a payment is applied to."""

    entry_no: int
    amount: Decimal
    remaining_amount: Decimal
    discount_possible: Decimal
    discount_date: dt.date | None


@dataclass(frozen=True)
class PaymentSnapshot:
    party: str  # customer | vendor
    party_no: str
    amount: Decimal
    discount: Decimal
    posting_date: dt.date
    external_no: str
    bank_account: str | None
    control_account: str | None  # receivables or payables
    discount_account: str | None


def discounts(targets: list[OpenEntry], amount: Decimal, posting_date: dt.date) -> dict[int, Decimal]:
    """Discount per entry no. taken because it is paid in full (less discount) within the discount date."""
    result, left = {}, amount
    for entry in targets:
        remaining = abs(entry.remaining_amount)
        discount = abs(entry.discount_possible)
        if discount and entry.discount_date and posting_date <= entry.discount_date \
                and left >= remaining - discount and remaining == abs(entry.amount):
            result[entry.entry_no] = discount
            left -= remaining - discount
        else:
            left -= min(left, remaining)
    return result


def plan_payment(s: PaymentSnapshot, setup: SetupTables) -> PostingPlan | Rejected:
    """The complete posting plan of one payment, balanced, or every problem at once."""
    problems: list[Problem] = []
    bank = setup.account(s.bank_account, problems, "bank account")
    control = setup.account(s.control_account, problems, "receivables" if s.party == "customer" else "payables")
    discount_account = setup.account(s.discount_account, problems, "payment discount account") \
        if s.discount else None
    if problems:
        return Rejected(problems)
    sign = Decimal(1) if s.party == "customer" else Decimal(-1)  # money in for a customer
    common = dict(source_type=s.party, source_no=s.party_no)
    plan = PostingPlan("payment", s.posting_date, s.posting_date, s.external_no or None, gl_lines=[
        GLLine(bank, sign * s.amount, f"payment {s.party_no}", **common),
        GLLine(control, -sign * (s.amount + s.discount), f"payment {s.party_no}", **common)])
    if s.discount:
        plan.gl_lines.append(GLLine(discount_account, sign * s.discount, "payment discount", **common))
    if s.party == "vendor":
        plan.vendor_entry = VendorEntryPlan(s.party_no, "payment", s.amount, s.amount, s.posting_date,
                                            None, ZERO, f"payment {s.external_no}".strip(), None)
    return plan.assert_balanced()
