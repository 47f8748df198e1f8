"""UBL 2.1 Invoice and CreditNote (PEPPOL BIS Billing 3.0, EHF 2/3, NLCIUS).

The values are read exactly from the business terms of EN 16931 (BT numbers
in comments); nothing is inferred, so every field has confidence 1 and source
``xml``. Identifiers and cross-checks are then judged by ocr/checks.py like
any other proposal: the PEPPOL examples carry deliberately invalid KIDs, and
those must be flagged, not trusted.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from domain.money import round_unit_amount
from ocr.proposal import Field, Proposal, ProposalLine, VatGroup
from ocr.xmlsafe import amount, amount_str, bounded_lines, find, find_all, text

ROOTS = ("Invoice", "CreditNote")
ONE = Decimal("1")
_CREDIT_TYPE_CODES = {"381", "396", "532"}
_SUPPLIER = "AccountingSupplierParty/Party"


def _tax_total(root: ET.Element, currency: str | None) -> ET.Element | None:
    """The TaxTotal in document currency (BT-110), not the accounting one (BT-111)."""
    totals = find_all(root, "TaxTotal")
    for total in totals:
        node = find(total, "TaxAmount")
        if node is not None and (currency is None or node.get("currencyID") in (None, currency)):
            return total
    return totals[0] if totals else None


def _supplier_ids(party: ET.Element | None) -> dict[str, str | None]:
    ids: dict[str, str | None] = {"vendor_vat_id": None, "vendor_org_no": None, "vendor_kvk": None}
    for scheme in find_all(party, "PartyTaxScheme"):
        if (text(scheme, "TaxScheme/ID") or "VAT").upper() in ("VAT", "MVA", "BTW"):
            ids["vendor_vat_id"] = ids["vendor_vat_id"] or text(scheme, "CompanyID")
    legal = find(party, "PartyLegalEntity/CompanyID")
    if legal is not None and legal.text:
        scheme_id = legal.get("schemeID", "")
        digits = "".join(legal.text.split())
        if scheme_id == "0106" or (scheme_id == "" and len(digits) == 8 and digits.isdigit()):
            ids["vendor_kvk"] = digits  # BT-30 with ICD 0106 = KvK
        elif scheme_id in ("0192", "NO:ORGNR", "") and len(digits) == 9 and digits.isdigit():
            ids["vendor_org_no"] = digits  # ICD 0192 = Norwegian org.nr
    vat = ids["vendor_vat_id"] or ""
    if ids["vendor_org_no"] is None and vat.upper().startswith("NO"):
        ids["vendor_org_no"] = "".join(ch for ch in vat if ch.isdigit()) or None
    return ids


def _payment(root: ET.Element) -> dict[str, str | None]:
    out: dict[str, str | None] = {"vendor_iban": None, "vendor_account_no": None,
                                  "payment_reference": None, "due_date": None}
    for means in find_all(root, "PaymentMeans"):
        account = text(means, "PayeeFinancialAccount/ID")
        if account:
            compact = "".join(account.split()).replace(".", "")
            key = "vendor_account_no" if compact.isdigit() else "vendor_iban"
            out[key] = out[key] or compact
        out["payment_reference"] = out["payment_reference"] or text(means, "PaymentID")
        out["due_date"] = out["due_date"] or text(means, "PaymentDueDate")
    return out


def _lines(nodes: list[ET.Element]) -> list[ProposalLine]:
    lines = []
    for node in nodes:
        qty_node = find(node, "InvoicedQuantity|CreditedQuantity")
        price = amount(node, "Price/PriceAmount")
        base_qty = amount(node, "Price/BaseQuantity")
        if price is not None and base_qty not in (None, Decimal(0), ONE):
            price = round_unit_amount(price / base_qty)  # BT-149: price per base quantity
        lines.append(ProposalLine(
            description=text(node, "Item/Name") or text(node, "Item/Description") or "",
            quantity=amount(qty_node),
            unit=qty_node.get("unitCode") if qty_node is not None else None,
            unit_price=price,
            vat_rate=amount(node, "Item/ClassifiedTaxCategory/Percent"),
            amount=amount(node, "LineExtensionAmount"),
            vendor_item_no=text(node, "Item/SellersItemIdentification/ID"),
            standard_item_no=text(node, "Item/StandardItemIdentification/ID"),  # BT-157
            confidence=ONE,
        ))
    return lines


def _allowances_and_charges(root: ET.Element) -> list[ProposalLine]:
    """Document-level allowances (BG-20) and charges (BG-21) as lines of their own: an
    allowance is a negative amount, a charge a positive one, each at its VAT rate, so the
    lines add up to the invoice's net amount (BT-109) as EN 16931 BR-CO-13 has it."""
    out = []
    for node in find_all(root, "AllowanceCharge"):
        value = amount(node, "Amount")
        if value is None:
            continue
        charge = (text(node, "ChargeIndicator") or "").strip().lower() == "true"
        signed = value if charge else -value
        reason = text(node, "AllowanceChargeReason") or text(node, "AllowanceChargeReasonCode") or ""
        label = ("Charge" if charge else "Allowance") + (f": {reason}" if reason else "")
        out.append(ProposalLine(description=label[:250], quantity=ONE, unit_price=signed,
                                vat_rate=amount(node, "TaxCategory/Percent"), amount=signed, confidence=ONE))
    return out


