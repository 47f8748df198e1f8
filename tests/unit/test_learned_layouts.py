"""Learned layouts: a person's correction on one invoice teaches where the vendor prints the field."""

from ocr.layout import group_lines
from ocr.learned import apply, learn
from tests.fixtures.ocr_samples import fields_from_text, words_from_text

FIRST = """\
Nordvik Trelast AS                         Org.nr 923 609 016 MVA
Dokument   A-77812                         Utstedt     03.11.2026
Kunde 4411                                 Betal innen 17.11.2026

Sum eks. mva                                8 000,00
Mva 25 %                                    2 000,00
Å betale NOK                               10 000,00
"""

NEXT = """\
Nordvik Trelast AS                         Org.nr 923 609 016 MVA
Dokument   A-78040                         Utstedt     24.11.2026
Kunde 4411                                 Betal innen 08.12.2026

Sum eks. mva                                1 200,00
Mva 25 %                                      300,00
Å betale NOK                                1 500,00
"""


def lines_of(text):
    return group_lines(words_from_text(text))


def test_the_generic_reader_misses_this_vendors_labels():
    p = fields_from_text(FIRST, "NO")
    assert p.value("invoice_no") != "A-77812" or p.value("invoice_date") != "2026-11-03"


def test_corrections_on_the_first_invoice_read_the_next_one_right():
    corrected = {"invoice_no": "A-77812", "invoice_date": "2026-11-03", "due_date": "2026-11-17"}
    anchors = [learn(lines_of(FIRST), field, value) for field, value in corrected.items()]
    assert [a["label"] for a in anchors] == ["dokument", "utstedt", "betal innen"]
    assert apply(lines_of(NEXT), anchors) == {
        "invoice_no": "A-78040", "invoice_date": "2026-11-24", "due_date": "2026-12-08"}


def test_a_value_that_is_not_on_the_page_teaches_nothing_and_an_anchor_never_guesses():
    assert learn(lines_of(FIRST), "invoice_no", "Z-1") is None
    anchor = learn(lines_of(FIRST), "invoice_date", "2026-11-03")
    assert apply(lines_of(NEXT.replace("24.11.2026", "snart")), [anchor]) == {}
