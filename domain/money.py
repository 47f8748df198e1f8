"""Decimal money and quantities with one rounding policy.

Every amount in ledgerflow is a :class:`decimal.Decimal`. Values enter through
:func:`to_decimal` (which refuses floats) and are rounded only by the functions
here, so the whole code base shares one policy: half-up to the currency's minor
unit for amounts (Business Central's "Amount Rounding Precision"), 0.00001 for
unit amounts ("Unit-Amount Rounding Precision") and quantities.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0")
HUNDRED = Decimal("100")

#: minor units per ISO 4217 currency; anything unknown has two decimals
_MINOR_UNITS = {"JPY": 0, "ISK": 0, "KRW": 0, "BHD": 3, "KWD": 3}

_UNIT_AMOUNT = Decimal("0.00001")
_QUANTITY = Decimal("0.00001")
_RATE = Decimal("0.0000000001")


class MoneyError(ValueError):
    """A value that cannot be read as a decimal amount (code ``MONEY-INVALID``)."""

    code = "MONEY-INVALID"


def to_decimal(value: object) -> Decimal:
    """Read ``value`` as an exact Decimal.

    Accepts Decimal, int and str ("1234.50", " 12 "); floats are refused because
    they cannot carry an exact amount (0.1 is not one tenth).
    """
    if isinstance(value, bool):
        raise MoneyError(f"not an amount: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        if not text:
            raise MoneyError("empty amount")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise MoneyError(f"not an amount: {value!r}") from exc
    else:
        raise MoneyError(f"not an amount (type {type(value).__name__}): {value!r}")
    if not result.is_finite():
        raise MoneyError(f"not a finite amount: {value!r}")
    return result


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` (0.01 for NOK and EUR)."""
    return Decimal(1).scaleb(-_MINOR_UNITS.get(currency.upper(), 2))


def round_amount(value: Decimal, currency: str = "NOK") -> Decimal:
    """Round an amount half-up to the currency's minor unit."""
    return value.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def round_unit_amount(value: Decimal) -> Decimal:
    """Round a unit price or unit cost half-up to 0.00001."""
    return value.quantize(_UNIT_AMOUNT, rounding=ROUND_HALF_UP)


def round_quantity(value: Decimal) -> Decimal:
    """Round a quantity half-up to 0.00001 (BC's quantity precision)."""
    return value.quantize(_QUANTITY, rounding=ROUND_HALF_UP)


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    """Round a quantity half-up to a multiple of ``step`` (BC Qty. Rounding Precision; a step of
    0 is the quantity precision 0.00001)."""
    if not step:
        return round_quantity(value)
    return round_quantity((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def round_rate(value: Decimal) -> Decimal:
    """Round an exchange rate or ratio to ten decimals."""
    return value.quantize(_RATE, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, pct: Decimal, currency: str = "NOK") -> Decimal:
    """``pct`` percent of ``amount``, rounded to the currency."""
    return round_amount(amount * pct / HUNDRED, currency)


def fmt(value: Decimal) -> str:
    """A plain string with every digit kept (JSON numbers are strings)."""
    return format(value, "f")
