"""BC's published costing examples ("Design Details: Costing Methods", "Average
Cost", "Rounding", "Revaluation", "Cost Adjustment"), reproduced through the
item journal, purchase invoices, revaluation and cost adjustment on SQLite
and PostgreSQL."""

import datetime as dt
from decimal import Decimal as D

import pytest

from domain.costing import adjustment as cost_adjustment
from domain.costing import periods as inventory_periods
from domain.costing import revaluation
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from tests.support.costing import costs, new_item, post, row, stock, value_entries
from tests.support.documents import invoice


def three_in_three_out(app, item):
    entries = post(app, row("purchase", item, 1, "10.00", "2026-01-01"),
                   row("purchase", item, 1, "20.00", "2026-01-01"),
                   row("purchase", item, 1, "30.00", "2026-01-01"))
    sales = [post(app, row("sale", item, 1, date=d))[0] for d in ("2026-02-01", "2026-03-01", "2026-04-01")]
    return entries, sales


@pytest.mark.parametrize("method, expected", [
    ("fifo", ["-10.00", "-20.00", "-30.00"]), ("lifo", ["-30.00", "-20.00", "-10.00"]),
    ("average", ["-20.00", "-20.00", "-20.00"])])
def test_costing_methods_compared_value_the_same_sales_differently_and_end_at_zero(app, method, expected):
    item = new_item(app, f"CM-{method}", method)
    _, sales = three_in_three_out(app, item)
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D(x) for x in expected]
    assert stock(app, item) == (D(0), D(0))


def test_specific_costing_follows_the_fixed_application(app):
    item = new_item(app, "CM-SPEC", "specific")
    entries = post(app, row("purchase", item, 1, "10.00", "2026-01-01"),
                   row("purchase", item, 1, "20.00", "2026-01-01"), row("purchase", item, 1, "30.00", "2026-01-01"))
    sales = [post(app, row("sale", item, 1, date=d, applies_to_entry=str(entries[i])))[0]
             for d, i in (("2026-02-01", 1), ("2026-03-01", 0), ("2026-04-01", 2))]
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D("-20.00"), D("-10.00"), D("-30.00")]


def test_standard_cost_values_receipts_and_sales_at_standard(app):
    item = new_item(app, "CM-STD", "standard", standard_cost="15")
    _, sales = three_in_three_out(app, item)
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D("-15.00")] * 3
    assert stock(app, item) == (D(0), D(0))


@pytest.mark.parametrize("period, expected", [("day", ["-30.00", "-30.00", "-100.00"]),
                                               ("month", ["-30.00", "-65.00", "-65.00"])])
def test_average_cost_per_day_and_per_month_as_in_bcs_example(app, period, expected):
    inventory_periods.set_inventory_setup(app, average_cost_period=period)
    item = new_item(app, f"AVG-{period}", "average")
    post(app, row("purchase", item, 1, "20.00", "2026-01-01"), row("purchase", item, 1, "40.00", "2026-01-01"))
    sales = post(app, row("sale", item, 1, date="2026-01-01"))
    sales += post(app, row("sale", item, 1, date="2026-02-01"))
    post(app, row("purchase", item, 1, "100.00", "2026-02-02"))
    sales += post(app, row("sale", item, 1, date="2026-02-03"))
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D(x) for x in expected]
    assert stock(app, item) == (D(0), D(0))


def test_backdated_purchase_recalculates_the_average_of_later_sales(app):
    item = new_item(app, "AVG-BACK", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-01-01"), row("purchase", item, 1, "20.00", "2026-01-02"))
    sales = post(app, row("sale", item, 1, date="2026-02-15"))
    sales += post(app, row("sale", item, 1, date="2026-02-16"))
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D("-15.00"), D("-15.00")]
    post(app, row("purchase", item, 1, "21.00", "2026-01-03"))
    cost_adjustment.adjust(app)
    assert [costs(app, item)[no] for no in sales] == [D("-17.00"), D("-17.00")]
    assert stock(app, item) == (D(1), D("17.00"))


