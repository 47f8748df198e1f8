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
from domain.money import ZERO, round_amount
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


@dataclass(frozen=True)
class ForeignApplication:
    """A local-currency payment applied to a foreign-currency entry (BC "Appln. between
    Currencies"): ``fcy`` of the entry's currency closes (a magnitude), paid with ``lcy`` of
    the payment at the payment date's rate; ``booked`` is what those ``fcy`` stood at in
    local currency at the entry's own rate. ``booked - lcy`` is the realized gain or loss."""

    fcy: Decimal
    lcy: Decimal
    booked: Decimal


def foreign_application(remaining: Decimal, entry_rate: Decimal, payment_left: Decimal, pay_rate: Decimal,
                        currency: str) -> ForeignApplication | None:
    """How far ``payment_left`` (local currency, positive) goes on an entry with ``remaining``
    (its own currency, signed) at ``pay_rate`` (local currency per unit at the payment date);
    ``None`` when it does not reach one minor unit of the entry's currency. ``booked`` is the
    change of the entry's remaining amount in local currency (each side rounded as a report
    shows it), so the control account keeps equalling the open entries' local value."""
    open_fcy = abs(remaining)
    full_lcy = round_amount(open_fcy * pay_rate, currency)
    if payment_left >= full_lcy:
        fcy, lcy = open_fcy, full_lcy
    else:
        fcy, lcy = min(open_fcy, round_amount(payment_left / pay_rate, currency)), payment_left
    if fcy <= ZERO:
        return None
    left = remaining - (fcy if remaining > ZERO else -fcy)
    booked = abs(round_amount(remaining * entry_rate, currency) - round_amount(left * entry_rate, currency))
    return ForeignApplication(fcy, lcy, booked)


def realized_gl_lines(party: str, party_no: str, difference: Decimal, control: str, gains: str,
                      losses: str) -> list[GLLine]:
    """The realized gain or loss of applications whose local value cleared (``booked``)
    differs from the money paid by ``difference`` (booked - paid): the control account
    moves by the extra ``difference`` and the gain (credit) or loss (debit) takes the other side."""
    if difference == ZERO:
        return []
    control_amount = difference if party == "vendor" else -difference
    account = gains if control_amount > ZERO else losses
    common = dict(source_type=party, source_no=party_no)
    return [GLLine(control, control_amount, f"realized exchange rate difference {party_no}", **common),
            GLLine(account, -control_amount, f"realized exchange rate difference {party_no}", **common)]
