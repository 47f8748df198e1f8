"""The speedups of the field rules change no result: label prefilters and cached line text.

``find_hits`` skips a line, or one field's labels on it, when one joined regex finds no label
there (ocr/pairing.py ``any_of``); a line's text, word offsets and cell spans are computed
once (ocr/layout.py). These tests hold both to the plain reading they replace.
"""

import re

from ocr import pdf
from ocr.labels import PATTERNS, fold
from ocr.layout import CELL_SEP, Cell, Line, Word, group_lines
from ocr.pairing import Hit, resolve_overlaps, any_of, find_hits
from ocr.safety import Limits
from tests.fixtures.ocr_samples import render_pdf, sample, words_from_text

TEXT = """\
Nordvik Trelast AS                  Fakturanr.: 2026-0042       Fakturadato 03.11.2026
Org.nr 923 609 016 MVA              Forfallsdato: 17.11.2026    KID 1234567890
Rechnung (Selbst ausgestellt) Nr. 47110818 vom 31.10.2018       Währung EUR
Handelsrechnung (380) Nr. 12    Beträge in EUR    Überweisen Sie bitte den Betrag bis zum 01.12.2018
Sum eks. mva          8 000,00    Mva 25 %    2 000,00    Å betale NOK    10 000,00
Totaal excl. BTW 100,00   BTW 21% 21,00   Te betalen 121,00   Échéance 12/12/2026
Invoice INV-77 dated    Amount due 5.00    Subtotal 4.00    Tax 1.00    Total TTC 5,00
"""


def _every_pattern(lines: list[Line]) -> list[Hit]:
    """find_hits without any prefilter: every pattern over every line."""
    hits = []
    for line in lines:
        text = fold(line.text.lower())
        hits += resolve_overlaps([Hit(name, rank, line, m.start(), m.end())
                                   for name, patterns in PATTERNS.items()
                                   for rank, pattern in enumerate(patterns) for m in pattern.finditer(text)])
    return hits


def test_every_field_s_labels_are_joined_into_one_prefilter():
    assert all(any_of(patterns) is not None for patterns in PATTERNS.values())
    assert any_of([p for patterns in PATTERNS.values() for p in patterns]) is not None


def test_find_hits_equals_every_pattern_over_every_line():
    documents = [group_lines(words_from_text(TEXT))]
    for seed in (1, 2):
        words = pdf.read_text(render_pdf(sample(seed, "nl" if seed % 2 else "nb"), layout=seed % 2), Limits()).words
        documents.append(group_lines([w for i in sorted(words) for w in words[i]]))
    for lines in documents:
        expected = [(h.field, h.rank, h.line.index, h.start, h.end) for h in _every_pattern(lines)]
        assert expected  # the texts hold labels of several fields
        assert [(h.field, h.rank, h.line.index, h.start, h.end) for h in find_hits(lines)] == expected
    assert {h.field for h in find_hits(documents[0])} >= {"invoice_no", "invoice_date", "due_date", "currency",
                                                          "net_amount", "vat_amount", "gross_amount"}


def _guarded(body: str, flags=re.I) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){body}(?![a-zæøåäöü])", flags)


def test_a_joined_filter_matches_exactly_where_one_of_its_patterns_does():
    patterns = [_guarded(b) for b in ("kid", r"k\w*nummer", r"\w*rechnung", r"[üu]ber", "t?ax", "total", "x{2}")]
    joined = any_of(patterns)
    for text in ("kid 12", "kundennummer", "Kundennummer", "handelsrechnung", "ax 5", "tax", "subtotal",
                 "\u212aid 12", "über", "uber", "xx", "x", "kidney", "", "totalt", "a total"):
        assert bool(joined.search(text)) == any(p.search(text) for p in patterns), text


def test_patterns_that_cannot_be_joined_exactly_get_no_filter():
    assert any_of([_guarded("a|b")]) is None  # the guards would bind only the outer branches
    assert any_of([_guarded(r"(a)\1")]) is None
    assert any_of([_guarded("a"), _guarded("b", 0)]) is None
    assert any_of([re.compile("total", re.I)]) is None
    assert any_of([]) is None
    assert any_of([_guarded("[|]"), _guarded(r"a\|b"), _guarded("(a|b)c")]) is not None


def test_a_line_s_text_and_spans_follow_a_new_list_of_cells():
    words = [Word("Sum", 0, 0, 15, 10), Word("eks.", 20, 0, 40, 10), Word("100,00", 200, 0, 230, 10)]
    line = Line(0, 5.0, words, [Cell(words[:2]), Cell(words[2:])])
    assert (line.text, line.word_offsets(), line.cell_span(1)) == ("Sum eks.  100,00", (0, 4, 10), (10, 16))
    assert [line.cell_of_word(i) for i in range(4)] == [0, 0, 1, 1]
    line.cells = [Cell(words)]
    assert (line.text, line.word_offsets(), line.cell_span(0)) == ("Sum eks. 100,00", (0, 4, 9), (0, 15))
    cell = line.cells[0]
    cell.words = words[:1]
    assert cell.text == "Sum" and CELL_SEP == "  "
