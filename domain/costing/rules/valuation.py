"""Item application and outbound cost (pure).

An outbound item ledger entry is applied to open inbound entries: to the one
named in ``applies_to_entry`` (fixed application), to the entry with the same
serial/lot no. (Specific), or automatically: FIFO (oldest first: also used for
Average and Standard, whose cost does not depend on the order), LIFO (newest
first). Its cost is the cost drawn from those entries (FIFO, LIFO, Specific),
the current average unit cost (Average) or the standard cost (Standard)
("Design Details: Costing Methods", "Item Application").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO, round_amount
from domain.problems import Problem


@dataclass(frozen=True)
class OpenEntry:
    entry_no: int
    posting_date: dt.date
    quantity: Decimal
    remaining_quantity: Decimal
    cost_amount: Decimal  # actual + expected cost of the whole entry
    serial_no: str | None = None
    lot_no: str | None = None

    @property
    def unit_cost(self) -> Decimal:
        return self.cost_amount / self.quantity if self.quantity else ZERO


def apply_outbound(
    open_inbound: list[OpenEntry],
    quantity: Decimal,
    method: str,
    applies_to: int | None = None,
    serial_no: str | None = None,
    lot_no: str | None = None,
    *,
    item_no: str,
    allow_short: bool = False,
) -> list[tuple[OpenEntry, Decimal]] | Problem:
    """Which open inbound entries an outbound ``quantity`` (positive) of item ``item_no`` draws from.

    ``allow_short`` (BC Prevent Negative Inventory off): what is on hand when that is less; the
    rest stays open on the outbound entry (a fixed or specific application is never short)."""
    candidates = _candidates(open_inbound, method, applies_to, serial_no, lot_no, item_no)
    if isinstance(candidates, Problem):
        return candidates
    result, left = [], quantity
    for entry in candidates:
        if left <= ZERO:
            break
        take = min(entry.remaining_quantity, left)
        if take > ZERO:
            result.append((entry, take))
            left -= take
    if left > ZERO and allow_short and applies_to is None and method != "specific" and not serial_no \
            and not lot_no:
        return result
    if left > ZERO:
        available = sum((e.remaining_quantity for e in candidates), ZERO)
        return Problem("INV-INSUFFICIENT-QUANTITY", "quantity",
                       {"item_no": item_no, "requested": str(quantity), "available": str(available)})
    return result


def _candidates(entries, method, applies_to, serial_no, lot_no, item_no):
    if applies_to is not None:
        chosen = [e for e in entries if e.entry_no == applies_to]
        if not chosen:
            return Problem("INV-APPLIES-TO-ENTRY-NOT-OPEN", "applies_to_entry", {"entry_no": applies_to})
        return chosen
    if method == "specific" or serial_no or lot_no:
        chosen = [e for e in entries if (serial_no and e.serial_no == serial_no)
                  or (lot_no and e.lot_no == lot_no)]
        if not chosen:
            return Problem("INV-SPECIFIC-NEEDS-APPLICATION", "applies_to_entry",
                           {"item_no": item_no, "serial_no": serial_no, "lot_no": lot_no})
        return sorted(chosen, key=lambda e: (e.posting_date, e.entry_no))
    ordered = sorted(entries, key=lambda e: (e.posting_date, e.entry_no))
    return list(reversed(ordered)) if method == "lifo" else ordered


def outbound_cost(
    applications: list[tuple[OpenEntry, Decimal]],
    method: str,
    quantity: Decimal,
    average_unit_cost: Decimal,
    standard_cost: Decimal,
    currency: str,
) -> Decimal:
    """The (positive) cost of an outbound ``quantity`` under ``method``."""
    if method == "average":
        return round_amount(average_unit_cost * quantity, currency)
    if method == "standard":
        return round_amount(standard_cost * quantity, currency)
    total = ZERO
    for entry, take in applications:
        if take == entry.quantity:
            total += entry.cost_amount
        else:
            total += entry.cost_amount * take / entry.quantity
    return round_amount(total, currency)
