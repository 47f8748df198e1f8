"""Values Business Central refuses are refused here too, at import, at edit and at posting (issue 12)."""

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.inventory import journal as item_journal
from domain.ledger.model import (
    CustomerLedgerEntry,
    GLEntry,
    ItemLedgerEntry,
    VendorLedgerEntry,
)
from domain.problems import RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale
from domain.setup.model.cards import Customer, Item, Vendor
from flows.cli import app as cli
from tests.support.documents import credit_memo, gl_line, invoice, item_line


def sales_doc(document_type="invoice", lines=None, **header):
    return {"document_type": document_type, "customer_no": "C10000", "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": lines or [sales_item()], **header}


def sales_item(no="1000", qty="1", price="200.00", **extra):
    return {"type": "item", "no": no, "quantity": qty, "unit_price": price, "location": "MAIN", **extra}


def refused(create, data) -> list[str]:
    with pytest.raises(RejectedError) as err:
        create(data)
    return err.value.rejected.codes


def count(app, model):
    with app.uow() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_line_discount_above_100_or_below_0_is_refused_at_purchase_and_sales_import(app):
    codes = refused(lambda d: purchase_documents.create_document(app, d), invoice(
        lines=[gl_line(line_discount_pct="150"), gl_line(line_discount_pct="-5")]))
    assert codes == ["PURCH-LINE-DISCOUNT-OUT-OF-RANGE"] * 2
    codes = refused(lambda d: sales_documents.create_document(app, d),
                    sales_doc(lines=[sales_item(line_discount_pct="150")]))
    assert codes == ["SALES-LINE-DISCOUNT-OUT-OF-RANGE"]
    assert count(app, PurchaseHeader) == 0


def test_a_negative_unit_cost_or_price_is_refused_at_import_on_both_sides(app):
    assert refused(lambda d: purchase_documents.create_document(app, d),
                   invoice(lines=[item_line(cost="-10")])) == ["PURCH-NEGATIVE-UNIT-COST"]
    assert refused(lambda d: sales_documents.create_document(app, d),
                   sales_doc(lines=[sales_item(price="-10")])) == ["SALES-NEGATIVE-UNIT-PRICE"]


def test_import_reports_zero_and_negative_quantities_and_a_negative_exchange_rate_at_once(app):
    codes = refused(lambda d: purchase_documents.create_document(app, d), invoice(
        currency="EUR", exchange_rate="-11.5", lines=[gl_line(quantity="0"), gl_line(quantity="-2")]))
    assert sorted(codes) == ["PURCH-NEGATIVE-EXCHANGE-RATE", "PURCH-NEGATIVE-QUANTITY", "PURCH-ZERO-QUANTITY"]
    codes = refused(lambda d: sales_documents.create_document(app, d), sales_doc(
        currency="EUR", exchange_rate="-1", lines=[sales_item(qty="0"), sales_item(qty="-1")]))
    assert sorted(codes) == ["SALES-NEGATIVE-EXCHANGE-RATE", "SALES-NEGATIVE-QUANTITY", "SALES-ZERO-QUANTITY"]


@pytest.mark.parametrize("changes, line_no, code", [
    ({"quantity": "-5"}, 1, "PURCH-NEGATIVE-QUANTITY"),
    ({"line_discount_pct": "250"}, 1, "PURCH-LINE-DISCOUNT-OUT-OF-RANGE"),
    ({"due_date": "2026-11-01"}, None, "PURCH-DUE-BEFORE-DOCUMENT-DATE"),
])
def test_purchase_set_refuses_values_import_would_refuse_and_keeps_the_draft(app, changes, line_no, code):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line()]))
    with pytest.raises(RejectedError) as err:
        purchase_edit.edit_document(app, no, changes, line_no)
    assert err.value.rejected.codes == [code]
    with app.uow() as s:
        header = purchase_documents.get_document(s, no)
        assert header.version == 1 and header.lines[0].quantity == D(1)
        assert header.lines[0].line_discount_pct == D(0) and header.due_date.isoformat() == "2026-12-20"


def test_an_invoice_whose_total_is_negative_is_refused_at_posting_and_writes_nothing(app):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line(amount="100"), gl_line(amount="-300")]))
    result = purchase_posting.post_document(app, no)
    assert result.codes == ["PURCH-NEGATIVE-TOTAL"]
    assert count(app, GLEntry) == 0


def test_the_cli_exits_2_with_the_code_for_a_discount_above_100(db_url, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "--user", "kari", "init", "--country", "NO", "--demo"]).exit_code == 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(invoice(lines=[gl_line(line_discount_pct="150")])))
    result = runner.invoke(cli, ["--db", db_url, "--user", "kari", "purchase", "import", str(path)])
    assert result.exit_code == 2 and "PURCH-LINE-DISCOUNT-OUT-OF-RANGE" in result.output


def test_an_unknown_currency_code_is_refused_at_purchase_and_sales_import(app):
    assert refused(lambda d: purchase_documents.create_document(app, d),
                   invoice(currency="XYZ", exchange_rate="2")) == ["SETUP-UNKNOWN-CURRENCY"]
    assert refused(lambda d: sales_documents.create_document(app, d),
                   sales_doc(currency="XYZ", exchange_rate="2")) == ["SETUP-UNKNOWN-CURRENCY"]
    assert purchase_documents.create_document(app, invoice(currency="EUR", exchange_rate="11.5"))


