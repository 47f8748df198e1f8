"""The sales cycle on SQLite and PostgreSQL: quote -> order -> shipments -> invoices, corrections."""

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, update

from domain.inventory import journal as item_journal
from domain.ledger.model import CustomerLedgerEntry, GLEntry, ItemLedgerEntry, ValueEntry, VATEntry
from domain.problems import Rejected, RejectedError
from domain.sales import correction as sales_correction
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader
from domain.setup.model.cards import Customer
from domain.setup.model.company import Company


def stock(app, item="1000", qty="10", cost="100"):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": item,
                                     "location": "MAIN", "quantity": qty, "unit_cost": cost}])


def sales_doc(document_type="order", customer="C10000", lines=None, **header):
    return {"document_type": document_type, "customer_no": customer, "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": lines or [item("1000", "6", "200.00")], **header}


def item(no="1000", qty="6", price="200.00", **extra):
    return {"type": "item", "no": no, "quantity": qty, "unit_price": price, "location": "MAIN", **extra}


def balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def on_hand(app, item_no="1000"):
    with app.uow() as s:
        return s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == item_no))


def test_quote_becomes_a_linked_order_and_the_quote_is_marked_converted(app):
    quote = sales_documents.create_document(app, sales_doc("quote"))
    order = sales_documents.make_order(app, quote)
    with app.uow() as s:
        o = sales_documents.get_document(s, order)
        assert (o.quote_no, o.document_type, o.lines[0].qty_to_ship) == (quote, "order", D(6))
        assert sales_documents.get_document(s, quote).status == "converted"
    with pytest.raises(Exception) as err:
        sales_documents.make_order(app, quote)
    assert err.value.code == "SALES-NOT-AN-OPEN-QUOTE"


def test_partial_shipment_posts_expected_cost_and_the_invoice_turns_it_actual_on_the_same_entry(app):
    stock(app)
    order = sales_documents.create_document(app, sales_doc())
    shipped = sales_posting.ship(app, order, {1: D(4)})
    assert shipped.shipment_no == "PSS-000001" and shipped.invoice_no is None
    with app.uow() as s:
        ile = s.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.entry_type == "sale")).one()
        assert (ile.quantity, ile.invoiced_quantity, ile.completely_invoiced) == (D(-4), D(0), False)
        value = s.scalars(select(ValueEntry).where(ValueEntry.item_ledger_entry_no == ile.entry_no)).one()
        assert (value.cost_amount_expected, value.cost_amount_actual) == (D("-400.00"), D(0))
    assert balance(app, "4391") == D(0) and on_hand(app) == D(6)  # no expected cost posting: no G/L yet
    invoiced = sales_posting.invoice(app, order)
    assert invoiced.invoice_no == "PSI-000001" and not invoiced.closed
    with app.uow() as s:
        values = s.scalars(select(ValueEntry).where(ValueEntry.item_ledger_entry_no == ile.entry_no)).all()
        assert sum(v.cost_amount_expected for v in values) == D(0)
        assert sum(v.cost_amount_actual for v in values) == D("-400.00")
        assert s.get(ItemLedgerEntry, ile.entry_no).completely_invoiced
        cle = s.scalars(select(CustomerLedgerEntry)).one()
        assert cle.amount == D("920.00") and cle.open  # 4 x 200 + 15 % VAT (coffee: food rate)
    assert balance(app, "4391") == D("400.00") and balance(app, "3000") == D("-800.00")
    assert balance(app, "1500") == D("920.00") and balance(app, "2701") == D("-120.00")
    rest = sales_posting.post(app, order)
    assert rest.shipment_no == "PSS-000002" and rest.invoice_no == "PSI-000002" and rest.closed
    assert on_hand(app) == D(4) and balance(app, "1460") == D("400.00")


def test_expected_cost_posting_uses_the_interim_accounts_until_the_invoice(app):
    with app.uow() as s:
        s.execute(update(Company).values(expected_cost_posting=True))
    stock(app)
    order = sales_documents.create_document(app, sales_doc())
    sales_posting.ship(app, order, {1: D(4)})
    assert balance(app, "4392") == D("400.00") and balance(app, "1469") == D("-400.00")
    sales_posting.invoice(app, order)
    assert balance(app, "4392") == D(0) and balance(app, "1469") == D(0)
    assert balance(app, "4391") == D("400.00")
    with app.uow() as s:
        shipment_value = s.scalars(select(ValueEntry).where(ValueEntry.document_no == "PSS-000001")).one()
        assert shipment_value.expected_cost_posted_to_gl == D("-400.00")


