"""Cancel a posted, unpaid purchase invoice with a corrective credit memo.

Business Central's "Cancel" on a posted purchase invoice: allowed only while
the invoice's vendor ledger entry is fully open (nothing paid or applied) and
every item it received is still in stock (the item ledger entries are fully
open, so the return can be applied exactly to them: exact cost reversal). It
creates and posts a credit memo that copies the invoice's lines, applies the
two vendor ledger entries to each other (both close) and flags the invoice as
cancelled, all in one transaction. The invoice of an order gives the order its
lines back (:mod:`domain.purchasing.order_reopen`).
"""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import variants
from domain.ledger.customer_entries import apply_pair
from domain.ledger.model import ItemLedgerEntry, VendorLedgerEntry
from domain.problems import Problem, Rejected
from domain.purchasing import kernel, order_reopen
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.setup.numbers import next_no
from domain.setup.queries import company

#: the corrective credit memo is a plain credit memo: the kernel's handler posts it
_CORRECTIVE = {"credit_memo": kernel.post_invoice}


def cancel_invoice(app: App, posted_no: str) -> PostResult | Rejected:
    return access.command(app, "purchase.post", lambda session: _cancel(session, posted_no, app.user))


def cancel_in_session(session, posted_no: str, user: str | None) -> PostResult | Rejected:
    """The cancellation in the caller's unit of work (BC "Correct" cancels, then copies)."""
    return _cancel(session, posted_no, user)


def _cancel(session, posted_no: str, user: str | None) -> PostResult | Rejected:
    invoice = session.scalar(lock(session, select(PostedPurchaseHeader).where(
        PostedPurchaseHeader.no == posted_no)))
    if invoice is None or invoice.document_type != "invoice":
        return Rejected([Problem("PURCH-POSTED-INVOICE-NOT-FOUND", "no", {"no": posted_no})])
    problems = _cancel_problems(session, invoice)
    if prepaid := order_reopen.cancel_problem(session, invoice):
        problems.append(prepaid)
    if problems:
        return Rejected(problems)
    draft = _corrective_draft(session, invoice, user)
    result = kernel.post_in_session(session, draft.no, user, _CORRECTIVE)
    if isinstance(result, Rejected):
        return result
    _apply_vendor_entries(session, invoice.no, result.posted_no, invoice.posting_date)
    invoice.cancelled = True
    order_reopen.restore(session, invoice, result.posted_no, user)  # an order's invoice: the order again
    return result


def _cancel_problems(session, invoice: PostedPurchaseHeader) -> list[Problem]:
    problems = []
    if invoice.cancelled:
        problems.append(Problem("PURCH-ALREADY-CANCELLED", "no", {"no": invoice.no}))
    entry = _vendor_entry(session, invoice.no)
    if entry is None or not entry.open or entry.remaining_amount != entry.amount:
        problems.append(Problem("PURCH-CANCEL-INVOICE-PAID", "no", {"no": invoice.no}))
    lines = session.scalars(select(PostedPurchaseLine).where(
        PostedPurchaseLine.document_no == invoice.no)).all()
    for line in lines:
        if line.item_ledger_entry_no is None:
            continue
        ile = session.get(ItemLedgerEntry, line.item_ledger_entry_no)
        if ile.remaining_quantity != ile.quantity:
            problems.append(Problem("PURCH-CANCEL-ITEM-CONSUMED", f"lines[{line.line_no}]",
                                    {"item_no": ile.item_no, "entry_no": ile.entry_no}))
    if any(line.type == "charge_item" for line in lines):
        problems.append(Problem("PURCH-CANCEL-HAS-ITEM-CHARGES", "lines", {"no": invoice.no}))
    return problems


def _vendor_entry(session, document_no: str) -> VendorLedgerEntry | None:
    return session.scalar(lock(session, select(VendorLedgerEntry).where(
        VendorLedgerEntry.document_no == document_no)))


def _corrective_draft(session, invoice: PostedPurchaseHeader, user) -> PurchaseHeader:
    source = session.get(PurchaseHeader, invoice.source_header_id)
    cancel_no = f"CANCEL-{invoice.no}"
    header = PurchaseHeader(
        document_type="credit_memo", no=next_no(session, company(session).purchase_credit_memo_nos),
        vendor_no=invoice.vendor_no, vendor_invoice_no=cancel_no,
        vendor_invoice_no_norm=cancel_no.replace("-", "").upper(),
        document_date=invoice.document_date, posting_date=invoice.posting_date, due_date=invoice.due_date,
        currency_code=invoice.currency_code, exchange_rate=invoice.exchange_rate,
        prices_including_vat=invoice.prices_including_vat,
        gen_bus_posting_group=source.gen_bus_posting_group,
        vat_bus_posting_group=source.vat_bus_posting_group,
        vendor_posting_group=source.vendor_posting_group, applies_to_doc_no=invoice.no,
        is_correction=True, status="open", version=1, created_by=user,
    )
    lines = session.scalars(select(PostedPurchaseLine).where(
        PostedPurchaseLine.document_no == invoice.no).order_by(PostedPurchaseLine.line_no)).all()
    header.lines = [PurchaseLine(
        line_no=line.line_no, type=line.type, no=line.no, description=line.description,
        quantity=line.quantity, unit_of_measure=line.unit_of_measure,
        direct_unit_cost=line.direct_unit_cost, line_discount_pct=line.line_discount_pct,
        gen_prod_posting_group=line.gen_prod_posting_group,
        vat_prod_posting_group=line.vat_prod_posting_group, location_code=line.location_code,
        applies_to_item_entry=line.item_ledger_entry_no,
        variant_code=variants.of_entry(session, line.item_ledger_entry_no)) for line in lines]
    session.add(header)
    session.flush()
    return header


def _apply_vendor_entries(session, invoice_no: str, credit_no: str, posting_date) -> None:
    """The corrective credit memo closes the invoice (BC "Cancel"): both vendor ledger entries
    are applied to each other through the ledger's one application writer."""
    invoice_entry = _vendor_entry(session, invoice_no)
    credit_entry = _vendor_entry(session, credit_no)
    apply_pair(session, "vendor", invoice_entry, credit_entry, posting_date, credit_no, credit_entry.transaction_no)

