"""Cost adjustment's plain data: item ledger entries, applications, settings and the
adjustment value entries, with the period and valuation-date arithmetic both the
application-based pass (:mod:`domain.costing.rules.adjust`) and the Average pass
(:mod:`domain.costing.rules.average`) build on. Nothing is read or written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.money import ZERO
from domain.problems import DomainError

PERIODS = ("day", "week", "month", "quarter", "year")
CALC_TYPES = ("item", "item_location_variant")
AUTOMATIC = ("never", "day", "week", "month", "quarter", "year", "always")
METHODS = ("fifo", "lifo", "average", "standard", "specific")


class CostingError(DomainError):
    """An item whose cost cannot be adjusted (bad setup or inconsistent ledger)."""

    code = "COST-ADJUSTMENT-FAILED"


@dataclass(frozen=True, slots=True)
class Revaluation:
    amount: Decimal
    valued_quantity: Decimal
    valuation_date: dt.date
    transaction_no: int


@dataclass(slots=True)
class Entry:
    """One item ledger entry with its value summed up."""

    entry_no: int
    posting_date: dt.date
    quantity: Decimal  # signed: outbound negative
    remaining_quantity: Decimal
    location_code: str = ""
    transaction_no: int = 0
    invoiced_quantity: Decimal | None = None
    #: actual + expected cost of every value entry but revaluation and rounding
    base_cost: Decimal = ZERO
    rounding: Decimal = ZERO
    #: posting date of the entry's last value entry that is not an adjustment
    last_cost_date: dt.date | None = None
    #: inbound only: the outbound entry whose cost it takes (returns)
    applies_from: int | None = None
    revaluations: tuple[Revaluation, ...] = field(default_factory=tuple)
    #: item ledger entry type: purchase | sale | positive_adjmt | negative_adjmt | transfer
    kind: str = ""
    #: BC Variant Code: with Average Cost Calc. Type "Item & Location & Variant" its own pool
    variant_code: str = ""


@dataclass(frozen=True, slots=True)
class Application:
    outbound: int
    inbound: int
    quantity: Decimal  # positive
    #: fixed application (applies-to entry), as opposed to automatic by costing method
    fixed: bool = False


@dataclass(frozen=True)
class Settings:
    method: str
    period: str = "day"
    per_location: bool = False
    first_open_date: dt.date | None = None
    currency: str = "NOK"


@dataclass(frozen=True)
class Opening:
    """Average items: where an incremental adjustment starts (BC's average cost entry point).

    ``from_period`` is the start of the first average cost period to recompute;
    ``pools`` the quantity and value (every value entry, adjustments and rounding
    included) of each pool (location with calc type item/location, else ``""``) at
    that start. Entries classified into earlier periods (an outbound entry by its
    valuation date) may be passed as context: their cost is taken as final."""

    from_period: dt.date
    pools: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)


class NeedsFullHistory(CostingError):
    """The window's first period needs the average of an earlier period (more out than
    in, or a transfer within the pool with nothing on hand): adjust the whole history."""

    code = "COST-AVERAGE-NEEDS-HISTORY"


@dataclass(frozen=True)
class Adjustment:
    item_ledger_entry_no: int
    entry_type: str  # direct_cost | rounding
    amount: Decimal
    expected: bool
    posting_date: dt.date
    valuation_date: dt.date


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == "year":
        return dt.date(day.year, 1, 1)
    raise CostingError("COST-UNKNOWN-AVERAGE-COST-PERIOD", f"unknown average cost period {period!r}",
                       period=period)


def period_end(day: dt.date, period: str) -> dt.date:
    start = period_start(day, period)
    if period == "day":
        return start
    if period == "week":
        return start + dt.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    return _add_months(start, months) - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def automatic_adjustment_covers(setting: str, posting_date: dt.date, today: dt.date) -> bool:
    """BC "Automatic Cost Adjustment": adjust at posting when the posting date lies
    within the chosen span back from today (Never: not at all; Always: always)."""
    if setting == "always":
        return True
    if setting == "never":
        return False
    if setting == "day":
        earliest = today - dt.timedelta(days=1)
    elif setting == "week":
        earliest = today - dt.timedelta(days=7)
    else:
        earliest = _add_months(today, -{"month": 1, "quarter": 3, "year": 12}[setting])
    return posting_date >= earliest


def emit(result: list, e: Entry, diff: Decimal, kind: str, posting: dt.date, valuation: dt.date,
          s: Settings) -> None:
    if diff == ZERO:
        return
    if s.first_open_date is not None and posting < s.first_open_date:
        posting = s.first_open_date
    expected = e.invoiced_quantity is not None and e.invoiced_quantity == ZERO and e.quantity != ZERO
    result.append(Adjustment(e.entry_no, kind, diff, expected, posting, valuation))


def inbound_valuations(entries) -> dict[int, tuple[tuple[dt.date, int], ...]]:
    """Per inbound entry the valuation dates of its value entries, each with the transaction
    that posted it: its posting date (always there first: transaction -1) and its revaluations."""
    return {e.entry_no: ((e.posting_date, -1), *((r.valuation_date, r.transaction_no) for r in e.revaluations))
            for e in entries if e.quantity > ZERO}


def outbound_valuation_date(e: Entry, applications, valuations) -> dt.date:
    """BC "Design Details: Valuation Date": an outbound entry is valued at its posting date
    when that is later than the latest valuation date of the value entries (existing when it
    was posted) of the inbound entries it is applied to, else at that latest date. So a sale
    entered after a revaluation but dated before it is valued at the revaluation's date.
    ``valuations``: :func:`inbound_valuations` (a plain date per inbound entry also works)."""
    latest = e.posting_date
    for a in applications:
        found = valuations.get(a.inbound)
        if found is None:
            continue
        if isinstance(found, dt.date):
            found = ((found, -1),)
        for day, transaction in found:
            if day > latest and (transaction < e.transaction_no or transaction == -1):
                latest = day
    return latest


def remaining_at(entry: Entry, applied: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal:
    """Quantity of inbound ``entry`` still on hand at the end of ``day``: BC's revaluable
    quantity. ``applied`` holds (outbound posting date, quantity) per application."""
    if entry.posting_date > day:
        return ZERO
    return entry.quantity - sum((q for date, q in applied if date <= day), ZERO)


def unit_cost_at(entry: Entry, day: dt.date) -> Decimal:
    """Unit cost of the units of ``entry`` still on hand at ``day`` (revaluations included)."""
    unit = entry.base_cost / entry.quantity
    for r in entry.revaluations:
        if r.valuation_date <= day and r.valued_quantity:
            unit += r.amount / r.valued_quantity
    return unit
