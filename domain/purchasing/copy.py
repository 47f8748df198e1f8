"""Copy Document on the purchase side (Business Central "Copy Purchase Document", report 492).

From any posted invoice or credit memo, or any draft (invoice, credit memo, order, return
order), a new draft is made, or lines only are added to an open draft (``include_header``
off, BC's "Include Header" cleared, into ``to_no``). With the header the new draft has the
source's vendor, currency and prices-including-VAT, today's posting and document dates, the
vendor card's posting groups and payment terms, and no vendor invoice no. (the vendor's next
document has its own: set it with ``purchase set``). ``recalculate`` is BC's "Recalculate
Lines": direct unit costs, descriptions and posting groups from the item / account cards
instead of the source lines. A posted invoice copied into a credit memo applies to it (BC
Applies-to Doc. No.) and its item lines return exactly the entries the invoice received while
they are still in stock (exact cost reversal). Refused, with nothing written: an unknown source
or target, a target that is not an open draft, a blocked vendor or item, a document type the
purchase side does not have (purchase quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import units, variants
from domain.ledger.model import ItemLedgerEntry
from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.purchasing import documents as pd
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.setup.masterdata import account_line_defaults, item_line_defaults
from domain.setup.model.cards import Item, ItemCharge, Vendor
from domain.setup.numbers import next_no
from domain.setup.queries import company

#: the purchase documents a copy can make (BC has purchase quotes; ledgerflow does not)
COPY_TYPES = ("invoice", "credit_memo", "order", "return_order")
ORDER_TYPES = ("order", "return_order")


@dataclass(frozen=True)
class Source:
    no: str
    document_type: str
    header: PostedPurchaseHeader | PurchaseHeader
    lines: list
    posted: bool


def copy_document(app: App, from_no: str, to_no: str | None = None, include_header: bool = True,
                  document_type: str | None = None, recalculate: bool = False) -> str:
    """BC Copy Document; returns the number of the draft copied into (new, or ``to_no``)."""
    return access.command(app, "purchase.edit", lambda session: copy_in_session(
        session, from_no, app.user, app.today, to_no, include_header, document_type, recalculate).no)


def copy_in_session(session: Session, from_no: str, user: str | None, today, to_no: str | None = None,
                    include_header: bool = True, document_type: str | None = None,
                    recalculate: bool = False) -> PurchaseHeader:
    """The copy in the caller's unit of work; raises RejectedError with every problem."""
    if include_header == (to_no is not None):
        raise RejectedError(Rejected([Problem("COPY-TARGET-WITHOUT-HEADER", "to", {"to": to_no or ""})]))
    source = find_source(session, from_no)
    target = _target(session, to_no) if to_no else None
    doc_type = target.document_type if target is not None else (document_type or source.document_type)
    if doc_type not in COPY_TYPES or (target is not None and document_type not in (None, doc_type)):
        raise RejectedError(Rejected([Problem("COPY-TYPE-NOT-AVAILABLE", "type", {
            "document_type": document_type or doc_type, "side": "purchase"})]))
    vendor = session.get(Vendor, source.header.vendor_no)
    problems = [] if vendor.blocked != "all" else [
        Problem("PURCH-VENDOR-BLOCKED", "vendor_no", {"vendor_no": vendor.no})]
    header = target or _new_header(session, source, vendor, doc_type, user, today, problems)
    first = (session.scalar(select(func.max(PurchaseLine.line_no)).where(PurchaseLine.header_id == header.id))
             or 0) if target is not None else 0
    exact = source.posted and source.document_type == "invoice" and doc_type in ("credit_memo", "return_order")
    new_lines = [_line(session, line, first + i, doc_type, recalculate, exact, problems)
                 for i, line in enumerate(source.lines, start=1)]
    if problems:
        raise RejectedError(Rejected(problems))
    if target is None:
        header.no = next_no(session, _series(session, doc_type))
        header.lines = new_lines
        session.add(header)
    else:
        header.lines.extend(new_lines)
        header.version += 1
    session.flush()
    return header


