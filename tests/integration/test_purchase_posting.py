"""Posting purchase invoices and credit memos on SQLite and PostgreSQL."""

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from domain.ledger.model import GLEntry, ItemApplicationEntry, ItemLedgerEntry, ValueEntry, VendorLedgerEntry
from domain.problems import Rejected, RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup import masterdata
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import GLAccount
from tests.support.documents import credit_memo, gl_line, invoice, item_line


def post(app, data):
    no = purchase_documents.create_document(app, data)
    return no, purchase_posting.post_document(app, no)


def gl_balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def test_posting_an_invoice_with_item_and_gl_lines_writes_balanced_ledgers(app):
    no, result = post(app, invoice(lines=[item_line("1000", "12", "185.50"), gl_line("6800", "1249.00"),
                                          gl_line("7140", "412.50", vat="LOW")]))
    assert result.posted_no == "PPI-000001"
    with app.uow() as s:
        entries = s.scalars(select(GLEntry)).all()
        assert sum(e.amount for e in entries) == D(0)
        vle = s.scalars(select(VendorLedgerEntry)).one()
        # 2226.00 + 1249.00 + 412.50 net; VAT 333.90 (15 %) + 312.25 (25 %) + 49.50 (12 %)
        assert vle.amount == D("-4583.15") and vle.remaining_amount == vle.amount and vle.open
        assert vle.due_date.isoformat() == "2026-12-20"  # vendor V10000 pays 30D
        ile = s.scalars(select(ItemLedgerEntry)).one()
        assert (ile.quantity, ile.remaining_quantity, ile.open) == (D(12), D(12), True)
        value = s.scalars(select(ValueEntry)).one()
        assert value.cost_amount_actual == D("2226.00") and value.cost_posted_to_gl == D("2226.00")
        application = s.scalars(select(ItemApplicationEntry)).one()
        assert application.inbound_item_entry_no == ile.entry_no and application.quantity == D(12)
        assert s.get(Item, "1000").last_direct_cost == D("185.5")
        draft = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        assert draft.status == "posted" and draft.posted_no == "PPI-000001"
    assert gl_balance(app, "2400") == D("-4583.15")
    assert gl_balance(app, "1460") == D("2226.00")  # inventory
    assert gl_balance(app, "4300") == D("2226.00")  # purchases
    assert gl_balance(app, "4390") == D("-2226.00")  # direct cost applied
    assert gl_balance(app, "2711") == D("333.90")


def test_posting_the_same_document_twice_returns_the_first_result(app):
    no, first = post(app, invoice())
    second = purchase_posting.post_document(app, no)
    assert second.posted_no == first.posted_no and second.already_posted
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(VendorLedgerEntry)) == 1


def test_duplicate_vendor_invoice_no_is_refused_at_creation_even_written_differently(app):
    post(app, invoice(vendor_invoice_no="INV-2026-42"))
    with pytest.raises(RejectedError) as err:
        purchase_documents.create_document(app, invoice(vendor_invoice_no="inv 2026 42"))
    assert err.value.rejected.codes == ["AP-DUPLICATE-VENDOR-INVOICE"]


def test_duplicate_vendor_invoice_no_between_two_drafts_is_refused_at_posting(app):
    first = purchase_documents.create_document(app, invoice(vendor_invoice_no="X-1"))
    with app.uow() as s:  # a second draft that slipped in before the first was posted
        s.add(PurchaseHeader(**{c: getattr(s.scalar(select(PurchaseHeader)), c) for c in (
            "document_type", "vendor_no", "vendor_invoice_no", "vendor_invoice_no_norm", "document_date",
            "posting_date", "due_date", "currency_code", "gen_bus_posting_group", "vat_bus_posting_group",
            "vendor_posting_group")}, no="PI-999999",
            lines=[PurchaseLine(line_no=1, type="gl_account", no="6800", quantity=D(1),
                                  direct_unit_cost=D(10), gen_prod_posting_group="",
                                  vat_prod_posting_group="HIGH")]))
    assert purchase_posting.post_document(app, first).posted_no == "PPI-000001"
    refused = purchase_posting.post_document(app, "PI-999999")
    assert isinstance(refused, Rejected) and refused.codes == ["AP-DUPLICATE-VENDOR-INVOICE"]


def test_same_vendor_invoice_no_is_allowed_for_another_vendor_and_for_a_credit_memo(app):
    post(app, invoice(vendor_invoice_no="100"))
    _, other_vendor = post(app, invoice("V20000", vendor_invoice_no="100"))
    _, memo = post(app, credit_memo(vendor_invoice_no="100", lines=[gl_line("6800", "10")]))
    assert other_vendor.posted_no == "PPI-000002" and memo.posted_no == "PPCM-000001"


