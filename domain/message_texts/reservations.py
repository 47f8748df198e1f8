"""Problem texts (en / nb / nl) of reservations (domain/sales/reservations.py, order_reservations.py,
reservation_supply.py, domain/inventory/reservations.py); the SALES-RESERVE-* quantity and supply codes
serve the transfer and assembly order lines' reservations too."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "INV-QUANTITY-RESERVED": {
        "en": "Item {item_no} at {location}: {requested} wanted, but only {available} is available; "
              "{reserved} is reserved for other lines.",
        "nb": "Vare {item_no} på {location}: {requested} ønsket, men bare {available} er tilgjengelig; "
              "{reserved} er reservert for andre linjer.",
        "nl": "Artikel {item_no} op {location}: {requested} gevraagd, maar slechts {available} is beschikbaar; "
              "{reserved} is gereserveerd voor andere regels.",
    },
    "SALES-RESERVE-BAD-FROM": {
        "en": "--from wants stock, purchase-order PO-…:LINE, transfer-order TO-…:LINE or assembly-order AO-…, "
              "not {value!r}.",
        "nb": "--from vil ha stock, purchase-order PO-…:LINJE, transfer-order TO-…:LINJE eller assembly-order "
              "AO-…, ikke {value!r}.",
        "nl": "--from verwacht stock, purchase-order PO-…:REGEL, transfer-order TO-…:REGEL of assembly-order "
              "AO-…, niet {value!r}.",
    },
    "SALES-RESERVE-UNKNOWN-LINE": {
        "en": "{no} has no line {line_no}.",
        "nb": "{no} har ingen linje {line_no}.",
        "nl": "{no} heeft geen regel {line_no}.",
    },
    "SALES-RESERVE-NOT-OPEN-ORDER": {
        "en": "{no} line {line_no}: only lines of an open sales order can be reserved for (status {status}).",
        "nb": "{no} linje {line_no}: bare linjer i en åpen salgsordre kan reserveres for (status {status}).",
        "nl": "{no} regel {line_no}: alleen regels van een open verkooporder kunnen reserveren (status {status}).",
    },
    "SALES-RESERVE-NOT-INVENTORY": {
        "en": "{no} line {line_no}: only an inventory item can be reserved.",
        "nb": "{no} linje {line_no}: bare en lagervare kan reserveres.",
        "nl": "{no} regel {line_no}: alleen een voorraadartikel kan worden gereserveerd.",
    },
    "SALES-RESERVE-DROP-SHIPMENT": {
        "en": "{no} line {line_no} is a drop shipment or special order: its purchase order line supplies it, "
              "nothing is reserved from stock.",
        "nb": "{no} linje {line_no} er en direktelevering eller spesialordre: innkjøpsordrelinjen forsyner den, "
              "ingenting reserveres fra lager.",
        "nl": "{no} regel {line_no} is een directe levering of speciale order: de inkooporderregel levert, "
              "er wordt niets uit voorraad gereserveerd.",
    },
    "SALES-RESERVE-LINE-SHIPPED": {
        "en": "{no} line {line_no} is shipped in full: nothing is left to reserve for.",
        "nb": "{no} linje {line_no} er sendt i sin helhet: ingenting igjen å reservere for.",
        "nl": "{no} regel {line_no} is volledig verzonden: er is niets meer te reserveren.",
    },
    "SALES-RESERVE-QUANTITY-NOT-POSITIVE": {
        "en": "The quantity to reserve must be more than 0, not {qty}.",
        "nb": "Antallet som skal reserveres må være større enn 0, ikke {qty}.",
        "nl": "De te reserveren hoeveelheid moet groter zijn dan 0, niet {qty}.",
    },
    "SALES-RESERVE-TRACKING-MISMATCH": {
        "en": "Line {line_no} sells {field} {line_value}; {value} cannot be reserved for it.",
        "nb": "Linje {line_no} selger {field} {line_value}; {value} kan ikke reserveres for den.",
        "nl": "Regel {line_no} verkoopt {field} {line_value}; {value} kan er niet voor worden gereserveerd.",
    },
    "SALES-RESERVE-MORE-THAN-OUTSTANDING": {
        "en": "Line {line_no}: {requested} to reserve, but only {unreserved} of the line is neither shipped "
              "nor reserved.",
        "nb": "Linje {line_no}: {requested} skal reserveres, men bare {unreserved} av linjen er verken sendt "
              "eller reservert.",
        "nl": "Regel {line_no}: {requested} te reserveren, maar slechts {unreserved} van de regel is niet "
              "verzonden en niet gereserveerd.",
    },
    "SALES-RESERVE-ALREADY-RESERVED": {
        "en": "All of {no} line {line_no} that is not shipped is reserved already.",
        "nb": "Alt som ikke er sendt av {no} linje {line_no} er allerede reservert.",
        "nl": "Alles van {no} regel {line_no} dat niet verzonden is, is al gereserveerd.",
    },
    "SALES-RESERVE-NOT-AVAILABLE": {
        "en": "Item {item_no} at {location}: {requested} to reserve, but only {available} is on hand or on order "
              "and not reserved.",
        "nb": "Vare {item_no} på {location}: {requested} skal reserveres, men bare {available} er på lager eller "
              "i bestilling og ikke reservert.",
        "nl": "Artikel {item_no} op {location}: {requested} te reserveren, maar slechts {available} is op "
              "voorraad of in bestelling en niet gereserveerd.",
    },
    "SALES-RESERVE-PURCHASE-LINE-NOT-FOUND": {
        "en": "There is no purchase order line {purchase_order_no}:{line_no}.",
        "nb": "Innkjøpsordrelinje {purchase_order_no}:{line_no} finnes ikke.",
        "nl": "Inkooporderregel {purchase_order_no}:{line_no} bestaat niet.",
    },
    "SALES-RESERVE-PURCHASE-LINE-MISMATCH": {
        "en": "Purchase order line {purchase_order_no}:{line_no} is not open inbound supply of item {item_no} "
              "to {location}.",
        "nb": "Innkjøpsordrelinje {purchase_order_no}:{line_no} er ikke åpen inngående forsyning av vare "
              "{item_no} til {location}.",
        "nl": "Inkooporderregel {purchase_order_no}:{line_no} is geen open inkomende levering van artikel "
              "{item_no} naar {location}.",
    },
    "SALES-RESERVE-TRANSFER-LINE-NOT-FOUND": {
        "en": "Transfer order line {transfer_order_no}:{line_no} is not open inbound supply of item {item_no} "
              "to {location}.",
        "nb": "Overføringsordrelinje {transfer_order_no}:{line_no} er ikke åpen inngående forsyning av vare "
              "{item_no} til {location}.",
        "nl": "Transferorderregel {transfer_order_no}:{line_no} is geen open inkomende levering van artikel "
              "{item_no} naar {location}.",
    },
    "SALES-UNRESERVE-NOTHING-RESERVED": {
        "en": "Nothing is reserved for {no} line {line_no}.",
        "nb": "Ingenting er reservert for {no} linje {line_no}.",
        "nl": "Er is niets gereserveerd voor {no} regel {line_no}.",
    },
    "SALES-UNRESERVE-MORE-THAN-RESERVED": {
        "en": "Line {line_no}: {requested} to cancel, but {reserved} is reserved.",
        "nb": "Linje {line_no}: {requested} skal oppheves, men {reserved} er reservert.",
        "nl": "Regel {line_no}: {requested} te annuleren, maar {reserved} is gereserveerd.",
    },
    "SALES-RESERVE-ASSEMBLY-ORDER-NOT-FOUND": {
        "en": "There is no assembly order {assembly_order_no}.",
        "nb": "Monteringsordre {assembly_order_no} finnes ikke.",
        "nl": "Assemblageorder {assembly_order_no} bestaat niet.",
    },
    "SALES-RESERVE-ASSEMBLY-ORDER-MISMATCH": {
        "en": "Assembly order {assembly_order_no} is not open supply of item {item_no} at {location}.",
        "nb": "Monteringsordre {assembly_order_no} er ikke åpen forsyning av vare {item_no} på {location}.",
        "nl": "Assemblageorder {assembly_order_no} is geen open levering van artikel {item_no} op {location}.",
    },
    "TRANSFER-RESERVE-LINE-SHIPPED": {
        "en": "{no} line {line_no} is shipped in full: nothing is left to reserve for.",
        "nb": "{no} linje {line_no} er sendt i sin helhet: ingenting igjen å reservere for.",
        "nl": "{no} regel {line_no} is volledig verzonden: er is niets meer te reserveren.",
    },
    "ASM-RESERVE-LINE-CONSUMED": {
        "en": "{no} (line {line_no}) is assembled or its components are consumed: nothing is left to reserve for.",
        "nb": "{no} (linje {line_no}) er montert eller komponentene er forbrukt: ingenting igjen å reservere for.",
        "nl": "{no} (regel {line_no}) is geassembleerd of de componenten zijn verbruikt: er is niets meer te "
              "reserveren.",
    },
    "ASM-RESERVE-NOT-ITEM": {
        "en": "{no} line {line_no} is a resource: only item components can be reserved.",
        "nb": "{no} linje {line_no} er en ressurs: bare varekomponenter kan reserveres.",
        "nl": "{no} regel {line_no} is een resource: alleen artikelcomponenten kunnen worden gereserveerd.",
    },
    "ASM-RESERVE-QTY-NEEDS-LINE": {
        "en": "{no}: --qty needs --line (without it every component line is reserved in full).",
        "nb": "{no}: --qty krever --line (uten den reserveres hver komponentlinje i sin helhet).",
        "nl": "{no}: --qty vereist --line (zonder wordt elke componentregel volledig gereserveerd).",
    },
})
