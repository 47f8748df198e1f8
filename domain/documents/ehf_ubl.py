"""PEPPOL BIS Billing 3.0 (UBL 2.1) Invoice and CreditNote from plain values: pure, no database.

EHF (Norway) and NLCIUS (Netherlands) are PEPPOL BIS 3 with national rules on top (PEPPOL's own
NO-R-* and NL-R-* rules): the seller's electronic address and legal entity id are the org.nr
(ICD 0192) or the KvK number (ICD 0106); a Norwegian seller names its MVA number and
"Foretaksregisteret"; a Dutch credit note names the invoice it corrects. Element order follows
the UBL 2.1 schemas. Amounts are written with two decimals, prices as stored (no rounding).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
#: the electronic address / legal entity scheme (ISO 6523 ICD) per country
ICD = {"NO": "0192", "NL": "0106"}
#: unit of measure (project code) -> UN/ECE Recommendation 20 code; anything else is C62 ("one")
UNIT_CODES = {"PCS": "H87", "STK": "H87", "EA": "H87", "HOUR": "HUR", "HR": "HUR", "TIME": "HUR",
              "KG": "KGM", "L": "LTR", "M": "MTR", "DAY": "DAY", "BOX": "XBX"}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Party:
    name: str
    country: str
    address: str
    post_code: str
    city: str
    endpoint: str  # org.nr (NO) or KvK (NL): also the legal entity id
    vat_id: str = ""


@dataclass(frozen=True)
class Line:
    line_no: int
    description: str
    item_no: str
    quantity: Decimal
    unit: str
    net_price: Decimal  # price per unit after the line discount, without VAT (BT-146)
    net_amount: Decimal  # the posted line amount without VAT (BT-131)
    vat_category: str
    vat_pct: Decimal
    gross_price: Decimal | None = None  # price before the discount (BT-148), when discounted


@dataclass(frozen=True)
class VatGroup:
    category: str
    vat_pct: Decimal
    base: Decimal
    amount: Decimal
    exemption_reason: str = ""


@dataclass(frozen=True)
class Document:
    kind: str  # invoice | credit_memo
    no: str
    issue_date: dt.date
    due_date: dt.date
    currency: str
    buyer_reference: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    vat: tuple[VatGroup, ...]
    net: Decimal
    vat_total: Decimal
    gross: Decimal
    payment_reference: str | None = None
    payee_account: str = ""
    payee_bic: str = ""
    billing_reference: str | None = None
    order_reference: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def vat_category(vat_pct: Decimal, domestic: bool) -> str:
    """S standard rate, Z zero rated (domestic 0 %), G export outside the scope (foreign 0 %)."""
    if vat_pct > 0:
        return "S"
    return "Z" if domestic else "G"


EXEMPTION_REASONS = {"G": "Export outside the EU / utførsel", "E": "Exempt from VAT"}


def _a(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _n(value: Decimal) -> str:
    """A quantity or price without trailing zeros beyond two decimals."""
    text = format(Decimal(value).normalize(), "f")
    if "." not in text:
        return text
    whole, frac = text.split(".")
    return f"{whole}.{frac.ljust(2, '0')}" if len(frac) < 2 else text


class _W:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def el(self, tag: str, value, **attrs) -> None:
        if value is None or value == "":
            return
        attr = "".join(f" {k}={quoteattr(str(v))}" for k, v in attrs.items())
        self.parts.append(f"<{tag}{attr}>{escape(str(value))}</{tag}>")

    def open(self, name: str) -> None:
        self.parts.append(f"<{name}>")

    def close(self, name: str) -> None:
        self.parts.append(f"</{name}>")


def _party(w: _W, tag: str, p: Party) -> None:
    icd = ICD.get(p.country, "0192")
    w.open(tag)
    w.open("cac:Party")
    w.el("cbc:EndpointID", p.endpoint, schemeID=icd)
    w.open("cac:PartyName")
    w.el("cbc:Name", p.name)
    w.close("cac:PartyName")
    w.open("cac:PostalAddress")
    w.el("cbc:StreetName", p.address)
    w.el("cbc:CityName", p.city)
    w.el("cbc:PostalZone", p.post_code)
    w.open("cac:Country")
    w.el("cbc:IdentificationCode", p.country)
    w.close("cac:Country")
    w.close("cac:PostalAddress")
    if p.vat_id:
        w.open("cac:PartyTaxScheme")
        w.el("cbc:CompanyID", p.vat_id)
        w.open("cac:TaxScheme")
        w.el("cbc:ID", "VAT")
        w.close("cac:TaxScheme")
        w.close("cac:PartyTaxScheme")
    if tag == "cac:AccountingSupplierParty" and p.country == "NO":
        w.open("cac:PartyTaxScheme")
        w.el("cbc:CompanyID", "Foretaksregisteret")
        w.open("cac:TaxScheme")
        w.el("cbc:ID", "TAX")
        w.close("cac:TaxScheme")
        w.close("cac:PartyTaxScheme")
    w.open("cac:PartyLegalEntity")
    w.el("cbc:RegistrationName", p.name)
    w.el("cbc:CompanyID", p.endpoint, schemeID=icd)
    w.close("cac:PartyLegalEntity")
    w.close("cac:Party")
    w.close(tag)


def _tax_category(w: _W, tag: str, category: str, pct: Decimal, reason: str = "") -> None:
    w.open(tag)
    w.el("cbc:ID", category)
    w.el("cbc:Percent", _n(pct))
    if reason:
        w.el("cbc:TaxExemptionReason", reason)
    w.open("cac:TaxScheme")
    w.el("cbc:ID", "VAT")
    w.close("cac:TaxScheme")
    w.close(tag)


def build(doc: Document) -> bytes:
    """The UBL document (UTF-8 bytes) for a posted sales invoice or credit memo."""
    credit = doc.kind == "credit_memo"
    root = "CreditNote" if credit else "Invoice"
    cur = doc.currency
    w = _W()
    w.parts.append('<?xml version="1.0" encoding="UTF-8"?>')
    w.parts.append(f'<{root} xmlns="{NS[root]}" xmlns:cac="{NS["cac"]}" xmlns:cbc="{NS["cbc"]}">')
    w.el("cbc:CustomizationID", CUSTOMIZATION_ID)
    w.el("cbc:ProfileID", PROFILE_ID)
    w.el("cbc:ID", doc.no)
    w.el("cbc:IssueDate", doc.issue_date.isoformat())
    if not credit:
        w.el("cbc:DueDate", doc.due_date.isoformat())
        w.el("cbc:InvoiceTypeCode", "380")
    else:
        w.el("cbc:CreditNoteTypeCode", "381")
    for note in doc.notes:
        w.el("cbc:Note", note)
    w.el("cbc:DocumentCurrencyCode", cur)
    w.el("cbc:BuyerReference", doc.buyer_reference)
    if doc.order_reference:
        w.open("cac:OrderReference")
        w.el("cbc:ID", doc.order_reference)
        w.close("cac:OrderReference")
    if doc.billing_reference:
        w.open("cac:BillingReference")
        w.open("cac:InvoiceDocumentReference")
        w.el("cbc:ID", doc.billing_reference)
        w.close("cac:InvoiceDocumentReference")
        w.close("cac:BillingReference")
    _party(w, "cac:AccountingSupplierParty", doc.seller)
    _party(w, "cac:AccountingCustomerParty", doc.buyer)
    if doc.payee_account and not credit:
        w.open("cac:PaymentMeans")
        w.el("cbc:PaymentMeansCode", "30", name="Credit transfer")
        w.el("cbc:PaymentID", doc.payment_reference)
        w.open("cac:PayeeFinancialAccount")
        w.el("cbc:ID", doc.payee_account)
        if doc.payee_bic:
            w.open("cac:FinancialInstitutionBranch")
            w.el("cbc:ID", doc.payee_bic)
            w.close("cac:FinancialInstitutionBranch")
        w.close("cac:PayeeFinancialAccount")
        w.close("cac:PaymentMeans")
    w.open("cac:TaxTotal")
    w.el("cbc:TaxAmount", _a(doc.vat_total), currencyID=cur)
    for g in doc.vat:
        w.open("cac:TaxSubtotal")
        w.el("cbc:TaxableAmount", _a(g.base), currencyID=cur)
        w.el("cbc:TaxAmount", _a(g.amount), currencyID=cur)
        _tax_category(w, "cac:TaxCategory", g.category, g.vat_pct, g.exemption_reason)
        w.close("cac:TaxSubtotal")
    w.close("cac:TaxTotal")
    w.open("cac:LegalMonetaryTotal")
    w.el("cbc:LineExtensionAmount", _a(sum((x.net_amount for x in doc.lines), Decimal(0))), currencyID=cur)
    w.el("cbc:TaxExclusiveAmount", _a(doc.net), currencyID=cur)
    w.el("cbc:TaxInclusiveAmount", _a(doc.gross), currencyID=cur)
    w.el("cbc:PayableAmount", _a(doc.gross), currencyID=cur)
    w.close("cac:LegalMonetaryTotal")
    line_tag, qty_tag = ("cac:CreditNoteLine", "cbc:CreditedQuantity") if credit else \
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    for line in doc.lines:
        w.open(line_tag)
        w.el("cbc:ID", line.line_no)
        w.el(qty_tag, _n(line.quantity), unitCode=UNIT_CODES.get(line.unit.upper(), "C62"))
        w.el("cbc:LineExtensionAmount", _a(line.net_amount), currencyID=cur)
        # the net price times the quantity is the line amount to the cent but for rounding in
        # the posted amount; a difference beyond PEPPOL's slack (R120, 0.02) is shown on the line
        discount = (line.quantity * line.net_price).quantize(CENT) - line.net_amount
        if abs(discount) > Decimal("0.02"):
            w.open("cac:AllowanceCharge")
            w.el("cbc:ChargeIndicator", "false" if discount > 0 else "true")
            w.el("cbc:AllowanceChargeReasonCode", "95" if discount > 0 else "ZZZ")
            w.el("cbc:AllowanceChargeReason", "Discount" if discount > 0 else "Rounding")
            w.el("cbc:Amount", _a(abs(discount)), currencyID=cur)
            w.close("cac:AllowanceCharge")
        w.open("cac:Item")
        w.el("cbc:Name", line.description or line.item_no or str(line.line_no))
        if line.item_no:
            w.open("cac:SellersItemIdentification")
            w.el("cbc:ID", line.item_no)
            w.close("cac:SellersItemIdentification")
        _tax_category(w, "cac:ClassifiedTaxCategory", line.vat_category, line.vat_pct)
        w.close("cac:Item")
        w.open("cac:Price")
        w.el("cbc:PriceAmount", _n(line.net_price), currencyID=cur)
        if line.gross_price is not None and line.gross_price != line.net_price:
            w.open("cac:AllowanceCharge")
            w.el("cbc:ChargeIndicator", "false")
            w.el("cbc:Amount", _n(line.gross_price - line.net_price), currencyID=cur)
            w.el("cbc:BaseAmount", _n(line.gross_price), currencyID=cur)
            w.close("cac:AllowanceCharge")
        w.close("cac:Price")
        w.close(line_tag)
    w.parts.append(f"</{root}>")
    return "".join(w.parts).encode("utf-8")
