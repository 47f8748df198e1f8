"""Problem texts (en / nb / nl) of issue 16's costing features: indirect cost and overhead,
the standard cost worksheet, the application worksheet."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "PURCH-NEGATIVE-INDIRECT-COST": {
        "en": "Line {line_no}: the indirect cost % {pct} cannot be negative.",
        "nb": "Linje {line_no}: indirekte kost % {pct} kan ikke være negativ.",
        "nl": "Regel {line_no}: het indirecte-kostenpercentage {pct} kan niet negatief zijn.",
    },
    "PURCH-INDIRECT-COST-NOT-ITEM": {
        "en": "Line {line_no}: only an item line carries an indirect cost %, not a {type} line.",
        "nb": "Linje {line_no}: bare en varelinje kan ha indirekte kost %, ikke en {type}-linje.",
        "nl": "Regel {line_no}: alleen een artikelregel heeft een indirecte-kostenpercentage, geen {type}-regel.",
    },
    "COST-WKSH-ADJUST-PCT-TOO-LOW": {
        "en": "An adjustment of {pct} % would make the standard cost zero or negative.",
        "nb": "En justering på {pct} % ville gjort standardkosten null eller negativ.",
        "nl": "Een aanpassing van {pct} % zou de vaste verrekenprijs nul of negatief maken.",
    },
    "COST-WKSH-UNKNOWN-ITEM": {
        "en": "There is no inventory item {item_no}.",
        "nb": "Det finnes ingen lagervare {item_no}.",
        "nl": "Er is geen voorraadartikel {item_no}.",
    },
    "COST-WKSH-NOT-STANDARD": {
        "en": "Item {item_no} is costed {costing_method}, not Standard: only a Standard item's standard cost "
              "can be implemented. Suggest again without it.",
        "nb": "Vare {item_no} har kostmetode {costing_method}, ikke Standard: bare en standardvares "
              "standardkost kan tas i bruk. Lag et nytt forslag uten den.",
        "nl": "Artikel {item_no} heeft waarderingsmethode {costing_method}, niet Standaard: alleen de vaste "
              "verrekenprijs van een standaardartikel kan worden doorgevoerd. Maak een nieuw voorstel zonder.",
    },
    "COST-WKSH-EMPTY": {
        "en": "The standard cost worksheet is empty: suggest standard costs first.",
        "nb": "Standardkostkladden er tom: foreslå standardkost først.",
        "nl": "Het standaardkostprijsvoorstel is leeg: stel eerst vaste verrekenprijzen voor.",
    },
    "COST-APPL-NOT-OUTBOUND": {
        "en": "Item ledger entry {entry_no} is not an outbound entry.",
        "nb": "Varepost {entry_no} er ikke en utgående post.",
        "nl": "Artikelpost {entry_no} is geen uitgaande post.",
    },
    "COST-APPL-TRANSFER": {
        "en": "Entry {entry_no} is a transfer: its application cannot be changed (its two halves are one movement).",
        "nb": "Post {entry_no} er en overføring: utligningen kan ikke endres (de to halvdelene er én bevegelse).",
        "nl": "Post {entry_no} is een overboeking: de vereffening kan niet worden gewijzigd (beide helften "
              "zijn één beweging).",
    },
    "COST-APPL-CLOSED-PERIOD": {
        "en": "Entry {entry_no} lies in a closed inventory period (closed through {closed_through}).",
        "nb": "Post {entry_no} ligger i en lukket lagerperiode (lukket til og med {closed_through}).",
        "nl": "Post {entry_no} ligt in een afgesloten voorraadperiode (afgesloten tot en met {closed_through}).",
    },
    "COST-APPL-FIXED": {
        "en": "Entry {entry_no} has a fixed application (an applies-to entry): it cannot be removed here.",
        "nb": "Post {entry_no} har en fast utligning (utlignes mot post): den kan ikke fjernes her.",
        "nl": "Post {entry_no} heeft een vaste vereffening (vereffenen met post): die kan hier niet worden "
              "verwijderd.",
    },
    "COST-APPL-NOTHING-APPLIED": {
        "en": "Entry {entry_no} is not applied to any inbound entry.",
        "nb": "Post {entry_no} er ikke utlignet mot noen inngående post.",
        "nl": "Post {entry_no} is met geen enkele inkomende post vereffend.",
    },
    "COST-APPL-BAD-QUANTITY": {
        "en": "The quantity to apply must be greater than 0 (not {qty}).",
        "nb": "Antallet som skal utlignes må være større enn 0 (ikke {qty}).",
        "nl": "Het te vereffenen aantal moet groter zijn dan 0 (niet {qty}).",
    },
    "COST-APPL-OUTBOUND-NOT-OPEN": {
        "en": "Outbound entry {entry_no} is fully applied: remove its application first.",
        "nb": "Utgående post {entry_no} er fullt utlignet: fjern utligningen først.",
        "nl": "Uitgaande post {entry_no} is volledig vereffend: verwijder eerst de vereffening.",
    },
    "COST-APPL-NOT-INBOUND": {
        "en": "Entry {entry_no} is not an inbound entry of item {item_no} at location {location}.",
        "nb": "Post {entry_no} er ikke en inngående post for vare {item_no} på lokasjon {location}.",
        "nl": "Post {entry_no} is geen inkomende post van artikel {item_no} op locatie {location}.",
    },
    "COST-APPL-QUANTITY-NOT-OPEN": {
        "en": "Cannot apply {qty}: the outbound entry has {outbound_open} open and the inbound entry {inbound_open}.",
        "nb": "Kan ikke utligne {qty}: den utgående posten har {outbound_open} åpent og den inngående "
              "{inbound_open}.",
        "nl": "Kan {qty} niet vereffenen: de uitgaande post heeft {outbound_open} open en de inkomende "
              "{inbound_open}.",
    },
    "SETUP-NON-DEDUCTIBLE-PCT-OUT-OF-RANGE": {
        "en": "The non-deductible VAT % {pct} must be between 0 and 100.",
        "nb": "Ikke-fradragsberettiget mva % {pct} må være mellom 0 og 100.",
        "nl": "Het niet-aftrekbare btw-percentage {pct} moet tussen 0 en 100 liggen.",
    },
})
