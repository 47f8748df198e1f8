"""Undo an application of customer or vendor ledger entries (BC "Unapply Entries").

BC never deletes the detailed entries of an application: it writes new detailed entries of the
opposite amount in a new transaction and gives each entry back what the application took, so an
entry the application closed is open again. This module is the ledger's half of that (the
detailed entries are ledger rows, written only here, in ``writer`` and in ``customer_entries``);
``domain.payments.unapply`` decides which application may be undone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.ledger.customer_entries import LEDGERS
from domain.money import ZERO

#: the detailed entry type of a reversed application
UNAPPLICATION = "unapplication"


def application_rows(session: Session, party: str, transaction_no: int) -> list:
    """The detailed entries an application transaction wrote (applications, payment discounts)."""
    detailed = LEDGERS[party][1]
    return list(session.scalars(select(detailed).where(
        detailed.transaction_no == transaction_no,
        detailed.entry_type.in_(("application", "payment_discount"))).order_by(detailed.entry_no)))


def reverse_application(session: Session, party: str, rows: list, posting_date: dt.date,
                        transaction_no: int) -> list:
    """Write the opposite of each detailed entry in ``rows`` in transaction ``transaction_no`` and
    give each ledger entry its amount back; returns the ledger entries, reopened where they closed."""
    cls, detailed, _, key, applied = LEDGERS[party]
    touched = {}
    for row in rows:
        entry_no = getattr(row, key)
        entry = touched.get(entry_no) or session.scalar(lock(session, select(cls).where(cls.entry_no == entry_no)))
        touched[entry_no] = entry
        session.execute(insert(detailed), {
            key: entry_no, "entry_type": UNAPPLICATION, "posting_date": posting_date,
            "document_no": row.document_no, "amount": -row.amount, "amount_lcy": -row.amount_lcy,
            applied: getattr(row, applied), "transaction_no": transaction_no})
        entry.remaining_amount = entry.remaining_amount - row.amount
        if entry.remaining_amount != ZERO and not entry.open:
            entry.open, entry.closed_by_entry_no, entry.closed_at_date = True, None, None
    return list(touched.values())
