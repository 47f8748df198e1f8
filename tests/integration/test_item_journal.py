"""Item journal posting and application by costing method (SQLite and PostgreSQL)."""

from decimal import Decimal as D

from sqlalchemy import select

from domain.inventory import journal as item_journal
from domain.ledger import reports
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.setup import masterdata
from domain.setup.model.company import InventoryPostingSetup


def row(entry_type, item, qty, cost=None, date="2026-11-01", **extra):
    data = {"posting_date": date, "entry_type": entry_type, "item_no": item, "location": "MAIN",
            "quantity": qty, "unit_cost": cost or "", "unit_price": "", "applies_to_entry": "", "document_no": ""}
    data.update(extra)
    return data


def receive_two_lots(app, item):
    return item_journal.post_journal(app, [row("purchase", item, "10", "10.00", "2026-11-01"),
                                           row("purchase", item, "10", "20.00", "2026-11-02")])


def cost_of_sale(app, item, qty, **extra):
    item_journal.post_journal(app, [row("sale", item, qty, date="2026-11-03", **extra)])
    sale = [r for r in reports.item_ledger(app, item) if r["entry_type"] == "sale"][-1]
    return sale["cost_amount_actual"]


def test_fifo_sale_draws_cost_from_the_oldest_receipt_first(app):
    receive_two_lots(app, "1000")
    assert cost_of_sale(app, "1000", "15") == D("-200.00")  # 10 x 10 + 5 x 20


def test_lifo_sale_draws_cost_from_the_newest_receipt_first(app):
    receive_two_lots(app, "1400")
    assert cost_of_sale(app, "1400", "15") == D("-250.00")  # 10 x 20 + 5 x 10


def test_average_sale_is_valued_at_the_average_unit_cost(app):
    receive_two_lots(app, "1200")
    assert cost_of_sale(app, "1200", "15") == D("-225.00")  # 15 x 15


def test_standard_cost_item_is_valued_at_standard_with_a_variance_entry(app):
    result = item_journal.post_journal(app, [row("purchase", "1300", "10", "420.00")])
    assert result.item_entries
    assert cost_of_sale(app, "1300", "4") == D("-1600.00")
    with app.uow() as s:
        variance = s.scalars(select(ValueEntry).where(ValueEntry.entry_type == "variance")).one()
        assert variance.cost_amount_actual == D("-200.00")


def test_specific_costing_needs_and_honours_a_fixed_application(app):
    masterdata.add_item(app, {"no": "SPEC", "description": "Serial item", "costing_method": "specific"})
    receive_two_lots(app, "SPEC")
    refused = item_journal.post_journal(app, [row("sale", "SPEC", "1")])
    assert refused.codes == ["INV-SPECIFIC-NEEDS-APPLICATION"]
    assert cost_of_sale(app, "SPEC", "1", applies_to_entry="2") == D("-20.00")


def test_outbound_more_than_on_hand_is_refused_and_nothing_posts(app):
    refused = item_journal.post_journal(app, [row("purchase", "1000", "2", "5"), row("sale", "1000", "3")])
    assert refused.codes == ["INV-INSUFFICIENT-QUANTITY"]
    assert reports.item_ledger(app, "1000") == []


def test_every_bad_row_is_reported_at_once_with_its_row_number(app):
    refused = item_journal.post_journal(app, [row("theft", "1000", "1"), row("sale", "NOPE", "-1")])
    assert {(p.code, p.field) for p in refused.problems} >= {
        ("IMPORT-INVALID-CHOICE", "rows[1].entry_type"), ("IJ-UNKNOWN-ITEM", "rows[2].item_no"),
        ("IJ-QUANTITY-NOT-POSITIVE", "rows[2].quantity")}


def test_adjustments_post_inventory_against_the_inventory_adjustment_account(app):
    item_journal.post_journal(app, [row("positive_adjustment", "1000", "4", "50"),
                                    row("negative_adjustment", "1000", "1")])
    balances = {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}
    assert balances == {"1460": D("150.00"), "4395": D("-150.00")}
    inventory = {r["item_no"]: (r["quantity"], r["value"]) for r in reports.inventory(app, "1000")}
    assert inventory == {"1000": (D(3), D("150.00"))}


def test_a_sale_posts_cost_of_goods_sold_and_keeps_the_sales_amount_on_the_value_entry(app):
    receive_two_lots(app, "1000")
    item_journal.post_journal(app, [row("sale", "1000", "2", date="2026-11-05", unit_price="279")])
    balances = {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}
    assert balances["4391"] == D("20.00") and balances["1460"] == D("280.00")
    sale = [r for r in reports.item_ledger(app, "1000") if r["entry_type"] == "sale"][0]
    assert sale["sales_amount_actual"] == D("558.00") and sale["open"] is False


