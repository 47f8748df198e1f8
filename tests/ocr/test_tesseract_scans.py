"""Real tesseract on three generated scans (the only OCR pages in the test suite).

Scans are made at test time: a generated invoice rendered at 300 dpi, rotated
half a degree, noised and JPEG-compressed into an image-only PDF.
"""

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from ocr.pipeline import extract_bytes
from tests.fixtures.ocr_samples import render_pdf, sample, scan

pytestmark = pytest.mark.ocr
CORE = ("vendor_vat_id", "invoice_no", "invoice_date", "due_date", "currency", "net_amount", "vat_amount",
        "gross_amount", "payment_reference")


def _fields_right_or_abstained(p, truth):
    """The wrong values (an abstention is allowed, a wrong value is not)."""
    return {k: (p.value(k), truth[k]) for k in CORE if p.value(k) is not None and p.value(k) != truth[k]}


def test_scanned_norwegian_invoice_is_read_by_ocr_without_wrong_values():
    s = sample(0, "nb")
    p = extract_bytes(scan(render_pdf(s), seed=1), "scan.pdf", country_hint="NO")
    assert p.source_kind == "pdf-ocr"
    assert _fields_right_or_abstained(p, s.truth()) == {}
    assert p.value("gross_amount") == s.truth()["gross_amount"]
    assert all(p.fields[k].source in ("ocr", "computed") for k in CORE if k in p.fields)


def test_scanned_dutch_invoice_with_label_below_layout_is_read_by_ocr():
    s = sample(1, "nl")
    p = extract_bytes(scan(render_pdf(s, layout=1, dstyle=1, mstyle=1), seed=2), "scan.pdf", country_hint="NL")
    assert _fields_right_or_abstained(p, s.truth()) == {}
    assert p.value("invoice_no") == s.invoice_no and p.value("vendor_iban") == s.vendor_iban


def test_text_page_carrying_a_scanned_invoice_image_is_read_as_hybrid(tmp_path):
    s = sample(2, "en")
    image = tmp_path / "page.jpg"
    scanned = pdfium.PdfDocument(scan(render_pdf(s), seed=3))
    scanned[0].render(scale=300 / 72, grayscale=True).to_pil().save(image, quality=85)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 4, "Forwarded by the mail gateway on behalf of accounts payable, page one of one")
    pdf.image(str(image), x=0, y=10, w=210)
    p = extract_bytes(bytes(pdf.output()), "hybrid.pdf")
    assert p.source_kind == "pdf-hybrid"
    assert _fields_right_or_abstained(p, s.truth()) == {}
    assert p.value("gross_amount") == s.truth()["gross_amount"]
