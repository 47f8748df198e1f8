"""The Schematron runner (domain/compliance/schematron.py) on the official PEPPOL BIS 3 rules and
examples: the examples pass, a deliberately broken copy fails on the rule it breaks."""

import re
from pathlib import Path

import pytest

from domain.compliance import schematron
from domain.problems import DomainError, Problem

PEPPOL = Path(__file__).resolve().parents[3] / "shared" / "standards" / "peppol-bis-3"
#: the copies shipped with the product (the examples stay test data in ../shared)
RULES = schematron.PEPPOL_BIS3_RULES


@pytest.mark.parametrize("name", ["CEN-EN16931-UBL.sch", "PEPPOL-EN16931-UBL.sch"])
def test_the_shipped_rules_are_byte_identical_to_the_official_files(name):
    assert name in {p.name for p in RULES}
    assert (schematron.PEPPOL_BIS3_DIR / name).read_bytes() == (PEPPOL / name).read_bytes()


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize("example", ["base-example.xml", "base-creditnote-correction.xml",
                                     "Norwegian-example-1.xml"])
def test_the_official_examples_pass_both_rule_sets(example):
    report = schematron.validate((PEPPOL / example).read_bytes(), RULES)
    assert report.ok and report.errors == ()


def test_a_wrong_payable_amount_fails_the_en16931_rule_that_checks_it():
    xml = (PEPPOL / "base-example.xml").read_bytes()
    broken = xml.replace(b'<cbc:PayableAmount currencyID="EUR">', b'<cbc:PayableAmount currencyID="EUR">9', 1)
    report = schematron.validate(broken, RULES)
    assert not report.ok
    assert [(f.rule_id, f.flag, f.schema) for f in report.errors] == [("BR-CO-16", "fatal", "CEN-EN16931-UBL.sch")]
    assert report.errors[0].location.endswith("LegalMonetaryTotal[1]")


def test_a_missing_profile_fails_the_peppol_rules():
    xml = re.sub(rb"<cbc:ProfileID>.*?</cbc:ProfileID>", b"", (PEPPOL / "base-example.xml").read_bytes())
    codes = {f.rule_id for f in schematron.validate(xml, RULES).errors}
    assert "PEPPOL-EN16931-R001" in codes


def test_a_norwegian_seller_with_a_bad_mva_number_fails_no_r_001():
    xml = (PEPPOL / "Norwegian-example-1.xml").read_bytes().replace(b"NO123456785MVA", b"NO123456784MVA")
    assert "NO-R-001" in {f.rule_id for f in schematron.validate(xml, RULES).errors}


def test_warnings_do_not_fail_a_document():
    report = schematron.validate((PEPPOL / "Norwegian-example-1.xml").read_bytes(), RULES)
    assert report.ok and [f.rule_id for f in report.warnings] == ["UBL-CR-679"]


def test_the_compiled_stylesheet_is_cached_on_disk(tmp_path):
    schematron.compiled_xslt(RULES[1])
    (cached,) = (tmp_path / "schematron").glob("*.xsl")
    assert "xsl:stylesheet" in cached.read_text(encoding="utf-8")


def test_constructs_outside_the_supported_subset_are_refused_not_skipped():
    sch = (b'<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
           b'<pattern abstract="true" id="a"><rule context="x"><assert test="y">m</assert></rule></pattern></schema>')
    with pytest.raises(schematron.SchematronUnsupported):
        schematron.compile_schematron(sch)


@pytest.mark.parametrize("xml, code", [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "SCHEMATRON-UNSAFE-XML"),
    (b"<Invoice><unclosed></Invoice>", "SCHEMATRON-INVALID-XML"),
])
def test_unsafe_or_malformed_documents_are_refused_before_saxon_reads_them(xml, code):
    with pytest.raises(DomainError) as refused:
        schematron.validate(xml, RULES)
    assert refused.value.code == code


def test_rule_problems_list_each_broken_rule_once_failing_rules_first():
    f = schematron.Finding
    report = schematron.Report((
        f("UBL-CR-679", "warning", "/Invoice[1]", "A UBL invoice should not include ...", "PEPPOL-EN16931-UBL.sch"),
        f("BR-CO-15", "fatal", "/Invoice[1]", "  [BR-CO-15]-Invoice total\n amount  ", "CEN-EN16931-UBL.sch"),
        f("BR-CO-15", "fatal", "/Invoice[2]", "[BR-CO-15]-again", "CEN-EN16931-UBL.sch"),
        f("X", "error", "/a", "x" * 900, "other.sch"),
    ))
    problems = schematron.rule_problems(report)
    assert [(p.code, p.params["rule"]) for p in problems] == [
        ("PEPPOL-RULE-FATAL", "BR-CO-15"), ("PEPPOL-RULE-FATAL", "X"), ("PEPPOL-RULE-WARNING", "UBL-CR-679")]
    assert problems[0].params["message"] == "[BR-CO-15]-Invoice total amount"
    assert len(problems[1].params["message"]) == schematron.MESSAGE_ROOM
    assert problems[0] == Problem("PEPPOL-RULE-FATAL")  # field None: one per rule, told apart by params
