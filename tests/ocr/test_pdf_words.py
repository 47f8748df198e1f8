"""The text layer is read with lean char objects (ocr/pdf.py ``_lean_objects``): the words and
image boxes must be exactly pdfplumber's own ``Page.extract_words()`` / ``Page.images``.

Checked on every third real third-party PDF of the shared corpus (German/French layouts,
several PDF writers, figures, MediaBox origins; all 85 were compared when the lean reading
was written) and on generated nb/nl invoices and a scan."""

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
            found = [pdf.Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], i) for w in page.extract_words()]
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


def test_a_scanned_page_has_its_image_box_and_no_words():
    got = _assert_same(scan(render_pdf(sample(5, "nb"), layout=0), seed=5))
    assert got.words[0] == []
    (x0, top, x1, bottom), = got.image_boxes[0]
    assert x1 - x0 > 500 and bottom - top > 700  # the page-sized image of an A4 scan
