"""Problem texts (en / nb / nl) of corrections on posted documents: Correct, Cancel of a
corrective credit memo, Copy Document, posted documents shown (issue 17, item 3)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "COPY-DOCUMENT-NOT-FOUND": {
        "en": "There is no document {no} to copy from or into.",
        "nb": "Det finnes ikke noe dokument {no} å kopiere fra eller til.",
        "nl": "Er is geen document {no} om van of naar te kopiëren.",
    },
    "COPY-TARGET-WITHOUT-HEADER": {
        "en": "Copying lines only (--no-header) needs the open draft to add them to (--to DRAFT), and --to "
              "copies lines only: give both or neither.",
        "nb": "Å kopiere bare linjer (--no-header) krever et åpent utkast å legge dem til (--to UTKAST), og --to "
              "kopierer bare linjer: oppgi begge eller ingen av dem.",
        "nl": "Alleen regels kopiëren (--no-header) vraagt om het open concept om ze aan toe te voegen (--to "
              "CONCEPT), en --to kopieert alleen regels: geef beide of geen van beide.",
    },
    "COPY-TARGET-NOT-OPEN": {
        "en": "Document {no} is {status}: lines are copied only into an open draft.",
        "nb": "Dokument {no} har status {status}: linjer kopieres bare til et åpent utkast.",
        "nl": "Document {no} heeft status {status}: regels worden alleen naar een open concept gekopieerd.",
    },
    "COPY-TYPE-NOT-AVAILABLE": {
        "en": "A {side} document cannot be copied into a {document_type} here.",
        "nb": "Et {side}-dokument kan ikke kopieres til {document_type} her.",
        "nl": "Een {side}-document kan hier niet naar {document_type} worden gekopieerd.",
    },
    "PURCH-POSTED-CREDIT-MEMO-NOT-FOUND": {
        "en": "There is no posted purchase credit memo {no}.",
        "nb": "Det finnes ingen bokført kjøpskreditnota {no}.",
        "nl": "Er is geen geboekte inkoopcreditnota {no}.",
    },
    "SALES-POSTED-CREDIT-MEMO-NOT-FOUND": {
        "en": "There is no posted sales credit memo {no}.",
        "nb": "Det finnes ingen bokført salgskreditnota {no}.",
        "nl": "Er is geen geboekte verkoopcreditnota {no}.",
    },
    "PURCH-CANCEL-NOT-CORRECTIVE": {
        "en": "Credit memo {no} was not made by cancelling or correcting an invoice: only such a credit memo "
              "can be cancelled.",
        "nb": "Kreditnota {no} ble ikke laget ved å annullere eller korrigere en faktura: bare en slik kreditnota "
              "kan annulleres.",
        "nl": "Creditnota {no} is niet gemaakt door een factuur te annuleren of te corrigeren: alleen zo'n "
              "creditnota kan worden geannuleerd.",
    },
    "SALES-CANCEL-NOT-CORRECTIVE": {
        "en": "Credit memo {no} was not made by cancelling or correcting an invoice: only such a credit memo "
              "can be cancelled.",
        "nb": "Kreditnota {no} ble ikke laget ved å annullere eller korrigere en faktura: bare en slik kreditnota "
              "kan annulleres.",
        "nl": "Creditnota {no} is niet gemaakt door een factuur te annuleren of te corrigeren: alleen zo'n "
              "creditnota kan worden geannuleerd.",
    },
    "PURCH-POSTED-DOCUMENT-NOT-FOUND": {
        "en": "There is no posted purchase invoice or credit memo {no}.",
        "nb": "Det finnes ingen bokført kjøpsfaktura eller kjøpskreditnota {no}.",
        "nl": "Er is geen geboekte inkoopfactuur of inkoopcreditnota {no}.",
    },
    "SALES-POSTED-DOCUMENT-NOT-FOUND": {
        "en": "There is no posted sales document {no}.",
        "nb": "Det finnes ikke noe bokført salgsdokument {no}.",
        "nl": "Er is geen geboekt verkoopdocument {no}.",
    },
    "PREPMT-DEDUCTION-SEVERAL-ORDERS": {
        "en": "Invoice {no} invoices receipts of orders {orders}, each with a prepayment to deduct: an invoice "
              "deducts the prepayment of one order, so invoice each order's receipts on its own invoice.",
        "nb": "Faktura {no} fakturerer mottak fra ordrene {orders}, hver med forskudd å trekke fra: en faktura "
              "trekker fra forskuddet til én ordre, så fakturer mottakene til hver ordre på egen faktura.",
        "nl": "Factuur {no} factureert ontvangsten van de orders {orders}, elk met een vooruitbetaling om af te "
              "trekken: een factuur trekt de vooruitbetaling van één order af, factureer de ontvangsten van "
              "elke order dus op een eigen factuur.",
    },
    "PURCH-CANCEL-MEMO-REOPENED-ORDER": {
        "en": "Credit memo {no} cancelled an invoice of order(s) {orders} and gave the order its lines back: "
              "receive and invoice the order again instead of cancelling the credit memo.",
        "nb": "Kreditnota {no} annullerte en faktura for ordre {orders} og ga ordren linjene tilbake: motta og "
              "fakturer ordren på nytt i stedet for å annullere kreditnotaen.",
        "nl": "Creditnota {no} annuleerde een factuur van order(s) {orders} en gaf de order zijn regels terug: "
              "ontvang en factureer de order opnieuw in plaats van de creditnota te annuleren.",
    },
    "SALES-CANCEL-MEMO-REOPENED-ORDER": {
        "en": "Credit memo {no} cancelled an invoice of order(s) {orders} and gave the order its lines back: "
              "ship and invoice the order again instead of cancelling the credit memo.",
        "nb": "Kreditnota {no} annullerte en faktura for ordre {orders} og ga ordren linjene tilbake: send og "
              "fakturer ordren på nytt i stedet for å annullere kreditnotaen.",
        "nl": "Creditnota {no} annuleerde een factuur van order(s) {orders} en gaf de order zijn regels terug: "
              "verzend en factureer de order opnieuw in plaats van de creditnota te annuleren.",
    },
    "SALES-NOT-AN-OPEN-INVOICE": {
        "en": "{no} is not an open sales invoice: shipment lines are added to a draft invoice.",
        "nb": "{no} er ikke en åpen salgsfaktura: leveringslinjer legges til en fakturakladd.",
        "nl": "{no} is geen openstaande verkoopfactuur: verzendregels worden aan een conceptfactuur toegevoegd.",
    },
    "SALES-SHIPMENT-NOT-FOR-CUSTOMER": {
        "en": "{shipment_no} is not a posted shipment to customer {customer_no}.",
        "nb": "{shipment_no} er ikke en bokført levering til kunde {customer_no}.",
        "nl": "{shipment_no} is geen geboekte verzending aan klant {customer_no}.",
    },
})
