"""Copy Document on the sales side (Business Central "Copy Sales Document", report 292).

From any posted invoice, credit memo or shipment, or any draft (quote, order, invoice, credit
memo, return order), a new draft is made, or lines only are added to an open draft
(``include_header`` off, BC's "Include Header" cleared, into ``to_no``). With the header the new
draft has the source's customer, currency, prices-including-VAT and external document no.,
today's posting and document dates, and the customer card's posting groups and payment terms.
``recalculate`` is BC's "Recalculate Lines": unit prices, descriptions and posting groups from
the item / account cards instead of the source lines. A posted invoice copied into a credit
memo (return order) applies to it (BC Applies-to Doc. No.) and its item lines take back
exactly the entries it shipped (Appl.-from Item Entry: exact cost reversal). Refused, with
nothing written: an unknown source or target, a target that is not an open draft, a blocked
customer or item, a document type the sales side does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import dateformula
from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import units, variants
from domain.money import ZERO
from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.sales.documents import SERIES
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.setup.masterdata import account_line_defaults, item_line_defaults
from domain.setup.model.cards import Customer, Item
from domain.setup.model.company import PaymentTerms
from domain.setup.numbers import next_no
from domain.setup.queries import company

COPY_TYPES = ("quote", "order", "invoice", "credit_memo", "return_order")
#: a posted document's type -> the draft a copy of it is by default
DEFAULT_TYPES = {"invoice": "invoice", "credit_memo": "credit_memo", "shipment": "order"}
RETURNS = ("credit_memo", "return_order")


@dataclass(frozen=True)
class Source:
    no: str
    document_type: str
    header: PostedSalesHeader | SalesHeader
    lines: list
    posted: bool


def copy_document(app: App, from_no: str, to_no: str | None = None, include_header: bool = True,
                  document_type: str | None = None, recalculate: bool = False) -> str:
    """BC Copy Document; returns the number of the draft copied into (new, or ``to_no``)."""
    return access.command(app, "sales.edit", lambda session: copy_in_session(
        session, from_no, app.user, app.today, to_no, include_header, document_type, recalculate).no)


def copy_in_session(session: Session, from_no: str, user: str | None, today, to_no: str | None = None,
                    include_header: bool = True, document_type: str | None = None,
                    recalculate: bool = False) -> SalesHeader:
    """The copy in the caller's unit of work; raises RejectedError with every problem."""
    if include_header == (to_no is not None):
        raise RejectedError(Rejected([Problem("COPY-TARGET-WITHOUT-HEADER", "to", {"to": to_no or ""})]))
    source = find_source(session, from_no)
    target = _target(session, to_no) if to_no else None
    doc_type = target.document_type if target is not None else (
        document_type or DEFAULT_TYPES.get(source.document_type, source.document_type))
    if doc_type not in COPY_TYPES or (target is not None and document_type not in (None, doc_type)):
        raise RejectedError(Rejected([Problem("COPY-TYPE-NOT-AVAILABLE", "type", {
            "document_type": document_type or doc_type, "side": "sales"})]))
    customer = session.get(Customer, source.header.customer_no)
    problems = [] if customer.blocked != "all" else [
        Problem("SALES-CUSTOMER-BLOCKED", "customer_no", {"customer_no": customer.no, "blocked": "all"})]
    exact = source.posted and source.document_type == "invoice" and doc_type in RETURNS
    header = target or _new_header(session, source, customer, doc_type, user, today, exact)
    first = (session.scalar(select(func.max(SalesLine.line_no)).where(SalesLine.header_id == header.id))
             or 0) if target is not None else 0
    new_lines = [_line(session, line, first + i, doc_type, recalculate, exact, problems)
                 for i, line in enumerate(source.lines, start=1)]
    if problems:
        raise RejectedError(Rejected(problems))
    if target is None:
        header.no = next_no(session, SERIES[doc_type])
        header.lines = new_lines
        session.add(header)
    else:
        header.lines.extend(new_lines)
        header.version += 1
    session.flush()
    return header


