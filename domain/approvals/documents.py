"""The documents approval workflows route: purchase and sales documents, read alike.

Business Central's approval workflow templates cover purchase invoices, credit memos,
orders and return orders and sales quotes, orders, invoices and credit memos; each
request, entry and audit event names its document by number (purchase and sales number
series never share a prefix). Approvals sit above both areas, so they read the two
document tables here; the areas ask approvals only through the port
(:mod:`domain.approvals.port`).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from domain.db import lock
from domain.hashing import document_hash
from domain.ledger.rules import amounts
from domain.money import ZERO, round_amount
from domain.problems import DomainError, NotFound
from domain.purchasing import documents as purchase_documents
from domain.purchasing import prepayment_setup
from domain.purchasing.model import PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales.model import SalesHeader
from domain.setup.model.cards import Customer, Vendor
from domain.setup.queries import company, setup_tables

Header = PurchaseHeader | SalesHeader

#: the sales document types an approval workflow may cover (BC's sales workflow templates)
SALES_TYPES = ("quote", "order", "invoice", "credit_memo")

#: what a document is called in each language (en / nb / nl), by workflow document type
TITLES = {
    "purchase_invoice": ("purchase invoice", "innkjøpsfaktura", "inkoopfactuur"),
    "purchase_credit_memo": ("purchase credit memo", "innkjøpskreditnota", "inkoopcreditnota"),
    "purchase_order": ("purchase order", "innkjøpsordre", "inkooporder"),
    "purchase_return_order": ("purchase return order", "innkjøpsreturordre", "inkoopretourorder"),
    "sales_quote": ("sales quote", "salgstilbud", "verkoopofferte"),
    "sales_order": ("sales order", "salgsordre", "verkooporder"),
    "sales_invoice": ("sales invoice", "salgsfaktura", "verkoopfactuur"),
    "sales_credit_memo": ("sales credit memo", "salgskreditnota", "verkoopcreditnota"),
}

#: what a problem's severity is called in each language (en / nb / nl): the document page and the
#: approval e-mails' list of what intake flagged
SEVERITIES = {"error": ("Error", "Feil", "Fout"), "warning": ("Warning", "Advarsel", "Waarschuwing")}


def severity_word(severity: str, language: str | None) -> str:
    names = SEVERITIES.get(severity)
    return names[("en", "nb", "nl").index(language) if language in ("nb", "nl") else 0] if names else severity


def is_sales(header: Header) -> bool:
    return isinstance(header, SalesHeader)


def kind(header: Header) -> str:
    """The workflow document type: ``purchase_invoice``, ``sales_order``, ..."""
    return f"{'sales' if is_sales(header) else 'purchase'}_{header.document_type}"


def title(header: Header, language: str) -> str:
    en, nb, nl = TITLES.get(kind(header), (kind(header).replace("_", " "),) * 3)
    return {"nb": nb, "nl": nl}.get(language, en)


def find(session: Session, no: str, for_update: bool = False) -> Header | None:
    """The purchase or sales document numbered ``no`` (locked when ``for_update``)."""
    for cls in (PurchaseHeader, SalesHeader):
        stmt = select(cls).where(cls.no == no)
        header = session.scalar(lock(session, stmt) if for_update else stmt)
        if header is not None:
            return header
    return None


def get(session: Session, no: str) -> Header:
    """``find`` with its lines; NotFound (PURCH-DOCUMENT-NOT-FOUND) when there is none."""
    header = session.scalar(select(PurchaseHeader).options(selectinload(PurchaseHeader.lines))
                            .where(PurchaseHeader.no == no))
    if header is None:
        header = session.scalar(select(SalesHeader).options(selectinload(SalesHeader.lines))
                                .where(SalesHeader.no == no))
    if header is None:
        raise NotFound("PURCH-DOCUMENT-NOT-FOUND", f"no purchase or sales document {no!r}", no=no)
    return header


def locked(session: Session, no: str) -> Header:
    header = find(session, no, for_update=True)
    if header is None:
        raise DomainError("PURCH-DOCUMENT-NOT-FOUND", f"no purchase or sales document {no!r}", no=no)
    return header


def version_hash(header: Header) -> str:
    """The fingerprint of what an approver saw (an approval counts only for it)."""
    if not is_sales(header):
        return purchase_documents.version_hash(header)
    fields = ("document_type", "customer_no", "currency_code", "exchange_rate", "prices_including_vat",
              "posting_date", "document_date", "due_date", "external_document_no", "gen_bus_posting_group",
              "vat_bus_posting_group", "customer_posting_group")
    line_fields = ("line_no", "type", "no", "description", "quantity", "unit_of_measure", "unit_price",
                   "line_discount_pct", "gen_prod_posting_group", "vat_prod_posting_group", "location_code")
    extras = ("variant_code", "lot_no", "serial_no", "tracking")
    return document_hash({f: getattr(header, f) for f in fields},
                         # only when set: the fingerprints of documents from before them stay the same
                         [{f: getattr(line, f) for f in line_fields}
                          | {n: v for n in extras if (v := getattr(line, n, None))} for line in header.lines])


def document_amounts(session: Session, header: Header) -> amounts.DocumentAmounts:
    """Line amounts, VAT per group and totals in the document's currency, as posting computes them."""
    if is_sales(header):
        return sales_documents.document_amounts(session, header)
    vat = setup_tables(session).vat
    lines = []
    for line in header.lines:
        setup = vat.get((header.vat_bus_posting_group, line.vat_prod_posting_group))
        pct = setup.vat_pct if setup else ZERO
        calc = setup.calculation_type if setup else "normal"
        lines.append(amounts.LineInput(line.line_no, line.quantity, line.direct_unit_cost,
                                       line.line_discount_pct, f"{calc}|{pct}|{line.vat_prod_posting_group}",
                                       pct, calc == "reverse_charge",
                                       # a prepayment (deduction) line: the net and VAT it will post
                                       fixed=prepayment_setup.line_fixed(line)))
    return amounts.compute(lines, header.prices_including_vat, header.currency_code)


def amount_lcy(session: Session, header: Header) -> Decimal:
    """The amount excluding VAT in local currency (what approval limits compare)."""
    net = document_amounts(session, header).net
    lcy = company(session).currency
    if header.currency_code != lcy:
        net = round_amount(net * header.exchange_rate, lcy)
    return abs(net)


def partner(session: Session, header: Header) -> tuple[str, str, str]:
    """(role, no., name) of the document's vendor or customer."""
    if is_sales(header):
        customer = session.get(Customer, header.customer_no)
        return "customer", header.customer_no, customer.name if customer else header.customer_no
    vendor = session.get(Vendor, header.vendor_no)
    return "vendor", header.vendor_no, vendor.name if vendor else header.vendor_no


def credit_limit_exceeded(session: Session, header: Header) -> bool:
    """BC "Customer credit limit exceeded": the customer's balance, its other open orders and
    invoices and this document together above the customer's credit limit."""
    return is_sales(header) and bool(sales_documents.credit_limit_warnings(session, header))
