"""The one mapping from a VAT entry to the VAT return's boxes (domain/compliance/vat_return.classify)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from domain.compliance.vat_return import classify, parse_period


def boxes(country, entry_type, calculation, pct, domestic=True, eu=True, base="-100", amount=None):
    base = D(base)
    amount = D(amount) if amount is not None else base * D(pct) / 100
    return [(s.code, s.base, s.vat, s.deduction)
            for s in classify(country, entry_type, calculation, D(pct), domestic, eu, base, amount)]


@pytest.mark.parametrize("pct, code", [("25", "3"), ("15", "31"), ("12", "33")])
def test_norwegian_sales_by_rate(pct, code):
    assert boxes("NO", "sale", "normal", pct) == [(code, D(100), D(pct), False)]


def test_norwegian_zero_rated_sales_are_domestic_5_or_export_52():
    assert boxes("NO", "sale", "normal", "0") == [("5", D(100), D(0), False)]
    assert boxes("NO", "sale", "normal", "0", domestic=False) == [("52", D(100), D(0), False)]


@pytest.mark.parametrize("pct, code", [("25", "1"), ("15", "11"), ("12", "13")])
def test_norwegian_deductible_purchases_by_rate(pct, code):
    assert boxes("NO", "purchase", "normal", pct, base="100") == [(code, D(100), D(pct), True)]


def test_norwegian_services_bought_abroad_are_output_vat_and_its_deduction():
    assert boxes("NO", "purchase", "reverse_charge", "25", domestic=False, base="400") == [
        ("86", D(400), D(100), False), ("86-D", D(400), D(100), True)]
    assert boxes("NO", "purchase", "normal", "0", base="80") == []  # code 0: not in the MVA-melding


def test_dutch_rubrieken():
    assert boxes("NL", "sale", "normal", "21") == [("1a", D(100), D(21), False)]
    assert boxes("NL", "sale", "normal", "9") == [("1b", D(100), D(9), False)]
    assert boxes("NL", "sale", "normal", "0") == [("1e", D(100), D(0), False)]
    assert boxes("NL", "sale", "normal", "0", domestic=False) == [("3b", D(100), D(0), False)]
    assert boxes("NL", "sale", "normal", "0", domestic=False, eu=False) == [("3a", D(100), D(0), False)]
    assert boxes("NL", "purchase", "normal", "21", base="100") == [("5b", D(0), D(21), True)]
    assert boxes("NL", "purchase", "reverse_charge", "21", domestic=False, base="100") == [
        ("4b", D(100), D(21), False), ("5b", D(0), D(21), True)]
    assert boxes("NL", "purchase", "reverse_charge", "21", domestic=False, eu=False, base="100")[0][0] == "4a"
    assert boxes("NL", "purchase", "reverse_charge", "21", base="100")[0][0] == "2a"


def test_periods():
    assert (parse_period("2026-11").date_from, parse_period("2026-11").date_to) == (dt.date(2026, 11, 1),
                                                                                    dt.date(2026, 11, 30))
    assert parse_period("2026-q1").date_to == dt.date(2026, 3, 31)
    assert (parse_period("2028-T1").date_from, parse_period("2028-T1").date_to) == (dt.date(2028, 1, 1),
                                                                                    dt.date(2028, 2, 29))
