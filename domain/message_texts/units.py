"""Problem texts (en / nb / nl) of item units of measure, variants on document lines and
nonstock (catalog) items (domain/inventory/units.py, nonstock.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "ITEM-UNIT-UNKNOWN": {
        "en": "Item {item_no} has no unit of measure {unit} (its units: {units}); add it with item unit add.",
        "nb": "Vare {item_no} har ingen enhet {unit} (enhetene: {units}); legg den til med item unit add.",
        "nl": "Artikel {item_no} heeft geen eenheid {unit} (de eenheden: {units}); voeg die toe met item unit add.",
    },
    "ITEM-UNIT-BASE-ONLY": {
        "en": "A line with item tracking, a drop shipment, a special order or assembly to order is in the base unit {base} "
              "(not {unit}) on orders, quotes and return orders; give its quantity in {base}.",
        "nb": "En linje med varesporing, direktelevering, spesialordre eller montering til ordre står i basisenheten {base} "
              "(ikke {unit}) på ordrer, tilbud og returordrer; oppgi antallet i {base}.",
        "nl": "Een regel met artikeltracering, een dropshipment, een speciale order of assemblage op order staat in de basiseenheid "
              "{base} (niet {unit}) op orders, offertes en retourorders; geef het aantal in {base}.",
    },
    "ITEM-UNIT-QTY-ROUNDING": {
        "en": "{quantity} {unit} is {base_quantity} {base_unit}, which the base unit's rounding precision "
              "{precision} does not allow; give a quantity that makes whole steps of {precision} {base_unit}.",
        "nb": "{quantity} {unit} er {base_quantity} {base_unit}, som basisenhetens avrundingspresisjon "
              "{precision} ikke tillater; oppgi et antall som gir hele steg på {precision} {base_unit}.",
        "nl": "{quantity} {unit} is {base_quantity} {base_unit}, wat de afrondingsprecisie {precision} van de "
              "basiseenheid niet toestaat; geef een aantal dat hele stappen van {precision} {base_unit} geeft.",
    },
    "ITEM-UNIT-ROUNDING-NEGATIVE": {
        "en": "A rounding precision cannot be negative (it is {value}); 0 means none.",
        "nb": "En avrundingspresisjon kan ikke være negativ (den er {value}); 0 betyr ingen.",
        "nl": "Een afrondingsprecisie kan niet negatief zijn (het is {value}); 0 betekent geen.",
    },
    "ITEM-UNIT-QTY-NOT-POSITIVE": {
        "en": "The quantity per base unit must be more than 0 (it is {value}).",
        "nb": "Antall per basisenhet må være over 0 (det er {value}).",
        "nl": "Het aantal per basiseenheid moet groter zijn dan 0 (het is {value}).",
    },
    "ITEM-BASE-UNIT-QTY-NOT-ONE": {
        "en": "The base unit of measure {unit} must hold exactly 1 base unit.",
        "nb": "Basisenheten {unit} må tilsvare nøyaktig 1 basisenhet.",
        "nl": "De basiseenheid {unit} moet precies 1 basiseenheid bevatten.",
    },
    "ITEM-UNIT-EXISTS": {
        "en": "Item {item_no} already has a unit of measure {unit} (a unit is never changed once added).",
        "nb": "Vare {item_no} har allerede enheten {unit} (en enhet endres aldri etter at den er lagt til).",
        "nl": "Artikel {item_no} heeft al een eenheid {unit} (een eenheid wordt na toevoegen nooit gewijzigd).",
    },
    "ITEM-BASE-UNIT-IN-USE": {
        "en": "Item {item_no} has item ledger entries in base unit {unit}: its base unit cannot change.",
        "nb": "Vare {item_no} har vareposter i basisenheten {unit}: basisenheten kan ikke endres.",
        "nl": "Artikel {item_no} heeft artikelposten in basiseenheid {unit}: de basiseenheid kan niet wijzigen.",
    },
    "ITEM-VARIANT-OF-OTHER-ITEM": {
        "en": "Variant {variant} belongs to item {owner}, not to item {item_no}.",
        "nb": "Variant {variant} hører til vare {owner}, ikke til vare {item_no}.",
        "nl": "Variant {variant} hoort bij artikel {owner}, niet bij artikel {item_no}.",
    },
    "ITEM-VARIANT-UNKNOWN": {
        "en": "Item {item_no} has no variant {variant}; add it with item variant add.",
        "nb": "Vare {item_no} har ingen variant {variant}; legg den til med item variant add.",
        "nl": "Artikel {item_no} heeft geen variant {variant}; voeg die toe met item variant add.",
    },
    "ITEM-VARIANT-NOT-ITEM": {
        "en": "Variant {variant} is given on a line that is not an item line.",
        "nb": "Variant {variant} er oppgitt på en linje som ikke er en varelinje.",
        "nl": "Variant {variant} staat op een regel die geen artikelregel is.",
    },
    "ITEM-NONSTOCK-EXISTS": {
        "en": "Vendor {vendor_no} already has a nonstock item {vendor_item_no}.",
        "nb": "Leverandør {vendor_no} har allerede katalogvaren {vendor_item_no}.",
        "nl": "Leverancier {vendor_no} heeft al een catalogusartikel {vendor_item_no}.",
    },
    "ITEM-NONSTOCK-UNKNOWN": {
        "en": "There is no nonstock item {entry_no}.",
        "nb": "Katalogvare {entry_no} finnes ikke.",
        "nl": "Catalogusartikel {entry_no} bestaat niet.",
    },
})
