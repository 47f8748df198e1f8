"""A hybrid PDF whose page shows another invoice than its embedded e-invoice XML (issue 14: wrong
results become problems, never silent): the XML still posts, and each field the page labels with
another value, the XML's value printed nowhere on it, is a ``PDF-PAGE-XML-MISMATCH`` problem."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from domain.intake import rules
from domain.problems import Problem
from ocr import hybrid, pdf
from ocr.pipeline import extract_bytes, extract_file
from ocr.safety import Limits
from tests.fixtures.hybrid_samples import cii_xml, hybrid_pdf, with_attachment
from tests.fixtures.ocr_samples import fields_from_text, render_pdf, sample, scan, words_from_text

ZUGFERD = Path("/work/shared/corpus/zugferd")
MISMATCH = "PDF-PAGE-XML-MISMATCH"


def mismatches(p) -> dict[str, tuple[str, str]]:
    return {pr.field: (pr.params["xml_value"], pr.params["page_value"]) for pr in p.problems if pr.code == MISMATCH}


def corpus(name: str) -> Path:
    [path] = ZUGFERD.rglob(name)
    return path


# -- the corpus: real hybrid invoices ------------------------------------------------------------

def test_a_corpus_invoice_whose_page_prints_another_iban_than_its_xml_gets_the_problem():
    p = extract_file(corpus("zugferd_2p1_BASIC-WL_Einfach.pdf"))
    assert p.source_kind == "cii-embedded" and p.value("vendor_iban") == "FR2012421242124212421242124"
    assert mismatches(p) == {"vendor_iban": ("FR2012421242124212421242124", "DE2012421242124212421242124")}


def test_a_corpus_invoice_whose_page_shows_other_totals_gets_one_problem_per_amount():
    p = extract_file(corpus("MustangGnuaccountingBeispielRE-20150613_503.pdf"))
    assert mismatches(p) == {"gross_amount": ("571.04", "406.82"), "net_amount": ("496.00", "358.00"),
                             "vat_amount": ("75.04", "48.82")}
    assert p.value("gross_amount") == "571.04"  # the XML is what is read, the problem says the page differs


def test_a_corpus_invoice_whose_page_agrees_with_its_xml_gets_none():
    p = extract_file(corpus("EN16931_Einfach.pdf"))
    assert p.source_kind == "cii-embedded" and mismatches(p) == {}


def test_the_check_compares_what_both_sides_give_on_an_agreeing_corpus_invoice():
    path = corpus("EN16931_Einfach.pdf")
    data = path.read_bytes()
    found = hybrid.check_pdf(extract_bytes(data, path.name), data, Limits())
    assert found.checked and found.problems == []
    assert {"invoice_no", "invoice_date", "gross_amount", "net_amount", "vat_amount"} <= set(found.compared)


# -- generated hybrid invoices -------------------------------------------------------------------

def test_a_generated_hybrid_whose_page_and_xml_agree_gets_no_problem():
    for seed, language in ((3, "nb"), (4, "nl")):
        s = sample(seed, language)
        p = extract_bytes(hybrid_pdf(s), "faktura.pdf")
        assert p.source_kind == "cii-embedded" and p.value("invoice_no") == s.invoice_no
        assert mismatches(p) == {}


def test_each_field_the_page_shows_otherwise_is_its_own_problem():
    page = sample(3, "nb")
    assert page.vendor_account_no and page.payment_reference
    xml = dataclasses.replace(
        page, invoice_no="77001", due_date=page.due_date + timedelta(days=30),
        vendor_account_no="86011117947", payment_reference="1234567890",
        lines=[dataclasses.replace(page.lines[0], unit_price=page.lines[0].unit_price + 1), *page.lines[1:]])
    p = extract_bytes(hybrid_pdf(page, xml), "faktura.pdf")
    found = mismatches(p)
    assert found["invoice_no"] == ("77001", page.invoice_no)
    assert found["due_date"] == (xml.due_date.isoformat(), page.due_date.isoformat())
    assert found["vendor_account_no"] == ("86011117947", page.vendor_account_no)
    assert found["payment_reference"] == ("1234567890", page.payment_reference)
    assert found["gross_amount"] == (str(xml.gross), str(page.gross))
    assert "invoice_date" not in found  # the same on both
    assert p.value("invoice_no") == "77001"  # what posts is still the XML


def test_an_xml_value_the_page_prints_elsewhere_is_no_contradiction():
    """The XML's payment reference is the invoice number (common in CII), the page labels a KID:
    the XML's value is on the page, so nothing says the page shows another invoice."""
    page = sample(3, "nb")
    p = extract_bytes(hybrid_pdf(page, dataclasses.replace(page, payment_reference=page.invoice_no)), "f.pdf")
    assert mismatches(p) == {}


