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
})
