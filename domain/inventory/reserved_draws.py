"""Taking stock for a demand that has stock reserved for it (an assembly component line):
its reserved entries first, as a fixed application (BC posts a reserved line from what is
reserved), then unreserved stock by the costing method; the reservations taken are consumed
by the caller once the posting is written (:func:`domain.inventory.reservations.consume`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy.orm import Session

from domain.costing.rules import valuation as costing
from domain.costing.rules.valuation import OpenEntry
from domain.inventory import reservations
from domain.inventory import state as inventory_state
from domain.problems import Problem
from domain.setup.model.cards import Item


def apply_reserved_first(session: Session, item: Item, location: str, quantity: Decimal,
                         demand: reservations.Demand) -> list[tuple[OpenEntry, Decimal]] | Problem:
    """Which open inbound entries ``quantity`` of ``item`` for ``demand`` draws from, or the
    Problem why not (``INV-QUANTITY-RESERVED`` when only other demands' reservations are in the way)."""
    entries = inventory_state.open_inbound(session, item.no, location, demand)
    found: list[tuple[OpenEntry, Decimal]] = []
    for entry_no, part in reservations.split_reserved(session, demand, quantity):
        got = costing.apply_outbound(entries, part, item.costing_method, entry_no, item_no=item.no)
        if isinstance(got, Problem) and entry_no is not None:
            got = costing.apply_outbound(entries, part, item.costing_method, item_no=item.no)  # taken already
        if isinstance(got, Problem):
            return reservations.refusal(session, got, item.no, location, demand)
        found += got
        taken = {entry.entry_no: take for entry, take in got}
        entries = [replace(e, remaining_quantity=e.remaining_quantity - taken.get(e.entry_no, 0)) for e in entries]
        entries = [e for e in entries if e.remaining_quantity > 0]
    return found
