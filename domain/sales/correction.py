"""Cancel a posted, unpaid sales invoice with a corrective credit memo.

Business Central's "Cancel" on a posted sales invoice: allowed only while the
invoice's customer ledger entry is fully open (nothing paid or applied). It
creates and posts a credit memo copying the invoice's lines, each item line
applied from the invoice's item ledger entry (exact cost reversal), applies
the two customer ledger entries to each other (both close) and flags the
invoice as cancelled, all in one transaction. The invoice of an order gives the
order its lines back (:mod:`domain.sales.order_reopen`).
"""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import variants
from domain.ledger.customer_entries import apply_pair, entry_by_document
from domain.ledger.item_entries import invoiced_entries
from domain.ledger.rules.amounts import split_line
from domain.problems import Problem, Rejected
from domain.sales import invoicing, kernel, order_reopen
from domain.sales.kernel import SalesResult
from domain.sales.model import (
    PostedSalesHeader,
    PostedSalesLine,
    SalesHeader,
    SalesLine,
)
from domain.setup.numbers import next_no

#: the corrective credit memo is a plain credit memo
_CORRECTIVE = {"credit_memo": invoicing.post_invoice}


def cancel_invoice(app: App, posted_no: str) -> SalesResult | Rejected:
    return access.command(app, "sales.post", lambda session: _cancel(session, posted_no, app.user))


def cancel_in_session(session, posted_no: str, user) -> SalesResult | Rejected:
    """The cancellation in the caller's unit of work (BC "Correct" cancels, then copies)."""
    return _cancel(session, posted_no, user)


def _cancel(session, posted_no: str, user) -> SalesResult | Rejected:
    invoice = session.scalar(lock(session, select(PostedSalesHeader).where(PostedSalesHeader.no == posted_no)))
    if invoice is None or invoice.document_type != "invoice":
        return Rejected([Problem("SALES-POSTED-INVOICE-NOT-FOUND", "no", {"no": posted_no})])
    if invoice.cancelled:
        return Rejected([Problem("SALES-ALREADY-CANCELLED", "no", {"no": posted_no})])
    if prepaid := order_reopen.cancel_problem(session, invoice):
        return Rejected([prepaid])
    entry = entry_by_document(session, "customer", posted_no)
    if entry is None or not entry.open or entry.remaining_amount != entry.amount:
        return Rejected([Problem("SALES-CANCEL-INVOICE-PAID", "no", {"no": posted_no})])
    draft = _corrective_draft(session, invoice, user)
    result = kernel.post_in_session(session, draft.no, user, False, True, {}, _CORRECTIVE)
    if isinstance(result, Rejected):
        return result
    credit = entry_by_document(session, "customer", result.invoice_no)
    apply_pair(session, "customer", entry, credit, invoice.posting_date, result.invoice_no, credit.transaction_no)
    invoice.cancelled = True
    order_reopen.restore(session, invoice, result.invoice_no, user)  # an order's invoice: the order again
    return result


def _corrective_draft(session, invoice: PostedSalesHeader, user) -> SalesHeader:
    source = session.get(SalesHeader, invoice.source_header_id)
    header = SalesHeader(
        document_type="credit_memo", no=next_no(session, "SCM"), customer_no=invoice.customer_no,
        document_date=invoice.document_date, posting_date=invoice.posting_date, due_date=invoice.due_date,
        currency_code=invoice.currency_code, exchange_rate=invoice.exchange_rate,
        prices_including_vat=invoice.prices_including_vat,
        gen_bus_posting_group=source.gen_bus_posting_group, vat_bus_posting_group=source.vat_bus_posting_group,
        customer_posting_group=source.customer_posting_group, external_document_no=f"CANCEL-{invoice.no}",
        applies_to_doc_no=invoice.no, is_correction=True, status="open", version=1, created_by=user)
    lines = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == invoice.no)
                            .order_by(PostedSalesLine.line_no)).all()
    header.lines = []
    for line in lines:
        # one credit memo line per item ledger entry the invoice line invoiced (an order line
        # shipped in parts invoices several): each part is taken back from its own entry
        parts = invoiced_entries(session, invoice.no, line.line_no) if line.item_ledger_entry_no else []
        # the entries count in base units, the line in its own (a direct invoice: one entry per line)
        per = variants.qty_per_line(session, line.type, line.no, line.unit_of_measure)
        parts = [(entry_no, qty / per) for entry_no, qty in parts] or [(line.item_ledger_entry_no, line.quantity)]
        priced = split_line(line.quantity, line.unit_price, line.line_discount_pct, [q for _, q in parts],
                            invoice.currency_code or "NOK")
        for (entry_no, _), (quantity, unit_price, discount_pct) in zip(parts, priced):
            header.lines.append(SalesLine(
                line_no=len(header.lines) + 1, type=line.type, no=line.no, description=line.description,
                quantity=quantity, unit_of_measure=line.unit_of_measure, unit_price=unit_price,
                line_discount_pct=discount_pct, gen_prod_posting_group=line.gen_prod_posting_group,
                vat_prod_posting_group=line.vat_prod_posting_group, location_code=line.location_code,
                qty_to_invoice=quantity, applies_from_item_entry=entry_no,
                variant_code=variants.of_entry(session, entry_no)))
    session.add(header)
    session.flush()
    return header
