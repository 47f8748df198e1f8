"""Which currency codes a document may carry (pure).

Business Central only accepts a currency code that exists in the Currencies table.
ledgerflow has no currency table yet: a code is known when it is the company's own
currency or an active ISO 4217 code (the CLDR list that Babel ships), so a typo such
as ``XYZ`` is refused at import instead of posting a ledger in a currency nobody has.
"""

from __future__ import annotations

import functools

from domain.problems import Problem


@functools.cache
def iso_4217_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def currency_problems(code: str | None, lcy_code: str) -> list[Problem]:
    """``[]`` when ``code`` is the local currency or a known ISO 4217 code."""
    if not code or code == lcy_code or code in iso_4217_codes():
        return []
    return [Problem("SETUP-UNKNOWN-CURRENCY", "currency", {"currency": code})]
