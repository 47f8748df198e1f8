"""Average cost entry points: an Average item marked from a date is adjusted from
that date's average cost period on, and ends up costing exactly what adjusting
its whole history gives (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from domain.costing import adjustment as cost_adjustment
from domain.costing import periods as inventory_periods
from domain.costing.rules.adjust import NeedsFullHistory, Settings, adjust_item, period_start
from domain.ledger.model import ItemToAdjust
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.setup import masterdata
from tests.support.costing import costs, new_item, post, row
from tests.support.documents import invoice


def history(app, item) -> list[int]:
    """Ten weeks of purchases, sales, a transfer, a sales return and returns to the vendor."""
    entries = post(app, row("purchase", item, 10, "10.00", "2026-01-05"),
                   row("purchase", item, 6, "13.00", "2026-01-06", location="WEST"))
    entries += post(app, row("sale", item, 3, date="2026-01-08"))
    entries += post(app, row("purchase", item, 5, "12.50", "2026-01-14"))
    entries += post(app, row("transfer", item, 4, date="2026-01-20", new_location="WEST"))
    sale, = post(app, row("sale", item, 4, date="2026-01-27", location="WEST"))
    entries += [sale] + post(app, row("positive_adjustment", item, 1, "1.00", "2026-02-03", location="WEST",
                                      applies_to_entry=str(sale)))
    entries += post(app, row("purchase", item, 7, "11.10", "2026-02-10"))
    entries += post(app, row("negative_adjustment", item, 2, date="2026-02-12", applies_to_entry=str(entries[3])))
    for day in ("2026-02-17", "2026-02-24", "2026-03-03", "2026-03-10"):
        entries += post(app, row("sale", item, 2, date=day), row("purchase", item, 1, "14.00", day))
    # a receipt posted ahead of its date, and a return to the vendor dated earlier but valued at it
    entries += post(app, row("purchase", item, 2, "16.00", "2026-02-20"))
    return entries + post(app, row("negative_adjustment", item, 1, date="2026-02-12",
                                   applies_to_entry=str(entries[-1])))


def charge(app, receipt: int, posting_date: str) -> None:
    no = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "30.00",
         "assign_to_entry": receipt}], posting_date=posting_date))
    assert purchase_posting.post_document(app, no).posted_no


def mark_date(app, item) -> dt.date:
    with app.uow() as s:
        return s.scalar(select(ItemToAdjust.from_date).where(ItemToAdjust.item_no == item))


@pytest.mark.parametrize("calc_type", ["item", "item_location_variant"])
def test_backdated_purchase_and_item_charge_adjust_from_their_period_exactly_as_the_whole_history(
        app, calc_type):
    masterdata.add_location(app, "WEST")
    inventory_periods.set_inventory_setup(app, average_cost_period="week", average_cost_calc_type=calc_type)
    window_item, whole_item = new_item(app, "AVGW-1", "average"), new_item(app, "AVGW-2", "average")
    entries = {item: history(app, item) for item in (window_item, whole_item)}
    cost_adjustment.adjust(app)
    for item in (window_item, whole_item):
        post(app, row("purchase", item, 3, "19.00", "2026-02-18"))  # backdated into the eighth week
        charge(app, entries[item][11], "2026-03-12")  # on the receipt of 2026-02-17
    # the mark starts at the charged receipt's date, not the invoice's
    assert mark_date(app, window_item) == dt.date(2026, 2, 17)
    start = period_start(dt.date(2026, 2, 17), "week")
    with app.uow() as s:
        per_location = calc_type != "item"
        settings = Settings("average", "week", per_location=per_location)
        whole, apps, _ = cost_adjustment.read_history(s, [window_item])[window_item]
        window, window_apps, _, opening = cost_adjustment.read_window(s, [window_item], start, per_location)[
            window_item]
        assert len(window) < len(whole) and opening.pools  # the first seven weeks are summed in SQL
        assert entries[window_item][-1] in {e.entry_no for e in window}  # dated 02-12, valued 02-20
        assert adjust_item(window, window_apps, settings, opening) == adjust_item(whole, apps, settings) != []

    cost_adjustment.adjust(app, items=[window_item])  # marked from a date: from its period on
    cost_adjustment.adjust(app, items=[whole_item], all_items=True)  # the whole history
    window_costs, whole_costs = costs(app, window_item), costs(app, whole_item)
    assert list(window_costs.values()) == list(whole_costs.values())
    assert cost_adjustment.adjust(app, all_items=True).entries_created == 0


def test_item_charge_marks_the_item_from_the_charged_receipts_date(app):
    item = new_item(app, "AVGW-3", "average")
    receipt, = post(app, row("purchase", item, 5, "10.00", "2026-01-05"))
    sale, = post(app, row("sale", item, 2, date="2026-02-02"))
    cost_adjustment.adjust(app)
    assert mark_date(app, item) is None
    charge(app, receipt, "2026-03-02")
    assert mark_date(app, item) == dt.date(2026, 1, 5)
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-32.00")  # (50 + 30) / 5 a unit


def test_changing_the_average_cost_period_marks_average_items_from_their_first_entry(app):
    item = new_item(app, "AVGW-4", "average")
    post(app, row("purchase", item, 4, "10.00", "2026-01-05"), row("purchase", item, 4, "20.00", "2026-01-20"))
    sale, = post(app, row("sale", item, 4, date="2026-01-21"))
    post(app, row("purchase", item, 4, "30.00", "2026-01-25"))
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-60.00")  # day periods: the stock of 2026-01-21
    inventory_periods.set_inventory_setup(app, average_cost_period="month")
    assert mark_date(app, item) == dt.date(2026, 1, 5)
    post(app, row("purchase", item, 1, "30.00", "2026-02-10"))  # alone, this marks February only
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-80.00")  # January's average: 240 / 12 a unit


def test_a_window_that_needs_an_earlier_periods_average_is_adjusted_from_the_whole_history(app):
    masterdata.add_location(app, "WEST")
    window_item, whole_item = new_item(app, "AVGW-5", "average"), new_item(app, "AVGW-6", "average")
    for item in (window_item, whole_item):
        post(app, row("purchase", item, 5, "10.00", "2026-01-05"), row("purchase", item, 5, "20.00", "2026-01-06"))
    cost_adjustment.adjust(app)
    sent = {}
    for item in (window_item, whole_item):
        # all ten units move to WEST and go back to the vendor on one day: the transfer passes through
        # the one pool at the average of the day before, which the window does not know
        sent[item], received = post(app, row("transfer", item, 10, date="2026-01-10", new_location="WEST"))
        post(app, row("negative_adjustment", item, 10, date="2026-01-10", location="WEST",
                      applies_to_entry=str(received)))
    with app.uow() as s:
        window, applications, _, opening = cost_adjustment.read_window(
            s, [window_item], dt.date(2026, 1, 10), False)[window_item]
        with pytest.raises(NeedsFullHistory):
            adjust_item(window, applications, Settings("average"), opening)
    assert cost_adjustment.adjust(app, items=[window_item]).failed == []
    cost_adjustment.adjust(app, items=[whole_item], all_items=True)
    assert list(costs(app, window_item).values()) == list(costs(app, whole_item).values())
    assert costs(app, window_item)[sent[window_item]] == D("-150.00")  # 10 at the average of 15
