"""Physical inventory rules (pure): which lines a calculation makes, what a count may say,
and what posting a batch writes.

BC Calculate Inventory fills Qty. (Calculated) from the item ledger at the location up to
the date; Qty. (Phys. Inventory) is what was counted; posting writes the difference as a
positive or negative adjustment (BC Phys. Inventory Journal). A line nobody counted
posts nothing (BC fills Qty. (Phys. Inventory) with the calculated quantity).

An item is tracked by lot (serial) no. when its item ledger entries carry lot (serial)
numbers: a count of such an item names the lot (serial) no. it counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO
from domain.problems import Problem


@dataclass(frozen=True)
class Expected:
    item_no: str
    lot_no: str
    serial_no: str
    quantity: Decimal


@dataclass(frozen=True)
class CountLine:
    item_no: str
    lot_no: str
    serial_no: str
    qty_calculated: Decimal
    qty_counted: Decimal | None


def calculated_lines(found: list[Expected]) -> list[Expected]:
    """The lines of a batch from the ledger sums per (item, lot, serial), in item order: a
    tracked key with nothing left is left out; an item with nothing left at all keeps one
    line (expected 0) so that what is found on the shelf can still be counted."""
    lines: list[Expected] = []
    by_item: dict[str, list[Expected]] = {}
    for row in found:
        by_item.setdefault(row.item_no, []).append(row)
    for item_no in sorted(by_item):
        rows = sorted(by_item[item_no], key=lambda r: (r.lot_no, r.serial_no))
        kept = [r for r in rows if r.quantity != ZERO or not (r.lot_no or r.serial_no)]
        if not any(r.quantity != ZERO for r in kept):
            kept = [Expected(item_no, "", "", ZERO)]
        lines += kept
    return lines


def count_problems(item_no: str, quantity: Decimal, lot_no: str, serial_no: str, lot_tracked: bool,
                   serial_tracked: bool) -> list[Problem]:
    """What is wrong with counting ``quantity`` of ``item_no`` (with that lot / serial no.)."""
    problems = []
    if quantity < ZERO:
        problems.append(Problem("PHYS-NEGATIVE-QUANTITY", "--qty", {"value": str(quantity)}))
    if serial_tracked and not serial_no:
        problems.append(Problem("PHYS-TRACKING-REQUIRED", "--serial", {"item_no": item_no, "tracking": "serial"}))
    elif lot_tracked and not lot_no:
        problems.append(Problem("PHYS-TRACKING-REQUIRED", "--lot", {"item_no": item_no, "tracking": "lot"}))
    if (lot_no and not lot_tracked) or (serial_no and not serial_tracked):
        problems.append(Problem("PHYS-ITEM-NOT-TRACKED", "--lot" if lot_no else "--serial", {"item_no": item_no}))
    if serial_no and quantity not in (ZERO, Decimal(1)):
        problems.append(Problem("PHYS-SERIAL-QUANTITY", "--qty", {"serial_no": serial_no, "value": str(quantity)}))
    return problems


def journal_rows(lines: list[CountLine], location: str, posting_date: dt.date, document_no: str) -> list[dict]:
    """The item journal rows that post a batch's differences (counted - calculated)."""
    rows = []
    for line in lines:
        if line.qty_counted is None or line.qty_counted == line.qty_calculated:
            continue
        difference = line.qty_counted - line.qty_calculated
        rows.append({"posting_date": posting_date.isoformat(),
                     "entry_type": "positive_adjustment" if difference > ZERO else "negative_adjustment",
                     "item_no": line.item_no, "location": location, "quantity": str(abs(difference)),
                     "document_no": document_no, "lot_no": line.lot_no, "serial_no": line.serial_no})
    return rows