def find_source(session: Session, no: str) -> Source:
    posted = session.get(PostedSalesHeader, no)
    if posted is not None:
        lines = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == no)
                                .order_by(PostedSalesLine.line_no)).all()
        return Source(no, posted.document_type, posted, list(lines), True)
    draft = session.scalar(select(SalesHeader).where(SalesHeader.no == no))
    if draft is None:
        raise RejectedError(Rejected([Problem("COPY-DOCUMENT-NOT-FOUND", "from", {"no": no})]))
    return Source(no, draft.document_type, draft, list(draft.lines), False)


def _target(session: Session, no: str) -> SalesHeader:
    target = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if target is None:
        raise RejectedError(Rejected([Problem("COPY-DOCUMENT-NOT-FOUND", "to", {"no": no})]))
    if target.status != "open":
        raise RejectedError(Rejected([Problem("COPY-TARGET-NOT-OPEN", "to", {"no": no, "status": target.status})]))
    return target


def _new_header(session: Session, source: Source, customer: Customer, doc_type: str, user, today,
                exact: bool) -> SalesHeader:
    date = today(company(session).time_zone)
    old = source.header
    source_header = session.get(SalesHeader, old.source_header_id) if source.posted else old
    terms = session.get(PaymentTerms, customer.payment_terms_code) if customer.payment_terms_code else None
    header = SalesHeader(
        document_type=doc_type, customer_no=customer.no, posting_date=date, document_date=date,
        due_date=dateformula.apply(terms.due_date_formula, date) if terms else date,
        payment_terms_code=customer.payment_terms_code, currency_code=old.currency_code,
        exchange_rate=old.exchange_rate, prices_including_vat=old.prices_including_vat,
        gen_bus_posting_group=customer.gen_bus_posting_group, vat_bus_posting_group=customer.vat_bus_posting_group,
        customer_posting_group=customer.customer_posting_group,
        external_document_no=source_header.external_document_no if source_header is not None else "",
        applies_to_doc_no=source.no if exact else None, created_by=user, status="open", version=1)
    if terms is not None and terms.discount_date_formula and terms.discount_pct:
        header.pmt_discount_date = dateformula.apply(terms.discount_date_formula, date)
        header.payment_discount_pct = terms.discount_pct
    return header


def _line(session: Session, line, line_no: int, doc_type: str, recalculate: bool, exact: bool,
          problems: list[Problem]) -> SalesLine:
    r = Reader({}, f"lines[{line_no}]")
    defaults = item_line_defaults(session, line.no, r, "SALES") if line.type == "item" else \
        account_line_defaults(session, line.no, r)
    problems += r.problems
    new = SalesLine(
        line_no=line_no, type=line.type, no=line.no, quantity=line.quantity, location_code=line.location_code,
        line_discount_pct=line.line_discount_pct, description=line.description,
        unit_of_measure=line.unit_of_measure, unit_price=line.unit_price,
        gen_prod_posting_group=line.gen_prod_posting_group, vat_prod_posting_group=line.vat_prod_posting_group,
        qty_to_ship=line.quantity if doc_type in ("order", "return_order") else ZERO,
        qty_to_invoice=line.quantity if doc_type != "quote" else ZERO, quantity_shipped=ZERO,
        quantity_invoiced=ZERO, serial_no=getattr(line, "serial_no", None), lot_no=getattr(line, "lot_no", None),
        expiration_date=getattr(line, "expiration_date", None),
        tracking=[dict(t) for t in getattr(line, "tracking", None) or []])  # a draft's lots, if several
    if recalculate and defaults:
        new.description = defaults.get("description", new.description)
        new.unit_of_measure = defaults.get("unit", new.unit_of_measure) or new.unit_of_measure
        if defaults.get("price") is not None:
            new.unit_price = defaults["price"]
        new.gen_prod_posting_group = defaults.get("gen_prod") or new.gen_prod_posting_group
        new.vat_prod_posting_group = defaults.get("vat_prod") or new.vat_prod_posting_group
    if exact and line.type == "item":
        new.applies_from_item_entry = line.item_ledger_entry_no
    new.variant_code = getattr(line, "variant_code", None) or variants.of_entry(
        session, getattr(line, "item_ledger_entry_no", None))
    if line.type == "item":  # the copy's unit and variant, checked as an import checks them
        problems += units.line_problems(session, session.get(Item, line.no), new.unit_of_measure, new.variant_code,
                                        f"lines[{line_no}]", doc_type)
    return new
