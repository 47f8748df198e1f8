"""Identifiers failing their check digit that the document itself carries (issue 14): kept on
the incoming document as printed, with a warning, and never used by intake: no vendor match,
no payment reference or bank account on the draft. On SQLite and PostgreSQL."""

from __future__ import annotations

from domain.intake import documents as intake
from domain.setup import masterdata
from flows import inbox
from tests.support.intake import EHF_INVOICE, config, header, no_sleep


def _known_vendor(app):
    masterdata.add_vendor(app, {"no": "V50000", "name": "The Sellercompany ASA", "org_no": "123456785",
                                "vat_id": "NO123456785MVA", "payment_terms": "30D"})


def _sweep(app, tmp_path, xml: str):
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_text(xml, encoding="utf-8")
    [result] = inbox.sweep(app, cfg, sleep=no_sleep).results
    return result, intake.show_document(app, result.entry_no)


def test_a_kid_failing_its_check_is_shown_as_printed_but_never_put_on_the_draft(app, tmp_path):
    _known_vendor(app)
    result, shown = _sweep(app, tmp_path, EHF_INVOICE.read_text(encoding="utf-8"))
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert fields["payment_reference"] == "0003434323213231"  # fails MOD10 and MOD11
    [problem] = [p for p in shown["problems"] if p["field"] == "payment_reference"]
    assert (problem["code"], problem["severity"]) == ("OCR-INVALID-PAYMENT-REFERENCE", "warning")
    assert (result.outcome, result.status) == ("registered", "created")
    draft = header(app, result.document)
    assert draft.vendor_no == "V50000" and draft.payment_reference is None


def test_a_vat_id_failing_its_check_is_never_matched_the_valid_org_no_is(app, tmp_path):
    _known_vendor(app)
    xml = EHF_INVOICE.read_text(encoding="utf-8").replace("<cbc:CompanyID>NO123456785MVA<",
                                                          "<cbc:CompanyID>NO123456784MVA<")
    result, shown = _sweep(app, tmp_path, xml)
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert fields["vendor_vat_id"] == "NO123456784MVA"
    assert {(p["code"], p["severity"]) for p in shown["problems"]} >= {("OCR-INVALID-VAT-ID", "warning")}
    assert not any(p["code"] == "INTAKE-VENDOR-ID-CONFLICT" for p in shown["problems"])
    # matched by its valid org.nr; only the PEPPOL rule on the VAT id keeps it for a person
    assert [p["code"] for p in shown["problems"] if p["severity"] == "error"] == ["PEPPOL-RULE-FATAL"]
    assert shown["vendor_no"] == "V50000"


def test_an_unknown_vendor_with_a_vat_id_failing_its_check_gets_no_card_with_it(app, tmp_path):
    xml = EHF_INVOICE.read_text(encoding="utf-8").replace("<cbc:CompanyID>NO123456785MVA<",
                                                          "<cbc:CompanyID>NO123456784MVA<")
    result, shown = _sweep(app, tmp_path, xml)
    assert result.status == "review"
    assert ("OCR-INVALID-VAT-ID", "error") in {(p["code"], p["severity"]) for p in shown["problems"]}
    assert shown["proposed_vendor"].get("vat_id") in (None, "")
    assert shown["proposed_vendor"]["org_no"] == "123456785"
