"""Average cost (pure): BC "Design Details: Average Cost", period by period.

Per average cost period and pool (the item, or item/location/variant): stock at the start,
plus the period's inbound cost, minus outbound entries fixed-applied to an inbound
entry (valued at that entry's cost), gives the average at which the other outbound
entries of the period are valued, with the rounding residual carried entry by entry.
An inbound entry that takes its cost from an outbound entry (a cost-applied return,
the receiving half of a transfer) gets that entry's adjusted cost. With calc type
"item" a transfer moves stock within the one pool: both halves are valued at the
average and leave the pool as it was. An :class:`~domain.costing.rules.adjust.Opening`
summarises the periods before a given one (BC's average cost entry points).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from domain.costing.rules.entries import (
    Adjustment,
    CostingError,
    Entry,
    NeedsFullHistory,
    Opening,
    Settings,
    emit,
    inbound_valuations,
    outbound_valuation_date,
    period_start,
)
from domain.money import ZERO, round_amount


class AveragePass:
    """BC "Design Details: Average Cost", period by period over every pool of the item.

    Per period and pool: stock at the start, plus the period's inbound cost, minus
    outbound entries fixed-applied to an inbound entry (valued at that entry's cost),
    gives the average at which the other outbound entries of the period are valued.
    An inbound entry that takes its cost from an outbound entry (a cost-applied
    return, the receiving half of a transfer) gets that entry's adjusted cost. With
    calc type "item" a transfer moves stock within the one pool: both halves are
    valued at the average and leave the pool as it was.

    With an :class:`Opening` the pools start at its quantity and value, with the
    last average unknown (:data:`_UNKNOWN`, recomputed as soon as there is stock);
    entries classified before ``from_period`` are context, already valued.
    """

    def __init__(self, entries, by_outbound, s: Settings, opening: Opening | None = None):
        self.s, self.by_outbound, self.opening = s, by_outbound, opening
        self.by_no = {e.entry_no: e for e in entries}
        self.inbound_dates = inbound_valuations(entries)
        #: entry no. -> signed cost once valued (inbound positive, outbound negative)
        self.cost: dict[int, Decimal] = {}
        self.valuation: dict[int, dt.date] = {}
        self.pools: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])  # qty, value, unit
        #: (period start, pool) -> [inbound, fixed outbound, outbound, passing transfers, revaluations]
        self.buckets: dict[tuple[dt.date, str], tuple[list, list, list, list, list]] = defaultdict(
            lambda: ([], [], [], [], []))
        self.passing: list[Entry] = []  # receiving halves of transfers within one pool
        #: inbound entry no. -> (exact, rounded) cost drawn from it so far by fixed applications
        self.fixed_carry: dict[int, tuple[Decimal, Decimal]] = {}
        #: entries valued before the opening: their cost is read, not computed or adjusted
        self.context: set[int] = set()
        if opening is not None:
            for pool, (qty, value) in opening.pools.items():
                self.pools[pool] = [qty, value, _UNKNOWN]
        for e in entries:
            if opening is None or not self._before_opening(e):
                self._sort_in(e)
        for e in entries:  # context last: a passing receipt's class is its source's
            if opening is not None and e.entry_no in self.context:
                self._sort_in_revaluations(e)

    def _before_opening(self, e: Entry) -> bool:
        """Whether ``e``'s period (an outbound entry's by its valuation date) lies before the
        opening; a receiving half passing through the pool also needs its source's to."""
        start = self.opening.from_period
        before = self._class_date(e) < start
        if before and e.quantity > ZERO and self._passes_through(e) and self._source(e) is not None:
            before = self._class_date(self._source(e)) < start
        if before:
            self.context.add(e.entry_no)
            self.cost[e.entry_no] = e.base_cost + e.rounding
        return before

    def _class_date(self, e: Entry) -> dt.date:
        if e.quantity < ZERO:
            return outbound_valuation_date(e, self.by_outbound.get(e.entry_no, ()), self.inbound_dates)
        return e.posting_date

    def _sort_in_revaluations(self, e: Entry) -> None:
        for r in e.revaluations if e.quantity > ZERO else ():
            start = period_start(r.valuation_date, self.s.period)
            if self.opening is None or start >= self.opening.from_period:
                self.buckets[(start, self._pool(e))][4].append(r)

    def _pool(self, e: Entry) -> str:
        return pool_key(e.location_code, e.variant_code) if self.s.per_location else ""

    def _source(self, e: Entry) -> Entry | None:
        source = self.by_no.get(e.applies_from) if e.applies_from is not None else None
        return source if source is not None and source.quantity < ZERO else None

    def _passes_through(self, e: Entry) -> bool:
        """A transfer half that stays within its pool (calc type item)."""
        return e.kind == "transfer" and not self.s.per_location

    def _sort_in(self, e: Entry) -> None:
        s = self.s
        if e.quantity > ZERO:
            self._sort_in_revaluations(e)
            if self._passes_through(e) and self._source(e) is not None:
                self.passing.append(e)
                return
            self.buckets[(period_start(e.posting_date, s.period), self._pool(e))][0].append(e)
        elif e.quantity < ZERO:
            applications = self.by_outbound.get(e.entry_no, ())
            valuation = outbound_valuation_date(e, applications, self.inbound_dates)
            self.valuation[e.entry_no] = valuation
            bucket = self.buckets[(period_start(valuation, s.period), self._pool(e))]
            if self._passes_through(e):
                bucket[3].append(e)
            elif applications and any(a.fixed for a in applications):
                bucket[1].append(e)
            else:
                bucket[2].append(e)

    def run(self) -> list[Adjustment]:
        for start in sorted({start for start, _ in self.buckets}):
            deferred: list[Entry] = []
            for pool in self._pool_order(start):
                self._period(self.buckets[(start, pool)], self.pools[pool], deferred)
            for e in deferred:  # sources valued in this period: their cost enters after it
                state = self.pools[self._pool(e)]
                cost = self._forwarded(e)
                self.cost[e.entry_no] = e.base_cost + e.rounding if cost is None else cost
                state[0] += e.quantity
                state[1] += self.cost[e.entry_no]
        for e in self.passing:
            cost = self._forwarded(e)
            self.cost[e.entry_no] = e.base_cost + e.rounding if cost is None else cost
        return self._adjustments()

    def _pool_order(self, start: dt.date) -> list[str]:
        """Pools of the period, each after the pools its transfers come from (where no cycle)."""
        pools = sorted(pool for period, pool in self.buckets if period == start)
        feeds: dict[str, set[str]] = {pool: set() for pool in pools}
        for pool in pools:
            for e in self.buckets[(start, pool)][0]:
                source = self._source(e)
                if source is not None and self._pool(source) != pool:
                    feeds[pool].add(self._pool(source))
        ordered: list[str] = []
        while feeds:
            ready = [p for p in sorted(feeds) if not (feeds[p] & set(feeds))] or [min(feeds)]
            ordered.append(ready[0])
            del feeds[ready[0]]
        return ordered

    def _forwarded(self, e: Entry) -> Decimal | None:
        """The cost ``e`` takes from the outbound entry it applies from, once that is valued."""
        source = self._source(e)
        if source is None:
            return None
        if source.entry_no not in self.cost:
            return None
        return round_amount(-self.cost[source.entry_no] * e.quantity / -source.quantity, self.s.currency)

    def _period(self, bucket, state: list[Decimal], deferred: list[Entry]) -> None:
        inbound, fixed, outbound, passing, revaluations = bucket
        s = self.s
        for e in sorted(inbound, key=lambda x: x.entry_no):
            if self._source(e) is not None:
                cost = self._forwarded(e)
                if cost is None:
                    deferred.append(e)
                    continue
            else:
                cost = e.base_cost + e.rounding
            self.cost[e.entry_no] = cost
            state[0] += e.quantity
            state[1] += cost
        for e in sorted(fixed, key=lambda x: x.entry_no):
            cost = self._drawn(e)
            self.cost[e.entry_no] = -cost
            state[0] += e.quantity
            state[1] -= cost
        if state[0] > ZERO:
            state[2] = state[1] / state[0]
        early, late = outbound, []
        if revaluations:
            late = [e for e in outbound if self._after_revaluation(e, revaluations)]
            if late:
                later = {e.entry_no for e in late}
                early = [e for e in outbound if e.entry_no not in later]
        self._outbound(early, state)
        for e in sorted(passing, key=lambda x: x.entry_no):
            self.cost[e.entry_no] = -round_amount(_known(state[2]) * -e.quantity, s.currency)
        state[1] += sum((r.amount for r in revaluations), ZERO)
        if state[0] > ZERO:
            state[2] = state[1] / state[0]
        self._outbound(late, state)

    def _after_revaluation(self, e: Entry, revaluations) -> bool:
        """BC values an outbound entry on a revaluation's valuation date with the revaluation
        when it was posted after it (scenarios C-F; Inventory Adjustment's exclusion of what
        was posted later on the valuation date)."""
        return any(e.transaction_no > r.transaction_no and self.valuation[e.entry_no] >= r.valuation_date
                   for r in revaluations)

    def _outbound(self, outbound: list[Entry], state: list[Decimal]) -> None:
        s = self.s
        for e in sorted(outbound, key=lambda x: x.entry_no):
            take = -e.quantity
            qty, value = state[0], state[1]
            if take == qty:
                cost = value
            elif take < qty:
                cost = round_amount(value * take / qty, s.currency)
            else:  # more out than in: value at the last known average, as BC does
                cost = round_amount(_known(state[2]) * take, s.currency)
            self.cost[e.entry_no] = -cost
            state[0] -= take
            state[1] -= cost

    def _drawn(self, e: Entry) -> Decimal:
        """A fixed-applied outbound entry costs what it draws from its inbound entries, rounded
        with the residual carried per inbound entry (BC "Design Details: Rounding"): the fixed
        draws that empty an inbound entry take exactly its cost, none more."""
        total = ZERO
        for a in self.by_outbound[e.entry_no]:
            inbound = self.by_no.get(a.inbound)
            if inbound is None:
                raise CostingError("COST-APPLICATION-INCONSISTENT",
                                   f"entry {e.entry_no} is applied to unknown entry {a.inbound}",
                                   entry_no=e.entry_no, inbound=a.inbound)
            if inbound.entry_no in self.context:  # its earlier fixed draws (the carry) lie before the window
                raise NeedsFullHistory("COST-AVERAGE-NEEDS-HISTORY",
                                       "a fixed application draws on an entry valued before the window")
            unit = self.cost.get(inbound.entry_no, inbound.base_cost + inbound.rounding) / inbound.quantity
            for r in inbound.revaluations:
                if r.valued_quantity and (r.valuation_date < self.valuation[e.entry_no] or (
                        r.valuation_date == self.valuation[e.entry_no] and r.transaction_no < e.transaction_no)):
                    unit += r.amount / r.valued_quantity
            exact, rounded = self.fixed_carry.get(inbound.entry_no, (ZERO, ZERO))
            exact += unit * a.quantity
            amount = round_amount(exact, self.s.currency) - rounded
            self.fixed_carry[inbound.entry_no] = (exact, rounded + amount)
            total += amount
        return total

    def _adjustments(self) -> list[Adjustment]:
        result: list[Adjustment] = []
        for no in sorted(self.cost.keys() - self.context):
            e = self.by_no[no]
            if e.quantity < ZERO:
                emit(result, e, self.cost[no] - e.base_cost - e.rounding, "direct_cost", e.posting_date,
                      self.valuation[no], self.s)
            elif self._source(e) is not None:
                emit(result, e, self.cost[no] - e.base_cost - e.rounding, "direct_cost", e.posting_date,
                      e.posting_date, self.s)
        return result


#: the last average of a pool opened from an :class:`Opening` until it is recomputed
_UNKNOWN = None


def _known(unit: Decimal | None) -> Decimal:
    if unit is _UNKNOWN:
        raise NeedsFullHistory("COST-AVERAGE-NEEDS-HISTORY",
                               "the average of a period before the opening is needed")
    return unit


def pool_key(location_code: str, variant_code: str | None) -> str:
    """The pool of calc type "Item & Location & Variant": the location, and the variant when there is one
    (an item without variants keeps one pool per location, keyed by the location alone)."""
    return f"{location_code}\x1f{variant_code}" if variant_code else location_code
