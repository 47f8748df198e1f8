"""A posted sales invoice or credit memo as Business Central's Posted Sales Invoice / Credit
Memo page shows it: the header with its totals and whether it is cancelled or corrects an
invoice, the lines with the quantity each shipped (returned) and invoiced (from its item
ledger entry), and the entries the posting made (Navigate). Reads only."""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.ledger.customer_entries import entry_by_document
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.navigate import document_entries
from domain.problems import NotFound
from domain.sales.model import PostedSalesHeader, PostedSalesLine


def posted_document(app: App, no: str) -> dict:
    with app.uow() as session:
        header = session.get(PostedSalesHeader, no)
        if header is None:
            raise NotFound("SALES-POSTED-DOCUMENT-NOT-FOUND", f"no posted sales document {no!r}", no=no)
        entry = entry_by_document(session, "customer", no)
        applied_by = session.scalars(select(PostedSalesHeader.no).where(
            PostedSalesHeader.applies_to_doc_no == no).order_by(PostedSalesHeader.no)).all()
        lines = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == no)
                                .order_by(PostedSalesLine.line_no)).all()
        return {
            "no": header.no, "document_type": header.document_type, "customer_no": header.customer_no,
            "customer_name": header.customer_name, "order_no": header.order_no,
            "posting_date": header.posting_date, "document_date": header.document_date,
            "due_date": header.due_date, "currency": header.currency_code, "source_no": header.source_no,
            "applies_to_doc_no": header.applies_to_doc_no, "is_correction": header.is_correction,
            "cancelled": header.cancelled, "applied_by": list(applied_by),
            "amount": header.amount, "vat_amount": header.amount_including_vat - header.amount,
            "amount_including_vat": header.amount_including_vat,
            "remaining_amount": entry.remaining_amount if entry is not None else None,
            "lines": [_line(session, line) for line in lines],
            "entries": document_entries(session, no, "customer"),
        }


def _line(session, line: PostedSalesLine) -> dict:
    entry = session.get(ItemLedgerEntry, line.item_ledger_entry_no) if line.item_ledger_entry_no else None
    return {"line_no": line.line_no, "type": line.type, "no": line.no, "description": line.description,
            "quantity": line.quantity, "unit_price": line.unit_price, "line_discount_pct": line.line_discount_pct,
            "amount": line.amount, "amount_including_vat": line.amount_including_vat, "vat_pct": line.vat_pct,
            "location": line.location_code, "item_ledger_entry_no": line.item_ledger_entry_no,
            "quantity_shipped": entry.quantity if entry is not None else None,
            "quantity_invoiced": entry.invoiced_quantity if entry is not None else None}