def test_a_pdf_without_a_text_layer_is_not_checked_and_not_ocred(monkeypatch):
    s = sample(3, "nb")
    image_only = with_attachment(scan(render_pdf(s)), cii_xml(dataclasses.replace(s, invoice_no="77001")))
    monkeypatch.setattr(pdf, "ocr", lambda *a: pytest.fail("the page check never OCRs"))
    p = extract_bytes(image_only, "scan.pdf")
    assert p.source_kind == "cii-embedded" and p.value("invoice_no") == "77001" and mismatches(p) == {}
    found = hybrid.check_pdf(p, image_only, Limits())
    assert (found.checked, found.compared, found.problems) == (False, (), [])


def test_a_text_page_is_checked_even_beside_a_page_without_text():
    text = "FAKTURA\nFakturanr.:   12345\nFakturadato:   05.03.2026\nÅ betale NOK   1 250,00\n"
    xml = fields_from_text(text.replace("12345", "99999"))
    found = hybrid.compare(xml, {0: words_from_text(text), 1: []})
    assert found.checked and [(pr.field, pr.params["page_value"]) for pr in found.problems] == [
        ("invoice_no", "12345")]


def test_a_total_the_page_computes_from_the_others_is_not_its_labelled_reading():
    text = "FAKTURA\nFakturanr.:   12345\nSum eks. mva   1 000,00\nMVA 25 %   250,00\n"
    xml = fields_from_text(text + "Å betale   1 250,00\n")
    xml.fields["gross_amount"] = dataclasses.replace(xml.fields["gross_amount"], value="1300.00")
    assert hybrid.compare(xml, {0: words_from_text(text)}).problems == []


def test_a_page_total_that_is_the_xml_amount_due_after_a_prepayment_is_no_contradiction():
    text = "FAKTURA\nFakturanr.:   12345\nFakturadato:   05.03.2026\nForskudd betalt   250,00\nÅ betale   1 000,00\n"
    xml = fields_from_text(text)
    xml.fields["gross_amount"] = dataclasses.replace(xml.fields["gross_amount"], value="1250.00")
    assert hybrid.compare(xml, {0: words_from_text(text)}).problems != []  # 1 250,00 printed nowhere
    xml.fields["payable_amount"] = dataclasses.replace(xml.fields["gross_amount"], value="1000.00")
    assert hybrid.compare(xml, {0: words_from_text(text)}).problems == []


def test_amounts_match_in_any_printed_format_and_without_their_sign():
    assert hybrid.printed("gross_amount", "-1234.50", "Total  1.234,50 EUR")
    assert hybrid.printed("gross_amount", "1234.5", "Amount due 1,234.50")
    assert not hybrid.printed("gross_amount", "1234.50", "Total 1.243,50")
    assert hybrid.printed("invoice_date", "2026-03-05", "Datum: 5. März 2026")
    assert hybrid.printed("vendor_iban", "DE20123412341234", "IBAN DE20 1234 1234 1234")
    assert hybrid._norm("gross_amount", "100") == hybrid._norm("gross_amount", "100.00") == "100.00"


def test_a_value_shown_in_the_problem_is_one_bounded_line():
    assert hybrid._shown("a\nb" + "x" * 200).startswith("a b") and len(hybrid._shown("x" * 200)) == hybrid.SHOWN_CHARS


# -- what the problem does to a document ---------------------------------------------------------

@pytest.mark.parametrize("field,severity", [
    ("gross_amount", "error"), ("net_amount", "error"), ("vat_amount", "error"), ("vendor_iban", "error"),
    ("vendor_account_no", "error"), ("invoice_no", "error"), ("payment_reference", "error"),
    ("invoice_date", "warning"), ("due_date", "warning")])
def test_an_amount_account_number_or_reference_disagreement_stops_the_document_a_date_is_a_warning(field, severity):
    problem = Problem(MISMATCH, field, {"field": field, "xml_value": "1", "page_value": "2"})
    assert rules.severity(problem, vendor_known=True) == severity


def test_the_message_names_both_values_in_each_language():
    problem = Problem(MISMATCH, "gross_amount", {"field": "gross_amount", "xml_value": "571.04",
                                                 "page_value": "406.82"})
    for language in ("en", "nb", "nl"):
        text = problem.message(language)
        assert "571.04" in text and "406.82" in text and "{" not in text
