"""Purchase orders with receipts on SQLite and PostgreSQL: expected cost, then actual cost."""

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, update

from domain.ledger.model import GLEntry, ItemLedgerEntry, ValueEntry
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing import receipts as purchase_receipts
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup.model.cards import Item
from domain.setup.model.company import Company
from tests.support.documents import invoice, item_line


def order(lines=None, **header):
    return {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": lines or [item_line("1000", "10", "100.00")], **header}


def balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def values(app, entry_no):
    with app.uow() as s:
        rows = s.scalars(select(ValueEntry).where(ValueEntry.item_ledger_entry_no == entry_no)).all()
        return sum(v.cost_amount_actual for v in rows), sum(v.cost_amount_expected for v in rows)


def test_partial_receipt_then_invoice_at_another_price_turns_expected_into_actual_cost(app):
    with app.uow() as s:
        s.execute(update(Company).values(expected_cost_posting=True))
    no = purchase_orders.create_order(app, order())
    receipt = purchase_orders.receive(app, no, {1: D(4)})
    assert receipt.posted_no == "PRCPT-000001"
    with app.uow() as s:
        ile = s.scalars(select(ItemLedgerEntry)).one()
        assert (ile.quantity, ile.invoiced_quantity, ile.completely_invoiced) == (D(4), D(0), False)
        line = s.scalars(select(PurchaseLine)).one()
        assert (line.quantity_received, line.qty_to_receive) == (D(4), D(6))
    assert values(app, ile.entry_no) == (D(0), D("400.00"))
    assert balance(app, "1469") == D("400.00") and balance(app, "2790") == D("-400.00")
    assert balance(app, "1460") == D(0)
    result = purchase_orders.invoice(app, no, "INV-77", costs={1: D("105.00")})
    assert result.posted_no == "PPI-000001"
    assert values(app, ile.entry_no) == (D("420.00"), D(0))
    assert balance(app, "1469") == D(0) and balance(app, "2790") == D(0)
    assert balance(app, "1460") == D("420.00") and balance(app, "2400") == D("-483.00")  # 420 + 15 %
    with app.uow() as s:
        assert s.get(ItemLedgerEntry, ile.entry_no).completely_invoiced
        assert s.scalar(select(func.count()).select_from(ItemLedgerEntry)) == 1
        assert s.get(Item, "1000").last_direct_cost == D(105)
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        assert header.status == "open"


def test_an_order_cannot_invoice_more_than_it_has_received(app):
    no = purchase_orders.create_order(app, order())
    purchase_orders.receive(app, no, {1: D(3)})
    refused = purchase_orders.invoice(app, no, "INV-1", {1: D(5)})
    assert isinstance(refused, Rejected) and refused.codes == ["PURCH-INVOICE-MORE-THAN-RECEIVED"]


def test_receive_and_invoice_everything_closes_the_order(app):
    no = purchase_orders.create_order(app, order(lines=[
        item_line("1000", "10", "100.00"), {"type": "gl_account", "no": "6800", "quantity": "1",
                                             "direct_unit_cost": "50.00", "vat_prod_posting_group": "HIGH"}], vendor_invoice_no="F-100"))
    result = purchase_posting.post_document(app, no)  # `purchase post` on an order receives and invoices
    assert isinstance(result, purchase_posting.PostResult), result
    with app.uow() as s:
        assert s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no)).status == "closed"
    assert balance(app, "1460") == D("1000.00") and balance(app, "6800") == D("50.00")
    with pytest.raises(DomainError) as err:
        purchase_orders.receive(app, no)
    assert err.value.code == "PURCH-ORDER-CLOSED"


def test_get_receipt_lines_combines_two_receipts_on_one_invoice(app):
    first = purchase_orders.create_order(app, order())
    second = purchase_orders.create_order(app, order(lines=[item_line("1100", "5", "200.00")]))
    r1 = purchase_orders.receive(app, first, {1: D(6)}).posted_no
    r2 = purchase_orders.receive(app, second).posted_no
    draft = purchase_documents.create_document(app, invoice(lines=[
        {"type": "gl_account", "no": "6800", "quantity": "1", "direct_unit_cost": "10", "vat_prod_posting_group": "HIGH"}]))
    assert purchase_orders.get_receipt_lines(app, draft, [r1, r2]) == 2
    posted = purchase_posting.post_document(app, draft)
    assert posted.posted_no == "PPI-000001"
    with app.uow() as s:
        entries = s.scalars(select(ItemLedgerEntry).order_by(ItemLedgerEntry.entry_no)).all()
        assert [(e.quantity, e.invoiced_quantity) for e in entries] == [(D(6), D(6)), (D(5), D(5))]
        statuses = dict(s.execute(select(PurchaseHeader.no, PurchaseHeader.status)
                                  .where(PurchaseHeader.document_type == "order")).all())
        assert statuses == {first: "open", second: "closed"}
    assert balance(app, "1460") == D("1600.00")


def test_undo_receipt_reverses_the_quantity_and_the_expected_cost(app):
    no = purchase_orders.create_order(app, order())
    receipt = purchase_orders.receive(app, no, {1: D(4)}).posted_no
    undo = purchase_receipts.undo_receipt(app, receipt)
    assert undo.posted_no == "PRCPT-000002"
    with app.uow() as s:
        assert s.scalar(select(func.sum(ItemLedgerEntry.quantity))) == D(0)
        assert s.scalar(select(func.sum(ValueEntry.cost_amount_expected))) == D(0)
        assert s.scalars(select(PurchaseLine)).one().quantity_received == D(0)
    again = purchase_receipts.undo_receipt(app, receipt)
    assert isinstance(again, Rejected) and again.codes == ["PURCH-RECEIPT-ALREADY-UNDONE"]
    refused = purchase_orders.invoice(app, no, "INV-9")
    assert isinstance(refused, Rejected) and refused.codes == ["PURCH-NOTHING-TO-INVOICE"]