def test_an_order_cannot_invoice_more_than_it_has_shipped(app):
    stock(app)
    order = sales_documents.create_document(app, sales_doc())
    sales_posting.ship(app, order, {1: D(2)})
    refused = sales_posting.invoice(app, order, {1: D(3)})
    assert isinstance(refused, Rejected) and refused.codes == ["SALES-INVOICE-MORE-THAN-SHIPPED"]


def test_direct_invoice_posts_revenue_vat_receivable_and_cost_of_goods_sold(app):
    stock(app)
    no = sales_documents.create_document(app, sales_doc("invoice", lines=[
        item("1000", "3", "200.00"), {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "99.50"}]))
    result = sales_posting.post(app, no)
    assert result.invoice_no == "PSI-000001"
    assert sales_posting.post(app, no).already_posted
    assert balance(app, "3000") == D("-699.50") and balance(app, "1500") == D("814.38")
    assert balance(app, "4391") == D("300.00") and on_hand(app) == D(7)
    with app.uow() as s:
        posted = s.get(PostedSalesHeader, "PSI-000001")
        assert posted.amount == D("699.50") and posted.amount_including_vat == D("814.38")
        assert posted.payment_reference and len(posted.payment_reference) == 7
        assert s.scalar(select(func.sum(VATEntry.amount)).where(VATEntry.type == "sale")) == D("-114.88")


def test_cancelling_an_unpaid_invoice_reverses_the_exact_cost_and_closes_both_entries(app):
    stock(app, qty="5", cost="100")
    stock(app, qty="5", cost="130")
    no = sales_documents.create_document(app, sales_doc("invoice", lines=[item("1000", "7", "200.00")]))
    sales_posting.post(app, no)  # FIFO: 5 x 100 + 2 x 130 = 760
    assert balance(app, "4391") == D("760.00")
    result = sales_correction.cancel_invoice(app, "PSI-000001")
    assert result.invoice_no == "PSCM-000001"
    assert balance(app, "4391") == D(0) and balance(app, "1500") == D(0) and on_hand(app) == D(10)
    with app.uow() as s:
        entries = s.scalars(select(CustomerLedgerEntry).order_by(CustomerLedgerEntry.entry_no)).all()
        assert [(e.amount, e.remaining_amount, e.open) for e in entries] == [
            (D("1610.00"), D(0), False), (D("-1610.00"), D(0), False)]
        assert s.get(PostedSalesHeader, "PSI-000001").cancelled
    again = sales_correction.cancel_invoice(app, "PSI-000001")
    assert isinstance(again, Rejected) and again.codes == ["SALES-ALREADY-CANCELLED"]


def test_blocked_customer_is_refused_and_credit_limit_only_warns(app):
    with app.uow() as s:
        s.get(Customer, "C20000").blocked = "all"
        s.get(Customer, "C10000").credit_limit = D("500")
    with pytest.raises(RejectedError) as err:
        sales_documents.create_document(app, sales_doc(customer="C20000"))
    assert err.value.rejected.codes == ["SALES-CUSTOMER-BLOCKED"]
    stock(app)
    no = sales_documents.create_document(app, sales_doc("invoice"))
    assert [p.code for p in sales_documents.check_credit_limit(app, no)] == ["SALES-CREDIT-LIMIT-EXCEEDED"]
    result = sales_posting.post(app, no)
    assert result.invoice_no and [p.code for p in result.warnings] == ["SALES-CREDIT-LIMIT-EXCEEDED"]


def test_shipping_more_than_on_hand_is_refused_and_writes_nothing(app):
    stock(app, qty="2")
    order = sales_documents.create_document(app, sales_doc())
    refused = sales_posting.ship(app, order)
    assert isinstance(refused, Rejected) and refused.codes == ["SALES-INSUFFICIENT-QUANTITY"]
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(PostedSalesHeader)) == 0
