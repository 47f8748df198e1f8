"""Amounts and dates in the reader's locale (babel, CLDR): 12 345,50 in Norway,
12.345,50 in the Netherlands, 12,345.50 in English. Used by the approval e-mails
and the approvals page; never for machine-read output (CSV, JSON keep ISO/plain)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal

LOCALES = {"nb": "nb_NO", "nl": "nl_NL", "en": "en_GB"}


def locale_of(language: str | None) -> str:
    return LOCALES.get(language or "en", "en_GB")


def amount(value: Decimal | None, language: str | None) -> str:
    """``value`` with two decimals and the locale's separators; "" for None."""
    if value is None:
        return ""
    return format_decimal(Decimal(value), format="#,##0.00", locale=locale_of(language))


def number(value: Decimal | None, language: str | None) -> str:
    """A quantity: as many decimals as it has (up to 5), the locale's separators."""
    if value is None:
        return ""
    return format_decimal(Decimal(value).normalize(), format="#,##0.#####", locale=locale_of(language))


def date(value: dt.date | None, language: str | None) -> str:
    if value is None:
        return ""
    return _format_date(value, format="medium", locale=locale_of(language))


def moment(value: dt.datetime | None, language: str | None, time_zone: str = "Europe/Oslo") -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return _format_datetime(value, format="short", tzinfo=time_zone, locale=locale_of(language))
