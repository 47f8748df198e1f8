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
    # vendor payment proposals and the pain.001 file (domain/payments/proposal.py)
    "PAY-VENDOR-NO-BANK-ACCOUNT": {
        "en": "Vendor {vendor_no} ({name}) has payments due but no bank account or IBAN; add one or leave the "
              "vendor out with --vendor.",
        "nb": "Leverandør {vendor_no} ({name}) har forfalte betalinger men ikke kontonummer eller IBAN; legg "
              "det inn eller utelat leverandøren med --vendor.",
        "nl": "Leverancier {vendor_no} ({name}) heeft betalingen openstaan maar geen rekeningnummer of IBAN; "
              "voeg er een toe of laat de leverancier weg met --vendor.",
    },
    "PAY-NOTHING-DUE": {
        "en": "No vendor payments are due by {due_by}; no proposal was made.",
        "nb": "Ingen leverandørbetalinger forfaller innen {due_by}; det ble ikke laget noe forslag.",
        "nl": "Er zijn geen leveranciersbetalingen verschuldigd tot {due_by}; er is geen voorstel gemaakt.",
    },
    "PAY-PROPOSAL-NOT-FOUND": {
        "en": "There is no payment proposal {no}.",
        "nb": "Betalingsforslag {no} finnes ikke.",
        "nl": "Betalingsvoorstel {no} bestaat niet.",
    },
    "PAY-PROPOSAL-NOT-OPEN": {
        "en": "Payment proposal {no} is {status} already; it cannot be confirmed again.",
        "nb": "Betalingsforslag {no} er allerede {status}; det kan ikke bekreftes på nytt.",
        "nl": "Betalingsvoorstel {no} is al {status}; het kan niet opnieuw worden bevestigd.",
    },
    "PAY-PROPOSAL-STALE": {
        "en": "{document_no} is no longer open for the amount the proposal counted (paid or changed since); "
              "make a new proposal.",
        "nb": "{document_no} står ikke lenger åpen med beløpet forslaget regnet med (betalt eller endret "
              "siden); lag et nytt forslag.",
        "nl": "{document_no} staat niet meer open voor het bedrag van het voorstel (sindsdien betaald of "
              "gewijzigd); maak een nieuw voorstel.",
    },
    "PAY-NO-DEBTOR-ACCOUNT": {
        "en": "The company has no bank account or IBAN to pay from; set it with `sales document-setup`.",
        "nb": "Firmaet har ikke kontonummer eller IBAN å betale fra; sett det med `sales document-setup`.",
        "nl": "Het bedrijf heeft geen rekeningnummer of IBAN om van te betalen; stel het in met "
              "`sales document-setup`.",
    },
})
