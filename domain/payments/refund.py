"""Refunds: pay back an open credit of a customer or vendor and close it (BC "Refund").

An overpayment (a payment larger than the entries it was applied to) leaves its rest open on
the payment entry; a credit memo with nothing to apply to stays open too. ``payments refund``
posts a refund entry of the opposite sign and applies it to those open credits, oldest first
(or to the ones named), so they close. A refund is never larger than the open credit: BC would
leave the difference open as a new debit, which is a payment the customer never asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.inventory import costs as sales_costing
from domain.ledger.customer_entries import LEDGERS, apply_pair, write_customer_entry
from domain.ledger.rules.posting import CustomerEntryPlan
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO
from domain.parse import AMOUNT, number_problem
from domain.payments import refund_rules as rules
from domain.payments.posting import BANK_ACCOUNT
from domain.payments.rules import PaymentSnapshot
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Customer, Vendor
from domain.setup.numbers import next_no
from domain.setup.queries import company, setup_tables


@dataclass(frozen=True)
class RefundResult:
    document_no: str
    entry_no: int
    amount: Decimal
    closed: tuple[str, ...]


def post_refund(app: App, party: str, party_no: str, amount: Decimal | None = None,
                apply_to: list[str] | None = None, posting_date: dt.date | None = None,
                external_no: str = "") -> RefundResult | Rejected:
    """Refund ``amount`` (default: all the open credit named or found) to ``party_no``."""
    def run(session: Session):
        date = posting_date or app.today(company(session).time_zone)
        return refund_in_session(session, party, party_no, amount, apply_to or [], date, external_no, app.user)

    return access.command(app, "payments.post", run)


def open_credits(session: Session, party: str, party_no: str) -> list:
    cls, _, column, _, _ = LEDGERS[party]
    sign = rules.credit_sign(party)
    entries = session.scalars(select(cls).where(getattr(cls, column) == party_no, cls.open.is_(True))
                              .order_by(cls.entry_no)).all()
    return [e for e in entries if e.remaining_amount * sign > ZERO]


def _problems(session, party, party_no, amount, apply_to) -> tuple[list[Problem], list]:
    cards = {"customer": Customer, "vendor": Vendor}
    if party not in cards or session.get(cards[party], party_no) is None:
        return [Problem("PAY-UNKNOWN-PARTY", "party_no", {"party": party, "party_no": party_no})], []
    if amount is not None:
        if amount <= ZERO:
            return [Problem("PAY-AMOUNT-NOT-POSITIVE", "amount", {"amount": str(amount)})], []
        if (problem := number_problem(amount, "amount", AMOUNT)) is not None:
            return [problem], []
    credits = open_credits(session, party, party_no)
    if apply_to:
        by_no = {e.document_no: e for e in credits}
        missing = [no for no in apply_to if no not in by_no]
        if missing:
            return [Problem("PAY-NO-OPEN-CREDIT-ENTRY", "apply_to", {"document_no": no}) for no in missing], []
        credits = [by_no[no] for no in apply_to]
    plain = [rules.OpenCredit(e.entry_no, e.document_no, abs(e.remaining_amount)) for e in credits]
    return rules.refund_problems(plain, amount, party_no), credits


def refund_in_session(session: Session, party: str, party_no: str, amount: Decimal | None, apply_to: list[str],
                      posting_date: dt.date, external_no: str, user) -> RefundResult | Rejected:
    problems, credits = _problems(session, party, party_no, amount, apply_to)
    if problems:
        return Rejected(problems)
    amount = amount if amount is not None else sum((abs(e.remaining_amount) for e in credits), ZERO)
    comp = company(session)
    plan = rules.plan_refund(_snapshot(session, comp, party, party_no, amount, posting_date, external_no),
                             setup_tables(session))
    if isinstance(plan, Rejected):
        return plan
    document_no = next_no(session, "PAY")
    written = write_plan(session, plan, DocRef("refund", document_no, "PAYMENTS", user, party, party_no), False)
    if party == "customer":
        write_customer_entry(session, CustomerEntryPlan(party_no, "refund", amount, amount, posting_date, None, ZERO,
                                                        f"refund {external_no}".strip(), None),
                             posting_date, posting_date, "refund", document_no, external_no,
                             written.transaction_no, user)
    cls = LEDGERS[party][0]
    refund = session.scalar(select(cls).where(cls.document_no == document_no))
    closed = []
    for credit in credits:
        if refund.remaining_amount == ZERO:
            break
        apply_pair(session, party, refund, credit, posting_date, document_no, written.transaction_no)
        if not credit.open:
            closed.append(credit.document_no)
    return RefundResult(document_no, refund.entry_no, amount, tuple(closed))


def _snapshot(session, comp, party, party_no, amount, posting_date, external_no) -> PaymentSnapshot:
    if party == "customer":
        control = sales_costing.receivables_account(session, session.get(Customer, party_no).customer_posting_group)
    else:
        control = setup_tables(session).payables.get(session.get(Vendor, party_no).vendor_posting_group)
    return PaymentSnapshot(party, party_no, amount, ZERO, posting_date, external_no, BANK_ACCOUNT.get(comp.country),
                           control, None)
