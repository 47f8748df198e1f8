"""Payments and bank statement application on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from sqlalchemy import func, select

from domain.ledger.model import CustomerLedgerEntry, GLEntry
from domain.payments import bank_import as payments_import
from domain.payments import posting as payments
from domain.problems import Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from tests.support.documents import gl_line, invoice

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "camt053-example.xml"


def sales_invoice(app, customer="C10000", price="1000.00"):
    no = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": customer, "lines": [
        {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": price}]})
    return sales_posting.post(app, no).invoice_no


def customer_entry(app, document_no):
    with app.uow() as s:
        return s.scalar(select(CustomerLedgerEntry).where(CustomerLedgerEntry.document_no == document_no))


def balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def test_customer_payment_applies_in_full_and_closes_the_invoice(app):
    no = sales_invoice(app)  # 1000 + 25 % VAT
    result = payments.post_payment(app, "customer", "C10000", D("1250.00"), [no])
    assert (result.applied, result.residue, result.closed) == (D("1250.00"), D(0), (no,))
    entry = customer_entry(app, no)
    assert not entry.open and entry.remaining_amount == D(0)
    assert balance(app, "1500") == D(0) and balance(app, "1920") == D("1250.00")


def test_partial_payment_leaves_the_rest_open_and_overpayment_leaves_a_residue(app):
    no = sales_invoice(app)
    payments.post_payment(app, "customer", "C10000", D("1000.00"), [no])
    assert customer_entry(app, no).remaining_amount == D("250.00")
    over = payments.post_payment(app, "customer", "C10000", D("300.00"), [no])
    assert over.residue == D("50.00") and not customer_entry(app, no).open
    assert customer_entry(app, over.document_no).remaining_amount == D("-50.00")


def test_vendor_payment_within_the_discount_date_takes_the_payment_discount(app):
    no = purchase_documents.create_document(app, invoice("V30000", lines=[gl_line("6800", "1000.00")]))
    posted = purchase_posting.post_document(app, no).posted_no  # V30000: 1M, 2 % within 8 days
    result = payments.post_payment(app, "vendor", "V30000", D("1225.00"), [posted], dt.date(2026, 11, 25))
    assert (result.applied, result.discount, result.closed) == (D("1225.00"), D("25.00"), (posted,))
    assert balance(app, "2400") == D(0) and balance(app, "1920") == D("-1225.00")


def test_paying_an_entry_that_is_not_open_is_refused(app):
    refused = payments.post_payment(app, "customer", "C10000", D("10"), ["PSI-999999"])
    assert isinstance(refused, Rejected) and refused.codes == ["PAY-NO-OPEN-ENTRY"]


def test_camt_statement_applies_exact_and_partial_payments_and_keeps_the_unmatched_one_open(app):
    first, second = sales_invoice(app), sales_invoice(app, "C20000", "2000.00")
    kid = customer_entry(app, first).payment_reference
    xml = EXAMPLE.read_text(encoding="utf-8").format(amount1="1250.00", kid1=kid, amount2="1000.00",
                                                     invoice2=second).encode()
    rows = payments_import.import_camt(app, xml)
    assert [(r["status"], r["applied_document_no"]) for r in rows] == [
        ("applied", first), ("partial", second), ("unmatched", None)]
    assert not customer_entry(app, first).open
    assert customer_entry(app, second).remaining_amount == D("1500.00")
    assert [r["status"] for r in payments_import.import_camt(app, xml)] == ["already imported"] * 3
    assert [r["amount"] for r in payments_import.statement_lines(app, "unmatched")] == [D("777.00")]
    assert balance(app, "1920") == D("2250.00")
