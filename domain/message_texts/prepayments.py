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


MESSAGES.update({
    "PURCH-LINE-PREPAID": {
        "en": "{field}: line {line_no} of purchase order {no} has a prepayment of {invoiced} invoiced: the line "
              "stays, with its type, no., VAT and general product posting groups and prepayment %. Post the "
              "order's prepayment credit memo first.",
        "nb": "{field}: linje {line_no} i innkjøpsordre {no} har fakturert forskudd {invoiced}: linjen blir "
              "stående, med type, nr., mva- og varebokføringsgruppe og forskuddsprosent. Bokfør ordrens "
              "kreditnota for forskudd først.",
        "nl": "{field}: regel {line_no} van inkooporder {no} heeft een gefactureerde vooruitbetaling van "
              "{invoiced}: de regel blijft, met soort, nr., btw- en productboekingsgroep en "
              "vooruitbetalingspercentage. Boek eerst de creditnota vooruitbetaling van de order.",
    },
    "SALES-LINE-PREPAID": {
        "en": "{field}: line {line_no} of sales order {no} has a prepayment of {invoiced} invoiced: the line "
              "stays, with its type, no., VAT and general product posting groups and prepayment %. Post the "
              "order's prepayment credit memo first.",
        "nb": "{field}: linje {line_no} i salgsordre {no} har fakturert forskudd {invoiced}: linjen blir "
              "stående, med type, nr., mva- og varebokføringsgruppe og forskuddsprosent. Bokfør ordrens "
              "kreditnota for forskudd først.",
        "nl": "{field}: regel {line_no} van verkooporder {no} heeft een gefactureerde vooruitbetaling van "
              "{invoiced}: de regel blijft, met soort, nr., btw- en productboekingsgroep en "
              "vooruitbetalingspercentage. Boek eerst de creditnota vooruitbetaling van de order.",
    },
    "PURCH-LINE-BELOW-PREPAID": {
        "en": "{field}: the prepayment of line {line_no} of purchase order {no} would be {prepayment}, less than "
              "the {invoiced} already invoiced as prepayment.",
        "nb": "{field}: forskuddet på linje {line_no} i innkjøpsordre {no} ville blitt {prepayment}, mindre enn "
              "de {invoiced} som alt er fakturert som forskudd.",
        "nl": "{field}: de vooruitbetaling van regel {line_no} van inkooporder {no} zou {prepayment} worden, "
              "minder dan de {invoiced} die al als vooruitbetaling is gefactureerd.",
    },
    "SALES-LINE-BELOW-PREPAID": {
        "en": "{field}: the prepayment of line {line_no} of sales order {no} would be {prepayment}, less than "
              "the {invoiced} already invoiced as prepayment.",
        "nb": "{field}: forskuddet på linje {line_no} i salgsordre {no} ville blitt {prepayment}, mindre enn "
              "de {invoiced} som alt er fakturert som forskudd.",
        "nl": "{field}: de vooruitbetaling van regel {line_no} van verkooporder {no} zou {prepayment} worden, "
              "minder dan de {invoiced} die al als vooruitbetaling is gefactureerd.",
    },
    "PURCH-ORDER-PREPAID": {
        "en": "{field}: purchase order {no} has a prepayment invoiced: its vendor and prices including VAT stay. "
              "Post the order's prepayment credit memo first.",
        "nb": "{field}: innkjøpsordre {no} har fakturert forskudd: leverandør og priser inkl. mva. står fast. "
              "Bokfør ordrens kreditnota for forskudd først.",
        "nl": "{field}: inkooporder {no} heeft een gefactureerde vooruitbetaling: leverancier en prijzen "
              "inclusief btw blijven. Boek eerst de creditnota vooruitbetaling van de order.",
    },
})
