"""Problem texts (en / nb / nl) of item tracking: item tracking codes, tracking on purchase
lines, lot/serial reclassification, strict expiration (domain/inventory/tracking_codes.py,
reclassify.py, domain/purchasing/tracking.py, domain/sales/tracking.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "ITEM-TRACKING-CODE-TOO-LONG": {
        "en": "Item tracking code {code} is longer than {max} characters.",
        "nb": "Varesporingskoden {code} er lengre enn {max} tegn.",
        "nl": "Artikeltraceringscode {code} is langer dan {max} tekens.",
    },
    "ITEM-TRACKING-CODE-NOTHING-TRACKED": {
        "en": "Item tracking code {code} tracks nothing: give --serial yes or --lot yes.",
        "nb": "Varesporingskoden {code} sporer ingenting: oppgi --serial yes eller --lot yes.",
        "nl": "Artikeltraceringscode {code} traceert niets: geef --serial yes of --lot yes.",
    },
    "ITEM-UNKNOWN-TRACKING-CODE": {
        "en": "{field}: there is no item tracking code {code}.",
        "nb": "{field}: varesporingskoden {code} finnes ikke.",
        "nl": "{field}: artikeltraceringscode {code} bestaat niet.",
    },
    "IJ-TRACKING-REQUIRED": {
        "en": "{field}: item {item_no} has an item tracking code; give its {tracking} no.",
        "nb": "{field}: vare {item_no} har en varesporingskode; oppgi {tracking}nr.",
        "nl": "{field}: artikel {item_no} heeft een artikeltraceringscode; geef het {tracking}nr.",
    },
    "IJ-EXPIRATION-REQUIRED": {
        "en": "{field}: item {item_no} needs an expiration date on every lot/serial no. it receives.",
        "nb": "{field}: vare {item_no} krever utløpsdato på hvert parti-/serienr. som mottas.",
        "nl": "{field}: artikel {item_no} vereist een vervaldatum bij elk ontvangen lot-/serienr.",
    },
    "PURCH-TRACKING-ONE-NO": {
        "en": "Line {line_no}: each tracking entry names a serial_no or a lot_no.",
        "nb": "Linje {line_no}: hver sporingslinje har et serial_no eller et lot_no.",
        "nl": "Regel {line_no}: elke traceringsregel noemt een serial_no of een lot_no.",
    },
    "PURCH-TRACKING-QUANTITY-NOT-POSITIVE": {
        "en": "Line {line_no}: a tracking quantity must be more than 0, not {quantity}.",
        "nb": "Linje {line_no}: et sporingsantall må være større enn 0, ikke {quantity}.",
        "nl": "Regel {line_no}: een traceringsaantal moet groter zijn dan 0, niet {quantity}.",
    },
    "PURCH-SERIAL-QUANTITY-NOT-ONE": {
        "en": "Line {line_no}: serial no. {serial_no} is one unit; its quantity must be 1.",
        "nb": "Linje {line_no}: serienr. {serial_no} er én enhet; antallet må være 1.",
        "nl": "Regel {line_no}: serienr. {serial_no} is één eenheid; het aantal moet 1 zijn.",
    },
    "PURCH-SERIAL-TWICE": {
        "en": "Line {line_no}: serial no. {serial_no} is named twice.",
        "nb": "Linje {line_no}: serienr. {serial_no} er oppgitt to ganger.",
        "nl": "Regel {line_no}: serienr. {serial_no} wordt twee keer genoemd.",
    },
    "PURCH-TRACKING-QUANTITY-MISMATCH": {
        "en": "Line {line_no}: the tracking quantities add up to {tracked}, the line's quantity is {quantity}.",
        "nb": "Linje {line_no}: sporingsantallene blir {tracked}, linjens antall er {quantity}.",
        "nl": "Regel {line_no}: de traceringsaantallen tellen op tot {tracked}, het aantal van de regel is "
              "{quantity}.",
    },
    "PURCH-TRACKING-NOT-INVENTORY": {
        "en": "Line {line_no}: only a line of an inventory item takes tracking.",
        "nb": "Linje {line_no}: bare en linje med en lagervare kan ha sporing.",
        "nl": "Regel {line_no}: alleen een regel met een voorraadartikel kan tracering hebben.",
    },
    "PURCH-TRACKING-REQUIRED": {
        "en": "Line {line_no}: item {item_no} has an item tracking code; give its {tracking} no. for every "
              "unit (tracking).",
        "nb": "Linje {line_no}: vare {item_no} har en varesporingskode; oppgi {tracking}nr. for hver enhet "
              "(tracking).",
        "nl": "Regel {line_no}: artikel {item_no} heeft een artikeltraceringscode; geef het {tracking}nr. "
              "voor elke eenheid (tracking).",
    },
    "PURCH-EXPIRATION-REQUIRED": {
        "en": "Line {line_no}: item {item_no} needs an expiration date on every lot/serial no.",
        "nb": "Linje {line_no}: vare {item_no} krever utløpsdato på hvert parti-/serienr.",
        "nl": "Regel {line_no}: artikel {item_no} vereist een vervaldatum bij elk lot-/serienr.",
    },
    "PURCH-SERIAL-ON-HAND": {
        "en": "Line {line_no}: serial no. {serial_no} of item {item_no} is on hand already; it cannot be "
              "received again.",
        "nb": "Linje {line_no}: serienr. {serial_no} av vare {item_no} er allerede på lager; det kan ikke "
              "mottas igjen.",
        "nl": "Regel {line_no}: serienr. {serial_no} van artikel {item_no} is al op voorraad; het kan niet "
              "opnieuw worden ontvangen.",
    },
    "PURCH-TRACKING-NOT-ON-HAND": {
        "en": "Line {line_no}: serial/lot no. {tracking_no} of item {item_no} is not on hand at location "
              "{location}.",
        "nb": "Linje {line_no}: serie-/partinr. {tracking_no} av vare {item_no} er ikke på lager på lokasjon "
              "{location}.",
        "nl": "Regel {line_no}: serie-/lotnr. {tracking_no} van artikel {item_no} is niet op voorraad op "
              "locatie {location}.",
    },
    "RECLASS-ONE-NO": {
        "en": "Give the old and the new no. of one kind: --lot with --new-lot, or --serial with --new-serial.",
        "nb": "Oppgi gammelt og nytt nr. av samme slag: --lot med --new-lot, eller --serial med --new-serial.",
        "nl": "Geef het oude en het nieuwe nr. van één soort: --lot met --new-lot, of --serial met "
              "--new-serial.",
    },
    "RECLASS-NOTHING-CHANGES": {
        "en": "Nothing changes: give a new lot/serial no. or a new expiration date.",
        "nb": "Ingenting endres: oppgi nytt parti-/serienr. eller ny utløpsdato.",
        "nl": "Er verandert niets: geef een nieuw lot-/serienr. of een nieuwe vervaldatum.",
    },
    "RECLASS-NOT-ON-HAND": {
        "en": "Serial/lot no. {tracking_no} of item {item_no} at location {location}: {available} on hand, "
              "{requested} asked.",
        "nb": "Serie-/partinr. {tracking_no} av vare {item_no} på lokasjon {location}: {available} på lager, "
              "{requested} etterspurt.",
        "nl": "Serie-/lotnr. {tracking_no} van artikel {item_no} op locatie {location}: {available} op "
              "voorraad, {requested} gevraagd.",
    },
    "SALES-TRACKING-EXPIRED": {
        "en": "Line {line_no}: lot/serial no. {tracking_no} of item {item_no} expired on {expiration_date}, "
              "before the posting date {posting_date}.",
        "nb": "Linje {line_no}: parti-/serienr. {tracking_no} av vare {item_no} gikk ut {expiration_date}, "
              "før bokføringsdatoen {posting_date}.",
        "nl": "Regel {line_no}: lot-/serienr. {tracking_no} van artikel {item_no} verliep op {expiration_date}, "
              "vóór de boekingsdatum {posting_date}.",
    },
    "PURCH-TRACKING-EXPIRED": {
        "en": "Line {line_no}: lot/serial no. {tracking_no} of item {item_no} expired on {expiration_date}, "
              "before the posting date {posting_date}.",
        "nb": "Linje {line_no}: parti-/serienr. {tracking_no} av vare {item_no} gikk ut {expiration_date}, "
              "før bokføringsdatoen {posting_date}.",
        "nl": "Regel {line_no}: lot-/serienr. {tracking_no} van artikel {item_no} verliep op {expiration_date}, "
              "vóór de boekingsdatum {posting_date}.",
    },
    "SALES-LOT-QTY-NOT-ON-LINE": {
        "en": "Line {line_no}: the shipment cannot take {qty} of serial/lot no. {tracking_no}; the line has "
              "{left} of it left to ship.",
        "nb": "Linje {line_no}: forsendelsen kan ikke ta {qty} av serie-/partinr. {tracking_no}; linjen har "
              "{left} igjen å sende av det.",
        "nl": "Regel {line_no}: de verzending kan geen {qty} van serie-/lotnr. {tracking_no} nemen; de regel "
              "heeft er nog {left} van te verzenden.",
    },
    "SALES-TRACKING-ONE-NO": {
        "en": "Line {line_no}: each tracking entry names one serial no. or lot no.",
        "nb": "Linje {line_no}: hver sporingspost oppgir ett serienr. eller partinr.",
        "nl": "Regel {line_no}: elke traceringsregel noemt één serienr. of lotnr.",
    },
    "SALES-TRACKING-QUANTITY-NOT-POSITIVE": {
        "en": "Line {line_no}: a tracking quantity must be more than 0, not {quantity}.",
        "nb": "Linje {line_no}: et sporingsantall må være større enn 0, ikke {quantity}.",
        "nl": "Regel {line_no}: een traceringsaantal moet groter zijn dan 0, niet {quantity}.",
    },
    "SALES-SERIAL-TWICE": {
        "en": "Line {line_no}: serial no. {serial_no} is named twice.",
        "nb": "Linje {line_no}: serienr. {serial_no} er oppgitt to ganger.",
        "nl": "Regel {line_no}: serienr. {serial_no} wordt twee keer genoemd.",
    },
    "PURCH-LOT-TWICE": {
        "en": "Line {line_no}: lot no. {lot_no} is named twice; give it once with its whole quantity.",
        "nb": "Linje {line_no}: partinr. {lot_no} er oppgitt to ganger; oppgi det én gang med hele antallet.",
        "nl": "Regel {line_no}: lotnr. {lot_no} wordt twee keer genoemd; geef het één keer met het hele aantal.",
    },
    "SALES-LOT-TWICE": {
        "en": "Line {line_no}: lot no. {lot_no} is named twice; give it once with its whole quantity.",
        "nb": "Linje {line_no}: partinr. {lot_no} er oppgitt to ganger; oppgi det én gang med hele antallet.",
        "nl": "Regel {line_no}: lotnr. {lot_no} wordt twee keer genoemd; geef het één keer met het hele aantal.",
    },
    "SALES-TRACKING-BELOW-SHIPPED": {
        "en": "Line {line_no}: {shipped} of serial/lot no. {tracking_no} has shipped; the line's tracking "
              "must keep at least that.",
        "nb": "Linje {line_no}: {shipped} av serie-/partinr. {tracking_no} er sendt; linjens sporing må "
              "beholde minst det.",
        "nl": "Regel {line_no}: {shipped} van serie-/lotnr. {tracking_no} is verzonden; de tracering van de "
              "regel moet minstens dat houden.",
    },
    "SALES-ASSIGN-LOTS-SHORT": {
        "en": "Line {line_no}: item {item_no} has {available} in lots (serial nos.) that have not expired at "
              "location {location}; the line needs {quantity}.",
        "nb": "Linje {line_no}: vare {item_no} har {available} i partier (serienr.) som ikke er utløpt på "
              "lokasjon {location}; linjen trenger {quantity}.",
        "nl": "Regel {line_no}: artikel {item_no} heeft {available} in niet-verlopen lots (serienrs.) op "
              "locatie {location}; de regel heeft {quantity} nodig.",
    },
    "SALES-TRACKING-CLI-NOTHING": {
        "en": "Give --lot L --qty Q (repeatable), --serial S (repeatable), or --clear alone.",
        "nb": "Oppgi --lot L --qty Q (kan gjentas), --serial S (kan gjentas), eller bare --clear.",
        "nl": "Geef --lot L --qty Q (herhaalbaar), --serial S (herhaalbaar), of alleen --clear.",
    },
    "SALES-TRACKING-CLI-QTY-PER-LOT": {
        "en": "Give one --qty per --lot ({lots} lots, {quantities} quantities), and at most one "
              "--expiration-date per --lot.",
        "nb": "Oppgi én --qty per --lot ({lots} partier, {quantities} antall), og høyst én "
              "--expiration-date per --lot.",
        "nl": "Geef één --qty per --lot ({lots} lots, {quantities} aantallen), en hoogstens één "
              "--expiration-date per --lot.",
    },
})
