"""User-facing text for problem codes, in English, Norwegian bokmål and Dutch.

Codes are the stable interface (scripts match on them); the text is for
people. A code without text here still shows, with its parameters.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "AP-DUPLICATE-VENDOR-INVOICE": {
        "en": "Vendor {vendor_no} already has a document with vendor invoice no. {vendor_invoice_no} ({existing}).",
        "nb": "Leverandør {vendor_no} har allerede et bilag med fakturanr. {vendor_invoice_no} ({existing}).",
        "nl": "Leverancier {vendor_no} heeft al een document met factuurnummer {vendor_invoice_no} ({existing}).",
    },
    "PURCH-VENDOR-INVOICE-NO-MISSING": {
        "en": "The vendor invoice no. is missing.",
        "nb": "Leverandørens fakturanummer mangler.",
        "nl": "Het factuurnummer van de leverancier ontbreekt.",
    },
    "PURCH-VENDOR-CR-MEMO-NO-MISSING": {
        "en": "The vendor credit memo no. is missing.",
        "nb": "Leverandørens kreditnotanummer mangler.",
        "nl": "Het creditnotanummer van de leverancier ontbreekt.",
    },
    "PURCH-VENDOR-BLOCKED": {
        "en": "Vendor {vendor_no} is blocked.",
        "nb": "Leverandør {vendor_no} er sperret.",
        "nl": "Leverancier {vendor_no} is geblokkeerd.",
    },
    "PURCH-ITEM-BLOCKED": {
        "en": "Item {item_no} is blocked.",
        "nb": "Vare {item_no} er sperret.",
        "nl": "Artikel {item_no} is geblokkeerd.",
    },
    "POST-DATE-NOT-ALLOWED": {
        "en": "Posting date {posting_date} is outside the allowed range {from}..{to}.",
        "nb": "Bokføringsdato {posting_date} er utenfor tillatt periode {from}..{to}.",
        "nl": "Boekingsdatum {posting_date} valt buiten de toegestane periode {from}..{to}.",
    },
    "PURCH-UNKNOWN-VENDOR": {
        "en": "There is no vendor {vendor_no}.",
        "nb": "Leverandør {vendor_no} finnes ikke.",
        "nl": "Leverancier {vendor_no} bestaat niet.",
    },
    "PURCH-UNKNOWN-ITEM": {
        "en": "There is no item {item_no}.",
        "nb": "Vare {item_no} finnes ikke.",
        "nl": "Artikel {item_no} bestaat niet.",
    },
    "INV-INSUFFICIENT-QUANTITY": {
        "en": "Not enough {item_no} in stock: {requested} requested, {available} available.",
        "nb": "Ikke nok {item_no} på lager: {requested} ønsket, {available} tilgjengelig.",
        "nl": "Onvoldoende {item_no} op voorraad: {requested} gevraagd, {available} beschikbaar.",
    },
    "SETUP-MISSING-ACCOUNT": {
        "en": "An account is missing in {setup}.",
        "nb": "En konto mangler i {setup}.",
        "nl": "Er ontbreekt een rekening in {setup}.",
    },
    "SETUP-MISSING-GENERAL-POSTING-SETUP": {
        "en": "General posting setup {gen_bus}/{gen_prod} is missing.",
        "nb": "Bokføringsoppsett {gen_bus}/{gen_prod} mangler.",
        "nl": "Boekingsinstelling {gen_bus}/{gen_prod} ontbreekt.",
    },
    "SETUP-MISSING-VAT-POSTING-SETUP": {
        "en": "VAT posting setup {vat_bus}/{vat_prod} is missing.",
        "nb": "MVA-bokføringsoppsett {vat_bus}/{vat_prod} mangler.",
        "nl": "BTW-boekingsinstelling {vat_bus}/{vat_prod} ontbreekt.",
    },
    "PURCH-VAT-MISMATCH": {
        "en": "The invoice shows VAT {printed}, but the lines give {computed}.",
        "nb": "Fakturaen viser MVA {printed}, men linjene gir {computed}.",
        "nl": "De factuur toont BTW {printed}, maar de regels geven {computed}.",
    },
    "PURCH-CANCEL-INVOICE-PAID": {
        "en": "Invoice {no} is paid or applied and cannot be cancelled.",
        "nb": "Faktura {no} er betalt eller utlignet og kan ikke annulleres.",
        "nl": "Factuur {no} is betaald of vereffend en kan niet worden geannuleerd.",
    },
    "PURCH-CANCEL-ITEM-CONSUMED": {
        "en": "Item {item_no} from entry {entry_no} has been used and cannot be returned exactly.",
        "nb": "Vare {item_no} fra post {entry_no} er brukt og kan ikke returneres eksakt.",
        "nl": "Artikel {item_no} uit post {entry_no} is verbruikt en kan niet exact worden teruggeboekt.",
    },
    "IMPORT-MISSING-FIELD": {
        "en": "Field {field} is required.",
        "nb": "Feltet {field} må fylles ut.",
        "nl": "Veld {field} is verplicht.",
    },
    "IMPORT-INVALID-NUMBER": {
        "en": "Field {field}: {value!r} is not a number.",
        "nb": "Felt {field}: {value!r} er ikke et tall.",
        "nl": "Veld {field}: {value!r} is geen getal.",
    },
    "IMPORT-INVALID-DATE": {
        "en": "Field {field}: {value!r} is not a date (use YYYY-MM-DD).",
        "nb": "Felt {field}: {value!r} er ikke en dato (bruk ÅÅÅÅ-MM-DD).",
        "nl": "Veld {field}: {value!r} is geen datum (gebruik JJJJ-MM-DD).",
    },
}


class _Defaulting(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_problem(problem, language: str = "en") -> str:
    texts = MESSAGES.get(problem.code)
    params = _Defaulting(problem.params)
    params.setdefault("field", problem.field or "")
    if not texts:
        detail = ", ".join(f"{k}={v}" for k, v in problem.params.items())
        where = f" [{problem.field}]" if problem.field else ""
        return f"{problem.code}{where}" + (f": {detail}" if detail else "")
    template = texts.get(language) or texts["en"]
    try:
        return template.format_map(params)
    except (ValueError, KeyError, IndexError):
        return template
