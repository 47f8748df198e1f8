"""Cost adjustment across an assembly: the output takes the consumed components' cost.

BC "Design Details: Assembly Order Posting": the output of an assembly order is valued
at the actual cost of what it consumed, and the cost adjustment forwards a later change
of a component's cost (an invoice at another price, an item charge, a revaluation)
through the consumption entry to the output, and from there along the output's own
applications (a sale of the assembled item), level by level for nested BOMs (BC adjusts
by low-level code). An item's own adjustment (:mod:`domain.costing.rules.adjust`) works
within one item; this module adds the link between items:

* :func:`output_adjustments`: before an item is adjusted, each of its assembly output
  entries is brought to the cost it was posted at plus what cost adjustment has since
  added to the consumption entries of the same posting (same document no. and
  transaction no.), split over the posting's output entries by quantity (a resource's
  cost, part of the posted cost, stays); the entry's base cost is set to that target so
  the item's own pass forwards it. A Standard parent stays at standard: the change reaches
  its output as a direct cost adjustment and leaves it as a variance entry of the opposite
  amount (:func:`standard_variances`; BC books the difference as variance).
* :func:`mark_outputs`: an adjustment written on a consumption entry marks the parent
  items of that posting "to adjust"; :func:`domain.costing.adjustment.adjust` runs them
  in a further round of the same run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from domain.costing.rules.adjust import Adjustment, Entry, Settings, emit
from domain.ledger import marks
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.money import ZERO, round_amount

CONSUMPTION = "assembly_consumption"
OUTPUT = "assembly_output"
#: the deepest BOM nesting one run follows (each level one more round)
MAX_LEVELS = 25


def _keys(session: Session, entry_nos: list[int]) -> dict[int, tuple[str, int]]:
    ile = ItemLedgerEntry
    return {no: (doc, tx) for no, doc, tx in session.execute(
        select(ile.entry_no, ile.document_no, ile.transaction_no).where(ile.entry_no.in_(entry_nos)))}


def _postings(keys):
    ile = ItemLedgerEntry
    return tuple_(ile.document_no, ile.transaction_no).in_(sorted(set(keys)))


def output_targets(session: Session, entries: list[Entry], currency: str) -> dict[int, Decimal]:
    """Per assembly output entry among ``entries``: the cost it was posted at (components and
    resources) plus its share, by quantity, of what cost adjustment has since added to its
    posting's consumption entries."""
    posted, shares = _posted_and_shares(session, entries, currency)
    return {no: (posted.get(no) or ZERO) + share for no, share in shares.items()}


def _posted_and_shares(session: Session, entries: list[Entry], currency: str):
    """(posted cost per output entry, its share of its posting's consumption adjustments)."""
    outputs = [e for e in entries if e.kind == OUTPUT]
    if not outputs:
        return {}, {}
    keys = _keys(session, [e.entry_no for e in outputs])
    ile, ve = ItemLedgerEntry, ValueEntry
    where = _postings(keys.values())
    both = func.sum(ve.cost_amount_actual + ve.cost_amount_expected)
    changed = {(doc, tx): cost or ZERO for doc, tx, cost in session.execute(
        select(ile.document_no, ile.transaction_no, both).join(ve, ve.item_ledger_entry_no == ile.entry_no)
        .where(ile.entry_type == CONSUMPTION, ve.adjustment.is_(True), where)
        .group_by(ile.document_no, ile.transaction_no))}
    posted = dict(session.execute(
        select(ile.entry_no, both).join(ve, ve.item_ledger_entry_no == ile.entry_no)
        .where(ile.entry_type == OUTPUT, ve.adjustment.is_(False), ve.entry_type.notin_(("revaluation", "rounding")),
               where).group_by(ile.entry_no)).all())
    siblings: dict[tuple[str, int], list[tuple[int, Decimal]]] = {}
    for no, doc, tx, qty in session.execute(select(ile.entry_no, ile.document_no, ile.transaction_no, ile.quantity)
                                            .where(ile.entry_type == OUTPUT, where).order_by(ile.entry_no)):
        siblings.setdefault((doc, tx), []).append((no, qty))
    shares: dict[int, Decimal] = {}
    for key, group in siblings.items():
        total, quantity = -changed.get(key, ZERO), sum((q for _, q in group), ZERO)
        left = total
        for n, (no, qty) in enumerate(group):
            share = left if n == len(group) - 1 else round_amount(total * qty / quantity, currency)
            left -= share
            shares[no] = share
    return posted, shares


def standard_variances(session: Session, entries: list[Entry], settings: Settings) -> list[Adjustment]:
    """A Standard parent: its output stays at standard cost, so the change of its components'
    cost reaches the output as actual cost and leaves it again as variance (BC posts the
    difference between actual and standard output cost as a variance entry). Per output
    entry: a direct cost adjustment of what its share has moved since the last run, and the
    opposite variance; the output's (and so its sales') cost stays at standard."""
    _, shares = _posted_and_shares(session, entries, settings.currency)
    if not shares:
        return []
    ve = ValueEntry
    both = func.sum(ve.cost_amount_actual + ve.cost_amount_expected)
    done = dict(session.execute(select(ve.item_ledger_entry_no, both)
                                .where(ve.item_ledger_entry_no.in_(list(shares)), ve.adjustment.is_(True),
                                       ve.entry_type == "direct_cost").group_by(ve.item_ledger_entry_no)).all())
    result: list[Adjustment] = []
    for e in entries:
        moved = shares.get(e.entry_no, ZERO) - (done.get(e.entry_no) or ZERO)
        if e.entry_no in shares and moved != ZERO:
            emit(result, e, moved, "direct_cost", e.posting_date, e.posting_date, settings)
            emit(result, e, -moved, "variance", e.posting_date, e.posting_date, settings)
    return result


def output_adjustments(session: Session, entries: list[Entry], settings: Settings) -> list[Adjustment]:
    """Bring each assembly output entry to its consumption's cost (see the module docstring)."""
    if settings.method == "standard":
        return standard_variances(session, entries, settings)
    targets = output_targets(session, entries, settings.currency)
    result: list[Adjustment] = []
    for e in entries:
        if e.entry_no in targets and targets[e.entry_no] != e.base_cost:
            emit(result, e, targets[e.entry_no] - e.base_cost, "direct_cost", e.posting_date, e.posting_date,
                 settings)
            e.base_cost = targets[e.entry_no]
    return result


def mark_outputs(session: Session, consumption_entries: list[int]) -> set[str]:
    """Mark the parent items output by the postings of ``consumption_entries`` "to adjust"
    (from the output's posting date); the item nos. marked."""
    if not consumption_entries:
        return set()
    ile = ItemLedgerEntry
    keys = _keys(session, consumption_entries)
    dates: dict[str, dt.date] = {}
    for item, date in session.execute(select(ile.item_no, func.min(ile.posting_date))
                                      .where(ile.entry_type == OUTPUT, _postings(keys.values()))
                                      .group_by(ile.item_no)):
        dates[item] = date
    marks.mark_from(session, dates)
    return set(dates)
