"""Corrective credit memos, and the append-only guard on posted rows."""

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from domain.inventory import journal as item_journal
from domain.ledger.model import GLEntry, ItemLedgerEntry, ValueEntry, VendorLedgerEntry
from domain.problems import InvariantViolation
from domain.purchasing import correction as purchase_correction
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PostedPurchaseHeader
from tests.support.documents import gl_line, invoice, item_line


def _post(app, data):
    return purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no


def test_cancelling_an_unpaid_invoice_reverses_every_ledger_and_closes_both_vendor_entries(app):
    posted = _post(app, invoice(lines=[item_line("1000", "5", "100"), gl_line("6800", "200")]))
    result = purchase_correction.cancel_invoice(app, posted)
    assert result.posted_no == "PPCM-000001"
    with app.uow() as s:
        sums = dict(s.execute(select(GLEntry.gl_account_no, func.sum(GLEntry.amount))
                              .group_by(GLEntry.gl_account_no)).all())
        assert all(v == D(0) for v in sums.values()), sums
        entries = s.scalars(select(VendorLedgerEntry).order_by(VendorLedgerEntry.entry_no)).all()
        assert [(e.open, e.remaining_amount) for e in entries] == [(False, D(0)), (False, D(0))]
        assert entries[0].closed_by_entry_no == entries[1].entry_no
        assert s.get(PostedPurchaseHeader, posted).cancelled
        assert s.get(ItemLedgerEntry, 1).remaining_quantity == D(0)
        memo = s.get(PostedPurchaseHeader, result.posted_no)
        assert memo.applies_to_doc_no == posted and memo.is_correction


def test_an_invoice_cannot_be_cancelled_twice(app):
    posted = _post(app, invoice(lines=[gl_line()]))
    purchase_correction.cancel_invoice(app, posted)
    assert purchase_correction.cancel_invoice(app, posted).codes[0] == "PURCH-ALREADY-CANCELLED"


def test_an_invoice_whose_items_were_sold_cannot_be_cancelled(app):
    posted = _post(app, invoice(lines=[item_line("1000", "5", "100")]))
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "sale", "item_no": "1000",
                                     "location": "MAIN", "quantity": "1"}])
    refused = purchase_correction.cancel_invoice(app, posted)
    assert refused.codes == ["PURCH-CANCEL-ITEM-CONSUMED"]


def test_changing_a_posted_gl_entry_is_refused_by_the_python_guard(app):
    _post(app, invoice(lines=[gl_line()]))
    with pytest.raises(InvariantViolation):
        with app.uow() as s:
            s.scalars(select(GLEntry)).first().amount = D("1")
    with pytest.raises(InvariantViolation):
        with app.uow() as s:
            s.delete(s.scalars(select(ValueEntry)).first() or s.scalars(select(GLEntry)).first())


def test_remaining_quantity_stays_changeable_as_business_central_maintains_it(app):
    _post(app, invoice(lines=[item_line("1000", "5", "100")]))
    with app.uow() as s:
        s.get(ItemLedgerEntry, 1).remaining_quantity = D(4)  # allowed column


def test_database_trigger_refuses_raw_sql_updates_and_deletes_of_posted_rows(app):
    _post(app, invoice(lines=[item_line("1000", "5", "100"), gl_line()]))
    for statement in ("UPDATE gl_entry SET amount = 0", "DELETE FROM vat_entry",
                      "UPDATE item_ledger_entry SET quantity = 0",
                      "UPDATE vendor_ledger_entry SET amount = 1"):
        with pytest.raises(DBAPIError, match="LEDGER-APPEND-ONLY|permission denied"):  # the latter: as an app role
            with app.engine.begin() as conn:
                conn.execute(text(statement))
    with app.engine.begin() as conn:  # a mutable column may change
        conn.execute(text("UPDATE vendor_ledger_entry SET open = false"))
    with app.uow() as s:
        assert s.scalars(select(VendorLedgerEntry)).one().open is False
