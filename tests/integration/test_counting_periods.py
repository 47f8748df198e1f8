"""Cycle counting by counting period (BC Phys. Invt. Counting Periods, Calculate Counting
Period), SQLite and PostgreSQL: items due for a count, a batch of exactly those, posting
moves each counted item's next period on; refusals write nothing."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from domain.identity.access import list_audit
from domain.inventory import counting, counting_periods
from domain.inventory import items as item_cards
from domain.problems import DomainError
from flows.cli import app as cli
from tests.support.costing import new_item, post, row

TODAY = dt.date(2026, 11, 20)  # the test clock


def due(app, date=TODAY):
    return [r["item_no"] for r in counting_periods.due(app, date)[1]]


def card(app, no):
    return item_cards.set_item(app, no, {"description": f"{no} counted"})


def test_a_counting_period_batch_holds_the_due_items_and_posting_moves_their_period_on(app):
    counting_periods.add_period(app, "QUARTER", "4", "Four times a year")
    counting_periods.add_period(app, "MONTH", "12")
    a, b, c = new_item(app, "CPA", "fifo"), new_item(app, "CPB", "fifo"), new_item(app, "CPC", "fifo")
    post(app, row("purchase", a, 5, "10.00"), row("purchase", b, 3, "10.00"), row("purchase", c, 2, "10.00"))
    quarter = item_cards.set_item(app, a, {"counting_period_code": "QUARTER"})
    assert (quarter["next_counting_start_date"], quarter["next_counting_end_date"]) == (
        dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    item_cards.set_item(app, c, {"counting_period_code": "MONTH"})
    assert due(app) == [a, c]  # b has no counting period
    batch = counting.calculate(app, "MAIN", TODAY, counting_period=True)
    assert [x["item_no"] for x in counting.show(app, batch)["lines"]] == [a, c]
    counting.count(app, batch, a, D(4))
    counting.post(app, batch)
    after = card(app, a)
    assert (after["next_counting_start_date"], after["next_counting_end_date"]) == (
        dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert due(app) == [c]  # c was not counted: still due
    assert due(app, dt.date(2027, 1, 1)) == [a, c]
    with pytest.raises(DomainError) as nothing:
        counting.calculate(app, "MAIN", TODAY, [a], counting_period=True)
    assert nothing.value.code == "PHYS-NOTHING-DUE"
    cleared = item_cards.set_item(app, c, {"counting_period_code": ""})
    assert cleared["counting_period_code"] is None and cleared["next_counting_start_date"] is None
    assert due(app) == []


def test_an_ordinary_batch_leaves_the_counting_period_but_sets_the_last_count_date(app):
    counting_periods.add_period(app, "YEAR", "1")
    a = new_item(app, "CPD", "fifo")
    post(app, row("purchase", a, 5, "10.00"))
    item_cards.set_item(app, a, {"counting_period_code": "YEAR"})
    batch = counting.calculate(app, "MAIN", TODAY, [a])
    counting.count(app, batch, a, D(5))
    counting.post(app, batch)
    assert due(app) == [a]  # a full count is not the cycle count (BC updates only counting-period lines)
    with app.uow() as s:
        from domain.setup.model.cards import Item
        assert s.get(Item, a).last_phys_invt_date == TODAY


def test_bad_counting_periods_are_refused_and_nothing_is_written(app):
    with pytest.raises(DomainError) as zero:
        counting_periods.add_period(app, "NEVER", "0")
    assert zero.value.code == "PHYS-COUNTING-FREQUENCY"
    with pytest.raises(DomainError) as text:
        counting_periods.add_period(app, "WEEKLY", "often")
    assert text.value.code == "IMPORT-INVALID-NUMBER"
    assert counting_periods.list_periods(app) == []
    a = new_item(app, "CPE", "fifo")
    with pytest.raises(DomainError) as unknown:
        item_cards.set_item(app, a, {"counting_period_code": "NOPE", "description": "changed"})
    assert unknown.value.code == "PHYS-UNKNOWN-COUNTING-PERIOD"
    assert card(app, a)["counting_period_code"] is None
    assert any(e["action"] == "inventory.counting-period" and e["outcome"] == "refused" for e in list_audit(app))


def test_cycle_counting_through_the_cli(db_url):
    runner = CliRunner()

    def run(*args, user="kari"):
        result = runner.invoke(cli, ["--db", db_url, "--user", user, *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("init", "--country", "NO", "--demo")
    assert "4 a year" in run("physical-inventory", "counting-period", "add", "QUARTER", "--frequency", "4")
    assert json.loads(run("physical-inventory", "counting-period", "list", "--json"))[0]["count_frequency"] == 4
    run("item", "set", "1000", "--counting-period", "QUARTER")
    listed = json.loads(run("physical-inventory", "due", "--date", "2099-01-01", "--json"))
    assert [r["item_no"] for r in listed] == ["1000"]
    start = listed[0]["next_counting_start_date"]
    batch = run("physical-inventory", "calculate", "--location", "MAIN", "--date", start,
                "--counting-period").strip()
    shown = json.loads(run("physical-inventory", "show", batch, "--json"))
    assert [x["item_no"] for x in shown["lines"]] == ["1000"]
    bad = runner.invoke(cli, ["--db", db_url, "--user", "kari", "physical-inventory", "counting-period", "add",
                              "X", "--frequency", "400"])
    assert bad.exit_code == 2 and "PHYS-COUNTING-FREQUENCY" in bad.output and "Traceback" not in bad.output
