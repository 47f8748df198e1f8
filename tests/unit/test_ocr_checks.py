"""Checks decide: invalid identifiers emptied, cross-checks reported as problems."""

from decimal import Decimal

from ocr.checks import check
from ocr.proposal import Field, Proposal, ProposalLine, VatGroup


def _proposal(source="text", **values) -> Proposal:
    base = {"invoice_no": "1", "invoice_date": "2026-11-21", "currency": "NOK", "vendor_org_no": "923609016",
            "net_amount": "100.00", "vat_amount": "25.00", "gross_amount": "125.00"}
    base.update(values)
    return Proposal(source_kind="pdf-text", fields={k: Field(v, Decimal("0.8"), source)
                                                    for k, v in base.items() if v is not None})


def codes(p: Proposal) -> list[str]:
    return [pr.code for pr in p.problems]


def test_a_consistent_proposal_has_no_problems():
    assert codes(check(_proposal(), "NO")) == []


def test_an_account_number_failing_its_check_read_by_ocr_is_emptied_never_repaired():
    p = check(_proposal(source="ocr", vendor_account_no="86011117948"), "NO")
    assert p.value("vendor_account_no") is None
    assert [(pr.code, pr.field) for pr in p.problems] == [("OCR-INVALID-ACCOUNT", "vendor_account_no")]


def test_an_iban_failing_its_check_digits_that_ocr_proposed_is_kept_as_printed_never_repaired():
    # ocr/parties.py proposes such an IBAN from a scan only when read clearly after its label
    p = check(_proposal(source="ocr", vendor_iban="NO9386011117948"), "NO")
    assert p.value("vendor_iban") == "NO9386011117948" and p.fields["vendor_iban"].confidence < Decimal("0.5")
    assert [(pr.code, pr.field) for pr in p.problems] == [("OCR-INVALID-IBAN", "vendor_iban")]


def test_an_ocr_due_date_over_a_year_after_the_invoice_date_is_emptied_as_a_misread_year():
    p = check(_proposal(source="ocr", invoice_date="2018-10-31", due_date="2048-11-30"), "NO")
    assert p.value("due_date") is None
    assert "OCR-DUE-IMPLAUSIBLE" in codes(p)
    printed = check(_proposal(invoice_date="2018-10-31", due_date="2048-11-30"), "NO")
    assert printed.value("due_date") == "2048-11-30"  # the text layer's own characters are kept


def test_an_iban_failing_its_check_digits_in_the_text_layer_is_kept_as_printed_and_flagged():
    p = check(_proposal(vendor_iban="NO93 8601 1117 948"), "NO")
    assert p.value("vendor_iban") == "NO9386011117948" and p.fields["vendor_iban"].confidence < Decimal("0.5")
    assert [(pr.code, pr.field) for pr in p.problems] == [("OCR-INVALID-IBAN", "vendor_iban")]


def test_a_kid_failing_mod10_and_mod11_is_flagged():
    p = check(_proposal(source="ocr", payment_reference="1234567890"), "NO")
    assert p.value("payment_reference") is None
    assert "OCR-INVALID-PAYMENT-REFERENCE" in codes(p)


def test_a_dutch_payment_reference_is_checked_as_betalingskenmerk():
    assert check(_proposal(payment_reference="3500000000000001"), "NL").value("payment_reference") == \
        "3500000000000001"


def test_net_plus_vat_not_equal_to_gross_is_a_totals_mismatch():
    assert "OCR-TOTALS-MISMATCH" in codes(check(_proposal(gross_amount="126.00"), "NO"))


def test_lines_not_adding_up_to_net_are_reported():
    p = _proposal()
    p.lines = [ProposalLine("a", Decimal(1), None, Decimal("60"), None, Decimal(25), Decimal("60.00"))]
    assert "OCR-LINES-MISMATCH" in codes(check(p, "NO"))


def test_quantity_times_price_must_give_the_line_amount():
    p = _proposal()
    p.lines = [ProposalLine("a", Decimal(2), None, Decimal("40"), None, Decimal(25), Decimal("100.00"))]
    assert "OCR-LINE-AMOUNT-MISMATCH" in codes(check(p, "NO"))


def test_a_vat_rate_not_legal_in_norway_is_reported():
    def with_21_percent():
        p = _proposal(vat_amount="21.00", gross_amount="121.00")
        p.vat_groups = [VatGroup(Decimal(21), Decimal("100.00"), Decimal("21.00"))]
        return p

    assert codes(check(with_21_percent(), "NO")) == ["OCR-VAT-RATE-ILLEGAL"]
    assert codes(check(with_21_percent(), "NL")) == []


def test_due_date_before_invoice_date_is_reported():
    assert "OCR-DUE-BEFORE-INVOICE" in codes(check(_proposal(due_date="2026-11-01"), "NO"))


def test_missing_required_field_names_the_field():
    p = check(_proposal(invoice_no=None), "NO")
    assert [(pr.code, pr.params["field"]) for pr in p.problems] == [("OCR-MISSING-FIELD", "invoice_no")]


def test_confirmed_totals_gain_confidence_and_xml_keeps_full_confidence():
    p = check(_proposal(), "NO")
    assert p.fields["gross_amount"].confidence >= Decimal("0.9")
    x = check(_proposal(source="xml"), "NO")
    assert x.fields["gross_amount"].confidence == Decimal("0.8")  # checks never rewrite xml confidence
