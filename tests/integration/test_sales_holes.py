"""Issue 12's sales holes, closed: returns of what the customer bought, serial/lot numbers on sales
lines, the default location, blocked cards at posting and quantities the ledger cannot hold."""

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from domain.inventory import journal as item_journal
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry, ValueEntry
from domain.problems import Rejected, RejectedError
from domain.purchasing import orders as purchase_orders
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup import masterdata
from domain.setup.model.cards import Customer, Item, Vendor
from flows.cli import app as cli
from tests.simulation import harness


def sale(document_type="invoice", lines=None, customer="C10000", **header) -> dict:
    return {"document_type": document_type, "customer_no": customer, "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": lines or [line()], **header}


def line(no="1000", qty="1", price="200.00", **extra) -> dict:
    return {"type": "item", "no": no, "quantity": qty, "unit_price": price, "location": "MAIN", **extra}


def receive(app, item, qty, cost, location="MAIN", **tracking):
    result = item_journal.post_journal(app, [{"posting_date": "2026-11-02", "entry_type": "purchase",
                                              "item_no": item, "location": location, "quantity": qty,
                                              "unit_cost": cost, **tracking}])
    assert not isinstance(result, Rejected), result


def refused_at_import(app, data) -> list[str]:
    before = harness.fingerprint(app)
    with pytest.raises(RejectedError) as err:
        sales_documents.create_document(app, data)
    assert harness.difference(before, harness.fingerprint(app)) == {}
    return err.value.rejected.codes


def refused_at_posting(app, command) -> list[str]:
    before = harness.fingerprint(app)
    result = command()
    assert isinstance(result, Rejected), result
    assert harness.difference(before, harness.fingerprint(app)) == {}
    return result.codes


def entry_of(app, document_no) -> ItemLedgerEntry:
    with app.uow() as s:
        return s.scalar(select(ItemLedgerEntry).where(ItemLedgerEntry.document_no == document_no))


def applied_to(app, entry_no) -> list[int]:
    with app.uow() as s:
        return list(s.scalars(select(ItemApplicationEntry.inbound_item_entry_no).where(
            ItemApplicationEntry.outbound_item_entry_no == entry_no)))


def cost_of(app, entry_no) -> D:
    with app.uow() as s:
        return sum(s.scalars(select(ValueEntry.cost_amount_actual).where(
            ValueEntry.item_ledger_entry_no == entry_no)), D(0))


@pytest.fixture
def serials(app):
    """A Specific-cost item with two serial numbers on hand at different costs."""
    masterdata.add_item(app, {"no": "SP1", "description": "Laptop", "costing_method": "specific",
                              "unit_price": "900"})
    receive(app, "SP1", "1", "500", serial_no="SN-1")
    receive(app, "SP1", "1", "700", serial_no="SN-2")
    with app.uow() as s:
        return {e.serial_no: e.entry_no for e in s.scalars(select(ItemLedgerEntry).where(
            ItemLedgerEntry.item_no == "SP1"))}


# -- returns: credit memos and return orders share one check ------------------------------------


def sold(app, customer="C20000", qty="2") -> int:
    receive(app, "1000", "10", "100")
    posted = sales_posting.post(app, sales_documents.create_document(app, sale(customer=customer,
                                                                               lines=[line(qty=qty)])))
    return entry_of(app, posted.invoice_no).entry_no


@pytest.mark.parametrize("document_type", ["credit_memo", "return_order"])
def test_a_return_of_another_customers_sale_is_refused(app, document_type):
    entry = sold(app, "C20000")
    data = sale(document_type, [line(applies_from_entry=entry)], "C10000")
    assert refused_at_import(app, data) == ["SALES-APPLIES-FROM-OTHER-CUSTOMER"]


@pytest.mark.parametrize("document_type", ["credit_memo", "return_order"])
def test_a_return_of_more_than_was_sold_is_refused_counting_earlier_returns(app, document_type):
    entry = sold(app, "C20000", qty="2")
    drafts = [sales_documents.create_document(app, sale(kind, [line(applies_from_entry=entry)], "C20000"))
              for kind in ("credit_memo", document_type, document_type)]  # each fits when it is made
    assert refused_at_import(app, sale(document_type, [line(qty="3", applies_from_entry=entry)], "C20000")) == [
        "SALES-RETURN-MORE-THAN-SHIPPED"]
    first, second, third = drafts
    assert not isinstance(sales_posting.post(app, first), Rejected)
    assert not isinstance(sales_posting.post(app, second), Rejected)
    assert refused_at_posting(app, lambda: sales_posting.post(app, third)) == ["SALES-RETURN-MORE-THAN-SHIPPED"]


