"""Issue 16: Indirect Cost % and Overhead Rate (BC item card and purchase line), on SQLite and
PostgreSQL.

BC "Design Details: Inventory Posting" example: a purchase of 10 units at a direct unit cost of
7.00 with an overhead rate of 1.00 posts a direct-cost value entry of 70.00 and an indirect-cost
value entry of 10.00 (Inventory / Overhead Applied); one unit sold costs 8.00. A Standard item
stays at standard: the variance takes the direct and the indirect share ("Design Details:
Variance": actual cost - standard cost).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.inventory import items as item_cards
from domain.ledger import reports
from domain.problems import RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.setup.model.cards import Item
from tests.support.costing import costs, new_item, post, row, stock, value_entries
from tests.support.documents import gl_line, invoice, item_line

INVENTORY, DIRECT_COST_APPLIED, OVERHEAD_APPLIED, PURCHASE_VARIANCE = "1460", "4390", "4397", "4396"
INTERIM, ACCRUAL_INTERIM = "1469", "2790"


def balances(app) -> dict[str, D]:
    return {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}


def post_invoice(app, data):
    result = purchase_posting.post_document(app, purchase_documents.create_document(app, data))
    assert not hasattr(result, "problems"), result
    return result


def invariants_hold(app, *items) -> None:
    """Value at quantity 0 is 0 after adjustment, the inventory accounts equal the value entries
    after post-to-G/L, and the trial balance is 0."""
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    for item in items:
        qty, value = stock(app, item)
        assert qty != 0 or value == 0
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert sum(balances(app).values(), D(0)) == 0


def with_overhead(app, no, method="fifo", pct=None, rate=None, **extra):
    new_item(app, no, method, **extra)
    given = {"indirect_cost_pct": pct, "overhead_rate": rate}
    item_cards.set_item(app, no, {k: v for k, v in given.items() if v is not None})
    return no


def test_bcs_inventory_posting_example_posts_the_overhead_as_an_indirect_cost_entry(app):
    item = with_overhead(app, "OH-BC", rate="1")
    post_invoice(app, invoice(lines=[item_line(item, "10", "7.00")]))
    assert [(v.entry_type, v.cost_amount_actual, v.invoiced_quantity) for v in value_entries(app, item)] == [
        ("direct_cost", D("70.00"), D(10)), ("indirect_cost", D("10.00"), D(0))]
    with app.uow() as s:
        card = s.get(Item, item)
        assert (card.last_direct_cost, card.unit_cost) == (D("7"), D("8"))
    sale, = post(app, row("sale", item, 1, date="2026-11-21"))
    cost_adjustment.adjust(app)
    assert costs(app, item)[sale] == D("-8.00")
    gl_posting.post_inventory_cost(app)
    b = balances(app)
    assert (b[INVENTORY], b[OVERHEAD_APPLIED]) == (D("72.00"), D("-10.00"))
    assert stock(app, item) == (D(9), D("72.00"))
    invariants_hold(app, item)


def test_the_indirect_cost_pct_defaults_from_the_item_and_a_line_may_set_its_own(app):
    item = with_overhead(app, "OH-PCT", pct="10", rate="0.50")
    no = purchase_documents.create_document(app, invoice(lines=[item_line(item, "4", "25.00")]))
    with app.uow() as s:
        assert purchase_documents.get_document(s, no).lines[0].indirect_cost_pct == D("10")
    purchase_posting.post_document(app, no)
    post_invoice(app, invoice(lines=[item_line(item, "2", "25.00", indirect_cost_pct="0")]))
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, item)] == [
        ("direct_cost", D("100.00")), ("indirect_cost", D("12.00")),  # 10 % of 100 + 4 x 0.50
        ("direct_cost", D("50.00")), ("indirect_cost", D("1.00"))]  # the line's 0 %, the rate stays
    with app.uow() as s:
        assert s.get(Item, item).unit_cost == D("25.5")
    post(app, row("sale", item, 6, date="2026-11-22"))
    invariants_hold(app, item)
    assert balances(app)[OVERHEAD_APPLIED] == D("-13.00")


def test_a_standard_item_with_overhead_stays_at_standard_and_the_variance_takes_the_rest(app):
    item = with_overhead(app, "OH-STD", "standard", pct="10", standard_cost="100")
    post_invoice(app, invoice(lines=[item_line(item, "2", "80.00")]))
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, item)] == [
        ("direct_cost", D("160.00")), ("indirect_cost", D("16.00")), ("variance", D("24.00"))]
    assert stock(app, item) == (D(2), D("200.00"))
    b = balances(app)
    assert (b[OVERHEAD_APPLIED], b[PURCHASE_VARIANCE]) == (D("-16.00"), D("-24.00"))
    post(app, row("sale", item, 2, date="2026-11-22"))
    invariants_hold(app, item)


@pytest.mark.parametrize("method", ["fifo", "standard"])
def test_a_received_order_is_expected_with_its_overhead_and_the_invoice_clears_the_interim_accounts(
        app, method):
    inventory_periods.set_inventory_setup(app, expected_cost_posting=True)
    item = with_overhead(app, f"OH-EXP-{method}", method, pct="10", rate="1",
                         **({"standard_cost": "60"} if method == "standard" else {}))
    no = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "vendor_invoice_no": "", "posting_date": "2026-11-20",
        "document_date": "2026-11-20", "lines": [item_line(item, "2", "50.00")]})
    purchase_orders.receive(app, no)
    expected = D("112.00") if method == "fifo" else D("120.00")  # 100 + 10 % + 2 x 1.00 | standard
    assert [v.cost_amount_expected for v in value_entries(app, item)] == [expected]
    purchase_orders.invoice(app, no, f"INV-OH-{method}")
    entries = [(v.entry_type, v.cost_amount_actual, v.cost_amount_expected) for v in value_entries(app, item)][1:]
    assert entries[:2] == [("direct_cost", D("100.00"), -expected), ("indirect_cost", D("12.00"), D(0))]
    assert stock(app, item) == (D(2), expected)
    gl_posting.post_inventory_cost(app)
    b = balances(app)
    assert (b.get(INTERIM, D(0)), b.get(ACCRUAL_INTERIM, D(0))) == (D(0), D(0))
    assert b[OVERHEAD_APPLIED] == D("-12.00")
    post(app, row("sale", item, 2, date="2026-11-23"))
    invariants_hold(app, item)


def test_a_negative_indirect_cost_or_overhead_on_the_item_card_is_refused_and_nothing_changes(app):
    item = new_item(app, "OH-BAD", "fifo")
    with pytest.raises(RejectedError) as refused:
        item_cards.set_item(app, item, {"indirect_cost_pct": "-5", "overhead_rate": "-1"})
    assert sorted((p.code, p.field) for p in refused.value.rejected.problems) == [
        ("ITEM-NEGATIVE-AMOUNT", "indirect_cost_pct"), ("ITEM-NEGATIVE-AMOUNT", "overhead_rate")]
    with app.uow() as s:
        card = s.get(Item, item)
        assert (card.indirect_cost_pct, card.overhead_rate) == (D(0), D(0))


def test_an_indirect_cost_pct_on_a_purchase_line_is_refused_when_negative_or_not_on_an_item(app):
    item = new_item(app, "OH-LINE", "fifo")
    with pytest.raises(RejectedError) as refused:
        purchase_documents.create_document(app, invoice(lines=[
            item_line(item, "1", "10.00", indirect_cost_pct="-1"), gl_line(indirect_cost_pct="5")]))
    assert sorted((p.code, p.field) for p in refused.value.rejected.problems) == [
        ("PURCH-INDIRECT-COST-NOT-ITEM", "lines[2].indirect_cost_pct"),
        ("PURCH-NEGATIVE-INDIRECT-COST", "lines[1].indirect_cost_pct")]
