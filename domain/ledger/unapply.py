"""Unapply two vendor (customer) ledger entries that were applied to each other.

Business Central's "Unapply Entries": the application detailed entries between the two are
reversed by new detailed entries (``unapplication``, the opposite amounts: posted rows are
never changed), the remaining amounts go back up and both entries are open again. BC's
"Cancel" of a corrective credit memo unapplies it from the invoice it closed before the
reversing invoice is posted (Cancel Posted Purch. Cr. Memo / Cancel Posted Sales Cr. Memo).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from domain.ledger.customer_entries import LEDGERS
from domain.money import ZERO


def applied_between(session: Session, party: str, entry, other) -> tuple[Decimal, Decimal]:
    """What ``other`` took off ``entry``'s remaining amount, in the entry's currency and in local
    currency (net of earlier unapplications)."""
    _, detailed, _, key, applied = LEDGERS[party]
    amount, amount_lcy = session.execute(select(
        func.sum(detailed.amount), func.sum(detailed.amount_lcy)).where(
        getattr(detailed, key) == entry.entry_no, getattr(detailed, applied) == other.entry_no,
        detailed.entry_type.in_(("application", "unapplication")))).one()
    return amount or ZERO, amount_lcy or ZERO


def unapply_pair(session: Session, party: str, first, second, posting_date: dt.date, document_no: str,
                 transaction_no: int) -> Decimal:
    """Reverse every application between ``first`` and ``second``; returns the amount given back
    to ``first`` (zero: they were not applied to each other)."""
    given_back = ZERO
    for entry, other in ((first, second), (second, first)):
        amount, amount_lcy = applied_between(session, party, entry, other)
        if amount == ZERO:
            continue
        _, detailed, _, key, applied = LEDGERS[party]
        session.execute(insert(detailed), {
            key: entry.entry_no, "entry_type": "unapplication", "posting_date": posting_date,
            "document_no": document_no, "amount": -amount, "amount_lcy": -amount_lcy,
            applied: other.entry_no, "transaction_no": transaction_no})
        entry.remaining_amount = entry.remaining_amount - amount
        entry.open, entry.closed_by_entry_no, entry.closed_at_date = entry.remaining_amount != ZERO, None, None
        if entry is first:
            given_back = -amount
    return given_back
