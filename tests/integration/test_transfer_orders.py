"""Transfer orders through an in-transit location (BC Transfer Orders), SQLite and PostgreSQL:
partial shipments and receipts, the cost carried by cost adjustment, the refusals."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from domain.costing import adjustment as cost_adjustment
from domain.costing import reports as costing_reports
from domain.inventory import transfers
from domain.inventory.model import TransferHeader
from domain.ledger.model import ItemLedgerEntry
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.setup import masterdata
from tests.support.costing import costs, new_item, post, row
from tests.support.documents import invoice


@pytest.fixture
def sites(app):
    masterdata.add_location(app, "EAST", "Østlager")
    masterdata.add_location(app, "TRANSIT", "På veien", in_transit=True)
    return app


def order(app, item, qty="10", **extra):
    data = {"from_location": "MAIN", "to_location": "EAST", "in_transit_location": "TRANSIT",
            "shipment_date": "2026-11-05", "lines": [{"item_no": item, "quantity": qty}], **extra}
    result = transfers.import_order(app, data)
    assert isinstance(result, str), result
    return result


def on_hand(app, item) -> dict[str, D]:
    ile = ItemLedgerEntry
    with app.uow() as s:
        rows = s.execute(select(ile.location_code, func.sum(ile.quantity)).where(ile.item_no == item)
                         .group_by(ile.location_code)).all()
    return {location: qty for location, qty in rows if qty}


def value_by_location(app, item) -> dict[str, D]:
    ile = ItemLedgerEntry
    with app.uow() as s:
        located = dict(s.execute(select(ile.entry_no, ile.location_code).where(ile.item_no == item)).all())
    value: dict[str, D] = {}
    for entry, cost in costs(app, item).items():
        value[located[entry]] = value.get(located[entry], D(0)) + cost
    return value


def reconciled(app) -> bool:
    return all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))


def test_a_partial_shipment_and_two_receipts_move_the_goods_through_in_transit(sites):
    app = sites
    item = new_item(app, "TRF1", "fifo")
    post(app, row("purchase", item, 10, "10.00", "2026-11-01"), row("purchase", item, 10, "20.00", "2026-11-02"))
    no = order(app, item, "15")
    assert transfers.ship(app, no, {1: D(12)}).startswith("TS-")
    assert on_hand(app, item) == {"MAIN": D(8), "TRANSIT": D(12)}
    transfers.receive(app, no, {1: D(5)})
    transfers.receive(app, no)  # the rest of what was shipped
    assert on_hand(app, item) == {"MAIN": D(8), "EAST": D(12)}
    line = transfers.show(app, no)["lines"][0]
    assert (line["quantity_shipped"], line["quantity_received"], line["in_transit"]) == (D(12), D(12), D(0))
    transfers.ship(app, no)
    transfers.receive(app, no)
    assert transfers.show(app, no)["status"] == "received"
    assert on_hand(app, item) == {"MAIN": D(5), "EAST": D(15)}
    assert value_by_location(app, item) == {"MAIN": D("100.00"), "TRANSIT": D(0), "EAST": D("200.00")}
    assert reconciled(app)  # FIFO: 5 x 20 left at MAIN; 10 x 10 + 5 x 20 went EAST


def test_the_transfer_entries_carry_the_cost_and_name_the_entry_they_take_it_from(sites):
    app = sites
    item = new_item(app, "TRF2", "fifo")
    post(app, row("purchase", item, 4, "10.00", "2026-11-01"))
    no = order(app, item, "4")
    transfers.ship(app, no)
    transfers.receive(app, no)
    with app.uow() as s:
        entries = s.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.item_no == item)
                            .order_by(ItemLedgerEntry.entry_no)).all()
        shape = [(e.entry_type, e.document_type, e.location_code, e.quantity) for e in entries]
        applies = [e.applies_to_entry for e in entries]
    assert shape == [("purchase", "item_journal", "MAIN", D(4)), ("transfer", "transfer_ship", "MAIN", D(-4)),
                     ("transfer", "transfer_ship", "TRANSIT", D(4)),
                     ("transfer", "transfer_rcpt", "TRANSIT", D(-4)),
                     ("transfer", "transfer_rcpt", "EAST", D(4))]
    assert applies[2] == entries[1].entry_no and applies[3] == entries[2].entry_no
    assert applies[4] == entries[3].entry_no
    assert list(costs(app, item).values()) == [D("40.00"), D("-40.00"), D("40.00"), D("-40.00"), D("40.00")]


def test_a_later_item_charge_on_the_receipt_reaches_the_destination_by_cost_adjustment(sites):
    app = sites
    item = new_item(app, "TRF3", "fifo")
    receipt, = post(app, row("purchase", item, 10, "10.00", "2026-11-02"))
    no = order(app, item, "4")
    transfers.ship(app, no)
    transfers.receive(app, no, {1: D(3)})
    doc = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "50.00",
         "assign_to_entry": receipt}], posting_date="2026-11-10"))
    assert purchase_posting.post_document(app, doc).posted_no
    cost_adjustment.adjust(app)
    assert costs(app, item)[receipt] == D("150.00")
    assert value_by_location(app, item) == {"MAIN": D("90.00"), "TRANSIT": D("15.00"), "EAST": D("45.00")}
    assert cost_adjustment.adjust(app, all_items=True).entries_created == 0
    assert reconciled(app)


def test_lots_travel_with_the_goods_and_partial_shipments_take_the_lots_in_order(sites):
    app = sites
    item = new_item(app, "TRF4", "fifo")
    post(app, row("purchase", item, 3, "10.00", lot_no="L1"), row("purchase", item, 3, "12.00", lot_no="L2"))
    no = order(app, item, "5", lines=[{"item_no": item, "quantity": "5", "tracking": [
        {"lot_no": "L2", "quantity": "3"}, {"lot_no": "L1", "quantity": "2"}]}])
    transfers.ship(app, no, {1: D(4)})
    transfers.ship(app, no)
    transfers.receive(app, no)
    ile = ItemLedgerEntry
    with app.uow() as s:
        east = s.execute(select(ile.lot_no, func.sum(ile.quantity)).where(
            ile.item_no == item, ile.location_code == "EAST").group_by(ile.lot_no)).all()
    assert dict(east) == {"L1": D(2), "L2": D(3)}
    assert on_hand(app, item) == {"MAIN": D(1), "EAST": D(5)}


def refused(result) -> list[str]:
    assert isinstance(result, Rejected), result
    return result.codes


def test_bad_orders_are_refused_with_every_problem_and_nothing_is_written(sites):
    app = sites
    masterdata.add_location(app, "WEST")
    item = new_item(app, "TRF5", "fifo")
    same = transfers.import_order(app, {"from_location": "MAIN", "to_location": "MAIN",
                                        "in_transit_location": "WEST", "shipment_date": "2026-11-05",
                                        "lines": [{"item_no": item, "quantity": "1",
                                                   "tracking": [{"lot_no": "A", "quantity": "2"}]}]})
    assert refused(same) == ["TRANSFER-SAME-LOCATION", "TRANSFER-NOT-IN-TRANSIT", "TRANSFER-TRACKING-QUANTITY"]
    through = transfers.import_order(app, {"from_location": "TRANSIT", "to_location": "EAST",
                                           "in_transit_location": "NOWHERE", "shipment_date": "2026-11-05",
                                           "lines": []})
    assert refused(through) == ["SETUP-UNKNOWN-LOCATION", "TRANSFER-LOCATION-IS-IN-TRANSIT", "TRANSFER-NO-LINES"]
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(TransferHeader)) == 0


def test_shipping_more_than_available_or_outstanding_and_receiving_more_than_shipped_are_refused(sites):
    app = sites
    item = new_item(app, "TRF6", "fifo")
    post(app, row("purchase", item, 3, "10.00"))
    no = order(app, item, "5")
    assert refused(transfers.ship(app, no)) == ["TRANSFER-MORE-THAN-AVAILABLE"]
    assert refused(transfers.ship(app, no, {1: D(6)})) == ["TRANSFER-MORE-THAN-OUTSTANDING"]
    assert refused(transfers.ship(app, no, {2: D(1)})) == ["TRANSFER-UNKNOWN-LINE"]
    assert refused(transfers.receive(app, no)) == ["TRANSFER-NOTHING-TO-RECEIVE"]
    assert on_hand(app, item) == {"MAIN": D(3)}
    transfers.ship(app, no, {1: D(2)})
    assert refused(transfers.receive(app, no, {1: D(3)})) == ["TRANSFER-MORE-THAN-SHIPPED"]
    early = transfers.receive(app, no, posting_date=dt.date(2026, 11, 4))
    assert refused(early) == ["TRANSFER-RECEIPT-BEFORE-SHIPMENT"]
    assert on_hand(app, item) == {"MAIN": D(1), "TRANSIT": D(2)}
    with pytest.raises(DomainError) as missing:
        transfers.ship(app, "TO-999999")
    assert missing.value.code == "TRANSFER-NOT-FOUND"


def test_shipping_needs_the_posting_permission(sites, db_url):
    from tests.conftest import make_app

    item = new_item(sites, "TRF7", "fifo")
    post(sites, row("purchase", item, 1, "10.00"))
    no = order(sites, item, "1")
    auditor = make_app(db_url, user="prefect")  # automation: no inventory.post
    with pytest.raises(DomainError) as denied:
        transfers.ship(auditor, no)
    assert denied.value.code == "AUTH-PERMISSION-DENIED"
    auditor.dispose()


@pytest.mark.parametrize("change, field", [
    ({"shipping_date": "2026-11-10"}, "shipping_date"),
    ({"lines": [{"item_no": "1000", "quantity": "1", "qty_to_ship": "1"}]}, "lines[1].qty_to_ship"),
    ({"lines": [{"item_no": "1000", "quantity": "1", "tracking": [{"lot": "L1", "quantity": "1"}]}]},
     "lines[1].tracking[1].lot"),
])
def test_an_unknown_key_in_a_transfer_order_is_refused_and_nothing_is_written(sites, change, field):
    data = {"from_location": "MAIN", "to_location": "EAST", "in_transit_location": "TRANSIT",
            "shipment_date": "2026-11-10", "lines": [{"item_no": "1000", "quantity": "1"}], **change}
    result = transfers.import_order(sites, data)
    assert isinstance(result, Rejected)
    assert {p.code for p in result.problems} & {"IMPORT-UNKNOWN-KEY", "IMPORT-MISSPELLED-KEY"}
    assert field in {p.field for p in result.problems}
    with sites.uow() as s:
        assert s.scalar(select(func.count()).select_from(TransferHeader)) == 0