def find_source(session: Session, no: str) -> Source:
    posted = session.get(PostedPurchaseHeader, no)
    if posted is not None:
        lines = session.scalars(select(PostedPurchaseLine).where(PostedPurchaseLine.document_no == no)
                                .order_by(PostedPurchaseLine.line_no)).all()
        return Source(no, posted.document_type, posted, list(lines), True)
    draft = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
    if draft is None:
        raise RejectedError(Rejected([Problem("COPY-DOCUMENT-NOT-FOUND", "from", {"no": no})]))
    return Source(no, draft.document_type, draft, list(draft.lines), False)


def _target(session: Session, no: str) -> PurchaseHeader:
    target = session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.no == no)))
    if target is None:
        raise RejectedError(Rejected([Problem("COPY-DOCUMENT-NOT-FOUND", "to", {"no": no})]))
    if target.status != "open":
        raise RejectedError(Rejected([Problem("COPY-TARGET-NOT-OPEN", "to", {"no": no, "status": target.status})]))
    return target


def _series(session: Session, doc_type: str) -> str:
    comp = company(session)
    return {"invoice": comp.purchase_invoice_nos, "credit_memo": comp.purchase_credit_memo_nos,
            "order": "PO", "return_order": "PRO"}[doc_type]


def _new_header(session: Session, source: Source, vendor: Vendor, doc_type: str, user, today,
                problems: list[Problem]) -> PurchaseHeader:
    date = today(company(session).time_zone)
    old = source.header
    header = PurchaseHeader(
        document_type=doc_type, vendor_invoice_no="", vendor_invoice_no_norm="", posting_date=date,
        document_date=date, currency_code=old.currency_code, exchange_rate=old.exchange_rate,
        applies_to_doc_no=source.no if source.posted and source.document_type == "invoice"
        and doc_type == "credit_memo" else None,
        ship_to_customer_no=getattr(old, "ship_to_customer_no", None) if doc_type == "order" else None,
        created_by=user, status="open", version=1)
    pd.apply_vendor(session, header, vendor, Reader({}, shape=pd.HEADER_SHAPE), problems)
    header.prices_including_vat = old.prices_including_vat
    return header


def _line(session: Session, line, line_no: int, doc_type: str, recalculate: bool, exact: bool,
          problems: list[Problem]) -> PurchaseLine:
    r = Reader({}, f"lines[{line_no}]")
    if line.type == "item":
        defaults = item_line_defaults(session, line.no, r, "PURCH")
    elif line.type == "gl_account":
        defaults = account_line_defaults(session, line.no, r)
    else:
        charge = session.get(ItemCharge, line.no)
        defaults = {"description": charge.description, "gen_prod": charge.gen_prod_posting_group,
                    "vat_prod": charge.vat_prod_posting_group} if charge else {}
    problems += r.problems
    new = PurchaseLine(
        line_no=line_no, type=line.type, no=line.no, quantity=line.quantity, location_code=line.location_code,
        line_discount_pct=line.line_discount_pct, description=line.description,
        unit_of_measure=line.unit_of_measure, direct_unit_cost=line.direct_unit_cost,
        gen_prod_posting_group=line.gen_prod_posting_group, vat_prod_posting_group=line.vat_prod_posting_group,
        assign_to_entry=getattr(line, "assign_to_entry", None))
    if recalculate and defaults:
        new.description = defaults.get("description", new.description)
        new.unit_of_measure = defaults.get("unit", new.unit_of_measure) or new.unit_of_measure
        if defaults.get("cost") is not None:
            new.direct_unit_cost = defaults["cost"]
        new.gen_prod_posting_group = defaults.get("gen_prod") or new.gen_prod_posting_group
        new.vat_prod_posting_group = defaults.get("vat_prod") or new.vat_prod_posting_group
    if exact and line.type == "item" and line.item_ledger_entry_no is not None:
        entry = session.get(ItemLedgerEntry, line.item_ledger_entry_no)
        if entry is not None and entry.remaining_quantity >= line.quantity:
            new.applies_to_item_entry = entry.entry_no
    if doc_type in ORDER_TYPES:
        new.qty_to_receive = new.qty_to_invoice = new.quantity
    new.variant_code = getattr(line, "variant_code", None) or variants.of_entry(
        session, getattr(line, "item_ledger_entry_no", None))
    if line.type == "item":  # the copy's unit and variant, checked as an import checks them
        problems += units.line_problems(session, session.get(Item, line.no), new.unit_of_measure, new.variant_code,
                                        f"lines[{line_no}]", doc_type)
    return new
