"""Availability by event reads the open order lines with one column query (no ORM objects); on
random orders, SQLite and PostgreSQL, its rows are those of the plain computation: every order
line loaded as an object, filtered in Python, sorted and summed one by one."""

import datetime as dt
import random
from decimal import Decimal as D

from sqlalchemy import select

from domain.inventory import availability as inventory_availability
from domain.inventory import transfers
from domain.purchasing import orders as purchase_orders
from domain.purchasing.model import PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import reservations
from domain.sales.availability import item_availability
from domain.sales.model import SalesHeader
from domain.setup import masterdata
from tests.support.costing import new_item, post, row

ITEMS, LOCATIONS = ("FP1", "FP2"), ("MAIN", "EAST")


def _lines(rng: random.Random, price: str) -> list[dict]:
    return [{"type": "item", "no": rng.choice(ITEMS), "quantity": str(rng.randint(1, 9)), price: "10",
             "location": rng.choice(LOCATIONS)} for _ in range(rng.randint(1, 4))]


def random_orders(app, seed: int) -> None:
    """Purchase and sales orders and quotes on random dates, some received / shipped in part,
    one sales line reserved from stock, one transfer order."""
    rng = random.Random(seed)
    masterdata.add_location(app, "EAST")
    masterdata.add_location(app, "TRANSIT", in_transit=True)
    for item in ITEMS:
        new_item(app, item, "fifo")
        post(app, *(row("purchase", item, 50, "10.00", "2026-11-01", location=code) for code in LOCATIONS))
    day = lambda: (dt.date(2026, 11, 21) + dt.timedelta(days=rng.randint(0, 40))).isoformat()  # noqa: E731
    purchases, sales = [], []
    for n in range(10):
        kind = "quote" if n == 9 else "order"
        purchases.append(purchase_orders.create_order(app, {
            "document_type": kind, "vendor_no": "V10000", "document_date": day(),
            "lines": _lines(rng, "direct_unit_cost")}) if kind == "order" else None)
        date = day()
        sales.append(sales_documents.create_document(app, {
            "document_type": kind, "customer_no": "C10000", "document_date": date, "posting_date": date,
            "lines": _lines(rng, "unit_price")}))
    for result in (purchase_orders.receive(app, purchases[0], {1: D(1)}),
                   sales_posting.ship(app, sales[1], {1: D(1)}, posting_date=dt.date(2026, 11, 20))):
        assert not hasattr(result, "problems"), result
    assert not hasattr(reservations.reserve(app, sales[2], 1, D(1)), "problems")
    no = transfers.import_order(app, {"from_location": "MAIN", "to_location": "EAST",
                                      "in_transit_location": "TRANSIT", "shipment_date": day(),
                                      "lines": [{"item_no": "FP1", "quantity": "4"}]})
    transfers.ship(app, no, {1: D(1)})


def plain_rows(app, item: str, location: str | None) -> list[dict]:
    with app.uow() as session:
        on_hand = inventory_availability.on_hand(session, item, location)
        held = reservations.reserved_by_document(session, item)
        events = []
        for header in session.scalars(select(PurchaseHeader)):
            for line in header.lines:
                if (header.document_type == "order" and header.status != "closed" and line.type == "item"
                        and line.no == item and not line.drop_shipment and line.quantity > line.quantity_received
                        and location in (None, line.location_code)):
                    events.append((header.document_date, "purchase_order", header.no, line.line_no,
                                   line.location_code, line.quantity - line.quantity_received))
        for header in session.scalars(select(SalesHeader)):
            for line in header.lines:
                if (header.document_type == "order" and header.status in ("open", "released")
                        and line.type == "item" and line.no == item and not line.drop_shipment
                        and line.quantity > line.quantity_shipped and location in (None, line.location_code)):
                    events.append((header.document_date, "sales_order", header.no, line.line_no,
                                   line.location_code, -(line.quantity - line.quantity_shipped)))
        events += [(e.date, e.source, e.document_no, e.line_no, e.location, e.quantity)
                   for e in inventory_availability.transfer_events(session, item, location)]
    rows, balance = [], on_hand
    for date, source, no, line_no, loc, qty in sorted(events, key=lambda e: (e[0], e[5] < 0, e[2], e[3])):
        balance += qty
        rows.append({"date": date, "source": source, "document_no": no, "line_no": line_no, "location": loc,
                     "scheduled_receipt": max(qty, D(0)), "gross_requirement": max(-qty, D(0)),
                     "reserved": held.get((source, no, line_no), D(0)), "projected_available": balance})
    return rows


def test_availability_by_event_of_random_orders_is_the_plain_computation(app):
    random_orders(app, seed=15)
    seen = 0
    for item in ITEMS:
        for location in (*LOCATIONS, None):
            got = item_availability(app, item, location, "event")
            assert got["rows"] == plain_rows(app, item, location), (item, location)
            seen += len(got["rows"])
    assert seen > 20  # the random orders made events at every item and location
    reserved = [r for item in ITEMS for r in item_availability(app, item, "MAIN", "event")["rows"]
                if r["reserved"] != D(0)]
    assert len(reserved) == 1 and reserved[0]["source"] == "sales_order"
