"""Problem texts (en / nb / nl) of the role center KPIs (domain/operations/kpi.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "KPI-MONTHS-OUT-OF-RANGE": {
        "en": "The number of months must be from 1 to {max}, not {months}.",
        "nb": "Antall måneder må være fra 1 til {max}, ikke {months}.",
        "nl": "Het aantal maanden moet van 1 tot {max} zijn, niet {months}.",
    },
})
