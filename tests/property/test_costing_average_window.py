"""Average cost entry points (hypothesis): adjusting an Average item from a period
on, with the pools' quantity and value at that period's start, gives exactly the
adjustment of the whole history for the entries of that period and later.
Histories from :func:`simulate` (transfers, returns, fixed returns, backdating, two
locations), with some receipts post-dated (their sales valued later) and revalued.

The opening and the entries read for the window are worked out here in plain
Python, independently of the SQL in :mod:`domain.costing.adjustment`.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal as D

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain.costing.rules.adjust import (
    NeedsFullHistory,
    Opening,
    Revaluation,
    Settings,
    adjust_item,
    inbound_valuations,
    outbound_valuation_date,
    period_start,
)
from tests.property.test_costing_properties import START, apply, op, simulate

history = st.lists(op, min_size=6, max_size=30)
PERIODS = st.sampled_from(["day", "day", "week", "week", "month", "quarter", "year"])


def class_date(e, by_outbound, inbound_dates):
    if e.quantity < 0:
        return outbound_valuation_date(e, by_outbound.get(e.entry_no, ()), inbound_dates)
    return e.posting_date


def passes_through(e, by_no, s):
    if e.kind != "transfer" or s.per_location:
        return False
    source = by_no.get(e.applies_from) if e.quantity > 0 and e.applies_from is not None else None
    return e.quantity < 0 or (source is not None and source.quantity < 0)


def opening_of(adjusted, applications, s: Settings, start: dt.date) -> Opening:
    """Quantity and value per pool of everything classified before ``start``."""
    by_no = {e.entry_no: e for e in adjusted}
    by_outbound = {}
    for a in applications:
        by_outbound.setdefault(a.outbound, []).append(a)
    inbound_dates = inbound_valuations(adjusted)
    pools: dict[str, tuple[D, D]] = {}
    for e in adjusted:
        pool = e.location_code if s.per_location else ""
        qty, value = pools.get(pool, (D(0), D(0)))
        if class_date(e, by_outbound, inbound_dates) < start and not passes_through(e, by_no, s):
            qty, value = qty + e.quantity, value + e.base_cost + e.rounding
        value += sum((r.amount for r in e.revaluations if r.valuation_date < start), D(0))
        pools[pool] = (qty, value)
    return Opening(start, pools)


def window_of(entries, applications, start: dt.date):
    """What an incremental run reads: entries classified from ``start`` on (outbound by
    valuation date), inbound entries taking cost from them, entries with a revaluation
    from ``start`` on, and the entries they are applied to or take cost from."""
    by_no = {e.entry_no: e for e in entries}
    by_outbound = {}
    for a in applications:
        by_outbound.setdefault(a.outbound, []).append(a)
    inbound_dates = inbound_valuations(entries)
    core = {e.entry_no for e in entries if e.posting_date >= start
            or class_date(e, by_outbound, inbound_dates) >= start}
    core |= {e.entry_no for e in entries if e.quantity > 0 and e.applies_from in core}
    core |= {e.entry_no for e in entries if any(r.valuation_date >= start for r in e.revaluations)}
    window_apps = [a for a in applications if a.outbound in core]
    refs = {a.inbound for a in window_apps} | {by_no[n].applies_from for n in core
                                               if by_no[n].quantity > 0 and by_no[n].applies_from}
    return [e for e in entries if e.entry_no in core | refs], window_apps


def postdate(entries, picks):
    """Receipts posted ahead of their date: outbound entries applied to them posted earlier are
    valued at the receipt's date (BC valuation date), possibly in a later period."""
    inbound = [e for e in entries if e.quantity > 0]
    for which, days in picks:
        if inbound:
            inbound[which % len(inbound)].posting_date += dt.timedelta(days=days)


def revalue(entries, picks):
    """Revaluations of some inbound entries at dates on or after their posting."""
    inbound = [e for e in entries if e.quantity > 0]
    for n, (which, days, cents) in enumerate(picks):
        if inbound:
            e = inbound[which % len(inbound)]
            r = Revaluation(D(cents - 500) / 100, e.quantity, e.posting_date + dt.timedelta(days=days), 10_000 + n)
            e.revaluations = (*e.revaluations, r)


@settings(max_examples=300, deadline=None)
@given(history, PERIODS, st.booleans(), st.integers(0, 20),
       st.lists(st.tuples(st.integers(0, 99), st.integers(0, 20), st.integers(0, 1000)), max_size=2),
       st.lists(st.tuples(st.integers(0, 99), st.integers(1, 15)), max_size=3))
def test_adjusting_an_average_item_from_a_period_equals_adjusting_its_whole_history(
        ops, period, per_location, offset, revaluations, postdated):
    entries, applications = simulate(ops, "fifo")
    postdate(entries, postdated)
    revalue(entries, revaluations)
    s = Settings("average", period, per_location=per_location)
    adjusted = copy.deepcopy(entries)
    apply(adjusted, adjust_item(entries, applications, s))
    start = period_start(START + dt.timedelta(days=offset), period)
    # the ledger as an incremental run finds it: adjusted before the period, as posted from it on
    by_outbound = {}
    for a in applications:
        by_outbound.setdefault(a.outbound, []).append(a)
    inbound_dates = inbound_valuations(entries)
    ledger = [copy.deepcopy(done if class_date(raw, by_outbound, inbound_dates) < start else raw)
              for raw, done in zip(entries, adjusted)]
    full = adjust_item(ledger, applications, s)
    opening = opening_of(ledger, applications, s, start)
    window, window_apps = window_of(ledger, applications, start)
    try:
        incremental = adjust_item(window, window_apps, s, opening)
    except NeedsFullHistory:  # a pool opens without the last average: the service reads everything
        assert opening.pools
        event("needs the whole history")
        return
    event(f"window {'with' if full else 'without'} adjustments, {'opened' if opening.pools else 'from the start'}")
    assert incremental == full
    apply(ledger, full)  # and the whole history then costs what adjusting it from scratch gives
    assert [(e.base_cost, e.rounding) for e in ledger] == [(e.base_cost, e.rounding) for e in adjusted]
