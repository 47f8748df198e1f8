"""Cost adjustment runs, automatic adjustment, inventory periods, post-to-G/L and
the inventory-G/L reconciliation on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, update

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.costing.model import CostAdjustmentRun
from domain.ledger.model import GLEntry, ItemToAdjust, ValueEntry
from domain.problems import DomainError
from domain.setup.model.cards import Item
from domain.setup.model.company import InventoryPostingSetup
from tests.support.costing import costs, new_item, post, row, stock, value_entries


def count(app, cls):
    with app.uow() as s:
        return s.scalar(select(func.count()).select_from(cls))


def test_a_second_adjustment_run_creates_nothing(app):
    item = new_item(app, "TWICE", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("purchase", item, 1, "20.00", "2026-11-02"))
    post(app, row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 1, "30.00", "2026-11-02"))
    first = cost_adjustment.adjust(app)
    assert first.entries_created == 1 and first.status == "completed"
    before = count(app, ValueEntry)
    second = cost_adjustment.adjust(app)
    assert second.outcomes == [] and count(app, ValueEntry) == before
    forced = cost_adjustment.adjust(app, items=[item], all_items=True)
    assert forced.entries_created == 0 and count(app, ValueEntry) == before


def test_an_item_with_bad_setup_fails_alone_and_stays_marked_for_the_next_run(app):
    good, bad = new_item(app, "GOOD", "average"), new_item(app, "BAD", "fifo")
    for item in (good, bad):
        post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-02"))
        post(app, row("purchase", item, 1, "30.00", "2026-11-01"))  # backdated before the sale
    with app.uow() as s:
        s.execute(update(Item).where(Item.no == bad).values(costing_method="bogus"))
    run = cost_adjustment.adjust(app)
    assert run.status == "completed_with_errors"
    assert [(o.item_no, o.error_code) for o in run.failed] == [(bad, "COST-UNKNOWN-COSTING-METHOD")]
    assert costs(app, good)[2] == D("-20.00")
    with app.uow() as s:
        assert s.scalars(select(ItemToAdjust.item_no)).all() == [bad]
    log = costing_reports.cost_adjustment_runs(app, run.run_id)
    assert {(r["item_no"], r["status"]) for r in log} >= {(good, "adjusted"), (bad, "failed")}
    with app.uow() as s:
        s.execute(update(Item).where(Item.no == bad).values(costing_method="fifo"))
    resumed = cost_adjustment.adjust(app)
    assert [o.item_no for o in resumed.outcomes] == [bad] and resumed.status == "completed"


def test_an_interrupted_run_is_marked_and_the_next_run_resumes_with_what_is_left(app):
    item = new_item(app, "RESUME", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-02"))
    post(app, row("purchase", item, 1, "30.00", "2026-11-01"))
    with app.uow() as s:
        s.add(CostAdjustmentRun(trigger="scheduled", status="running", started_at=app.now()))
    run = cost_adjustment.adjust(app)
    runs = costing_reports.cost_adjustment_runs(app)
    assert [r["status"] for r in runs] == ["completed", "interrupted"]
    assert run.entries_created == 1 and costs(app, item)[2] == D("-20.00")


def test_automatic_cost_adjustment_always_adjusts_right_after_the_posting(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="always")
    item = new_item(app, "AUTO", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 1, "30.00", "2026-11-02"), row("purchase", item, 1, "50.00", "2026-11-01"))
    assert costs(app, item)[2] == D("-30.00")  # (10 + 30 + 50) / 3, adjusted without a run by hand
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(ItemToAdjust)) == 0


def test_automatic_cost_adjustment_never_leaves_the_item_marked(app):
    item = new_item(app, "MANUAL", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 1, "30.00", "2026-11-02"))
    assert costs(app, item)[2] == D("-10.00")
    with app.uow() as s:
        assert s.scalars(select(ItemToAdjust.item_no)).all() == [item]


def test_posting_into_a_closed_inventory_period_is_refused(app):
    item = new_item(app, "PERIOD", "fifo")
    post(app, row("purchase", item, 1, "10.00", "2026-10-01"))
    with pytest.raises(DomainError) as not_adjusted:
        inventory_periods.close_period(app, dt.date(2026, 10, 31))
    assert not_adjusted.value.code == "INV-PERIOD-COST-NOT-ADJUSTED"
    cost_adjustment.adjust(app)
    inventory_periods.close_period(app, dt.date(2026, 10, 31))
    with pytest.raises(DomainError) as closed:
        post(app, row("purchase", item, 1, "10.00", "2026-10-15"))
    assert closed.value.code == "INV-PERIOD-CLOSED"
    assert stock(app, item) == (D(1), D("10.00"))


def test_post_to_gl_posts_only_what_is_not_posted_and_reconciliation_shows_no_difference(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=False)
    item = new_item(app, "GLPOST", "average")
    post(app, row("purchase", item, 2, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 2, "40.00", "2026-11-02"))
    cost_adjustment.adjust(app)
    before = {r["account_no"]: r for r in costing_reports.inventory_reconciliation(app)}
    assert before["1460"]["not_posted"] == D("75.00") and before["1460"]["difference"] == D("75.00")
    result = cost_posting.post_inventory_cost(app)
    assert result.posted_entries == 4 and result.skipped == [] and result.amount == D("75.00")
    after = {r["account_no"]: r for r in costing_reports.inventory_reconciliation(app)}
    assert after["1460"]["difference"] == D(0) and after["1460"]["gl_balance"] == D("75.00")
    again = cost_posting.post_inventory_cost(app)
    assert again.posted_entries == 0 and again.gl_entries == 0


def test_summarised_post_to_gl_writes_one_entry_per_account_and_date(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=False)
    item = new_item(app, "GLSUM", "fifo")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("purchase", item, 1, "20.00", "2026-11-01"))
    result = cost_posting.post_inventory_cost(app, mode="summarised", document_no="INV-NOV")
    assert (result.posted_entries, result.gl_entries) == (2, 2)
    with app.uow() as s:
        rows = s.execute(select(GLEntry.gl_account_no, GLEntry.amount, GLEntry.document_no)
                         .order_by(GLEntry.gl_account_no)).all()
    assert [tuple(r) for r in rows] == [("1460", D("30.00"), "INV-NOV"), ("4390", D("-30.00"), "INV-NOV")]


def test_entries_without_account_setup_or_in_a_closed_period_are_skipped_and_listed(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=False)
    item = new_item(app, "SKIP", "fifo")
    post(app, row("purchase", item, 1, "10.00", "2026-10-01"))
    cost_adjustment.adjust(app)
    inventory_periods.close_period(app, dt.date(2026, 10, 31))
    with app.uow() as s:
        s.execute(update(InventoryPostingSetup).values(inventory_account=None))
    post(app, row("purchase", item, 1, "10.00", "2026-11-02"))
    result = cost_posting.post_inventory_cost(app)
    assert result.posted_entries == 0
    assert sorted(s["code"] for s in result.skipped) == ["COST-POST-PERIOD-CLOSED", "SETUP-MISSING-ACCOUNT"]


def test_adjustment_entries_post_to_gl_at_once_with_automatic_cost_posting(app):
    item = new_item(app, "AUTOGL", "fifo")
    receipt, = post(app, row("purchase", item, 3, "3.333333", "2026-11-01"))
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        post(app, row("sale", item, 1, date=day))
    cost_adjustment.adjust(app)
    rounding, = value_entries(app, item, entry_type="rounding")
    assert rounding.cost_posted_to_gl == D("-0.01") and rounding.item_ledger_entry_no == receipt
    reconciliation = {r["account_no"]: r for r in costing_reports.inventory_reconciliation(app)}
    assert reconciliation["1460"]["difference"] == D(0) and reconciliation["1460"]["inventory_value"] == D(0)


def test_inventory_valuation_as_of_a_date_uses_posting_dates(app):
    item = new_item(app, "VALUE", "fifo")
    post(app, row("purchase", item, 2, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-10"))
    rows = {r["item_no"]: r for r in costing_reports.inventory_valuation(app, dt.date(2026, 11, 5))}
    assert (rows[item]["quantity"], rows[item]["value"]) == (D(2), D("20.00"))
    rows = {r["item_no"]: r for r in costing_reports.inventory_valuation(app, dt.date(2026, 11, 30), item)}
    assert (rows[item]["quantity"], rows[item]["value"]) == (D(1), D("10.00"))
