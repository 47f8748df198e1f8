"""Counting periods (pure): when an item is next due for a cycle count.

Business Central (table 7381 "Phys. Invt. Counting Period", codeunit 7380 "Phys. Invt.
Count.-Management", CalcPeriod): a counting period has a Count Frequency per Year. An item
with a counting period carries Next Counting Start/End Date and Last Counting Period Update;
it is due when its last update lies before the next start and the date has reached that
start. Assigning the period (no count yet) makes the period holding today the next one, so
the item is due at once; posting a count makes the period after the one holding the
posting date the next one.

- 1, 2, 3, 4, 6 or 12 a year: calendar periods of 12 / frequency months (a quarter for 4).
- 24 a year: half months (the first half has month length div 2 days).
- any other frequency: rolling periods of (days in the year div frequency) days from the
  last count, as BC's fallback does.
"""

from __future__ import annotations

import calendar
import datetime as dt

from domain.problems import Problem

#: BC Count Frequency per Year: at least once a year, at most daily
MIN_FREQUENCY, MAX_FREQUENCY = 1, 365
MONTHLY = (1, 2, 3, 4, 6, 12)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _month_halves(day: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The two halves of ``day``'s month and of the month after it."""
    out = []
    for first in (dt.date(day.year, day.month, 1), _add_months(day, 1)):
        length = calendar.monthrange(first.year, first.month)[1]
        middle = first + dt.timedelta(days=length // 2)
        out += [(first, middle - dt.timedelta(days=1)),
                (middle, _add_months(first, 1) - dt.timedelta(days=1))]
    return out


def next_period(last_count: dt.date | None, today: dt.date, frequency: int,
                current: tuple[dt.date | None, dt.date | None] = (None, None)) -> tuple[dt.date, dt.date]:
    """(Next Counting Start Date, Next Counting End Date) after a count on ``last_count``
    (None: the period was just assigned, nothing counted yet; ``today`` stands in).
    ``current``: the item's present next period (used by the rolling fallback)."""
    anchor = last_count or today
    if frequency in MONTHLY:
        months = 12 // frequency
        start = dt.date(anchor.year, (anchor.month - 1) // months * months + 1, 1)
        if last_count is not None:
            start = _add_months(start, months)
        return start, _add_months(start, months) - dt.timedelta(days=1)
    if frequency == 24:
        halves = _month_halves(anchor)
        i = next(n for n, (s, e) in enumerate(halves) if s <= anchor <= e)
        return halves[i + 1] if last_count is not None else halves[i]
    days = (366 if calendar.isleap(today.year) else 365) // frequency
    step = dt.timedelta(days=days)
    start, end = current
    if last_count is not None and start is not None and end is not None:
        if last_count < start:
            return start, end
        while last_count >= start:
            start, end = end + dt.timedelta(days=1), end + dt.timedelta(days=1) + step
        return start, start + step
    start = anchor + step if last_count is None else anchor + dt.timedelta(days=1)
    return start, start + step


def is_due(last_update: dt.date | None, next_start: dt.date | None, date: dt.date) -> bool:
    """BC: Last Counting Period Update before Next Counting Start Date, and the date reached it."""
    return next_start is not None and (last_update is None or last_update < next_start) and date >= next_start


def frequency_problem(frequency: int | None) -> Problem | None:
    if frequency is None or not MIN_FREQUENCY <= frequency <= MAX_FREQUENCY:
        return Problem("PHYS-COUNTING-FREQUENCY", "frequency",
                       {"value": frequency, "min": MIN_FREQUENCY, "max": MAX_FREQUENCY})
    return None
