"""Generated text-layer PDFs (fpdf2) through the whole in-process pipeline."""

import pytest

from ocr.pipeline import extract_bytes
from tests.fixtures.ocr_samples import render_pdf, sample

CORE = ("vendor_vat_id", "vendor_org_no", "vendor_kvk", "invoice_no", "invoice_date", "due_date", "currency",
        "net_amount", "vat_amount", "gross_amount", "vendor_iban", "vendor_account_no", "payment_reference")


@pytest.mark.parametrize("language", ["nb", "nl", "en"])
@pytest.mark.parametrize("layout", [0, 1])
def test_generated_text_invoice_yields_every_core_field_exactly(language, layout):
    for seed in range(3):
        s = sample(seed, language)
        p = extract_bytes(render_pdf(s, layout=layout, dstyle=seed % 2, mstyle=seed % 2), "f.pdf",
                          country_hint="NL" if language == "nl" else "NO")
        assert p.source_kind == "pdf-text"
        truth = s.truth()
        assert {k: p.value(k) for k in CORE} == {k: truth[k] for k in CORE}


def test_the_buyers_printed_org_number_is_never_the_vendors():
    s = sample(4, "nb")
    p = extract_bytes(render_pdf(s), "f.pdf")
    assert p.value("vendor_org_no") == s.vendor_org_no != s.buyer_ids[0]


def test_generated_credit_note_is_a_credit_memo():
    s = sample(1, "nl")
    s.credit = True
    assert extract_bytes(render_pdf(s), "f.pdf").document_type == "credit_memo"


def test_vendor_name_is_read_from_the_letterhead():
    s = sample(2, "nb")
    assert extract_bytes(render_pdf(s), "f.pdf").value("vendor_name") == s.vendor_name
