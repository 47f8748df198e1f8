"""Label-value pairing on lines of words: label-right and label-below.

A label's value is the rest of the label's cell, else the next cell to the
right on the same line, else the cell just below that overlaps the label
horizontally (within three line heights). Overlapping hits of the amount
labels are resolved longest-first, so "Sum eks. mva" is not also a VAT label.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ocr.labels import PATTERNS, fold
from ocr.layout import Cell, Line

_AMOUNT_FIELDS = {"net_amount", "vat_amount", "gross_amount"}
_LEAD = re.compile(r"^[\s:;#.\-–—=|]*")


@dataclass(frozen=True)
class Hit:
    field: str
    rank: int
    line: Line
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    text: str
    line: Line
    below: bool


def resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """One line's hits without overlaps: the longer label wins, then the stronger (lower rank);
    two amount labels never overlap, nor two of one field."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.rank)):
        clash = any(k.start < hit.end and hit.start < k.end and
                    (k.field == hit.field or {k.field, hit.field} <= _AMOUNT_FIELDS) for k in kept)
        if not clash:
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


#: the word-start and word-end guards every pattern of ocr/labels.py ``compiled`` carries
_GUARDS = (r"(?<![\w])", r"(?![a-zæøåäöü])")


def _one_branch(body: str) -> bool:
    """Balanced and without a top-level ``|`` (else each guard would bind only its end's branch)."""
    depth, i, in_class = 0, 0, False
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if body[i + 1:i + 2] == "^" else 0
            i += 1 if body[i + 1:i + 2] == "]" else 0  # a "]" first in a class is literal
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            if depth < 0:
                return False
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return depth == 0 and not in_class


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One regex that matches somewhere in a text exactly when one of ``patterns`` does, or
    None when they cannot be joined that way. The guards all share are taken out of the
    alternation (checking a look-behind once per position, not once per pattern, is what
    makes it fast); patterns with other guards, a top-level ``|``, other flags or
    back-references are not joined."""
    head, tail = _GUARDS
    bodies = [p.pattern[len(head):len(p.pattern) - len(tail)] for p in patterns
              if p.pattern.startswith(head) and p.pattern.endswith(tail)]
    if (not patterns or len(bodies) != len(patterns) or len({p.flags for p in patterns}) != 1
            or patterns[0].flags & re.VERBOSE or not all(_one_branch(b) for b in bodies)
            or any(re.search(r"\\\d|\(\?P=|\(\?\(", b) for b in bodies)):
        return None
    try:
        return re.compile(head + "(?:" + _by_first_letter(bodies) + ")" + tail, patterns[0].flags)
    except re.error:
        return None


def _by_first_letter(bodies: list[str]) -> str:
    """The alternation of ``bodies``, those that start with a plain letter grouped behind a
    look-ahead for it ("(?=t)(?:total|tax|...)"): at a word start only the group of its first
    letter is tried, not every label (the look-ahead is compiled with the same flags, so it
    admits what the letter itself admits)."""
    groups: dict[str, list[str]] = {}
    for body in bodies:
        plain = body[:1].isascii() and body[:1].isalpha() and body[1:2] not in ("*", "+", "?", "{")
        groups.setdefault(body[0] if plain else "", []).append(body)
    return "|".join((f"(?={first})" if first else "") + "(?:" + "|".join(f"(?:{b})" for b in group) + ")"
                    for first, group in groups.items())


def _filters(patterns: dict[str, list[re.Pattern[str]]]) -> tuple[re.Pattern[str] | None, dict]:
    return (any_of([p for ps in patterns.values() for p in ps]),
            {name: any_of(ps) for name, ps in patterns.items()})


#: exact prefilters of PATTERNS: most lines hold no label at all, most others one field's
_ANY_LABEL, _FIELD_LABEL = _filters(PATTERNS)


def _line_hits(line: Line) -> list[Hit]:
    """Every label hit on one line. No pattern matches before the first match of a filter
    (looking behind and ``\\b`` still see the text before where a search starts)."""
    text = fold(line.text.lower())
    first = 0
    if _ANY_LABEL is not None:
        found = _ANY_LABEL.search(text)
        if found is None:
            return []
        first = found.start()
    hits = []
    for name, patterns in PATTERNS.items():
        start = first
        if (label := _FIELD_LABEL[name]) is not None:
            found = label.search(text, first)
            if found is None:
                continue
            start = found.start()
        hits += [Hit(name, rank, line, m.start(), m.end())
                 for rank, pattern in enumerate(patterns) for m in pattern.finditer(text, start)]
    return hits


def find_hits(lines: list[Line]) -> list[Hit]:
    """Every label hit on every line, overlaps resolved."""
    hits: list[Hit] = []
    for line in lines:
        line_hits = _line_hits(line)
        if line_hits:
            hits.extend(resolve_overlaps(line_hits))
    return hits


def _cell_index(line: Line, offset: int) -> int:
    word_i = bisect_right(line.word_offsets(), offset) - 1 if offset >= 0 else 0
    return line.cell_of_word(word_i)


def right_of(hit: Hit, other_hits: list[Hit], free_text: bool = False) -> str:
    """Text after the label: rest of its cell, or the next cell(s) until another label
    (``free_text``: the whole next cell, which may hold label words, "Rechnung 181301674")."""
    line = hit.line
    ci = _cell_index(line, hit.start)
    _, cell_end = line.cell_span(ci)
    rest = _LEAD.sub("", line.text[hit.end:cell_end])
    if rest.strip():
        return rest
    stops = [h.start for h in other_hits if h.line is line and h.start >= hit.end and not free_text]
    stop = min(stops) if stops else len(line.text)
    if ci + 1 < len(line.cells):
        start, end = line.cell_span(ci + 1)
        if start < stop:
            return _LEAD.sub("", line.text[start:min(end, stop)])
    return ""


def below(hit: Hit, lines: list[Line], max_lines: int = 2) -> list[Cell]:
    """Cells below the label that overlap it horizontally (nearest line first)."""
    line = hit.line
    offsets = line.word_offsets()
    words = [w for w, off in zip(line.words, offsets) if hit.start <= off + len(w.text) and off < hit.end]
    if not words:
        return []
    x0, x1 = words[0].x0, words[-1].x1
    found: list[Cell] = []
    last_y = line.y
    for nxt in lines[line.index + 1: line.index + 1 + max_lines]:
        if nxt.page != line.page or nxt.y - last_y > 3.2 * line.height:
            break
        for cell in nxt.cells:
            if cell.x0 <= x1 + 2 * line.height and cell.x1 >= x0 - 2 * line.height:
                found.append(cell)
                last_y = nxt.y
                break
    return found
