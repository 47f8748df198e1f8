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

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from domain.costing.rules.average import AveragePass
from domain.costing.rules.entries import (  # noqa: F401  (the costing rules' public names, in one place)
    AUTOMATIC,
    CALC_TYPES,
    METHODS,
    PERIODS,
    Adjustment,
    Application,
    CostingError,
    Entry,
    NeedsFullHistory,
    Opening,
    Revaluation,
    Settings,
    automatic_adjustment_covers,
    emit,
    inbound_valuations,
    outbound_valuation_date,
    period_end,
    period_start,
    remaining_at,
    unit_cost_at,
)
from domain.money import ZERO, round_amount


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
    for a in _net(applications):
        by_outbound[a.outbound].append(a)
    if settings.method == "average":
        return AveragePass(entries, by_outbound, settings, opening).run()
    return _by_application(entries, by_outbound, settings)


def _net(applications: list[Application]) -> list[Application]:
    """One application per (outbound, inbound) pair, removals (the application worksheet's
    opposite rows, domain.ledger.item_applications) netted out; zero pairs dropped."""
    if all(a.quantity > ZERO for a in applications):
        return applications
    net: dict[tuple[int, int], list] = {}
    for a in applications:
        pair = net.setdefault((a.outbound, a.inbound), [ZERO, a.fixed])
        pair[0] += a.quantity
        pair[1] = pair[1] or a.fixed
    return [Application(o, i, qty, fixed) for (o, i), (qty, fixed) in net.items() if qty != ZERO]


def _by_application(entries, by_outbound, s: Settings) -> list[Adjustment]:
    by_no = {e.entry_no: e for e in entries}
    base: dict[int, Decimal] = {}
    outbound_cost: dict[int, Decimal] = {}
    drawn: dict[int, Decimal] = defaultdict(lambda: ZERO)
    result: list[Adjustment] = []
    for e in sorted(entries, key=lambda x: x.entry_no):
        if e.quantity > ZERO:
            if e.entry_no not in base:  # (an earlier open outbound entry may have needed it first)
                base[e.entry_no] = _inbound_base(e, by_no, outbound_cost, result, s)
        elif e.quantity < ZERO and by_outbound.get(e.entry_no):
            for a in by_outbound[e.entry_no]:  # applied to a later inbound entry (negative inventory)
                later = by_no.get(a.inbound)
                if later is not None and later.quantity > ZERO and later.entry_no not in base:
                    base[later.entry_no] = _inbound_base(later, by_no, outbound_cost, result, s)
            total, valuation = _draw(e, by_outbound[e.entry_no], by_no, base, drawn, s)
            if e.remaining_quantity != ZERO:
                # still open (its application removed, or more out than in): it keeps its cost
                # until it is applied in full (BC adjusts an outbound entry once it is applied)
                outbound_cost[e.entry_no] = e.base_cost + e.rounding
                continue
            outbound_cost[e.entry_no] = -total
            emit(result, e, -total - e.base_cost - e.rounding, "direct_cost", e.posting_date, valuation, s)
    for e in entries:
        if e.quantity > ZERO and e.remaining_quantity == ZERO and e.entry_no in drawn:
            revalued = sum((r.amount for r in e.revaluations), ZERO)
            target = drawn[e.entry_no] - base[e.entry_no] - revalued
            emit(result, e, target - e.rounding, "rounding", e.last_cost_date or e.posting_date,
                  e.posting_date, s)
    return result


def _inbound_base(e: Entry, by_no, outbound_cost, result, s: Settings) -> Decimal:
    """An inbound entry's cost: its own, or (a return) the cost of the outbound entry it reverses."""
    source = by_no.get(e.applies_from) if e.applies_from is not None else None
    if source is None or source.entry_no not in outbound_cost or source.quantity == ZERO:
        return e.base_cost
    target = round_amount(-outbound_cost[source.entry_no] * e.quantity / -source.quantity, s.currency)
    emit(result, e, target - e.base_cost, "direct_cost", e.posting_date, e.posting_date, s)
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
