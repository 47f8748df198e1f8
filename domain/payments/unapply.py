"""``payments unapply ENTRY``: undo the latest application of a customer or vendor ledger entry.

BC "Unapply Entries" (Customer / Vendor Ledger Entries > Unapply Entries): the application is
undone as a whole (every detailed application entry of its transaction, so a payment applied to
three invoices reopens all three) by new detailed entries of the opposite amount, dated on or after
the application; the entries it closed are open again. A payment discount the application took is
given back as well: the invoice owes it again, and its G/L (the discount account against
Receivables / Payables) is reversed in the same transaction. Refused, as BC refuses, when:

- an entry of that application was applied again later (that later application depends on it:
  unapply it first), PAY-UNAPPLY-LATER-APPLICATION;
- the entry belongs to a cancelled document or its correction (BC: a reversed entry cannot be
  unapplied; here a cancelled invoice and its corrective credit memo are the reversal), PAY-UNAPPLY-REVERSED;
- the application crossed currencies: undoing it would have to reverse the realized exchange
  difference too, which this does not do yet, PAY-UNAPPLY-NOT-SUPPORTED;
- there is no application left to undo, PAY-NOTHING-TO-UNAPPLY.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.inventory.costs import receivables_account
from domain.ledger.customer_entries import LEDGERS
from domain.ledger.model import GLEntry
from domain.ledger.rules.posting import PostingPlan
from domain.ledger.unapply_entries import application_rows, reverse_application
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO
from domain.payments import unapply_rules
from domain.payments.model import LedgerUnapplication
from domain.problems import Problem, Rejected
from domain.purchasing.model import PostedPurchaseHeader
from domain.sales.model import PostedSalesHeader
from domain.setup.model.cards import Customer, Vendor
from domain.setup.queries import company, setup_tables


def unapply(app: App, entry: str, party: str | None = None, posting_date: dt.date | None = None) -> dict | Rejected:
    """Undo the latest application of ledger entry ``entry`` (an entry no. of ``party``'s ledger,
    customer by default, or a document no. of either ledger)."""
    def run(session: Session):
        date = posting_date or app.today(company(session).time_zone)
        return unapply_in_session(session, entry, party, date, app.user)

    return access.command(app, "payments.post", run)


def find_entry(session: Session, ref: str, party: str | None):
    """(party, ledger entry) named by an entry no. (of ``party``'s ledger) or a document no."""
    parties = [party] if party else ["customer", "vendor"]
    for name in parties:
        cls = LEDGERS[name][0]
        if ref.isdigit():
            if name != (party or "customer"):
                continue
            found = session.get(cls, int(ref))
        else:
            found = session.scalar(select(cls).where(cls.document_no == ref).order_by(cls.entry_no))
        if found is not None:
            return name, found
    return None, None


def _unapplied(session: Session, party: str) -> set[int]:
    return set(session.scalars(select(LedgerUnapplication.application_transaction_no)
                               .where(LedgerUnapplication.party == party)))


def _reversed(session: Session, party: str, entry) -> bool:
    header = session.get(PostedSalesHeader if party == "customer" else PostedPurchaseHeader, entry.document_no)
    return header is not None and (header.cancelled or header.is_correction)


def unapply_in_session(session: Session, ref: str, party: str | None, posting_date: dt.date,
                       user) -> dict | Rejected:
    party, entry = find_entry(session, ref, party)
    if entry is None:
        return Rejected([Problem("PAY-ENTRY-NOT-FOUND", "entry", {"entry": ref})])
    if _reversed(session, party, entry):
        return Rejected([Problem("PAY-UNAPPLY-REVERSED", "entry", {"entry": ref, "document_no": entry.document_no})])
    _, detailed, _, key, _ = LEDGERS[party]
    done = _unapplied(session, party)
    applications = [t for t in session.scalars(
        select(detailed.transaction_no).where(getattr(detailed, key) == entry.entry_no,
                                              detailed.entry_type == "application")
        .order_by(detailed.transaction_no.desc())) if t not in done]
    if not applications:
        return Rejected([Problem("PAY-NOTHING-TO-UNAPPLY", "entry", {"entry": ref})])
    transaction_no = applications[0]
    rows = application_rows(session, party, transaction_no)
    problem = _blocking(session, party, rows, transaction_no, done, posting_date, ref)
    if problem is not None:
        return Rejected([problem])
    document_no = rows[0].document_no
    party_no = getattr(entry, LEDGERS[party][2])
    plan = _plan(session, party, party_no, rows, transaction_no, posting_date)
    if isinstance(plan, Rejected):
        return plan
    written = write_plan(session, plan, DocRef("unapply", document_no, "UNAPPLY", user, party, party_no), False)
    entries = reverse_application(session, party, rows, posting_date, written.transaction_no)
    session.add(LedgerUnapplication(party=party, entry_no=entry.entry_no, application_transaction_no=transaction_no,
                                    transaction_no=written.transaction_no, posting_date=posting_date, user_id=user))
    session.flush()
    return {"party": party, "entry_no": entry.entry_no, "document_no": entry.document_no,
            "application": document_no, "application_transaction_no": transaction_no,
            "transaction_no": written.transaction_no,
            "reopened": [{"entry_no": e.entry_no, "document_no": e.document_no, "remaining_amount": e.remaining_amount,
                          "open": e.open} for e in sorted(entries, key=lambda e: e.entry_no)]}


def _plan(session: Session, party: str, party_no: str, rows: list, transaction_no: int,
          posting_date: dt.date) -> PostingPlan | Rejected:
    """The unapplication's G/L: none, or the payment discount's reversed (the discount account as
    the application posted it, Receivables / Payables of the party's posting group)."""
    discount = sum((r.amount for r in rows if r.entry_type == "payment_discount"), ZERO)
    if discount == ZERO:
        return PostingPlan("unapply", posting_date, posting_date, None)
    account = session.scalar(select(GLEntry.gl_account_no).where(
        GLEntry.transaction_no == transaction_no, GLEntry.description == "payment discount"))
    if party == "customer":
        control = receivables_account(session, session.get(Customer, party_no).customer_posting_group)
    else:
        control = setup_tables(session).payables.get(session.get(Vendor, party_no).vendor_posting_group)
    return unapply_rules.discount_reversal(party, party_no, discount, posting_date, control, account,
                                           setup_tables(session))


def _blocking(session: Session, party: str, rows: list, transaction_no: int, done: set[int],
              posting_date: dt.date, ref: str) -> Problem | None:
    _, detailed, _, key, _ = LEDGERS[party]
    if any(r.amount != r.amount_lcy for r in rows):
        return Problem("PAY-UNAPPLY-NOT-SUPPORTED", "entry", {"entry": ref, "document_no": rows[0].document_no})
    applied_on = max(r.posting_date for r in rows)
    if posting_date < applied_on:
        return Problem("PAY-UNAPPLY-DATE-BEFORE-APPLICATION", "posting_date",
                       {"posting_date": posting_date.isoformat(), "applied_on": applied_on.isoformat()})
    involved = sorted({getattr(r, key) for r in rows})
    later = session.scalars(select(detailed).where(
        getattr(detailed, key).in_(involved), detailed.entry_type == "application",
        detailed.transaction_no > transaction_no).order_by(detailed.transaction_no)).all()
    later = [r for r in later if r.transaction_no not in done]
    if later:
        return Problem("PAY-UNAPPLY-LATER-APPLICATION", "entry",
                       {"entry": ref, "entry_no": getattr(later[0], key), "document_no": later[0].document_no})
    return None
