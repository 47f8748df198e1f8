"""Purchase for a sale and drop shipments on SQLite and PostgreSQL."""

from decimal import Decimal as D

from sqlalchemy import func, select

from domain.inventory import journal as item_journal
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry
from domain.problems import Rejected
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale


def stock(app, item, qty, cost="100"):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": item,
                                     "location": "MAIN", "quantity": qty, "unit_cost": cost}])


def sales_order(app, lines, customer="C10000"):
    return sales_documents.create_document(app, {
        "document_type": "order", "customer_no": customer, "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": no, "quantity": qty, "unit_price": "500", "location": "MAIN", **extra}
            for no, qty, extra in lines]})


def on_hand(app, item):
    with app.uow() as s:
        return s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == item)) or D(0)


def test_purchase_order_proposal_orders_only_the_missing_quantity_one_order_per_vendor(app):
    stock(app, "1000", "5")  # 1000 and 1100 come from V10000, 1400 from V30000
    sales_order(app, [("1000", "2", {})])  # other demand for 1000: 2
    purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000", "lines": [
        {"type": "item", "no": "1100", "quantity": "3", "direct_unit_cost": "200", "location": "MAIN"}]})
    order = sales_order(app, [("1000", "4", {}), ("1100", "3", {}), ("1400", "2", {})])
    proposal = purchase_for_sale.create_purchase_orders(app, order, dry_run=True)
    assert [(p["item_no"], p["vendor_no"], p["quantity"]) for p in proposal] == [
        ("1000", "V10000", D(1)),  # 5 on hand - 2 other demand = 3 available of 4
        ("1100", "V10000", D(0)),  # 3 scheduled receipts cover it: shown, not ordered
        ("1400", "V30000", D(2))]
    created = purchase_for_sale.create_purchase_orders(app, order, overrides={3: D(5)})
    assert [(c["vendor_no"], [(x["item_no"], x["quantity"]) for x in c["lines"]]) for c in created] == [
        ("V10000", [("1000", D(1))]), ("V30000", [("1400", D(5))])]


def test_drop_shipment_passes_through_without_changing_stock_and_invoices_after_the_sale(app):
    stock(app, "1400", "3", "2000")
    order = sales_order(app, [("1400", "2", {"drop_shipment": True})])
    created = purchase_for_sale.create_purchase_orders(app, order)
    po = created[0]["purchase_order_no"]
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == po))
        assert header.ship_to_customer_no == "C10000" and header.lines[0].drop_shipment
    shipped = sales_posting.ship(app, order)
    assert shipped.shipment_no
    assert on_hand(app, "1400") == D(3)
    with app.uow() as s:
        sale = s.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.entry_type == "sale")).one()
        purchase = s.get(ItemLedgerEntry, sale.applies_to_entry)
        assert purchase.document_no.startswith("PRCPT-") and not purchase.open
        application = s.scalars(select(ItemApplicationEntry).where(
            ItemApplicationEntry.outbound_item_entry_no == sale.entry_no)).one()
        assert application.fixed and application.inbound_item_entry_no == purchase.entry_no
    too_early = purchase_orders.invoice(app, po, "DS-1")
    assert isinstance(too_early, Rejected) and too_early.codes == ["PURCH-DROP-SHIPMENT-SALES-NOT-INVOICED"]
    assert sales_posting.invoice(app, order).invoice_no
    assert isinstance(purchase_orders.invoice(app, po, "DS-1"), purchase_posting.PostResult)
    assert on_hand(app, "1400") == D(3)


def test_create_purchase_invoice_copies_the_chosen_lines_with_the_full_quantity(app):
    order = sales_order(app, [("1000", "4", {}), ("1100", "3", {}), ("1400", "2", {})])
    no = purchase_for_sale.create_purchase_invoice(app, order, "V30000", [1, 3])
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        assert header.vendor_no == "V30000" and header.document_type == "invoice"
        assert [(line.no, line.quantity) for line in header.lines] == [("1000", D(4)), ("1400", D(2))]
