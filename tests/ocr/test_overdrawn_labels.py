"""Labels painted twice ("fake bold": every glyph a second time a fraction of a point to the
right) are read once, so the field rules find them and pair their values (ocr/pdf.py drops the
copies with pdfplumber's ``dedupe_chars`` before the words are built)."""

import pytest

from ocr.pipeline import extract_bytes
from tests.fixtures.ocr_samples import render_pdf, sample

FIELDS = ("invoice_no", "invoice_date", "due_date", "payment_reference", "net_amount", "vat_amount",
          "gross_amount", "currency")


@pytest.mark.parametrize("seed, language, layout", [(11, "nb", 0), (12, "nl", 1), (13, "en", 0), (14, "nb", 1)])
def test_fields_under_fake_bold_labels_are_read(seed: int, language: str, layout: int):
    s = sample(seed, language)
    p = extract_bytes(render_pdf(s, layout=layout, overdraw=True), "invoice.pdf", use_embedded=False)
    truth = s.truth()
    assert {k: p.value(k) for k in FIELDS} == {k: truth[k] for k in FIELDS}
    assert p.fields["due_date"].source == "text" and p.fields["invoice_no"].source == "text"
