"""Template-free reading of invoice header fields from lines of words.

No vendor templates: every field is found by its printed label (ocr/labels.py)
and the value's shape (a date, an amount, a document number), paired by
position (label-right, label-below; ocr/pairing.py). Parties and identifiers
live in ocr/parties.py, totals in ocr/totals.py, line items in ocr/items.py.
This module combines them into a :class:`~ocr.proposal.Proposal` that
ocr/checks.py then judges. When the document offers two different values for a
field with equally good labels, the field is left empty (abstain) rather than
guessed: a wrong value costs more than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from decimal import Decimal

from domain.problems import Problem
from ocr import codes
from ocr.items import extract_items
from ocr.labels import CREDIT_NOTE
from ocr.layout import Line
from ocr.pairing import Hit, below, find_hits, right_of
from ocr.parsing import ambiguous_slash, find_dates, month_first_document, slash_dates_unknown
from ocr.parties import extract_parties
from ocr.proposal import Field, Proposal
from ocr.totals import extract_totals

_DOC_NO = re.compile(r"^(?:nr\.?|no\.?|nummer|#|:)?\s*([A-Z0-9][A-Z0-9\-/._]{0,29})", re.I)
_CURRENCIES = ("NOK", "EUR", "USD", "SEK", "DKK", "GBP", "CHF", "PLN")
_NOT_DOC_NO = re.compile(r"^(?:dato|date|datum|side|page|seite|kunde|vom|du|van|of)$", re.I)


_DATES = ("invoice_date", "due_date")
#: the value beside a date label that is a date misread: digits ("16:0972013") or a day, a word that is
#: no month name and a year ("11. Merz 2014"); what is below such a label is another line's date
_UNREAD_DATE = re.compile(r"\W*(?:\d[\d\s.,:/\-]{5,}\d\b|\d{1,2}\.?\s?[^\W\d_]{3,10}\.?,?\s\d{4}\b)")


@dataclass(frozen=True)
class Candidate:
    value: str
    confidence: Decimal
    line: int


def _conf(rank: int, is_below: bool) -> Decimal:
    base = max(Decimal("0.95") - Decimal("0.03") * rank, Decimal("0.6"))
    return base - (Decimal("0.05") if is_below else 0)


def _texts(hit: Hit, hits: list[Hit], lines: list[Line]) -> list[tuple[str, bool]]:
    out = [(right_of(hit, hits), False)]
    out += [(cell.text, True) for cell in below(hit, lines)]
    return [(t, b) for t, b in out if t.strip()]


def _doc_no(text: str) -> str | None:
    m = _DOC_NO.match(text.strip())
    if not m:
        return None
    token = m.group(1).rstrip("._-/")
    if not re.search(r"\d", token) or _NOT_DOC_NO.match(token) or find_dates(token):
        return None
    return token


def _best(cands: list[tuple[int, Candidate]], name: str, problems: list[Problem]) -> Candidate | None:
    """The candidate of the best label rank; abstain when that rank disagrees."""
    if not cands:
        return None
    top = min(rank for rank, _ in cands)
    values = {c.value for rank, c in cands if rank == top}
    if len(values) > 1:
        problems.append(Problem(codes.OCR_AMBIGUOUS_FIELD, name, {"values": sorted(values)}))
        return None
    return min((c for rank, c in cands if rank == top), key=lambda c: c.line)


def _currency_code(value: str, ocr: bool = False) -> str | None:
    """The currency code a label's value starts with. On a scan (``ocr``) also an OCR
    near-miss after a misread colon ("Währung > BUR"): a token that is no ISO 4217 code
    and is one letter off exactly one of the codes read here (a real code, "MUR", is never
    taken for another)."""
    exact = next((c for c in _CURRENCIES if re.match(rf"\W*{c}\b", value, re.I)), None)
    if exact or not ocr:
        return exact
    m = re.match(r"[\W_]*(?:[2>s]\s+)?([A-Z]{3})\b", value)
    if not m or m.group(1) in _iso_currencies():
        return None
    near = [c for c in _CURRENCIES if sum(a != b for a, b in zip(c, m.group(1))) == 1]
    return near[0] if len(near) == 1 else None


@cache
def _iso_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # ISO 4217, current and historic

    return frozenset(list_currencies())


def _labelled(lines: list[Line], hits: list[Hit], problems: list[Problem], ocr: bool = False) -> dict[str, Candidate]:
    text = "\n".join(line.text for line in lines)
    month_first = month_first_document(text)
    unknown_order = slash_dates_unknown(text)

    def first_date(value: str) -> str | None:
        found = find_dates(value, month_first)
        if not found or (unknown_order and ambiguous_slash(value[found[0].start:found[0].end])):
            return None  # 03/11/2017 in an English-only document: US or UK order, abstain
        return found[0].value.isoformat()

    parsers = {
        "invoice_no": _doc_no,
        "invoice_date": first_date,
        "due_date": first_date,
        "currency": lambda t: _currency_code(t, ocr),
    }
    found: dict[str, list[tuple[int, Candidate]]] = {}
    # a date label whose value beside it is digits but no date ("Beleg-Datum  16:0972013", a
    # misread): weaker labels name other dates (delivery, order), so they are not taken instead
    unread: dict[str, int] = {}
    for hit in hits:
        parse = parsers.get(hit.field)
        if parse is None:
            continue
        for text, is_below in _texts(hit, hits, lines):
            value = parse(text)
            if value:
                found.setdefault(hit.field, []).append(
                    (hit.rank, Candidate(value, _conf(hit.rank, is_below), hit.line.index)))
                break
            if hit.field in _DATES and not is_below and _UNREAD_DATE.match(text):
                unread[hit.field] = min(unread.get(hit.field, hit.rank), hit.rank)
                break  # the value is beside the label, misread: what is below is another line's
    best = {name: _best([c for c in cands if c[0] < unread.get(name, c[0] + 1)], name, problems)
            for name, cands in found.items()}
    if "invoice_date" not in found and "invoice_date" not in unread:
        best["invoice_date"] = _dated_below_number(lines, hits, month_first)
    return {k: v for k, v in best.items() if v is not None}


_VOM_DATE = re.compile(r"^\s*(?:vom|du|van|of|dated)\s+(.{6,20}?)\s*$", re.I)


def _dated_below_number(lines: list[Line], hits: list[Hit], month_first: bool) -> Candidate | None:
    """The invoice date on the line right under the invoice number's, alone after "vom"
    ("Gutschrift (Selbst ausgestellte Rechnung) Nr. 47110818" over "vom 31.10.2018")."""
    dates = set()
    for hit in (h for h in hits if h.field == "invoice_no"):
        nxt = lines[hit.line.index + 1] if hit.line.index + 1 < len(lines) else None
        m = _VOM_DATE.match(nxt.text) if nxt is not None and nxt.page == hit.line.page else None
        found = find_dates(m.group(1), month_first) if m else []
        if len(found) == 1 and found[0].end - found[0].start >= len(m.group(1).strip()) - 1:
            dates.add((found[0].value.isoformat(), nxt.index))
    if len({d for d, _ in dates}) != 1:
        return None
    value, index = dates.pop()
    return Candidate(value, Decimal("0.75"), index)


def _currency(lines: list[Line], labelled: Candidate | None, country_hint: str | None) -> Candidate | None:
    if labelled:
        return labelled
    text = " ".join(line.text for line in lines)
    # an unlabelled code counts only beside an amount with decimals ("EUR 12,00", "12,00 EUR"):
    # OCR turns "20 Stk" into "20 SEK"
    counts = {c: len(re.findall(rf"\b{c}\)?:?\s{{0,3}}-?\d[\d.,' ]*[.,]\d\d\b|\d[.,]\d\d\s{{0,3}}{c}\b", text))
              for c in _CURRENCIES if c in text}
    counts = {c: n for c, n in counts.items() if n}
    if len(counts) == 1:
        return Candidate(next(iter(counts)), Decimal("0.85"), 0)
    if not counts and "€" in text:
        return Candidate("EUR", Decimal("0.8"), 0)
    if not counts and re.search(r"(?i)\bkr\b|,-", text) and country_hint in (None, "NO"):
        return Candidate("NOK", Decimal("0.7"), 0)
    return None


def is_credit_note(lines: list[Line]) -> bool:
    head = " ".join(line.text for line in lines[:40])
    return bool(CREDIT_NOTE.search(head))


def extract_fields(lines: list[Line], source: str, country_hint: str | None = None,
                   buyer_ids: frozenset[str] = frozenset()) -> Proposal:
    """A proposal (not yet checked) from grouped lines; ``source`` is text or ocr."""
    problems: list[Problem] = []
    hits = find_hits(lines)
    found = _labelled(lines, hits, problems, ocr=source == "ocr")
    currency = _currency(lines, found.pop("currency", None), country_hint)
    if currency:
        found["currency"] = currency
    values: dict[str, tuple[str, Decimal]] = {k: (c.value, c.confidence) for k, c in found.items()}
    values.update(extract_parties(lines, hits, buyer_ids, problems))
    totals = extract_totals(lines, hits, problems)
    values.update(totals.values)
    items = extract_items(lines, hits)
    fields = {name: Field(value, conf, "computed" if name in totals.computed else source)
              for name, (value, conf) in values.items()}
    return Proposal(
        source_kind="",
        document_type="credit_memo" if is_credit_note(lines) else "invoice",
        fields=fields,
        vat_groups=totals.groups,
        lines=items,
        problems=problems,
    )
