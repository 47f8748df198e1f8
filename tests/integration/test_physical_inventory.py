"""Physical inventory (BC Phys. Inventory Journal), SQLite and PostgreSQL: calculate the
expected quantities, count, post the differences as adjustments at the right cost."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from domain.costing import adjustment as cost_adjustment
from domain.costing import reports as costing_reports
from domain.inventory import counting
from domain.ledger.model import ItemLedgerEntry
from domain.problems import DomainError, Rejected
from tests.support.costing import costs, new_item, post, row, stock

DATE = dt.date(2026, 11, 10)


def lines(app, batch, item=None):
    return [(x["item_no"], x["lot_no"], x["serial_no"], x["qty_calculated"])
            for x in counting.show(app, batch)["lines"] if item is None or x["item_no"] == item]


def entries(app, item, document_type="phys_inventory"):
    ile = ItemLedgerEntry
    with app.uow() as s:
        return [(e.entry_type, e.quantity, e.lot_no) for e in s.scalars(
            select(ile).where(ile.item_no == item, ile.document_type == document_type).order_by(ile.entry_no))]


def test_calculate_takes_the_ledger_at_the_location_up_to_the_date(app):
    item = new_item(app, "PHY1", "fifo")
    post(app, row("purchase", item, 10, "10.00", "2026-11-01"), row("sale", item, 3, date="2026-11-05"),
         row("purchase", item, 4, "12.00", "2026-11-20"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert batch.startswith("PHYS-")
    assert lines(app, batch, item) == [(item, "", "", D(7))]
    assert counting.show(app, batch)["status"] == "open"


def test_posting_a_count_writes_the_differences_at_the_right_cost_and_the_ledger_reconciles(app):
    more, less = new_item(app, "PHY2", "fifo", unit_cost="11.00"), new_item(app, "PHY3", "fifo")
    post(app, row("purchase", more, 5, "10.00"), row("purchase", less, 5, "10.00"),
         row("purchase", less, 5, "20.00", "2026-11-02"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert counting.count(app, batch, more, D(7))["difference"] == D(2)
    counting.count(app, batch, less, D(4))
    result = counting.post(app, batch)
    assert len(result.item_entries) == 2
    assert entries(app, more) == [("positive_adjmt", D(2), None)]
    assert entries(app, less) == [("negative_adjmt", D(-6), None)]
    assert stock(app, more) == (D(7), D("72.00"))  # 5 x 10 + 2 at the unit cost 11
    assert stock(app, less) == (D(4), D("80.00"))  # FIFO: 5 x 10 + 1 x 20 leave
    cost_adjustment.adjust(app)
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert counting.show(app, batch)["status"] == "posted"


def test_an_uncounted_line_posts_nothing_and_a_batch_posts_once(app):
    item = new_item(app, "PHY4", "fifo")
    post(app, row("purchase", item, 5, "10.00"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert counting.post(app, batch).item_entries == []
    assert stock(app, item) == (D(5), D("50.00"))
    with pytest.raises(DomainError) as again:
        counting.post(app, batch)
    assert again.value.code == "PHYS-BATCH-POSTED"
    with pytest.raises(DomainError) as late:
        counting.count(app, batch, item, D(1))
    assert late.value.code == "PHYS-BATCH-POSTED"


def test_a_lot_tracked_item_is_counted_per_lot_and_an_unexpected_lot_gets_its_own_line(app):
    item = new_item(app, "PHY5", "fifo", unit_cost="9.00")
    post(app, row("purchase", item, 3, "10.00", lot_no="L1"), row("purchase", item, 2, "12.00", lot_no="L2"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert lines(app, batch, item) == [(item, "L1", "", D(3)), (item, "L2", "", D(2))]
    refused = counting.count(app, batch, item, D(3))
    assert isinstance(refused, Rejected) and refused.codes == ["PHYS-TRACKING-REQUIRED"]
    counting.count(app, batch, item, D(1), lot_no="L2")
    counting.count(app, batch, item, D(2), lot_no="L3")
    assert lines(app, batch, item)[-1] == (item, "L3", "", D(0))
    counting.post(app, batch)
    assert entries(app, item) == [("negative_adjmt", D(-1), "L2"), ("positive_adjmt", D(2), "L3")]
    assert stock(app, item) == (D(6), D("60.00"))  # 30 + 12 + 2 x 9


def test_a_serial_tracked_item_is_counted_per_serial_no_as_zero_or_one(app):
    item = new_item(app, "PHY6", "fifo")
    post(app, row("purchase", item, 1, "100.00", serial_no="S1"), row("purchase", item, 1, "100.00", serial_no="S2"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert counting.count(app, batch, item, D(1), lot_no="X").codes == ["PHYS-TRACKING-REQUIRED",
                                                                         "PHYS-ITEM-NOT-TRACKED"]
    assert counting.count(app, batch, item, D(2), serial_no="S1").codes == ["PHYS-SERIAL-QUANTITY"]
    counting.count(app, batch, item, D(0), serial_no="S2")
    counting.post(app, batch)
    assert stock(app, item) == (D(1), D("100.00"))
    assert list(costs(app, item).values())[-1] == D("-100.00")


def test_counting_an_item_not_in_the_batch_or_a_negative_quantity_is_refused(app):
    item = new_item(app, "PHY7", "fifo")
    post(app, row("purchase", item, 2, "10.00"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert counting.count(app, batch, "1000", D(1)).codes == ["PHYS-ITEM-NOT-IN-BATCH"]
    assert counting.count(app, batch, item, D(-1)).codes == ["PHYS-NEGATIVE-QUANTITY"]
    untracked = counting.count(app, batch, item, D(1), lot_no="L9")
    assert untracked.codes == ["PHYS-ITEM-NOT-TRACKED"]
    assert [x["qty_counted"] for x in counting.show(app, batch)["lines"]] == [None]
    with pytest.raises(DomainError) as unknown:
        counting.count(app, "PHYS-999999", item, D(1))
    assert unknown.value.code == "PHYS-UNKNOWN-BATCH"
    with pytest.raises(DomainError) as nowhere:
        counting.calculate(app, "NOWHERE", DATE)
    assert nowhere.value.code == "SETUP-UNKNOWN-LOCATION"


def test_a_sold_out_item_keeps_a_line_so_that_found_stock_can_be_counted(app):
    item = new_item(app, "PHY8", "fifo", unit_cost="5.00")
    post(app, row("purchase", item, 2, "5.00"), row("sale", item, 2, date="2026-11-03"))
    batch = counting.calculate(app, "MAIN", DATE)
    assert lines(app, batch, item) == [(item, "", "", D(0))]
    counting.count(app, batch, item, D(1))
    counting.post(app, batch)
    ile = ItemLedgerEntry
    with app.uow() as s:
        assert s.scalar(select(func.sum(ile.quantity)).where(ile.item_no == item)) == D(1)


def test_a_cycle_count_calculates_only_the_items_named_even_one_never_at_the_location(app):
    item = new_item(app, "PHY9", "fifo", unit_cost="4.00")
    post(app, row("purchase", item, 3, "4.00"), row("purchase", "1000", 2, "10.00"))
    batch = counting.calculate(app, "MAIN", DATE, [item, "1100"])
    assert lines(app, batch) == [("1100", "", "", D(0)), (item, "", "", D(3))]
    counting.count(app, batch, "1100", D(1))
    assert counting.count(app, batch, "1000", D(1)).codes == ["PHYS-ITEM-NOT-IN-BATCH"]
    with pytest.raises(DomainError) as unknown:
        counting.calculate(app, "MAIN", DATE, ["NOPE"])
    assert unknown.value.code == "ITEM-NOT-FOUND"
