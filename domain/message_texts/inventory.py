"""Problem texts (en / nb / nl) of inventory: item journal, item application, inventory
periods, cost adjustment and revaluation."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# item journal (domain/inventory/journal.py, ledgerflow item-journal post)
MESSAGES.update({
    "TRACE-GIVE-LOT-OR-SERIAL": {
        "en": "Give --lot or --serial (one of them) to trace.",
        "nb": "Oppgi --lot eller --serial (én av dem) for sporing.",
        "nl": "Geef --lot of --serial op (één van beide) om te traceren.",
    },
    "TRACE-NOT-FOUND": {
        "en": "No item ledger entry has {kind} {value}.",
        "nb": "Ingen varepost har {kind} {value}.",
        "nl": "Geen artikelpost heeft {kind} {value}.",
    },
    "TRACE-TOO-LARGE": {
        "en": "The trace reached more than {limit} entries; trace a narrower lot or serial no.",
        "nb": "Sporingen nådde mer enn {limit} poster; spor et smalere parti- eller serienummer.",
        "nl": "De tracering bereikte meer dan {limit} posten; traceer een kleiner lot- of serienummer.",
    },
    "IJ-EMPTY-JOURNAL": {
        "en": "The item journal has no rows.",
        "nb": "Varekladden har ingen linjer.",
        "nl": "Het artikeldagboek heeft geen regels.",
    },
    "IJ-MISSING-COLUMN": {
        "en": "The item journal file lacks the column(s) {columns}.",
        "nb": "Varekladdfilen mangler kolonnen(e) {columns}.",
        "nl": "Het artikeldagboekbestand mist de kolom(men) {columns}.",
    },
    "IJ-UNKNOWN-ITEM": {
        "en": "{field}: there is no item {item_no}.",
        "nb": "{field}: vare {item_no} finnes ikke.",
        "nl": "{field}: artikel {item_no} bestaat niet.",
    },
    "IJ-ITEM-BLOCKED": {
        "en": "{field}: item {item_no} is blocked.",
        "nb": "{field}: vare {item_no} er sperret.",
        "nl": "{field}: artikel {item_no} is geblokkeerd.",
    },
    "IJ-ITEM-NOT-INVENTORY": {
        "en": "{field}: item {item_no} is not an inventory item and has no stock to adjust.",
        "nb": "{field}: vare {item_no} er ikke en lagervare og har ingen beholdning å justere.",
        "nl": "{field}: artikel {item_no} is geen voorraadartikel en heeft geen voorraad om te corrigeren.",
    },
    "IJ-QUANTITY-NOT-POSITIVE": {
        "en": "{field}: the quantity must be more than 0, not {value}.",
        "nb": "{field}: antallet må være større enn 0, ikke {value}.",
        "nl": "{field}: het aantal moet groter zijn dan 0, niet {value}.",
    },
    "IJ-NEGATIVE-AMOUNT": {
        "en": "{field} cannot be negative ({value}).",
        "nb": "{field} kan ikke være negativ ({value}).",
        "nl": "{field} kan niet negatief zijn ({value}).",
    },
})

# item application and inventory periods (domain/ledger/writer.py, domain/costing/periods.py)
MESSAGES.update({
    "INV-CONCURRENT-APPLICATION": {
        "en": "Item ledger entry {entry_no} was used by another posting at the same time; post again.",
        "nb": "Varepost {entry_no} ble brukt av en annen bokføring samtidig; bokfør på nytt.",
        "nl": "Artikelpost {entry_no} werd tegelijk door een andere boeking gebruikt; boek opnieuw.",
    },
    "INV-PERIOD-ALREADY-CLOSED": {
        "en": "Inventory is already closed up to {closed_through}: choose a later inventory period end.",
        "nb": "Lageret er allerede lukket til og med {closed_through}: velg en senere slutt på lagerperioden.",
        "nl": "De voorraad is al afgesloten tot en met {closed_through}: kies een later einde van de "
              "voorraadperiode.",
    },
})

# cost adjustment (domain/costing/rules/)
MESSAGES.update({
    "COST-ADJUSTMENT-FAILED": {
        "en": "Item cost could not be adjusted.",
        "nb": "Varekost kunne ikke justeres.",
        "nl": "De kostprijs kon niet worden aangepast.",
    },
    "COST-APPLICATION-INCONSISTENT": {
        "en": "Item cost cannot be adjusted: entry {entry_no} is applied to entry {inbound}, which does not exist.",
        "nb": "Varekost kan ikke justeres: post {entry_no} er utlignet mot post {inbound}, som ikke finnes.",
        "nl": "Kostprijs kan niet worden aangepast: post {entry_no} is vereffend met post {inbound}, "
              "die niet bestaat.",
    },
    "COST-AVERAGE-NEEDS-HISTORY": {
        "en": "The average cost needs a period before the adjustment window: adjust the whole history.",
        "nb": "Gjennomsnittskosten trenger en periode før justeringsvinduet: juster hele historikken.",
        "nl": "De gemiddelde kostprijs heeft een periode vóór het aanpassingsvenster nodig: pas de hele "
              "historie aan.",
    },
    "COST-OPENING-AVERAGE-ONLY": {
        "en": "An opening state applies to items with costing method Average only, not {method}.",
        "nb": "En åpningsstatus gjelder bare varer med kostmetode Gjennomsnitt, ikke {method}.",
        "nl": "Een beginstand geldt alleen voor artikelen met waarderingsmethode Gemiddeld, niet {method}.",
    },
    "COST-UNKNOWN-AVERAGE-COST-PERIOD": {
        "en": "Unknown average cost period {period!r}: use day, week, month, quarter or year.",
        "nb": "Ukjent periode for gjennomsnittskost {period!r}: bruk day, week, month, quarter eller year.",
        "nl": "Onbekende periode voor gemiddelde kostprijs {period!r}: gebruik day, week, month, quarter of year.",
    },
})

# revaluation (domain/costing/revaluation.py)
MESSAGES.update({
    "REVAL-EMPTY": {
        "en": "The revaluation journal has no rows.",
        "nb": "Omvurderingskladden har ingen linjer.",
        "nl": "Het herwaarderingsdagboek heeft geen regels.",
    },
    "REVAL-UNKNOWN-ITEM": {
        "en": "{field}: there is no inventory item {item_no} to revalue.",
        "nb": "{field}: det finnes ingen lagervare {item_no} å omvurdere.",
        "nl": "{field}: er is geen voorraadartikel {item_no} om te herwaarderen.",
    },
    "REVAL-NOT-AN-INBOUND-ENTRY": {
        "en": "{field}: entry {entry_no} is not an inbound item ledger entry of item {item_no}.",
        "nb": "{field}: post {entry_no} er ikke en inngående varepost for vare {item_no}.",
        "nl": "{field}: post {entry_no} is geen inkomende artikelpost van artikel {item_no}.",
    },
})
