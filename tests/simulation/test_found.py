"""What the ledger simulation found: one minimized regression test per hole (issue 12).

Every test states the behaviour the fix must give (refused with a coded problem,
nothing written; or the books still reconcile) and fails on today's code, so each is
marked ``xfail(strict=True)``: the checklist for the fixes. When a fix lands its test
passes, the strict xfail turns that into a failure, and the lead removes the mark here
and the hole's name from tests/simulation/holes.py (KNOWN_HOLES), so the simulation
generates the command again. The parameter ids are the names in KNOWN_HOLES.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from domain.costing import adjustment, gl_posting, periods, revaluation
from domain.costing import reports as costing_reports
from domain.inventory import journal
from domain.ledger import reports
from domain.ledger.model import (
    CustomerLedgerEntry,
    ItemLedgerEntry,
    ValueEntry,
    VendorLedgerEntry,
)
from domain.payments import posting as payments
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale
from domain.setup import masterdata
from domain.setup.model.cards import Customer, Item, Vendor
from tests.simulation import harness
from tests.simulation.base import DRAFT_KEYS
from tests.simulation.holes import FIXED


def hole(name: str, reason: str, *values):
    if name in FIXED:  # closed: a plain regression test now
        return pytest.param(*values, id=name)
    return pytest.param(*values, id=name, marks=pytest.mark.xfail(strict=True, reason=f"issue 12: {reason}"))


def outcome_of(command):
    try:
        return command()
    except DomainError as error:
        return error


def assert_refused_and_nothing_written(app, command, drafts_may_stay: bool = False) -> None:
    """Refused with a code (Rejected or DomainError, no other exception) and the books unchanged
    (with ``drafts_may_stay``: all but the draft the import made before posting refused it)."""
    before = harness.fingerprint(app)
    outcome = outcome_of(command)
    assert isinstance(outcome, (Rejected, DomainError)), f"accepted: {outcome!r}"
    changed = harness.difference(before, harness.fingerprint(app))
    if drafts_may_stay:
        changed = {k: v for k, v in changed.items() if not k.startswith(DRAFT_KEYS) and k != "number_series"}
    assert not changed, f"refused with {outcome!r} but changed {changed}"


def stock(app, item="1000", qty="10", cost="100", location="MAIN"):
    result = journal.post_journal(app, [{"posting_date": "2026-11-02", "entry_type": "purchase", "item_no": item,
                                         "location": location, "quantity": qty, "unit_cost": cost}])
    assert not isinstance(result, Rejected), result


def purchase(doc_type="invoice", lines=None, **header) -> dict:
    return {"document_type": doc_type, "vendor_no": "V10000", "vendor_invoice_no": "F-1",
            "posting_date": "2026-11-20", "document_date": "2026-11-20", **header,
            "lines": lines or [{"type": "item", "no": "1000", "quantity": "2", "direct_unit_cost": "50.00",
                                "location": "MAIN"}]}


def gl(no="6800", amount="100.00", vat="HIGH") -> dict:
    return {"type": "gl_account", "no": no, "quantity": "1", "direct_unit_cost": amount, "vat_prod_posting_group": vat}


def sale(doc_type="invoice", lines=None, **header) -> dict:
    return {"document_type": doc_type, "customer_no": "C10000", "posting_date": "2026-11-20", **header,
            "lines": lines or [{"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "250.00"}]}


def import_and_post(app, data):
    return lambda: purchase_posting.post_document(app, purchase_documents.create_document(app, data))


def import_and_post_sales(app, data, quantities=None):
    return lambda: sales_posting.post(app, sales_documents.create_document(app, data), quantities)


def line(**values) -> list[dict]:
    return [{"type": "item", "no": "1000", "quantity": "2", "direct_unit_cost": "50.00", "location": "MAIN", **values}]


@pytest.mark.parametrize("data", [
    hole("purchase_negative_quantity", "import accepts a negative quantity", purchase(lines=line(quantity="-5"))),
    hole("purchase_zero_quantity", "a zero quantity is imported and posted", purchase(lines=line(quantity="0"))),
    hole("purchase_negative_exchange_rate", "import accepts a negative exchange rate",
         purchase(currency="EUR", exchange_rate="-11.5")),
    hole("purchase_unknown_header_key", "unknown JSON keys are ignored", purchase(prepayment_pct="10")),
    hole("purchase_unknown_line_key", "unknown JSON keys are ignored", purchase(lines=line(special_order=True))),
    hole("purchase_misspelled_line_key", "a misspelled direct_unit_cost is ignored (the item's cost is used)",
         purchase(lines=[{"type": "item", "no": "1000", "quantity": "2", "direct_unit_cst": "50.00",
                          "location": "MAIN"}])),
    hole("purchase_overlong_description", "a description over 250 characters is cut without a word",
         purchase(lines=line(description="Kaffe " * 60))),
    hole("purchase_overlong_vendor_invoice_no", "a vendor invoice no. over 50 characters is stored or crashes",
         purchase(vendor_invoice_no="X" * 60)),
    hole("purchase_overlong_unit_of_measure", "a unit of measure over 20 characters is stored or crashes",
         purchase(lines=line(unit_of_measure="U" * 25))),
    hole("purchase_nul_character", "a NUL character is stored or crashes", purchase(lines=line(description="a\x00b"))),
    hole("purchase_invalid_iban", "a vendor IBAN with a bad check digit is accepted",
         purchase(vendor_iban="NO0000000000000")),
    hole("purchase_prices_including_vat_maybe", "prices_including_vat: maybe is silently ignored",
         purchase(prices_including_vat="maybe")),
    hole("purchase_due_date_formula", "a due_date that is neither a date nor a date formula is silently ignored",
         purchase(due_date="14X")),
])
def test_an_invalid_purchase_import_is_refused_and_writes_nothing(app, data):
    assert_refused_and_nothing_written(app, import_and_post(app, data))


@pytest.mark.parametrize("data", [
    hole("purchase_date_9999", "posting date 9999-12-31 raises OverflowError",
         purchase(posting_date="9999-12-31", document_date="9999-12-31")),
    hole("purchase_huge_assign_to_entry", "assign_to_entry 10**30 raises an overflow",
         purchase(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "5",
                          "assign_to_entry": 10 ** 30}])),
    hole("purchase_discount_over_100", "line_discount_pct 150 is posted",
         purchase(lines=line(line_discount_pct="150"))),
    hole("purchase_discount_negative", "line_discount_pct -10 is posted",
         purchase(lines=line(line_discount_pct="-10"))),
    hole("purchase_negative_unit_cost", "an invoice with a negative total is posted",
         purchase(lines=line(direct_unit_cost="-50.00"))),
    hole("purchase_unknown_currency", "an unknown currency code posts", purchase(currency="XYZ", exchange_rate="1.5")),
    hole("purchase_unknown_applies_to_doc_no", "an unknown applies_to_doc_no posts",
         purchase("credit_memo", [gl(amount="10.00")], applies_to_doc_no="PPI-999999")),
    hole("direct_posting_payables", "a G/L line on the payables account posts",
         purchase(lines=[gl("2400", vat="ZERO")])),
    hole("direct_posting_receivables", "a G/L line on the receivables account posts",
         purchase(lines=[gl("1500", vat="ZERO")])),
    hole("direct_posting_inventory", "a G/L line on the inventory account posts",
         purchase(lines=[gl("1460", vat="ZERO")])),
    hole("direct_posting_vat", "a G/L line on a VAT account posts", purchase(lines=[gl("2710", vat="ZERO")])),
])
def test_an_invalid_purchase_document_is_not_posted(app, data):
    assert_refused_and_nothing_written(app, import_and_post(app, data), drafts_may_stay=True)


def test_a_due_date_formula_counts_from_the_document_date(app):
    """BC's date fields take a date formula: ``due_date: 14D`` (once silently ignored) is the
    document date + 14 days, on the purchase and the sales side."""
    purchase_no = purchase_documents.create_document(app, purchase(document_date="2026-11-10", due_date="14D"))
    sales_no = sales_documents.create_document(app, sale(document_date="2026-11-10", due_date="CM"))
    with app.uow() as s:
        purchase_due = purchase_documents.get_document(s, purchase_no).due_date
        sales_due = sales_documents.get_document(s, sales_no).due_date
    assert (purchase_due, sales_due) == (dt.date(2026, 11, 24), dt.date(2026, 11, 30))


def test_a_credit_memo_cannot_apply_to_another_vendors_invoice(app):
    invoice = import_and_post(app, purchase("invoice", [gl()], vendor_no="V20000"))().posted_no
    memo = purchase("credit_memo", [gl(amount="10.00")], applies_to_doc_no=invoice)
    assert_refused_and_nothing_written(app, import_and_post(app, memo), drafts_may_stay=True)


@pytest.mark.parametrize("changes", [
    hole("edit_negative_quantity", "purchase set accepts quantity=-5", {"quantity": "-5"}),
    hole("edit_discount_over_100", "purchase set accepts line_discount_pct=250", {"line_discount_pct": "250"}),
])
def test_an_invalid_line_edit_is_refused(app, changes):
    no = purchase_documents.create_document(app, purchase())
    assert_refused_and_nothing_written(app, lambda: purchase_edit.edit_document(app, no, changes, 1))


def test_a_due_date_before_the_document_date_is_refused_when_edited(app):
    no = purchase_documents.create_document(app, purchase())
    assert_refused_and_nothing_written(app, lambda: purchase_edit.edit_document(app, no, {"due_date": "2026-11-01"}))


def order(app) -> str:
    return purchase_orders.create_order(app, purchase("order", vendor_invoice_no=""))


@pytest.mark.parametrize("quantities", [
    hole("receive_unknown_line", "receiving line 2 of a one-line order receives everything", {2: D(1)}),
    hole("receive_too_many_decimals", "a receipt quantity with 7 decimals raises a StatementError",
         {1: D("0.1234567")}),
])
def test_an_invalid_receipt_is_refused(app, quantities):
    no = order(app)
    assert_refused_and_nothing_written(app, lambda: purchase_orders.receive(app, no, quantities))


def test_a_purchase_invoice_for_a_sale_naming_a_missing_line_is_refused(app):
    no = sales_documents.create_document(app, sale("order", [{"type": "item", "no": "1000", "quantity": "2",
                                                              "unit_price": "200", "location": "MAIN"}]))
    assert_refused_and_nothing_written(app, lambda: purchase_for_sale.create_purchase_invoice(app, no, "V10000",
                                                                                                [1, 99]))


def sales_line(**values) -> list[dict]:
    return [{"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "250.00", **values}]


@pytest.mark.parametrize("data", [
    hole("sales_negative_unit_price", "a sales invoice with a negative total is posted",
         sale(lines=sales_line(unit_price="-250.00"))),
    hole("sales_discount_over_100", "a 150 % discount posts a negative sales invoice",
         sale(lines=sales_line(line_discount_pct="150"))),
    hole("sales_discount_negative", "a -10 % discount is posted", sale(lines=sales_line(line_discount_pct="-10"))),
    hole("sales_unknown_currency", "an unknown currency code posts", sale(currency="XYZ", exchange_rate="1.5")),
    hole("sales_date_9999", "posting date 9999-12-31 raises OverflowError",
         sale(posting_date="9999-12-31", document_date="9999-12-31")),
    hole("sales_unknown_applies_to_doc_no", "an unknown applies_to_doc_no posts",
         sale("credit_memo", applies_to_doc_no="PSI-999999")),
    hole("sales_direct_posting_receivables", "a G/L line on the receivables account posts",
         sale(lines=sales_line(no="1500", vat_prod_posting_group="ZERO"))),
    hole("sales_direct_posting_payables", "a G/L line on the payables account posts",
         sale(lines=sales_line(no="2400", vat_prod_posting_group="ZERO"))),
])
def test_an_invalid_sales_document_is_not_posted(app, data):
    assert_refused_and_nothing_written(app, import_and_post_sales(app, data), drafts_may_stay=True)


@pytest.mark.parametrize("data", [
    hole("sales_too_many_decimals", "a sales quantity with 7 decimals raises a StatementError",
         sale(lines=[{"type": "item", "no": "9000", "quantity": "1.1234567", "unit_price": "100",
                      "location": "MAIN"}])),
    hole("sales_unknown_line_key", "unknown JSON keys are ignored", sale(lines=sales_line(reserve=True))),
    hole("sales_serial_no_on_line", "a serial no. on a sales line is silently dropped",
         sale(lines=[{"type": "item", "no": "9000", "quantity": "1", "unit_price": "100", "location": "MAIN",
                      "serial_no": "SN-1"}])),
    hole("sales_overlong_description", "a description over 250 characters is cut without a word",
         sale(lines=sales_line(description="Kaffe " * 60))),
])
def test_an_invalid_sales_import_is_refused_and_writes_nothing(app, data):
    assert_refused_and_nothing_written(app, import_and_post_sales(app, data))


def sold(app, customer="C20000") -> int:
    stock(app)
    sales_posting.post(app, sales_documents.create_document(app, sale(customer_no=customer, lines=[
        {"type": "item", "no": "1000", "quantity": "2", "unit_price": "200", "location": "MAIN"}])))
    with app.uow() as s:
        return s.scalar(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.entry_type == "sale"))


@pytest.mark.parametrize("doc_type, customer, qty", [
    hole("sales_credit_memo_other_customer", "a credit memo returns another customer's sale",
         "credit_memo", "C10000", "1"),
    hole("sales_credit_memo_more_than_sold", "a credit memo returns more than was sold", "credit_memo", "C20000", "3"),
    hole("sales_return_other_customer", "a return order takes back another customer's sale",
         "return_order", "C10000", "1"),
])
def test_a_return_of_what_the_customer_did_not_buy_is_refused(app, doc_type, customer, qty):
    entry = sold(app, "C20000")
    data = sale(doc_type, customer_no=customer, lines=[{"type": "item", "no": "1000", "quantity": qty,
                                                        "unit_price": "200", "location": "MAIN",
                                                        "applies_from_entry": entry}])
    assert_refused_and_nothing_written(app, import_and_post_sales(app, data), drafts_may_stay=True)


def test_a_sales_invoice_for_an_item_blocked_after_import_is_not_posted(app):
    stock(app)
    no = sales_documents.create_document(app, sale(lines=[{"type": "item", "no": "1000", "quantity": "1",
                                                           "unit_price": "200", "location": "MAIN"}]))
    masterdata.set_flag(app, Item, "1000", blocked=True)
    assert_refused_and_nothing_written(app, lambda: sales_posting.post(app, no))


@pytest.mark.parametrize("quantities", [
    hole("sales_ship_unknown_line", "shipping line 2 of a one-line order ships everything", {2: D(1)}),
    hole("sales_ship_too_many_decimals", "a shipment quantity with 7 decimals raises a StatementError",
         {1: D("0.1234567")}),
])
def test_an_invalid_shipment_is_refused(app, quantities):
    stock(app)
    no = sales_documents.create_document(app, sale("order", [{"type": "item", "no": "1000", "quantity": "2",
                                                              "unit_price": "200", "location": "MAIN"}]))
    assert_refused_and_nothing_written(app, lambda: sales_posting.ship(app, no, quantities))


def test_an_item_journal_row_with_an_unknown_key_is_refused(app):
    row = {"posting_date": "2026-11-02", "entry_type": "purchase", "item_no": "1000", "location": "MAIN",
           "quantity": "1", "unit_cost": "10", "special_order": "yes"}
    assert_refused_and_nothing_written(app, lambda: journal.post_journal(app, [row]))


@pytest.mark.parametrize("values", [
    hole("reval_negative_unit_cost", "a revaluation to a negative unit cost posts", {"new_unit_cost": "-10"}),
    hole("reval_negative_amount", "a revaluation to a negative inventory value posts", {"revalued_amount": "-100"}),
])
def test_a_revaluation_to_a_negative_value_is_refused(app, values):
    stock(app)
    row = {"posting_date": "2026-11-20", "item_no": "1000", **values}
    assert_refused_and_nothing_written(app, lambda: revaluation.revalue(app, [row]))


def test_a_refused_revaluation_writes_nothing(app):
    def row(entry_type, date, cost=None):
        return {"posting_date": date, "entry_type": entry_type, "item_no": "1200", "location": "MAIN",
                "quantity": "1", **({"unit_cost": cost} if cost else {})}

    journal.post_journal(app, [row("purchase", "2026-11-02", "10"), row("sale", "2026-11-05")])
    journal.post_journal(app, [row("purchase", "2026-11-02", "30"), row("sale", "2026-11-06")])  # average moves
    assert_refused_and_nothing_written(app, lambda: revaluation.revalue(app, [
        {"posting_date": "2026-11-20", "item_no": "1200", "new_unit_cost": "50"}]))


def test_a_sale_dated_before_a_revaluation_of_an_average_item_leaves_no_value_behind(app):
    stock(app, "1200", "2", "100")
    revaluation.revalue(app, [{"posting_date": "2026-11-30", "item_no": "1200", "new_unit_cost": "50"}])
    sale_row = {"posting_date": "2026-11-12", "entry_type": "sale", "item_no": "1200", "location": "MAIN",
                "quantity": "2"}
    if isinstance(journal.post_journal(app, [sale_row]), Rejected):
        return  # refusing the backdated sale is a fix too
    adjustment.adjust(app)
    assert {r["item_no"]: (r["quantity"], r["value"]) for r in reports.inventory(app, "1200")} == {
        "1200": (D(0), D(0))}


@pytest.mark.parametrize("amount", [
    hole("payment_too_many_decimals", "payments apply --amount 1.234 raises a StatementError", D("1.234")),
    hole("payment_amount_too_large", "an amount of 10^20 raises an overflow", D("1e20")),
])
def test_a_payment_amount_the_ledger_cannot_hold_is_refused(app, amount):
    assert_refused_and_nothing_written(app, lambda: payments.post_payment(
        app, "customer", "C10000", amount, [], dt.date(2026, 11, 20)))


def test_a_reversed_posting_range_is_refused(app):
    assert_refused_and_nothing_written(app, lambda: masterdata.set_posting_range(
        app, dt.date(2026, 12, 31), dt.date(2026, 1, 1)))


@pytest.mark.parametrize("cls, no, value", [(Vendor, "V20000", "sometimes"), (Vendor, "V20000", "ship"),
                                             (Customer, "C10000", "payment"), (Item, "1000", "yes")])
def test_an_unknown_blocked_value_is_refused(app, cls, no, value):
    assert_refused_and_nothing_written(app, lambda: masterdata.set_flag(app, cls, no, blocked=value))


# --- valid commands the services mishandle -----------------------------------------------------


def interim_balance(app) -> dict:
    return {r["account_no"]: (r["inventory_value"], r["posted_to_gl"], r["gl_balance"])
            for r in costing_reports.inventory_reconciliation(app)}


def test_an_invoiced_receipt_leaves_the_interim_inventory_account_at_zero_after_post_to_gl(app):
    periods.set_inventory_setup(app, expected_cost_posting=True)
    no = purchase_orders.create_order(app, purchase("order", vendor_invoice_no=""))
    purchase_orders.receive(app, no)
    purchase_orders.invoice(app, no, "INV-1")
    gl_posting.post_inventory_cost(app)
    assert interim_balance(app)["1469"] == (D(0), D(0), D(0))


def test_an_invoiced_shipment_leaves_the_interim_inventory_account_at_zero_after_post_to_gl(app):
    periods.set_inventory_setup(app, expected_cost_posting=True, automatic_cost_posting=False)
    stock(app)
    no = sales_documents.create_document(app, sale("order", [{"type": "item", "no": "1000", "quantity": "2",
                                                              "unit_price": "200", "location": "MAIN"}]))
    sales_posting.ship(app, no)
    sales_posting.invoice(app, no)
    gl_posting.post_inventory_cost(app)
    assert interim_balance(app)["1469"] == (D(0), D(0), D(0))


def test_a_freight_charge_on_a_standard_cost_item_keeps_it_at_standard_cost(app):
    stock(app, "1300", "10", "400")
    with app.uow() as s:
        entry = s.scalar(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.item_no == "1300"))
    import_and_post(app, purchase(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                          "direct_unit_cost": "150.00", "assign_to_entry": entry}]))()
    with app.uow() as s:
        values = s.scalars(select(ValueEntry.cost_amount_actual).where(ValueEntry.item_ledger_entry_no == entry)).all()
    assert sum(values) == D("4000.00")


def test_a_positive_adjustment_of_a_standard_cost_item_at_another_cost_posts(app):
    result = journal.post_journal(app, [{"posting_date": "2026-11-02", "entry_type": "positive_adjustment",
                                         "item_no": "1300", "location": "MAIN", "quantity": "2", "unit_cost": "100"}])
    assert not isinstance(result, Rejected), result
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))


def test_a_payment_closes_a_foreign_currency_invoice_only_for_its_local_currency_value(app):
    invoice = import_and_post(app, purchase(lines=[gl()], currency="EUR", exchange_rate="11.5"))().posted_no
    payments.post_payment(app, "vendor", "V10000", D("125.00"), [invoice], dt.date(2026, 11, 20))
    with app.uow() as s:
        entries = s.scalars(select(VendorLedgerEntry)).all()
        open_lcy = sum(e.remaining_amount * e.amount_lcy / e.amount for e in entries if e.amount)
    payables = sum(r["balance"] for r in reports.trial_balance(app) if r["account_no"] == "2400")
    assert payables == open_lcy.quantize(D("0.01"))


@pytest.mark.parametrize("document", ["sales_order", "sales_invoice", "purchase_credit_memo"])
def test_two_lines_of_the_same_item_draw_on_the_same_receipt_in_one_posting(app, document):
    for _ in range(2):
        stock(app, qty="3")
    if document == "purchase_credit_memo":
        post = import_and_post(app, purchase("credit_memo", line(quantity="2") * 2))
    else:
        kind = document.removeprefix("sales_")
        post = import_and_post_sales(app, sale(kind, [{"type": "item", "no": "1000", "quantity": "2",
                                                      "unit_price": "200", "location": "MAIN"}] * 2))
    assert not isinstance(outcome_of(post), (Rejected, DomainError))
    with app.uow() as s:
        remaining = s.scalars(select(ItemLedgerEntry.remaining_quantity).where(ItemLedgerEntry.positive)).all()
    assert sum(remaining) == D(2)


@pytest.mark.parametrize("area", [
    hole("purchase_credit_memo_applies_to_ignored", "a credit memo's applies_to_doc_no is ignored", "purchase"),
    hole("sales_credit_memo_applies_to_ignored", "a credit memo's applies_to_doc_no is ignored", "sales"),
])
def test_a_credit_memo_is_applied_to_the_invoice_it_names(app, area):
    if area == "purchase":
        invoice = import_and_post(app, purchase(lines=[gl()]))().posted_no
        memo = import_and_post(app, purchase("credit_memo", [gl(amount="40.00")], applies_to_doc_no=invoice))()
        cls, memo_no = VendorLedgerEntry, memo.posted_no
    else:
        invoice = import_and_post_sales(app, sale())().invoice_no
        memo = import_and_post_sales(app, sale("credit_memo", sales_line(unit_price="40.00"),
                                               applies_to_doc_no=invoice))()
        cls, memo_no = CustomerLedgerEntry, memo.invoice_no
    with app.uow() as s:
        entries = {e.document_no: e for e in s.scalars(select(cls))}
        assert not entries[memo_no].open
        assert entries[invoice].remaining_amount == entries[invoice].amount + entries[memo_no].amount


@pytest.mark.parametrize("area", ["purchase", "sales"])
def test_a_credit_memo_is_not_applied_to_an_invoice_in_another_currency(app, area):
    """Found by the long simulation run (seed 20261206): a NOK credit memo naming a EUR invoice
    closed its remaining amount 1:1, so the control account no longer equalled the open entries
    in local currency. Business Central applies no entries between currencies by default: the
    credit memo is refused at import, nothing written."""
    eur = {"currency": "EUR", "exchange_rate": "11.50"}
    if area == "purchase":
        invoice = import_and_post(app, purchase(lines=[gl()], **eur))().posted_no
        command = import_and_post(app, purchase("credit_memo", [gl(amount="40.00")], vendor_invoice_no="CM-1",
                                                applies_to_doc_no=invoice))
        code = "PURCH-APPLIES-TO-OTHER-CURRENCY"
    else:
        invoice = import_and_post_sales(app, sale(**eur))().invoice_no
        command = import_and_post_sales(app, sale("credit_memo", [{"type": "gl_account", "no": "3000", "quantity": "1",
                                                                   "unit_price": "40.00"}], applies_to_doc_no=invoice))
        code = "SALES-APPLIES-TO-OTHER-CURRENCY"
    before = harness.fingerprint(app)
    with pytest.raises(DomainError) as refused:
        command()
    assert code in refused.value.rejected.codes
    assert harness.difference(before, harness.fingerprint(app)) == {}


def test_cancelling_a_revalued_invoice_with_two_lines_of_one_average_item_leaves_no_value(app):
    from domain.purchasing import correction as purchase_correction

    line = {"type": "item", "no": "1200", "quantity": "1", "direct_unit_cost": "1.00", "location": "MAIN"}
    posted = import_and_post(app, purchase(lines=[line, gl(amount="5.00"), dict(line)],
                                           posting_date="2026-11-02", document_date="2026-11-02"))()
    assert isinstance(revaluation.revalue(app, [{"posting_date": "2026-11-20", "item_no": "1200",
                                                  "revalued_amount": "1.00"}]), revaluation.RevaluationResult)
    assert not isinstance(purchase_correction.cancel_invoice(app, posted.posted_no), Rejected)
    adjustment.adjust(app, all_items=True)
    with app.uow() as s:
        quantity = s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == "1200"))
        value = s.scalar(select(func.sum(ValueEntry.cost_amount_actual)).where(ValueEntry.item_no == "1200"))
    assert quantity == 0 and value == 0


def _cancel_sale_leaves_stock_as_before(app, posted_no: str) -> None:
    from domain.sales import correction as sales_correction

    with app.uow() as s:
        before = s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == "1000"))
    result = sales_correction.cancel_invoice(app, posted_no)
    assert not isinstance(result, Rejected), result
    adjustment.adjust(app, all_items=True)
    with app.uow() as s:
        after = s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == "1000"))
        value = s.scalar(select(func.sum(ValueEntry.cost_amount_actual)).where(ValueEntry.item_no == "1000"))
        open_entries = s.scalars(select(CustomerLedgerEntry.document_no).where(CustomerLedgerEntry.open.is_(True))).all()
    assert after == D(10) and after > before
    assert value == D("1000.00")
    assert open_entries == []
    rows = reports.trial_balance(app)
    assert sum(r["debit"] for r in rows) == sum(r["credit"] for r in rows)


def test_cancelling_a_sales_invoice_with_two_lines_of_one_item_restores_the_stock(app):
    # issue 12, found by the long run (seed 20261206): the cancellation was refused with
    # SALES-RETURN-MORE-THAN-SHIPPED
    stock(app)
    lines = [{"type": "item", "no": "1000", "quantity": "0.5", "unit_price": "200", "location": "MAIN"},
             {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "10.00"},
             {"type": "item", "no": "1000", "quantity": "1.5", "unit_price": "210", "location": "MAIN"}]
    posted = import_and_post_sales(app, sale(lines=lines))()
    _cancel_sale_leaves_stock_as_before(app, posted.invoice_no)


@pytest.mark.parametrize("price, discount", [("200", "0"), ("200.33", "3"), ("200.33", "0")])
def test_cancelling_an_order_invoice_shipped_in_two_parts_restores_the_stock(app, price, discount):
    # the credit memo takes each part back from its own shipment entry, and its total is the
    # invoice's to the cent even where the parts round differently from the whole line
    stock(app)
    no = sales_documents.create_document(app, sale("order", [{"type": "item", "no": "1000", "quantity": "2",
                                                              "unit_price": price, "line_discount_pct": discount,
                                                              "location": "MAIN"}]))
    assert not isinstance(sales_posting.ship(app, no, {1: D("0.5")}), Rejected)
    assert not isinstance(sales_posting.ship(app, no, {1: D("1.5")}), Rejected)
    posted = sales_posting.invoice(app, no)
    assert not isinstance(posted, Rejected), posted
    _cancel_sale_leaves_stock_as_before(app, posted.invoice_no)


@pytest.mark.parametrize("price", ["200", "200.33"])
def test_cancelling_an_order_invoice_received_in_two_parts_removes_the_stock(app, price):
    from domain.purchasing import correction as purchase_correction

    no = purchase_orders.create_order(app, purchase("order", vendor_invoice_no="", lines=line(
        quantity="2", direct_unit_cost=price, line_discount_pct="3")))
    assert not isinstance(purchase_orders.receive(app, no, {1: D("0.5")}), Rejected)
    assert not isinstance(purchase_orders.receive(app, no, {1: D("1.5")}), Rejected)
    posted = purchase_orders.invoice(app, no, "F-77")
    assert not isinstance(posted, Rejected), posted
    result = purchase_correction.cancel_invoice(app, posted.posted_no)
    assert not isinstance(result, Rejected), result
    adjustment.adjust(app, all_items=True)
    with app.uow() as s:
        quantity = s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == "1000"))
        value = s.scalar(select(func.sum(ValueEntry.cost_amount_actual)).where(ValueEntry.item_no == "1000"))
        open_entries = s.scalars(select(VendorLedgerEntry.document_no).where(VendorLedgerEntry.open.is_(True))).all()
        remaining = s.scalars(select(ItemLedgerEntry.remaining_quantity).where(ItemLedgerEntry.item_no == "1000")).all()
    assert (quantity, value, open_entries) == (0, 0, [])
    assert set(remaining) == {0}
