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
})
