"""The role center's figures as plain values: months, aging buckets, and folding sums by date.

Pure (no SQLAlchemy, no I/O): :mod:`domain.operations.kpi` reads the ledgers into sums per
posting date and these functions fold them into months, month-end balances and aging buckets.

Aging follows Business Central's "Aged Accounts Payable/Receivable" (due date basis): an
entry's remaining amount on the aging date, by days past its due date: not due, 1-30,
31-60, 61-90 and more than 90 days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from domain.money import ZERO

#: aging buckets, in order (the keys of :attr:`Aging.buckets`)
BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")
#: the last day past due each bucket holds (None: no limit)
_BUCKET_LIMITS = ((0, "not_due"), (30, "1_30"), (60, "31_60"), (90, "61_90"), (None, "over_90"))
#: intake statuses that are work still waiting (BC incoming documents not yet posted)
INTAKE_WAITING = ("new", "review", "created")


@dataclass(frozen=True)
class Month:
    """A calendar month of the report; ``last`` is the month end, or the as-of date in its month."""

    first: dt.date
    last: dt.date

    @property
    def key(self) -> str:
        return self.first.strftime("%Y-%m")


@dataclass(frozen=True)
class MonthFigures:
    month: str
    #: purchase lines posted (excl. VAT, credit memos subtracted)
    purchases: Decimal
    #: sales lines posted (excl. VAT, credit memos subtracted)
    sales: Decimal
    #: cost of goods sold: actual cost of the month's sales value entries
    cogs: Decimal
    gross_profit: Decimal
    #: actual cost of inventory at the month's last day
    inventory_value: Decimal
    #: expected (received, not invoiced) cost of inventory at the month's last day
    inventory_expected: Decimal


@dataclass(frozen=True)
class Aging:
    """Open amounts by bucket, signed so that what is owed (to vendors, by customers) is positive."""

    buckets: dict[str, Decimal]
    entries: int

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


@dataclass(frozen=True)
class Kpis:
    as_of: dt.date
    currency: str
    months: list[MonthFigures]
    payables: Aging
    receivables: Aging
    #: incoming documents waiting, by status (new, review, created)
    intake: dict[str, int]
    #: approval requests waiting (open), by document type
    approval: dict[str, int]
    approval_amount: Decimal = field(default=ZERO)

    @property
    def intake_waiting(self) -> int:
        return sum(self.intake.values())

    @property
    def approval_waiting(self) -> int:
        return sum(self.approval.values())


def months_ending(as_of: dt.date, count: int) -> list[Month]:
    """The ``count`` calendar months up to and including the month of ``as_of``, oldest first."""
    result = []
    year, month = as_of.year, as_of.month
    for _ in range(count):
        first = dt.date(year, month, 1)
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        result.append(Month(first, min(end, as_of)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return result[::-1]


def bucket(due_date: dt.date, as_of: dt.date) -> str:
    overdue = (as_of - due_date).days
    for limit, name in _BUCKET_LIMITS:
        if limit is None or overdue <= limit:
            return name
    raise AssertionError("unreachable: the last bucket has no limit")


def age(entries: Iterable[tuple[dt.date, Decimal]], as_of: dt.date, sign: int = 1) -> Aging:
    """Remaining amounts ``(due_date, remaining)`` into buckets; ``sign`` -1 turns a vendor's
    negative (credit) remaining amount into a positive amount owed."""
    buckets = {name: ZERO for name in BUCKETS}
    count = 0
    for due_date, remaining in entries:
        if remaining == ZERO:
            continue
        buckets[bucket(due_date, as_of)] += sign * remaining
        count += 1
    return Aging(buckets, count)


def per_month(months: list[Month], by_date: Mapping[dt.date, Decimal], sign: int = 1) -> list[Decimal]:
    """The sum of ``by_date`` within each month (dates outside every month are left out)."""
    sums = [sum((v for d, v in by_date.items() if m.first <= d <= m.last), ZERO) for m in months]
    return sums if sign == 1 else [ZERO - s for s in sums]


def balances_at(months: list[Month], by_date: Mapping[dt.date, Decimal]) -> list[Decimal]:
    """The running total of ``by_date`` up to and including each month's last day."""
    return [sum((v for d, v in by_date.items() if d <= m.last), ZERO) for m in months]


def month_figures(months: list[Month], purchases, sales, cogs, inventory, expected) -> list[MonthFigures]:
    """Rows per month from sums per date: G/L purchase lines (debit +), G/L sales lines (credit -),
    the actual cost of sales value entries (negative), inventory actual and expected cost."""
    bought, sold = per_month(months, purchases), per_month(months, sales, -1)
    cost = per_month(months, cogs, -1)
    value, pending = balances_at(months, inventory), balances_at(months, expected)
    return [MonthFigures(m.key, bought[i], sold[i], cost[i], sold[i] - cost[i], value[i], pending[i])
            for i, m in enumerate(months)]


def as_dict(kpis: Kpis) -> dict:
    """The figures as one plain record (``--json``, the flow's result); amounts stay Decimal."""
    def aging(a: Aging) -> dict:
        return {**a.buckets, "total": a.total, "entries": a.entries}

    return {"as_of": kpis.as_of, "currency": kpis.currency,
            "months": [asdict(m) for m in kpis.months],
            "payables": aging(kpis.payables), "receivables": aging(kpis.receivables),
            "waiting": {"intake": dict(kpis.intake), "intake_total": kpis.intake_waiting,
                        "approval": dict(kpis.approval), "approval_total": kpis.approval_waiting,
                        "approval_amount": kpis.approval_amount}}


def aging_rows(kpis: Kpis) -> list[dict]:
    """One row per bucket and a total row: the payables and receivables side by side."""
    rows = [{"bucket": name, "payables": kpis.payables.buckets[name],
             "receivables": kpis.receivables.buckets[name]} for name in BUCKETS]
    return rows + [{"bucket": "total", "payables": kpis.payables.total, "receivables": kpis.receivables.total}]


def waiting_rows(kpis: Kpis) -> list[dict]:
    rows = [{"where": f"intake_{status}", "count": count} for status, count in kpis.intake.items()]
    return rows + [{"where": "approval_open", "count": kpis.approval_waiting}]
