from decimal import Decimal as D

from domain.ledger.rules.amounts import LineInput, compute


def line(key, qty, price, pct="25", disc="0", rc=False):
    return LineInput(key, D(qty), D(price), D(disc), f"normal|{pct}|X{pct}", D(pct), rc)


def test_vat_is_computed_per_rate_group_after_rounding_each_line():
    result = compute([line(1, "1", "0.333"), line(2, "1", "0.333"), line(3, "1", "0.333")], False, "NOK")
    assert [x.net for x in result.lines] == [D("0.33")] * 3
    assert result.net == D("0.99")
    assert result.vat == D("0.25")  # 0.99 * 25 % = 0.2475 -> 0.25, not 3 x 0.08
    assert sum(x.vat for x in result.lines) == result.vat


def test_line_discount_is_rounded_before_the_net_amount():
    result = compute([line(1, "3", "33.33", disc="10")], False, "NOK")
    assert result.lines[0].discount_amount == D("10.00")
    assert result.lines[0].net == D("89.99")


def test_prices_including_vat_split_gross_into_net_and_vat_exactly():
    result = compute([line(1, "1", "100"), line(2, "1", "25")], True, "NOK")
    assert result.gross == D("125.00")
    assert result.vat == D("25.00")
    assert sum(x.net for x in result.lines) == result.net == D("100.00")


def test_reverse_charge_vat_is_not_part_of_the_amount_owed():
    result = compute([line(1, "1", "1000", rc=True)], False, "NOK")
    assert result.groups[0].vat == D("250.00")
    assert result.vat == D("0") and result.gross == D("1000.00")