def test_two_lines_cannot_together_return_more_than_was_sold(app):
    entry = sold(app, "C20000", qty="2")
    two = [line(applies_from_entry=entry), line(qty="2", applies_from_entry=entry)]
    assert refused_at_import(app, sale("credit_memo", two, "C20000")) == ["SALES-RETURN-MORE-THAN-SHIPPED"]


def test_a_credit_memo_naming_what_is_not_a_sale_is_refused(app):
    receive(app, "1000", "10", "100")
    with app.uow() as s:
        purchase = s.scalar(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.positive.is_(True)))
    assert refused_at_import(app, sale("credit_memo", [line(applies_from_entry=purchase)])) == [
        "SALES-APPLIES-FROM-NOT-A-SALE"]


def test_a_credit_memo_of_the_customers_own_sale_posts_at_the_sales_cost(app):
    entry = sold(app, "C20000", qty="2")
    no = sales_documents.create_document(app, sale("credit_memo", [line(applies_from_entry=entry)], "C20000"))
    posted = sales_posting.post(app, no)
    assert not isinstance(posted, Rejected)
    assert cost_of(app, entry_of(app, posted.invoice_no).entry_no) == D("100.00")


# -- serial and lot numbers on sales lines ------------------------------------------------------


def test_a_specific_cost_item_sells_the_serial_no_the_line_names_at_its_cost(app, serials):
    no = sales_documents.create_document(app, sale(lines=[line("SP1", tracking=[
        {"serial_no": "SN-2", "quantity": "1"}])]))
    posted = sales_posting.post(app, no)
    assert not isinstance(posted, Rejected), posted
    sold_entry = entry_of(app, posted.invoice_no)
    assert sold_entry.serial_no == "SN-2" and applied_to(app, sold_entry.entry_no) == [serials["SN-2"]]
    assert cost_of(app, sold_entry.entry_no) == D("-700.00")


def test_an_order_ships_the_serial_no_given_as_a_plain_key_and_invoices_it(app, serials):
    no = sales_documents.create_document(app, sale("order", [line("SP1", serial_no="SN-1")]))
    shipped = sales_posting.ship(app, no)
    assert not isinstance(shipped, Rejected), shipped
    shipment = entry_of(app, shipped.shipment_no)
    assert shipment.serial_no == "SN-1" and applied_to(app, shipment.entry_no) == [serials["SN-1"]]
    assert not isinstance(sales_posting.invoice(app, no), Rejected)
    assert cost_of(app, shipment.entry_no) == D("-500.00")


def test_a_serial_no_sold_once_cannot_be_sold_again(app, serials):
    first = sales_documents.create_document(app, sale(lines=[line("SP1", serial_no="SN-1")]))
    second = sales_documents.create_document(app, sale(lines=[line("SP1", serial_no="SN-1")]))
    assert not isinstance(sales_posting.post(app, first), Rejected)
    assert refused_at_posting(app, lambda: sales_posting.post(app, second)) == ["SALES-TRACKING-NOT-ON-HAND"]


def test_a_returned_serial_no_comes_back_with_its_serial_and_sells_again(app, serials):
    invoice = sales_posting.post(app, sales_documents.create_document(app, sale(lines=[line("SP1", serial_no="SN-2")])))
    entry = entry_of(app, invoice.invoice_no).entry_no
    memo = sales_posting.post(app, sales_documents.create_document(app, sale("credit_memo", [
        line("SP1", applies_from_entry=entry)])))
    back = entry_of(app, memo.invoice_no)
    assert (back.serial_no, back.quantity, cost_of(app, back.entry_no)) == ("SN-2", D(1), D("700.00"))
    again = sales_posting.post(app, sales_documents.create_document(app, sale(lines=[line("SP1", serial_no="SN-2")])))
    assert applied_to(app, entry_of(app, again.invoice_no).entry_no) == [back.entry_no]


def test_a_return_naming_another_serial_than_the_sale_is_refused(app, serials):
    invoice = sales_posting.post(app, sales_documents.create_document(app, sale(lines=[line("SP1", serial_no="SN-2")])))
    entry = entry_of(app, invoice.invoice_no).entry_no
    no = sales_documents.create_document(app, sale("return_order", [line("SP1", applies_from_entry=entry,
                                                                         serial_no="SN-1")]))
    assert refused_at_posting(app, lambda: sales_posting.post(app, no)) == ["SALES-TRACKING-NOT-ON-ENTRY"]


