"""Net, VAT and gross totals, and the VAT breakdown per rate.

Totals are found by label (ocr/labels.py) and then *decided by arithmetic*:
of all labelled candidates, the combination with net + VAT = gross is taken
(EN 16931 BR-CO-15), so a "Total" that is really a column heading or a
sub-total does not win by position. If the three do not agree the amounts are
left empty with ``OCR-TOTALS-MISMATCH`` (abstain, never guess). One missing
total may be computed from the other two; it is then marked ``computed``
with lower confidence. A VAT breakdown line is kept only when its base times
its rate gives its VAT amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from domain.money import HUNDRED, fmt, round_amount
from domain.problems import Problem
from ocr import codes
from ocr.layout import Line
from ocr.pairing import Hit, below
from ocr.parsing import find_amounts, find_dates, ocr_decimal_mark
from ocr.proposal import VatGroup

_AMOUNTS = ("net_amount", "vat_amount", "gross_amount")
CENT = Decimal("0.01")


@dataclass
class Totals:
    values: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    computed: set[str] = field(default_factory=set)
    groups: list[VatGroup] = field(default_factory=list)


@dataclass(frozen=True)
class _Cand:
    value: Decimal
    rank: int
    line: int
    per_rate: bool = False  # the line also prints a VAT percentage


def _amounts_for(hit: Hit, hits: list[Hit], lines: list[Line]) -> list[Decimal]:
    """The amount right of the label, else those in the column below it (a totals table)."""
    stops = [h.start for h in hits if h.line is hit.line and h.start >= hit.end]
    text = hit.line.text[hit.end:min(stops) if stops else None]
    dates = find_dates(text)
    with_decimals = [a for a in find_amounts(text) if not a.is_percent and a.has_decimals
                     and not any(d.start <= a.start < d.end for d in dates)]
    if with_decimals:
        return [with_decimals[-1].value]
    repaired = [a for a in find_amounts(ocr_decimal_mark(text)) if not a.is_percent and a.has_decimals]
    if len(repaired) == 1 and not dates:
        return [repaired[0].value]
    out = []
    for cell in below(hit, lines, max_lines=4):
        found = [a for a in find_amounts(cell.text) if not a.is_percent and a.has_decimals]
        if len(found) == 1:
            out.append(found[0].value)
    return out


#: "923 609 016 MVA": the suffix of a Norwegian VAT registration, not a VAT amount label
_ORG_NO_BEFORE = re.compile(r"\d{3}[ \u00a0]?\d{3}[ \u00a0]?\d{3}\s*$")


def _candidates(lines: list[Line], hits: list[Hit]) -> dict[str, list[_Cand]]:
    out: dict[str, list[_Cand]] = {name: [] for name in _AMOUNTS}
    per_rate_of: dict[int, bool] = {}  # by line index: a line often holds several labels
    for hit in hits:
        if hit.field == "vat_amount" and _ORG_NO_BEFORE.search(hit.line.text[:hit.start]):
            continue
        if hit.field in out:
            per_rate = per_rate_of.get(hit.line.index)
            if per_rate is None:
                per_rate = per_rate_of[hit.line.index] = any(a.is_percent for a in find_amounts(hit.line.text))
            for value in _amounts_for(hit, hits, lines):
                out[hit.field].append(_Cand(value, hit.rank, hit.line.index, per_rate))
    return out


def _consistent(c: dict[str, list[_Cand]]) -> tuple[_Cand, _Cand, Decimal] | None:
    """Best (net, gross, vat) with net + vat = gross; VAT may be a sum of per-rate lines."""
    vat_values = {v.value for v in c["vat_amount"]}
    vat_sum = _per_rate_sum(c)
    best = None
    for n, g in product(c["net_amount"], c["gross_amount"]):
        vat = g.value - n.value
        if vat in vat_values or vat == vat_sum or (vat == 0 and not vat_values):
            score = (n.rank + g.rank, -abs(g.value), -g.line)  # a sum row beats per-rate rows
            if best is None or score < best[0]:
                best = (score, (n, g, vat))
    return best[1] if best else None


def _by_breakdown(c: dict[str, list[_Cand]], groups: list[VatGroup]) -> tuple[_Cand, _Cand, Decimal] | None:
    """(net, gross, VAT) from the VAT breakdown when no labelled net and VAT add up to a labelled
    gross but the breakdown does: each line's base x rate = its VAT (checked in ``_groups``) and
    the bases plus the VATs = the gross of the best label rank. The breakdown's bases sum to the
    net (EN 16931 BR-CO-13 with BR-S-08), so a printed net that disagrees is a misread digit
    ("57.154,31" for "57.754,31"). The net (rank -1) and VAT are marked computed."""
    if not groups or not c["gross_amount"]:
        return None
    base, vat = sum(g.base for g in groups), sum(g.amount for g in groups)
    top = min(g.rank for g in c["gross_amount"])
    gross = {g.value: g for g in c["gross_amount"] if g.rank == top}
    if len(gross) != 1 or base + vat not in gross:
        return None
    g = gross[base + vat]
    return _Cand(base, -1, g.line), g, vat


def _single(cands: list[_Cand]) -> Decimal | None:
    if not cands:
        return None
    top = min(c.rank for c in cands)
    values = {c.value for c in cands if c.rank == top}
    return values.pop() if len(values) == 1 else None


def _per_rate_sum(c: dict[str, list[_Cand]]) -> Decimal | None:
    """The VAT printed as two or more per-rate lines ("MVA 25 % av ... 8.044,83"), summed."""
    per_rate = {v.line: v.value for v in c["vat_amount"] if v.per_rate}
    return sum(per_rate.values(), Decimal(0)) if len(per_rate) >= 2 else None


def _fallback(c: dict[str, list[_Cand]], out: Totals, problems: list[Problem], groups: list[VatGroup]) -> None:
    net, vat, gross = (_single(c[name]) for name in _AMOUNTS)
    if vat is None and net is not None and gross is not None and groups \
            and sum(g.amount for g in groups) != gross - net:
        vat = sum(g.amount for g in groups)  # a checked VAT breakdown is the printed VAT: not computed against it
    if net is not None and vat is not None and gross is not None:
        # printed figures that do not add up: say so and abstain; never compute a figure
        # in place of one the invoice prints otherwise
        problems.append(Problem(codes.OCR_TOTALS_MISMATCH, "gross_amount",
                                {"net": fmt(net), "vat": fmt(vat), "gross": fmt(gross)}))
        return
    low, computed = Decimal("0.6"), None
    if gross is not None and vat is not None:
        net, computed = gross - vat, "net_amount"
    elif net is not None and vat is not None:
        gross, computed = net + vat, "gross_amount"
    elif net is not None and gross is not None:
        vat, computed = gross - net, "vat_amount"
    for name, value in zip(_AMOUNTS, (net, vat, gross)):
        if value is not None:
            out.values[name] = (fmt(value), low if computed else Decimal("0.7"))
    if computed:
        out.computed.add(computed)


def _groups(lines: list[Line], hits: list[Hit]) -> list[VatGroup]:
    # a VAT label's line and the three below it
    near_vat = {h.line.index + step for h in hits if h.field == "vat_amount" for step in range(4)}
    groups = []
    for line in lines:
        if line.index not in near_vat:
            continue
        found = find_amounts(line.text)
        rates = [a.value for a in found if a.is_percent]
        money = [a.value for a in found if not a.is_percent and a.has_decimals]
        if len(rates) != 1 or len(money) < 2:
            continue
        rate = rates[0]
        pairs = [(b, v) for b, v in product(money, money)
                 if b != v and abs(round_amount(b * rate / HUNDRED) - v) <= CENT]
        if pairs:
            base, amount = pairs[0]
            groups.append(VatGroup(rate=rate, base=base, amount=amount))
    return groups


def extract_totals(lines: list[Line], hits: list[Hit], problems: list[Problem]) -> Totals:
    cands = _candidates(lines, hits)
    out = Totals()
    groups = _groups(lines, hits)
    found = _consistent(cands) or _by_breakdown(cands, groups)
    if found:
        n, g, vat = found
        for name, value in zip(_AMOUNTS, (n.value, vat, g.value)):
            out.values[name] = (fmt(value), Decimal("0.97") if n.rank >= 0 else Decimal("0.9"))
            if n.rank < 0 and name != "gross_amount":
                out.computed.add(name)
    else:
        _fallback(cands, out, problems, groups)
    vat_total = out.values.get("vat_amount")
    if groups and vat_total and sum(g.amount for g in groups) == Decimal(vat_total[0]):
        out.groups = groups
    return out
