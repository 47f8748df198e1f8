"""Issue 14: every incoming UBL document is checked against the official PEPPOL BIS 3 / EN 16931
Schematron rules (the copies shipped in domain/compliance/peppol_bis3) during the real sweep, on
SQLite and PostgreSQL: a broken fatal rule keeps the document in review, a warning only shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.compliance import schematron
from domain.intake import documents as intake
from domain.purchasing.model import PurchaseHeader
from domain.setup import masterdata
from flows import inbox
from flows.inbox_flow import document_markdown
from tests.support.intake import EHF_INVOICE, config, count, documents, no_sleep

PEPPOL = Path(__file__).resolve().parents[3] / "shared" / "standards" / "peppol-bis-3"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_CACHE_DIR", str(tmp_path / "cache"))


def known_vendor(app) -> None:
    masterdata.add_vendor(app, {"no": "V50000", "name": "The Sellercompany ASA", "org_no": "123456785",
                                "vat_id": "NO123456785MVA", "payment_terms": "30D"})


def swept(app, tmp_path, data: bytes, name: str = "ehf.xml"):
    cfg = config(tmp_path)
    (cfg.inbox / name).write_bytes(data)
    [result] = inbox.sweep(app, cfg, sleep=no_sleep).results
    return result, intake.show_document(app, result.entry_no)


def peppol(shown) -> list[tuple[str, str, str]]:
    return [(p["severity"], p["code"], p["params"].get("rule", "")) for p in shown["problems"]
            if p["code"].startswith("PEPPOL-")]


@pytest.mark.parametrize("example", ["base-example.xml", "base-creditnote-correction.xml",
                                     "Norwegian-example-1.xml"])
def test_the_official_examples_break_no_fatal_rule(app, tmp_path, example):
    _result, shown = swept(app, tmp_path, (PEPPOL / example).read_bytes())
    assert shown["source"] == "ubl"
    assert [p for p in peppol(shown) if p[0] == "error"] == []


def test_a_valid_ehf_from_a_known_vendor_becomes_a_draft_with_the_rule_warning_shown(app, tmp_path):
    known_vendor(app)
    result, shown = swept(app, tmp_path, EHF_INVOICE.read_bytes())
    assert (result.outcome, result.status) == ("registered", "created")
    assert peppol(shown) == [("warning", "PEPPOL-RULE-WARNING", "UBL-CR-679")]
    [warning] = [p for p in shown["problems"] if p["code"] == "PEPPOL-RULE-WARNING"]
    assert "UBL-CR-679" in warning["message"] and "recommendation" in warning["message"]


def test_totals_that_do_not_add_up_break_br_co_15_and_the_document_stays_in_review(app, tmp_path):
    """TaxInclusiveAmount raised by 10.00: EN 16931 BR-CO-15 (total with VAT = total without VAT +
    VAT) is fatal, so no draft is made."""
    known_vendor(app)
    data = EHF_INVOICE.read_bytes()
    assert data.count(b'<cbc:TaxInclusiveAmount currencyID="NOK">1801.78<') == 1
    broken = data.replace(b'<cbc:TaxInclusiveAmount currencyID="NOK">1801.78<',
                          b'<cbc:TaxInclusiveAmount currencyID="NOK">1811.78<')
    result, shown = swept(app, tmp_path, broken)
    assert result.status == "review" and result.document is None
    assert ("error", "PEPPOL-RULE-FATAL", "BR-CO-15") in peppol(shown)
    assert "PEPPOL-RULE-FATAL" in result.codes
    assert count(app, PurchaseHeader) == 0
    [doc] = documents(app)
    assert doc.status == "review"
    # (the intake sees it too: OCR-PAYABLE-MISMATCH) a person corrects the total: the rule error goes (reviewed), the rule warning stays shown
    fixed = intake.correct(app, result.entry_no, {"gross_amount": "1801.78", "payable_amount": "802.00"})
    assert fixed["status"] == "created", fixed["problems"]
    after = intake.show_document(app, result.entry_no)
    assert peppol(after) == [("warning", "PEPPOL-RULE-WARNING", "UBL-CR-679")]
    assert count(app, PurchaseHeader) == 1


def test_a_rule_only_the_schematron_checks_blocks_the_draft(app, tmp_path):
    """Without a ProfileID the document reads fine (the intake needs no profile), but PEPPOL R001 is
    fatal: the rules, not the reader, keep it in review."""
    known_vendor(app)
    data = EHF_INVOICE.read_bytes()
    start, end = data.index(b"<cbc:ProfileID>"), data.index(b"</cbc:ProfileID>") + len(b"</cbc:ProfileID>")
    result, shown = swept(app, tmp_path, data[:start] + data[end:])
    assert result.status == "review"
    assert {p for p in peppol(shown) if p[0] == "error"} == {
        ("error", "PEPPOL-RULE-FATAL", "PEPPOL-EN16931-R001"),  # a profile is required
        ("error", "PEPPOL-RULE-FATAL", "PEPPOL-EN16931-R007")}  # ... and must be a billing profile
    assert {p["code"] for p in shown["problems"] if p["severity"] == "error"} == {"PEPPOL-RULE-FATAL"}
    assert result.codes == ("PEPPOL-RULE-FATAL",)  # the sweep's report names each code once


def test_rules_that_cannot_run_keep_the_document_in_review(app, tmp_path, monkeypatch):
    known_vendor(app)
    monkeypatch.setattr(schematron, "PEPPOL_BIS3_RULES", (tmp_path / "missing.sch",))
    result, shown = swept(app, tmp_path, EHF_INVOICE.read_bytes())
    assert result.status == "review"
    assert peppol(shown) == [("error", "PEPPOL-RULES-NOT-RUN", "")]
    [problem] = [p for p in shown["problems"] if p["code"] == "PEPPOL-RULES-NOT-RUN"]
    assert problem["params"] == {"reason": "FileNotFoundError"}


def test_a_pdf_is_not_run_through_the_ubl_rules(app, tmp_path, monkeypatch):
    from tests.support.intake import vendor_invoice

    ran = []
    monkeypatch.setattr(schematron, "validate", lambda *a: ran.append(a))
    pdf, _ = vendor_invoice(app)
    result, shown = swept(app, tmp_path, pdf, "faktura.pdf")
    assert ran == [] and result.status == "created" and peppol(shown) == []


def test_a_rule_message_is_escaped_in_the_prefect_artifact(app, tmp_path, monkeypatch):
    known_vendor(app)
    hostile = "<script>alert(1)</script> [click](http://evil.example) *bold*"
    report = schematron.Report((schematron.Finding("BR-X", "fatal", "/Invoice[1]", hostile, "x.sch"),))
    monkeypatch.setattr(schematron, "validate", lambda xml, schemas: report)
    result, _shown = swept(app, tmp_path, EHF_INVOICE.read_bytes())
    markdown = document_markdown(app, result)
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[click\\]\\(http://evil.example\\) \\*bold\\*" in markdown
    assert "<script>" not in markdown and "[click](" not in markdown
