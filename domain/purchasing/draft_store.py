"""Number and store a prepared purchase draft (:func:`domain.purchasing.documents.prepare_document`).

:func:`save_document` adds it to the session, so the caller goes on with the ORM object.
:func:`write_document` writes it with Core statements, one INSERT for the header and one for
all its lines, for a caller that needs only its id and number (intake registration): SQLite
cannot batch an ORM flush of new rows (no insert sentinel), so a header and its lines cost
one statement and a unit-of-work pass each, more than the rest of that registration's writes.
Both take the number from the series late, in the caller's transaction (gap-free: a rollback
gives it back).
"""

from __future__ import annotations

import functools

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from domain.db import new_row
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup.numbers import next_no


def _series(header: PurchaseHeader, comp) -> str:
    return comp.purchase_invoice_nos if header.document_type == "invoice" else comp.purchase_credit_memo_nos


def save_document(session: Session, header: PurchaseHeader, comp) -> PurchaseHeader:
    """The prepared draft numbered from its series, added and flushed."""
    header.no = next_no(session, _series(header, comp))
    session.add(header)
    session.flush()
    return header


def write_document(session: Session, header: PurchaseHeader, comp) -> tuple[int, str]:
    """(id, no.) of the prepared draft, numbered and written; ``header`` stays out of the session.
    A draft with more than a header and lines (a charge line's assignments) is saved instead."""
    if not _header_and_lines(header):
        saved = save_document(session, header, comp)
        return saved.id, saved.no
    no = next_no(session, _series(header, comp))
    header_id = session.execute(_insert(PurchaseHeader), new_row(header, no=no)).scalar_one()
    if header.lines:
        session.execute(_insert(PurchaseLine), [new_row(line, header_id=header_id) for line in header.lines])
    return header_id, no


def _header_and_lines(header: PurchaseHeader) -> bool:
    """True when nothing but its lines hangs off ``header``: no other related row to write."""
    for obj, own in ((header, "lines"), *((line, "header") for line in header.lines)):
        state = inspect(obj)
        if any(state.dict.get(rel.key) for rel in state.mapper.relationships if rel.key != own):
            return False
    return True


@functools.cache
def _insert(cls):
    """Built once (statements are immutable); the header's returns its generated id."""
    table = cls.__table__
    return insert(table).returning(table.c.id) if cls is PurchaseHeader else insert(table)
