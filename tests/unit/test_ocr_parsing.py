"""Locale-aware amounts and dates as printed on nb, nl, en, de invoices."""

from datetime import date
from decimal import Decimal

import pytest

from ocr.parsing import find_amounts, find_dates, parse_amount


@pytest.mark.parametrize("text, expected", [
    ("1 234,50", "1234.50"),
    ("1.234,50", "1234.50"),
    ("1,234.50", "1234.50"),
    ("kr 1 234,-", "1234"),
    ("12.345.678,90", "12345678.90"),
    ("-123,45", "-123.45"),
    ("EUR 99,00", "99.00"),
])
def test_amount_written_in_any_of_our_locales_is_read_exactly(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_a_percentage_is_flagged_and_not_taken_for_an_amount():
    found = find_amounts("Umsatzsteuer 19% 269,80")
    assert [(a.value, a.is_percent) for a in found] == [(Decimal(19), True), (Decimal("269.80"), False)]


def test_numbers_in_two_columns_are_not_glued_into_one_amount():
    assert [a.value for a in find_amounts("9  616,01")] == [Decimal(9), Decimal("616.01")]


def test_space_grouping_without_decimals_is_not_a_thousands_separator():
    assert [a.value for a in find_amounts("10 300")] == [Decimal(10), Decimal(300)]


@pytest.mark.parametrize("text", [
    "21.11.2026", "21-11-2026", "21/11/2026", "21 november 2026", "21. november 2026", "2026-11-21",
    "21 nov. 2026", "November 21, 2026", "21.11.26",
    # month names, written close or inside a sentence (find_dates first looks for a letter before a year)
    "21-nov-2026", "Nov. 21, 2026", "21.November2026", "fällig am 21. Nov. 2026 netto",
])
def test_date_in_any_house_format_is_read_day_first(text):
    assert find_dates(text)[0].value == date(2026, 11, 21)


@pytest.mark.parametrize("text, expected", [
    ("3 mei 2026", date(2026, 5, 3)), ("1. desember 2026", date(2026, 12, 1)),
    ("15 maart 2026", date(2026, 3, 15)), ("7. oktober 2026", date(2026, 10, 7)),
])
def test_dutch_and_norwegian_month_names_are_understood(text, expected):
    assert find_dates(text)[0].value == expected


def test_an_impossible_date_is_not_a_date():
    assert find_dates("31.02.2026") == []


def test_a_document_whose_slash_dates_can_only_be_month_first_is_read_month_first():
    from ocr.parsing import month_first_document

    assert month_first_document("Invoice Date 11/03/2017  Paid 11/17/2017")
    assert not month_first_document("Fakturadato 17/11/2017  Forfall 11/03/2017")
    assert find_dates("11/03/2017", month_first=True)[0].value == date(2017, 11, 3)
