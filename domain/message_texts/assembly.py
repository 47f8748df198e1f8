"""Problem texts (en / nb / nl) of assembly BOMs and assembly orders (domain/inventory:
assembly, assembly_bom, assembly_rules)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "ASM-COMPONENT-NOT-INVENTORY": {
        "en": "{field}: item {item_no} is not an inventory item and cannot be an assembly component.",
        "nb": "{field}: vare {item_no} er ikke en lagervare og kan ikke være en monteringskomponent.",
        "nl": "{field}: artikel {item_no} is geen voorraadartikel en kan geen assemblagecomponent zijn.",
    },
    "ASM-QUANTITY-PER-NOT-POSITIVE": {
        "en": "{field}: the quantity per must be greater than 0, not {value}.",
        "nb": "{field}: antall per må være større enn 0, ikke {value}.",
        "nl": "{field}: het aantal per moet groter zijn dan 0, niet {value}.",
    },
    "ASM-BOM-CYCLE": {
        "en": "{field}: component {component} is {item_no} or contains it in its own assembly BOM "
              "(a BOM cannot contain itself).",
        "nb": "{field}: komponent {component} er {item_no} eller inneholder den i sin egen "
              "monteringsstykkliste (en stykkliste kan ikke inneholde seg selv).",
        "nl": "{field}: component {component} is {item_no} of bevat die in de eigen assemblagestuklijst "
              "(een stuklijst kan zichzelf niet bevatten).",
    },
    "ASM-BOM-COMPONENT-NOT-FOUND": {
        "en": "Item {item_no} has no component {component} in its assembly BOM.",
        "nb": "Vare {item_no} har ingen komponent {component} i monteringsstykklisten.",
        "nl": "Artikel {item_no} heeft geen component {component} in de assemblagestuklijst.",
    },
    "ASM-NO-BOM": {
        "en": "{field}: item {item_no} has no assembly BOM; add its components first.",
        "nb": "{field}: vare {item_no} har ingen monteringsstykkliste; legg til komponentene først.",
        "nl": "{field}: artikel {item_no} heeft geen assemblagestuklijst; voeg eerst de componenten toe.",
    },
    "ASM-ORDER-NOT-FOUND": {
        "en": "There is no assembly order {no}.",
        "nb": "Monteringsordren {no} finnes ikke.",
        "nl": "Assemblageorder {no} bestaat niet.",
    },
    "ASM-COMPONENT-SHORT": {
        "en": "{field}: component {item_no} is short at {location}: {needed} needed, {available} available.",
        "nb": "{field}: komponent {item_no} mangler på {location}: {needed} trengs, {available} tilgjengelig.",
        "nl": "{field}: component {item_no} is tekort op {location}: {needed} nodig, {available} beschikbaar.",
    },
    "ASM-NOTHING-TO-POST": {
        "en": "{field}: all {quantity} of the order are assembled already.",
        "nb": "{field}: alle {quantity} på ordren er allerede montert.",
        "nl": "{field}: alle {quantity} van de order zijn al geassembleerd.",
    },
    "ASM-MORE-THAN-REMAINING": {
        "en": "{field}: {quantity} is more than the {remaining} that remain to assemble.",
        "nb": "{field}: {quantity} er mer enn de {remaining} som gjenstår å montere.",
        "nl": "{field}: {quantity} is meer dan de {remaining} die nog te assembleren zijn.",
    },
    "ASM-TRACKING-NOT-A-LIST": {
        "en": "{field}: give the output's tracking as a list of (lot_no or serial_no, quantity).",
        "nb": "{field}: oppgi sporingen for ferdigvaren som en liste med (lot_no eller serial_no, quantity).",
        "nl": "{field}: geef de tracering van de output als een lijst van (lot_no of serial_no, quantity).",
    },
    "ASM-TRACKING-ONE-NO": {
        "en": "{field}: give either a lot no. or a serial no.",
        "nb": "{field}: oppgi enten et lotnummer eller et serienummer.",
        "nl": "{field}: geef een lotnummer of een serienummer.",
    },
    "ASM-TRACKING-DUPLICATE-SERIAL": {
        "en": "{field}: a serial no. is named more than once.",
        "nb": "{field}: et serienummer er oppgitt mer enn én gang.",
        "nl": "{field}: een serienummer komt meer dan eens voor.",
    },
    "ASM-TRACKING-QUANTITY": {
        "en": "{field}: the tracking adds up to {tracked}, the order's quantity is {quantity}.",
        "nb": "{field}: sporingen summerer til {tracked}, ordrens antall er {quantity}.",
        "nl": "{field}: de tracering telt op tot {tracked}, het aantal van de order is {quantity}.",
    },
    "ASM-GIVE-COMPONENT-OR-RESOURCE": {
        "en": "{field}: give either --component (an item) or --resource, one of them.",
        "nb": "{field}: oppgi enten --component (en vare) eller --resource, én av dem.",
        "nl": "{field}: geef --component (een artikel) of --resource, een van beide.",
    },
    "ASM-UNKNOWN-RESOURCE": {
        "en": "{field}: there is no resource {resource}.",
        "nb": "{field}: ressursen {resource} finnes ikke.",
        "nl": "{field}: resource {resource} bestaat niet.",
    },
    "ASM-RESOURCE-NO-EMPTY": {
        "en": "{field}: a resource needs a no.",
        "nb": "{field}: en ressurs må ha et nummer.",
        "nl": "{field}: een resource heeft een nummer nodig.",
    },
    "ASM-ORDER-ASSEMBLE-TO-ORDER": {
        "en": "{field}: assembly order {no} assembles to order for sales order {sales_order_no} line {line_no}; "
              "it is posted by shipping that line.",
        "nb": "{field}: monteringsordre {no} monterer til ordre for salgsordre {sales_order_no} linje {line_no}; "
              "den bokføres ved å sende den linjen.",
        "nl": "{field}: assemblageorder {no} assembleert op order voor verkooporder {sales_order_no} regel "
              "{line_no}; hij wordt geboekt door die regel te verzenden.",
    },
    "ASM-ORDER-LINKED-TO-SALES-LINE": {
        "en": "{field}: assembly order {no} belongs to sales order {sales_order_no} line {line_no}; change the "
              "sales line instead (its quantity to assemble to order, location or date).",
        "nb": "{field}: monteringsordre {no} hører til salgsordre {sales_order_no} linje {line_no}; endre "
              "salgslinjen i stedet (antall å montere til ordre, lokasjon eller dato).",
        "nl": "{field}: assemblageorder {no} hoort bij verkooporder {sales_order_no} regel {line_no}; wijzig "
              "in plaats daarvan de verkoopregel (aantal op order te assembleren, locatie of datum).",
    },
    "ASM-QUANTITY-BELOW-ASSEMBLED": {
        "en": "{field}: {quantity} is less than the {assembled} already assembled.",
        "nb": "{field}: {quantity} er mindre enn de {assembled} som alt er montert.",
        "nl": "{field}: {quantity} is minder dan de {assembled} die al geassembleerd zijn.",
    },
    "ASM-ORDER-PARTLY-ASSEMBLED": {
        "en": "{field}: assembly order {no} has assembled {assembled} already; its location stays.",
        "nb": "{field}: monteringsordre {no} har alt montert {assembled}; lokasjonen kan ikke endres.",
        "nl": "{field}: assemblageorder {no} heeft al {assembled} geassembleerd; de locatie blijft.",
    },
    "SALES-ATO-NOT-ALLOWED": {
        "en": "{field}: line {line_no} cannot assemble to order: only an item line of a sales order that is "
              "neither a drop shipment nor a special order can.",
        "nb": "{field}: linje {line_no} kan ikke monteres til ordre: bare en varelinje på en salgsordre som "
              "verken er direktelevering eller spesialordre kan det.",
        "nl": "{field}: regel {line_no} kan niet op order geassembleerd worden: alleen een artikelregel van een "
              "verkooporder die geen dropshipment of speciale order is.",
    },
    "SALES-ATO-TRACKED-ITEM": {
        "en": "Item {item_no} is tracked (item tracking code {tracking_code}): assembling it to order is not "
              "supported yet; assemble it to stock with an assembly order and sell its lot or serial no.",
        "nb": "Vare {item_no} spores (varesporingskode {tracking_code}): montering til ordre støttes ikke ennå; "
              "monter den til lager med en monteringsordre og selg lot- eller serienummeret.",
        "nl": "Artikel {item_no} wordt getraceerd (traceringscode {tracking_code}): assembleren op order wordt nog "
              "niet ondersteund; assembleer het op voorraad met een assemblageorder en verkoop het lot- of serienummer.",
    },
    "SALES-ATO-NOT-ASSEMBLY-ITEM": {
        "en": "{field}: item {item_no} has no assembly BOM, so it cannot be assembled to order.",
        "nb": "{field}: vare {item_no} har ingen monteringsstykkliste og kan ikke monteres til ordre.",
        "nl": "{field}: artikel {item_no} heeft geen assemblagestuklijst en kan niet op order geassembleerd "
              "worden.",
    },
    "SALES-ATO-MORE-THAN-QUANTITY": {
        "en": "{field}: {qty_to_assemble_to_order} to assemble to order must be between 0 and the line's "
              "quantity {quantity}.",
        "nb": "{field}: {qty_to_assemble_to_order} å montere til ordre må være mellom 0 og linjens antall "
              "{quantity}.",
        "nl": "{field}: {qty_to_assemble_to_order} op order te assembleren moet tussen 0 en het aantal van de "
              "regel {quantity} liggen.",
    },
    "SALES-ATO-BELOW-ASSEMBLED": {
        "en": "{field}: assembly order {assembly_order_no} has assembled {assembled} for the line already; "
              "the quantity to assemble to order cannot become {quantity}.",
        "nb": "{field}: monteringsordre {assembly_order_no} har alt montert {assembled} for linjen; antall å "
              "montere til ordre kan ikke bli {quantity}.",
        "nl": "{field}: assemblageorder {assembly_order_no} heeft al {assembled} voor de regel geassembleerd; "
              "het aantal op order te assembleren kan geen {quantity} worden.",
    },
})
