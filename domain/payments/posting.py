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
from domain.ledger.writer import DocRef, gl_row, write_gl_rows, write_plan
from domain.money import ZERO, round_amount
from domain.parse import AMOUNT, RATE, number_problem
from domain.payments import rules
from domain.problems import Problem, Rejected
from domain.setup.initialize import CHARTS
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
                 posting_date: dt.date | None = None, external_no: str = "",
                 exchange_rate: Decimal | None = None) -> PaymentResult | Rejected:
    """``amount`` is in local currency. Applied to an entry in a foreign currency it closes
    what it buys of that currency at ``exchange_rate`` (local currency per unit on the
    payment date; default the entry's own rate), and the difference to the entry's local
    value posts as a realized exchange gain or loss (BC "Appln. between Currencies")."""
    def run(session: Session):
        date = posting_date or app.today(company(session).time_zone)
        return payment_in_session(session, party, party_no, amount, apply_to or [], date, external_no, app.user,
                                  exchange_rate)

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
                       posting_date: dt.date, external_no: str, user,
                       exchange_rate: Decimal | None = None) -> PaymentResult | Rejected:
    problems = _party_problems(session, party, party_no, amount)
    if exchange_rate is not None and (problem := _rate_problem(exchange_rate)) is not None:
        problems.append(problem)
    targets = [] if problems else _targets(session, party, party_no, apply_to, problems)
    comp = company(session) if not problems else None
    fx = _fx_accounts(session, comp, problems) if any(_foreign(e) for e in targets) else None
    if problems:
        return Rejected(problems)
    rates = {e.entry_no: exchange_rate or _own_rate(e) for e in targets if _foreign(e)}
    discounts = rules.discounts([_open_entry(e, rates.get(e.entry_no), comp.currency) for e in targets], amount,
                                posting_date)
    document_no = next_no(session, "PAY")
    sign = Decimal(-1) if party == "customer" else Decimal(1)  # the payment entry's sign
    snapshot = _snapshot(session, comp, party, party_no, amount, sum(discounts.values(), ZERO), posting_date,
                         external_no)
    plan = rules.plan_payment(snapshot, setup_tables(session))
    if isinstance(plan, Rejected):
        return plan
    written = write_plan(session, plan, DocRef("payment", document_no, "PAYMENTS", user, party, party_no), False)
    entry = _payment_entry(session, party, party_no, sign * amount, plan, document_no, external_no, written, user)
    result, difference = _apply(session, party, entry, targets, discounts, posting_date, document_no,
                                written.transaction_no, rates, comp.currency)
    if difference:
        lines = rules.realized_gl_lines(party, party_no, difference, snapshot.control_account, *fx)
        write_gl_rows(session, [gl_row(line, posting_date, "payment", document_no, written.transaction_no, user)
                                for line in lines])
    return result


def _foreign(entry) -> bool:
    """An entry in another currency than the company's: its amount and local amount differ
    (ledger entries carry both; the currency code column is not filled yet)."""
    return entry.amount != entry.amount_lcy and entry.amount != ZERO


def _own_rate(entry) -> Decimal:
    return entry.amount_lcy / entry.amount


def _rate_problem(rate: Decimal) -> Problem | None:
    if not rate.is_finite() or rate <= ZERO:
        return Problem("PAY-INVALID-EXCHANGE-RATE", "exchange_rate", {"value": str(rate)})
    return number_problem(rate, "exchange_rate", RATE)


def _fx_accounts(session, comp, problems) -> tuple[str, str] | None:
    """The realized gains and losses accounts (BC Currency: Realized Gains/Losses Acc.) of
    the company's chart, checked before anything is written."""
    chart = CHARTS.get(comp.country)
    setup = setup_tables(session)
    gains = setup.account(chart.realized_gains_account if chart else None, problems, "realized gains account")
    losses = setup.account(chart.realized_losses_account if chart else None, problems, "realized losses account")
    return (gains, losses) if gains and losses else None


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


def _open_entry(entry, rate: Decimal | None, currency: str) -> rules.OpenEntry:
    if rate is not None:  # in local currency at the payment's rate; no payment discount across currencies
        return rules.OpenEntry(entry.entry_no, round_amount(entry.amount * rate, currency),
                               round_amount(entry.remaining_amount * rate, currency), ZERO, None)
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


def _apply(session, party, payment, targets, discounts, posting_date, document_no, transaction_no, rates,
           currency) -> tuple[PaymentResult, Decimal]:
    """Apply the payment to ``targets`` in order; returns the result and the realized
    difference (local value cleared on foreign entries less the money it took)."""
    applied = discount_total = difference = ZERO
    closed = []
    for entry in targets:
        if entry.entry_no in rates:
            if payment.remaining_amount == ZERO:
                break
            found = rules.foreign_application(entry.remaining_amount, _own_rate(entry),
                                              abs(payment.remaining_amount), rates[entry.entry_no], currency)
            if found is None:
                break
            sign = Decimal(1) if entry.remaining_amount > ZERO else Decimal(-1)
            apply_entries(session, party, entry, payment, sign * found.fcy, posting_date, document_no,
                          transaction_no, amount_lcy=sign * found.booked)
            apply_entries(session, party, payment, entry, -sign * found.lcy, posting_date, document_no,
                          transaction_no)
            applied += found.lcy
            difference += found.booked - found.lcy
            if not entry.open:
                closed.append(entry.document_no)
            continue
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
                         tuple(closed)), difference