def test_a_lot_no_sells_from_that_lot_only(app):
    receive(app, "1100", "5", "10", lot_no="L-OLD")
    receive(app, "1100", "5", "20", lot_no="L-NEW")
    posted = sales_posting.post(app, sales_documents.create_document(app, sale(lines=[
        line("1100", qty="3", tracking=[{"lot_no": "L-NEW", "quantity": "3", "expiration_date": "2027-06-30"}])])))
    assert not isinstance(posted, Rejected), posted
    sold_entry = entry_of(app, posted.invoice_no)
    assert sold_entry.lot_no == "L-NEW" and cost_of(app, sold_entry.entry_no) == D("-60.00")


@pytest.mark.parametrize("raw, code", [
    (line("SP1"), "SALES-TRACKING-REQUIRED"),
    (line("SP1", serial_no="SN-9"), "SALES-TRACKING-UNKNOWN"),
    (line("SP1", qty="2", serial_no="SN-1"), "SALES-SERIAL-QUANTITY-NOT-ONE"),
    (line("SP1", qty="2", tracking=[{"serial_no": "SN-1", "quantity": "1"}, {"serial_no": "SN-1", "quantity": "1"}]),
     "SALES-SERIAL-TWICE"),
    (line("1100", qty="3", tracking=[{"lot_no": "L-1", "quantity": "2"}]), "SALES-TRACKING-QUANTITY-MISMATCH"),
    (line("SP1", serial_no="SN-1", lot_no="L-1"), "SALES-TRACKING-SERIAL-AND-LOT"),
    (line("SP1", serial_no="SN-1", tracking=[{"serial_no": "SN-1"}]), "SALES-TRACKING-TWICE"),
    (line("9000", serial_no="SN-1"), "SALES-TRACKING-NOT-INVENTORY"),
    (line("SP1", serial_no="S" * 60), "IMPORT-TEXT-TOO-LONG"),  # the line's column bounds a plain key
])
def test_sales_line_tracking_that_cannot_post_is_refused_at_import(app, serials, raw, code):
    receive(app, "1100", "3", "10", lot_no="L-1")
    assert code in refused_at_import(app, sale(lines=[raw]))


def test_an_untracked_item_still_sells_without_tracking(app):
    receive(app, "1000", "2", "100")
    assert not isinstance(sales_posting.post(app, sales_documents.create_document(app, sale())), Rejected)


# -- the location a line takes, and the message that names it ----------------------------------


def test_a_line_without_a_location_takes_the_customers_then_the_companys(app):
    masterdata.add_location(app, "WEST", "Vest")
    masterdata.set_default_location(app, "MAIN")
    masterdata.set_default_location(app, "WEST", "C20000")
    no_location = {k: v for k, v in line().items() if k != "location"}
    gl = {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "10"}
    nos = [sales_documents.create_document(app, sale(lines=[no_location, gl])),
           sales_documents.create_document(app, sale(lines=[no_location], customer="C20000")),
           sales_documents.create_document(app, sale())]
    with app.uow() as s:
        main, west, named = ([x.location_code for x in sales_documents.get_document(s, no).lines] for no in nos)
    assert (main, west, named) == (["MAIN", ""], ["WEST"], ["MAIN"])
    receive(app, "1000", "2", "100")
    assert not isinstance(sales_posting.post(app, nos[0]), Rejected)


def test_an_unknown_default_location_is_refused(app):
    with pytest.raises(RejectedError) as err:
        masterdata.set_default_location(app, "NOWHERE")
    assert err.value.rejected.codes == ["SETUP-UNKNOWN-LOCATION"]


def test_a_shortage_names_the_location_and_the_stock_elsewhere(app):
    receive(app, "1000", "10", "100")
    no_location = {k: v for k, v in line().items() if k != "location"}
    no = sales_documents.create_document(app, sale(lines=[no_location]))
    refused = sales_posting.post(app, no)
    assert refused.codes == ["SALES-INSUFFICIENT-QUANTITY"]
    assert refused.problems[0].params == {"item_no": "1000", "location": "-", "requested": "1", "available": "0",
                                          "elsewhere": "MAIN 10"}


# -- blocked cards and quantities at posting ----------------------------------------------------


