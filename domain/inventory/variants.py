"""What documents made from posted documents take over from the posted line's entries (BC copies
the Variant Code and the Unit of Measure with the line): a correction or cancellation moves the
same variant back, in the line's own unit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from domain.inventory.units import qty_per
from domain.ledger.model import ItemLedgerEntry
from domain.setup.model.cards import Item


def of_entry(session: Session, entry_no: int | None) -> str:
    """The variant code of item ledger entry ``entry_no`` ("" for none or no entry)."""
    entry = session.get(ItemLedgerEntry, entry_no) if entry_no is not None else None
    return entry.variant_code if entry is not None else ""


def qty_per_line(session: Session, line_type: str, no: str, unit: str) -> Decimal:
    """Base units per unit of a posted line (1 for a unit the item no longer has, or no item)."""
    item = session.get(Item, no) if line_type == "item" else None
    return (qty_per(session, item, unit) if item is not None else None) or Decimal(1)
