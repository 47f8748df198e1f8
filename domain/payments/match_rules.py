"""Application proposals for bank statement payments without a usable reference (pure).

BC's Payment Reconciliation Journal "Apply Automatically" scores each candidate open entry by what
matches and shows the result as a Match Confidence (High / Medium / Low): a payment whose amount
equals an open entry's remaining amount *and* whose payer's name is the customer's (vendor's) name
is a high-confidence match; the amount alone is medium (another customer may owe the same amount);
the name alone is low (the customer paid, but not that invoice's amount). Names are compared after
folding case, accents, punctuation and legal-form words (AS, ASA, B.V., N.V., Ltd, GmbH, ...).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

#: confidence -> score (what `payments match` sorts by; the highest is taken by `payments apply`)
SCORES = {"high": 100, "medium": 60, "low": 30}
_LEGAL_FORMS = {"as", "asa", "ans", "da", "ba", "bv", "nv", "vof", "cv", "ltd", "limited", "llc", "inc", "gmbh",
                "ab", "oy", "aps", "sa", "plc", "co", "company"}
#: two names at least this similar (difflib ratio) after normalising count as the same name
NAME_SIMILARITY = 0.85


@dataclass(frozen=True)
class Candidate:
    """An open invoice entry a statement payment might pay."""

    entry_no: int
    party: str
    party_no: str
    party_name: str
    document_no: str
    remaining: Decimal  # a magnitude


@dataclass(frozen=True)
class Proposal:
    candidate: Candidate
    confidence: str
    score: int
    amount_matches: bool
    name_matches: bool


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ø", "o").replace("æ", "ae"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", folded)  # b.v. -> bv
    words = [w for w in re.split(r"[^0-9a-z]+", folded) if w and w not in _LEGAL_FORMS]
    return " ".join(words)


def same_name(payer: str, party_name: str) -> bool:
    a, b = normalise_name(payer), normalise_name(party_name)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
        return True  # "Eik" pays for "Eik Arkitekter", a bank adds the city to the payer's name
    return difflib.SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


def propose(amount: Decimal, payer: str, candidates: list[Candidate]) -> list[Proposal]:
    """Every candidate that matches by amount and/or name, best first (then oldest entry)."""
    proposals = []
    for c in candidates:
        by_amount, by_name = c.remaining == abs(amount), same_name(payer, c.party_name)
        if not (by_amount or by_name):
            continue
        confidence = "high" if by_amount and by_name else "medium" if by_amount else "low"
        proposals.append(Proposal(c, confidence, SCORES[confidence], by_amount, by_name))
    return sorted(proposals, key=lambda p: (-p.score, p.candidate.entry_no))