def test_a_journal_row_outside_the_allowed_posting_dates_is_refused_with_the_range(app):
    import datetime as dt

    masterdata.set_posting_range(app, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    refused = item_journal.post_journal(app, [row("purchase", "1000", "1", "5", date="2026-10-31")])
    [problem] = refused.problems
    assert (problem.code, problem.field) == ("POST-DATE-NOT-ALLOWED", "rows[1].posting_date")
    assert problem.message() == "Posting date 2026-10-31 is outside the allowed range 2026-11-01..2026-11-30."


def stock_by_location(app, item):
    from sqlalchemy import func
    with app.uow() as s:
        return dict(s.execute(select(ItemLedgerEntry.location_code, func.sum(ItemLedgerEntry.quantity))
                              .where(ItemLedgerEntry.item_no == item)
                              .group_by(ItemLedgerEntry.location_code)).all())


def test_a_transfer_moves_stock_at_its_cost_and_nets_to_zero_on_inventory_adjustment(app):
    masterdata.add_location(app, "WEST", "Vestlager")
    receive_two_lots(app, "1000")
    result = item_journal.post_journal(app, [row("transfer", "1000", "12", date="2026-11-04", new_location="WEST")])
    sent, received = result.item_entries
    assert stock_by_location(app, "1000") == {"MAIN": D(8), "WEST": D(12)}
    ledger = {r["entry_no"]: r for r in reports.item_ledger(app, "1000")}
    assert ledger[sent]["cost_amount_actual"] == D("-140.00")  # FIFO: 10 x 10 + 2 x 20
    assert ledger[received]["cost_amount_actual"] == D("140.00")
    with app.uow() as s:
        assert s.get(ItemLedgerEntry, received).applies_to_entry == sent
    balances = {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}
    assert balances["1460"] == D("300.00") and balances.get("4395", D(0)) == D(0)
    # what was received at WEST is sold from there, at the transferred cost
    item_journal.post_journal(app, [row("sale", "1000", "12", date="2026-11-05", location="WEST")])
    assert stock_by_location(app, "1000") == {"MAIN": D(8), "WEST": D(0)}


def test_bad_transfer_rows_are_refused_with_their_codes(app):
    masterdata.add_location(app, "WEST")
    receive_two_lots(app, "1000")
    refused = item_journal.post_journal(app, [
        row("transfer", "1000", "1"), row("transfer", "1000", "1", new_location="MAIN"),
        row("transfer", "1000", "1", new_location="NOWHERE"), row("sale", "1000", "1", new_location="WEST")])
    assert {(p.code, p.field) for p in refused.problems} == {
        ("IJ-TRANSFER-NEEDS-NEW-LOCATION", "rows[1].new_location"),
        ("IJ-TRANSFER-SAME-LOCATION", "rows[2].new_location"),
        ("SETUP-UNKNOWN-LOCATION", "rows[3].new_location"),
        ("IJ-NEW-LOCATION-ONLY-FOR-TRANSFER", "rows[4].new_location")}
    too_much = item_journal.post_journal(app, [row("transfer", "1000", "21", new_location="WEST")])
    assert too_much.codes == ["INV-INSUFFICIENT-QUANTITY"]
    assert stock_by_location(app, "1000") == {"MAIN": D(20)}


def test_a_location_code_is_added_once_with_the_blank_locations_inventory_accounts(app):
    import pytest as _pytest

    from domain.problems import RejectedError

    masterdata.add_location(app, "WEST", "Vestlager")
    with _pytest.raises(RejectedError) as err:
        masterdata.add_location(app, "WEST")
    assert err.value.rejected.codes == ["LOCATION-EXISTS"]
    with app.uow() as s:
        setups = s.scalars(select(InventoryPostingSetup).where(InventoryPostingSetup.location_code == "WEST"))
        assert {x.inventory_account for x in setups} == {"1460"}


def test_specific_costing_follows_serial_and_lot_numbers(app):
    masterdata.add_item(app, {"no": "SER", "description": "Serial item", "costing_method": "specific"})
    post = item_journal.post_journal
    receipts = post(app, [row("purchase", "SER", "1", "100.00", serial_no="SN-1"),
                          row("purchase", "SER", "1", "130.00", serial_no="SN-2"),
                          row("purchase", "SER", "5", "10.00", lot_no="LOT-A"),
                          row("purchase", "SER", "5", "12.00", lot_no="LOT-B")]).item_entries
    assert len(receipts) == 4
    assert cost_of_sale(app, "SER", "1", serial_no="SN-2") == D("-130.00")
    assert cost_of_sale(app, "SER", "3", lot_no="LOT-B") == D("-36.00")
    refused = post(app, [row("purchase", "SER", "2", "1", serial_no="SN-9"),
                         row("purchase", "SER", "1", "1", serial_no="SN-1"),
                         row("sale", "SER", "1", serial_no="SN-404")])
    assert {(p.code, p.field) for p in refused.problems} >= {
        ("IJ-SERIAL-QUANTITY-NOT-ONE", "rows[1].quantity"), ("IJ-SERIAL-ON-HAND", "rows[2].serial_no")}
    sold = post(app, [row("sale", "SER", "1", serial_no="SN-404")])
    assert sold.codes == ["INV-SPECIFIC-NEEDS-APPLICATION"]
    assert "serial SN-404" in sold.problems[0].message()
