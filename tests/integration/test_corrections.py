"""Corrections on posted documents as Business Central has them (issue 17, item 3), on SQLite and
PostgreSQL: Correct (cancel + a new draft copy), Cancel of a corrective credit memo (an invoice
that reverses it, the invoice it corrected open again), Copy Document (with or without header,
into another type, recalculated), the automatic application of a credit memo to the invoice it
corrects, and the posted document with the entries it made. Every correction leaves the trial
balance at zero per account, the vendor (customer) entries it touches closed and the items back."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.costing import periods as inventory_periods
from domain.inventory import journal as item_journal
from domain.ledger.model import (
    CustomerLedgerEntry,
    DetailedVendorLedgerEntry,
    GLEntry,
    ItemLedgerEntry,
    VendorLedgerEntry,
)
from domain.payments import posting as payments
from domain.problems import DomainError, Rejected, RejectedError
from domain.purchasing import copy as purchase_copy
from domain.purchasing import corrective as purchase_corrective
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader
from domain.sales import copy as sales_copy
from domain.sales import corrective as sales_corrective
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader, SalesHeader
from domain.setup.model.cards import Customer, Item, Vendor
from domain.setup.model.company import Company
from flows import documents
from flows.cli import app as cli
from tests.integration.test_documents_out import pdf_text
from tests.support.documents import credit_memo, gl_line, invoice, item_line

runner = CliRunner()


def post_purchase(app, data) -> str:
    return purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no


def balances(app) -> dict:
    with app.uow() as s:
        return {a: v for a, v in s.execute(select(GLEntry.gl_account_no, func.sum(GLEntry.amount))
                                           .group_by(GLEntry.gl_account_no)).all() if v != 0}


def counts(app) -> tuple:
    with app.uow() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (
            GLEntry, VendorLedgerEntry, DetailedVendorLedgerEntry, ItemLedgerEntry, PurchaseHeader, SalesHeader))


def on_hand(app, item_no="1000"):
    with app.uow() as s:
        return s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == item_no)) or D(0)


def vendor_entries(app) -> dict:
    with app.uow() as s:
        return {e.document_no: (e.remaining_amount, e.open) for e in s.scalars(select(VendorLedgerEntry))}


def run(app_url, *args):
    return runner.invoke(cli, ["--db", app_url, "--user", "kari", *args])


# -- purchase: Correct ----------------------------------------------------------------------


def test_correcting_a_purchase_invoice_cancels_it_and_opens_a_new_draft_with_its_lines(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "5", "100.00"), gl_line("6800", "200.00")]))
    result = purchase_corrective.correct_invoice(app, posted)
    assert result.credit_memo_no == "PPCM-000001"
    assert balances(app) == {}  # every account back at zero
    assert vendor_entries(app) == {posted: (D(0), False), "PPCM-000001": (D(0), False)}
    assert on_hand(app) == D(0)
    with app.uow() as s:
        assert s.get(PostedPurchaseHeader, posted).cancelled
        memo = s.get(PostedPurchaseHeader, "PPCM-000001")
        assert (memo.applies_to_doc_no, memo.is_correction) == (posted, True)
        draft = purchase_documents.get_document(s, result.draft_no)
        assert (draft.document_type, draft.status, draft.vendor_no, draft.vendor_invoice_no) == (
            "invoice", "open", "V10000", "")
        assert [(x.type, x.no, x.quantity, x.direct_unit_cost) for x in draft.lines] == [
            ("item", "1000", D(5), D(100)), ("gl_account", "6800", D(1), D(200))]
    purchase_edit.edit_document(app, result.draft_no, {"vendor_invoice_no": "F-CORRECTED"})
    assert purchase_posting.post_document(app, result.draft_no).posted_no == "PPI-000002"
    assert on_hand(app) == D(5)


def test_an_invoice_is_corrected_only_once_and_the_second_time_writes_nothing(app):
    posted = post_purchase(app, invoice(lines=[gl_line()]))
    purchase_corrective.correct_invoice(app, posted)
    before = counts(app)
    refused = purchase_corrective.correct_invoice(app, posted)
    assert isinstance(refused, Rejected) and refused.codes[0] == "PURCH-ALREADY-CANCELLED"
    assert counts(app) == before


def test_a_partly_applied_invoice_cannot_be_corrected(app):
    posted = post_purchase(app, invoice(lines=[gl_line("6800", "1000.00")]))
    post_purchase(app, credit_memo(lines=[gl_line("6800", "100.00")], applies_to_doc_no=posted))
    before = counts(app)
    refused = purchase_corrective.correct_invoice(app, posted)
    assert refused.codes == ["PURCH-CANCEL-INVOICE-PAID"] and counts(app) == before


def test_an_invoice_outside_the_allowed_posting_range_is_not_corrected(app):
    posted = post_purchase(app, invoice(lines=[gl_line()]))
    with app.uow() as s:
        s.scalars(select(Company)).one().allow_posting_from = dt.date(2026, 12, 1)
    before = counts(app)
    refused = purchase_corrective.correct_invoice(app, posted)
    assert isinstance(refused, Rejected) and "POST-DATE-NOT-ALLOWED" in refused.codes
    assert counts(app) == before


# -- purchase: Cancel of a corrective credit memo -------------------------------------------


def test_cancelling_a_corrective_credit_memo_posts_a_reversing_invoice_and_reopens_the_invoice(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "5", "100.00"), gl_line("6800", "200.00")]))
    invoiced = balances(app)
    purchase_corrective.cancel(app, posted)
    result = purchase_corrective.cancel(app, "PPCM-000001")
    assert result.posted_no == "PPI-000002"
    assert balances(app) == invoiced  # invoice, credit memo, invoice: the invoice stands once
    assert on_hand(app) == D(5)
    with app.uow() as s:
        amount = s.scalar(select(VendorLedgerEntry.amount).where(VendorLedgerEntry.document_no == posted))
        assert not s.get(PostedPurchaseHeader, posted).cancelled
        assert s.get(PostedPurchaseHeader, "PPCM-000001").cancelled
        assert s.get(PostedPurchaseHeader, "PPI-000002").applies_to_doc_no == "PPCM-000001"
    assert vendor_entries(app) == {posted: (amount, True), "PPCM-000001": (D(0), False), "PPI-000002": (D(0), False)}
    again = purchase_corrective.cancel(app, "PPCM-000001")
    assert again.codes == ["PURCH-ALREADY-CANCELLED"]
    # not cancelled any more, but the entry it received went back with the credit memo (the
    # reversing invoice holds the items now): BC refuses to cancel it again for that reason only
    assert purchase_corrective.cancel(app, posted).codes == ["PURCH-CANCEL-ITEM-CONSUMED"]


def test_only_a_corrective_credit_memo_can_be_cancelled(app):
    post_purchase(app, credit_memo(lines=[gl_line()]))
    before = counts(app)
    assert purchase_corrective.cancel(app, "PPCM-000001").codes == ["PURCH-CANCEL-NOT-CORRECTIVE"]
    assert counts(app) == before


# -- purchase: Copy Document -----------------------------------------------------------------


def test_a_posted_invoice_copied_into_a_credit_memo_applies_to_it_and_closes_it_when_posted(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "5", "100.00")]))
    draft = purchase_copy.copy_document(app, posted, document_type="credit_memo")
    with app.uow() as s:
        memo = purchase_documents.get_document(s, draft)
        assert (memo.document_type, memo.applies_to_doc_no, memo.lines[0].applies_to_item_entry) == (
            "credit_memo", posted, 1)
    purchase_edit.edit_document(app, draft, {"vendor_invoice_no": "KN-1"})
    credit = purchase_posting.post_document(app, draft).posted_no
    assert vendor_entries(app) == {posted: (D(0), False), credit: (D(0), False)}
    assert balances(app) == {} and on_hand(app) == D(0)


def test_lines_only_are_added_to_an_open_draft_and_recalculated_from_the_item_card(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "2", "100.00")]))
    target = purchase_documents.create_document(app, invoice(lines=[gl_line()]))
    with app.uow() as s:
        s.get(Item, "1000").last_direct_cost = D("123.45")
    assert purchase_copy.copy_document(app, posted, to_no=target, include_header=False, recalculate=True) == target
    with app.uow() as s:
        lines = purchase_documents.get_document(s, target).lines
        assert [(x.line_no, x.no, x.direct_unit_cost) for x in lines] == [
            (1, "6800", D(1000)), (2, "1000", D("123.45"))]


@pytest.mark.parametrize("change, code", [
    (lambda s: setattr(s.get(Vendor, "V10000"), "blocked", "all"), "PURCH-VENDOR-BLOCKED"),
    (lambda s: setattr(s.get(Item, "1000"), "blocked", True), "PURCH-ITEM-BLOCKED")])
def test_copying_from_a_blocked_vendor_or_with_a_blocked_item_is_refused(app, change, code):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "2", "100.00")]))
    with app.uow() as s:
        change(s)
    before = counts(app)
    with pytest.raises(RejectedError) as refused:
        purchase_copy.copy_document(app, posted)
    assert refused.value.rejected.codes == [code] and counts(app) == before


@pytest.mark.parametrize("args, code", [
    (("PPI-999999",), "COPY-DOCUMENT-NOT-FOUND"),
    (("PPI-000001", None, True, "quote"), "COPY-TYPE-NOT-AVAILABLE"),
    (("PPI-000001", None, False), "COPY-TARGET-WITHOUT-HEADER"),
    (("PPI-000001", "PI-999999", False), "COPY-DOCUMENT-NOT-FOUND")])
def test_copy_refuses_what_does_not_exist_or_cannot_be_made(app, args, code):
    post_purchase(app, invoice(lines=[gl_line()]))
    with pytest.raises(RejectedError) as refused:
        purchase_copy.copy_document(app, *args)
    assert refused.value.rejected.codes == [code]


# -- sales -----------------------------------------------------------------------------------


def stock(app, qty="10", cost="100"):
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1000",
                                     "location": "MAIN", "quantity": qty, "unit_cost": cost}])


def post_sale(app, lines=None, customer="C10000") -> str:
    no = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": customer, "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": lines or [
            {"type": "item", "no": "1000", "quantity": "3", "unit_price": "200.00", "location": "MAIN"}]})
    return sales_posting.post(app, no).invoice_no


def customer_entries(app) -> dict:
    with app.uow() as s:
        return {e.document_no: (e.remaining_amount, e.open) for e in s.scalars(select(CustomerLedgerEntry))}


def test_correcting_a_sales_invoice_cancels_it_and_opens_a_new_draft(app):
    stock(app)
    stocked = balances(app)
    posted = post_sale(app)
    result = sales_corrective.correct_invoice(app, posted)
    assert result.credit_memo_no == "PSCM-000001"
    assert balances(app) == stocked and on_hand(app) == D(10)
    assert customer_entries(app) == {posted: (D(0), False), "PSCM-000001": (D(0), False)}
    with app.uow() as s:
        draft = sales_documents.get_document(s, result.draft_no)
        assert (draft.document_type, draft.customer_no, [(x.no, x.quantity, x.unit_price) for x in draft.lines]) == (
            "invoice", "C10000", [("1000", D(3), D(200))])
    assert sales_corrective.correct_invoice(app, posted).codes == ["SALES-ALREADY-CANCELLED"]


def test_cancelling_a_corrective_sales_credit_memo_ships_again_and_reopens_the_invoice(app):
    stock(app)
    posted = post_sale(app)
    sold = balances(app)
    sales_corrective.cancel(app, posted)
    result = sales_corrective.cancel(app, "PSCM-000001")
    assert result.invoice_no == "PSI-000002" and on_hand(app) == D(7)
    with app.uow() as s:
        amount = s.scalar(select(CustomerLedgerEntry.amount).where(CustomerLedgerEntry.document_no == posted))
        assert not s.get(PostedSalesHeader, posted).cancelled and s.get(PostedSalesHeader, "PSCM-000001").cancelled
    assert customer_entries(app) == {posted: (amount, True), "PSCM-000001": (D(0), False),
                                     "PSI-000002": (D(0), False)}
    assert balances(app) == sold
    assert sales_corrective.cancel(app, "PSCM-000001").codes == ["SALES-ALREADY-CANCELLED"]


def test_a_posted_sales_invoice_copies_into_a_quote_and_into_a_credit_memo_that_applies_to_it(app):
    stock(app)
    posted = post_sale(app)
    quote = sales_copy.copy_document(app, posted, document_type="quote")
    memo = sales_copy.copy_document(app, posted, document_type="credit_memo")
    with app.uow() as s:
        q = sales_documents.get_document(s, quote)
        assert (q.document_type, q.lines[0].qty_to_invoice, q.lines[0].quantity) == ("quote", D(0), D(3))
        assert sales_documents.get_document(s, memo).applies_to_doc_no == posted
    credit = sales_posting.post(app, memo).invoice_no
    assert customer_entries(app) == {posted: (D(0), False), credit: (D(0), False)}
    assert on_hand(app) == D(10)


def test_copying_from_a_blocked_customer_is_refused(app):
    stock(app)
    posted = post_sale(app)
    with app.uow() as s:
        s.get(Customer, "C10000").blocked = "all"
    with pytest.raises(RejectedError) as refused:
        sales_copy.copy_document(app, posted)
    assert refused.value.rejected.codes == ["SALES-CUSTOMER-BLOCKED"]


# -- printed documents -----------------------------------------------------------------------


def test_a_corrective_purchase_credit_memo_prints_the_invoice_it_corrects(app):
    posted = post_purchase(app, invoice(lines=[gl_line("6800", "200.00")], vendor_invoice_no="F-77"))
    credit = purchase_corrective.correct_invoice(app, posted).credit_memo_no
    text = pdf_text(documents.render(app, credit, language="en").pdf)
    for expected in ("Purchase Credit Memo", credit, f"Corrects invoice {posted}", "Total credit NOK 250.00",
                     "Direct unit cost"):
        assert expected in text, expected
    nb = pdf_text(documents.render(app, posted, language="nb").pdf)
    assert "Innkjøpsfaktura" in nb and "Deres ref. F-77" in nb and "Å betale NOK 250,00" in nb
    assert "Gjelder faktura" not in nb


def test_a_corrective_sales_credit_memo_prints_the_invoice_it_corrects(app):
    stock(app)
    posted = post_sale(app)
    credit = sales_corrective.correct_invoice(app, posted).credit_memo_no
    text = pdf_text(documents.render(app, credit, language="en").pdf)
    assert "Credit Memo" in text and f"Corrects invoice {posted}" in text and "Total credit NOK 690.00" in text


# -- the CLI end to end ----------------------------------------------------------------------


def test_the_cli_corrects_cancels_copies_and_shows_posted_documents(app, db_url, tmp_path):
    path = tmp_path / "invoice.json"
    path.write_text(json.dumps(invoice(lines=[item_line("1000", "5", "100.00"), gl_line("6800", "200.00")])))
    draft = run(db_url, "purchase", "import", str(path)).output.strip()
    assert run(db_url, "purchase", "post", draft).output.strip() == "PPI-000001"
    corrected = run(db_url, "purchase", "correct", "PPI-000001")
    assert corrected.exit_code == 0, corrected.output
    memo, new_draft = corrected.output.split()
    assert memo == "PPCM-000001" and new_draft.startswith("PI-")
    again = run(db_url, "purchase", "correct", "PPI-000001")
    assert again.exit_code == 2 and "PURCH-ALREADY-CANCELLED" in again.output
    shown = json.loads(run(db_url, "purchase", "posted", "show", memo, "--json").output)
    assert (shown["applies_to_doc_no"], shown["is_correction"], shown["amount"], shown["remaining_amount"]) == (
        "PPI-000001", True, "700.00", "0.00")
    assert shown["lines"][0]["quantity_received"] == "-5.00000"
    assert [e["entry_type"] for e in shown["entries"]["item_ledger_entries"]] == ["purchase"]
    assert sum(D(e["amount"]) for e in shown["entries"]["gl_entries"]) == 0
    assert {e["document_type"] for e in shown["entries"]["vendor_ledger_entries"]} == {"credit_memo"}
    invoice_shown = json.loads(run(db_url, "purchase", "posted", "show", "PPI-000001", "--json").output)
    assert invoice_shown["cancelled"] is True and invoice_shown["applied_by"] == [memo]
    assert invoice_shown["lines"][0]["quantity_invoiced"] == "5.00000"
    cancelled = run(db_url, "purchase", "cancel", memo)
    assert cancelled.exit_code == 0 and cancelled.output.strip() == "PPI-000002"
    twice = run(db_url, "purchase", "cancel", memo)
    assert twice.exit_code == 2 and "PURCH-ALREADY-CANCELLED" in twice.output
    copied = run(db_url, "purchase", "copy", "PPI-000002", "--type", "order")
    assert copied.exit_code == 0 and copied.output.strip().startswith("PO-")
    into = run(db_url, "purchase", "copy", "PPI-000001", "--no-header", "--to", new_draft)
    assert into.exit_code == 0 and into.output.strip() == new_draft
    missing = run(db_url, "purchase", "copy", "PPI-999999")
    assert missing.exit_code == 2 and "COPY-DOCUMENT-NOT-FOUND" in missing.output
    quote = run(db_url, "purchase", "copy", "PPI-000001", "--type", "quote")
    assert quote.exit_code == 2 and "COPY-TYPE-NOT-AVAILABLE" in quote.output
    printed = run(db_url, "purchase", "posted", "render", memo, "--pdf", str(tmp_path / "memo.pdf"),
                  "--language", "en")
    assert printed.exit_code == 0, printed.output
    assert "Corrects invoice PPI-000001" in pdf_text((tmp_path / "memo.pdf").read_bytes())
    assert run(db_url, "purchase", "posted", "render", "PSI-000001", "--pdf", str(tmp_path / "x.pdf")).exit_code == 2
    table = run(db_url, "purchase", "posted", "show", "PPI-000002")
    assert table.exit_code == 0 and "Gl entries" in table.output
    assert run(db_url, "purchase", "posted", "show", "PPI-999999").exit_code == 2
    trial = json.loads(run(db_url, "report", "trial-balance", "--json").output)
    assert sum(D(r["balance"]) for r in trial) == 0


def test_the_sales_cli_corrects_cancels_and_copies(app, db_url):
    stock(app)
    posted = post_sale(app)
    corrected = run(db_url, "sales", "correct", posted)
    assert corrected.exit_code == 0, corrected.output
    memo, new_draft = corrected.output.split()
    assert memo == "PSCM-000001" and new_draft.startswith("SI-")
    shown = json.loads(run(db_url, "sales", "posted", "show", memo, "--json").output)
    assert shown["applies_to_doc_no"] == posted and shown["lines"][0]["quantity_shipped"] == "3.00000"
    cancelled = run(db_url, "sales", "cancel", memo)
    assert cancelled.exit_code == 0 and "invoice PSI-000002" in cancelled.output
    assert run(db_url, "sales", "cancel", memo).exit_code == 2
    quote = run(db_url, "sales", "copy", posted, "--type", "quote", "--recalculate")
    assert quote.exit_code == 0 and quote.output.strip().startswith("SQ-")
    bad = run(db_url, "sales", "copy", posted, "--no-header")
    assert bad.exit_code == 2 and "COPY-TARGET-WITHOUT-HEADER" in bad.output
    assert on_hand(app) == D(7)


def test_an_open_draft_copies_into_another_type_and_only_an_open_draft_takes_lines(app):
    order = purchase_documents.create_document(app, invoice(lines=[item_line("1000", "2", "90.00")]))
    copied = purchase_copy.copy_document(app, order, document_type="order")
    with app.uow() as s:
        new = purchase_documents.get_document(s, copied)
        assert (new.document_type, new.lines[0].qty_to_receive, new.lines[0].direct_unit_cost) == (
            "order", D(2), D(90))
    purchase_posting.post_document(app, order)
    with pytest.raises(RejectedError) as refused:
        purchase_copy.copy_document(app, copied, to_no=order, include_header=False)
    assert refused.value.rejected.codes == ["COPY-TARGET-NOT-OPEN"]


def test_a_sales_quote_copies_into_an_order_and_a_plain_credit_memo_is_not_cancelled(app):
    quote = sales_documents.create_document(app, {
        "document_type": "quote", "customer_no": "C10000", "lines": [
            {"type": "item", "no": "1000", "quantity": "4", "unit_price": "10.00", "location": "MAIN"}]})
    order = sales_copy.copy_document(app, quote, document_type="order")
    with app.uow() as s:
        line = sales_documents.get_document(s, order).lines[0]
        assert (line.qty_to_ship, line.qty_to_invoice, line.unit_price) == (D(4), D(4), D(10))
    memo = sales_documents.create_document(app, {
        "document_type": "credit_memo", "customer_no": "C10000", "lines": [
            {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "50.00"}]})
    credit = sales_posting.post(app, memo).invoice_no
    assert sales_corrective.cancel(app, credit).codes == ["SALES-CANCEL-NOT-CORRECTIVE"]


def test_an_invoice_whose_items_are_in_a_closed_inventory_period_is_not_corrected(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "5", "100.00")], posting_date="2026-10-20",
                                        document_date="2026-10-20"))
    cost_adjustment.adjust(app)
    inventory_periods.close_period(app, dt.date(2026, 10, 31))
    before = counts(app)
    with pytest.raises(DomainError) as refused:
        purchase_corrective.correct_invoice(app, posted)
    assert refused.value.code == "INV-PERIOD-CLOSED" and counts(app) == before


@pytest.mark.parametrize("paid", ["690.00", "100.00"])
def test_a_paid_or_partly_paid_sales_invoice_is_neither_corrected_nor_cancelled(app, paid):
    stock(app)
    posted = post_sale(app)
    payments.post_payment(app, "customer", "C10000", D(paid), [posted], dt.date(2026, 11, 20))
    before = counts(app)
    assert sales_corrective.correct_invoice(app, posted).codes == ["SALES-CANCEL-INVOICE-PAID"]
    assert sales_corrective.cancel(app, posted).codes == ["SALES-CANCEL-INVOICE-PAID"]
    assert counts(app) == before and on_hand(app) == D(7)


def test_an_invoice_with_a_blocked_item_is_not_corrected_and_nothing_is_written(app):
    posted = post_purchase(app, invoice(lines=[item_line("1000", "5", "100.00")]))
    with app.uow() as s:
        s.get(Item, "1000").blocked = True
    before = counts(app)
    refused = purchase_corrective.correct_invoice(app, posted)
    assert refused.codes == ["PURCH-ITEM-BLOCKED"] and counts(app) == before
    with app.uow() as s:
        assert not s.get(PostedPurchaseHeader, posted).cancelled


def test_a_posted_shipment_copies_into_an_order_with_prices_recalculated_from_the_item_card(app):
    stock(app)
    order = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "lines": [
            {"type": "item", "no": "1000", "quantity": "2", "unit_price": "200.00", "location": "MAIN"}]})
    shipment = sales_posting.ship(app, order).shipment_no
    with app.uow() as s:
        s.get(Item, "1000").unit_price = D("210.50")
    copied = sales_copy.copy_document(app, shipment, recalculate=True)
    with app.uow() as s:
        new = sales_documents.get_document(s, copied)
        assert (new.document_type, new.lines[0].quantity, new.lines[0].qty_to_ship, new.lines[0].unit_price) == (
            "order", D(2), D(2), D("210.50"))
