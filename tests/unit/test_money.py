from decimal import Decimal

import pytest

from domain.money import MoneyError, round_amount, round_unit_amount, to_decimal


def test_amounts_round_half_up_to_the_currency_minor_unit():
    assert round_amount(Decimal("2.345"), "NOK") == Decimal("2.35")
    assert round_amount(Decimal("-2.345"), "EUR") == Decimal("-2.35")
    assert round_amount(Decimal("2.5"), "JPY") == Decimal("3")


def test_unit_amounts_keep_five_decimals():
    assert round_unit_amount(Decimal("1.234565")) == Decimal("1.23457")


@pytest.mark.parametrize("value", [0.1, True, "abc", "", "NaN", "Infinity", None])
def test_floats_and_garbage_are_refused_as_amounts(value):
    with pytest.raises(MoneyError):
        to_decimal(value)


def test_strings_and_ints_read_exactly():
    assert to_decimal(" 12.30 ") == Decimal("12.30")
    assert to_decimal(7) == Decimal(7)