def test_missing_vendor_invoice_no_is_refused_with_a_field_problem(app):
    with pytest.raises(RejectedError) as err:
        purchase_documents.create_document(app, invoice(vendor_invoice_no=""))
    assert [(p.code, p.field) for p in err.value.rejected.problems] == [("IMPORT-MISSING-FIELD", "vendor_invoice_no")]


def test_blocked_vendor_and_blocked_item_are_refused_at_posting(app):
    no = purchase_documents.create_document(app, invoice())
    masterdata.set_flag(app, Vendor, "V10000", blocked="all")
    masterdata.set_flag(app, Item, "1000", blocked=True)
    refused = purchase_posting.post_document(app, no)
    assert set(refused.codes) == {"PURCH-VENDOR-BLOCKED", "PURCH-ITEM-BLOCKED"}


def test_posting_date_outside_the_allowed_range_is_refused_and_a_user_range_overrides(app):
    import datetime as dt

    no = purchase_documents.create_document(app, invoice(posting_date="2026-10-15"))
    masterdata.set_posting_range(app, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert purchase_posting.post_document(app, no).codes == ["POST-DATE-NOT-ALLOWED"]
    masterdata.set_posting_range(app, dt.date(2026, 10, 1), dt.date(2026, 10, 31), user_id="kari")
    assert purchase_posting.post_document(app, no).posted_no == "PPI-000001"


def test_a_failed_posting_writes_nothing_and_leaves_no_gap_in_posted_numbers(app):
    good = purchase_documents.create_document(app, invoice())
    bad = purchase_documents.create_document(app, invoice(lines=[item_line(), gl_line("6800")]))
    with app.uow() as s:  # break the setup the second posting needs
        s.get(GLAccount, "6800").blocked = True
    refused = purchase_posting.post_document(app, bad)
    assert refused.codes == ["GL-ACCOUNT-BLOCKED"]
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(GLEntry)) == 0
        assert s.scalar(select(func.count()).select_from(ItemLedgerEntry)) == 0
        s.get(GLAccount, "6800").blocked = False
    assert purchase_posting.post_document(app, good).posted_no == "PPI-000001"
    assert purchase_posting.post_document(app, bad).posted_no == "PPI-000002"


def test_vat_printed_on_the_invoice_outside_tolerance_sends_it_back(app):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "100.00")], vat_amount="26.00"))
    assert purchase_posting.post_document(app, no).codes == ["PURCH-VAT-MISMATCH"]


def test_reverse_charge_service_from_abroad_posts_input_and_output_vat(app):
    _, result = post(app, invoice("V90000", lines=[gl_line("6800", "1000.00")]))
    assert result.posted_no
    assert gl_balance(app, "2715") == D("250.00")
    assert gl_balance(app, "2705") == D("-250.00")
    assert gl_balance(app, "2400") == D("-1000.00")


def test_prices_including_vat_post_the_net_amount_to_the_expense_account(app):
    post(app, invoice(lines=[gl_line("6800", "1250.00")], prices_including_vat=True))
    assert gl_balance(app, "6800") == D("1000.00")
    assert gl_balance(app, "2710") == D("250.00")


def test_foreign_currency_invoice_posts_local_currency_to_the_general_ledger(app):
    _, result = post(app, invoice(lines=[gl_line("6800", "100.00")], currency="EUR", exchange_rate="11.7345"))
    assert result.posted_no
    assert gl_balance(app, "6800") == D("1173.45")
    with app.uow() as s:
        vle = s.scalars(select(VendorLedgerEntry)).one()
        assert vle.amount == D("-125.00") and vle.amount_lcy == D("-1466.81")


def test_foreign_currency_without_exchange_rate_is_refused(app):
    no = purchase_documents.create_document(app, invoice(lines=[gl_line()], currency="EUR"))
    assert purchase_posting.post_document(app, no).codes == ["PURCH-EXCHANGE-RATE-MISSING"]


def test_standard_cost_item_posts_purchase_variance(app):
    post(app, invoice(lines=[item_line("1300", "10", "420.00")]))  # standard cost 400
    assert gl_balance(app, "1460") == D("4000.00")
    assert gl_balance(app, "4396") == D("200.00")


def test_credit_memo_returns_items_applied_to_the_open_receipt(app):
    _, inv = post(app, invoice(lines=[item_line("1000", "10", "100")]))
    _, memo = post(app, credit_memo(lines=[item_line("1000", "4", "100", applies_to_entry=1)]))
    assert memo.posted_no == "PPCM-000001"
    with app.uow() as s:
        inbound = s.get(ItemLedgerEntry, 1)
        outbound = s.get(ItemLedgerEntry, 2)
        assert inbound.remaining_quantity == D(6) and outbound.quantity == D(-4)
        assert s.scalars(select(ItemApplicationEntry).where(
            ItemApplicationEntry.outbound_item_entry_no == 2)).one().fixed
    assert gl_balance(app, "1460") == D("600.00")
    assert gl_balance(app, "2400") == D("-690.00")  # (1000 - 400) + 15 % VAT


