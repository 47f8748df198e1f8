"""Reading untrusted input values (JSON, CSV, CLI) into typed values.

Every failure becomes a :class:`Problem` naming the field, collected so that a
user sees every mistake in a file at once, not one per run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from domain import dateformula
from domain.identifiers import IdentifierError
from domain.money import MoneyError, to_decimal
from domain.problems import DomainError, Problem

#: decimals each kind of column holds (design.md section 2)
AMOUNT, UNIT, QTY, RATE = 2, 6, 5, 10
#: the dates a document, entry or setting may carry: a typo (20266, 9999) is a problem, not a
#: posting in the year 9999 whose due date no longer fits in a date (OverflowError)
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
#: the range of an integer column (PostgreSQL ``integer``): entry and line numbers
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
#: characters no text may carry: C0 controls but tab, line feed and carriage return, and DEL
#: (PostgreSQL cannot store NUL at all; SQLite would store it and every report would carry it)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Shape:
    """What one record of an import may carry: its ``keys`` (any other key is a problem,
    never silently ignored) and the ORM ``model`` whose ``String(n)`` columns bound its
    text, so a limit is read from the table and never written twice. ``columns`` names
    the column of a key whose column is named otherwise (``location`` -> ``location_code``);
    a key without a column of the model has no length limit here."""

    keys: frozenset[str]
    model: object = None
    columns: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "keys", frozenset(self.keys))

    def max_length(self, key: str) -> int | None:
        """The most characters ``key``'s text may have (its column's ``String(n)``)."""
        return column_length(self.model, self.columns.get(key, key))


def column_length(model, column: str) -> int | None:
    """``n`` of the ``String(n)`` column ``column`` of the ORM class ``model`` (None: no
    such column, or no length)."""
    table = getattr(model, "__table__", None)
    col = table.columns.get(column) if table is not None else None
    return getattr(getattr(col, "type", None), "length", None)


def unknown_keys(keys: Iterable, accepted: Iterable[str], where: str = "") -> list[Problem]:
    """A problem per key of ``keys`` that is not in ``accepted``: ``IMPORT-MISSPELLED-KEY``
    naming the accepted key it is a typo of (``direct_unit_cst``: did you mean
    ``direct_unit_cost``), else ``IMPORT-UNKNOWN-KEY`` listing the accepted keys. A key a
    later feature will read is refused until then; ``prepayment_pct`` only where it means
    something (orders: :mod:`domain.purchasing.prepayment_setup`)."""
    accepted = accepted if isinstance(accepted, frozenset) else frozenset(accepted)
    unknown = [key for key in keys if key not in accepted]
    if not unknown:
        return []
    known = sorted(accepted)
    problems = []
    for key in unknown:
        name = "" if key is None else str(key)  # a CSV row longer than its header has the key None
        path = f"{where}.{name}" if where else name
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.85)  # vendor_iban is no typo of vendor_no
        if close:
            problems.append(Problem("IMPORT-MISSPELLED-KEY", path, {"key": name, "suggestion": close[0]}))
        else:
            problems.append(Problem("IMPORT-UNKNOWN-KEY", path, {"key": name, "allowed": ", ".join(known)}))
    return problems


class Reader:
    """Reads fields of one record, collecting problems instead of raising.

    With a :class:`Shape`, a key the shape does not name is a problem (reported when the
    Reader is made), and text longer than its column is one (``IMPORT-TEXT-TOO-LONG``);
    reading a key the shape does not name is a programming error."""

    def __init__(self, data: dict, where: str = "", shape: Shape | None = None):
        self.data = data if isinstance(data, dict) else {}
        self.where = where
        self.shape = shape
        self.problems: list[Problem] = []
        if not isinstance(data, dict):
            self.problems.append(Problem("IMPORT-NOT-AN-OBJECT", where or None))
        elif shape is not None:
            self.problems += unknown_keys(data, shape.keys, where)

    def _field(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def raw(self, name: str, required: bool = False):
        if self.shape is not None and name not in self.shape.keys:
            raise AssertionError(f"{name!r} is read but not a key of the shape")  # a bug, never input
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(Problem("IMPORT-MISSING-FIELD", self._field(name)))
            return None
        return value

    def text(self, name: str, required: bool = False, default: str | None = None) -> str | None:
        """The text, stripped. A control character (NUL, ESC, ...) is a problem
        (IMPORT-CONTROL-CHARACTER), and so is text longer than its column when the shape
        names one (IMPORT-TEXT-TOO-LONG): refused, never cut or left to the database."""
        value = self.raw(name, required)
        if value is None:
            return default
        text = str(value).strip()
        bad = CONTROL_CHARACTERS.search(text)
        if bad:
            self.problems.append(Problem("IMPORT-CONTROL-CHARACTER", self._field(name), {
                "character": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1}))
            return default
        limit = self.shape.max_length(name) if self.shape is not None else None
        if limit is not None and len(text) > limit:
            self.problems.append(Problem("IMPORT-TEXT-TOO-LONG", self._field(name),
                                         {"length": len(text), "max": limit}))
            return default
        return text

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

    def identifier(self, name: str, validate) -> str | None:
        """An identifier (IBAN, bank account, KID, ...) checked by ``validate`` from
        :mod:`domain.identifiers` (python-stdnum where it covers it): its compact form, or
        the identifier's own problem (``ID-INVALID-IBAN``) naming the field."""
        value = self.text(name)
        if value is None:
            return None
        try:
            return validate(value)
        except IdentifierError as exc:
            self.problems.append(Problem(exc.code, self._field(name), {"value": value}))
            return None

    def date_or_formula(self, name: str, base: dt.date | None, default: dt.date | None = None):
        """A date, or a Business Central date formula (``14D``, ``CM+1M``) counted from
        ``base`` (the document date), as BC's date fields take one. Neither: IMPORT-INVALID-DATE."""
        value = self.raw(name)
        if value is None:
            return default
        text = str(value).strip()
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            result = None
            if base is not None:
                try:
                    result = dateformula.apply(text, base)
                except DomainError:  # not a formula either: read as a date, which reports it
                    pass
            if result is not None:
                if FIRST_DATE <= result <= LAST_DATE:
                    return result
                self.problems.append(Problem("IMPORT-DATE-OUT-OF-RANGE", self._field(name), {
                    "value": result.isoformat(), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}))
                return default
        return self.date(name, default=default)

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
