"""Issue 12 holes closed on the posting side, beyond the minimized tests in
tests/simulation/test_found.py: foreign-currency payments with a realized exchange
difference, two lines of one item in one posting, the demo chart's direct-posting flags,
numbers the ledger cannot hold, blocked values. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import func, select

from domain.costing import revaluation
from domain.inventory import journal
from domain.ledger.model import (
    CustomerLedgerEntry,
    DetailedVendorLedgerEntry,
    GLEntry,
    ItemLedgerEntry,
    VendorLedgerEntry,
)
from domain.payments import posting as payments
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup import masterdata
from domain.setup.model.cards import Customer, Item, Vendor
from domain.setup.model.company import GLAccount


def balance(app, account) -> D:
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def eur_purchase_invoice(app, amount="100.00", rate="11.5") -> str:
    no = purchase_documents.create_document(app, {
        "document_type": "invoice", "vendor_no": "V10000", "vendor_invoice_no": "EUR-1", "currency": "EUR",
        "exchange_rate": rate, "posting_date": "2026-11-20", "document_date": "2026-11-20",
        "lines": [{"type": "gl_account", "no": "6800", "quantity": "1", "direct_unit_cost": amount,
                   "vat_prod_posting_group": "HIGH"}]})
    return purchase_posting.post_document(app, no).posted_no


def entry(app, cls, document_no):
    with app.uow() as s:
        return s.scalar(select(cls).where(cls.document_no == document_no))


def codes(outcome) -> set[str]:
    if isinstance(outcome, Rejected):
        return {p.code for p in outcome.problems}
    assert isinstance(outcome, DomainError), outcome
    return {outcome.code}


def test_a_local_currency_payment_at_a_lower_rate_closes_a_euro_invoice_and_posts_a_realized_gain(app):
    invoice = eur_purchase_invoice(app)  # 125.00 EUR at 11.5 = 1,437.50 NOK
    assert balance(app, "2400") == D("-1437.50")
    result = payments.post_payment(app, "vendor", "V10000", D("1375.00"), [invoice], dt.date(2026, 11, 25),
                                   exchange_rate=D("11"))
    assert (result.applied, result.residue, result.closed) == (D("1375.00"), D(0), (invoice,))
    vle = entry(app, VendorLedgerEntry, invoice)
    assert not vle.open and vle.remaining_amount == D(0)
    assert balance(app, "2400") == D(0)  # payables still equal the (now empty) vendor ledger
    assert balance(app, "8060") == D("-62.50") and balance(app, "8160") == D(0)  # gain: a credit
    assert balance(app, "1920") == D("-1375.00")
    with app.uow() as s:
        detailed = s.scalars(select(DetailedVendorLedgerEntry).where(
            DetailedVendorLedgerEntry.vendor_ledger_entry_no == vle.entry_no,
            DetailedVendorLedgerEntry.entry_type == "application")).all()
    assert [(d.amount, d.amount_lcy) for d in detailed] == [(D("125.00"), D("1437.50"))]


def test_a_payment_at_a_higher_rate_posts_a_realized_loss_and_a_partial_one_leaves_the_euro_rest_open(app):
    invoice = eur_purchase_invoice(app)
    payments.post_payment(app, "vendor", "V10000", D("600.00"), [invoice], dt.date(2026, 11, 25),
                          exchange_rate=D("12"))
    vle = entry(app, VendorLedgerEntry, invoice)
    assert vle.remaining_amount == D("-75.00")  # 600 NOK buy 50.00 EUR at 12
    assert balance(app, "2400") == D("-862.50")  # the 75 EUR still owed at the invoice's 11.5
    assert balance(app, "8160") == D("25.00")  # paid 600 for what was booked at 575


def test_a_customer_payment_for_a_euro_invoice_at_its_own_rate_posts_no_difference(app):
    no = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "posting_date": "2026-11-20", "currency": "EUR",
        "exchange_rate": "11.5", "lines": [{"type": "gl_account", "no": "3000", "quantity": "1",
                                            "unit_price": "100.00"}]})
    invoice = sales_posting.post(app, no).invoice_no
    before = balance(app, "1500")
    result = payments.post_payment(app, "customer", "C10000", before, [invoice], dt.date(2026, 11, 25))
    assert result.closed == (invoice,) and not entry(app, CustomerLedgerEntry, invoice).open
    assert balance(app, "1500") == D(0) and balance(app, "8060") == D(0) and balance(app, "8160") == D(0)


def test_an_invalid_payment_exchange_rate_or_amount_is_refused(app):
    invoice = eur_purchase_invoice(app)
    for rate in (D(0), D(-11), D("1.12345678901")):
        outcome = payments.post_payment(app, "vendor", "V10000", D("10"), [invoice], dt.date(2026, 11, 25),
                                        exchange_rate=rate)
        assert codes(outcome) & {"PAY-INVALID-EXCHANGE-RATE", "IMPORT-TOO-MANY-DECIMALS"}, rate
    assert codes(payments.post_payment(app, "vendor", "V10000", D("1.234"))) == {"IMPORT-TOO-MANY-DECIMALS"}
    assert codes(payments.post_payment(app, "vendor", "V10000", D("1e20"))) == {"IMPORT-NUMBER-TOO-LARGE"}
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(VendorLedgerEntry)) == 1


def stock(app, qty="3", cost="100"):
    assert not isinstance(journal.post_journal(app, [{
        "posting_date": "2026-11-02", "entry_type": "purchase", "item_no": "1000", "location": "MAIN",
        "quantity": qty, "unit_cost": cost}]), Rejected)


def remaining(app) -> list[D]:
    with app.uow() as s:
        return list(s.scalars(select(ItemLedgerEntry.remaining_quantity).where(
            ItemLedgerEntry.positive, ItemLedgerEntry.item_no == "1000").order_by(ItemLedgerEntry.entry_no)))


def test_two_item_journal_rows_of_one_item_draw_in_turn_and_too_many_is_refused(app):
    stock(app, "3", "100")
    stock(app, "3", "130")
    row = {"posting_date": "2026-11-05", "entry_type": "negative_adjustment", "item_no": "1000", "location": "MAIN",
           "quantity": "2"}
    assert not isinstance(journal.post_journal(app, [row, row]), Rejected)
    assert remaining(app) == [D(0), D(2)]  # FIFO: 2 from the first, then 1 + 1
    assert codes(journal.post_journal(app, [row, row])) == {"INV-INSUFFICIENT-QUANTITY"}
    assert remaining(app) == [D(0), D(2)]


def test_two_lines_of_one_item_on_a_sales_invoice_are_costed_fifo_across_both_receipts(app):
    stock(app, "3", "100")
    stock(app, "3", "130")
    line = {"type": "item", "no": "1000", "quantity": "2", "unit_price": "200", "location": "MAIN"}
    no = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": "C10000",
                                               "posting_date": "2026-11-20", "lines": [line, line]})
    sales_posting.post(app, no)
    assert remaining(app) == [D(0), D(2)]
    assert balance(app, "4391") == D("430.00")  # 3 x 100 + 1 x 130


def test_a_return_order_with_two_lines_on_one_receipt_entry_is_refused_beyond_what_is_left(app):
    order = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20",
        "document_date": "2026-11-20", "lines": [{"type": "item", "no": "1000", "quantity": "3",
                                                  "direct_unit_cost": "100", "location": "MAIN"}]})
    purchase_orders.receive(app, order)
    received = remaining(app)
    with app.uow() as s:
        entry_no = s.scalar(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.positive))
    from domain.purchasing import returns

    line = {"type": "item", "no": "1000", "quantity": "2", "direct_unit_cost": "100", "location": "MAIN",
            "applies_to_entry": entry_no}
    ro = returns.create_return_order(app, {"document_type": "order", "vendor_no": "V10000",
                                           "posting_date": "2026-11-21", "document_date": "2026-11-21",
                                           "lines": [line, line]})
    assert codes(returns.ship(app, ro)) == {"PURCH-RETURN-MORE-THAN-RECEIVED"}
    assert remaining(app) == received


def test_init_turns_direct_posting_off_on_control_inventory_interim_and_vat_accounts(app):
    with app.uow() as s:
        flags = dict(s.execute(select(GLAccount.no, GLAccount.direct_posting)).all())
    assert not any(flags[no] for no in ("1460", "1469", "1500", "2400", "2700", "2710", "2715", "2790", "4392"))
    assert all(flags[no] for no in ("6800", "3000", "4300", "1920", "8060", "8160"))


def test_a_revaluation_below_zero_is_refused(app):
    stock(app)
    for values in ({"new_unit_cost": "-0.01"}, {"revalued_amount": "-1"}):
        outcome = revaluation.revalue(app, [{"posting_date": "2026-11-20", "item_no": "1000", **values}])
        assert codes(outcome) == {"REVAL-NEGATIVE-VALUE"}
    assert not isinstance(revaluation.revalue(app, [{"posting_date": "2026-11-20", "item_no": "1000",
                                                     "new_unit_cost": "0"}]), Rejected)  # down to zero is fine


def test_a_receipt_or_cost_with_more_decimals_than_its_column_is_refused_before_the_database(app):
    order = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20",
        "document_date": "2026-11-20", "lines": [{"type": "item", "no": "1000", "quantity": "3",
                                                  "direct_unit_cost": "100", "location": "MAIN"}]})
    assert codes(purchase_orders.receive(app, order, {1: D("0.1234567")})) == {"IMPORT-TOO-MANY-DECIMALS"}
    assert codes(purchase_orders.receive(app, order, {1: D("1e13")})) == {"IMPORT-NUMBER-TOO-LARGE"}
    assert codes(purchase_orders.receive_and_invoice(app, order, "VI-1", costs={1: D("1.1234567")})) == {
        "IMPORT-TOO-MANY-DECIMALS"}
    assert remaining(app) == []


def test_blocked_takes_only_the_values_of_its_card(app):
    for cls, no, value in ((Vendor, "V10000", "ship"), (Customer, "C10000", "payment"), (Customer, "C10000", True),
                           (Item, "1000", "all")):
        try:
            masterdata.set_flag(app, cls, no, blocked=value)
        except DomainError as error:
            assert error.code == "IMPORT-INVALID-CHOICE"
        else:
            raise AssertionError(f"{cls.__name__} blocked={value!r} accepted")
    masterdata.set_flag(app, Customer, "C10000", blocked="invoice")
    masterdata.set_flag(app, Vendor, "V10000", blocked="payment")
    masterdata.set_flag(app, Item, "1000", blocked=True)
    with app.uow() as s:
        assert (s.get(Customer, "C10000").blocked, s.get(Vendor, "V10000").blocked, s.get(Item, "1000").blocked) == (
            "invoice", "payment", True)
