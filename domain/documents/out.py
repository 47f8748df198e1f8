"""Documents out: what a printed sales or purchase document says, read from the database.

``templates/`` renders (design.md section 1): this module only gathers the
facts a printed document shows, as plain values (Decimal amounts, dates),
for the Jinja2 templates in ``templates/documents/`` that ``flows.documents``
turns into HTML and PDF. Which document is printed follows Business Central's
report selection: a sales quote prints as "Sales - Quote", an open sales order
as "Order Confirmation", a posted sales invoice / credit memo as "Sales -
Invoice" / "Sales - Credit Memo" (with the KID / betalingskenmerk made at
posting, printed when ``document_setup.print_payment_reference``), a purchase
order as "Purchase - Order". Amounts of drafts are computed like posting
computes them (``domain.ledger.rules.amounts``, EN 16931 order); a posted document
shows its posted amounts. The VAT specification has one row per VAT rate.

:func:`queue_email` puts the rendered PDF in the outbox (the same one approval
notifications use) in one transaction, addressed to the customer's or
vendor's e-mail; sending the same document twice is refused unless resent
on purpose.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from domain import identifiers as ids
from domain.app import App
from domain.documents import legal
from domain.documents.i18n import DRAFT_TITLES, PREPAYMENT_TITLES, TITLES, language_of
from domain.documents.model import DocumentSetup
from domain.identity.access import audited_change, require
from domain.ledger.rules import amounts as amt
from domain.messaging.model import OutboxMessage
from domain.messaging.outbox import enqueue_message
from domain.money import ZERO
from domain.problems import DomainError, NotFound, Problem, Rejected, RejectedError
from domain.purchasing import prepayment_setup
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader
from domain.purchasing.prepayment_model import PrepaymentDocument
from domain.sales.documents import document_amounts
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader
from domain.setup.contacts import attention
from domain.setup.model.cards import Customer, Vendor
from domain.setup.model.company import VATPostingSetup
from domain.setup.queries import company

KINDS = tuple(TITLES)
#: company card fields set through the document setup (the seller's identifiers on documents)
COMPANY_FIELDS = ("org_no", "vat_id")
#: sales document type -> printed kind (BC report selection)
SALES_KINDS = {"quote": "quote", "order": "order_confirmation", "invoice": "invoice", "credit_memo": "credit_memo"}
EMAIL_KIND = "document"


def document_context(app: App, no: str, language: str | None = None) -> dict:
    with app.uow() as session:
        return legal.enrich(session, build_context(session, no, language))


def build_context(session: Session, no: str, language: str | None = None) -> dict:
    """The render context of document ``no``: posted sales, sales draft, or purchase order."""
    posted = session.get(PostedSalesHeader, no)
    if posted is not None:
        return _posted_sales(session, posted, language)
    header = session.scalar(select(SalesHeader).options(selectinload(SalesHeader.lines))
                            .where(SalesHeader.no == no))
    if header is not None:
        if header.status == "posted" and header.posted_no:
            return _posted_sales(session, session.get(PostedSalesHeader, header.posted_no), language)
        return _sales_draft(session, header, language)
    posted_purchase = session.get(PostedPurchaseHeader, no)
    if posted_purchase is not None:
        return _posted_purchase(session, posted_purchase, language)
    order = session.scalar(select(PurchaseHeader).options(selectinload(PurchaseHeader.lines))
                           .where(PurchaseHeader.no == no, PurchaseHeader.document_type == "order"))
    if order is not None:
        return _purchase_order(session, order, language)
    raise NotFound("DOCS-DOCUMENT-NOT-FOUND", f"no printable document {no!r}", no=no)


def company_details(session: Session) -> dict:
    comp = company(session)
    setup = session.scalar(select(DocumentSetup).order_by(DocumentSetup.id)) or DocumentSetup(
        address="", post_code="", city="", phone="", email="", iban="", bic="", bank_account_no="",
        print_payment_reference=True)
    return {"name": comp.name, "country": comp.country, "currency": comp.currency, "org_no": comp.org_no or "",
            "vat_id": comp.vat_id or "", "address": setup.address, "post_code": setup.post_code,
            "city": setup.city, "phone": setup.phone, "email": setup.email, "iban": setup.iban,
            "bic": setup.bic, "bank_account_no": setup.bank_account_no,
            "print_payment_reference": setup.print_payment_reference}


def _partner(party, role: str) -> dict:
    return {"role": role, "no": party.no, "name": party.name, "country": party.country,
            "address": party.address or "", "post_code": party.post_code or "", "city": party.city or "",
            "org_no": party.org_no or "", "vat_id": party.vat_id or "", "email": party.email or "",
            "language": language_of(party.language)}


def _context(kind: str, comp: dict, partner: dict, document: dict, lines: list[dict], vat: list[dict],
             totals: dict, language: str | None, draft: bool = False) -> dict:
    """``draft``: an unposted invoice or credit memo, titled and watermarked as a draft."""
    lang = language_of(language or partner["language"])
    draft = draft and kind in DRAFT_TITLES
    title = (DRAFT_TITLES if draft else TITLES)[kind][lang]
    return {"kind": kind, "language": lang, "title": title, "draft": draft, "company": comp, "partner": partner,
            "document": document, "lines": lines, "vat": vat, "totals": totals}


def check_sendable(context: dict) -> None:
    """An unposted invoice or credit memo is not sent to the customer (quotes and order
    confirmations are sent as they are: they are not invoices)."""
    if context.get("draft"):
        no = context["document"]["no"]
        raise DomainError("DOCS-DRAFT-NOT-SENDABLE", f"{no} is not posted: post it before sending it",
                          no=no, kind=context["kind"])


def _document(no: str, header, **extra) -> dict:
    return {"no": no, "document_date": header.document_date, "posting_date": header.posting_date,
            "due_date": header.due_date, "currency": header.currency_code,
            "prices_including_vat": header.prices_including_vat, "external_document_no": "",
            "order_no": None, "quote_no": None, "applies_to_doc_no": None, "payment_reference": None,
            "ship_to": None, "attention": None, **extra}


def _line(line, unit_price: Decimal, amount: Decimal, vat_pct: Decimal) -> dict:
    return {"line_no": line.line_no, "type": line.type, "no": line.no, "description": line.description,
            "quantity": line.quantity, "unit_of_measure": line.unit_of_measure, "unit_price": unit_price,
            "discount_pct": line.line_discount_pct, "amount": amount, "vat_pct": vat_pct,
            "special_order": _special_order_link(line)}


def _special_order_link(line) -> str | None:
    """A special-order line names the document it is linked to (the purchase order of a sales
    line, the sales order and line of a purchase line)."""
    if not getattr(line, "special_order", False):
        return None
    if getattr(line, "sales_order_no", None):
        return f"{line.sales_order_no}/{line.sales_order_line_no}"
    return getattr(line, "purchase_order_no", None)


def _posted_sales(session: Session, posted: PostedSalesHeader, language: str | None) -> dict:
    if posted.document_type not in SALES_KINDS:
        raise DomainError("DOCS-KIND-NOT-PRINTABLE", f"{posted.no} is a {posted.document_type}",
                          no=posted.no, document_type=posted.document_type)
    comp = company_details(session)
    rows = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == posted.no)
                           .order_by(PostedSalesLine.line_no)).all()
    gross = posted.prices_including_vat
    lines = [_line(r, r.unit_price, r.amount_including_vat if gross else r.amount, r.vat_pct) for r in rows]
    groups: OrderedDict[Decimal, list[Decimal]] = OrderedDict()
    for r in rows:
        base_vat = groups.setdefault(r.vat_pct, [ZERO, ZERO])
        base_vat[0] += r.amount
        base_vat[1] += r.amount_including_vat - r.amount
    vat = [{"vat_pct": pct, "base": b, "amount": v} for pct, (b, v) in sorted(groups.items())]
    source = session.get(SalesHeader, posted.source_header_id)
    reference = posted.payment_reference if comp["print_payment_reference"] else None
    document = _document(posted.no, posted, order_no=posted.order_no, payment_reference=reference,
                         external_document_no=source.external_document_no if source else "",
                         applies_to_doc_no=posted.applies_to_doc_no,
                         attention=attention(session, source.contact_no if source else None))
    totals = {"net": posted.amount, "vat": posted.amount_including_vat - posted.amount,
              "gross": posted.amount_including_vat}
    customer = session.get(Customer, posted.customer_no)
    context = _context(posted.document_type, comp, _partner(customer, "customer"), document, lines, vat, totals,
                       language)
    if session.scalar(select(PrepaymentDocument.id).where(PrepaymentDocument.side == "sales",
                                                          PrepaymentDocument.posted_no == posted.no)):
        context["title"] = PREPAYMENT_TITLES[posted.document_type][context["language"]]
    return context


def _from_amounts(header_lines, computed: amt.DocumentAmounts, prices) -> tuple[list[dict], list[dict], dict]:
    by_key = {a.key: a for a in computed.lines}
    pcts = {g.vat_group: g.vat_pct for g in computed.groups}
    lines = []
    for line, group in header_lines:
        result = by_key[line.line_no]
        lines.append(_line(line, prices[line.line_no], result.line_amount, pcts[group]))
    per_rate: OrderedDict[Decimal, list[Decimal]] = OrderedDict()
    for g in computed.groups:
        base_vat = per_rate.setdefault(g.vat_pct, [ZERO, ZERO])
        base_vat[0] += g.base
        base_vat[1] += g.vat
    vat = [{"vat_pct": pct, "base": b, "amount": v} for pct, (b, v) in sorted(per_rate.items())]
    return lines, vat, {"net": computed.net, "vat": computed.vat, "gross": computed.gross}


def _sales_draft(session: Session, header: SalesHeader, language: str | None) -> dict:
    if header.document_type not in SALES_KINDS:
        raise DomainError("DOCS-KIND-NOT-PRINTABLE", f"{header.no} is a {header.document_type}",
                          no=header.no, document_type=header.document_type)
    computed = document_amounts(session, header)
    groups = [(line, f"normal|{_pct(session, header.vat_bus_posting_group, line)}|{line.vat_prod_posting_group}")
              for line in header.lines]
    lines, vat, totals = _from_amounts(groups, computed, {x.line_no: x.unit_price for x in header.lines})
    document = _document(header.no, header, external_document_no=header.external_document_no,
                         quote_no=header.quote_no, applies_to_doc_no=header.applies_to_doc_no,
                         order_no=header.no if header.document_type == "order" else None,
                         attention=attention(session, header.contact_no))
    customer = session.get(Customer, header.customer_no)
    return _context(SALES_KINDS[header.document_type], company_details(session), _partner(customer, "customer"),
                    document, lines, vat, totals, language, draft=True)


def _pct(session: Session, vat_bus: str, line) -> Decimal:
    setup = session.scalar(select(VATPostingSetup).where(
        VATPostingSetup.vat_bus_posting_group == vat_bus,
        VATPostingSetup.vat_prod_posting_group == line.vat_prod_posting_group))
    return setup.vat_pct if setup else ZERO


def _purchase_order(session: Session, header: PurchaseHeader, language: str | None) -> dict:
    inputs, groups = [], []
    for line in header.lines:
        pct = _pct(session, header.vat_bus_posting_group, line)
        group = f"normal|{pct}|{line.vat_prod_posting_group}"
        inputs.append(amt.LineInput(line.line_no, line.quantity, line.direct_unit_cost, line.line_discount_pct,
                                    group, pct, fixed=prepayment_setup.line_fixed(line)))
        groups.append((line, group))
    computed = amt.compute(inputs, header.prices_including_vat, header.currency_code)
    lines, vat, totals = _from_amounts(groups, computed, {x.line_no: x.direct_unit_cost for x in header.lines})
    ship_to = session.get(Customer, header.ship_to_customer_no) if header.ship_to_customer_no else None
    document = _document(header.no, header, external_document_no=header.vendor_invoice_no,
                         ship_to=ship_to.name if ship_to else None, attention=attention(session, header.contact_no))
    vendor = session.get(Vendor, header.vendor_no)
    return _context("purchase_order", company_details(session), _partner(vendor, "vendor"), document, lines,
                    vat, totals, language)


def _posted_purchase(session: Session, posted: PostedPurchaseHeader, language: str | None) -> dict:
    """A posted purchase invoice / credit memo (BC "Purchase - Invoice" / "Purchase - Credit Memo"):
    a credit memo that corrects an invoice names it."""
    rows = session.scalars(select(PostedPurchaseLine).where(PostedPurchaseLine.document_no == posted.no)
                           .order_by(PostedPurchaseLine.line_no)).all()
    gross = posted.prices_including_vat
    lines = [_line(r, r.direct_unit_cost, r.amount_including_vat if gross else r.amount, r.vat_pct) for r in rows]
    per_rate: OrderedDict[Decimal, list[Decimal]] = OrderedDict()
    for r in rows:
        per_rate.setdefault(r.vat_pct, [ZERO, ZERO])
        per_rate[r.vat_pct][0] += r.amount
        per_rate[r.vat_pct][1] += r.amount_including_vat - r.amount
    vat = [{"vat_pct": pct, "base": b, "amount": v} for pct, (b, v) in sorted(per_rate.items())]
    document = _document(posted.no, posted, external_document_no=posted.vendor_invoice_no,
                         applies_to_doc_no=posted.applies_to_doc_no)
    totals = {"net": posted.amount, "vat": posted.amount_including_vat - posted.amount,
              "gross": posted.amount_including_vat}
    return _context(f"purchase_{posted.document_type}", company_details(session),
                    _partner(session.get(Vendor, posted.vendor_no), "vendor"), document, lines, vat, totals, language)


def set_document_setup(app: App, **fields) -> dict:
    """Create or change the printed company details (address, bank account, IBAN, BIC, ...);
    needs setup.change and is audited."""
    allowed = ({c.key for c in DocumentSetup.__table__.columns} - {"id"}) | set(COMPANY_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError("DOCS-UNKNOWN-SETUP-FIELD", f"unknown fields {sorted(unknown)}", fields=sorted(unknown))

    def change(session) -> dict:
        comp = company(session)
        values = {**fields, **_checked_payment_details(fields, comp.country, comp.org_no, comp.vat_id)}
        for key in COMPANY_FIELDS:
            value = values.pop(key, None)
            if value is not None:
                setattr(comp, key, value)
        setup = session.scalar(select(DocumentSetup).order_by(DocumentSetup.id))
        if setup is None:
            setup = DocumentSetup(address="", post_code="", city="", phone="", email="", iban="", bic="",
                                    bank_account_no="", print_payment_reference=True)
            session.add(setup)
        for key, value in values.items():
            if value is not None:
                setattr(setup, key, value)
        session.flush()
        return company_details(session)

    return audited_change(app, "setup.change", "setup.documents", "document setup", change, company_details,
                          {k: v for k, v in fields.items() if v is not None})


def _checked_payment_details(fields: dict, country: str, org_no: str | None, vat_id: str | None) -> dict:
    """IBAN, BIC and the domestic bank account printed on invoices, and the company's org.nr / KvK
    number and VAT id (e-invoices name them; checked together with the stored ones,
    ``identifiers.company_ids``), validated (python-stdnum) and normalised; every bad value is
    reported at once and nothing is stored."""
    checks = {"iban": ids.iban, "bic": ids.bic, "bank_account_no": ids.bank_account}
    new_org, new_vat, problems = ids.company_ids(country, fields.get("org_no") or None, fields.get("vat_id") or None,
                                                 org_no, vat_id)
    checked = {key: value for key, value in (("org_no", new_org), ("vat_id", new_vat)) if value}
    for name, check in checks.items():
        value = fields.get(name)
        if not value:
            continue
        try:
            checked[name] = check(value)
        except ids.IdentifierError as exc:
            problems.append(Problem(exc.code, name, {"value": value}))
    if problems:
        raise RejectedError(Rejected(problems))
    return checked


def queue_email(app: App, context: dict, subject: str, body: str, pdf: bytes | list, resend: bool = False,
                body_html: str | None = None) -> int:
    """Queue the rendered document for its customer / vendor in the outbox; returns the message id.
    ``pdf`` is the PDF, or the list of (file name, content type, bytes) to attach (PDF and/or EHF);
    ``body_html`` the e-mail's HTML part beside the plain text ``body``."""
    check_sendable(context)
    no, partner = context["document"]["no"], context["partner"]
    with app.uow() as session:
        require(session, app.user, "sales.edit" if partner["role"] == "customer" else "purchase.edit")
        party = session.get(Customer if partner["role"] == "customer" else Vendor, partner["no"])
        if not party.email:
            raise DomainError("DOCS-NO-EMAIL", f"{partner['role']} {party.no} has no e-mail address",
                              party_no=party.no)
        earlier = session.scalar(select(OutboxMessage.id).where(
            OutboxMessage.kind == EMAIL_KIND, OutboxMessage.document_no == no,
            OutboxMessage.status != "failed"))
        if earlier is not None and not resend:
            raise DomainError("DOCS-ALREADY-SENT", f"{no} is already in the outbox (message {earlier})",
                              no=no, message_id=earlier)
        message = enqueue_message(session, party.email, subject, body, EMAIL_KIND, context["language"], no,
                                  app.now(), pdf if isinstance(pdf, list) else [(f"{no}.pdf", "application/pdf", pdf)],
                                  body_html=body_html)
        return message.id
