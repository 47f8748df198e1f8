"""Problem texts (en / nb / nl) of drafts you can fix: line edits, header dates and deleting
a draft (domain/purchasing/lines.py, domain/sales/lines.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "PURCH-LINE-RECEIVED": {
        "en": "Line {line_no} of {no} has been received ({received}): it cannot be removed, and its type, "
              "no., location and unit stay.",
        "nb": "Linje {line_no} i {no} er mottatt ({received}): den kan ikke fjernes, og type, nr., "
              "lokasjon og enhet står fast.",
        "nl": "Regel {line_no} van {no} is ontvangen ({received}): hij kan niet worden verwijderd, en soort, "
              "nr., locatie en eenheid blijven.",
    },
    "PURCH-QUANTITY-BELOW-RECEIVED": {
        "en": "Line {line_no}: the quantity {quantity} is below what was received or invoiced ({received}).",
        "nb": "Linje {line_no}: antallet {quantity} er lavere enn det som er mottatt eller fakturert ({received}).",
        "nl": "Regel {line_no}: het aantal {quantity} is lager dan wat is ontvangen of gefactureerd ({received}).",
    },
    "PURCH-LINE-LINKED-TO-SALES-ORDER": {
        "en": "Line {line_no} of {no} is linked to sales order {sales_order_no}: change it from the sales order.",
        "nb": "Linje {line_no} i {no} er knyttet til salgsordre {sales_order_no}: endre den fra salgsordren.",
        "nl": "Regel {line_no} van {no} is gekoppeld aan verkooporder {sales_order_no}: wijzig hem vanuit "
              "de verkooporder.",
    },
    "PURCH-DOCUMENT-PARTLY-POSTED": {
        "en": "{no} has posted receipts or invoices and cannot be deleted.",
        "nb": "{no} har bokførte mottak eller fakturaer og kan ikke slettes.",
        "nl": "{no} heeft geboekte ontvangsten of facturen en kan niet worden verwijderd.",
    },
    "PURCH-DRAFT-FROM-INCOMING-DOCUMENT": {
        "en": "{no} was made from incoming document {entry_no}: correct that document instead.",
        "nb": "{no} ble laget fra inngående dokument {entry_no}: korriger det dokumentet i stedet.",
        "nl": "{no} is gemaakt van inkomend document {entry_no}: corrigeer dat document in plaats daarvan.",
    },
    "SALES-DOCUMENT-POSTED": {
        "en": "{no} is {status} and cannot be changed: correct it with a credit memo.",
        "nb": "{no} er {status} og kan ikke endres: korriger det med en kreditnota.",
        "nl": "{no} is {status} en kan niet worden gewijzigd: corrigeer het met een creditnota.",
    },
    "SALES-LINE-SHIPPED": {
        "en": "Line {line_no} of {no} has shipped ({shipped}): it cannot be removed, and its type, no. "
              "and location stay.",
        "nb": "Linje {line_no} i {no} er levert ({shipped}): den kan ikke fjernes, og type, nr. og "
              "lokasjon står fast.",
        "nl": "Regel {line_no} van {no} is verzonden ({shipped}): hij kan niet worden verwijderd, en soort, "
              "nr. en locatie blijven.",
    },
    "SALES-QUANTITY-BELOW-SHIPPED": {
        "en": "Line {line_no}: the quantity {quantity} is below what shipped or was invoiced ({shipped}).",
        "nb": "Linje {line_no}: antallet {quantity} er lavere enn det som er levert eller fakturert ({shipped}).",
        "nl": "Regel {line_no}: het aantal {quantity} is lager dan wat is verzonden of gefactureerd ({shipped}).",
    },
    "SALES-LINE-LINKED-TO-PURCHASE-ORDER": {
        "en": "Line {line_no} of {no} is bought on purchase order {purchase_order_no}: it cannot be changed here.",
        "nb": "Linje {line_no} i {no} kjøpes inn på innkjøpsordre {purchase_order_no}: den kan ikke endres her.",
        "nl": "Regel {line_no} van {no} wordt ingekocht op inkooporder {purchase_order_no}: hij kan hier "
              "niet worden gewijzigd.",
    },
    "SALES-DOCUMENT-PARTLY-POSTED": {
        "en": "{no} has posted shipments or invoices and cannot be deleted.",
        "nb": "{no} har bokførte leveranser eller fakturaer og kan ikke slettes.",
        "nl": "{no} heeft geboekte verzendingen of facturen en kan niet worden verwijderd.",
    },
    "SALES-EDIT-UNKNOWN-FIELD": {
        "en": "{field} cannot be changed here; the fields you can change are {allowed}.",
        "nb": "{field} kan ikke endres her; feltene som kan endres, er {allowed}.",
        "nl": "{field} kan hier niet worden gewijzigd; te wijzigen velden zijn {allowed}.",
    },
    "SALES-EDIT-SYNTAX": {
        "en": "{value!r} is not a change: write FIELD=VALUE.",
        "nb": "{value!r} er ikke en endring: skriv FELT=VERDI.",
        "nl": "{value!r} is geen wijziging: schrijf VELD=WAARDE.",
    },
    "SALES-DUE-BEFORE-DOCUMENT-DATE": {
        "en": "The due date {due_date} is before the document date {document_date}.",
        "nb": "Forfallsdatoen {due_date} er før dokumentdatoen {document_date}.",
        "nl": "De vervaldatum {due_date} ligt voor de documentdatum {document_date}.",
    },
})
