"""An order line prepaid before the prepaid net and VAT were kept apart (migration 0038: its
Prepmt. Amt. Inv. is set, its net / VAT / LCY columns are 0) is still deducted, in one amount as
then, and its prepayment credit memo takes that amount back (SQLite and PostgreSQL)."""

from decimal import Decimal as D

from sqlalchemy import func, select, update

from domain.ledger.model import GLEntry
from domain.purchasing import orders
from domain.purchasing import prepayment as purchase_prepayment
from domain.purchasing.model import PurchaseLine

COLUMNS = ("prepmt_vat_base_inv", "prepmt_vat_amount_inv", "prepmt_amount_inv_lcy", "prepmt_vat_amount_inv_lcy")


def _order(app) -> str:
    return orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "prepayment_pct": "30",
        "lines": [{"type": "item", "no": "1100", "quantity": "10", "direct_unit_cost": "245"}]})


def _as_before_0038(app, no: str) -> None:
    with app.uow() as s:
        ids = select(PurchaseLine.id).join(PurchaseLine.header).where(PurchaseLine.header.has(no=no))
        s.execute(update(PurchaseLine).where(PurchaseLine.id.in_(ids)).values(dict.fromkeys(COLUMNS, D(0))))


def _prepayment_balance(app, nos: list[str]) -> D:
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == "1570",
                                                               GLEntry.document_no.in_(nos)))


def test_a_line_prepaid_before_the_split_is_deducted_in_one_amount_and_the_account_ends_at_zero(app):
    no = _order(app)
    ppi = purchase_prepayment.post_invoice(app, no).posted_no
    _as_before_0038(app, no)
    first = orders.receive_and_invoice(app, no, "L-1", {1: D(3)}).posted_no
    last = orders.receive_and_invoice(app, no, "L-2").posted_no
    assert _prepayment_balance(app, [ppi, first, last]) == D(0)
    with app.uow() as s:
        line = s.scalar(select(PurchaseLine).where(PurchaseLine.header.has(no=no)))
        assert (line.prepmt_amt_inv, line.prepmt_amt_deducted) == (D("735.00"), D("735.00"))


def test_a_line_prepaid_before_the_split_is_credited_in_one_amount(app):
    no = _order(app)
    ppi = purchase_prepayment.post_invoice(app, no).posted_no
    _as_before_0038(app, no)
    memo = purchase_prepayment.post_credit_memo(app, no).posted_no
    assert _prepayment_balance(app, [ppi, memo]) == D(0)
    with app.uow() as s:
        line = s.scalar(select(PurchaseLine).where(PurchaseLine.header.has(no=no)))
        assert line.prepmt_amt_inv == D(0)
