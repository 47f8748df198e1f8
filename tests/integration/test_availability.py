"""Item availability by event and by period (BC Item Availability by Event / Period), SQLite
and PostgreSQL: on hand, purchase orders, sales orders and transfer orders (goods in transit
count at their destination)."""

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from domain.inventory import transfers
from domain.purchasing import orders as purchase_orders
from domain.sales import documents as sales_documents
from domain.sales.availability import item_availability
from domain.setup import masterdata
from flows.cli import app as cli
from tests.support.costing import new_item, post, row


def supply_and_demand(app, item):
    masterdata.add_location(app, "EAST")
    masterdata.add_location(app, "TRANSIT", in_transit=True)
    post(app, row("purchase", item, 10, "10.00", "2026-11-01"))
    purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-12",
                                       "lines": [{"type": "item", "no": item, "quantity": "5",
                                                  "direct_unit_cost": "10", "location": "MAIN"}]})
    sales_documents.create_document(app, {"document_type": "order", "customer_no": "C10000",
                                          "document_date": "2026-11-25", "posting_date": "2026-11-25",
                                          "lines": [{"type": "item", "no": item, "quantity": "8", "unit_price": "20",
                                                     "location": "MAIN"}]})
    no = transfers.import_order(app, {"from_location": "MAIN", "to_location": "EAST",
                                      "in_transit_location": "TRANSIT", "shipment_date": "2026-11-15",
                                      "lines": [{"item_no": item, "quantity": "4"}]})
    transfers.ship(app, no, {1: D(1)})
    return no


def test_by_event_projects_the_balance_through_each_receipt_and_demand_in_date_order(app):
    item = new_item(app, "AV1", "fifo")
    no = supply_and_demand(app, item)
    main = item_availability(app, item, "MAIN", "event")
    assert main["on_hand"] == D(9)
    assert [(r["date"], r["source"], r["scheduled_receipt"], r["gross_requirement"], r["projected_available"])
            for r in main["rows"]] == [
        (dt.date(2026, 11, 12), "purchase_order", D(5), D(0), D(14)),
        (dt.date(2026, 11, 15), "transfer_out", D(0), D(3), D(11)),
        (dt.date(2026, 11, 25), "sales_order", D(0), D(8), D(3))]
    east = item_availability(app, item, "EAST", "event")
    assert (east["on_hand"], east["projected_available"]) == (D(0), D(4))  # 1 in transit + 3 still to ship
    assert east["rows"][0]["document_no"] == no
    total = item_availability(app, item, None, "event")
    assert (total["on_hand"], total["projected_available"]) == (D(10), D(7))  # transfers do not change the total


def test_by_period_sums_receipts_and_requirements_per_week_and_month(app):
    item = new_item(app, "AV2", "fifo")
    supply_and_demand(app, item)
    weeks = item_availability(app, item, "MAIN", "week")["rows"]
    assert [(r["period_start"], r["scheduled_receipts"], r["gross_requirement"], r["projected_available"])
            for r in weeks] == [(dt.date(2026, 11, 9), D(5), D(3), D(11)), (dt.date(2026, 11, 23), D(0), D(8), D(3))]
    months = item_availability(app, item, "MAIN", "month")["rows"]
    assert [(r["period_start"], r["period_end"], r["projected_available"]) for r in months] == [
        (dt.date(2026, 11, 1), dt.date(2026, 11, 30), D(3))]


def test_the_availability_report_through_the_cli_keeps_its_old_form_and_adds_by(db_url, app):
    item = new_item(app, "AV3", "fifo")
    supply_and_demand(app, item)
    runner = CliRunner()
    old = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "availability", "--item", item, "--json"])
    assert old.exit_code == 0, old.output
    assert set(json.loads(old.output)[0]) == {"item_no", "location", "on_hand", "other_demand", "scheduled_receipts",
                                              "available", "reserved", "available_inventory"}  # + reservations
    new = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "availability", "--item", item,
                              "--location", "MAIN", "--by", "event", "--json"])
    assert new.exit_code == 0, new.output
    assert json.loads(new.output)["projected_available"] == "3.00000"
    bad = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "availability", "--item", item,
                              "--by", "year"])
    assert bad.exit_code == 2 and "IMPORT-INVALID-CHOICE" in bad.output


def test_the_report_over_every_item_equals_the_per_item_figures(app):
    from domain.sales import reports as sales_reports
    from domain.sales.purchase_for_sale import availability

    item = new_item(app, "AV9", "fifo")
    supply_and_demand(app, item)
    rows = sales_reports.availability(app, None, "MAIN")
    with app.uow() as session:
        expected = [availability(session, r["item_no"], "MAIN") for r in rows]
    assert rows == expected
    mine = next(r for r in rows if r["item_no"] == item)
    assert (mine["on_hand"], mine["other_demand"], mine["scheduled_receipts"]) == (D(9), D(8), D(5))


def test_open_invoices_credit_memos_and_return_orders_count_in_availability(app):
    """Drafts move stock when they post: a purchase invoice is supply, a sales invoice demand, a
    sales credit memo or return order supply, a purchase return order demand (BC counts the return
    orders too); a posted one and lines already received are left out."""
    from domain.purchasing import documents as purchase_documents
    from domain.purchasing import returns as purchase_returns
    from domain.sales.reports import availability as all_items

    item = new_item(app, "AV9", "fifo")
    post(app, row("purchase", item, 10, "10.00", "2026-11-01"))
    line = {"type": "item", "no": item, "location": "MAIN"}
    purchase_documents.create_document(app, {"document_type": "invoice", "vendor_no": "V10000", "vendor_invoice_no": "AV9-1",
                                             "posting_date": "2026-11-21",
                                             "lines": [{**line, "quantity": "6", "direct_unit_cost": "10"}]})
    sales_documents.create_document(app, {"document_type": "invoice", "customer_no": "C10000",
                                          "posting_date": "2026-11-22",
                                          "lines": [{**line, "quantity": "4", "unit_price": "20"}]})
    sales_documents.create_document(app, {"document_type": "credit_memo", "customer_no": "C10000",
                                          "posting_date": "2026-11-23",
                                          "lines": [{**line, "quantity": "1", "unit_price": "20"}]})
    purchase_returns.create_return_order(app, {"document_type": "return_order", "vendor_no": "V10000",
                                               "document_date": "2026-11-24",
                                               "lines": [{**line, "quantity": "2", "direct_unit_cost": "10"}]})
    main = item_availability(app, item, "MAIN", "event")
    assert [(r["source"], r["scheduled_receipt"], r["gross_requirement"], r["projected_available"])
            for r in main["rows"]] == [
        ("purchase_invoice", D(6), D(0), D(16)), ("sales_invoice", D(0), D(4), D(12)),
        ("sales_credit_memo", D(1), D(0), D(13)), ("purchase_return_order", D(0), D(2), D(11))]
    figures, = all_items(app, item, "MAIN")
    assert (figures["on_hand"], figures["other_demand"], figures["scheduled_receipts"], figures["available"]) == (
        D(10), D(6), D(7), D(11))  # the same balance as the last event
