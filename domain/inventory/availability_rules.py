"""Item availability (pure): BC "Item Availability by Event" and "by Period".

Each open supply (purchase order line, inbound transfer) and demand (sales order line,
outbound transfer) is an event with a date and a signed quantity (supply positive).
By event, the events run in date order (supply before demand on the same day, then by
document) with the projected available balance after each; by period, they are summed
per day, week (Monday to Sunday) or month into gross requirement, scheduled receipts
and the projected available balance at the period's end. The balance starts from the
quantity on hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class Event:
    date: dt.date
    source: str  # purchase_order | sales_order | transfer_in | transfer_out | assembly_order | assembly_component
    document_no: str
    line_no: int
    location: str
    quantity: Decimal  # supply positive, demand negative
    reserved: Decimal = ZERO  # reserved for this sales line / against this purchase line


def ordered(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.date, e.quantity < ZERO, e.document_no, e.line_no))


def by_event(on_hand: Decimal, events: list[Event]) -> list[dict]:
    rows, balance = [], on_hand
    for e in ordered(events):
        balance += e.quantity
        rows.append({"date": e.date, "source": e.source, "document_no": e.document_no, "line_no": e.line_no,
                     "location": e.location, "scheduled_receipt": e.quantity if e.quantity > ZERO else ZERO,
                     "gross_requirement": -e.quantity if e.quantity < ZERO else ZERO, "reserved": e.reserved,
                     "projected_available": balance})
    return rows


def period_of(date: dt.date, period: str) -> tuple[dt.date, dt.date]:
    if period == "day":
        return date, date
    if period == "week":
        start = date - dt.timedelta(days=date.weekday())
        return start, start + dt.timedelta(days=6)
    return date.replace(day=1), date.replace(day=calendar.monthrange(date.year, date.month)[1])


def by_period(on_hand: Decimal, events: list[Event], period: str) -> list[dict]:
    """One row per period that has events, in date order."""
    buckets: dict[tuple[dt.date, dt.date], list[Decimal]] = {}
    for e in ordered(events):
        bucket = buckets.setdefault(period_of(e.date, period), [ZERO, ZERO])
        bucket[0 if e.quantity < ZERO else 1] += abs(e.quantity)
    rows, balance = [], on_hand
    for (start, end), (demand, supply) in sorted(buckets.items()):
        balance += supply - demand
        rows.append({"period_start": start, "period_end": end, "gross_requirement": demand,
                     "scheduled_receipts": supply, "projected_available": balance})
    return rows
