"""Problem texts (en / nb / nl) of payments and bank statement import (CAMT.053)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# payments (domain/payments/posting.py)
MESSAGES.update({
    "PAY-UNKNOWN-PARTY": {
        "en": "There is no {party} {party_no}.",
        "nb": "{party_no} finnes ikke (som {party}).",
        "nl": "{party_no} bestaat niet (als {party}).",
    },
    "PAY-AMOUNT-NOT-POSITIVE": {
        "en": "The payment amount must be more than 0, not {amount}.",
        "nb": "Betalingsbeløpet må være større enn 0, ikke {amount}.",
        "nl": "Het betalingsbedrag moet groter zijn dan 0, niet {amount}.",
    },
    "PAY-INVALID-EXCHANGE-RATE": {
        "en": "The exchange rate must be a number above 0, not {value}.",
        "nb": "Valutakursen må være et tall større enn 0, ikke {value}.",
        "nl": "De wisselkoers moet een getal groter dan 0 zijn, niet {value}.",
    },
    "PAY-NO-OPEN-ENTRY": {
        "en": "Document {document_no} has no open entry of this customer or vendor to apply the payment to.",
        "nb": "Bilag {document_no} har ingen åpen post for denne kunden eller leverandøren å utligne betalingen mot.",
        "nl": "Document {document_no} heeft geen openstaande post van deze klant of leverancier om de betaling "
              "mee te vereffenen.",
    },
})

# bank statements (domain/payments/camt.py)
MESSAGES.update({
    "CAMT-INVALID-XML": {
        "en": "The file is not a readable CAMT.053 bank statement.",
        "nb": "Filen er ikke en lesbar CAMT.053-kontoutskrift.",
        "nl": "Het bestand is geen leesbaar CAMT.053-rekeningafschrift.",
    },
    "CAMT-NO-STATEMENT": {
        "en": "The file holds no bank statement (no BkToCstmrStmt/Stmt).",
        "nb": "Filen inneholder ingen kontoutskrift (ingen BkToCstmrStmt/Stmt).",
        "nl": "Het bestand bevat geen rekeningafschrift (geen BkToCstmrStmt/Stmt).",
    },
    "CAMT-INVALID-AMOUNT": {
        "en": "Statement entry {entry} has no valid amount.",
        "nb": "Post {entry} i kontoutskriften har ikke et gyldig beløp.",
        "nl": "Post {entry} van het rekeningafschrift heeft geen geldig bedrag.",
    },
    "CAMT-INVALID-DATE": {
        "en": "Statement entry {entry} has no valid booking date.",
        "nb": "Post {entry} i kontoutskriften har ikke en gyldig bokføringsdato.",
        "nl": "Post {entry} van het rekeningafschrift heeft geen geldige boekingsdatum.",
    },
})