def test_item_charge_invoiced_after_the_sale_is_forwarded_to_the_sale(app):
    item = new_item(app, "CHG-FIFO", "fifo")
    receipt, = post(app, row("purchase", item, 10, "10.00", "2026-11-02"))
    sale, = post(app, row("sale", item, 4, date="2026-11-05"))
    no = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "50.00",
         "assign_to_entry": receipt}], posting_date="2026-11-10"))
    assert purchase_posting.post_document(app, no).posted_no
    assert costs(app, item)[sale] == D("-40.00")  # not adjusted yet
    cost_adjustment.adjust(app)
    assert costs(app, item) == {receipt: D("150.00"), sale: D("-60.00")}
    adjustment, = value_entries(app, item, adjustment=True)
    assert adjustment.posting_date.isoformat() == "2026-11-05" and adjustment.item_ledger_entry_no == sale


@pytest.mark.parametrize("method, expected, rounding", [("average", ["-3.33", "-3.34", "-3.33"], []),
                                                        ("fifo", ["-3.33", "-3.33", "-3.33"], ["-0.01"])])
def test_rounding_residual_is_carried_for_average_and_booked_on_the_inbound_entry_otherwise(
        app, method, expected, rounding):
    item = new_item(app, f"RND-{method}", method)
    receipt, = post(app, row("purchase", item, 3, "3.333333", "2026-01-01"))
    sales = [post(app, row("sale", item, 1, date=d))[0] for d in ("2026-02-01", "2026-03-01", "2026-04-01")]
    cost_adjustment.adjust(app)
    assert costs(app, item)[receipt] == D("10.00") + sum((D(x) for x in rounding), D(0))
    assert [costs(app, item)[no] for no in sales] == [D(x) for x in expected]
    assert [e.cost_amount_actual for e in value_entries(app, item, entry_type="rounding")] == [D(x) for x in rounding]
    assert stock(app, item) == (D(0), D(0))


def test_adjustment_of_an_entry_in_a_closed_period_is_dated_the_first_open_date(app):
    item = new_item(app, "CLOSED", "fifo")
    receipt, = post(app, row("purchase", item, 10, "10.00", "2026-10-02"))
    sale, = post(app, row("sale", item, 5, date="2026-10-05"))
    cost_adjustment.adjust(app)
    inventory_periods.close_period(app, dt.date(2026, 10, 31))
    no = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "20.00",
         "assign_to_entry": receipt}], posting_date="2026-11-10"))
    purchase_posting.post_document(app, no)
    cost_adjustment.adjust(app)
    adjustment, = value_entries(app, item, adjustment=True)
    assert adjustment.cost_amount_actual == D("-10.00")
    assert adjustment.posting_date.isoformat() == "2026-11-01"
    assert adjustment.valuation_date.isoformat() == "2026-10-05"


def test_revaluation_affects_sales_posted_or_dated_after_it_but_not_earlier_ones(app):
    item = new_item(app, "REVAL", "fifo")
    post(app, row("purchase", item, 6, "10.00", "2026-01-01"))
    early = [post(app, row("sale", item, 1, date=d))[0] for d in ("2026-02-01", "2026-03-01", "2026-04-01")]
    result = revaluation.revalue(app, [{"posting_date": "2026-03-01", "item_no": item, "new_unit_cost": "8"}])
    assert [(e["quantity"], e["amount"]) for e in result.entries] == [(D(4), D("-8.00"))]
    late = [post(app, row("sale", item, 1, date=d))[0] for d in ("2026-02-01", "2026-03-01", "2026-04-01")]
    cost_adjustment.adjust(app)
    cost = costs(app, item)
    assert [cost[n] for n in early] == [D("-10.00"), D("-10.00"), D("-8.00")]  # A, B, C
    assert [cost[n] for n in late] == [D("-8.00")] * 3  # D, E, F
    assert stock(app, item) == (D(0), D(0))


def test_average_revaluation_at_period_end_changes_later_sales_only(app):
    inventory_periods.set_inventory_setup(app, average_cost_period="month")
    item = new_item(app, "REVAL-AVG", "average")
    post(app, row("purchase", item, 10, "10.00", "2026-01-05"))
    early, = post(app, row("sale", item, 4, date="2026-01-10"))
    refused = revaluation.revalue(app, [{"posting_date": "2026-01-15", "item_no": item, "new_unit_cost": "12"}])
    assert refused.codes == ["REVAL-AVERAGE-NOT-PERIOD-END"]
    result = revaluation.revalue(app, [{"posting_date": "2026-01-31", "item_no": item, "new_unit_cost": "12"}])
    assert result.amount == D("12.00")
    late, = post(app, row("sale", item, 6, date="2026-02-10"))
    cost_adjustment.adjust(app)
    assert (costs(app, item)[early], costs(app, item)[late]) == (D("-40.00"), D("-72.00"))
    assert stock(app, item) == (D(0), D(0))


