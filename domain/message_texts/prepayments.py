"""Problem texts (en / nb / nl) of prepayments (forskuddsbetaling / vooruitbetaling)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "PREPMT-PCT-OUT-OF-RANGE": {
        "en": "{field}: a prepayment % must be from 0 to 100, not {pct}.",
        "nb": "{field}: en forskuddsprosent må være fra 0 til 100, ikke {pct}.",
        "nl": "{field}: een vooruitbetalingspercentage moet van 0 tot 100 zijn, niet {pct}.",
    },
    "PREPMT-NOTHING-TO-INVOICE": {
        "en": "Order {no} has no prepayment due: no line has a prepayment % with an amount not yet invoiced.",
        "nb": "Ordre {no} har ikke noe forskudd å fakturere: ingen linje har forskuddsprosent med et "
              "beløp som ikke er fakturert.",
        "nl": "Order {no} heeft geen vooruitbetaling te factureren: geen regel heeft een "
              "vooruitbetalingspercentage met een nog niet gefactureerd bedrag.",
    },
    "PREPMT-NOTHING-TO-CREDIT": {
        "en": "Order {no} has no posted prepayment left to credit.",
        "nb": "Ordre {no} har ikke noe bokført forskudd igjen å kreditere.",
        "nl": "Order {no} heeft geen geboekte vooruitbetaling meer om te crediteren.",
    },
    "PREPMT-ACCOUNT-MISSING": {
        "en": "{field}: the general posting setup {gen_bus} / {gen_prod} has no {side} prepayments account "
              "(set it with `ledgerflow setup prepayments`).",
        "nb": "{field}: bokføringsoppsettet {gen_bus} / {gen_prod} har ingen forskuddskonto for {side} "
              "(sett den med `ledgerflow setup prepayments`).",
        "nl": "{field}: de boekingsinstelling {gen_bus} / {gen_prod} heeft geen vooruitbetalingsrekening voor "
              "{side} (stel die in met `ledgerflow setup prepayments`).",
    },
    "PREPMT-UNPAID": {
        "en": "Order {no} waits for its prepayment: it is not invoiced in full or not paid (open prepayment "
              "invoices: {documents}). Nothing is shipped, received or invoiced before it is paid.",
        "nb": "Ordre {no} venter på forskuddet: det er ikke fakturert fullt ut eller ikke betalt (åpne "
              "forskuddsfakturaer: {documents}). Ingenting sendes, mottas eller faktureres før det er betalt.",
        "nl": "Order {no} wacht op de vooruitbetaling: die is niet volledig gefactureerd of niet betaald "
              "(openstaande vooruitbetalingsfacturen: {documents}). Er wordt niets verzonden, ontvangen of "
              "gefactureerd voordat die betaald is.",
    },
    "PREPMT-CANNOT-CANCEL": {
        "en": "{no} is a prepayment invoice of order {order_no}, or deducts its prepayment: it is not cancelled on "
              "its own. Post the order's prepayment credit memo instead.",
        "nb": "{no} er en forskuddsfaktura for ordre {order_no}, eller trekker fra forskuddet: den kan ikke "
              "tilbakeføres alene. Bokfør ordrens kreditnota for forskudd i stedet.",
        "nl": "{no} is een vooruitbetalingsfactuur van order {order_no}, of verrekent de vooruitbetaling: die "
              "wordt niet afzonderlijk geannuleerd. Boek in plaats daarvan de creditnota vooruitbetaling van de order.",
    },
})
