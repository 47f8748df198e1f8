"""E-invoices read exactly: UBL (PEPPOL BIS 3, EHF), CII, and CII embedded in a PDF."""

from decimal import Decimal
from pathlib import Path

import pytest

from ocr.pdf import Refused
from ocr.pipeline import extract_file
from ocr.serial import dumps_result, loads_result

CORPUS = Path("/work/shared/corpus")
UBL_FILES = sorted(p for p in (CORPUS / "peppol-bis-3").rglob("*.xml") if "sales-order" not in p.name) + \
    sorted((CORPUS / "ehf").rglob("*.xml"))


def test_norwegian_peppol_invoice_is_read_exactly():
    p = extract_file(CORPUS / "peppol-bis-3/national-examples/NO/Norwegian-example-1.xml")
    assert p.source_kind == "ubl" and p.document_type == "invoice"
    assert {k: p.value(k) for k in ("invoice_no", "invoice_date", "due_date", "currency", "net_amount",
                                     "vat_amount", "gross_amount", "buyer_reference")} == {
        "invoice_no": "TOSL108", "invoice_date": "2013-06-30", "due_date": "2013-07-20", "currency": "NOK",
        "net_amount": "1436.5", "vat_amount": "365.28", "gross_amount": "1801.78", "buyer_reference": "3150bdn"}
    flagged = {pr.field for pr in p.problems if pr.code.startswith("OCR-INVALID")}  # kept, with low confidence
    assert all(f.confidence == 1 and f.source == "xml" for name, f in p.fields.items()
               if f.value is not None and name not in flagged)
    assert sum(g.amount for g in p.vat_groups) == Decimal("365.28")
    # five invoice lines, then the document-level charge (freight) and allowance (promotion)
    assert [(ln.description, ln.amount) for ln in p.lines[5:]] == [
        ("Charge: Freight", Decimal("100")), ("Allowance: Promotion discount", Decimal("-100"))]
    assert sum(ln.amount for ln in p.lines) == Decimal(p.value("net_amount"))  # BR-CO-13
    assert (p.value("prepaid_amount"), p.value("rounding_amount"), p.value("payable_amount")) == (
        "1000", "0.22", "802.00")
    assert "OCR-PAYABLE-MISMATCH" not in {pr.code for pr in p.problems}


def test_an_amount_due_that_does_not_follow_from_total_prepaid_and_rounding_is_a_problem(tmp_path):
    xml = (CORPUS / "peppol-bis-3/national-examples/NO/Norwegian-example-1.xml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.xml"
    bad.write_text(xml.replace(">802.00<", ">1801.78<"), encoding="utf-8")
    p = extract_file(bad)
    [problem] = [pr for pr in p.problems if pr.code == "OCR-PAYABLE-MISMATCH"]
    assert problem.params == {"gross": "1801.78", "prepaid": "1000", "rounding": "0.22", "payable": "1801.78"}


def test_example_identifiers_that_fail_their_check_digits_are_flagged_not_trusted():
    p = extract_file(CORPUS / "peppol-bis-3/national-examples/NO/Norwegian-example-1.xml")
    flagged = {pr.field for pr in p.problems if pr.code.startswith("OCR-INVALID")}
    # the KID fails MOD10/MOD11: flagged, and kept as the document carries it (intake never uses it)
    assert p.value("payment_reference") is not None and "payment_reference" in flagged


@pytest.mark.parametrize("path", UBL_FILES, ids=lambda p: p.name)
def test_every_ubl_example_in_the_corpus_reads_without_crashing(path):
    p = extract_file(path)
    assert p.source_kind == "ubl" and p.value("invoice_no")
    assert p.value("gross_amount") is not None


def test_ubl_credit_note_becomes_a_credit_memo():
    p = extract_file(CORPUS / "peppol-bis-3/examples/base-creditnote-correction.xml")
    assert p.document_type == "credit_memo"


def test_standalone_cii_is_read():
    p = extract_file(CORPUS / "factur-x/xml/factur-x-en16931.xml")
    assert p.source_kind == "cii"
    assert (p.value("invoice_no"), p.value("gross_amount"), p.value("vendor_vat_id")) == (
        "F20260023", "104.90", "FR11123456782")


def test_an_order_is_not_an_invoice():
    with pytest.raises(Refused) as exc:
        extract_file(CORPUS / "factur-x/xml/order-x-basic.xml")
    assert exc.value.problem.code == "XML-UNSUPPORTED"


def test_cii_embedded_in_a_zugferd_pdf_is_preferred_over_its_text():
    p = extract_file(CORPUS / "zugferd/XML-Rechnung/FX/EN16931_Einfach.pdf")
    assert p.source_kind == "cii-embedded" and p.page_count == 2
    assert (p.value("invoice_no"), p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")) == (
        "471102", "473.00", "56.87", "529.87")
    assert [(ln.description, ln.quantity, ln.amount) for ln in p.lines][0] == (
        "Trennblätter A4", Decimal("20.0000"), Decimal("198.00"))


def test_zugferd_1_embedded_xml_is_read_too():
    p = extract_file(CORPUS / "zugferd/ZUGFeRDv1/correct/Konik/acme_invoice-42_ZUGFeRD.pdf")
    assert p.source_kind == "cii-embedded" and p.value("invoice_no") == "20131122-42"


def test_proposal_survives_the_process_boundary_with_exact_decimals():
    p = extract_file(CORPUS / "peppol-bis-3/national-examples/NO/Norwegian-example-1.xml")
    back = loads_result(dumps_result(p))
    assert back == p
    assert isinstance(back.vat_groups[0].base, Decimal) and isinstance(back.lines[0].quantity, Decimal)


def test_a_cii_invoice_with_more_lines_than_the_limit_reads_none_and_says_so(tmp_path):
    import re

    from ocr.safety import MB, Limits
    from ocr.xmlsafe import MAX_LINES

    xml = (CORPUS / "factur-x/xml/factur-x-en16931.xml").read_text(encoding="utf-8")
    item = re.search(r"<ram:IncludedSupplyChainTradeLineItem>.*?</ram:IncludedSupplyChainTradeLineItem>",
                     xml, re.DOTALL).group(0)
    extra = MAX_LINES + 1 - xml.count("<ram:IncludedSupplyChainTradeLineItem>")
    path = tmp_path / "huge.xml"
    path.write_text(xml.replace(item, "\n".join([item] * (extra + 1)), 1), encoding="utf-8")
    p = extract_file(path, Limits(max_bytes=200 * MB))  # the line count decides here, not the size
    assert p.lines == [] and p.value("invoice_no") == extract_file(CORPUS / "factur-x/xml/factur-x-en16931.xml") \
        .value("invoice_no")
    assert [(x.code, x.params["lines"]) for x in p.problems if x.code == "OCR-TOO-MANY-LINES"] == [
        ("OCR-TOO-MANY-LINES", MAX_LINES + 1)]
