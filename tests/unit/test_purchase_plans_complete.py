"""The purchase planner returns complete plans: nothing is patched onto them after planning.

A credit memo line's applications to open inbound entries and an invoice line's receipt
part (the receipt's item ledger entry, the expected cost it reverses) come in with the
snapshot, so what ``plan_purchase`` returns is exactly what is written.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from domain.ledger.rules.order_posting import InterimSetup
from domain.ledger.rules.posting import AccountInfo, GeneralSetup, SetupTables, VatSetup
from domain.problems import Rejected
from domain.purchasing.rules import ItemSnap, LineSnap, PurchaseSnapshot, ReceiptPart, plan_purchase

DAY = dt.date(2026, 11, 20)
ITEM = ItemSnap("1000", "inventory", False, "fifo", Decimal(0), "RESALE")


def setup() -> SetupTables:
    accounts = ["1460", "1461", "2400", "2710", "4300", "4390", "4391"]
    general = GeneralSetup(purch_account="4300", direct_cost_applied_account="4390")
    return SetupTables(
        general={("DOMESTIC", "RETAIL"): general},
        vat={("DOMESTIC", "HIGH"): VatSetup(Decimal(25), "normal", "2710", "2700", None)},
        inventory={("", "RESALE"): "1460"}, payables={"DOMESTIC": "2400"},
        accounts={a: AccountInfo(False, True) for a in accounts})


def interim() -> InterimSetup:
    return InterimSetup(general={("DOMESTIC", "RETAIL"): (None, "4391")}, inventory={("", "RESALE"): "1461"})


def line(qty="2", **kw) -> LineSnap:
    return LineSnap(1, "item", "1000", "x", Decimal(qty), Decimal(50), Decimal(0), "RETAIL", "HIGH", "",
                    item=ITEM, **kw)


def snapshot(doc_type="invoice", lines=(), **kw) -> PurchaseSnapshot:
    return PurchaseSnapshot(doc_type, "PI-1", "V1", "", "INV-1", DAY, DAY, DAY, None, Decimal(0), "NOK", "NOK",
                            Decimal(1), False, "DOMESTIC", "DOMESTIC", "DOMESTIC", None, None, None, True,
                            Decimal("0.05"), lines=tuple(lines), **kw)


def test_a_credit_memo_line_carries_its_applications_when_the_planner_returns():
    applied = line(applications=((7, Decimal(1)), (9, Decimal(1))), applies_to_item_entry=7)
    plan = plan_purchase(snapshot("credit_memo", [applied]), setup())
    posting = plan.item_postings[0]
    assert posting.quantity == Decimal(-2)
    assert posting.applications == [(7, Decimal(1)), (9, Decimal(1))]
    assert posting.fixed_application is True


def test_an_invoice_line_without_applies_to_is_not_a_fixed_application():
    plan = plan_purchase(snapshot("invoice", [line()]), setup())
    assert plan.item_postings[0].applications == []
    assert plan.item_postings[0].fixed_application is False


def test_an_invoice_of_a_receipt_line_adds_its_values_to_the_receipt_entry_and_reverses_expected_cost():
    part = ReceiptPart(entry_no=42, open_quantity=Decimal(5), expected_cost=Decimal("95.00"))
    plan = plan_purchase(snapshot(lines=[line(receipt=part)]), setup(), interim())
    posting = plan.item_postings[0]
    assert posting.target_entry_no == 42
    direct = posting.values[0]
    assert (direct.cost_amount, direct.cost_amount_expected) == (Decimal("100.00"), Decimal("-95.00"))
    assert direct.valued_quantity == direct.invoiced_quantity == Decimal(2)
    assert not any(g.account_no in ("1461", "4391") for g in plan.gl_lines)  # no expected cost posting


def test_with_expected_cost_posting_the_plan_reverses_the_interim_accounts_itself():
    part = ReceiptPart(entry_no=42, open_quantity=Decimal(5), expected_cost=Decimal("95.00"))
    plan = plan_purchase(snapshot(lines=[line(receipt=part)], expected_cost_posting=True), setup(), interim())
    interim_lines = {g.account_no: g.amount for g in plan.gl_lines if g.account_no in ("1461", "4391")}
    assert interim_lines == {"1461": Decimal("-95.00"), "4391": Decimal("95.00")}
    assert sum(g.amount for g in plan.gl_lines) == 0


def test_invoicing_more_than_was_received_is_refused_by_the_planner_with_the_other_problems():
    part = ReceiptPart(entry_no=42, open_quantity=Decimal(1))
    no_vendor_invoice_no = dataclasses.replace(snapshot(lines=[line(receipt=part)]), vendor_invoice_no=" ")
    result = plan_purchase(no_vendor_invoice_no, setup(), interim())
    assert isinstance(result, Rejected)
    assert [p.code for p in result.problems] == ["PURCH-INVOICE-MORE-THAN-RECEIVED",
                                                 "PURCH-VENDOR-INVOICE-NO-MISSING"]
    assert result.problems[0].params["received_not_invoiced"] == "1"


def test_a_drop_shipment_receipt_line_waits_for_its_sales_line_to_be_invoiced():
    part = ReceiptPart(42, Decimal(5), drop_shipment=True, sales_invoiced=Decimal(1), order_invoiced=Decimal(0),
                       sales_order_no="SO-1")
    result = plan_purchase(snapshot(lines=[line(receipt=part)]), setup(), interim())
    assert [(p.code, p.params["sales_order_no"]) for p in result.problems] == [
        ("PURCH-DROP-SHIPMENT-SALES-NOT-INVOICED", "SO-1")]
    enough = dataclasses.replace(part, sales_invoiced=Decimal(2))
    assert not isinstance(plan_purchase(snapshot(lines=[line(receipt=enough)]), setup(), interim()), Rejected)


def test_the_planner_refuses_a_discount_above_100_and_a_negative_unit_cost_itself():
    bad = dataclasses.replace(line(), line_discount_pct=Decimal(150), direct_unit_cost=Decimal(-1))
    planned = plan_purchase(snapshot(lines=[bad]), setup(), interim())
    assert isinstance(planned, Rejected)
    assert planned.codes == ["PURCH-NEGATIVE-UNIT-COST", "PURCH-LINE-DISCOUNT-OUT-OF-RANGE"]