def test_a_return_receipt_of_a_blocked_item_is_refused(app):
    entry = sold(app, "C10000")
    no = sales_documents.create_document(app, sale("return_order", [line(applies_from_entry=entry)]))
    masterdata.set_flag(app, Item, "1000", blocked=True)
    assert refused_at_posting(app, lambda: sales_posting.ship(app, no)) == ["SALES-ITEM-BLOCKED"]


def test_a_purchase_receipt_for_a_blocked_vendor_or_item_is_refused(app):
    order = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "document_date": "2026-11-20",
        "lines": [{"type": "item", "no": "1000", "quantity": "2", "direct_unit_cost": "50", "location": "MAIN"}]})
    masterdata.set_flag(app, Item, "1000", blocked=True)
    assert refused_at_posting(app, lambda: purchase_orders.receive(app, order)) == ["PURCH-ITEM-BLOCKED"]
    masterdata.set_flag(app, Item, "1000", blocked=False)
    masterdata.set_flag(app, Vendor, "V10000", blocked="all")
    assert refused_at_posting(app, lambda: purchase_orders.receive(app, order)) == ["PURCH-VENDOR-BLOCKED"]


def test_shipping_for_a_customer_blocked_for_shipping_is_refused(app):
    receive(app, "1000", "2", "100")
    no = sales_documents.create_document(app, sale("order"))
    masterdata.set_flag(app, Customer, "C10000", blocked="ship")
    assert refused_at_posting(app, lambda: sales_posting.ship(app, no)) == ["SALES-CUSTOMER-BLOCKED"]


@pytest.mark.parametrize("qty, code", [(D("0.1234567"), "IMPORT-TOO-MANY-DECIMALS"),
                                       (D("1e13"), "IMPORT-NUMBER-TOO-LARGE")])
def test_a_shipment_quantity_the_ledger_cannot_hold_is_refused(app, qty, code):
    receive(app, "1000", "2", "100")
    no = sales_documents.create_document(app, sale("order"))
    assert refused_at_posting(app, lambda: sales_posting.ship(app, no, {1: qty})) == [code]


# -- the command line: exit 2, one coded line, nothing written ----------------------------------


def one_line(result) -> str:
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    return lines[0]


def test_cli_refuses_sales_holes_with_one_coded_line_and_writes_nothing(app, db_url, tmp_path):
    entry = sold(app, "C20000")
    order = sales_documents.create_document(app, sale("order"))
    memo, tracked = tmp_path / "memo.json", tmp_path / "tracked.json"
    memo.write_text(json.dumps(sale("credit_memo", [line(applies_from_entry=entry)], "C10000")))
    tracked.write_text(json.dumps(sale(lines=[line("9000", serial_no="SN-1")])))
    runner = CliRunner()
    for args, code in [
        (["sales", "ship", order, "--qty", "1=0.1234567"], "IMPORT-TOO-MANY-DECIMALS"),
        (["sales", "credit-memo", "import", str(memo)], "SALES-APPLIES-FROM-OTHER-CUSTOMER"),
        (["sales", "invoice", "import", str(tracked)], "SALES-TRACKING-NOT-INVENTORY"),
        (["setup", "default-location", "NOWHERE"], "SETUP-UNKNOWN-LOCATION"),
    ]:
        before = harness.fingerprint(app)
        message = one_line(runner.invoke(cli, ["--db", db_url, *args]))
        assert message.startswith(code), (args, message)
        assert harness.difference(before, harness.fingerprint(app)) == {}


def test_cli_imports_shows_and_posts_a_sale_of_a_serial_no(app, db_url, tmp_path, serials):
    path = tmp_path / "serial.json"
    path.write_text(json.dumps(sale(lines=[line("SP1", tracking=[{"serial_no": "SN-1", "quantity": "1"}])])))
    runner = CliRunner()
    imported = runner.invoke(cli, ["--db", db_url, "sales", "invoice", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    no = imported.output.split()[-1]
    shown = json.loads(runner.invoke(cli, ["--db", db_url, "sales", "show", no, "--json"]).output)
    assert (shown["lines"][0]["serial_no"], shown["lines"][0]["location"]) == ("SN-1", "MAIN")
    posted = runner.invoke(cli, ["--db", db_url, "sales", "post", no])
    assert posted.exit_code == 0, posted.output
    with app.uow() as s:
        sold_entry = s.scalar(select(ItemLedgerEntry).where(ItemLedgerEntry.item_no == "SP1",
                                                            ItemLedgerEntry.positive.is_(False)))
    assert sold_entry.serial_no == "SN-1" and applied_to(app, sold_entry.entry_no) == [serials["SN-1"]]