def test_credit_memo_for_more_than_is_in_stock_is_refused(app):
    post(app, invoice(lines=[item_line("1000", "2", "100")]))
    no = purchase_documents.create_document(app, credit_memo(lines=[item_line("1000", "3", "100")]))
    assert purchase_posting.post_document(app, no).codes == ["INV-INSUFFICIENT-QUANTITY"]


def test_item_charge_adds_cost_to_the_assigned_receipt_without_new_quantity(app):
    post(app, invoice(lines=[item_line("1000", "10", "100")]))
    _, result = post(app, invoice("V20000", lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": 1,
                                                    "direct_unit_cost": "150.00", "assign_to_entry": 1}]))
    assert result.posted_no
    with app.uow() as s:
        values = s.scalars(select(ValueEntry).where(ValueEntry.item_ledger_entry_no == 1)).all()
        assert sorted(v.cost_amount_actual for v in values) == [D("150.00"), D("1000.00")]
        assert s.scalar(select(func.count()).select_from(ItemLedgerEntry)) == 1
    assert gl_balance(app, "1460") == D("1150.00")
    assert gl_balance(app, "4360") == D("150.00")


def test_charge_line_without_assignment_is_refused(app):
    no = purchase_documents.create_document(app, invoice(lines=[{"type": "charge_item", "no": "FREIGHT",
                                                                  "quantity": 1, "direct_unit_cost": "5"}]))
    assert purchase_posting.post_document(app, no).codes == ["PURCH-CHARGE-NOT-ASSIGNED"]


def test_import_reports_every_problem_at_once(app):
    data = invoice("V10000", lines=[{"type": "item", "no": "NOPE", "quantity": "x", "direct_unit_cost": "1"},
                                    {"type": "bogus", "no": "1"}], posting_date="2026-13-01")
    with pytest.raises(RejectedError) as err:
        purchase_documents.create_document(app, data)
    codes = set(err.value.rejected.codes)
    assert {"IMPORT-INVALID-DATE", "PURCH-UNKNOWN-ITEM", "IMPORT-INVALID-NUMBER", "IMPORT-INVALID-CHOICE"} <= codes


def test_dutch_company_posts_btw_21_and_9(app_nl):
    _, result = post(app_nl, invoice(lines=[gl_line("4300", "200.00"), gl_line("4500", "100.00", vat="LOW")]))
    assert result.posted_no == "PPI-000001"
    assert gl_balance(app_nl, "1510") == D("51.00")
    assert gl_balance(app_nl, "1600") == D("-351.00")


def test_more_decimals_than_a_column_holds_is_a_clear_problem_not_a_crash(app):
    data = invoice(lines=[gl_line("6800", "10.1234567"), item_line(quantity="1.123456")])
    with pytest.raises(RejectedError) as err:
        purchase_documents.create_document(app, data)
    assert [(p.code, p.field) for p in err.value.rejected.problems] == [
        ("IMPORT-TOO-MANY-DECIMALS", "lines[1].direct_unit_cost"),
        ("IMPORT-TOO-MANY-DECIMALS", "lines[2].quantity")]


def test_one_freight_charge_shared_equally_and_by_amount_over_several_receipts(app):
    post(app, invoice(lines=[item_line("1000", "10", "100"), item_line("1100", "10", "300")]))  # entries 1, 2
    charge = {"type": "charge_item", "no": "FREIGHT", "quantity": 1, "direct_unit_cost": "100.01"}
    post(app, invoice("V20000", lines=[{**charge, "assign_to_entries": [1, 2]}]))
    post(app, invoice("V20000", lines=[{**charge, "direct_unit_cost": "100.00", "assign_to_entries": [1, 2],
                                        "assignment_method": "by_amount"}]))
    with app.uow() as s:
        charges = s.execute(select(ValueEntry.document_no, ValueEntry.item_ledger_entry_no,
                                   ValueEntry.cost_amount_actual).where(ValueEntry.item_charge_no == "FREIGHT")
                            .order_by(ValueEntry.entry_no)).all()
    assert [(e, c) for _, e, c in charges] == [
        (1, D("50.00")), (2, D("50.01")),  # equally; the rounding cent goes to one entry, never lost
        (1, D("25.00")), (2, D("75.00"))]  # by amount: 1,000 vs 3,000 of direct cost
    assert gl_balance(app, "1460") == D("4000.00") + D("100.01") + D("100.00")


def test_charge_assigned_to_an_entry_that_does_not_exist_is_refused(app):
    no = purchase_documents.create_document(app, invoice(lines=[{
        "type": "charge_item", "no": "FREIGHT", "quantity": 1, "direct_unit_cost": "5", "assign_to_entries": [99]}]))
    refused = purchase_posting.post_document(app, no)
    assert refused.codes == ["PURCH-CHARGE-NOT-ASSIGNED"]
