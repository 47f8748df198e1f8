"""Problem texts (en / nb / nl) of contacts, quote conversions and special orders."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# contacts (domain/setup/contacts.py)
MESSAGES.update({
    "CONTACT-NOT-FOUND": {
        "en": "There is no contact {no}.",
        "nb": "Kontakt {no} finnes ikke.",
        "nl": "Contactpersoon {no} bestaat niet.",
    },
    "CONTACT-INVALID-EMAIL": {
        "en": "{value} is not an e-mail address.",
        "nb": "{value} er ikke en e-postadresse.",
        "nl": "{value} is geen e-mailadres.",
    },
    "CONTACT-COMPANY-OF-COMPANY": {
        "en": "A company contact does not belong to another company ({company}); only a person does.",
        "nb": "En firmakontakt hører ikke til et annet firma ({company}); bare en person gjør det.",
        "nl": "Een bedrijfscontact hoort niet bij een ander bedrijf ({company}); alleen een persoon.",
    },
    "CONTACT-NOT-A-COMPANY": {
        "en": "{company} is not a company contact: a person belongs to a company contact.",
        "nb": "{company} er ikke en firmakontakt: en person hører til en firmakontakt.",
        "nl": "{company} is geen bedrijfscontact: een persoon hoort bij een bedrijfscontact.",
    },
    "CONTACT-PERSON-OF-COMPANY": {
        "en": "Contact {contact_no} is a person of company {company}: make the company the customer or vendor.",
        "nb": "Kontakt {contact_no} er en person i firma {company}: gjør firmaet til kunde eller leverandør.",
        "nl": "Contact {contact_no} is een persoon van bedrijf {company}: maak het bedrijf klant of leverancier.",
    },
    "CONTACT-CARD-HAS-CONTACT": {
        "en": "The {table} {no} already has contact {contact_no}.",
        "nb": "{table} {no} har allerede kontakt {contact_no}.",
        "nl": "De {table} {no} heeft al contact {contact_no}.",
    },
    "CONTACT-ALREADY-RELATED": {
        "en": "Contact {contact_no} already is {table} {no}.",
        "nb": "Kontakt {contact_no} er allerede {table} {no}.",
        "nl": "Contact {contact_no} is al {table} {no}.",
    },
    "CONTACT-NOT-OF-PARTY": {
        "en": "Contact {contact_no} is not a person of the company of {table} {no}.",
        "nb": "Kontakt {contact_no} er ikke en person i firmaet til {table} {no}.",
        "nl": "Contact {contact_no} is geen persoon van het bedrijf van {table} {no}.",
    },
})

# quote conversions (domain/sales/quotes.py, domain/purchasing/quotes.py)
MESSAGES.update({
    "SALES-QUOTE-LINE-NEEDS-ORDER": {
        "en": "Line {line_no} is a drop shipment or special order: make the quote an order, not an invoice.",
        "nb": "Linje {line_no} er direkte levering eller spesialordre: gjør tilbudet til en ordre, ikke en faktura.",
        "nl": "Regel {line_no} is een directe levering of speciale order: maak van de offerte een order, "
              "geen factuur.",
    },
    "PURCH-NOT-AN-OPEN-QUOTE": {
        "en": "{no} is not an open purchase quote (it may have been converted already).",
        "nb": "{no} er ikke en åpen innkjøpsforespørsel (den kan allerede være konvertert).",
        "nl": "{no} is geen open inkoopofferte (ze is mogelijk al omgezet).",
    },
    "PURCH-QUOTE-NOT-POSTABLE": {
        "en": "{no} is a purchase quote: make it an order (purchase quote make-order) before receiving or posting.",
        "nb": "{no} er en innkjøpsforespørsel: gjør den til en ordre (purchase quote make-order) før mottak "
              "eller bokføring.",
        "nl": "{no} is een inkoopofferte: maak er eerst een order van (purchase quote make-order).",
    },
})

# special orders (domain/sales/special_orders.py)
MESSAGES.update({
    "SALES-SPECIAL-AND-DROP-SHIPMENT": {
        "en": "Line {line_no} cannot be both a special order and a drop shipment.",
        "nb": "Linje {line_no} kan ikke være både spesialordre og direkte levering.",
        "nl": "Regel {line_no} kan niet zowel een speciale order als een directe levering zijn.",
    },
    "SALES-SPECIAL-ORDER-ITEM-ONLY": {
        "en": "Line {line_no} is a {type} line: only an item line can be a special order.",
        "nb": "Linje {line_no} er en {type}-linje: bare en varelinje kan være spesialordre.",
        "nl": "Regel {line_no} is een {type}-regel: alleen een artikelregel kan een speciale order zijn.",
    },
    "SALES-SPECIAL-ORDER-ORDER-ONLY": {
        "en": "Line {line_no}: only a quote or an order line can be a special order.",
        "nb": "Linje {line_no}: bare en tilbuds- eller ordrelinje kan være spesialordre.",
        "nl": "Regel {line_no}: alleen een offerte- of orderregel kan een speciale order zijn.",
    },
    "SALES-SPECIAL-ORDER-NO-PURCHASE-ORDER": {
        "en": "Special-order line {line_no} has no purchase order yet (sales create-purchase-orders).",
        "nb": "Spesialordrelinje {line_no} har ingen innkjøpsordre ennå (sales create-purchase-orders).",
        "nl": "Speciale-orderregel {line_no} heeft nog geen inkooporder (sales create-purchase-orders).",
    },
    "SALES-SPECIAL-ORDER-NOT-RECEIVED": {
        "en": "Special-order line {line_no}: {requested} to ship, but only {received} received on {purchase_order_no}.",
        "nb": "Spesialordrelinje {line_no}: {requested} skal sendes, men bare {received} er mottatt på "
              "{purchase_order_no}.",
        "nl": "Speciale-orderregel {line_no}: {requested} te verzenden, maar slechts {received} ontvangen op "
              "{purchase_order_no}.",
    },
})
