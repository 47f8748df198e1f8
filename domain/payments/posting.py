"""Payment journal: customer and vendor payments applied to open ledger entries.

BC "Payment Journal" with "Apply Entries": a customer payment credits
Receivables and debits the bank account (a vendor payment debits Payables and
credits the bank); its ledger entry is applied to the chosen open entries in
order, each as far as the money goes (full or partial application). Within an
entry's payment discount date, an entry whose remaining amount minus the
possible discount is covered closes with a ``payment_discount`` detailed entry
(BC "Payment Discount"), posted in G/L to the sales account (customer) or the
purchase account (vendor) of the first General Posting Setup row, because the
starting charts have no separate discount accounts. What is not applied stays
open on the payment entry and shows in the ledger reports.
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
from domain.ledger.customer_entries import LEDGERS, apply_entries, write_customer_entry
from domain.ledger.rules.posting import CustomerEntryPlan
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO
from domain.parse import AMOUNT, number_problem
from domain.payments import rules
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Customer, Vendor
from domain.setup.numbers import next_no
from domain.setup.queries import company, setup_tables

BANK_ACCOUNT = {"NO": "1920", "NL": "1100"}


@dataclass(frozen=True)
class PaymentResult:
    document_no: str
    entry_no: int
    applied: Decimal
    discount: Decimal
    residue: Decimal
    closed: tuple[str, ...]


def post_payment(app: App, party: str, party_no: str, amount: Decimal, apply_to: list[str] | None = None,
                 posting_date: dt.date | None = None, external_no: str = "") -> PaymentResult | Rejected:
    def run(session: Session):
        date = posting_date or app.today(company(session).time_zone)
        return payment_in_session(session, party, party_no, amount, apply_to or [], date, external_no, app.user)

    return access.command(app, "payments.post", run)


def _party_problems(session, party, party_no, amount) -> list[Problem]:
    cls = Customer if party == "customer" else Vendor
    if party not in LEDGERS or session.get(cls, party_no) is None:
        return [Problem("PAY-UNKNOWN-PARTY", "party_no", {"party": party, "party_no": party_no})]
    if amount <= ZERO:
        return [Problem("PAY-AMOUNT-NOT-POSITIVE", "amount", {"amount": str(amount)})]
    if (problem := number_problem(amount, "amount", AMOUNT)) is not None:  # 1.234, 10^20: before the database
        return [problem]
    return []


def payment_in_session(session: Session, party: str, party_no: str, amount: Decimal, apply_to: list[str],
                       posting_date: dt.date, external_no: str, user) -> PaymentResult | Rejected:
    problems = _party_problems(session, party, party_no, amount)
    targets = [] if problems else _targets(session, party, party_no, apply_to, problems)
    if problems:
        return Rejected(problems)
    comp = company(session)
    discounts = rules.discounts([_open_entry(e) for e in targets], amount, posting_date)
    document_no = next_no(session, "PAY")
    sign = Decimal(-1) if party == "customer" else Decimal(1)  # the payment entry's sign
    snapshot = _snapshot(session, comp, party, party_no, amount, sum(discounts.values(), ZERO), posting_date,
                         external_no)
    plan = rules.plan_payment(snapshot, setup_tables(session))
    if isinstance(plan, Rejected):
        return plan
    written = write_plan(session, plan, DocRef("payment", document_no, "PAYMENTS", user, party, party_no), False)
    entry = _payment_entry(session, party, party_no, sign * amount, plan, document_no, external_no, written, user)
    return _apply(session, party, entry, targets, discounts, posting_date, document_no, written.transaction_no)


def _targets(session, party, party_no, apply_to, problems):
    cls, _, column, _, _ = LEDGERS[party]
    targets = []
    for document_no in apply_to:
        entry = session.scalar(select(cls).where(cls.document_no == document_no, getattr(cls, column) == party_no))
        if entry is None or not entry.open:
            problems.append(Problem("PAY-NO-OPEN-ENTRY", "apply_to", {"document_no": document_no}))
        else:
            targets.append(entry)
    return targets


def _open_entry(entry) -> rules.OpenEntry:
    return rules.OpenEntry(entry.entry_no, entry.amount, entry.remaining_amount,
                           entry.original_pmt_disc_possible, entry.pmt_discount_date)


def _snapshot(session, comp, party, party_no, amount, discount, posting_date, external_no) -> rules.PaymentSnapshot:
    """The accounts a payment posts to, resolved from the party's posting group."""
    setup = setup_tables(session)
    if party == "customer":
        group = session.get(Customer, party_no).customer_posting_group
        control = sales_costing.receivables_account(session, group)
    else:
        group = session.get(Vendor, party_no).vendor_posting_group
        control = setup.payables.get(group)
    general = next(iter(setup.general.values()), None)
    discount_account = (general.sales_account if party == "customer" else general.purch_account) if general else None
    return rules.PaymentSnapshot(party, party_no, amount, discount, posting_date, external_no,
                                 BANK_ACCOUNT.get(comp.country), control, discount_account)


def _payment_entry(session, party, party_no, signed, plan, document_no, external_no, written, user):
    cls = LEDGERS[party][0]
    if party == "customer":
        write_customer_entry(session, CustomerEntryPlan(party_no, "payment", signed, signed, plan.posting_date, None,
                                                        ZERO, f"payment {external_no}".strip(), None),
                             plan.posting_date, plan.posting_date, "payment", document_no, external_no,
                             written.transaction_no, user)
    return session.scalar(select(cls).where(cls.document_no == document_no))


def _apply(session, party, payment, targets, discounts, posting_date, document_no, transaction_no):
    applied = discount_total = ZERO
    closed = []
    for entry in targets:
        discount = discounts.get(entry.entry_no, ZERO)
        sign = Decimal(1) if entry.remaining_amount > ZERO else Decimal(-1)
        if discount:
            apply_entries(session, party, entry, None, sign * discount, posting_date, document_no, transaction_no,
                          "payment_discount")
            discount_total += discount
        take = min(abs(entry.remaining_amount), abs(payment.remaining_amount))
        if take == ZERO:
            break
        apply_entries(session, party, entry, payment, sign * take, posting_date, document_no, transaction_no)
        apply_entries(session, party, payment, entry, -sign * take, posting_date, document_no, transaction_no)
        applied += take
        if not entry.open:
            closed.append(entry.document_no)
    return PaymentResult(document_no, payment.entry_no, applied, discount_total, abs(payment.remaining_amount),
                         tuple(closed))
