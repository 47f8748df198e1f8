"""Problem texts (en / nb / nl) of purchasing: purchase invoices and credit memos, orders,
receipts, return orders, corrections and edits."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# documents and posting (domain/purchasing/documents.py, rules.py, posting.py, edit.py)
MESSAGES.update({
    "PURCH-DOCUMENT-NOT-FOUND": {
        "en": "There is no purchase document {no}.",
        "nb": "Kjøpsbilag {no} finnes ikke.",
        "nl": "Inkoopdocument {no} bestaat niet.",
    },
    "PURCH-DOCUMENT-POSTED": {
        "en": "{no} is posted and cannot be changed: correct it with a credit memo.",
        "nb": "{no} er bokført og kan ikke endres: korriger det med en kreditnota.",
        "nl": "{no} is geboekt en kan niet worden gewijzigd: corrigeer het met een creditnota.",
    },
    "PURCH-NOTHING-TO-POST": {
        "en": "The document has no line with a quantity to post.",
        "nb": "Bilaget har ingen linje med antall å bokføre.",
        "nl": "Het document heeft geen regel met een aantal om te boeken.",
    },
    "PURCH-NEGATIVE-QUANTITY": {
        "en": "Line {line_no}: the quantity cannot be negative.",
        "nb": "Linje {line_no}: antallet kan ikke være negativt.",
        "nl": "Regel {line_no}: het aantal kan niet negatief zijn.",
    },
    "PURCH-UNKNOWN-LINE-TYPE": {
        "en": "{field}: unknown line type {type!r}.",
        "nb": "{field}: ukjent linjetype {type!r}.",
        "nl": "{field}: onbekend regeltype {type!r}.",
    },
    "PURCH-UNKNOWN-ITEM-CHARGE": {
        "en": "{field}: there is no item charge {charge}.",
        "nb": "{field}: varegebyret {charge} finnes ikke.",
        "nl": "{field}: artikeltoeslag {charge} bestaat niet.",
    },
    "PURCH-CHARGE-NOT-ASSIGNED": {
        "en": "{field}: item charge {charge} is not assigned to a receipt entry (assign_to_entry: {assign_to_entry}).",
        "nb": "{field}: varegebyret {charge} er ikke fordelt på en mottakspost (assign_to_entry: {assign_to_entry}).",
        "nl": "{field}: artikeltoeslag {charge} is niet toegewezen aan een ontvangstpost "
              "(assign_to_entry: {assign_to_entry}).",
    },
    "PURCH-EXCHANGE-RATE-MISSING": {
        "en": "There is no exchange rate for currency {currency} on the posting date.",
        "nb": "Det finnes ingen valutakurs for {currency} på bokføringsdatoen.",
        "nl": "Er is geen valutakoers voor {currency} op de boekingsdatum.",
    },
    "PURCH-TOTAL-MISMATCH": {
        "en": "The invoice total including VAT is {printed}, but the lines give {computed}.",
        "nb": "Fakturaens total inkludert MVA er {printed}, men linjene gir {computed}.",
        "nl": "Het factuurtotaal inclusief btw is {printed}, maar de regels geven {computed}.",
    },
    "PURCH-DUE-BEFORE-DOCUMENT-DATE": {
        "en": "The due date {due_date} is before the document date {document_date}.",
        "nb": "Forfallsdatoen {due_date} er før dokumentdatoen {document_date}.",
        "nl": "De vervaldatum {due_date} ligt voor de documentdatum {document_date}.",
    },
    "PURCH-EDIT-SYNTAX": {
        "en": "{value!r} is not a change: write FIELD=VALUE.",
        "nb": "{value!r} er ikke en endring: skriv FELT=VERDI.",
        "nl": "{value!r} is geen wijziging: schrijf VELD=WAARDE.",
    },
    "PURCH-EDIT-UNKNOWN-FIELD": {
        "en": "{field} cannot be changed here; the fields you can change are {allowed}.",
        "nb": "{field} kan ikke endres her; feltene som kan endres, er {allowed}.",
        "nl": "{field} kan hier niet worden gewijzigd; te wijzigen velden zijn {allowed}.",
    },
    "PURCH-LINE-NOT-FOUND": {
        "en": "{no} has no line {line_no}.",
        "nb": "{no} har ingen linje {line_no}.",
        "nl": "{no} heeft geen regel {line_no}.",
    },
})

# orders, receipts and return orders (domain/purchasing/orders.py, receipts.py, returns.py)
MESSAGES.update({
    "PURCH-ORDER-NOT-FOUND": {
        "en": "There is no purchase order {no}.",
        "nb": "Innkjøpsordre {no} finnes ikke.",
        "nl": "Inkooporder {no} bestaat niet.",
    },
    "PURCH-ORDER-CLOSED": {
        "en": "Purchase order {no} is fully received and invoiced.",
        "nb": "Innkjøpsordre {no} er fullt mottatt og fakturert.",
        "nl": "Inkooporder {no} is volledig ontvangen en gefactureerd.",
    },
    "PURCH-ORDER-LINE-NOT-FOUND": {
        "en": "Purchase order {no} has no line {line_no}.",
        "nb": "Innkjøpsordre {no} har ingen linje {line_no}.",
        "nl": "Inkooporder {no} heeft geen regel {line_no}.",
    },
    "PURCH-ORDER-CHARGE-NOT-SUPPORTED": {
        "en": "{field}: item charges cannot be put on a purchase order; put them on a purchase invoice.",
        "nb": "{field}: varegebyr kan ikke føres på en innkjøpsordre; før dem på en kjøpsfaktura.",
        "nl": "{field}: artikeltoeslagen kunnen niet op een inkooporder; zet ze op een inkoopfactuur.",
    },
    "PURCH-NOTHING-TO-RECEIVE": {
        "en": "{no} has nothing left to receive.",
        "nb": "{no} har ingenting igjen å motta.",
        "nl": "{no} heeft niets meer te ontvangen.",
    },
    "PURCH-NOTHING-TO-INVOICE": {
        "en": "{no} has nothing received or shipped that is not invoiced yet.",
        "nb": "{no} har ingenting mottatt eller levert som ikke allerede er fakturert.",
        "nl": "{no} heeft niets ontvangen of verzonden dat nog niet is gefactureerd.",
    },
    "PURCH-NOTHING-TO-SHIP": {
        "en": "Return order {no} has nothing left to ship back.",
        "nb": "Returordre {no} har ingenting igjen å sende tilbake.",
        "nl": "Retourorder {no} heeft niets meer om terug te sturen.",
    },
    "PURCH-NOT-AN-OPEN-INVOICE": {
        "en": "{no} is not an open purchase invoice.",
        "nb": "{no} er ikke en åpen kjøpsfaktura.",
        "nl": "{no} is geen openstaande inkoopfactuur.",
    },
    "PURCH-RECEIPT-NOT-FOUND": {
        "en": "There is no posted purchase receipt {no}.",
        "nb": "Bokført varemottak {no} finnes ikke.",
        "nl": "Geboekte inkoopontvangst {no} bestaat niet.",
    },
    "PURCH-RECEIPT-NOT-FOR-VENDOR": {
        "en": "Receipt {receipt_no} does not exist or is not from this invoice's vendor.",
        "nb": "Varemottak {receipt_no} finnes ikke eller er ikke fra leverandøren på denne fakturaen.",
        "nl": "Ontvangst {receipt_no} bestaat niet of is niet van de leverancier van deze factuur.",
    },
    "PURCH-NOTHING-TO-UNDO": {
        "en": "Receipt {no} has no line that can be undone.",
        "nb": "Varemottak {no} har ingen linje som kan angres.",
        "nl": "Ontvangst {no} heeft geen regel die ongedaan kan worden gemaakt.",
    },
    "PURCH-UNDO-DROP-SHIPMENT": {
        "en": "Receipt {receipt_no} line {line_no} is a drop shipment and cannot be undone on its own.",
        "nb": "Varemottak {receipt_no} linje {line_no} er en direkte levering og kan ikke angres alene.",
        "nl": "Ontvangst {receipt_no} regel {line_no} is een directe levering en kan niet afzonderlijk "
              "ongedaan worden gemaakt.",
    },
    "PURCH-UNDO-RECEIPT-ITEM-USED": {
        "en": "Receipt {receipt_no} line {line_no} cannot be undone: item ledger entry {entry_no} has been used.",
        "nb": "Varemottak {receipt_no} linje {line_no} kan ikke angres: varepost {entry_no} er brukt.",
        "nl": "Ontvangst {receipt_no} regel {line_no} kan niet ongedaan worden gemaakt: artikelpost "
              "{entry_no} is verbruikt.",
    },
})

# corrections (domain/purchasing/correction.py)
MESSAGES.update({
    "PURCH-POSTED-INVOICE-NOT-FOUND": {
        "en": "There is no posted purchase invoice {no}.",
        "nb": "Bokført kjøpsfaktura {no} finnes ikke.",
        "nl": "Geboekte inkoopfactuur {no} bestaat niet.",
    },
    "PURCH-ALREADY-CANCELLED": {
        "en": "Posted purchase document {no} is already cancelled.",
        "nb": "Bokført kjøpsdokument {no} er allerede annullert.",
        "nl": "Geboekt inkoopdocument {no} is al geannuleerd.",
    },
    "PURCH-CANCEL-HAS-ITEM-CHARGES": {
        "en": "Invoice {no} has item charge lines and cannot be cancelled; post a credit memo instead.",
        "nb": "Faktura {no} har varegebyrlinjer og kan ikke annulleres; bokfør en kreditnota i stedet.",
        "nl": "Factuur {no} heeft regels met artikeltoeslagen en kan niet worden geannuleerd; boek in plaats "
              "daarvan een creditnota.",
    },
})

# value checks at import, edit and posting (domain/purchasing/rules/snapshot.py value_problems)
MESSAGES.update({
    "PURCH-ZERO-QUANTITY": {
        "en": "Line {line_no}: the quantity must be greater than zero.",
        "nb": "Linje {line_no}: antallet må være større enn null.",
        "nl": "Regel {line_no}: het aantal moet groter zijn dan nul.",
    },
    "PURCH-NEGATIVE-UNIT-COST": {
        "en": "Line {line_no}: the direct unit cost {cost} cannot be negative; use a credit memo for money back.",
        "nb": "Linje {line_no}: innkjøpsprisen {cost} kan ikke være negativ; bruk en kreditnota for tilbakebetaling.",
        "nl": "Regel {line_no}: de directe kostprijs {cost} kan niet negatief zijn; gebruik een creditnota "
              "voor terugbetaling.",
    },
    "PURCH-LINE-DISCOUNT-OUT-OF-RANGE": {
        "en": "Line {line_no}: the line discount {pct} % must be between 0 and 100.",
        "nb": "Linje {line_no}: linjerabatten {pct} % må være mellom 0 og 100.",
        "nl": "Regel {line_no}: de regelkorting {pct} % moet tussen 0 en 100 liggen.",
    },
    "PURCH-NEGATIVE-TOTAL": {
        "en": "The document total {total} is negative: it cannot be posted (use a credit memo).",
        "nb": "Bilagets total {total} er negativ: det kan ikke bokføres (bruk en kreditnota).",
        "nl": "Het documenttotaal {total} is negatief: het kan niet worden geboekt (gebruik een creditnota).",
    },
    "PURCH-NEGATIVE-EXCHANGE-RATE": {
        "en": "The exchange rate {rate} cannot be negative.",
        "nb": "Valutakursen {rate} kan ikke være negativ.",
        "nl": "De wisselkoers {rate} kan niet negatief zijn.",
    },
})

MESSAGES.update({
    "PURCH-APPLIES-TO-OTHER-CURRENCY": {
        "en": "The document is in {currency} but invoice {applies_to_doc_no} is in {invoice_currency}: a credit "
              "memo applies only to an invoice in its own currency.",
        "nb": "Dokumentet er i {currency}, men faktura {applies_to_doc_no} er i {invoice_currency}: en kreditnota "
              "kan bare utlignes mot en faktura i samme valuta.",
        "nl": "Het document is in {currency}, maar factuur {applies_to_doc_no} is in {invoice_currency}: een "
              "creditnota wordt alleen vereffend met een factuur in dezelfde valuta.",
    },
    "PURCH-UNKNOWN-APPLIES-TO-DOC": {
        "en": "{applies_to_doc_no} is not a posted invoice of vendor {vendor_no}: a credit memo can only apply to one.",
        "nb": "{applies_to_doc_no} er ikke en bokført faktura fra leverandør {vendor_no}: en kreditnota kan bare "
              "utlignes mot en slik.",
        "nl": "{applies_to_doc_no} is geen geboekte factuur van leverancier {vendor_no}: een creditnota kan alleen "
              "daarmee worden vereffend.",
    },
})
