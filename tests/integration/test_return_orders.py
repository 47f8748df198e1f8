"""Purchase and sales return orders on SQLite and PostgreSQL: exact cost reversal."""

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from domain.inventory import journal as item_journal
from domain.ledger.model import (
    CustomerLedgerEntry,
    GLEntry,
    ItemApplicationEntry,
    ItemLedgerEntry,
    ValueEntry,
    VendorLedgerEntry,
)
from domain.problems import Rejected, RejectedError
from domain.purchasing import orders as purchase_orders
from domain.purchasing import returns as purchase_returns
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup.model.company import Company
from flows.cli import app as cli
from tests.support.documents import item_line


def order(lines=None, **header):
    return {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": lines or [item_line("1000", "10", "100.00")], **header}


def balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def item_value(app, item_no):
    with app.uow() as s:
        ve = ValueEntry
        actual, expected = s.execute(select(func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected))
                                     .where(ve.item_no == item_no)).one()
        return actual or D(0), expected or D(0)


def received_entry(app, cost="100.00"):
    no = purchase_orders.create_order(app, order(lines=[item_line("1000", "10", cost)]))
    purchase_orders.receive_and_invoice(app, no, "INV-1")
    with app.uow() as s:
        return s.scalars(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.positive)).one()


def return_order(entry_no, quantity="4", cost="100.00", **header):
    return order(lines=[item_line("1000", quantity, cost, applies_to_entry=entry_no)], **header)


def test_a_partly_shipped_then_credited_purchase_return_reverses_the_receipt_cost_exactly(app):
    with app.uow() as s:
        s.execute(update(Company).values(expected_cost_posting=True))
    entry_no = received_entry(app)
    no = purchase_returns.create_return_order(app, return_order(entry_no))
    assert no == "PRO-000001"
    shipment = purchase_returns.ship(app, no, {1: D(3)})
    assert shipment.posted_no == "PRSHP-000001"
    assert item_value(app, "1000") == (D("1000.00"), D("-300.00"))
    assert balance(app, "1469") == D("-300.00") and balance(app, "2790") == D("300.00")
    with app.uow() as s:
        returned = s.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.positive.is_(False))).one()
        assert (returned.entry_type, returned.quantity, returned.invoiced_quantity) == ("purchase", D(-3), D(0))
        assert s.get(ItemLedgerEntry, entry_no).remaining_quantity == D(7)
        application = s.scalars(select(ItemApplicationEntry).where(
            ItemApplicationEntry.item_ledger_entry_no == returned.entry_no,
            ItemApplicationEntry.inbound_item_entry_no == entry_no)).one()
        assert application.quantity == D(-3)
    credit = purchase_returns.invoice(app, no, "CR-9")
    assert credit.posted_no == "PPCM-000001"
    assert item_value(app, "1000") == (D("700.00"), D(0))
    assert balance(app, "1460") == D("700.00") and balance(app, "1469") == D(0) and balance(app, "2790") == D(0)
    with app.uow() as s:
        memo = s.scalars(select(VendorLedgerEntry).where(VendorLedgerEntry.document_no == "PPCM-000001")).one()
        assert (memo.document_type, memo.amount_lcy) == ("credit_memo", D("345.00"))  # 300 + 15 % VAT
        entry = s.get(ItemLedgerEntry, returned.entry_no)
        assert (entry.invoiced_quantity, entry.completely_invoiced) == (D(-3), True)
        line = s.scalars(select(PurchaseLine).join(PurchaseHeader).where(PurchaseHeader.no == no)).one()
        assert (line.quantity_received, line.quantity_invoiced) == (D(3), D(3))
        assert line.header.status == "open"


def test_shipping_and_crediting_the_whole_return_closes_it_and_empties_the_stock(app):
    entry_no = received_entry(app, "80.00")
    no = purchase_returns.create_return_order(app, return_order(entry_no, "10", "80.00"))
    purchase_returns.ship(app, no)
    assert isinstance(purchase_returns.invoice(app, no, "CR-10"), purchase_orders.PostResult)
    assert item_value(app, "1000") == (D(0), D(0)) and balance(app, "1460") == D(0)
    with app.uow() as s:
        assert s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no)) == "closed"
        assert s.get(ItemLedgerEntry, entry_no).remaining_quantity == D(0)


def test_purchase_post_on_a_return_order_ships_and_credits_it_in_one_go(app):
    from domain.purchasing import posting as purchase_posting

    entry_no = received_entry(app, "80.00")
    no = purchase_returns.create_return_order(app, return_order(entry_no, "10", "80.00", vendor_invoice_no="CR-11"))
    result = purchase_posting.post_document(app, no)
    assert isinstance(result, purchase_orders.PostResult), result
    assert item_value(app, "1000") == (D(0), D(0)) and balance(app, "1460") == D(0)
    with app.uow() as s:
        assert s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no)) == "closed"


def test_returning_more_than_was_received_is_refused(app):
    entry_no = received_entry(app)
    no = purchase_returns.create_return_order(app, return_order(entry_no, "12"))
    refused = purchase_returns.ship(app, no)
    assert isinstance(refused, Rejected) and refused.codes == ["PURCH-RETURN-MORE-THAN-RECEIVED"]
    refused = purchase_returns.invoice(app, no, "CR-1", {1: D(1)})
    assert isinstance(refused, Rejected) and refused.codes == ["PURCH-CREDIT-MORE-THAN-SHIPPED"]
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(ItemLedgerEntry)) == 1