def test_a_later_item_charge_reaches_the_sale_at_the_location_the_goods_were_transferred_to(app):
    from domain.setup import masterdata

    masterdata.add_location(app, "WEST")
    item = new_item(app, "TRF-FIFO", "fifo")
    receipt, = post(app, row("purchase", item, 10, "10.00", "2026-11-02"))
    sent, received = post(app, row("transfer", item, 4, date="2026-11-03", new_location="WEST"))
    sale, = post(app, row("sale", item, 4, date="2026-11-05", location="WEST"))
    no = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "50.00",
         "assign_to_entry": receipt}], posting_date="2026-11-10"))
    assert purchase_posting.post_document(app, no).posted_no
    cost_adjustment.adjust(app)
    assert costs(app, item) == {receipt: D("150.00"), sent: D("-60.00"), received: D("60.00"), sale: D("-60.00")}
    assert stock(app, item) == (D(6), D("90.00"))
    assert cost_adjustment.adjust(app, all_items=True).entries_created == 0


@pytest.mark.parametrize("calc_type, expected, left", [
    ("item", ("-64.00", "64.00", "-128.00"), "32.00"),
    ("item_location_variant", ("-40.00", "40.00", "-140.00"), "20.00")])
def test_average_transfers_follow_the_average_cost_calc_type(app, calc_type, expected, left):
    from domain.setup import masterdata

    masterdata.add_location(app, "WEST")
    inventory_periods.set_inventory_setup(app, average_cost_calc_type=calc_type)
    item = new_item(app, f"TRF-AVG-{calc_type[:4]}", "average")
    post(app, row("purchase", item, 3, "20.00", "2026-11-02"),
         row("purchase", item, 2, "50.00", "2026-11-02", location="WEST"))
    sent, received = post(app, row("transfer", item, 2, date="2026-11-03", new_location="WEST"))
    sale, = post(app, row("sale", item, 4, date="2026-11-04", location="WEST"))
    cost_adjustment.adjust(app)
    cost = costs(app, item)
    # per item: one average, 160 / 5 = 32 a unit; per location: MAIN's 20 travels to WEST,
    # whose average becomes (100 + 40) / 4 = 35
    assert (cost[sent], cost[received], cost[sale]) == tuple(D(x) for x in expected)
    assert stock(app, item) == (D(1), D(left))


def test_average_return_to_vendor_fixed_to_a_receipt_leaves_at_that_receipts_cost(app):
    item = new_item(app, "AVG-RET", "average")
    first, second = post(app, row("purchase", item, 2, "20.00", "2026-11-02"),
                         row("purchase", item, 2, "60.00", "2026-11-02"))
    back, = post(app, row("negative_adjustment", item, 1, date="2026-11-02", applies_to_entry=str(first)))
    sale, = post(app, row("sale", item, 3, date="2026-11-02"))
    cost_adjustment.adjust(app)
    cost = costs(app, item)
    assert (cost[back], cost[sale]) == (D("-20.00"), D("-140.00"))  # not the average of 40
    assert stock(app, item) == (D(0), D(0))


def test_average_sales_return_applied_from_the_sale_comes_back_at_the_sales_adjusted_cost(app):
    item = new_item(app, "AVG-SRET", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-02"), row("purchase", item, 1, "30.00", "2026-11-02"))
    sale, = post(app, row("sale", item, 1, date="2026-11-02"))
    back, = post(app, row("positive_adjustment", item, 1, "5.00", "2026-11-03", applies_to_entry=str(sale)))
    cost_adjustment.adjust(app)
    cost = costs(app, item)
    assert (cost[sale], cost[back]) == (D("-20.00"), D("20.00"))
    assert stock(app, item) == (D(2), D("40.00"))
