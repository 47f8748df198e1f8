"""Cost adjustment math on plain rows, against BC's published examples."""

import datetime as dt
from decimal import Decimal as D

import pytest

from domain.costing.rules.adjust import (
    Application,
    CostingError,
    Entry,
    Revaluation,
    Settings,
    adjust_item,
    automatic_adjustment_covers,
    period_end,
    period_start,
    remaining_at,
    unit_cost_at,
)


def day(text):
    m, d, y = text.split("-")
    return dt.date(2000 + int(y), int(m), int(d))


def inbound(no, date, qty, cost, remaining=None, **kw):
    return Entry(no, day(date), D(qty), D(qty) if remaining is None else D(remaining), base_cost=D(cost),
                 transaction_no=no, **kw)


def outbound(no, date, qty, cost, **kw):
    return Entry(no, day(date), D(-qty), D(0), base_cost=D(cost), transaction_no=no, **kw)


def totals(entries, adjustments):
    """Cost per entry after adding the adjustments."""
    cost = {e.entry_no: e.base_cost for e in entries}
    for a in adjustments:
        cost[a.item_ledger_entry_no] += a.amount
    return cost


def test_average_with_a_day_period_values_each_days_sales_at_that_days_average():
    entries = [inbound(1, "01-01-23", 1, "20"), inbound(2, "01-01-23", 1, "40", 0),
               outbound(3, "01-01-23", 1, "-20"), outbound(4, "02-01-23", 1, "-40"),
               inbound(5, "02-02-23", 1, "100", 0), outbound(6, "02-03-23", 1, "-100")]
    entries[0].remaining_quantity = D(0)
    apps = [Application(3, 1, D(1)), Application(4, 2, D(1)), Application(6, 5, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    assert [cost[n] for n in (3, 4, 6)] == [D("-30.00"), D("-30.00"), D("-100.00")]


def test_average_with_a_month_period_values_februarys_sales_at_februarys_average():
    entries = [inbound(1, "01-01-23", 1, "20", 0), inbound(2, "01-01-23", 1, "40", 0),
               outbound(3, "01-01-23", 1, "-20"), outbound(4, "02-01-23", 1, "-40"),
               inbound(5, "02-02-23", 1, "100", 0), outbound(6, "02-03-23", 1, "-100")]
    apps = [Application(3, 1, D(1)), Application(4, 2, D(1)), Application(6, 5, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "month")))
    assert [cost[n] for n in (3, 4, 6)] == [D("-30.00"), D("-65.00"), D("-65.00")]


def test_backdated_inbound_recalculates_the_average_of_later_sales():
    entries = [inbound(1, "01-01-20", 1, "10", 0), inbound(2, "01-02-20", 1, "20", 0),
               outbound(3, "02-15-20", 1, "-15"), outbound(4, "02-16-20", 1, "-15"),
               inbound(5, "01-03-20", 1, "21")]
    apps = [Application(3, 1, D(1)), Application(4, 2, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    assert (cost[3], cost[4]) == (D("-17.00"), D("-17.00"))


def test_average_rounding_residual_is_carried_to_the_next_sale():
    entries = [inbound(1, "01-01-20", 3, "10", 0), outbound(2, "02-01-20", 1, "-3.33"),
               outbound(3, "03-01-20", 1, "-3.33"), outbound(4, "04-01-20", 1, "-3.33")]
    apps = [Application(n, 1, D(1)) for n in (2, 3, 4)]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    assert [cost[n] for n in (2, 3, 4)] == [D("-3.33"), D("-3.34"), D("-3.33")]


def test_fifo_rounding_entry_is_posted_on_the_fully_applied_inbound_entry():
    entries = [inbound(1, "01-01-20", 3, "10", 0), outbound(2, "02-01-20", 1, "-3.33"),
               outbound(3, "03-01-20", 1, "-3.33"), outbound(4, "04-01-20", 1, "-3.33")]
    apps = [Application(n, 1, D(1)) for n in (2, 3, 4)]
    adjustments = adjust_item(entries, apps, Settings("fifo"))
    assert [(a.item_ledger_entry_no, a.entry_type, a.amount, a.posting_date) for a in adjustments] == [
        (1, "rounding", D("-0.01"), day("01-01-20"))]


def test_item_charge_after_the_sale_is_forwarded_to_the_sale():
    entries = [inbound(1, "01-01-20", 10, "120.00", 5), outbound(2, "01-05-20", 5, "-50.00")]
    adjustments = adjust_item(entries, [Application(2, 1, D(5))], Settings("fifo"))
    assert [(a.item_ledger_entry_no, a.amount, a.entry_type) for a in adjustments] == [(2, D("-10.00"), "direct_cost")]


def test_fifo_revaluation_affects_sales_dated_or_posted_after_it():
    reval = Revaluation(D("-8.00"), D(4), day("03-01-20"), transaction_no=5)
    entries = [inbound(1, "01-01-20", 6, "60.00", 0, revaluations=(reval,))]
    sales = [(2, "02-01-20", 2), (3, "03-01-20", 3), (4, "04-01-20", 4), (6, "02-01-20", 6),
             (7, "03-01-20", 7), (8, "04-01-20", 8)]
    for no, date, tx in sales:
        entries.append(Entry(no, day(date), D(-1), D(0), base_cost=D("-10.00"), transaction_no=tx))
    apps = [Application(no, 1, D(1)) for no, _, _ in sales]
    adjustments = {a.item_ledger_entry_no: a for a in adjust_item(entries, apps, Settings("fifo"))}
    assert set(adjustments) == {4, 6, 7, 8}  # BC scenarios C, D, E, F; A and B are not affected
    assert all(a.amount == D("2.00") for a in adjustments.values())
    assert adjustments[6].valuation_date == day("03-01-20") and adjustments[6].posting_date == day("02-01-20")


def test_adjustment_in_a_closed_period_is_dated_the_first_open_date():
    entries = [inbound(1, "01-01-20", 10, "120.00", 5), outbound(2, "01-05-20", 5, "-50.00")]
    settings = Settings("fifo", first_open_date=day("02-01-20"))
    adjustment, = adjust_item(entries, [Application(2, 1, D(5))], settings)
    assert adjustment.posting_date == day("02-01-20") and adjustment.valuation_date == day("01-05-20")


def test_a_return_takes_the_cost_of_the_sale_it_reverses_and_passes_it_on():
    entries = [inbound(1, "01-01-20", 2, "30.00", 0), outbound(2, "01-02-20", 2, "-20.00"),
               Entry(3, day("01-03-20"), D(1), D(0), base_cost=D("10.00"), applies_from=2, transaction_no=3),
               outbound(4, "01-04-20", 1, "-10.00")]
    apps = [Application(2, 1, D(2)), Application(4, 3, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("fifo")))
    assert (cost[2], cost[3], cost[4]) == (D("-30.00"), D("15.00"), D("-15.00"))


def test_a_second_adjustment_of_adjusted_rows_finds_nothing():
    entries = [inbound(1, "01-01-20", 10, "110.00", 5), outbound(2, "01-05-20", 5, "-55.00")]
    assert adjust_item(entries, [Application(2, 1, D(5))], Settings("lifo")) == []


def test_unknown_costing_method_fails_with_a_stable_code():
    with pytest.raises(CostingError) as err:
        adjust_item([], [], Settings("bogus"))
    assert err.value.code == "COST-UNKNOWN-COSTING-METHOD"


@pytest.mark.parametrize("period, start, end", [
    ("day", "2026-11-18", "2026-11-18"), ("week", "2026-11-16", "2026-11-22"),
    ("month", "2026-11-01", "2026-11-30"), ("quarter", "2026-10-01", "2026-12-31"),
    ("year", "2026-01-01", "2026-12-31")])
def test_average_cost_periods_have_calendar_bounds(period, start, end):
    when = dt.date(2026, 11, 18)
    assert (period_start(when, period), period_end(when, period)) == (
        dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize("setting, posted, expected", [
    ("never", "2026-11-20", False), ("always", "2020-01-01", True), ("day", "2026-11-19", True),
    ("day", "2026-11-18", False), ("week", "2026-11-13", True), ("month", "2026-10-19", False),
    ("quarter", "2026-08-20", True), ("year", "2025-11-19", False)])
def test_automatic_cost_adjustment_covers_postings_within_its_span(setting, posted, expected):
    today = dt.date(2026, 11, 20)
    assert automatic_adjustment_covers(setting, dt.date.fromisoformat(posted), today) is expected


def test_revaluable_quantity_and_unit_cost_at_a_date():
    entry = inbound(1, "01-01-20", 6, "60.00", revaluations=(Revaluation(D("-8"), D(4), day("03-01-20"), 9),))
    applied = [(day("02-01-20"), D(1)), (day("03-01-20"), D(1)), (day("04-01-20"), D(1))]
    assert remaining_at(entry, applied, day("03-01-20")) == D(4)
    assert unit_cost_at(entry, day("02-15-20")) == D(10) and unit_cost_at(entry, day("03-01-20")) == D(8)


def test_average_per_item_location_keeps_one_average_per_location():
    entries = [inbound(1, "01-01-20", 1, "10", 0, location_code="A"),
               inbound(2, "01-01-20", 1, "30", 0, location_code="B"),
               outbound(3, "01-02-20", 1, "-20", location_code="A"),
               outbound(4, "01-02-20", 1, "-20", location_code="B")]
    apps = [Application(3, 1, D(1)), Application(4, 2, D(1))]
    per_item = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    per_location = totals(entries, adjust_item(entries, apps, Settings("average", "day", per_location=True)))
    assert (per_item[3], per_item[4]) == (D("-20.00"), D("-20.00"))
    assert (per_location[3], per_location[4]) == (D("-10.00"), D("-30.00"))


def test_adjustment_of_an_uninvoiced_outbound_entry_goes_to_expected_cost():
    entries = [inbound(1, "01-01-20", 2, "30.00", 0),
               Entry(2, day("01-02-20"), D(-2), D(0), base_cost=D("-20.00"), invoiced_quantity=D(0), transaction_no=2)]
    adjustment, = adjust_item(entries, [Application(2, 1, D(2))], Settings("fifo"))
    assert adjustment.expected and adjustment.amount == D("-10.00")


def test_average_return_cost_applied_to_a_sale_takes_the_sales_adjusted_average_cost():
    # receipts of 10 and 30 on day 1, a sale of 2 posted at 10 each, one unit returned the next day
    entries = [inbound(1, "01-01-20", 1, "10", 0), inbound(2, "01-01-20", 1, "30"),
               outbound(3, "01-01-20", 1, "-10"),
               Entry(4, day("01-02-20"), D(1), D(1), base_cost=D("10"), applies_from=3, transaction_no=4),
               outbound(5, "01-03-20", 2, "-40")]
    apps = [Application(3, 1, D(1)), Application(5, 2, D(1)), Application(5, 4, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    # day 1 average 20; the return comes back at 20; day 3 sells the two units on hand (20 + 20)
    assert (cost[3], cost[4], cost[5]) == (D("-20.00"), D("20.00"), D("-40.00"))


def test_average_purchase_return_fixed_applied_to_a_receipt_is_valued_at_that_receipts_cost():
    entries = [inbound(1, "01-01-20", 2, "20", 1), inbound(2, "01-01-20", 2, "60", 1),
               outbound(3, "01-01-20", 1, "-20"),  # return to vendor, fixed to receipt 1
               outbound(4, "01-01-20", 2, "-40")]
    apps = [Application(3, 1, D(1), fixed=True), Application(4, 1, D(1)), Application(4, 2, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    # the return leaves at receipt 1's 10 a unit; the average of what is left is (80 - 10) / 3
    assert cost[3] == D("-10.00") and cost[4] == D("-46.67")


def test_fifo_transfer_passes_the_adjusted_cost_on_to_the_sale_at_the_new_location():
    # receipt at A (item charge added later: base 120 for 10), transfer 4 to B, sale of 4 at B
    entries = [inbound(1, "01-01-20", 10, "120.00", 6, location_code="A"),
               outbound(2, "01-02-20", 4, "-40.00", location_code="A", kind="transfer"),
               Entry(3, day("01-02-20"), D(4), D(0), base_cost=D("40.00"), applies_from=2, location_code="B",
                     kind="transfer", transaction_no=2),
               outbound(4, "01-03-20", 4, "-40.00", location_code="B")]
    apps = [Application(2, 1, D(4)), Application(4, 3, D(4))]
    cost = totals(entries, adjust_item(entries, apps, Settings("fifo")))
    assert (cost[2], cost[3], cost[4]) == (D("-48.00"), D("48.00"), D("-48.00"))
    assert adjust_item([_with(e, cost) for e in entries], apps, Settings("fifo")) == []


def _with(e, cost):
    import dataclasses
    return dataclasses.replace(e, base_cost=cost[e.entry_no])


def test_average_per_location_transfer_carries_the_from_locations_average():
    entries = [inbound(1, "01-01-20", 1, "10", 0, location_code="A"),
               inbound(2, "01-01-20", 1, "30", 0, location_code="A"),
               inbound(3, "01-01-20", 2, "100", 0, location_code="B"),
               outbound(4, "01-02-20", 2, "-40", location_code="A", kind="transfer"),
               Entry(5, day("01-02-20"), D(2), D(0), base_cost=D("40"), applies_from=4, location_code="B",
                     kind="transfer", transaction_no=4),
               outbound(6, "01-02-20", 4, "-140", location_code="B")]
    apps = [Application(4, 1, D(1)), Application(4, 2, D(1)), Application(6, 3, D(2)), Application(6, 5, D(2))]
    settings = Settings("average", "day", per_location=True)
    cost = totals(entries, adjust_item(entries, apps, settings))
    assert (cost[4], cost[5], cost[6]) == (D("-40.00"), D("40.00"), D("-140.00"))
    # a later item charge on receipt 1 reaches B's sale through the transfer
    entries[0].base_cost = D("30")
    cost = totals(entries, adjust_item(entries, apps, settings))
    assert (cost[4], cost[5], cost[6]) == (D("-60.00"), D("60.00"), D("-160.00"))


def test_average_per_item_transfer_is_valued_at_the_average_and_leaves_it_unchanged():
    entries = [inbound(1, "01-01-20", 1, "10", 0, location_code="A"),
               inbound(2, "01-01-20", 1, "30", 1, location_code="A"),
               outbound(3, "01-02-20", 1, "-10", location_code="A", kind="transfer"),
               Entry(4, day("01-02-20"), D(1), D(0), base_cost=D("10"), applies_from=3, location_code="B",
                     kind="transfer", transaction_no=3),
               outbound(5, "01-02-20", 1, "-10", location_code="B"),
               outbound(6, "01-03-20", 1, "-30", location_code="A")]
    apps = [Application(3, 1, D(1)), Application(5, 4, D(1)), Application(6, 2, D(1))]
    cost = totals(entries, adjust_item(entries, apps, Settings("average", "day")))
    assert (cost[3], cost[4], cost[5], cost[6]) == (D("-20.00"), D("20.00"), D("-20.00"), D("-20.00"))
