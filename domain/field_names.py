"""Display names of field keys in en / nb / nl, for problem messages.

Problems carry raw field keys (``due_date``, ``vendor_vat_id``): scripts, the JSON
outputs and the review queue match on them, so they never change. A person reads
the field's name in their own language instead: ``render_problem`` puts the name
from this table where a message says ``{field}`` (domain/messages.py). The names
are Business Central's own captions where BC has the field (Purchase Header,
Purchase Line, Vendor, Incoming Document), so a reviewer sees what BC would show;
a field BC does not have (the Norwegian organisation number, the EN 16931 amounts
of an e-invoice) is named as the invoice prints it. A key that is not here shows as
itself: an unknown key is never an error.

A correction key of one line (``line.3.quantity``, as ``documents correct`` takes
it) shows as the line field's name with its line: "Quantity (line 3)".
"""

from __future__ import annotations

import re

#: field key -> its name per language; every entry has en, nb and nl (tests/unit/test_field_names.py)
FIELD_CAPTIONS: dict[str, dict[str, str]] = {
    # header fields of an incoming invoice (domain/intake_contract.py FIELD_NAMES)
    "vendor_name": {"en": "Vendor Name", "nb": "Leverandørnavn", "nl": "Leveranciersnaam"},
    "vendor_org_no": {"en": "Organisation No.", "nb": "Organisasjonsnr.", "nl": "Organisatienummer"},
    "vendor_vat_id": {"en": "VAT Registration No.", "nb": "Org.nr./MVA-nr.", "nl": "Btw-nummer"},
    "vendor_kvk": {"en": "Chamber of Commerce No.", "nb": "KvK-nr.", "nl": "KvK-nummer"},
    "vendor_iban": {"en": "IBAN", "nb": "IBAN", "nl": "IBAN"},
    "vendor_account_no": {"en": "Bank Account No.", "nb": "Bankkontonr.", "nl": "Bankrekeningnummer"},
    "invoice_no": {"en": "Vendor Invoice No.", "nb": "Leverandørs fakturanr.", "nl": "Factuurnr. leverancier"},
    "invoice_date": {"en": "Document Date", "nb": "Bilagsdato", "nl": "Documentdatum"},
    "due_date": {"en": "Due Date", "nb": "Forfallsdato", "nl": "Vervaldatum"},
    "currency": {"en": "Currency Code", "nb": "Valutakode", "nl": "Valutacode"},
    "net_amount": {"en": "Amount Excl. VAT", "nb": "Beløp ekskl. mva", "nl": "Bedrag excl. btw"},
    "vat_amount": {"en": "VAT Amount", "nb": "Mva-beløp", "nl": "Btw-bedrag"},
    "gross_amount": {"en": "Amount Including VAT", "nb": "Beløp inkl. mva", "nl": "Bedrag incl. btw"},
    "payment_reference": {"en": "Payment Reference", "nb": "Betalingsreferanse", "nl": "Betalingskenmerk"},
    "buyer_reference": {"en": "Your Reference", "nb": "Deres referanse", "nl": "Uw referentie"},
    "prepaid_amount": {"en": "Prepaid Amount", "nb": "Forskuddsbetalt beløp", "nl": "Vooruitbetaald bedrag"},
    "rounding_amount": {"en": "Rounding Amount", "nb": "Avrundingsbeløp", "nl": "Afrondingsbedrag"},
    "payable_amount": {"en": "Amount Due", "nb": "Beløp å betale", "nl": "Te betalen bedrag"},
    # the document as a whole and what a correction may set (domain/intake/documents.py)
    "lines": {"en": "Lines", "nb": "Linjer", "nl": "Regels"},
    "vendor_no": {"en": "Vendor No.", "nb": "Leverandørnr.", "nl": "Leveranciersnr."},
    "document_type": {"en": "Document Type", "nb": "Bilagstype", "nl": "Documenttype"},
    # vendor posting group accounts an e-invoice's prepaid and rounding amounts post to
    "prepayment_account": {"en": "Prepayment Account", "nb": "Forskuddskonto", "nl": "Vooruitbetalingsrekening"},
    "invoice_rounding_account": {"en": "Invoice Rounding Account", "nb": "Konto for fakturaavrunding",
                                 "nl": "Rekening factuurafronding"},
}

#: field of a line -> its name per language, named only with its line (``line.3.amount``): on its
#: own, ``amount`` or ``account`` means other things in other areas (intake_contract LINE_LENGTHS /
#: LINE_DIGITS, domain/intake/rules.py LINE_FIELDS)
LINE_CAPTIONS: dict[str, dict[str, str]] = {
    "description": {"en": "Description", "nb": "Beskrivelse", "nl": "Omschrijving"},
    "unit": {"en": "Unit of Measure", "nb": "Enhet", "nl": "Eenheid"},
    "vendor_item_no": {"en": "Vendor Item No.", "nb": "Leverandørs varenr.", "nl": "Artikelnr. leverancier"},
    "standard_item_no": {"en": "GTIN", "nb": "GTIN", "nl": "GTIN"},
    "quantity": {"en": "Quantity", "nb": "Antall", "nl": "Aantal"},
    "unit_price": {"en": "Direct Unit Cost", "nb": "Direkte enhetskost", "nl": "Directe kostprijs"},
    "discount_pct": {"en": "Line Discount %", "nb": "Linjerabatt %", "nl": "Regelkorting %"},
    "vat_rate": {"en": "VAT %", "nb": "Mva-%", "nl": "Btw %"},
    "amount": {"en": "Line Amount", "nb": "Linjebeløp", "nl": "Regelbedrag"},
    "account": {"en": "G/L Account No.", "nb": "Finanskontonr.", "nl": "Grootboekrekeningnr."},
    "item": {"en": "Item No.", "nb": "Varenr.", "nl": "Artikelnr."},
}

#: "(line 3)" after a line field's name
_LINE = {"en": "line", "nb": "linje", "nl": "regel"}
_LINE_KEY = re.compile(r"line\.(\d+)\.(\w+)")


def display_name(key: object, language: str = "en") -> str:
    """The name of field ``key`` in ``language`` (English when the language has none);
    ``key`` itself, as text, when the tables do not know it."""
    text = "" if key is None else str(key)
    if text in FIELD_CAPTIONS:
        return _in(FIELD_CAPTIONS[text], language)
    line = _LINE_KEY.fullmatch(text)
    if line and line.group(2) in LINE_CAPTIONS:
        no, attr = line.groups()
        return f"{_in(LINE_CAPTIONS[attr], language)} ({_in(_LINE, language)} {no})"
    return text


def _in(names: dict[str, str], language: str) -> str:
    return names.get(language) or names["en"]
