"""Problem texts (en / nb / nl) of orders, sales, documents out, operations and returns."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# orders, sales, drop shipments (issue 6)
MESSAGES.update({
    "SALES-CUSTOMER-BLOCKED": {
        "en": "Customer {customer_no} is blocked ({blocked}).",
        "nb": "Kunde {customer_no} er sperret ({blocked}).",
        "nl": "Klant {customer_no} is geblokkeerd ({blocked}).",
    },
    "SALES-STOCKOUT-WARNING": {
        "en": "Warning: line {line_no} needs {quantity} of item {item_no} at location {location} on {date}, but "
              "only {available} is projected to be available (earliest date available: {earliest}).",
        "nb": "Advarsel: linje {line_no} trenger {quantity} av vare {item_no} på lokasjon {location} den {date}, "
              "men bare {available} er beregnet tilgjengelig (tidligste dato tilgjengelig: {earliest}).",
        "nl": "Waarschuwing: regel {line_no} heeft {quantity} van artikel {item_no} op locatie {location} nodig op "
              "{date}, maar er is naar verwachting maar {available} beschikbaar (eerste datum beschikbaar: {earliest}).",
    },
    "SALES-CREDIT-LIMIT-EXCEEDED": {
        "en": "Warning: customer {customer_no} goes over the credit limit {limit} (total {total}).",
        "nb": "Advarsel: kunde {customer_no} overskrider kredittgrensen {limit} (totalt {total}).",
        "nl": "Waarschuwing: klant {customer_no} overschrijdt de kredietlimiet {limit} (totaal {total}).",
    },
    "SALES-INVOICE-MORE-THAN-SHIPPED": {
        "en": "Line {line_no}: cannot invoice {qty}; only {shipped_not_invoiced} is shipped and not invoiced.",
        "nb": "Linje {line_no}: kan ikke fakturere {qty}; bare {shipped_not_invoiced} er levert og ikke fakturert.",
        "nl": "Regel {line_no}: kan {qty} niet factureren; slechts {shipped_not_invoiced} is verzonden en niet gefactureerd.",
    },
    "SALES-SHIP-MORE-THAN-OUTSTANDING": {
        "en": "Line {line_no}: cannot ship {qty}; outstanding is {outstanding}.",
        "nb": "Linje {line_no}: kan ikke levere {qty}; utestående er {outstanding}.",
        "nl": "Regel {line_no}: kan {qty} niet verzenden; openstaand is {outstanding}.",
    },
    "SALES-CANCEL-INVOICE-PAID": {
        "en": "Invoice {no} is paid or applied and cannot be cancelled.",
        "nb": "Faktura {no} er betalt eller utlignet og kan ikke annulleres.",
        "nl": "Factuur {no} is betaald of vereffend en kan niet worden geannuleerd.",
    },
    "PURCH-INVOICE-MORE-THAN-RECEIVED": {
        "en": "Line {line_no}: cannot invoice {qty}; only {received_not_invoiced} is received and not invoiced.",
        "nb": "Linje {line_no}: kan ikke fakturere {qty}; bare {received_not_invoiced} er mottatt og ikke fakturert.",
        "nl": "Regel {line_no}: kan {qty} niet factureren; slechts {received_not_invoiced} is ontvangen en niet gefactureerd.",
    },
    "PURCH-RECEIVE-MORE-THAN-OUTSTANDING": {
        "en": "Line {line_no}: cannot receive {qty}; outstanding is {outstanding}.",
        "nb": "Linje {line_no}: kan ikke motta {qty}; utestående er {outstanding}.",
        "nl": "Regel {line_no}: kan {qty} niet ontvangen; openstaand is {outstanding}.",
    },
    "PURCH-DROP-SHIPMENT-SALES-NOT-INVOICED": {
        "en": "Line {line_no}: invoice sales order {sales_order_no} first (drop shipment).",
        "nb": "Linje {line_no}: fakturer salgsordre {sales_order_no} først (direkte levering).",
        "nl": "Regel {line_no}: factureer eerst verkooporder {sales_order_no} (directe levering).",
    },
    "PURCH-UNDO-RECEIPT-INVOICED": {
        "en": "Receipt {receipt_no} line {line_no} is invoiced and cannot be undone.",
        "nb": "Mottak {receipt_no} linje {line_no} er fakturert og kan ikke angres.",
        "nl": "Ontvangst {receipt_no} regel {line_no} is gefactureerd en kan niet ongedaan worden gemaakt.",
    },
    "PURCH-RECEIPT-ALREADY-UNDONE": {
        "en": "Receipt {receipt_no} line {line_no} has already been undone.",
        "nb": "Mottak {receipt_no} linje {line_no} er allerede angret.",
        "nl": "Ontvangst {receipt_no} regel {line_no} is al ongedaan gemaakt.",
    },
})

# documents out (domain/services/documents_out.py)
MESSAGES.update({
    "DOCS-DOCUMENT-NOT-FOUND": {
        "en": "There is no printable document {no}.",
        "nb": "Det finnes ikke noe utskrivbart dokument {no}.",
        "nl": "Er is geen af te drukken document {no}.",
    },
    "DOCS-KIND-NOT-PRINTABLE": {
        "en": "{no} is a {document_type}, which is not printed.",
        "nb": "{no} er en {document_type}, som ikke skrives ut.",
        "nl": "{no} is een {document_type}, die niet wordt afgedrukt.",
    },
    "DOCS-NO-EMAIL": {
        "en": "{party_no} has no e-mail address to send the document to.",
        "nb": "{party_no} har ingen e-postadresse å sende dokumentet til.",
        "nl": "{party_no} heeft geen e-mailadres om het document naar te sturen.",
    },
    "DOCS-DRAFT-NOT-SENDABLE": {
        "en": "{no} is not posted: post it before sending it (a draft invoice or credit memo is only printed, "
              "marked DRAFT).",
        "nb": "{no} er ikke bokført: bokfør den før den sendes (et utkast til faktura eller kreditnota kan bare "
              "skrives ut, merket UTKAST).",
        "nl": "{no} is niet geboekt: boek het voordat u het verzendt (een conceptfactuur of -creditnota wordt "
              "alleen afgedrukt, gemarkeerd CONCEPT).",
    },
    "DOCS-ALREADY-SENT": {
        "en": "{no} has already been sent (outbox message {message_id}); use --resend to send it again.",
        "nb": "{no} er allerede sendt (utboksmelding {message_id}); bruk --resend for å sende på nytt.",
        "nl": "{no} is al verzonden (outboxbericht {message_id}); gebruik --resend om opnieuw te verzenden.",
    },
    "DOCS-SEND-FAILED": {
        "en": "{no} could not be delivered; see the outbox message's error.",
        "nb": "{no} kunne ikke leveres; se feilen på utboksmeldingen.",
        "nl": "{no} kon niet worden afgeleverd; zie de fout bij het outboxbericht.",
    },
    "DOCS-UNKNOWN-SETUP-FIELD": {
        "en": "Unknown document setup fields: {fields}.",
        "nb": "Ukjente felt i dokumentoppsettet: {fields}.",
        "nl": "Onbekende velden in de documentinstellingen: {fields}.",
    },
})

# server operations (domain/rules/setup_check.py, ledgerflow doctor)
MESSAGES.update({
    "SETUP-MISSING-INVENTORY-POSTING-SETUP": {
        "en": "Inventory posting setup {location}/{group} is missing.",
        "nb": "Lageroppsett {location}/{group} mangler.",
        "nl": "Voorraadboekingsinstelling {location}/{group} ontbreekt.",
    },
})

# return orders (domain/services/purchase_returns.py, sales_returns.py)
MESSAGES.update({
    "PURCH-RETURN-MORE-THAN-OUTSTANDING": {
        "en": "Line {line_no}: cannot ship back {qty}; only {outstanding} is left on the return order.",
        "nb": "Linje {line_no}: kan ikke returnere {qty}; bare {outstanding} gjenstår på returordren.",
        "nl": "Regel {line_no}: kan {qty} niet retourneren; er staat nog maar {outstanding} op de retourorder.",
    },
    "PURCH-RETURN-MORE-THAN-RECEIVED": {
        "en": "Line {line_no}: cannot return {qty}; only {remaining} of item ledger entry {entry_no} is left.",
        "nb": "Linje {line_no}: kan ikke returnere {qty}; bare {remaining} av varepost {entry_no} er igjen.",
        "nl": "Regel {line_no}: kan {qty} niet retourneren; er is nog maar {remaining} van artikelpost {entry_no}.",
    },
    "PURCH-RETURN-APPLIES-TO-ENTRY-MISSING": {
        "en": "Line {line_no}: name the purchase receipt's item ledger entry in applies_to_entry.",
        "nb": "Linje {line_no}: oppgi varemottakets varepost i applies_to_entry.",
        "nl": "Regel {line_no}: geef de artikelpost van de ontvangst op in applies_to_entry.",
    },
    "PURCH-CREDIT-MORE-THAN-SHIPPED": {
        "en": "Line {line_no}: cannot credit {qty}; only {shipped_not_credited} is shipped back and not credited.",
        "nb": "Linje {line_no}: kan ikke kreditere {qty}; bare {shipped_not_credited} er returnert og ikke kreditert.",
        "nl": "Regel {line_no}: kan {qty} niet crediteren; slechts {shipped_not_credited} is geretourneerd en niet "
              "gecrediteerd.",
    },
    "SALES-RETURN-MORE-THAN-OUTSTANDING": {
        "en": "Line {line_no}: cannot receive {qty}; only {outstanding} is left on the return order.",
        "nb": "Linje {line_no}: kan ikke motta {qty}; bare {outstanding} gjenstår på returordren.",
        "nl": "Regel {line_no}: kan {qty} niet ontvangen; er staat nog maar {outstanding} op de retourorder.",
    },
    "SALES-RETURN-MORE-THAN-SHIPPED": {
        "en": "Line {line_no}: cannot take back {qty}; only {returnable} of item ledger entry {entry_no} can be "
              "returned.",
        "nb": "Linje {line_no}: kan ikke ta tilbake {qty}; bare {returnable} av varepost {entry_no} kan returneres.",
        "nl": "Regel {line_no}: kan {qty} niet terugnemen; slechts {returnable} van artikelpost {entry_no} kan "
              "retour.",
    },
    "SALES-RETURN-APPLIES-FROM-MISSING": {
        "en": "Line {line_no}: name the shipment's item ledger entry in applies_from_entry.",
        "nb": "Linje {line_no}: oppgi utleveringens varepost i applies_from_entry.",
        "nl": "Regel {line_no}: geef de artikelpost van de levering op in applies_from_entry.",
    },
    "SALES-CREDIT-MORE-THAN-RECEIVED": {
        "en": "Line {line_no}: cannot credit {qty}; only {shipped_not_invoiced} is received back and not credited.",
        "nb": "Linje {line_no}: kan ikke kreditere {qty}; bare {shipped_not_invoiced} er mottatt og ikke kreditert.",
        "nl": "Regel {line_no}: kan {qty} niet crediteren; slechts {shipped_not_invoiced} is terugontvangen en niet "
              "gecrediteerd.",
    },
    "IJ-TRANSFER-NEEDS-NEW-LOCATION": {
        "en": "{field}: a transfer needs new_location, the location the stock moves to.",
        "nb": "{field}: en overføring trenger new_location, lokasjonen varene flyttes til.",
        "nl": "{field}: een overboeking heeft new_location nodig, de locatie waar de voorraad heen gaat.",
    },
    "IJ-TRANSFER-SAME-LOCATION": {
        "en": "{field}: a transfer must move the stock to another location than {location}.",
        "nb": "{field}: en overføring må flytte varene til en annen lokasjon enn {location}.",
        "nl": "{field}: een overboeking moet de voorraad naar een andere locatie dan {location} brengen.",
    },
    "IJ-NEW-LOCATION-ONLY-FOR-TRANSFER": {
        "en": "{field}: new_location is only for transfer rows, not {entry_type}.",
        "nb": "{field}: new_location gjelder bare overføringer, ikke {entry_type}.",
        "nl": "{field}: new_location is alleen voor overboekingen, niet voor {entry_type}.",
    },
    "LOCATION-EXISTS": {
        "en": "Location {code} already exists.",
        "nb": "Lokasjon {code} finnes allerede.",
        "nl": "Locatie {code} bestaat al.",
    },
    "LOCATION-CODE-TOO-LONG": {
        "en": "Location code {code} is longer than {max} characters.",
        "nb": "Lokasjonskode {code} er lengre enn {max} tegn.",
        "nl": "Locatiecode {code} is langer dan {max} tekens.",
    },
    "IJ-SERIAL-QUANTITY-NOT-ONE": {
        "en": "{field}: a row with serial no. {serial_no} must have quantity 1.",
        "nb": "{field}: en linje med serienr. {serial_no} må ha antall 1.",
        "nl": "{field}: een regel met serienummer {serial_no} moet aantal 1 hebben.",
    },
    "IJ-SERIAL-ON-HAND": {
        "en": "{field}: item {item_no} with serial no. {serial_no} is already on hand.",
        "nb": "{field}: vare {item_no} med serienr. {serial_no} er allerede på lager.",
        "nl": "{field}: artikel {item_no} met serienummer {serial_no} is al op voorraad.",
    },
    "IJ-TRACKING-NO-TOO-LONG": {
        "en": "{field}: a lot or serial no. has at most {max} characters.",
        "nb": "{field}: et parti- eller serienummer har høyst {max} tegn.",
        "nl": "{field}: een lot- of serienummer heeft hoogstens {max} tekens.",
    },
    "INV-SPECIFIC-NEEDS-APPLICATION": {
        "en": "{field}: item {item_no} uses Specific costing: give the serial no., lot no. or applies_to_entry "
              "of the units that go out (none on hand matches serial {serial_no} / lot {lot_no}).",
        "nb": "{field}: vare {item_no} bruker spesifikk kostmetode: oppgi serienr., partinr. eller applies_to_entry "
              "for enhetene som går ut (ingen på lager passer serie {serial_no} / parti {lot_no}).",
        "nl": "{field}: artikel {item_no} gebruikt specifieke waardering: geef het serienummer, lotnummer of "
              "applies_to_entry van de uitgaande eenheden (niets op voorraad past bij serie {serial_no} / lot {lot_no}).",
    },
    "INV-APPLIES-TO-ENTRY-NOT-OPEN": {
        "en": "{field}: item ledger entry {entry_no} is not an open inbound entry of this item at this location.",
        "nb": "{field}: varepost {entry_no} er ikke en åpen inngående post for denne varen på denne lokasjonen.",
        "nl": "{field}: artikelpost {entry_no} is geen openstaande inkomende post van dit artikel op deze locatie.",
    },
    "MASTER-FIELD-TOO-LONG": {
        "en": "{field} is longer than {max} characters.",
        "nb": "{field} er lengre enn {max} tegn.",
        "nl": "{field} is langer dan {max} tekens.",
    },
    "MASTER-INVALID-COUNTRY": {
        "en": "Country {value} is not a two-letter ISO country code (NO, NL, SE, ...).",
        "nb": "Land {value} er ikke en tobokstavs ISO-landkode (NO, NL, SE, ...).",
        "nl": "Land {value} is geen ISO-landcode van twee letters (NO, NL, SE, ...).",
    },
    "MASTER-NOTHING-TO-CHANGE": {
        "en": "Nothing to change: give at least one of {fields}.",
        "nb": "Ingenting å endre: oppgi minst ett av {fields}.",
        "nl": "Niets te wijzigen: geef ten minste een van {fields}.",
    },
})
