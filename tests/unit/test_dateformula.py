import datetime as dt

import pytest

from domain import dateformula

D = dt.date


@pytest.mark.parametrize("formula,start,expected", [
    ("14D", D(2026, 11, 20), D(2026, 12, 4)),
    ("1M", D(2026, 1, 31), D(2026, 2, 28)),
    ("CM", D(2026, 2, 10), D(2026, 2, 28)),
    ("CM+1M", D(2026, 1, 10), D(2026, 2, 28)),
    ("-1W", D(2026, 11, 20), D(2026, 11, 13)),
    ("CW", D(2026, 11, 18), D(2026, 11, 22)),
    ("1Q", D(2026, 11, 30), D(2027, 2, 28)),
    ("CY", D(2026, 3, 1), D(2026, 12, 31)),
    ("", D(2026, 3, 1), D(2026, 3, 1)),
])
def test_business_central_date_formulas(formula, start, expected):
    assert dateformula.apply(formula, start) == expected


def test_garbage_date_formula_is_refused_with_a_code():
    with pytest.raises(dateformula.DateFormulaError) as err:
        dateformula.apply("14X", D(2026, 1, 1))
    assert err.value.code == "SETUP-INVALID-DATE-FORMULA"


@pytest.mark.parametrize("formula,start", [("30D", D(9999, 12, 31)), ("1M", D(9999, 12, 1)),
                                           ("99999999999D", D(2026, 1, 1)), ("-1D", D(1, 1, 1))])
def test_a_date_formula_that_leaves_the_calendar_is_refused_with_a_code_not_an_overflow(formula, start):
    with pytest.raises(dateformula.DateOutOfRangeError) as err:
        dateformula.apply(formula, start)
    assert err.value.code == "SETUP-DATE-FORMULA-OUT-OF-RANGE"
    assert err.value.params == {"formula": formula, "date": start.isoformat()}