def parse_ubl(root: ET.Element) -> Proposal:
    """A proposal read from a namespace-stripped UBL Invoice/CreditNote root."""
    currency = text(root, "DocumentCurrencyCode")
    party = find(root, _SUPPLIER)
    payment = _payment(root)
    tax_total = _tax_total(root, currency)
    values: dict[str, str | None] = {
        "vendor_name": text(party, "PartyName/Name") or text(party, "PartyLegalEntity/RegistrationName"),
        **_supplier_ids(party),
        "invoice_no": text(root, "ID"),                                   # BT-1
        "invoice_date": text(root, "IssueDate"),                          # BT-2
        "due_date": text(root, "DueDate") or payment["due_date"],         # BT-9
        "currency": currency,                                             # BT-5
        "net_amount": amount_str(root, "LegalMonetaryTotal/TaxExclusiveAmount"),  # BT-109
        "vat_amount": amount_str(tax_total, "TaxAmount"),                 # BT-110
        "gross_amount": amount_str(root, "LegalMonetaryTotal/TaxInclusiveAmount"),  # BT-112
        "vendor_iban": payment["vendor_iban"],
        "vendor_account_no": payment["vendor_account_no"],
        "payment_reference": payment["payment_reference"],                # BT-83
        "buyer_reference": text(root, "BuyerReference"),                  # BT-10
        "prepaid_amount": amount_str(root, "LegalMonetaryTotal/PrepaidAmount"),          # BT-113
        "rounding_amount": amount_str(root, "LegalMonetaryTotal/PayableRoundingAmount"),  # BT-114
        "payable_amount": amount_str(root, "LegalMonetaryTotal/PayableAmount"),          # BT-115
    }
    credit = root.tag == "CreditNote" or text(root, "InvoiceTypeCode") in _CREDIT_TYPE_CODES
    groups = [
        VatGroup(rate=amount(sub, "TaxCategory/Percent") or Decimal(0),
                 base=amount(sub, "TaxableAmount") or Decimal(0),
                 amount=amount(sub, "TaxAmount") or Decimal(0),
                 category=text(sub, "TaxCategory/ID") or "S")
        for sub in find_all(tax_total, "TaxSubtotal")
    ]
    nodes, too_many = bounded_lines(find_all(root, "InvoiceLine|CreditNoteLine"))
    return Proposal(
        source_kind="ubl",
        document_type="credit_memo" if credit else "invoice",
        fields={k: Field(v, ONE, "xml") for k, v in values.items() if v is not None},
        vat_groups=groups,
        lines=_lines(nodes) + (_allowances_and_charges(root) if nodes else []),
        problems=too_many,
    )
