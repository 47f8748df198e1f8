"""The entries one posted document made (Business Central's "Find entries" / Navigate).

A posted document's G/L, VAT, vendor or customer ledger and item ledger entries carry its
number; value entries are summarised per item ledger entry (expected and actual cost, sales
and purchase amount, cost posted to G/L), as BC's item ledger entry shows them in its
FlowFields. Reads only.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.ledger.model import (
    CustomerLedgerEntry,
    GLEntry,
    ItemLedgerEntry,
    ValueEntry,
    VATEntry,
    VendorLedgerEntry,
)
from domain.money import ZERO


def document_entries(session: Session, document_no: str, party: str) -> dict:
    """The entries of ``document_no``; ``party``: ``vendor`` or ``customer`` (which ledger)."""
    gl = session.scalars(select(GLEntry).where(GLEntry.document_no == document_no)
                         .order_by(GLEntry.entry_no)).all()
    vat = session.scalars(select(VATEntry).where(VATEntry.document_no == document_no)
                          .order_by(VATEntry.entry_no)).all()
    ledger = VendorLedgerEntry if party == "vendor" else CustomerLedgerEntry
    partner = session.scalars(select(ledger).where(ledger.document_no == document_no)
                              .order_by(ledger.entry_no)).all()
    items = session.scalars(select(ItemLedgerEntry).where(ItemLedgerEntry.document_no == document_no)
                            .order_by(ItemLedgerEntry.entry_no)).all()
    return {
        "gl_entries": [{"entry_no": e.entry_no, "gl_account_no": e.gl_account_no, "amount": e.amount,
                        "vat_amount": e.vat_amount, "description": e.description} for e in gl],
        "vat_entries": [{"entry_no": e.entry_no, "type": e.type, "vat_pct": e.vat_pct, "base": e.base,
                         "amount": e.amount} for e in vat],
        f"{party}_ledger_entries": [{"entry_no": e.entry_no, "document_type": e.document_type,
                                     "amount": e.amount, "remaining_amount": e.remaining_amount,
                                     "open": e.open, "closed_by_entry_no": e.closed_by_entry_no}
                                    for e in partner],
        "item_ledger_entries": [_item_entry(session, e) for e in items],
    }


def _item_entry(session: Session, entry: ItemLedgerEntry) -> dict:
    v = ValueEntry
    sums = session.execute(select(
        func.sum(v.cost_amount_actual), func.sum(v.cost_amount_expected),
        func.sum(v.sales_amount_actual), func.sum(v.cost_posted_to_gl),
        func.count()).where(v.item_ledger_entry_no == entry.entry_no)).one()
    return {"entry_no": entry.entry_no, "item_no": entry.item_no, "entry_type": entry.entry_type,
            "location": entry.location_code, "quantity": entry.quantity,
            "remaining_quantity": entry.remaining_quantity, "invoiced_quantity": entry.invoiced_quantity,
            "open": entry.open, "cost_amount_actual": sums[0] or ZERO, "cost_amount_expected": sums[1] or ZERO,
            "sales_amount_actual": sums[2] or ZERO, "cost_posted_to_gl": sums[3] or ZERO,
            "value_entries": sums[4]}
