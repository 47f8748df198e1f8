"""Problem texts (en / nb / nl) of statutory and standard outputs: EHF / PEPPOL BIS 3 e-invoices
(domain/documents/ehf.py), the VAT return and VAT periods (domain/compliance/vat_return.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "EHF-DOCUMENT-NOT-FOUND": {
        "en": "There is no posted sales invoice or credit memo {no}.",
        "nb": "Det finnes ingen bokført salgsfaktura eller kreditnota {no}.",
        "nl": "Er is geen geboekte verkoopfactuur of creditnota {no}.",
    },
    "EHF-SELLER-NO-ENDPOINT": {
        "en": "The company has no organisation number for the e-invoice address ({country}: 9-digit org.nr "
              "or 8-digit KvK); set it with `sales document-setup --org-no`.",
        "nb": "Firmaet har ikke organisasjonsnummer til e-fakturaadressen ({country}: org.nr med 9 siffer "
              "eller KvK med 8); sett det med `sales document-setup --org-no`.",
        "nl": "Het bedrijf heeft geen nummer voor het e-factuuradres ({country}: KvK-nummer van 8 cijfers "
              "of org.nr van 9); stel het in met `sales document-setup --org-no`.",
    },
    "EHF-SELLER-NO-VAT-ID": {
        "en": "The company has no VAT id; set it with `sales document-setup --vat-id`.",
        "nb": "Firmaet har ikke MVA-nummer; sett det med `sales document-setup --vat-id`.",
        "nl": "Het bedrijf heeft geen btw-nummer; stel het in met `sales document-setup --vat-id`.",
    },
    "EHF-SELLER-NO-ADDRESS": {
        "en": "The company's address is incomplete ({fields}); set it with `sales document-setup`.",
        "nb": "Firmaets adresse er ufullstendig ({fields}); sett den med `sales document-setup`.",
        "nl": "Het adres van het bedrijf is onvolledig ({fields}); stel het in met `sales document-setup`.",
    },
    "EHF-SELLER-NO-ACCOUNT": {
        "en": "The company has no bank account or IBAN to be paid to; set it with `sales document-setup`.",
        "nb": "Firmaet har ikke kontonummer eller IBAN å få betalt til; sett det med `sales document-setup`.",
        "nl": "Het bedrijf heeft geen rekeningnummer of IBAN om op betaald te worden; stel het in met "
              "`sales document-setup`.",
    },
    "EHF-CUSTOMER-NO-ENDPOINT": {
        "en": "Customer {customer_no} has no e-invoice address: its organisation number ({country}: "
              "9-digit org.nr or 8-digit KvK) is missing or malformed.",
        "nb": "Kunde {customer_no} har ingen e-fakturaadresse: organisasjonsnummeret ({country}: org.nr "
              "med 9 siffer eller KvK med 8) mangler eller er feil.",
        "nl": "Klant {customer_no} heeft geen e-factuuradres: het nummer ({country}: KvK-nummer van 8 "
              "cijfers of org.nr van 9) ontbreekt of is onjuist.",
    },
    "EHF-CUSTOMER-NO-ADDRESS": {
        "en": "Customer {customer_no} needs street, post code and city for a Dutch e-invoice.",
        "nb": "Kunde {customer_no} trenger gate, postnummer og sted for en nederlandsk e-faktura.",
        "nl": "Klant {customer_no} heeft straat, postcode en plaats nodig voor een e-factuur.",
    },
    "EHF-CREDIT-NOTE-NO-INVOICE": {
        "en": "Credit memo {no} names no invoice it corrects, which a Dutch e-invoice credit note needs.",
        "nb": "Kreditnota {no} viser ikke til fakturaen den korrigerer, som en nederlandsk e-kreditnota krever.",
        "nl": "Creditnota {no} verwijst niet naar de factuur die ze corrigeert; een e-creditnota vereist dat.",
    },
})
