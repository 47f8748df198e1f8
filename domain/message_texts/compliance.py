"""Problem texts (en / nb / nl) of statutory and standard outputs: EHF / PEPPOL BIS 3 e-invoices
(domain/documents/ehf.py), the VAT return and VAT periods (domain/compliance/vat_return.py), the
PEPPOL BIS 3 rules over incoming e-invoices (flows/inbox.py)."""

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
    "VAT-INVALID-PERIOD": {
        "en": "{period!r} is not a VAT period: use YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY-Tn "
              "(a two-month term).",
        "nb": "{period!r} er ikke en MVA-periode: bruk ÅÅÅÅ-MM (en måned), ÅÅÅÅ-Qn (et kvartal) eller "
              "ÅÅÅÅ-Tn (en termin på to måneder).",
        "nl": "{period!r} is geen btw-tijdvak: gebruik JJJJ-MM (een maand), JJJJ-Qn (een kwartaal) of "
              "JJJJ-Tn (een termijn van twee maanden).",
    },
    "VAT-PERIOD-CLOSED": {
        "en": "The VAT period of {posting_date} is closed (VAT returns are closed through {closed_through}); "
              "post in an open period.",
        "nb": "MVA-perioden for {posting_date} er lukket (MVA-meldinger er lukket til og med "
              "{closed_through}); bokfør i en åpen periode.",
        "nl": "Het btw-tijdvak van {posting_date} is afgesloten (btw-aangiften zijn afgesloten tot en met "
              "{closed_through}); boek in een open tijdvak.",
    },
    "VAT-PERIOD-NOT-ENDED": {
        "en": "VAT period {period} has not ended yet (it ends {date_to}); it can be closed after that.",
        "nb": "MVA-perioden {period} er ikke over ennå (den slutter {date_to}); den kan lukkes etterpå.",
        "nl": "Btw-tijdvak {period} is nog niet voorbij (het eindigt op {date_to}); daarna kan het worden "
              "afgesloten.",
    },
    "VAT-PERIOD-ALREADY-CLOSED": {
        "en": "VAT period {period} is already closed (VAT returns are closed through {closed_through}).",
        "nb": "MVA-perioden {period} er allerede lukket (MVA-meldinger er lukket til og med {closed_through}).",
        "nl": "Btw-tijdvak {period} is al afgesloten (btw-aangiften zijn afgesloten tot en met "
              "{closed_through}).",
    },
    "VAT-RETURN-DISAGREES": {
        "en": "The VAT return for {period} ({payable} to pay) does not agree with the VAT accounts "
              "({accounts}); the period stays open.",
        "nb": "MVA-meldingen for {period} ({payable} å betale) stemmer ikke med MVA-kontoene ({accounts}); "
              "perioden forblir åpen.",
        "nl": "De btw-aangifte over {period} ({payable} te betalen) klopt niet met de btw-rekeningen "
              "({accounts}); het tijdvak blijft open.",
    },
    "SCHEMATRON-UNSAFE-XML": {
        "en": "The XML document carries a DTD or entities ({reason}), which e-invoices never need; it was "
              "not checked.",
        "nb": "XML-dokumentet har en DTD eller entiteter ({reason}), som e-fakturaer aldri trenger; det ble "
              "ikke kontrollert.",
        "nl": "Het XML-document bevat een DTD of entiteiten ({reason}), die e-facturen nooit nodig hebben; "
              "het is niet gecontroleerd.",
    },
    "SCHEMATRON-INVALID-XML": {
        "en": "The document is not well-formed XML ({reason}).",
        "nb": "Dokumentet er ikke velformet XML ({reason}).",
        "nl": "Het document is geen goedgevormde XML ({reason}).",
    },
    "PEPPOL-RULE-FATAL": {
        "en": "The e-invoice breaks the PEPPOL BIS 3 / EN 16931 rule {rule}: {message}",
        "nb": "E-fakturaen bryter PEPPOL BIS 3 / EN 16931-regelen {rule}: {message}",
        "nl": "De e-factuur overtreedt de PEPPOL BIS 3 / EN 16931-regel {rule}: {message}",
    },
    "PEPPOL-RULE-WARNING": {
        "en": "The e-invoice does not follow the PEPPOL BIS 3 / EN 16931 recommendation {rule}: {message}",
        "nb": "E-fakturaen følger ikke PEPPOL BIS 3 / EN 16931-anbefalingen {rule}: {message}",
        "nl": "De e-factuur volgt de PEPPOL BIS 3 / EN 16931-aanbeveling {rule} niet: {message}",
    },
    "PEPPOL-RULES-NOT-RUN": {
        "en": "The PEPPOL BIS 3 / EN 16931 rules could not be run over the e-invoice ({reason}); check it "
              "by hand.",
        "nb": "PEPPOL BIS 3 / EN 16931-reglene kunne ikke kjøres på e-fakturaen ({reason}); kontroller den "
              "manuelt.",
        "nl": "De PEPPOL BIS 3 / EN 16931-regels konden niet op de e-factuur worden uitgevoerd ({reason}); "
              "controleer die met de hand.",
    },
})
