"""Import a bank statement and apply its payments automatically (BC "Payment Reconciliation").

For every booked entry: money in is looked for among open customer entries,
money out among open vendor entries, by (1) the structured reference (KID,
betalingskenmerk) equal to the entry's payment reference, (2) a document no.
named in the reference or the remittance text (our invoice no., or the
vendor's invoice no.), (3) the exact open amount when exactly one entry has
it. A match posts a payment and applies it: in full, partially (the invoice
stays open with the rest) or with a residue left open on the payment entry.
No match posts nothing and keeps the line ``unmatched`` for a person. A line
already imported (same account and bank reference) is skipped, so importing a
statement twice changes nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.ledger.customer_entries import LEDGERS
from domain.money import ZERO
from domain.payments import camt
from domain.payments.model import BankStatementLine
from domain.payments.posting import payment_in_session
from domain.problems import Rejected


def import_camt(app: App, data: bytes) -> list[dict]:
    require(app, app.user, "payments.post")
    entries = camt.parse(data)
    results = []
    for entry in entries:  # one transaction per statement line: one bad line does not block the rest
        with app.uow() as session:
            results.append(_import_line(session, entry, app.user))
    return results


def _import_line(session: Session, entry: camt.StatementEntry, user) -> dict:
    existing = session.scalar(select(BankStatementLine).where(
        BankStatementLine.account_iban == entry.account_iban,
        BankStatementLine.entry_reference == entry.entry_reference))
    if existing is not None:
        return _row(existing, skipped=True)
    line = BankStatementLine(
        statement_id=entry.statement_id, account_iban=entry.account_iban, entry_reference=entry.entry_reference,
        booking_date=entry.booking_date, amount=entry.amount, currency=entry.currency,
        counterparty_name=entry.counterparty_name[:250], counterparty_iban=entry.counterparty_iban,
        reference=entry.reference[:140], remittance_text=entry.remittance_text[:250], status="unmatched",
        party_type="", residue=entry.amount)
    match = find_match(session, entry)
    if match is not None:
        party, target = match
        party_no = getattr(target, LEDGERS[party][2])
        result = payment_in_session(session, party, party_no, abs(entry.amount), [target.document_no],
                                    entry.booking_date, entry.entry_reference[:50], user)
        if not isinstance(result, Rejected):
            line.party_type, line.party_no = party, party_no
            line.payment_document_no, line.applied_document_no = result.document_no, target.document_no
            line.residue = result.residue
            line.status = "applied" if result.residue == ZERO and target.document_no in result.closed else "partial"
    session.add(line)
    session.flush()
    return _row(line)


def find_match(session: Session, entry: camt.StatementEntry):
    """(party, open ledger entry) the statement entry pays, or None."""
    party = "customer" if entry.amount > ZERO else "vendor"
    cls = LEDGERS[party][0]
    open_entries = session.scalars(select(cls).where(cls.open.is_(True), cls.document_type == "invoice")
                                   .order_by(cls.entry_no)).all()
    if entry.reference:
        found = [e for e in open_entries if e.payment_reference and e.payment_reference == entry.reference]
        if len(found) == 1:
            return party, found[0]
    text = f"{entry.reference} {entry.remittance_text}".upper()
    named = [e for e in open_entries if _named(e, party, text)]
    if len(named) == 1:
        return party, named[0]
    same = [e for e in open_entries if e.remaining_amount == entry.amount]  # vendor: both negative
    if len(same) == 1:
        return party, same[0]
    return None


def _named(entry, party: str, text: str) -> bool:
    number = entry.document_no if party == "customer" else entry.external_document_no
    return bool(number) and number.upper() in text


def _row(line: BankStatementLine, skipped: bool = False) -> dict:
    return {"entry_reference": line.entry_reference, "booking_date": line.booking_date, "amount": line.amount,
            "status": "already imported" if skipped else line.status, "party_type": line.party_type,
            "party_no": line.party_no, "applied_document_no": line.applied_document_no,
            "payment_document_no": line.payment_document_no, "residue": line.residue,
            "reference": line.reference, "counterparty": line.counterparty_name}


def statement_lines(app: App, status: str | None = None) -> list[dict]:
    with app.uow() as session:
        query = select(BankStatementLine).order_by(BankStatementLine.id)
        if status:
            query = query.where(BankStatementLine.status == status)
        return [_row(line) for line in session.scalars(query)]
