"""UN/CEFACT Cross Industry Invoice: Factur-X / ZUGFeRD 2.x and ZUGFeRD 1.0.

ZUGFeRD 1.0 (``CrossIndustryDocument``) and CII D16B (``CrossIndustryInvoice``)
name the same business terms with different parent elements, so each path
below lists both spellings (``A|B``). The reading is exact, as for UBL; the
embedded file in a PDF is preferred over the PDF's text because it is the
seller's own structured statement (EN 16931, Factur-X 1.0 section 4).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from ocr.proposal import Field, Proposal, ProposalLine, VatGroup
from ocr.xmlsafe import amount, amount_str, bounded_lines, cii_date, find, find_all, text

ROOTS = ("CrossIndustryInvoice", "CrossIndustryDocument")
ONE = Decimal("1")
_CREDIT_TYPE_CODES = {"381", "396", "532"}

_DOC = "ExchangedDocument|HeaderExchangedDocument"
_TX = "SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction"
_AGREEMENT = "ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement"
_SETTLEMENT = "ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement"
_SUMMATION = ("SpecifiedTradeSettlementHeaderMonetarySummation"
              "|SpecifiedTradeSettlementMonetarySummation")
_RATE = "RateApplicablePercent|ApplicablePercent"


def _seller_ids(seller: ET.Element | None) -> dict[str, str | None]:
    ids: dict[str, str | None] = {"vendor_vat_id": None, "vendor_org_no": None, "vendor_kvk": None}
    for reg in find_all(seller, "SpecifiedTaxRegistration/ID"):
        if reg.get("schemeID", "VA") == "VA" and reg.text:
            ids["vendor_vat_id"] = ids["vendor_vat_id"] or "".join(reg.text.split())
    legal = find(seller, "SpecifiedLegalOrganization/ID")
    if legal is not None and legal.text:
        digits = "".join(legal.text.split())
        if legal.get("schemeID") == "0106":
            ids["vendor_kvk"] = digits
        elif legal.get("schemeID") == "0192":
            ids["vendor_org_no"] = digits
    vat = ids["vendor_vat_id"] or ""
    if ids["vendor_org_no"] is None and vat.upper().startswith("NO"):
        ids["vendor_org_no"] = "".join(ch for ch in vat if ch.isdigit()) or None
    return ids


def _tax_total(summation: ET.Element | None, currency: str | None) -> str | None:
    for node in find_all(summation, "TaxTotalAmount"):
        if currency is None or node.get("currencyID") in (None, currency):
            return amount_str(node)
    return None


def _account(settlement: ET.Element | None) -> dict[str, str | None]:
    out: dict[str, str | None] = {"vendor_iban": None, "vendor_account_no": None}
    for means in find_all(settlement, "SpecifiedTradeSettlementPaymentMeans"):
        account = find(means, "PayeePartyCreditorFinancialAccount")
        iban = text(account, "IBANID")
        if iban:
            out["vendor_iban"] = out["vendor_iban"] or "".join(iban.split())
        other = text(account, "ProprietaryID")
        if other and "".join(other.split()).replace(".", "").isdigit():
            out["vendor_account_no"] = out["vendor_account_no"] or "".join(other.split()).replace(".", "")
    return out


def _lines(items: list[ET.Element]) -> list[ProposalLine]:
    lines = []
    for item in items:
        agreement = find(item, "SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement")
        delivery = find(item, "SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery")
        settle = find(item, "SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement")
        qty = find(delivery, "BilledQuantity")
        lines.append(ProposalLine(
            description=text(item, "SpecifiedTradeProduct/Name") or "",
            quantity=amount(qty),
            unit=qty.get("unitCode") if qty is not None else None,
            unit_price=amount(agreement, "NetPriceProductTradePrice/ChargeAmount"),
            vat_rate=amount(settle, f"ApplicableTradeTax/{_RATE}"),
            amount=amount(settle, "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount"),
            vendor_item_no=text(item, "SpecifiedTradeProduct/SellerAssignedID"),
            standard_item_no=text(item, "SpecifiedTradeProduct/GlobalID"),
            confidence=ONE,
        ))
    return lines


def parse_cii(root: ET.Element, source_kind: str = "cii") -> Proposal:
    """A proposal read from a namespace-stripped CII / ZUGFeRD 1 root."""
    doc, tx = find(root, _DOC), find(root, _TX)
    seller = find(tx, f"{_AGREEMENT}/SellerTradeParty")
    settlement = find(tx, _SETTLEMENT)
    summation = find(settlement, _SUMMATION)
    currency = text(settlement, "InvoiceCurrencyCode")
    values: dict[str, str | None] = {
        "vendor_name": text(seller, "Name"),
        **_seller_ids(seller),
        "invoice_no": text(doc, "ID"),
        "invoice_date": cii_date(doc, "IssueDateTime/DateTimeString"),
        "due_date": cii_date(settlement, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString"),
        "currency": currency,
        "net_amount": amount_str(summation, "TaxBasisTotalAmount"),
        "vat_amount": _tax_total(summation, currency),
        "gross_amount": amount_str(summation, "GrandTotalAmount"),
        **_account(settlement),
        "payment_reference": text(settlement, "PaymentReference"),
        "buyer_reference": text(find(tx, _AGREEMENT), "BuyerReference"),
    }
    groups = [
        VatGroup(rate=amount(tax, _RATE) or Decimal(0),
                 base=amount(tax, "BasisAmount") or Decimal(0),
                 amount=amount(tax, "CalculatedAmount") or Decimal(0),
                 category=text(tax, "CategoryCode") or "S")
        for tax in find_all(settlement, "ApplicableTradeTax")
    ]
    credit = text(doc, "TypeCode") in _CREDIT_TYPE_CODES
    items, too_many = bounded_lines(find_all(tx, "IncludedSupplyChainTradeLineItem"))
    return Proposal(
        source_kind=source_kind,
        document_type="credit_memo" if credit else "invoice",
        fields={k: Field(v, ONE, "xml") for k, v in values.items() if v is not None},
        vat_groups=groups,
        lines=_lines(items),
        problems=too_many,
    )
