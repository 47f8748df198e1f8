"""Business Central date formulas ("14D", "1M", "CM+1M", "-1W", "CW+5D").

A formula is a sequence of terms applied left to right. ``<n>D/W/M/Q/Y`` moves
by n days, weeks, months, quarters or years; ``C<unit>`` moves to the end of the
current week (Sunday), month, quarter or year (BC "Date Formula" semantics;
moving by months keeps the day, capped at the month's last day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from domain.problems import DomainError

_TERM = re.compile(r"([+-]?)(?:(\d+)([DWMQY])|C([DWMQY]))")


class DateFormulaError(DomainError):
    code = "SETUP-INVALID-DATE-FORMULA"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _current_end(day: dt.date, unit: str) -> dt.date:
    if unit == "D":
        return day
    if unit == "W":
        return day + dt.timedelta(days=6 - day.weekday())
    if unit == "M":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if unit == "Q":
        month = ((day.month - 1) // 3 + 1) * 3
        return dt.date(day.year, month, calendar.monthrange(day.year, month)[1])
    return dt.date(day.year, 12, 31)


def validate(formula: str) -> str:
    """The formula in canonical form, or :class:`DateFormulaError`."""
    text = formula.replace(" ", "").upper()
    if not text:
        return ""
    pos = 0
    for match in _TERM.finditer(text):
        if match.start() != pos:
            break
        pos = match.end()
    if pos != len(text):
        raise DateFormulaError(message=f"not a date formula: {formula!r}", formula=formula)
    return text


class DateOutOfRangeError(DomainError):
    code = "SETUP-DATE-FORMULA-OUT-OF-RANGE"


def apply(formula: str, day: dt.date) -> dt.date:
    """``day`` moved by ``formula`` (an empty formula leaves it unchanged); a result
    beyond the calendar (year 9999 + 30D) is :class:`DateOutOfRangeError`, never an
    OverflowError."""
    text = validate(formula)
    try:
        return _apply(text, day)
    except (OverflowError, ValueError):
        raise DateOutOfRangeError(message=f"{formula} from {day.isoformat()} is beyond the calendar",
                                  formula=formula, date=day.isoformat()) from None


def _apply(text: str, day: dt.date) -> dt.date:
    for sign, count, unit, current in _TERM.findall(text):
        if current:
            day = _current_end(day, current)
            continue
        n = int(count) * (-1 if sign == "-" else 1)
        if unit == "D":
            day += dt.timedelta(days=n)
        elif unit == "W":
            day += dt.timedelta(weeks=n)
        elif unit == "M":
            day = _add_months(day, n)
        elif unit == "Q":
            day = _add_months(day, 3 * n)
        else:
            day = _add_months(day, 12 * n)
    return day
