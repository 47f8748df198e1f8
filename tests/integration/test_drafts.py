"""Drafts you can fix (issue 17, item 1) on SQLite and PostgreSQL: lines added, removed and changed
on purchase and sales drafts and orders, checked by the import's own rules and audited; a draft
deleted without its number coming back; a sales order's posting date changed so that it ships."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals.model import ApprovalAuditEvent
from domain.inventory import journal as item_journal
from domain.ledger.model import ItemLedgerEntry
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import lines as purchase_lines
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales import lines as sales_lines
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader, SalesHeader
from domain.setup import masterdata
from tests.support.approvals import as_user, configure_example
from tests.support.documents import gl_line, invoice, item_line


def refused(fn, *args) -> list[str]:
    with pytest.raises(DomainError) as exc:
        fn(*args)
    rejected = getattr(exc.value, "rejected", None)
    return rejected.codes if rejected else [exc.value.code]


def purchase(app, no):
    with app.uow() as s:
        h = purchase_documents.get_document(s, no)
        return h, [(x.line_no, x.type, x.no, x.quantity, x.direct_unit_cost, x.line_discount_pct, x.location_code)
                   for x in h.lines]


def sales(app, no):
    with app.uow() as s:
        h = sales_documents.get_document(s, no)
        return h, [(x.line_no, x.type, x.no, x.quantity, x.unit_price, x.qty_to_ship, x.qty_to_invoice)
                   for x in h.lines]


def audit(app, no) -> list[tuple]:
    with app.uow() as s:
        return [(e.action, e.code) for e in s.scalars(select(ApprovalAuditEvent).where(
            ApprovalAuditEvent.document_no == no).order_by(ApprovalAuditEvent.id))]


def stock(app, qty="10"):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1000",
                                     "location": "MAIN", "quantity": qty, "unit_cost": "100"}])


def sales_order(app, qty="6", **header) -> str:
    return sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", **header,
        "lines": [{"type": "item", "no": "1000", "quantity": qty, "unit_price": "200", "location": "MAIN"}]})


# --- purchase -----------------------------------------------------------------------------------


def test_lines_are_added_changed_and_removed_on_a_purchase_invoice_and_each_edit_is_a_new_audited_version(app):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "1000.00")]))
    added = purchase_lines.add_line(app, no, {"type": "item", "no": "1000", "quantity": "2",
                                              "direct_unit_cost": "50", "location": "MAIN"})
    assert (added.line_no, added.version, added.status) == (2, 2, "open")
    purchase_lines.set_line(app, no, 2, {"quantity": "3", "line_discount_pct": "10"})
    purchase_lines.set_line(app, no, 1, {"type": "item", "no": "1100"})  # the new card's cost and groups
    header, lines = purchase(app, no)
    assert header.version == 4
    assert lines[1] == (2, "item", "1000", D(3), D(50), D(10), "MAIN")
    assert lines[0][:4] == (1, "item", "1100", D(1)) and header.lines[0].vat_prod_posting_group
    purchase_lines.remove_line(app, no, 1)
    assert [x[0] for x in purchase(app, no)[1]] == [2]
    assert [a for a, _ in audit(app, no)] == ["edit"] * 4
    posted = purchase_posting.post_document(app, no)
    assert posted.posted_no.startswith("PPI-")


@pytest.mark.parametrize("changes, codes", [
    ({"quantity": "0"}, ["PURCH-ZERO-QUANTITY"]),
    ({"quantity": "-1"}, ["PURCH-NEGATIVE-QUANTITY"]),
    ({"line_discount_pct": "100.5"}, ["PURCH-LINE-DISCOUNT-OUT-OF-RANGE"]),
    ({"direct_unit_cost": "-1"}, ["PURCH-NEGATIVE-UNIT-COST"]),
    ({"location": "NOPE"}, ["SETUP-UNKNOWN-LOCATION"]),
    ({"quantity": "many"}, ["IMPORT-INVALID-NUMBER"]),
    ({"colour": "red"}, ["IMPORT-UNKNOWN-KEY"]),
    ({"no": "NOPE"}, ["PURCH-UNKNOWN-ITEM", "IMPORT-MISSING-FIELD", "IMPORT-MISSING-FIELD"]),
    ({"type": "gl_account", "no": "9999"}, ["SETUP-UNKNOWN-ACCOUNT", "IMPORT-MISSING-FIELD",
                                            "IMPORT-MISSING-FIELD"]),
])
def test_a_bad_line_change_is_refused_with_the_imports_codes_audited_and_nothing_written(app, changes, codes):
    no = purchase_documents.create_document(app, invoice())
    before = purchase(app, no)[1]
    assert refused(purchase_lines.set_line, app, no, 1, changes) == codes
    assert purchase(app, no)[1] == before and purchase(app, no)[0].version == 1
    assert audit(app, no) == [("refuse", codes[0])]


def test_a_blocked_item_an_unknown_line_and_an_unknown_document_are_refused(app):
    no = purchase_documents.create_document(app, invoice())
    with app.uow() as s:
        from domain.setup.model.cards import Item
        s.get(Item, "1100").blocked = True
    assert refused(purchase_lines.add_line, app, no, {"type": "item", "no": "1100", "quantity": "1"}) == [
        "PURCH-ITEM-BLOCKED"]
    assert refused(purchase_lines.remove_line, app, no, 9) == ["PURCH-LINE-NOT-FOUND"]
    assert refused(purchase_lines.set_line, app, no, 9, {"quantity": "1"}) == ["PURCH-LINE-NOT-FOUND"]
    assert refused(purchase_lines.delete_document, app, "PI-999999") == ["PURCH-DOCUMENT-NOT-FOUND"]


def test_a_draft_left_without_lines_cannot_post(app):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line()]))
    purchase_lines.remove_line(app, no, 1)
    assert purchase_posting.post_document(app, no).codes == ["PURCH-NOTHING-TO-POST"]


def test_a_posted_document_is_not_edited_nor_deleted(app):
    no = purchase_documents.create_document(app, invoice())
    purchase_posting.post_document(app, no)
    assert refused(purchase_lines.add_line, app, no, item_line()) == ["PURCH-DOCUMENT-POSTED"]
    assert refused(purchase_lines.remove_line, app, no, 1) == ["PURCH-DOCUMENT-POSTED"]
    assert refused(purchase_lines.delete_document, app, no) == ["PURCH-DOCUMENT-POSTED"]


def test_a_deleted_draft_is_gone_its_number_is_not_reused_and_the_deletion_is_audited(app):
    first = purchase_documents.create_document(app, invoice())
    assert purchase_lines.delete_document(app, first) == first
    with app.uow() as s:
        assert s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == first)) is None
    second = purchase_documents.create_document(app, invoice())
    assert second != first and second > first
    assert audit(app, first) == [("delete", None)]


def test_a_draft_pending_approval_is_locked_and_a_released_one_is_reopened_with_its_approval_voided(app):
    configure_example(app, auto_post=False)
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "6000.00")]))  # PI-LARGE
    approvals.send_request(app, no)
    assert refused(purchase_lines.add_line, app, no, gl_line()) == ["APPROVAL-DOCUMENT-LOCKED"]
    assert refused(purchase_lines.set_line, app, no, 1, {"quantity": "2"}) == ["APPROVAL-DOCUMENT-LOCKED"]
    assert refused(purchase_lines.delete_document, app, no) == ["APPROVAL-DOCUMENT-LOCKED"]
    approvals_decide.approve(as_user(app, "ola"), no)
    assert purchase(app, no)[0].status == "released"
    result = purchase_lines.set_line(app, no, 1, {"direct_unit_cost": "6500"})
    assert (result.status, result.approval_voided) == ("open", True)
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-REQUIRED"]


def test_a_received_order_line_keeps_its_item_cannot_go_below_the_received_quantity_nor_be_removed(app):
    po = purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000",
                                            "document_date": "2026-11-20", "posting_date": "2026-11-20",
                                            "lines": [item_line("1000", "10", "100")]})
    purchase_orders.receive(app, po, {1: D(4)})
    assert refused(purchase_lines.remove_line, app, po, 1) == ["PURCH-LINE-RECEIVED"]
    assert refused(purchase_lines.set_line, app, po, 1, {"quantity": "3"}) == ["PURCH-QUANTITY-BELOW-RECEIVED"]
    assert refused(purchase_lines.set_line, app, po, 1, {"no": "1100"}) == ["PURCH-LINE-RECEIVED"]
    assert refused(purchase_lines.delete_document, app, po) == ["PURCH-DOCUMENT-PARTLY-POSTED"]
    assert refused(purchase_lines.add_line, app, po, {"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                                      "direct_unit_cost": "10"}) == [
        "PURCH-ORDER-CHARGE-NOT-SUPPORTED"]
    purchase_lines.set_line(app, po, 1, {"quantity": "6", "direct_unit_cost": "110"})
    added = purchase_lines.add_line(app, po, item_line("1100", "2", "30"))
    with app.uow() as s:
        lines = purchase_documents.get_document(s, po).lines
        assert [(x.quantity, x.qty_to_receive, x.quantity_received) for x in lines] == [
            (D(6), D(2), D(4)), (D(2), D(2), D(0))]
    assert added.line_no == 2
    purchase_orders.receive(app, po)
    with app.uow() as s:
        assert sorted(e.quantity for e in s.scalars(select(ItemLedgerEntry))) == [D(2), D(2), D(4)]


def test_a_charge_line_is_added_with_its_assignment_and_reassigned(app):
    no = purchase_documents.create_document(app, invoice(lines=[item_line("1000", "2", "100")]))
    purchase_posting.post_document(app, no)
    with app.uow() as s:
        entry = s.scalar(select(ItemLedgerEntry.entry_no))
    draft = purchase_documents.create_document(app, invoice(lines=[gl_line()]))
    purchase_lines.add_line(app, draft, {"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                         "direct_unit_cost": "80", "assign_to_entries": [str(entry)]})
    purchase_lines.set_line(app, draft, 2, {"assignment_method": "by_amount", "direct_unit_cost": "90"})
    with app.uow() as s:
        line = purchase_documents.get_document(s, draft).lines[1]
        assert [(a.item_ledger_entry_no, a.method) for a in line.charge_assignments] == [(entry, "by_amount")]
        assert line.direct_unit_cost == D(90)
    assert purchase_posting.post_document(app, draft).posted_no


# --- sales --------------------------------------------------------------------------------------


def test_sales_order_lines_are_added_changed_and_removed_with_qty_to_ship_following(app):
    so = sales_order(app)
    assert sales_lines.add_line(app, so, {"type": "gl_account", "no": "3000", "quantity": "1",
                                          "unit_price": "100"}).line_no == 2
    sales_lines.set_line(app, so, 1, {"quantity": "4", "unit_price": "210"})
    _, lines = sales(app, so)
    assert lines[0] == (1, "item", "1000", D(4), D(210), D(4), D(4))
    sales_lines.remove_line(app, so, 2)
    assert [x[0] for x in sales(app, so)[1]] == [1]
    assert refused(sales_lines.set_line, app, so, 1, {"unit_price": "-1"}) == ["SALES-NEGATIVE-UNIT-PRICE"]
    assert refused(sales_lines.set_line, app, so, 1, {"quantity": "0"})[0] == "SALES-ZERO-QUANTITY"
    assert refused(sales_lines.add_line, app, so, {"type": "charge_item", "no": "FREIGHT", "quantity": "1"}
                   )[0] == "IMPORT-INVALID-CHOICE"
    assert refused(sales_lines.remove_line, app, so, 7) == ["SALES-LINE-NOT-FOUND"]


def test_a_shipped_sales_line_stays_and_the_order_cannot_be_deleted(app):
    stock(app)
    so = sales_order(app)
    sales_posting.ship(app, so, {1: D(2)})
    assert refused(sales_lines.remove_line, app, so, 1) == ["SALES-LINE-SHIPPED"]
    assert refused(sales_lines.set_line, app, so, 1, {"quantity": "1"}) == ["SALES-QUANTITY-BELOW-SHIPPED"]
    assert refused(sales_lines.set_line, app, so, 1, {"location": ""}) == ["SALES-LINE-SHIPPED"]
    assert refused(sales_lines.delete_document, app, so) == ["SALES-DOCUMENT-PARTLY-POSTED"]
    sales_lines.set_line(app, so, 1, {"quantity": "3"})
    assert sales(app, so)[1][0][5:] == (D(1), D(3))
    assert sales_posting.post(app, so).closed


def test_a_sales_quote_and_invoice_are_deleted_and_a_converted_quote_is_not_changed(app):
    quote = sales_documents.create_document(app, {"document_type": "quote", "customer_no": "C10000",
                                                  "lines": [{"type": "item", "no": "1000", "quantity": "1"}]})
    order = sales_documents.make_order(app, quote)
    assert refused(sales_lines.add_line, app, quote, {"type": "item", "no": "1000", "quantity": "1"}) == [
        "SALES-NOT-AN-OPEN-QUOTE"]
    assert sales_lines.delete_document(app, order) == order
    with app.uow() as s:
        assert s.scalar(select(SalesHeader).where(SalesHeader.no == order)) is None


def test_an_order_dated_before_the_allowed_range_ships_once_its_posting_date_is_changed(app):
    stock(app)
    so = sales_order(app)
    masterdata.set_posting_range(app, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert isinstance(rejected := sales_posting.ship(app, so), Rejected)
    assert rejected.codes == ["POST-DATE-NOT-ALLOWED"]
    result = sales_lines.set_header(app, so, {"posting_date": "2026-12-02", "document_date": "2026-12-02"})
    assert result.version == 2
    header, _ = sales(app, so)
    assert (header.posting_date, header.document_date) == (dt.date(2026, 12, 2), dt.date(2026, 12, 2))
    assert header.due_date > header.document_date  # moved by the payment terms
    shipped = sales_posting.post(app, so)
    with app.uow() as s:
        posted = s.scalars(select(PostedSalesHeader).where(PostedSalesHeader.no.in_(
            (shipped.shipment_no, shipped.invoice_no)))).all()
        assert {p.posting_date for p in posted} == {dt.date(2026, 12, 2)}


@pytest.mark.parametrize("changes, code", [
    ({"posting_date": "2026-13-01"}, "IMPORT-INVALID-DATE"),
    ({"posting_date": ""}, "IMPORT-MISSING-FIELD"),
    ({"customer_no": "C20000"}, "SALES-EDIT-UNKNOWN-FIELD"),
    ({"due_date": "2026-11-01"}, "SALES-DUE-BEFORE-DOCUMENT-DATE"),
    ({"exchange_rate": "-1"}, "SALES-NEGATIVE-EXCHANGE-RATE"),
])
def test_a_bad_sales_header_change_is_refused_and_nothing_is_written(app, changes, code):
    so = sales_order(app)
    before = sales(app, so)[0].posting_date
    assert refused(sales_lines.set_header, app, so, changes) == [code]
    header, _ = sales(app, so)
    assert (header.posting_date, header.version) == (before, 1)


def test_a_posted_sales_invoice_is_not_changed(app):
    stock(app)
    si = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": "C10000",
                                               "lines": [{"type": "item", "no": "1000", "quantity": "1",
                                                          "location": "MAIN"}]})
    sales_posting.post(app, si)
    assert refused(sales_lines.set_header, app, si, {"posting_date": "2026-11-21"}) == ["SALES-DOCUMENT-POSTED"]
    assert refused(sales_lines.delete_document, app, si) == ["SALES-DOCUMENT-POSTED"]
    assert refused(sales_lines.remove_line, app, si, 1) == ["SALES-DOCUMENT-POSTED"]


def test_shipping_and_receiving_with_a_posting_date_redate_the_order_in_the_same_transaction(app):
    stock(app)
    so = sales_order(app)
    po = purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000",
                                            "document_date": "2026-11-20", "posting_date": "2026-11-20",
                                            "lines": [item_line("1000", "10", "100")]})
    masterdata.set_posting_range(app, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    too_early = sales_posting.ship(app, so, posting_date=dt.date(2026, 11, 30))
    assert too_early.codes == ["POST-DATE-NOT-ALLOWED"]
    assert sales(app, so)[0].posting_date == dt.date(2026, 11, 20)  # refused: the date did not change
    shipped = sales_posting.ship(app, so, {1: D(2)}, posting_date=dt.date(2026, 12, 3))
    invoiced = sales_posting.invoice(app, so)  # later postings keep the order's (changed) date
    with app.uow() as s:
        dates = {p.no: p.posting_date for p in s.scalars(select(PostedSalesHeader))}
    assert dates == {shipped.shipment_no: dt.date(2026, 12, 3), invoiced.invoice_no: dt.date(2026, 12, 3)}
    assert sales(app, so)[0].version == 2 and ("edit", None) in audit(app, so)
    receipt = purchase_orders.receive(app, po, posting_date=dt.date(2026, 12, 4))
    invoice_no = purchase_orders.invoice(app, po, "F-77").posted_no
    with app.uow() as s:
        entries = s.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.document_no == receipt.posted_no)).all()
        assert {e.posting_date for e in entries} == {dt.date(2026, 12, 4)}
        assert s.scalar(select(PurchaseHeader.posting_date).where(PurchaseHeader.no == po)) == dt.date(2026, 12, 4)
    assert invoice_no.startswith("PPI-")


def test_a_posting_date_given_to_an_approved_order_needs_a_new_approval_and_changes_nothing(app):
    configure_example(app, auto_post=False)
    po = purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000",
                                            "document_date": "2026-11-20", "posting_date": "2026-11-20",
                                            "lines": [item_line("1000", "10", "6000")]})  # PO-LARGE
    approvals.send_request(app, po)
    approvals_decide.approve(as_user(app, "ola"), po)
    approvals_decide.approve(as_user(app, "admin"), po)
    assert purchase_orders.receive(app, po, posting_date=dt.date(2026, 11, 25)).codes == ["APPROVAL-REQUIRED"]
    header, _ = purchase(app, po)
    assert (header.posting_date, header.status, header.version) == (dt.date(2026, 11, 20), "released", 1)
    assert purchase_orders.receive(app, po).posted_no  # the approval still counts for the order as approved


def test_purchase_set_refuses_an_unknown_location_on_a_line_as_the_import_does(app):
    from domain.purchasing import edit as purchase_edit
    no = purchase_documents.create_document(app, invoice())
    assert refused(purchase_edit.edit_document, app, no, {"location": "NOPE"}, 1) == ["SETUP-UNKNOWN-LOCATION"]
    assert purchase(app, no)[1][0][6] == "MAIN"


def test_a_sales_draft_left_without_lines_cannot_post_nor_ship(app):
    si = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": "C10000",
                                               "lines": [{"type": "gl_account", "no": "3000", "quantity": "1",
                                                          "unit_price": "100"}]})
    so = sales_order(app)
    sales_lines.remove_line(app, si, 1)
    sales_lines.remove_line(app, so, 1)
    assert sales_posting.post(app, si).codes == ["SALES-NOTHING-TO-INVOICE"]
    assert sales_posting.ship(app, so).codes == ["SALES-NOTHING-TO-SHIP"]


def test_drop_shipment_lines_linked_across_orders_are_not_changed_removed_or_deleted(app):
    from domain.sales import purchase_for_sale
    so = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-20",
        "lines": [{"type": "item", "no": "1400", "quantity": "2", "unit_price": "500", "location": "MAIN",
                   "drop_shipment": True}]})
    po = purchase_for_sale.create_purchase_orders(app, so)[0]["purchase_order_no"]
    assert refused(purchase_lines.set_line, app, po, 1, {"quantity": "1"}) == ["PURCH-LINE-LINKED-TO-SALES-ORDER"]
    assert refused(purchase_lines.remove_line, app, po, 1) == ["PURCH-LINE-LINKED-TO-SALES-ORDER"]
    assert refused(purchase_lines.delete_document, app, po) == ["PURCH-LINE-LINKED-TO-SALES-ORDER"]
    assert refused(sales_lines.set_line, app, so, 1, {"quantity": "1"}) == ["SALES-LINE-LINKED-TO-PURCHASE-ORDER"]
    assert refused(sales_lines.delete_document, app, so) == ["SALES-LINE-LINKED-TO-PURCHASE-ORDER"]
    sales_lines.set_header(app, so, {"external_document_no": "KUNDE-7"})  # the header may still change
    assert sales(app, so)[0].external_document_no == "KUNDE-7"