def stock(app, qty, cost):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1000",
                                     "location": "MAIN", "quantity": qty, "unit_cost": cost}])


def sales_doc(document_type, qty, **extra):
    return {"document_type": document_type, "customer_no": "C10000", "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": [{"type": "item", "no": "1000", "quantity": qty,
                                                     "unit_price": "200.00", "location": "MAIN", **extra}]}


def sold_entry(app):
    """10 at 100 then 5 at 150 in stock; 6 sold (FIFO: at 100 each); returns the sale entry no."""
    stock(app, "10", "100")
    stock(app, "5", "150")
    result = sales_posting.post(app, sales_documents.create_document(app, sales_doc("order", "6")))
    assert result.invoice_no == "PSI-000001"
    with app.uow() as s:
        return s.scalars(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.entry_type == "sale")).one()


def test_a_received_then_credited_sales_return_brings_the_stock_back_at_the_shipment_cost(app):
    with app.uow() as s:
        s.execute(update(Company).values(expected_cost_posting=True))
    sale = sold_entry(app)
    assert item_value(app, "1000") == (D("1150.00"), D(0))
    no = sales_documents.create_document(app, sales_doc("return_order", "4", applies_from_entry=sale))
    assert no == "SRO-000001"
    received = sales_posting.ship(app, no, {1: D(3)})
    assert received.shipment_no == "SRRCP-000001" and received.invoice_no is None
    assert item_value(app, "1000") == (D("1150.00"), D("300.00"))
    assert balance(app, "1469") == D("300.00")
    received = sales_posting.ship(app, no)
    assert item_value(app, "1000") == (D("1150.00"), D("400.00"))
    credited = sales_posting.invoice(app, no)
    assert (credited.invoice_no, credited.closed) == ("PSCM-000001", True)
    assert item_value(app, "1000") == (D("1550.00"), D(0)) and balance(app, "1469") == D(0)
    with app.uow() as s:
        back = s.scalars(select(ItemLedgerEntry).where(
            ItemLedgerEntry.entry_type == "sale", ItemLedgerEntry.positive.is_(True))).all()
        assert sorted(e.quantity for e in back) == [D(1), D(3)]
        assert all(e.completely_invoiced and e.remaining_quantity == e.quantity for e in back)
        memo = s.scalars(select(CustomerLedgerEntry).where(
            CustomerLedgerEntry.document_no == "PSCM-000001")).one()
        assert memo.document_type == "credit_memo" and memo.amount_lcy < 0
        ve = ValueEntry
        assert s.scalar(select(func.sum(ve.sales_amount_actual)).where(
            ve.document_no == "PSCM-000001")) == D("-800.00")
        assert s.scalar(select(func.sum(ItemLedgerEntry.quantity))) == D(13)


def test_returning_more_than_was_shipped_is_refused(app):
    sale = sold_entry(app)
    first = sales_documents.create_document(app, sales_doc("return_order", "4", applies_from_entry=sale))
    second = sales_documents.create_document(app, sales_doc("return_order", "3", applies_from_entry=sale))
    sales_posting.post(app, first)
    with pytest.raises(RejectedError) as at_import:  # a third draft for 3 is refused as it is made
        sales_documents.create_document(app, sales_doc("return_order", "3", applies_from_entry=sale))
    assert at_import.value.rejected.codes == ["SALES-RETURN-MORE-THAN-SHIPPED"]
    refused = sales_posting.ship(app, second)
    assert isinstance(refused, Rejected) and refused.codes == ["SALES-RETURN-MORE-THAN-SHIPPED"]
    refused = sales_posting.invoice(app, second, {1: D(1)})
    assert isinstance(refused, Rejected) and refused.codes == ["SALES-CREDIT-MORE-THAN-RECEIVED"]
    assert isinstance(sales_posting.ship(app, second, {1: D(2)}), sales_posting.SalesResult)


def test_the_cli_ships_and_credits_a_purchase_return_and_refuses_an_over_return(db_url, tmp_path):
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--db", db_url, "--user", "kari", *args])

    assert run("init", "--country", "NO", "--demo").exit_code == 0
    (tmp_path / "po.json").write_text(json.dumps(order(lines=[item_line("1000", "10", "100.00")])))
    po_no = run("purchase", "order", "import", str(tmp_path / "po.json")).output.strip()
    assert run("purchase", "order", "invoice", po_no, "--receive", "--vendor-invoice-no", "F-1").exit_code == 0
    entry_no = json.loads(run("report", "item-ledger", "--json").output)[0]["entry_no"]
    (tmp_path / "ret.json").write_text(json.dumps(return_order(entry_no, "11")))
    ret_no = run("purchase", "return-order", "import", str(tmp_path / "ret.json")).output.strip()
    refused = run("purchase", "return-order", "ship", ret_no)
    assert refused.exit_code == 2 and "PURCH-RETURN-MORE-THAN-RECEIVED" in refused.output
    shipped = run("purchase", "return-order", "ship", ret_no, "--qty", "1=2")
    assert (shipped.exit_code, shipped.output.strip()) == (0, "PRSHP-000001")
    credited = run("purchase", "return-order", "invoice", ret_no, "--vendor-cr-memo-no", "CR-1")
    assert (credited.exit_code, credited.output.strip()) == (0, "PPCM-000001"), credited.output
    ledger = json.loads(run("report", "item-ledger", "--json").output)
    assert sum(D(r["cost_amount_actual"]) for r in ledger) == D("800.00")
