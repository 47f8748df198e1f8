"""Customer ledger writes shared by sales posting, corrections and payments.

Mirrors the vendor ledger (``domain.ledger.writer``): one customer
ledger entry per document with its initial detailed entry; applying two open
entries to each other writes an ``application`` detailed entry on both and
lowers their remaining amounts, closing an entry when nothing remains (BC
"Apply Customer Entries"). The same helpers serve vendor entries, whose
columns have the same names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.ledger.model import (
    CustomerLedgerEntry,
    DetailedCustomerLedgerEntry,
    DetailedVendorLedgerEntry,
    VendorLedgerEntry,
)
from domain.ledger.rules.posting import CustomerEntryPlan
from domain.money import ZERO

#: party -> (ledger entry class, detailed class, party column, applied column on the detailed entry)
LEDGERS = {
    "customer": (CustomerLedgerEntry, DetailedCustomerLedgerEntry, "customer_no",
                 "customer_ledger_entry_no", "applied_customer_ledger_entry_no"),
    "vendor": (VendorLedgerEntry, DetailedVendorLedgerEntry, "vendor_no",
               "vendor_ledger_entry_no", "applied_vendor_ledger_entry_no"),
}


def write_customer_entry(session: Session, entry: CustomerEntryPlan, posting_date: dt.date,
                         document_date: dt.date, document_type: str, document_no: str,
                         external_no: str, transaction_no: int, user: str | None) -> int:
    entry_no = session.execute(insert(CustomerLedgerEntry).returning(CustomerLedgerEntry.entry_no), {
        "transaction_no": transaction_no, "customer_no": entry.customer_no, "posting_date": posting_date,
        "document_date": document_date, "document_type": document_type, "document_no": document_no,
        "external_document_no": external_no or "", "description": entry.description[:250],
        "currency_code": "", "amount": entry.amount, "amount_lcy": entry.amount_lcy,
        "remaining_amount": entry.amount, "due_date": entry.due_date,
        "pmt_discount_date": entry.pmt_discount_date, "original_pmt_disc_possible": entry.discount_possible,
        "payment_reference": entry.payment_reference, "open": entry.amount != ZERO, "user_id": user,
    }).scalar_one()
    session.execute(insert(DetailedCustomerLedgerEntry), {
        "customer_ledger_entry_no": entry_no, "entry_type": "initial_entry", "posting_date": posting_date,
        "document_no": document_no, "amount": entry.amount, "amount_lcy": entry.amount_lcy,
        "transaction_no": transaction_no})
    return entry_no


def entry_by_document(session: Session, party: str, document_no: str):
    cls = LEDGERS[party][0]
    return session.scalar(lock(session, select(cls).where(cls.document_no == document_no)))


def apply_entries(session: Session, party: str, entry, other, amount: Decimal, posting_date: dt.date,
                  document_no: str, transaction_no: int, entry_type: str = "application",
                  amount_lcy: Decimal | None = None) -> None:
    """Lower ``entry``'s remaining amount by ``amount`` (same sign as the entry), applied to ``other``;
    ``amount_lcy``: its local-currency value when the entry is in a foreign currency."""
    _, detailed, _, key, applied = LEDGERS[party]
    session.execute(insert(detailed), {
        key: entry.entry_no, "entry_type": entry_type, "posting_date": posting_date,
        "document_no": document_no, "amount": -amount, "amount_lcy": -(amount if amount_lcy is None else amount_lcy),
        applied: other.entry_no if other is not None else None, "transaction_no": transaction_no})
    entry.remaining_amount = entry.remaining_amount - amount
    if entry.remaining_amount == ZERO:
        entry.open = False
        entry.closed_by_entry_no = other.entry_no if other is not None else None
        entry.closed_at_date = posting_date


def apply_pair(session: Session, party: str, first, second, posting_date: dt.date, document_no: str,
               transaction_no: int) -> Decimal:
    """Apply two open entries of opposite sign as far as they go; returns the amount applied."""
    amount = min(abs(first.remaining_amount), abs(second.remaining_amount))
    if amount == ZERO:
        return ZERO
    sign_first = Decimal(1) if first.remaining_amount > ZERO else Decimal(-1)
    apply_entries(session, party, first, second, sign_first * amount, posting_date, document_no,
                  transaction_no)
    apply_entries(session, party, second, first, -sign_first * amount, posting_date, document_no,
                  transaction_no)
    return amount


def apply_to_document(session: Session, party: str, party_no: str, document_no: str, applies_to_doc_no: str,
                      posting_date: dt.date) -> Decimal:
    """BC "Applies-to Doc. No." on a credit memo: its new entry (``document_no``) closes the
    open entry of the invoice ``applies_to_doc_no`` of the same vendor/customer as far as
    the amounts go; returns the amount applied (zero: nothing open to apply to)."""
    party_key = LEDGERS[party][2]
    new = entry_by_document(session, party, document_no)
    target = entry_by_document(session, party, applies_to_doc_no)
    if new is None or target is None or getattr(target, party_key) != party_no or not target.open \
            or (target.remaining_amount > ZERO) == (new.remaining_amount > ZERO):
        return ZERO
    return apply_pair(session, party, target, new, posting_date, document_no, new.transaction_no)
