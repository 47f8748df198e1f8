"""Learned layouts: where one vendor prints each header field, learned from a person's correction.

Small businesses receive most invoices from the same few dozen vendors, each always in the
same layout. When a person corrects a header field of a PDF invoice (invoice no., dates,
totals, KID, bank account), :func:`learn` finds the corrected value among the document's
words and remembers what stands before it: the label on the same line ("Fakturanr.:"), or,
when the value stands alone, the label above it in the same column. :func:`apply` reads the
next invoice of that vendor by those anchors before anything generic is believed: a value
found after a learned label, in the field's own format, wins with confidence 0.98 and
source ``layout``. Plain data in, plain data out (an anchor is a dict), so the domain can
store anchors and the sandboxed extractor can use them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.money import fmt
from ocr.labels import fold
from ocr.layout import Line
from ocr.parsing import find_amounts, find_dates

DATE_FIELDS = ("invoice_date", "due_date")
AMOUNT_FIELDS = ("net_amount", "vat_amount", "gross_amount")
TOKEN_FIELDS = ("invoice_no", "payment_reference", "vendor_iban", "vendor_account_no")
LEARNABLE = DATE_FIELDS + AMOUNT_FIELDS + TOKEN_FIELDS
CONFIDENCE = Decimal("0.98")
_MAX_SPAN = 5


def _compact(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text).upper()


def normalise_label(text: str) -> str:
    """A label as compared: folded, lower case, digits and punctuation other than letters gone."""
    return " ".join(re.sub(r"[^a-zæøå ]+", " ", fold(text).lower()).split())


def _matches(field: str, text: str, value: str) -> bool:
    """Does ``text``, all of it, print ``value``?"""
    text = text.strip()
    if field in DATE_FIELDS:
        dates = find_dates(text)
        return (len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(text)
                and dates[0].value == date.fromisoformat(value))
    if field in AMOUNT_FIELDS:
        amounts = [a for a in find_amounts(text) if not a.is_percent]
        try:
            return (len(amounts) == 1 and amounts[0].end >= len(text.rstrip(" -")) and amounts[0].start <= 4
                    and amounts[0].value == Decimal(value))
        except InvalidOperation:
            return False
    return _compact(text) == _compact(value) and bool(_compact(value))


def _spans(line: Line):
    """(cell index, first word, last word, text) of every run of up to five words in one cell."""
    for ci, cell in enumerate(line.cells):
        words = cell.words
        for i in range(len(words)):
            for j in range(i, min(len(words), i + _MAX_SPAN)):
                yield ci, i, j, " ".join(w.text for w in words[i:j + 1])


def _label_above(lines: list[Line], line: Line, x0: float, x1: float) -> str | None:
    for above in reversed([ln for ln in lines if ln.page == line.page and ln.index < line.index][-3:]):
        for cell in above.cells:
            if cell.x0 <= x1 and cell.x1 >= x0 and _label_like(cell.text):
                return cell.text
    return None


def _label_like(text: str) -> bool:
    """A label is words, not a value: no digits, at least two letters."""
    return not re.search(r"\d", text) and len(normalise_label(text).replace(" ", "")) >= 2


def learn(lines: list[Line], field: str, value: str) -> dict | None:
    """The anchor of ``value`` (a corrected, normalised field value) in these lines, or None.
    Totals are printed last: an amount is looked for from the bottom up."""
    if field not in LEARNABLE or not value:
        return None
    for line in (reversed(lines) if field in AMOUNT_FIELDS else lines):
        for ci, i, j, text in _spans(line):
            if not _matches(field, text, value):
                continue
            cell = line.cells[ci]
            before = " ".join(w.text for w in cell.words[:i])
            if not before.strip() and ci > 0:
                before = line.cells[ci - 1].text
            if _label_like(before):
                return {"field": field, "label": normalise_label(before), "below": False}
            above = _label_above(lines, line, cell.words[i].x0, cell.words[j].x1)
            if above is not None:
                return {"field": field, "label": normalise_label(above), "below": True}
    return None


def _value(field: str, text: str) -> str | None:
    """The field's value at the start of ``text`` in the field's own format, normalised."""
    if field in DATE_FIELDS:
        found = find_dates(text)
        return found[0].value.isoformat() if found else None
    if field in AMOUNT_FIELDS:
        amounts = [a for a in find_amounts(text) if not a.is_percent and a.has_decimals]
        return fmt(amounts[0].value) if amounts else None
    token = text.strip().split("  ")[0].strip()
    if field in ("vendor_iban", "vendor_account_no"):
        return _compact(token) or None
    first = token.split()[0] if token.split() else ""
    return first.strip(":#") if re.search(r"\d", first) else None


def _after_label(line: Line, label: str) -> str | None:
    """The text after ``label`` on the line: the rest of its cell and the next cell."""
    for ci, cell in enumerate(line.cells):
        words = cell.words
        for i in range(1):  # a label starts its cell ("Totalt" is not the end of "Varer totalt")
            for j in range(i, min(len(words), i + _MAX_SPAN)):
                if normalise_label(" ".join(w.text for w in words[i:j + 1])) != label:
                    continue
                rest = " ".join(w.text for w in words[j + 1:])
                following = line.cells[ci + 1].text if ci + 1 < len(line.cells) else ""
                return rest if rest.strip() else following
    return None


def _below_label(lines: list[Line], label: str) -> list[str]:
    out = []
    for line in lines:
        for cell in line.cells:
            if normalise_label(cell.text) != label:
                continue
            later = [ln for ln in lines if ln.page == line.page and ln.index > line.index][:3]
            for below in later:
                out += [c.text for c in below.cells if c.x0 <= cell.x1 and c.x1 >= cell.x0]
    return out


def apply(lines: list[Line], anchors: list[dict]) -> dict[str, str]:
    """Field -> value read by the vendor's learned anchors (only values in the field's format)."""
    found: dict[str, str] = {}
    for anchor in anchors:
        field, label = anchor.get("field"), anchor.get("label")
        if field not in LEARNABLE or not label or field in found:
            continue
        texts = _below_label(lines, label) if anchor.get("below") else [
            t for t in (_after_label(line, label) for line in lines) if t]
        for text in texts:
            value = _value(field, text)
            if value is not None:
                found[field] = value
                break
    return found
