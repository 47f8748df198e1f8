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
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problems.append(Problem("IMPORT-INVALID-DATE", self._field(name), {"value": str(value)}))
            return default

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
            return int(str(value).strip())
        except ValueError:
            self.problems.append(Problem("IMPORT-INVALID-NUMBER", self._field(name), {"value": str(value)}))
            return None

    def choice(self, name: str, options: tuple[str, ...], required: bool = False, default=None):
        value = self.text(name, required, default)
        if value is not None and value not in options:
            self.problems.append(Problem("IMPORT-INVALID-CHOICE", self._field(name),
                                         {"value": value, "allowed": ", ".join(options)}))
            return default
        return value
