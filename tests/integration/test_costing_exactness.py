"""Issue 16, costing exactness II: each rule from Business Central's "design details" pages,
built from the documented example where there is one, on SQLite and PostgreSQL.

* "Design Details: Variance": a Standard item bought below standard posts a purchase
  variance, an item charge moves the variance (inventory stays at standard), a revaluation
  changes the inventory value (and the standard cost), not the variance.
* "Design Details: Expected Cost Posting": the interim accounts end at zero once everything
  is invoiced, whatever order posting and post-to-G/L run in; a Standard item is received at
  standard cost; a sale's interim entries (also its cost adjustment) are on COGS (Interim).
* "Design Details: Valuation Date": an Average item's sale entered after a revaluation but
  dated before it is valued at the revaluation's date (and at the revalued cost); an item
  charge's value entry takes the valuation date of the entry it is assigned to.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.costing import revaluation
from domain.ledger import reports
from domain.ledger.model import ValueEntry
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup import masterdata
from domain.setup.model.cards import Item
from tests.support.costing import new_item, post, row, stock, value_entries
from tests.support.documents import invoice, item_line

INVENTORY, INTERIM, ACCRUAL_INTERIM, COGS_INTERIM = "1460", "1469", "2790", "4392"
INVENTORY_ADJMT, PURCHASE_VARIANCE = "4395", "4396"


def balances(app) -> dict[str, D]:
    return {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}


def balance(app, account: str) -> D:
    return balances(app).get(account, D(0))


def post_invoice(app, data) -> str:
    result = purchase_posting.post_document(app, purchase_documents.create_document(app, data))
    assert not hasattr(result, "problems"), result
    return result


def entry_of(app, item: str) -> int:
    return value_entries(app, item)[0].item_ledger_entry_no


def sale_cost(app, item: str, sale: int) -> D:
    return sum(v.cost_amount_actual for v in value_entries(app, item, item_ledger_entry_no=sale))


def reconciled(app) -> bool:
    return all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))


# --- Design Details: Variance ---------------------------------------------------------------


def test_the_variance_example_keeps_inventory_at_standard_and_moves_only_the_variance(app):
    item = new_item(app, "VAR-STD", "standard", standard_cost="100")
    post_invoice(app, invoice(lines=[item_line(item, "1", "90.00")]))
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, item)] == [
        ("direct_cost", D("90.00")), ("variance", D("10.00"))]
    assert balance(app, PURCHASE_VARIANCE) == D("-10.00")  # step 2: 10.00 credited

    post_invoice(app, invoice(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                      "direct_unit_cost": "20.00", "assign_to_entry": entry_of(app, item)}]))
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, item)][2:] == [
        ("direct_cost", D("20.00")), ("variance", D("-20.00"))]
    assert balance(app, PURCHASE_VARIANCE) == D("10.00")  # step 4: 20.00 debited, net 10.00
    assert stock(app, item) == (D(1), D("100.00"))  # inventory stays at standard

    revaluation.revalue(app, [{"posting_date": "2026-11-25", "item_no": item, "new_unit_cost": "70"}])
    assert stock(app, item) == (D(1), D("70.00"))  # step 5: the inventory value changes ...
    assert balance(app, PURCHASE_VARIANCE) == D("10.00")  # ... the variance does not
    assert balance(app, INVENTORY_ADJMT) == D("30.00")
    with app.uow() as s:
        assert s.get(Item, item).standard_cost == D("70")  # the revalued cost is the new standard
    assert reconciled(app)


def test_a_positive_adjustment_of_a_standard_item_off_standard_posts_a_purchase_variance(app):
    item = new_item(app, "VAR-ADJ", "standard", standard_cost="100")
    post(app, row("positive_adjustment", item, 2, "80.00"))
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, item)] == [
        ("direct_cost", D("160.00")), ("variance", D("40.00"))]
    assert balance(app, PURCHASE_VARIANCE) == D("-40.00")
    assert stock(app, item) == (D(2), D("200.00"))
    assert reconciled(app)


# --- Design Details: Expected Cost Posting --------------------------------------------------


def order(item: str, qty="2", cost="50.00") -> dict:
    return {"document_type": "order", "vendor_no": "V10000", "vendor_invoice_no": "", "posting_date": "2026-11-20",
            "document_date": "2026-11-20", "lines": [item_line(item, qty, cost)]}


@pytest.mark.parametrize("automatic", [True, False], ids=["automatic-cost-posting", "post-to-gl"])
@pytest.mark.parametrize("between", [True, False], ids=["post-to-gl-between", "post-to-gl-at-the-end"])
def test_the_interim_accounts_end_at_zero_once_a_receipt_is_invoiced(app, automatic, between):
    inventory_periods.set_inventory_setup(app, expected_cost_posting=True, automatic_cost_posting=automatic)
    item = new_item(app, "EXP-FIFO", "fifo")
    no = purchase_orders.create_order(app, order(item))
    purchase_orders.receive(app, no)
    assert (balance(app, INTERIM), balance(app, ACCRUAL_INTERIM)) == (D("100.00"), D("-100.00"))
    if between:
        gl_posting.post_inventory_cost(app)
        assert balance(app, INTERIM) == D("100.00")  # posted once, at receipt
    purchase_orders.invoice(app, no, "INV-EXP")
    gl_posting.post_inventory_cost(app)
    gl_posting.post_inventory_cost(app)
    assert (balance(app, INTERIM), balance(app, ACCRUAL_INTERIM)) == (D(0), D(0))
    assert balance(app, INVENTORY) == D("100.00")
    assert reconciled(app)


def test_a_standard_item_is_received_at_standard_and_invoiced_with_a_variance(app):
    inventory_periods.set_inventory_setup(app, expected_cost_posting=True)
    item = new_item(app, "EXP-STD", "standard", standard_cost="60")
    no = purchase_orders.create_order(app, order(item, "2", "50.00"))
    purchase_orders.receive(app, no)
    assert [v.cost_amount_expected for v in value_entries(app, item)] == [D("120.00")]
    assert balance(app, INTERIM) == D("120.00")
    purchase_orders.invoice(app, no, "INV-STD")
    gl_posting.post_inventory_cost(app)
    assert [(v.entry_type, v.cost_amount_actual, v.cost_amount_expected) for v in value_entries(app, item)][1:] == [
        ("direct_cost", D("100.00"), D("-120.00")), ("variance", D("20.00"), D(0))]
    assert stock(app, item) == (D(2), D("120.00"))
    assert (balance(app, INTERIM), balance(app, ACCRUAL_INTERIM)) == (D(0), D(0))
    assert balance(app, PURCHASE_VARIANCE) == D("-20.00")
    assert reconciled(app)


def test_a_shipped_sales_cost_adjustment_posts_on_cogs_interim_and_ends_at_zero(app):
    inventory_periods.set_inventory_setup(app, expected_cost_posting=True, automatic_cost_posting=False)
    item = new_item(app, "EXP-AVG", "average")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"))
    no = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-10",
        "lines": [{"type": "item", "no": item, "quantity": "1", "unit_price": "300", "location": "MAIN"}]})
    sales_posting.ship(app, no)
    assert balance(app, COGS_INTERIM) == D("100.00")
    post(app, row("purchase", item, 1, "10.00", "2026-11-05"))  # backdated: the average falls to 70
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    assert balance(app, COGS_INTERIM) == D("70.00")  # the adjustment of a sale: COGS (Interim)
    assert balance(app, ACCRUAL_INTERIM) == D(0)
    sales_posting.invoice(app, no)
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    assert (balance(app, INTERIM), balance(app, COGS_INTERIM), balance(app, ACCRUAL_INTERIM)) == (D(0), D(0), D(0))
    assert reconciled(app)


# --- Design Details: Valuation Date ---------------------------------------------------------


def test_a_sale_entered_after_a_revaluation_but_dated_before_it_is_valued_at_the_revaluation(app):
    item = new_item(app, "VD-AVG", "average")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"))
    revaluation.revalue(app, [{"posting_date": "2026-11-30", "item_no": item, "new_unit_cost": "50"}])
    sale = post(app, row("sale", item, 2, date="2026-11-12"))[0]
    cost_adjustment.adjust(app)
    values = value_entries(app, item, item_ledger_entry_no=sale)
    assert {v.valuation_date for v in values} == {dt.date(2026, 11, 30)}  # posted and adjusted alike
    assert sum(v.cost_amount_actual for v in values) == D("-100.00")
    assert stock(app, item) == (D(0), D(0))


def test_a_sale_posted_before_a_revaluation_on_its_date_is_valued_before_it(app):
    item = new_item(app, "VD-AVG2", "average")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"))
    sale = post(app, row("sale", item, 1, date="2026-11-30"))[0]
    revaluation.revalue(app, [{"posting_date": "2026-11-30", "item_no": item, "new_unit_cost": "50"}])
    cost_adjustment.adjust(app)
    assert sum(v.cost_amount_actual for v in value_entries(app, item, item_ledger_entry_no=sale)) == D("-100.00")
    assert stock(app, item) == (D(1), D("50.00"))


def test_an_item_charge_takes_the_valuation_date_of_the_entry_it_is_assigned_to(app):
    item = new_item(app, "VD-CHG", "fifo")
    entry = post(app, row("purchase", item, 2, "100.00", "2026-11-02"))[0]
    post_invoice(app, invoice(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                      "direct_unit_cost": "30.00", "assign_to_entry": entry}]))
    with app.uow() as s:
        charge = s.scalars(select(ValueEntry).where(ValueEntry.item_ledger_entry_no == entry,
                                                    ValueEntry.item_charge_no == "FREIGHT")).one()
        assert (charge.posting_date, charge.valuation_date) == (dt.date(2026, 11, 20), dt.date(2026, 11, 2))


# --- the acting user's own allowed posting range (BC User Setup) ----------------------------


def test_a_revaluation_outside_the_users_own_posting_range_is_refused_naming_the_range(app):
    item = new_item(app, "UR-REVAL", "fifo")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"))
    masterdata.set_posting_range(app, dt.date(2026, 12, 1), dt.date(2026, 12, 31), user_id=app.user)
    result = revaluation.revalue(app, [{"posting_date": "2026-11-25", "item_no": item, "new_unit_cost": "70"}])
    assert [p.code for p in result.problems] == ["POST-DATE-NOT-IN-USER-RANGE"]
    assert "2026-12-01..2026-12-31" in result.problems[0].message()
    assert stock(app, item) == (D(2), D("200.00"))


def test_cost_adjustment_outside_the_users_own_posting_range_is_refused_for_that_item(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="never")
    item = new_item(app, "UR-ADJ", "average")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"), row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 1, "400.00", "2026-11-02"))  # the sale's cost changes on 11-03
    masterdata.set_posting_range(app, dt.date(2026, 12, 1), None, user_id=app.user)
    run = cost_adjustment.adjust(app)
    assert [(o.item_no, o.status, o.error_code) for o in run.outcomes] == [
        (item, "failed", "POST-DATE-NOT-IN-USER-RANGE")]
    assert "2026-12-01.." in run.outcomes[0].error_message
    assert stock(app, item) == (D(2), D("500.00"))  # nothing adjusted
    masterdata.set_posting_range(app, None, None, user_id=app.user)
    assert cost_adjustment.adjust(app).outcomes[0].status == "adjusted"  # still marked: done now
    assert stock(app, item) == (D(2), D("400.00"))


# --- what the ledger shows: applications, posted and adjusted cost --------------------------


def test_the_item_application_report_shows_which_inbound_each_outbound_took(app):
    item = new_item(app, "APP-FIFO", "fifo")
    first, second = post(app, row("purchase", item, 2, "10.00", "2026-11-02"),
                         row("purchase", item, 2, "20.00", "2026-11-03"))
    sale = post(app, row("sale", item, 3, date="2026-11-04"))[0]
    back = post(app, row("negative_adjustment", item, 1, date="2026-11-05", applies_to_entry=str(second)))[0]
    assert [(r["outbound_entry_no"], r["inbound_entry_no"], r["quantity"], r["fixed"])
            for r in reports.item_applications(app, item)] == [
        (sale, first, D(2), False), (sale, second, D(1), False), (back, second, D(1), True)]


def test_the_item_ledger_shows_the_cost_as_posted_and_as_adjusted(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="never")
    item = new_item(app, "PA-AVG", "average")
    post(app, row("purchase", item, 2, "100.00", "2026-11-02"))
    sale = post(app, row("sale", item, 1, date="2026-11-03"))[0]
    post(app, row("purchase", item, 2, "400.00", "2026-11-02"))
    cost_adjustment.adjust(app)
    found = {r["entry_no"]: r for r in reports.item_ledger(app, item)}[sale]
    assert (found["cost_posted"], found["cost_adjusted"], found["cost_amount_actual"]) == (
        D("-100.00"), D("-150.00"), D("-250.00"))


# --- automatic cost adjustment: the window is compared with the valuation date ---------------


def test_a_late_item_charge_waits_for_cost_adjustment_when_its_target_lies_outside_the_window(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="day")  # today is 2026-11-20
    item = new_item(app, "AUTO-DAY", "fifo")
    receipt = post(app, row("purchase", item, 2, "100.00", "2026-10-01"))[0]
    sale = post(app, row("sale", item, 1, date="2026-10-05"))[0]
    post_invoice(app, invoice(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                      "direct_unit_cost": "30.00", "assign_to_entry": receipt}]))
    assert sale_cost(app, item, sale) == D("-100.00")  # posted today, but valued on 2026-10-01: outside Day
    cost_adjustment.adjust(app)
    assert sale_cost(app, item, sale) == D("-115.00")


def test_an_item_charge_on_a_recent_receipt_is_adjusted_at_once(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="day")
    item = new_item(app, "AUTO-DAY2", "fifo")
    receipt = post(app, row("purchase", item, 2, "100.00", "2026-11-19"))[0]
    sale = post(app, row("sale", item, 1, date="2026-11-19"))[0]
    post_invoice(app, invoice(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                      "direct_unit_cost": "30.00", "assign_to_entry": receipt}]))
    assert sale_cost(app, item, sale) == D("-115.00")


def test_a_standard_item_revalued_between_receipt_and_invoice_stays_at_the_new_standard(app):
    item = new_item(app, "EXP-STD2", "standard", standard_cost="60")
    no = purchase_orders.create_order(app, order(item, "2", "50.00"))
    purchase_orders.receive(app, no)
    revaluation.revalue(app, [{"posting_date": "2026-11-20", "item_no": item, "new_unit_cost": "70"}])
    assert stock(app, item) == (D(2), D("140.00"))
    purchase_orders.invoice(app, no, "INV-STD2")
    assert stock(app, item) == (D(2), D("140.00"))  # the variance brings the invoice to the receipt's value
    assert balance(app, PURCHASE_VARIANCE) == D("-20.00")
    assert reconciled(app)
