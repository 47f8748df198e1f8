"""Reading untrusted values: what does not fit a column is a problem with a code, never a
value the database (or a date formula) chokes on later."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.parse import Reader, at_position
from domain.problems import Problem


@pytest.mark.parametrize("value", ["9999-12-31", "1999-12-31", "2100-01-01"])
def test_a_date_outside_the_accepted_years_is_a_problem(value):
    r = Reader({"posting_date": value})
    assert r.date("posting_date", default=dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert [(p.code, p.field, p.params["value"]) for p in r.problems] == [
        ("IMPORT-DATE-OUT-OF-RANGE", "posting_date", value)]


def test_dates_at_the_edges_of_the_accepted_years_are_read():
    r = Reader({"a": "2000-01-01", "b": "2099-12-31"})
    assert (r.date("a"), r.date("b"), r.problems) == (dt.date(2000, 1, 1), dt.date(2099, 12, 31), [])


@pytest.mark.parametrize("value", [10**30, str(2**31), -(2**31) - 1])
def test_an_integer_beyond_the_integer_column_is_a_problem(value):
    r = Reader({"assign_to_entry": value}, "lines[1]")
    assert r.integer("assign_to_entry") is None
    assert [(p.code, p.field) for p in r.problems] == [("IMPORT-NUMBER-TOO-LARGE", "lines[1].assign_to_entry")]


def test_integers_within_the_integer_column_are_read():
    r = Reader({"a": 2**31 - 1, "b": "-5"})
    assert (r.integer("a"), r.integer("b"), r.problems) == (2**31 - 1, -5, [])


def test_more_decimals_than_the_column_holds_is_a_problem_not_a_rounding():
    r = Reader({"quantity": "0.1234567"})
    assert r.decimal("quantity", places=5, default=Decimal(0)) == Decimal(0)
    assert [p.code for p in r.problems] == ["IMPORT-TOO-MANY-DECIMALS"]


def test_problems_of_a_record_in_a_list_name_its_position():
    problems = at_position([Problem("X", "lines[1].quantity", {"a": 1}), Problem("Y")], 3)
    assert [(p.code, p.field, p.params) for p in problems] == [("X", "[3].lines[1].quantity", {"a": 1}),
                                                               ("Y", "[3]", {})]
