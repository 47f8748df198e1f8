"""Refund plans and overpayment warnings (pure).

BC "Reconcile customer payments" / "Apply Entries": a payment larger than the entries it is
applied to leaves the rest open on the payment entry, a credit of the customer (or, for a
vendor, money the vendor owes back). A refund (BC document type "Refund" in the payment
journal) pays that credit back and is applied to it, which closes it: a customer refund
credits the bank and debits Receivables, a vendor refund debits the bank and credits Payables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.ledger.rules.posting import GLLine, PostingPlan, VendorEntryPlan
from domain.money import ZERO
from domain.payments.rules import PaymentSnapshot
from domain.problems import Problem, Rejected
from domain.setup.posting_setup import SetupTables


@dataclass(frozen=True)
class OpenCredit:
    """An open entry the party is owed: customer entries below zero, vendor entries above."""

    entry_no: int
    document_no: str
    remaining: Decimal  # a magnitude


def credit_sign(party: str) -> Decimal:
    """The sign of an open credit's remaining amount on the party's ledger."""
    return Decimal(-1) if party == "customer" else Decimal(1)


def refund_problems(credits: list[OpenCredit], amount: Decimal | None, party_no: str) -> list[Problem]:
    """Nothing to refund, or a refund larger than the open credit it would close."""
    total = sum((c.remaining for c in credits), ZERO)
    if total == ZERO:
        return [Problem("PAY-NO-OPEN-CREDIT", "party_no", {"party_no": party_no})]
    if amount is not None and amount > total:
        return [Problem("PAY-REFUND-EXCEEDS-CREDIT", "amount", {"amount": str(amount), "credit": str(total)})]
    return []


def plan_refund(s: PaymentSnapshot, setup: SetupTables) -> PostingPlan | Rejected:
    """The balanced plan of a refund of ``s.amount`` (positive): the payment's lines reversed."""
    problems: list[Problem] = []
    bank = setup.account(s.bank_account, problems, "bank account")
    control = setup.account(s.control_account, problems, "receivables" if s.party == "customer" else "payables")
    if problems:
        return Rejected(problems)
    sign = Decimal(-1) if s.party == "customer" else Decimal(1)  # money out to a customer
    common = dict(source_type=s.party, source_no=s.party_no)
    plan = PostingPlan("refund", s.posting_date, s.posting_date, s.external_no or None, gl_lines=[
        GLLine(bank, sign * s.amount, f"refund {s.party_no}", **common),
        GLLine(control, -sign * s.amount, f"refund {s.party_no}", **common)])
    if s.party == "vendor":
        plan.vendor_entry = VendorEntryPlan(s.party_no, "refund", -s.amount, -s.amount, s.posting_date,
                                            None, ZERO, f"refund {s.external_no}".strip(), None)
    return plan.assert_balanced()


def overpayment_warning(party: str, party_no: str, residue: Decimal, applied_to: list[str]) -> list[Problem]:
    """PAY-OVERPAYMENT when a payment applied to entries was more than they needed: the rest
    stays open as a credit (BC leaves it on the payment entry); ``payments refund`` pays it back."""
    if residue <= ZERO or not applied_to:
        return []
    return [Problem("PAY-OVERPAYMENT", "amount", {"party": party, "party_no": party_no, "credit": str(residue)})]
