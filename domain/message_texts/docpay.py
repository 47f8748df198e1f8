"""Problem texts (en / nb / nl) of refunds, overpayments, unapplication and application proposals
(domain/payments/refund*.py, unapply.py, matching.py) and of the payment link in invoice e-mails and
the company's legal identifiers on documents (domain/documents/payment_link.py, legal.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# overpayments and refunds (domain/payments/refund.py, refund_rules.py)
MESSAGES.update({
    "PAY-OVERPAYMENT": {
        "en": "The payment was {credit} more than the entries it was applied to: it stays open as a credit of "
              "{party_no} (pay it back with `payments refund`).",
        "nb": "Betalingen var {credit} mer enn postene den ble utlignet mot: beløpet står åpent som et "
              "tilgodehavende for {party_no} (betal tilbake med `payments refund`).",
        "nl": "De betaling was {credit} meer dan de posten waarmee ze is vereffend: dat blijft open als tegoed "
              "van {party_no} (terugbetalen met `payments refund`).",
    },
    "PAY-NO-OPEN-CREDIT": {
        "en": "{party_no} has no open credit to refund.",
        "nb": "{party_no} har ikke noe åpent tilgodehavende å betale tilbake.",
        "nl": "{party_no} heeft geen openstaand tegoed om terug te betalen.",
    },
    "PAY-NO-OPEN-CREDIT-ENTRY": {
        "en": "Document {document_no} is not an open credit of this customer or vendor.",
        "nb": "Bilag {document_no} er ikke et åpent tilgodehavende for denne kunden eller leverandøren.",
        "nl": "Document {document_no} is geen openstaand tegoed van deze klant of leverancier.",
    },
    "PAY-REFUND-EXCEEDS-CREDIT": {
        "en": "A refund of {amount} is more than the open credit of {credit}.",
        "nb": "En tilbakebetaling på {amount} er mer enn det åpne tilgodehavendet på {credit}.",
        "nl": "Een terugbetaling van {amount} is meer dan het openstaande tegoed van {credit}.",
    },
})

# unapplying entries (domain/payments/unapply.py)
MESSAGES.update({
    "PAY-ENTRY-NOT-FOUND": {
        "en": "There is no customer or vendor ledger entry {entry}.",
        "nb": "Det finnes ingen kunde- eller leverandørpost {entry}.",
        "nl": "Er is geen klant- of leverancierspost {entry}.",
    },
    "PAY-NOTHING-TO-UNAPPLY": {
        "en": "Entry {entry} has no application to undo.",
        "nb": "Post {entry} har ingen utligning å oppheve.",
        "nl": "Post {entry} heeft geen vereffening om ongedaan te maken.",
    },
    "PAY-UNAPPLY-REVERSED": {
        "en": "Entry {entry} belongs to {document_no}, which is cancelled or a cancellation: it cannot be unapplied.",
        "nb": "Post {entry} hører til {document_no}, som er kansellert eller en kansellering: utligningen kan "
              "ikke oppheves.",
        "nl": "Post {entry} hoort bij {document_no}, dat geannuleerd is of een annulering is: de vereffening kan "
              "niet ongedaan worden gemaakt.",
    },
    "PAY-UNAPPLY-NOT-SUPPORTED": {
        "en": "The application {document_no} of entry {entry} crossed currencies; undoing it is not supported.",
        "nb": "Utligningen {document_no} av post {entry} gikk mellom valutaer; den kan ikke oppheves her.",
        "nl": "De vereffening {document_no} van post {entry} ging tussen valuta's; ongedaan maken kan hier niet.",
    },
    "PAY-UNAPPLY-DATE-BEFORE-APPLICATION": {
        "en": "The unapplication date {posting_date} is before the application's date {applied_on}.",
        "nb": "Datoen {posting_date} er før utligningens dato {applied_on}.",
        "nl": "De datum {posting_date} ligt vóór de datum van de vereffening {applied_on}.",
    },
    "PAY-UNAPPLY-LATER-APPLICATION": {
        "en": "Entry {entry_no} was applied again later ({document_no}): unapply that application first.",
        "nb": "Post {entry_no} er utlignet igjen senere ({document_no}): opphev den utligningen først.",
        "nl": "Post {entry_no} is later opnieuw vereffend ({document_no}): maak die vereffening eerst ongedaan.",
    },
})

# application proposals (domain/payments/matching.py)
MESSAGES.update({
    "PAY-STATEMENT-LINE-NOT-FOUND": {
        "en": "There is no bank statement line {line}.",
        "nb": "Det finnes ingen kontoutskriftslinje {line}.",
        "nl": "Er is geen afschriftregel {line}.",
    },
    "PAY-STATEMENT-LINE-DONE": {
        "en": "Statement line {line} is already {status}.",
        "nb": "Kontoutskriftslinje {line} er allerede {status}.",
        "nl": "Afschriftregel {line} is al {status}.",
    },
    "PAY-NOT-PROPOSED": {
        "en": "{document_no} is not an application proposal for statement line {line} (see `payments match`).",
        "nb": "{document_no} er ikke et utligningsforslag for kontoutskriftslinje {line} (se `payments match`).",
        "nl": "{document_no} is geen vereffeningsvoorstel voor afschriftregel {line} (zie `payments match`).",
    },
    "PAY-NO-PROPOSAL": {
        "en": "There is no application proposal for statement line {line}.",
        "nb": "Det finnes ikke noe utligningsforslag for kontoutskriftslinje {line}.",
        "nl": "Er is geen vereffeningsvoorstel voor afschriftregel {line}.",
    },
    "PAY-AMBIGUOUS-PROPOSAL": {
        "en": "Statement line {line} has {count} proposals of {confidence} confidence: choose one with --to.",
        "nb": "Kontoutskriftslinje {line} har {count} forslag med sikkerhet {confidence}: velg ett med --to.",
        "nl": "Afschriftregel {line} heeft {count} voorstellen met zekerheid {confidence}: kies er één met --to.",
    },
})

# the payment service link in invoice e-mails (domain/documents/payment_link.py)
MESSAGES.update({
    "DOCS-PAYMENT-SERVICE-NAME": {
        "en": "The payment service needs a name of at most {max} characters on one line.",
        "nb": "Betalingstjenesten trenger et navn på høyst {max} tegn på én linje.",
        "nl": "De betaaldienst heeft een naam nodig van hoogstens {max} tekens op één regel.",
    },
    "DOCS-PAYMENT-URL-INVALID": {
        "en": "The payment URL template {value!r} is not a valid URL (no spaces, a host, balanced braces).",
        "nb": "URL-malen for betaling {value!r} er ikke en gyldig URL (ingen mellomrom, en vert, parvise "
              "klammeparenteser).",
        "nl": "Het betaal-URL-sjabloon {value!r} is geen geldige URL (geen spaties, een host, gepaarde "
              "accolades).",
    },
    "DOCS-PAYMENT-URL-NOT-HTTPS": {
        "en": "The payment URL template {value!r} must start with https://.",
        "nb": "URL-malen for betaling {value!r} må begynne med https://.",
        "nl": "Het betaal-URL-sjabloon {value!r} moet met https:// beginnen.",
    },
    "DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER": {
        "en": "The payment URL template names {placeholder!r}, which is not one of: {known} (no format specs).",
        "nb": "URL-malen for betaling nevner {placeholder!r}, som ikke er en av: {known} (uten formatkoder).",
        "nl": "Het betaal-URL-sjabloon noemt {placeholder!r}, dat niet een van deze is: {known} "
              "(zonder opmaakcodes).",
    },
})

# the company's own registration numbers (domain/identifiers.py company_ids)
MESSAGES.update({
    "ID-VAT-COUNTRY-MISMATCH": {
        "en": "{value!r} is not a VAT id of the company's own country.",
        "nb": "{value!r} er ikke et MVA-nummer fra selskapets eget land.",
        "nl": "{value!r} is geen btw-id van het eigen land van het bedrijf.",
    },
    "ID-VAT-NOT-ORG-NO": {
        "en": "The MVA number {value!r} is not the company's org.nr followed by MVA.",
        "nb": "MVA-nummeret {value!r} er ikke selskapets organisasjonsnummer etterfulgt av MVA.",
        "nl": "Het MVA-nummer {value!r} is niet het organisatienummer van het bedrijf gevolgd door MVA.",
    },
})
