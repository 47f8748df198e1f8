"""The role center KPIs' pure parts: months, aging buckets at their edges, folding sums by
date, and charts that carry their words in the reader's language."""

import datetime as dt
from decimal import Decimal as D

from domain.operations import kpi_charts
from domain.operations.kpi_rules import Aging, Kpis, MonthFigures, age, balances_at, bucket, months_ending, per_month


def test_months_end_with_the_as_of_day_and_cross_the_year():
    months = months_ending(dt.date(2026, 2, 14), 3)
    assert [(m.key, m.first, m.last) for m in months] == [
        ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("2026-01", dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 14))]


def test_each_aging_bucket_ends_on_its_last_day_past_due():
    today = dt.date(2026, 11, 20)
    overdue = {days: bucket(today - dt.timedelta(days=days), today) for days in (-5, 0, 1, 30, 31, 60, 61, 90, 91)}
    assert overdue == {-5: "not_due", 0: "not_due", 1: "1_30", 30: "1_30", 31: "31_60", 60: "31_60",
                       61: "61_90", 90: "61_90", 91: "over_90"}


def test_vendor_credit_becomes_an_amount_owed_and_a_credit_memo_reduces_its_bucket():
    today = dt.date(2026, 11, 20)
    aging = age([(today, D("-1000.00")), (today, D("200.00")), (today, D(0))], today, sign=-1)
    assert aging.buckets["not_due"] == D("800.00") and aging.entries == 2 and aging.total == D("800.00")


def test_sums_by_date_fold_into_months_and_month_end_balances_without_minus_zero():
    months = months_ending(dt.date(2026, 11, 20), 2)
    by_date = {dt.date(2026, 9, 30): D("100"), dt.date(2026, 11, 3): D("-40"), dt.date(2026, 11, 21): D("7")}
    assert per_month(months, by_date) == [D(0), D("-40")]
    assert [str(v) for v in per_month(months, {}, -1)] == ["0", "0"]
    assert balances_at(months, by_date) == [D("100"), D("60")]


def figures() -> Kpis:
    months = [MonthFigures(f"2026-{n:02}", D(n * 100), D(n * 150), D(n * 50), D(n * 100), D(1000 - n), D(0))
              for n in range(1, 13)]
    months[3] = MonthFigures("2026-04", D(0), D(100), D(300), D(-200), D(900), D(0))  # a loss
    aging = Aging({"not_due": D("10"), "1_30": D("20"), "31_60": D(0), "61_90": D(0), "over_90": D("5")}, 3)
    return Kpis(dt.date(2026, 12, 31), "EUR", months, aging, aging, {"new": 1, "review": 2, "created": 0},
                {"invoice": 3})


def test_every_chart_renders_as_png_and_svg_with_words_in_the_readers_language():
    kpis = figures()
    for name in kpi_charts.CHARTS:
        assert kpi_charts.render(kpis, name, "nl").startswith(b"\x89PNG")
    svg = kpi_charts.render(kpis, "aging", "nl", fmt="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert kpi_charts.alt_text(kpis, "gross_profit", "nl") == (
        "Brutowinst per maand, jan 2026 - dec 2026: hoogste brutowinst: 1.200,00 EUR in dec 2026")
    assert kpi_charts.alt_text(kpis, "waiting", "en") == (
        "Documents waiting in intake and approval: 3 in intake, 3 in approval")
