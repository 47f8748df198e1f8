"""Outgoing e-invoices: a posted sales invoice or credit memo as EHF / PEPPOL BIS Billing 3 (UBL 2.1).

``export_ehf`` reads the posted document (its posted amounts, never recomputed), the company and the
customer, refuses with coded problems when a party lacks what the receiver's access point needs
(the electronic address: org.nr for Norway, KvK for the Netherlands; the seller's VAT id and
address; the payee account of an invoice), and writes the file through a temporary file moved into
place, so a refused or failed export leaves nothing behind. ``ehf_bytes`` gives the same document
for the outbox (``sales send --format ehf|both``).
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.documents import ehf_ubl as ubl
from domain.documents.out import company_details
from domain.money import HUNDRED, ZERO, round_unit_amount
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader
from domain.setup.model.cards import Customer

KINDS = ("invoice", "credit_memo")


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def endpoint_of(country: str, org_no: str | None) -> str | None:
    """The PEPPOL electronic address: 9-digit org.nr (NO, ICD 0192) or 8-digit KvK (NL, ICD 0106)."""
    digits = _digits(org_no)
    if country == "NO" and len(digits) == 9:
        return digits
    if country == "NL" and len(digits) == 8:
        return digits
    return None


def _seller(comp: dict, problems: list[Problem]) -> ubl.Party:
    endpoint = endpoint_of(comp["country"], comp["org_no"])
    if endpoint is None:
        problems.append(Problem("EHF-SELLER-NO-ENDPOINT", "org_no", {"country": comp["country"]}))
    if not comp["vat_id"]:
        problems.append(Problem("EHF-SELLER-NO-VAT-ID", "vat_id", {}))
    missing = [k for k in ("address", "post_code", "city") if not comp[k]]
    if missing:
        problems.append(Problem("EHF-SELLER-NO-ADDRESS", "address", {"fields": ", ".join(missing)}))
    return ubl.Party(comp["name"], comp["country"], comp["address"], comp["post_code"], comp["city"],
                     endpoint or "", comp["vat_id"])


def _buyer(customer: Customer, problems: list[Problem]) -> ubl.Party:
    endpoint = endpoint_of(customer.country, customer.org_no)
    if endpoint is None:
        problems.append(Problem("EHF-CUSTOMER-NO-ENDPOINT", "org_no",
                                {"customer_no": customer.no, "country": customer.country}))
    if customer.country == "NL" and not (customer.address and customer.city and customer.post_code):
        problems.append(Problem("EHF-CUSTOMER-NO-ADDRESS", "address", {"customer_no": customer.no}))
    return ubl.Party(customer.name, customer.country, customer.address or "", customer.post_code or "",
                     customer.city or "", endpoint or "", customer.vat_id or "")


def _lines(rows: list[PostedSalesLine], domestic: bool) -> tuple[list[ubl.Line], list[ubl.VatGroup]]:
    lines, groups = [], OrderedDict()
    for r in rows:
        category = ubl.vat_category(r.vat_pct, domestic)
        gross_price = None
        if r.quantity and _gross_priced(r):
            price = round_unit_amount(r.amount / r.quantity)  # prices incl. VAT: the net price per unit
        elif r.line_discount_pct:
            gross_price = r.unit_price
            price = (r.unit_price * (HUNDRED - r.line_discount_pct) / HUNDRED).normalize()
        else:
            price = r.unit_price
        lines.append(ubl.Line(r.line_no, r.description, r.no, r.quantity, r.unit_of_measure or "",
                              price, r.amount, category, r.vat_pct, gross_price))
        key = (category, r.vat_pct)
        base_vat = groups.setdefault(key, [ZERO, ZERO])
        base_vat[0] += r.amount
        base_vat[1] += r.amount_including_vat - r.amount
    vat = [ubl.VatGroup(cat, pct, b, v, ubl.EXEMPTION_REASONS.get(cat, ""))
           for (cat, pct), (b, v) in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
    return lines, vat


def _gross_priced(r: PostedSalesLine) -> bool:
    """The line's unit price includes VAT (the header's prices_including_vat): qty x price is
    then nearer the gross amount than the net one."""
    gross_guess = r.quantity * r.unit_price * (1 - r.line_discount_pct / Decimal(100))
    return abs(gross_guess - r.amount_including_vat) < abs(gross_guess - r.amount) and r.vat_pct != 0


def document_of(session: Session, no: str) -> ubl.Document:
    posted = session.get(PostedSalesHeader, no)
    if posted is None or posted.document_type not in KINDS:
        raise NotFound("EHF-DOCUMENT-NOT-FOUND", f"no posted sales invoice or credit memo {no!r}", no=no)
    comp = company_details(session)
    customer = session.get(Customer, posted.customer_no)
    problems: list[Problem] = []
    seller = _seller(comp, problems)
    buyer = _buyer(customer, problems)
    credit = posted.document_type == "credit_memo"
    account = comp["iban"] or comp["bank_account_no"]
    if not credit and not account:
        problems.append(Problem("EHF-SELLER-NO-ACCOUNT", "iban", {}))
    if credit and not posted.applies_to_doc_no and comp["country"] == "NL":
        problems.append(Problem("EHF-CREDIT-NOTE-NO-INVOICE", "applies_to_doc_no", {"no": no}))
    if problems:
        raise RejectedError(Rejected(problems))
    rows = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == no)
                           .order_by(PostedSalesLine.line_no)).all()
    lines, vat = _lines(list(rows), customer.country == comp["country"])
    source = session.get(SalesHeader, posted.source_header_id)
    external = source.external_document_no if source is not None else ""
    return ubl.Document(
        kind=posted.document_type, no=posted.no, issue_date=posted.document_date, due_date=posted.due_date,
        currency=posted.currency_code, buyer_reference=external or customer.no, seller=seller, buyer=buyer,
        lines=tuple(lines), vat=tuple(vat), net=posted.amount,
        vat_total=posted.amount_including_vat - posted.amount, gross=posted.amount_including_vat,
        payment_reference=posted.payment_reference if not credit else None,
        payee_account=(comp["iban"] or comp["bank_account_no"]) if not credit else "",
        payee_bic=comp["bic"] if comp["iban"] else "",
        billing_reference=posted.applies_to_doc_no, order_reference=posted.order_no)


def ehf_bytes(app: App, no: str) -> bytes:
    """The EHF / PEPPOL BIS 3 UBL document of posted sales invoice or credit memo ``no``."""
    with app.uow() as session:
        return ubl.build(document_of(session, no))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (nothing half-written)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def export_ehf(app: App, no: str, out: Path) -> Path:
    """Write the EHF file of posted sales invoice / credit memo ``no`` to ``out``."""
    data = ehf_bytes(app, no)
    write_atomically(out, data)
    return Path(out)
