"""Problem texts (en / nb / nl) of sales: quotes, orders, invoices, credit memos, return
orders, drop shipments and purchases for sales."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# documents and lines (domain/sales/documents.py, rules.py, domain/setup/masterdata.py)
MESSAGES.update({
    "SALES-DOCUMENT-NOT-FOUND": {
        "en": "There is no sales document {no}.",
        "nb": "Salgsbilag {no} finnes ikke.",
        "nl": "Verkoopdocument {no} bestaat niet.",
    },
    "SALES-UNKNOWN-CUSTOMER": {
        "en": "There is no customer {customer_no}.",
        "nb": "Kunde {customer_no} finnes ikke.",
        "nl": "Klant {customer_no} bestaat niet.",
    },
    "SALES-UNKNOWN-ITEM": {
        "en": "There is no item {item_no}.",
        "nb": "Vare {item_no} finnes ikke.",
        "nl": "Artikel {item_no} bestaat niet.",
    },
    "SALES-ITEM-BLOCKED": {
        "en": "Item {item_no} is blocked.",
        "nb": "Vare {item_no} er sperret.",
        "nl": "Artikel {item_no} is geblokkeerd.",
    },
    "SALES-NEGATIVE-QUANTITY": {
        "en": "Line {line_no}: the quantity cannot be negative.",
        "nb": "Linje {line_no}: antallet kan ikke være negativt.",
        "nl": "Regel {line_no}: het aantal kan niet negatief zijn.",
    },
    "SALES-EXCHANGE-RATE-MISSING": {
        "en": "There is no exchange rate for currency {currency} on the posting date.",
        "nb": "Det finnes ingen valutakurs for {currency} på bokføringsdatoen.",
        "nl": "Er is geen valutakoers voor {currency} op de boekingsdatum.",
    },
    "SALES-DROP-SHIPMENT-ORDER-ONLY": {
        "en": "{field}: only item lines of a sales quote or order can be drop shipments.",
        "nb": "{field}: bare varelinjer på et salgstilbud eller en salgsordre kan være direkte levering.",
        "nl": "{field}: alleen artikelregels van een verkoopofferte of -order kunnen een directe levering zijn.",
    },
    "SALES-NOT-AN-OPEN-QUOTE": {
        "en": "{no} is not an open sales quote.",
        "nb": "{no} er ikke et åpent salgstilbud.",
        "nl": "{no} is geen openstaande verkoopofferte.",
    },
})

# posting, shipping, returns (domain/sales/posting.py, shipping.py, returns.py)
MESSAGES.update({
    "SALES-CANNOT-POST": {
        "en": "{no} cannot be posted: it is a {document_type} with status {status}.",
        "nb": "{no} kan ikke bokføres: det er et bilag av typen {document_type} med status {status}.",
        "nl": "{no} kan niet worden geboekt: het is een {document_type} met status {status}.",
    },
    "SALES-NOTHING-TO-POST": {
        "en": "The document has no line with a quantity to post.",
        "nb": "Bilaget har ingen linje med antall å bokføre.",
        "nl": "Het document heeft geen regel met een aantal om te boeken.",
    },
    "SALES-NOTHING-TO-SHIP": {
        "en": "{no} has nothing left to ship.",
        "nb": "{no} har ingenting igjen å levere.",
        "nl": "{no} heeft niets meer te verzenden.",
    },
    "SALES-NOTHING-TO-RECEIVE": {
        "en": "Return order {no} has nothing left to receive.",
        "nb": "Returordre {no} har ingenting igjen å motta.",
        "nl": "Retourorder {no} heeft niets meer te ontvangen.",
    },
    "SALES-NOTHING-TO-INVOICE": {
        "en": "{no} has nothing shipped or received that is not invoiced yet.",
        "nb": "{no} har ingenting levert eller mottatt som ikke allerede er fakturert.",
        "nl": "{no} heeft niets verzonden of ontvangen dat nog niet is gefactureerd.",
    },
    "SALES-APPLIES-FROM-NOT-A-SALE": {
        "en": "{field}: item ledger entry {entry_no} is not a sale this line can return.",
        "nb": "{field}: varepost {entry_no} er ikke et salg som denne linjen kan returnere.",
        "nl": "{field}: artikelpost {entry_no} is geen verkoop die deze regel kan retourneren.",
    },
    "SALES-DROP-SHIPMENT-NO-PURCHASE-ORDER": {
        "en": "Line {line_no} is a drop shipment without a purchase order: create the purchase order first.",
        "nb": "Linje {line_no} er en direkte levering uten innkjøpsordre: opprett innkjøpsordren først.",
        "nl": "Regel {line_no} is een directe levering zonder inkooporder: maak eerst de inkooporder aan.",
    },
})

# corrections and purchases for sales (domain/sales/correction.py, purchase_for_sale.py)
MESSAGES.update({
    "SALES-POSTED-INVOICE-NOT-FOUND": {
        "en": "There is no posted sales invoice {no}.",
        "nb": "Bokført salgsfaktura {no} finnes ikke.",
        "nl": "Geboekte verkoopfactuur {no} bestaat niet.",
    },
    "SALES-ALREADY-CANCELLED": {
        "en": "Posted sales document {no} is already cancelled.",
        "nb": "Bokført salgsdokument {no} er allerede annullert.",
        "nl": "Geboekt verkoopdocument {no} is al geannuleerd.",
    },
    "SALES-NOT-AN-ORDER": {
        "en": "{no} is not a sales order.",
        "nb": "{no} er ikke en salgsordre.",
        "nl": "{no} is geen verkooporder.",
    },
    "SALES-NOT-ORDER-OR-INVOICE": {
        "en": "{no} is not a sales order or sales invoice.",
        "nb": "{no} er ikke en salgsordre eller salgsfaktura.",
        "nl": "{no} is geen verkooporder of verkoopfactuur.",
    },
    "SALES-NO-LINES-CHOSEN": {
        "en": "No item lines of {no} were chosen.",
        "nb": "Ingen varelinjer på {no} ble valgt.",
        "nl": "Er zijn geen artikelregels van {no} gekozen.",
    },
    "SALES-ITEM-NO-VENDOR": {
        "en": "{field}: item {item_no} has no vendor to buy it from; give one on the item card or the command.",
        "nb": "{field}: vare {item_no} har ingen leverandør å kjøpe fra; oppgi en på varekortet eller i kommandoen.",
        "nl": "{field}: artikel {item_no} heeft geen leverancier om bij in te kopen; geef er een op de "
              "artikelkaart of in de opdracht.",
    },
})

# value checks at import and posting (domain/sales/rules.py value_problems)
MESSAGES.update({
    "SALES-ZERO-QUANTITY": {
        "en": "Line {line_no}: the quantity must be greater than zero.",
        "nb": "Linje {line_no}: antallet må være større enn null.",
        "nl": "Regel {line_no}: het aantal moet groter zijn dan nul.",
    },
    "SALES-NEGATIVE-UNIT-PRICE": {
        "en": "Line {line_no}: the unit price {price} cannot be negative; use a credit memo for money back.",
        "nb": "Linje {line_no}: enhetsprisen {price} kan ikke være negativ; bruk en kreditnota for tilbakebetaling.",
        "nl": "Regel {line_no}: de eenheidsprijs {price} kan niet negatief zijn; gebruik een creditnota "
              "voor terugbetaling.",
    },
    "SALES-LINE-DISCOUNT-OUT-OF-RANGE": {
        "en": "Line {line_no}: the line discount {pct} % must be between 0 and 100.",
        "nb": "Linje {line_no}: linjerabatten {pct} % må være mellom 0 og 100.",
        "nl": "Regel {line_no}: de regelkorting {pct} % moet tussen 0 en 100 liggen.",
    },
    "SALES-NEGATIVE-TOTAL": {
        "en": "The document total {total} is negative: it cannot be posted (use a credit memo).",
        "nb": "Bilagets total {total} er negativ: det kan ikke bokføres (bruk en kreditnota).",
        "nl": "Het documenttotaal {total} is negatief: het kan niet worden geboekt (gebruik een creditnota).",
    },
    "SALES-NEGATIVE-EXCHANGE-RATE": {
        "en": "The exchange rate {rate} cannot be negative.",
        "nb": "Valutakursen {rate} kan ikke være negativ.",
        "nl": "De wisselkoers {rate} kan niet negatief zijn.",
    },
})

MESSAGES.update({
    "SALES-APPLIES-TO-OTHER-CURRENCY": {
        "en": "The document is in {currency} but invoice {applies_to_doc_no} is in {invoice_currency}: a credit "
              "memo applies only to an invoice in its own currency.",
        "nb": "Dokumentet er i {currency}, men faktura {applies_to_doc_no} er i {invoice_currency}: en kreditnota "
              "kan bare utlignes mot en faktura i samme valuta.",
        "nl": "Het document is in {currency}, maar factuur {applies_to_doc_no} is in {invoice_currency}: een "
              "creditnota wordt alleen vereffend met een factuur in dezelfde valuta.",
    },
    "SALES-UNKNOWN-APPLIES-TO-DOC": {
        "en": "{applies_to_doc_no} is not a posted invoice of customer {customer_no}: a credit memo can only "
              "apply to one.",
        "nb": "{applies_to_doc_no} er ikke en bokført faktura til kunde {customer_no}: en kreditnota kan bare "
              "utlignes mot en slik.",
        "nl": "{applies_to_doc_no} is geen geboekte factuur van klant {customer_no}: een creditnota kan alleen "
              "daarmee worden vereffend.",
    },
})

MESSAGES.update({
    "SALES-LINE-NOT-FOUND": {
        "en": "{no} has no line {line_no}.",
        "nb": "{no} har ingen linje {line_no}.",
        "nl": "{no} heeft geen regel {line_no}.",
    },
})

# returns, item tracking and stock of sales lines (domain/sales/applies_from.py, tracking.py, stock.py)
MESSAGES.update({
    "SALES-APPLIES-FROM-OTHER-CUSTOMER": {
        "en": "Line {line_no}: item ledger entry {entry_no} is not a sale to customer {customer_no}; a return "
              "takes back only what this customer bought.",
        "nb": "Linje {line_no}: varepost {entry_no} er ikke et salg til kunde {customer_no}; en retur tar bare "
              "tilbake det denne kunden har kjøpt.",
        "nl": "Regel {line_no}: artikelpost {entry_no} is geen verkoop aan klant {customer_no}; een retour neemt "
              "alleen terug wat deze klant kocht.",
    },
    "SALES-INSUFFICIENT-QUANTITY": {
        "en": "Not enough {item_no} at location {location}: {requested} requested, {available} available "
              "(on hand at other locations: {elsewhere}).",
        "nb": "Ikke nok {item_no} på lokasjon {location}: {requested} ønsket, {available} tilgjengelig "
              "(på lager på andre lokasjoner: {elsewhere}).",
        "nl": "Onvoldoende {item_no} op vestiging {location}: {requested} gevraagd, {available} beschikbaar "
              "(voorraad op andere vestigingen: {elsewhere}).",
    },
    "SALES-TRACKING-TWICE": {
        "en": "Line {line_no}: give the serial/lot no. either in tracking or as serial_no/lot_no, not both.",
        "nb": "Linje {line_no}: oppgi serie-/partinr. enten i tracking eller som serial_no/lot_no, ikke begge.",
        "nl": "Regel {line_no}: geef het serie-/lotnr. in tracking of als serial_no/lot_no, niet allebei.",
    },
    "SALES-TRACKING-QUANTITY-MISMATCH": {
        "en": "Line {line_no}: the tracking quantity {tracked} is not the line quantity {quantity}.",
        "nb": "Linje {line_no}: sporingsantallet {tracked} er ikke linjeantallet {quantity}.",
        "nl": "Regel {line_no}: het traceringsaantal {tracked} is niet het regelaantal {quantity}.",
    },
    "SALES-TRACKING-SERIAL-AND-LOT": {
        "en": "Line {line_no}: give a serial no. or a lot no., not both.",
        "nb": "Linje {line_no}: oppgi serienr. eller partinr., ikke begge.",
        "nl": "Regel {line_no}: geef een serienr. of een lotnr., niet allebei.",
    },
    "SALES-TRACKING-NO-TOO-LONG": {
        "en": "{field}: a serial or lot no. holds at most {max} characters.",
        "nb": "{field}: et serie- eller partinr. kan ha høyst {max} tegn.",
        "nl": "{field}: een serie- of lotnr. heeft hoogstens {max} tekens.",
    },
    "SALES-SERIAL-QUANTITY-NOT-ONE": {
        "en": "Line {line_no}: serial no. {serial_no} is one unit; the line quantity must be 1.",
        "nb": "Linje {line_no}: serienr. {serial_no} er én enhet; linjeantallet må være 1.",
        "nl": "Regel {line_no}: serienr. {serial_no} is één stuk; het regelaantal moet 1 zijn.",
    },
    "SALES-TRACKING-NOT-INVENTORY": {
        "en": "Line {line_no}: only inventory items carry serial or lot nos.",
        "nb": "Linje {line_no}: bare lagervarer har serie- eller partinr.",
        "nl": "Regel {line_no}: alleen voorraadartikelen hebben serie- of lotnrs.",
    },
    "SALES-TRACKING-DROP-SHIPMENT": {
        "en": "Line {line_no}: a drop shipment line cannot name a serial or lot no.",
        "nb": "Linje {line_no}: en direktelevering kan ikke ha serie- eller partinr.",
        "nl": "Regel {line_no}: een rechtstreekse levering kan geen serie- of lotnr. hebben.",
    },
    "SALES-TRACKING-REQUIRED": {
        "en": "Line {line_no}: item {item_no} is tracked; give its serial or lot no. (tracking).",
        "nb": "Linje {line_no}: vare {item_no} spores; oppgi serie- eller partinr. (tracking).",
        "nl": "Regel {line_no}: artikel {item_no} wordt getraceerd; geef het serie- of lotnr. (tracking).",
    },
    "SALES-TRACKING-UNKNOWN": {
        "en": "Line {line_no}: item {item_no} has never received serial/lot no. {tracking_no}.",
        "nb": "Linje {line_no}: vare {item_no} har aldri mottatt serie-/partinr. {tracking_no}.",
        "nl": "Regel {line_no}: artikel {item_no} heeft serie-/lotnr. {tracking_no} nooit ontvangen.",
    },
    "SALES-TRACKING-NOT-ON-ENTRY": {
        "en": "Line {line_no}: item ledger entry {entry_no} did not sell serial/lot no. {tracking_no}.",
        "nb": "Linje {line_no}: varepost {entry_no} solgte ikke serie-/partinr. {tracking_no}.",
        "nl": "Regel {line_no}: artikelpost {entry_no} verkocht serie-/lotnr. {tracking_no} niet.",
    },
    "SALES-TRACKING-NOT-ON-HAND": {
        "en": "Line {line_no}: serial/lot no. {tracking_no} of item {item_no} is not on hand at location "
              "{location}.",
        "nb": "Linje {line_no}: serie-/partinr. {tracking_no} av vare {item_no} er ikke på lager på lokasjon "
              "{location}.",
        "nl": "Regel {line_no}: serie-/lotnr. {tracking_no} van artikel {item_no} is niet op voorraad op "
              "vestiging {location}.",
    },
    "SALES-SERIAL-ON-HAND": {
        "en": "{field}: serial no. {serial_no} of item {item_no} is on hand already; a credit memo cannot take "
              "it back in (name the sale in applies_from_entry).",
        "nb": "{field}: serienr. {serial_no} av vare {item_no} er allerede på lager; en kreditnota kan ikke ta "
              "den inn igjen (oppgi salget i applies_from_entry).",
        "nl": "{field}: serienr. {serial_no} van artikel {item_no} is al op voorraad; een creditnota kan het niet "
              "opnieuw ontvangen (geef de verkoop in applies_from_entry).",
    },
})
