"""Cost adjustment (pure): what each item ledger entry *should* cost, and the
value entries that bring it there.

Business Central's "Design Details: Cost Adjustment", "Average Cost",
"Rounding", "Revaluation" and "Valuation Date" are the reference:

* FIFO, LIFO, Specific and Standard forward cost along the item application
  entries: an outbound entry costs what it draws from the inbound entries it is
  applied to (direct cost, item charges, variance, and each revaluation that
  affects it: BC's scenarios C-F, posted later or dated later than the
  revaluation). An inbound entry that is cost-applied to an outbound entry
  (a return, ``applies_from``) costs what that outbound entry cost, and passes
  it on to whatever is applied to it in turn. Once an inbound entry is fully
  applied, a *rounding* entry on it makes its cost equal to what was drawn.
* Average: per average cost period (day, week, month, quarter, year) and per
  item or item/location, outbound entries in a period are valued at the value
  of stock at the start of the period plus the period's inbound cost, divided
  by the quantity; the rounding residual is carried entry by entry, so the
  value is exactly zero whenever the quantity is. An outbound entry's
  valuation date is never before the posting date of what it is applied to.
  A revaluation (allowed only at the end of an average cost period) counts
  after the period's outbound entries. The pass itself is
  :class:`domain.costing.rules.average.AveragePass`.
* Adjustment entries take the adjusted entry's posting date, or the first open
  date when that date lies in a closed inventory period.
* Average cost entry points (BC "Avg. Cost Adjmt. Entry Point"): an Average item
  can be adjusted from its first changed period on, given the quantity and value
  of each pool at the start of that period (:class:`Opening`); the result is the
  one the whole history gives.

Everything here works on plain rows; nothing is read or written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from domain.money import ZERO, round_amount
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


def adjust_item(entries: list[Entry], applications: list[Application], settings: Settings,
                opening: Opening | None = None) -> list[Adjustment]:
    """The adjustment value entries one item needs; none when its cost is right.

    With ``opening`` (Average only) the periods before ``opening.from_period`` are
    summarised by it and only entries of later periods are adjusted."""
    if settings.method not in METHODS:
        raise CostingError("COST-UNKNOWN-COSTING-METHOD", f"unknown costing method {settings.method!r}",
                           method=settings.method)
    if opening is not None and settings.method != "average":
        raise CostingError("COST-OPENING-AVERAGE-ONLY", "an opening state applies to Average items only",
                           method=settings.method)
    by_outbound: dict[int, list[Application]] = defaultdict(list)
    for a in applications:
        by_outbound[a.outbound].append(a)
    if settings.method == "average":
        from domain.costing.rules.average import AveragePass  # it builds on this module's types

        return AveragePass(entries, by_outbound, settings, opening).run()
    return _by_application(entries, by_outbound, settings)


def _emit(result: list, e: Entry, diff: Decimal, kind: str, posting: dt.date, valuation: dt.date,
          s: Settings) -> None:
    if diff == ZERO:
        return
    if s.first_open_date is not None and posting < s.first_open_date:
        posting = s.first_open_date
    expected = e.invoiced_quantity is not None and e.invoiced_quantity == ZERO and e.quantity != ZERO
    result.append(Adjustment(e.entry_no, kind, diff, expected, posting, valuation))


def _by_application(entries, by_outbound, s: Settings) -> list[Adjustment]:
    by_no = {e.entry_no: e for e in entries}
    base: dict[int, Decimal] = {}
    outbound_cost: dict[int, Decimal] = {}
    drawn: dict[int, Decimal] = defaultdict(lambda: ZERO)
    result: list[Adjustment] = []
    for e in sorted(entries, key=lambda x: x.entry_no):
        if e.quantity > ZERO:
            base[e.entry_no] = _inbound_base(e, by_no, outbound_cost, result, s)
        elif e.quantity < ZERO and by_outbound.get(e.entry_no):
            total, valuation = _draw(e, by_outbound[e.entry_no], by_no, base, drawn, s)
            outbound_cost[e.entry_no] = -total
            _emit(result, e, -total - e.base_cost - e.rounding, "direct_cost", e.posting_date, valuation, s)
    for e in entries:
        if e.quantity > ZERO and e.remaining_quantity == ZERO and e.entry_no in drawn:
            revalued = sum((r.amount for r in e.revaluations), ZERO)
            target = drawn[e.entry_no] - base[e.entry_no] - revalued
            _emit(result, e, target - e.rounding, "rounding", e.last_cost_date or e.posting_date,
                  e.posting_date, s)
    return result


def _inbound_base(e: Entry, by_no, outbound_cost, result, s: Settings) -> Decimal:
    """An inbound entry's cost: its own, or (a return) the cost of the outbound entry it reverses."""
    source = by_no.get(e.applies_from) if e.applies_from is not None else None
    if source is None or source.entry_no not in outbound_cost or source.quantity == ZERO:
        return e.base_cost
    target = round_amount(-outbound_cost[source.entry_no] * e.quantity / -source.quantity, s.currency)
    _emit(result, e, target - e.base_cost, "direct_cost", e.posting_date, e.posting_date, s)
    return target


def _draw(e: Entry, applications, by_no, base, drawn, s: Settings) -> tuple[Decimal, dt.date]:
    """What outbound entry ``e`` draws from its inbound entries, and its valuation date."""
    total, valuation = ZERO, e.posting_date
    for a in applications:
        inbound = by_no.get(a.inbound)
        if inbound is None or inbound.entry_no not in base:
            raise CostingError("COST-APPLICATION-INCONSISTENT",
                               f"entry {e.entry_no} is applied to unknown entry {a.inbound}",
                               entry_no=e.entry_no, inbound=a.inbound)
        unit = base[inbound.entry_no] / inbound.quantity
        for r in inbound.revaluations:
            if r.valued_quantity and (e.posting_date > r.valuation_date or e.transaction_no > r.transaction_no):
                unit += r.amount / r.valued_quantity
                valuation = max(valuation, r.valuation_date)
        valuation = max(valuation, inbound.posting_date)
        amount = round_amount(unit * a.quantity, s.currency)
        drawn[inbound.entry_no] += amount
        total += amount
    return total, valuation


def outbound_valuation_date(e: Entry, applications, inbound_dates) -> dt.date:
    """BC valuation date scenarios 2 and 3: never before what the entry is applied to."""
    dates = [inbound_dates[a.inbound] for a in applications if a.inbound in inbound_dates]
    return max([e.posting_date, *dates])


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
