"""The text layer is read with lean char objects (ocr/pdf.py ``_lean_objects``): the words and
image boxes must be exactly pdfplumber's own ``Page.dedupe_chars().extract_words()`` /
``Page.images`` (duplicated "fake bold" chars dropped by pdfplumber's own rule).

Checked on every third real third-party PDF of the shared corpus (German/French layouts,
several PDF writers, figures, MediaBox origins; all 85 were compared when the lean reading
was written) and on generated nb/nl invoices, some with labels painted twice, and a scan."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from ocr import pdf
from ocr.safety import Limits
from tests.fixtures.ocr_samples import render_pdf, sample, scan

CORPUS_PDFS = sorted(Path("/work/shared/corpus").rglob("*.pdf"))


def _pdfplumber_reading(data: bytes) -> tuple[dict, dict]:
    words, images = {}, {}
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for i, page in enumerate(doc.pages):
            found = [pdf.Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], i)
                     for w in page.dedupe_chars().extract_words()]
            words[i] = pdf._join_touching(found)
            images[i] = [(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images]
    return words, images


def _assert_same(data: bytes) -> pdf.PdfText:
    words, images = _pdfplumber_reading(data)
    got = pdf.read_text(data, Limits())
    assert got.page_count == len(words)
    assert got.words == words
    assert got.image_boxes == images
    return got


def test_the_corpus_is_there():
    assert len(CORPUS_PDFS) >= 80, "the shared corpus (../shared/corpus) must be beside the checkout"


@pytest.mark.parametrize("path", CORPUS_PDFS[::3], ids=lambda p: p.name)
def test_words_equal_pdfplumbers_on_real_invoices(path: Path):
    got = _assert_same(path.read_bytes())
    assert sum(len(w) for w in got.words.values()) > 0


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_words_equal_pdfplumbers_on_generated_invoices(seed: int):
    data = render_pdf(sample(seed, "nb" if seed % 2 else "nl"), layout=seed % 4)
    assert any(w.text for w in _assert_same(data).words[0])


@pytest.mark.parametrize("layout", [0, 1])
def test_words_equal_pdfplumbers_deduped_words_where_labels_are_painted_twice(layout: int):
    s = sample(6 + layout, "nb")
    data = render_pdf(s, layout=layout, overdraw=True)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        doubled = {w["text"] for w in doc.pages[0].extract_words()}
    label = {0: "Forfallsdato:", 1: "Forfallsdato"}[layout]
    assert "".join(ch * 2 for ch in label) in doubled  # what the words were without the dedupe
    got = _assert_same(data).words[0]
    assert label in [w.text for w in got]
    assert got == pdf.read_text(render_pdf(s, layout=layout), Limits()).words[0]  # as if painted once


def test_a_busy_page_is_deduped_only_where_pdfplumber_removes_a_char():
    page = [_char(text, 20 + col * 6.0, 100 + row * 10.0)  # a table: the same digits column under column
            for row in range(40) for col, text in enumerate("1234567890" * 3)]
    assert pdf._without_overdrawn(page) is page  # nothing to remove: pdfplumber's dedupe is not run
    copies = [dict(page[k], x0=page[k]["x0"] + 0.4, x1=page[k]["x1"] + 0.4) for k in (1199, 5, 333)]
    assert pdf._without_overdrawn(page + copies) == pdfplumber.utils.dedupe_chars(page + copies) == page


def test_a_copy_more_than_the_tolerance_lower_is_dropped_where_pdfplumber_chains_the_lines():
    # pdfplumber clusters doctops in steps of at most the tolerance: 100 -> 100.9 -> 101.8 is one line
    chars = [_char("a", 10, 100), _char("a", 50, 100.9), _char("a", 10.5, 101.8), _char("b", 10.2, 101.8)]
    assert pdf._without_overdrawn(chars) == pdfplumber.utils.dedupe_chars(chars) == chars[:2] + chars[3:]
    apart = [_char("a", 10, 100), _char("a", 10.5, 101.8)]
    assert pdf._without_overdrawn(apart) == pdfplumber.utils.dedupe_chars(apart) == apart


def _char(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "bottom": top + 8, "doctop": top,
            "upright": True, "size": 8.0, "fontname": "Helvetica"}


def test_a_scanned_page_has_its_image_box_and_no_words():
    got = _assert_same(scan(render_pdf(sample(5, "nb"), layout=0), seed=5))
    assert got.words[0] == []
    (x0, top, x1, bottom), = got.image_boxes[0]
    assert x1 - x0 > 500 and bottom - top > 700  # the page-sized image of an A4 scan