def test_a_credit_memo_applying_to_an_unknown_or_foreign_invoice_is_refused_at_import(app):
    assert refused(lambda d: purchase_documents.create_document(app, d), credit_memo(
        applies_to_doc_no="PPI-999999", lines=[gl_line()])) == ["PURCH-UNKNOWN-APPLIES-TO-DOC"]
    assert refused(lambda d: sales_documents.create_document(app, d), sales_doc(
        "credit_memo", applies_to_doc_no="PSI-999999")) == ["SALES-UNKNOWN-APPLIES-TO-DOC"]
    posted = purchase_posting.post_document(app, purchase_documents.create_document(app, invoice(lines=[gl_line()])))
    assert purchase_documents.create_document(app, credit_memo(applies_to_doc_no=posted.posted_no,
                                                               lines=[gl_line()]))


def test_receiving_a_quantity_for_a_line_the_order_does_not_have_is_refused_and_receives_nothing(app):
    no = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": [item_line("1000", "10", "100.00")]})
    result = purchase_orders.receive(app, no, {2: D(1)})
    assert result.codes == ["PURCH-ORDER-LINE-NOT-FOUND"]
    assert count(app, ItemLedgerEntry) == 0


def test_shipping_a_quantity_for_a_line_the_sales_order_does_not_have_is_refused(app):
    no = sales_documents.create_document(app, sales_doc("order"))
    result = sales_posting.ship(app, no, {2: D(1)})
    assert result.codes == ["SALES-LINE-NOT-FOUND"]
    assert count(app, ItemLedgerEntry) == 0


def test_a_purchase_invoice_for_sales_lines_that_do_not_exist_is_refused(app):
    no = sales_documents.create_document(app, sales_doc("order"))
    with pytest.raises(RejectedError) as err:
        purchase_for_sale.create_purchase_invoice(app, no, "V10000", [1, 99])
    assert err.value.rejected.codes == ["SALES-LINE-NOT-FOUND"]
    assert count(app, PurchaseHeader) == 0


def block(app, model, no, value):
    with app.uow() as s:
        s.get(model, no).blocked = value


def test_shipping_or_invoicing_a_draft_after_its_item_is_blocked_is_refused(app):
    order = sales_documents.create_document(app, sales_doc("order"))
    invoice_no = sales_documents.create_document(app, sales_doc("invoice"))
    block(app, Item, "1000", True)
    assert sales_posting.ship(app, order).codes == ["SALES-ITEM-BLOCKED"]
    assert sales_posting.post(app, invoice_no).codes == ["SALES-ITEM-BLOCKED"]
    assert count(app, ItemLedgerEntry) == 0


def test_posting_a_draft_after_its_vendor_or_customer_is_blocked_is_refused(app):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1000",
                                     "location": "MAIN", "quantity": "5", "unit_cost": "100"}])
    purchase = purchase_documents.create_document(app, invoice(lines=[gl_line()]))
    sale = sales_documents.create_document(app, sales_doc("invoice"))
    block(app, Vendor, "V10000", "all")
    block(app, Customer, "C10000", "all")
    assert purchase_posting.post_document(app, purchase).codes == ["PURCH-VENDOR-BLOCKED"]
    assert sales_posting.post(app, sale).codes == ["SALES-CUSTOMER-BLOCKED"]
    assert count(app, ItemLedgerEntry) == 1  # the stock only


def test_a_gl_line_on_the_payables_or_receivables_account_is_refused_at_import_and_at_posting(app):
    assert refused(lambda d: purchase_documents.create_document(app, d),
                   invoice(lines=[gl_line("2400")])) == ["GL-ACCOUNT-NO-DIRECT-POSTING"]
    assert refused(lambda d: sales_documents.create_document(app, d), sales_doc(lines=[
        {"type": "gl_account", "no": "1500", "quantity": "1", "unit_price": "10", "vat_prod_posting_group": "HIGH"}
    ])) == ["GL-ACCOUNT-NO-DIRECT-POSTING"]
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800")]))
    with app.uow() as s:  # a draft from before direct posting was honoured
        purchase_documents.get_document(s, no).lines[0].no = "2400"
    assert purchase_posting.post_document(app, no).codes == ["GL-ACCOUNT-NO-DIRECT-POSTING"]
    assert count(app, GLEntry) == 0


def entry(app, model, document_no):
    with app.uow() as s:
        row = s.scalar(select(model).where(model.document_no == document_no))
        return row.remaining_amount, row.open


def test_a_purchase_credit_memo_with_applies_to_doc_no_closes_the_invoice_as_far_as_it_goes(app):
    posted = purchase_posting.post_document(app, purchase_documents.create_document(app, invoice(
        lines=[gl_line(amount="1000.00")]))).posted_no
    memo = purchase_posting.post_document(app, purchase_documents.create_document(app, credit_memo(
        applies_to_doc_no=posted, lines=[gl_line(amount="400.00")]))).posted_no
    assert entry(app, VendorLedgerEntry, posted) == (D("-750.00"), True)
    assert entry(app, VendorLedgerEntry, memo) == (D(0), False)


def test_a_sales_credit_memo_with_applies_to_doc_no_closes_the_invoice(app):
    line = {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "1000.00",
            "vat_prod_posting_group": "HIGH"}
    posted = sales_posting.post(app, sales_documents.create_document(app, sales_doc(lines=[line]))).invoice_no
    memo = sales_posting.post(app, sales_documents.create_document(app, sales_doc(
        "credit_memo", applies_to_doc_no=posted, lines=[line]))).invoice_no
    assert entry(app, CustomerLedgerEntry, posted) == (D(0), False)
    assert entry(app, CustomerLedgerEntry, memo) == (D(0), False)


def test_a_purchase_order_in_an_unknown_currency_or_at_a_negative_rate_is_refused_at_import(app):
    data = {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
            "currency": "XYZ", "exchange_rate": "-2", "lines": [item_line("1000", "10", "100.00")]}
    assert sorted(refused(lambda d: purchase_orders.create_order(app, d), data)) == [
        "PURCH-NEGATIVE-EXCHANGE-RATE", "SETUP-UNKNOWN-CURRENCY"]
