"""Reads over the item ledger that documents need: which item ledger entries a posted line invoiced."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.ledger.model import ValueEntry
from domain.money import ZERO


def invoiced_entries(session: Session, document_no: str, line_no: int) -> list[tuple[int, Decimal]]:
    """(item ledger entry no., quantity) for each entry that posted line ``line_no`` of document
    ``document_no`` invoiced, in entry order; quantities are positive whatever the direction.

    A line invoiced from an order shipped (received) in parts invoices several entries: its
    correction must take back each part from its own entry (BC "Cancel" copies the line once
    per item ledger entry it applies to)."""
    ve = ValueEntry
    rows = session.execute(
        select(ve.item_ledger_entry_no, func.sum(ve.invoiced_quantity))
        .where(ve.document_no == document_no, ve.document_line_no == line_no, ve.adjustment.is_(False),
               ve.item_charge_no.is_(None), ve.invoiced_quantity != ZERO)
        .group_by(ve.item_ledger_entry_no).order_by(ve.item_ledger_entry_no)).all()
    return [(entry_no, abs(qty)) for entry_no, qty in rows if qty]
