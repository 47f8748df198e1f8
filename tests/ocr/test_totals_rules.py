"""Totals decided by the VAT breakdown's arithmetic when a printed total is misread (issue 14).

From a miss on a generated scan: "Sum eks. mva 57.154,31" read for 57.754,31; the VAT
was then computed from it although two per-rate VAT lines said otherwise.
"""

from ocr.checks import check
from ocr.fields import extract_fields
from ocr.layout import group_lines
from tests.fixtures.ocr_samples import words_from_text

HEAD = """\
Nordvik Verktøy AS                                    FAKTURA
Org.nr. NO 993 031 844 MVA                            Fakturanr.  F-2026-2353
                                                      Fakturadato  25.06.2026
"""
BREAKDOWN = """\
MVA 25 % av  32.179,31   8.044,83
MVA 15 % av  25.575,00   3.836,25
"""


def _ocr(text: str):
    return check(extract_fields(group_lines(words_from_text(text, conf=92.0)), "ocr"))


def _totals(p):
    return p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")


def test_a_misread_net_is_decided_by_a_vat_breakdown_that_adds_up_to_the_gross():
    text = HEAD + "Sum eks. mva  57.154,31\n" + BREAKDOWN + "Å betale NOK  69.635,39\n"
    p = _ocr(text)
    assert _totals(p) == ("57754.31", "11881.08", "69635.39")
    assert p.fields["net_amount"].source == "computed" and p.fields["gross_amount"].source == "ocr"


def test_a_breakdown_that_does_not_add_up_to_the_gross_decides_nothing():
    text = HEAD + "Sum eks. mva  57.154,31\n" + BREAKDOWN + "Å betale NOK  69.935,39\n"
    assert _totals(_ocr(text)) == (None, None, None)  # and no VAT computed against the per-rate lines


def test_printed_totals_that_add_up_are_not_overruled_by_the_breakdown():
    text = HEAD + "Sum eks. mva  57.754,31\nSum mva  11.881,08\n" + BREAKDOWN + "Å betale NOK  69.635,39\n"
    p = _ocr(text)
    assert _totals(p) == ("57754.31", "11881.08", "69635.39")
    assert p.fields["net_amount"].source == "ocr"
