"""The one field contract between ``ocr`` and ``domain``: what an incoming invoice may carry.

``ocr`` proposes (ocr/proposal.py, ocr/checks.py) and ``domain.intake`` decides
(domain/intake/rules.py, register.py, documents.py). Both read the contract
here, so the names of the header fields, which of them are required, how much
room each value has and the VAT rates legal in each country exist once. It is
a kernel module (plain values, no SQLAlchemy), the only part of the intake
that ``ocr`` may import (design.md section 1).

Room is the room of the columns a value lands in: the incoming document's
field or line row, then the purchase draft, the posted invoice and the vendor
card ``accept-vendor`` creates; the narrowest of them counts. Each entry names
those columns ("table.column"), and tests/unit/test_intake_contract.py reads
their ``String(n)`` / ``Numeric(p, s)`` from the models, so the contract and
the database cannot drift. A value that does not fit is a problem on the
document (``INTAKE-FIELD-TOO-LONG``, ``INTAKE-NUMBER-TOO-LARGE``): it is never
cut to fit, and never reaches the database to fail there.
"""

from __future__ import annotations

from decimal import Decimal

#: header fields a proposal may carry (keys of ``Proposal.fields``), in display order
FIELD_NAMES = (
    "vendor_name",
    "vendor_org_no",      # Norwegian organisasjonsnummer, 9 digits
    "vendor_vat_id",      # NO...MVA, NL...B01, any EU VAT id
    "vendor_kvk",         # Dutch KvK, 8 digits
    "vendor_iban",
    "vendor_account_no",  # Norwegian 11-digit account
    "invoice_no",
    "invoice_date",
    "due_date",
    "currency",
    "net_amount",
    "vat_amount",
    "gross_amount",
    "payment_reference",  # KID, betalingskenmerk or RF reference
    "buyer_reference",
    "prepaid_amount",     # EN 16931 BT-113: paid before this invoice (e-invoices)
    "rounding_amount",    # BT-114: added to round the amount due
    "payable_amount",     # BT-115: what the vendor is owed by this invoice
)

#: without these no draft is made (EN 16931 BT-1, BT-2, BT-112, BT-5)
REQUIRED_FIELDS = ("invoice_no", "invoice_date", "gross_amount", "currency")

#: plain decimal strings that adjust the gross amount to the amount due (BR-CO-16:
#: payable = gross - prepaid + rounding)
PAYMENT_AMOUNT_FIELDS = ("prepaid_amount", "rounding_amount", "payable_amount")

#: ISO dates ``YYYY-MM-DD``
DATE_FIELDS = ("invoice_date", "due_date")
#: plain decimal strings, in the order of net + VAT = gross (EN 16931 BR-CO-15)
AMOUNT_FIELDS = ("net_amount", "vat_amount", "gross_amount")

_FIELD = "incoming_document_field.value"

#: header field -> (most characters, the columns it lands in)
FIELD_LENGTHS: dict[str, tuple[int, tuple[str, ...]]] = {
    "vendor_name": (250, (_FIELD, "vendor.name")),
    "vendor_org_no": (20, (_FIELD, "vendor.org_no")),
    "vendor_vat_id": (20, (_FIELD, "vendor.vat_id")),
    "vendor_kvk": (8, (_FIELD, "vendor.kvk_no")),
    "vendor_iban": (34, (_FIELD, "purchase_header.vendor_iban", "vendor.iban")),
    "vendor_account_no": (11, (_FIELD, "vendor.bank_account_no")),
    "invoice_no": (50, (_FIELD, "incoming_document.invoice_no_norm", "purchase_header.vendor_invoice_no",
                        "purchase_header.vendor_invoice_no_norm",
                        "posted_purchase_header.vendor_invoice_no")),
    "invoice_date": (250, (_FIELD,)),
    "due_date": (250, (_FIELD,)),
    "currency": (3, (_FIELD, "purchase_header.currency_code", "vendor.currency_code")),
    "net_amount": (250, (_FIELD,)),
    "vat_amount": (250, (_FIELD,)),
    "gross_amount": (250, (_FIELD,)),
    "payment_reference": (50, (_FIELD, "purchase_header.payment_reference",
                               "posted_purchase_header.payment_reference")),
    "buyer_reference": (250, (_FIELD,)),
    "prepaid_amount": (250, (_FIELD,)),
    "rounding_amount": (250, (_FIELD,)),
    "payable_amount": (250, (_FIELD,)),
}

#: text of a proposed line -> (most characters, the columns it lands in)
LINE_LENGTHS: dict[str, tuple[int, tuple[str, ...]]] = {
    "description": (250, ("incoming_document_line.description", "purchase_line.description",
                          "posted_purchase_line.description")),
    "unit": (20, ("incoming_document_line.unit",)),
    "vendor_item_no": (50, ("incoming_document_line.vendor_item_no",)),
    "standard_item_no": (50, ("incoming_document_line.standard_item_no",)),
}

#: number of a proposed line -> (most digits before the decimal point, the column it lands in)
LINE_DIGITS: dict[str, tuple[int, str]] = {
    "quantity": (13, "incoming_document_line.quantity"),
    "unit_price": (12, "incoming_document_line.unit_price"),
    "discount_pct": (8, "incoming_document_line.discount_pct"),
    "vat_rate": (8, "incoming_document_line.vat_rate"),
    "amount": (16, "incoming_document_line.amount"),
}

#: VAT rates (percent) legal in the vendor's country, highest first:
#: NO Merverdiavgiftsloven kap. 5 (general, food, transport/accommodation, zero);
#: NL Wet OB 1968 art. 9 (general, reduced, zero). The starting charts use them too.
LEGAL_VAT_RATES: dict[str, tuple[Decimal, ...]] = {
    "NO": (Decimal(25), Decimal(15), Decimal(12), Decimal(0)),
    "NL": (Decimal(21), Decimal(9), Decimal(0)),
}


def max_length(name: str) -> int:
    """The most characters header field ``name`` may have."""
    return FIELD_LENGTHS[name][0]
