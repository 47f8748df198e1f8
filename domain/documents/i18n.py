"""Labels and number/date formats for printed documents (nb, nl, en).

One place for the words a printed sales or purchase document uses and for how
amounts look in each language: nb "1 234,50", nl "1.234,50", en "1,234.50".
The formatters never round (amounts arrive rounded by ``domain.money``); they
only group digits and choose the separators. Documents are printed in the
customer's or vendor's language (BC "Language Code" on the customer card),
English when the language is not one of ours.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LANGUAGES = ("nb", "nl", "en")
#: language -> (thousands separator, decimal separator, date format)
FORMATS = {"nb": (" ", ",", "%d.%m.%Y"), "nl": (".", ",", "%d-%m-%Y"), "en": (",", ".", "%d %b %Y")}

TITLES = {
    "quote": {"nb": "Tilbud", "nl": "Offerte", "en": "Sales Quote"},
    "order_confirmation": {"nb": "Ordrebekreftelse", "nl": "Orderbevestiging", "en": "Order Confirmation"},
    "invoice": {"nb": "Faktura", "nl": "Factuur", "en": "Invoice"},
    "credit_memo": {"nb": "Kreditnota", "nl": "Creditnota", "en": "Credit Memo"},
    "purchase_order": {"nb": "Innkjøpsordre", "nl": "Inkooporder", "en": "Purchase Order"},
    "purchase_invoice": {"nb": "Innkjøpsfaktura", "nl": "Inkoopfactuur", "en": "Purchase Invoice"},
    "purchase_credit_memo": {"nb": "Innkjøpskreditnota", "nl": "Inkoopcreditnota", "en": "Purchase Credit Memo"},
}

#: an order's prepayment invoice / credit memo (BC prints "Prepayment Invoice" on it)
PREPAYMENT_TITLES = {
    "invoice": {"nb": "Forskuddsfaktura", "nl": "Vooruitbetalingsfactuur", "en": "Prepayment Invoice"},
    "credit_memo": {"nb": "Kreditnota forskudd", "nl": "Creditnota vooruitbetaling", "en": "Prepayment Credit Memo"},
}

#: an unposted invoice or credit memo prints as a draft (never as a real invoice)
DRAFT_TITLES = {
    "invoice": {"nb": "Utkast til faktura", "nl": "Conceptfactuur", "en": "Draft invoice"},
    "credit_memo": {"nb": "Utkast til kreditnota", "nl": "Concept-creditnota", "en": "Draft credit memo"},
}

_LABELS = {
    "document_no": ("Nummer", "Nummer", "No."),
    "document_date": ("Dato", "Datum", "Date"),
    "due_date": ("Forfallsdato", "Vervaldatum", "Due date"),
    "delivery_date": ("Leveringsdato", "Leverdatum", "Delivery date"),
    "customer_no": ("Kundenr.", "Klantnummer", "Customer no."),
    "vendor_no": ("Leverandørnr.", "Leveranciernummer", "Vendor no."),
    "order_no": ("Ordrenr.", "Ordernummer", "Order no."),
    "quote_no": ("Tilbudsnr.", "Offertenummer", "Quote no."),
    "external_document_no": ("Deres ref.", "Uw referentie", "Your reference"),
    "applies_to_doc_no": ("Gjelder faktura", "Betreft factuur", "Corrects invoice"),
    "ship_to": ("Leveres til", "Afleveren bij", "Ship to"),
    "attention": ("Att.", "T.a.v.", "Attn"),
    "special_order": ("Spesialordre", "Speciale order", "Special order"),
    "currency": ("Valuta", "Valuta", "Currency"),
    "item_no": ("Varenr.", "Artikelnr.", "Item no."),
    "description": ("Beskrivelse", "Omschrijving", "Description"),
    "quantity": ("Antall", "Aantal", "Quantity"),
    "unit": ("Enhet", "Eenheid", "Unit"),
    "unit_price": ("Enhetspris", "Prijs per eenheid", "Unit price"),
    "unit_cost": ("Innkjøpspris", "Inkoopprijs", "Direct unit cost"),
    "discount": ("Rabatt %", "Korting %", "Discount %"),
    "amount": ("Beløp", "Bedrag", "Amount"),
    "vat_pct": ("MVA %", "Btw %", "VAT %"),
    "vat_breakdown": ("MVA-spesifikasjon", "Btw-specificatie", "VAT specification"),
    "vat_base": ("Grunnlag", "Grondslag", "VAT base"),
    "vat_amount": ("MVA", "Btw", "VAT"),
    "total_excl_vat": ("Sum eks. MVA", "Totaal excl. btw", "Total excl. VAT"),
    "total_vat": ("MVA", "Btw", "VAT"),
    "total_incl_vat": ("Å betale", "Totaal incl. btw", "Total incl. VAT"),
    "total_credit": ("Til gode", "Te ontvangen", "Total credit"),
    "total_order": ("Sum inkl. MVA", "Totaal incl. btw", "Total incl. VAT"),
    "payment_reference": ("KID", "Betalingskenmerk", "Payment reference"),
    "bank_account": ("Kontonummer", "Rekeningnummer", "Bank account"),
    "iban": ("IBAN", "IBAN", "IBAN"),
    "bic": ("BIC", "BIC", "BIC"),
    "org_no": ("Org.nr.", "KvK-nummer", "Company reg. no."),
    "vat_id": ("MVA-nr.", "Btw-nummer", "VAT reg. no."),
    "phone": ("Telefon", "Telefoon", "Phone"),
    "email": ("E-post", "E-mail", "E-mail"),
    "payment_instruction": ("Vennligst betal til", "Gelieve te betalen op", "Please pay to"),
    "reference_instruction": ("Oppgi KID ved betaling", "Vermeld het betalingskenmerk",
                              "Quote the payment reference"),
    "quote_note": ("Tilbudet gjelder i 30 dager.", "Deze offerte is 30 dagen geldig.",
                   "This quote is valid for 30 days."),
    "order_note": ("Takk for bestillingen.", "Bedankt voor uw bestelling.", "Thank you for your order."),
    "draft_mark": ("UTKAST", "CONCEPT", "DRAFT"),
    "draft_note": ("Dette er et utkast, ikke en faktura: det skal ikke betales.",
                   "Dit is een concept, geen factuur: niet betalen.",
                   "This is a draft, not an invoice: do not pay it."),
    "purchase_note": ("Vennligst bekreft ordren.", "Gelieve de order te bevestigen.",
                      "Please confirm this order."),
}
#: language -> label key -> text
LABELS = {lang: {key: texts[i] for key, texts in _LABELS.items()} for i, lang in enumerate(LANGUAGES)}


def language_of(code: str | None) -> str:
    return code if code in LANGUAGES else "en"


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def format_number(value: Decimal, language: str, min_decimals: int = 2) -> str:
    """``value`` with the language's separators, at least ``min_decimals`` decimals, never rounded."""
    thousands, decimal_sep, _ = FORMATS[language_of(language)]
    text = format(Decimal(value), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    result = _group(whole, thousands)
    return sign + result + (decimal_sep + fraction if fraction else "")


def format_amount(value: Decimal, language: str) -> str:
    return format_number(value, language, 2)


def format_quantity(value: Decimal, language: str) -> str:
    return format_number(value, language, 0)


def format_date(value: dt.date | None, language: str) -> str:
    return value.strftime(FORMATS[language_of(language)][2]) if value else ""
