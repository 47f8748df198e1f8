"""Reading untrusted input values (JSON, CSV, CLI) into typed values.

Every failure becomes a :class:`Problem` naming the field, collected so that a
user sees every mistake in a file at once, not one per run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.money import MoneyError, to_decimal
from domain.problems import Problem

#: decimals each kind of column holds (design.md section 2)
AMOUNT, UNIT, QTY, RATE = 2, 6, 5, 10
#: the dates a document, entry or setting may carry: a typo (20266, 9999) is a problem, not a
#: posting in the year 9999 whose due date no longer fits in a date (OverflowError)
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
#: the range of an integer column (PostgreSQL ``integer``): entry and line numbers
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1


class Reader:
    """Reads fields of one record, collecting problems instead of raising."""

    def __init__(self, data: dict, where: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.where = where
        self.problems: list[Problem] = []
        if not isinstance(data, dict):
            self.problems.append(Problem("IMPORT-NOT-AN-OBJECT", where or None))

    def _field(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def raw(self, name: str, required: bool = False):
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(Problem("IMPORT-MISSING-FIELD", self._field(name)))
            return None
        return value

    def text(self, name: str, required: bool = False, default: str | None = None) -> str | None:
        value = self.raw(name, required)
        return default if value is None else str(value).strip()

    def decimal(self, name: str, required: bool = False, default: Decimal | None = None,
                places: int | None = None):
        """A decimal; with ``places``, more decimals than the column holds is a problem
        (IMPORT-TOO-MANY-DECIMALS), never a silent rounding."""
        value = self.raw(name, required)
        if value is None:
            return default
        if isinstance(value, float):
            value = repr(value)  # JSON numbers arrive as float: read their shortest repr exactly
        try:
            result = to_decimal(value)
        except MoneyError:
            self.problems.append(Problem("IMPORT-INVALID-NUMBER", self._field(name), {"value": str(value)}))
            return default
        if places is not None and result.normalize().as_tuple().exponent < -places:
            self.problems.append(Problem("IMPORT-TOO-MANY-DECIMALS", self._field(name),
                                         {"value": str(value), "places": places}))
            return default
        if abs(result) >= Decimal(10) ** 12:
            self.problems.append(Problem("IMPORT-NUMBER-TOO-LARGE", self._field(name), {"value": str(value)}))
            return default
        return result

    def date(self, name: str, required: bool = False, default: dt.date | None = None):
        value = self.raw(name, required)
        if value is None:
            return default
        try:
            result = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problems.append(Problem("IMPORT-INVALID-DATE", self._field(name), {"value": str(value)}))
            return default
        if not FIRST_DATE <= result <= LAST_DATE:
            self.problems.append(Problem("IMPORT-DATE-OUT-OF-RANGE", self._field(name), {
                "value": result.isoformat(), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}))
            return default
        return result

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"true", "yes", "1", "ja", "y"}:
            return True
        if text in {"false", "no", "0", "nei", "nee", "n"}:
            return False
        self.problems.append(Problem("IMPORT-INVALID-BOOLEAN", self._field(name), {"value": str(value)}))
        return default

    def integer(self, name: str):
        value = self.raw(name)
        if value is None:
            return None
        try:
            result = int(str(value).strip())
        except ValueError:
            self.problems.append(Problem("IMPORT-INVALID-NUMBER", self._field(name), {"value": str(value)[:100]}))
            return None
        if not INTEGER_MIN <= result <= INTEGER_MAX:
            self.problems.append(Problem("IMPORT-NUMBER-TOO-LARGE", self._field(name), {"value": str(value)}))
            return None
        return result

    def choice(self, name: str, options: tuple[str, ...], required: bool = False, default=None):
        value = self.text(name, required, default)
        if value is not None and value not in options:
            self.problems.append(Problem("IMPORT-INVALID-CHOICE", self._field(name),
                                         {"value": value, "allowed": ", ".join(options)}))
            return default
        return value


def at_position(problems, position: int) -> list[Problem]:
    """``problems`` of the ``position``-th record of a list (1-based): each field starts
    with the position, ``[2].lines[1].quantity``, so a user sees which record to fix."""
    return [Problem(p.code, f"[{position}]" + (f".{p.field}" if p.field else ""), p.params) for p in problems]


def number_problem(value: Decimal, field: str, places: int) -> Problem | None:
    """The problem with a number given as a value, not read from a record (``--qty 1=0.1234567``,
    ``--amount 1.234``): more decimals than its column holds, or too large for it; ``None`` if
    the column holds it. Checked before the value reaches the database, which would otherwise
    raise (a StatementError) or round without a word."""
    if not value.is_finite():
        return Problem("IMPORT-INVALID-NUMBER", field, {"value": str(value)})
    if value.normalize().as_tuple().exponent < -places:
        return Problem("IMPORT-TOO-MANY-DECIMALS", field, {"value": str(value), "places": places})
    if abs(value) >= Decimal(10) ** 12:
        return Problem("IMPORT-NUMBER-TOO-LARGE", field, {"value": str(value)})
    return None
