"""Counting periods (BC codeunit 7380 CalcPeriod): the next counting period of an item."""

import datetime as dt

import pytest

from domain.inventory.counting_period_rules import frequency_problem, is_due, next_period

D = dt.date


@pytest.mark.parametrize("frequency, today, expected", [
    (1, D(2026, 11, 20), (D(2026, 1, 1), D(2026, 12, 31))),
    (2, D(2026, 11, 20), (D(2026, 7, 1), D(2026, 12, 31))),
    (4, D(2026, 11, 20), (D(2026, 10, 1), D(2026, 12, 31))),
    (4, D(2026, 2, 3), (D(2026, 1, 1), D(2026, 3, 31))),
    (6, D(2026, 11, 20), (D(2026, 11, 1), D(2026, 12, 31))),
    (12, D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 28))),
    (24, D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 14))),  # 28 // 2 = 14 days
    (24, D(2026, 2, 20), (D(2026, 2, 15), D(2026, 2, 28))),
])
def test_assigning_a_period_makes_the_period_holding_today_the_next_one(frequency, today, expected):
    assert next_period(None, today, frequency) == expected
    start, _end = expected
    assert is_due(None, start, today)  # due at once, as in BC


@pytest.mark.parametrize("frequency, counted, expected", [
    (1, D(2026, 11, 20), (D(2027, 1, 1), D(2027, 12, 31))),
    (4, D(2026, 11, 20), (D(2027, 1, 1), D(2027, 3, 31))),
    (4, D(2026, 5, 2), (D(2026, 7, 1), D(2026, 9, 30))),
    (12, D(2026, 12, 31), (D(2027, 1, 1), D(2027, 1, 31))),
    (24, D(2026, 2, 10), (D(2026, 2, 15), D(2026, 2, 28))),
    (24, D(2026, 2, 20), (D(2026, 3, 1), D(2026, 3, 15))),
])
def test_a_count_makes_the_period_after_the_counted_one_the_next(frequency, counted, expected):
    start, _end = next_period(counted, counted, frequency)
    assert (start, _end) == expected
    assert not is_due(counted, start, counted)  # counted: not due again until the next period starts
    assert not is_due(counted, start, start - dt.timedelta(days=1))
    assert is_due(counted, start, start)


def test_other_frequencies_roll_by_days_of_the_year():
    # 52 a year: 365 // 52 = 7 days; first assignment starts a week on (BC's fallback)
    assert next_period(None, D(2026, 11, 20), 52) == (D(2026, 11, 27), D(2026, 12, 4))
    # counted inside the period: the period after it
    assert next_period(D(2026, 11, 28), D(2026, 11, 28), 52, (D(2026, 11, 27), D(2026, 12, 4))) == (
        D(2026, 12, 5), D(2026, 12, 12))
    # counted before the period started: it stays
    assert next_period(D(2026, 11, 21), D(2026, 11, 21), 52, (D(2026, 11, 27), D(2026, 12, 4))) == (
        D(2026, 11, 27), D(2026, 12, 4))


@pytest.mark.parametrize("value, bad", [(None, True), (0, True), (1, False), (365, False), (366, True), (-4, True)])
def test_a_frequency_is_one_to_365_a_year(value, bad):
    assert (frequency_problem(value) is not None) == bad
