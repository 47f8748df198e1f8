"""Identifiers that fail their check digit (issue 14), on small synthetic invoice texts.

Read from the text layer right after their own label they are kept as printed and flagged;
read by OCR they are kept the same way only when OCR read every word of them clearly, else
emptied; a valid identifier of the same kind always wins."""

from decimal import Decimal

from ocr.checks import check
from ocr.fields import extract_fields
from ocr.layout import group_lines
from tests.fixtures.ocr_samples import fields_from_text, words_from_text

DE = """\
Muster Lieferant GmbH                                 RECHNUNG
Hauptstr. 1, 80333 München                            Rechnungsnummer:   471102
                                                      Rechnungsdatum:    05.03.2026
Rechnungssumme netto                                  100,00
Umsatzsteuer 19 %                                     19,00
Rechnungsbetrag                                       119,00 EUR

USt-IdNr.: {vat}     IBAN: {iban}
"""


def _codes(p):
    return {(pr.code, pr.field) for pr in p.problems}


def test_a_labelled_vat_id_and_iban_failing_their_checks_are_kept_as_printed_and_flagged():
    p = fields_from_text(DE.format(vat="DE123456789", iban="DE12 1234 5678 9012 3456 78"))
    assert p.value("vendor_vat_id") == "DE123456789"
    assert p.value("vendor_iban") == "DE12123456789012345678"
    assert p.fields["vendor_vat_id"].confidence < Decimal("0.5")
    assert {("OCR-INVALID-VAT-ID", "vendor_vat_id"), ("OCR-INVALID-IBAN", "vendor_iban")} <= _codes(p)


def test_the_same_values_read_by_ocr_with_low_confidence_are_emptied():
    text = DE.format(vat="DE123456789", iban="DE12 1234 5678 9012 3456 78")
    words = words_from_text(text, conf={"DE123456789": 60.0, "1234": 70.0})
    p = check(extract_fields(group_lines(words), "ocr"))
    assert p.value("vendor_vat_id") is None and p.value("vendor_iban") is None


def test_the_same_values_read_clearly_by_ocr_are_kept_as_printed_and_flagged():
    text = DE.format(vat="DE123456789", iban="DE12 1234 5678 9012 3456 78")
    p = check(extract_fields(group_lines(words_from_text(text, conf=91.0)), "ocr"))
    assert (p.value("vendor_vat_id"), p.value("vendor_iban")) == ("DE123456789", "DE12123456789012345678")
    assert p.fields["vendor_iban"].confidence < Decimal("0.5")
    assert {("OCR-INVALID-VAT-ID", "vendor_vat_id"), ("OCR-INVALID-IBAN", "vendor_iban")} <= _codes(p)


def test_a_valid_vat_id_read_by_ocr_with_very_low_confidence_makes_the_field_abstain():
    # "DE232567891" passes the German check digit yet is a misread of DE234567891 (read at 20)
    text = DE.format(vat="DE232567891", iban="")
    p = check(extract_fields(group_lines(words_from_text(text, conf={"DE232567891": 20.0})), "ocr"))
    assert p.value("vendor_vat_id") is None
    clear = check(extract_fields(group_lines(words_from_text(text, conf=90.0)), "ocr"))
    assert clear.value("vendor_vat_id") == "DE232567891"


def test_an_iban_failing_its_check_wrapped_to_the_line_after_its_label_is_kept_as_printed():
    text = DE.format(vat="", iban="") + "Bitte überweisen Sie auf folgende Bankverbindung: IBAN\nDE75123456780000001234, BIC WELADED1MST\n"
    p = fields_from_text(text)
    assert p.value("vendor_iban") == "DE75123456780000001234"
    assert ("OCR-INVALID-IBAN", "vendor_iban") in _codes(p)


def test_valid_identifiers_are_read_unflagged():
    p = fields_from_text(DE.format(vat="DE136695976", iban="DE88 2008 0000 0970 3757 00"))
    assert (p.value("vendor_vat_id"), p.value("vendor_iban")) == ("DE136695976", "DE88200800000970375700")
    assert not any(pr.code.startswith("OCR-INVALID") for pr in p.problems)


def test_an_unlabelled_string_failing_the_check_is_not_an_identifier():
    p = fields_from_text(DE.format(vat="", iban="") + "Lieferschein DE123456789\n")
    assert p.value("vendor_vat_id") is None and p.value("vendor_iban") is None


def test_a_valid_vat_id_wins_over_a_labelled_one_failing_its_check():
    text = DE.format(vat="DE123456789", iban="") + "Steuer: USt-ID DE136695976\n"
    assert fields_from_text(text).value("vendor_vat_id") == "DE136695976"


def test_an_iban_whose_check_digit_0_ocr_read_as_the_letter_o_is_read_when_it_then_passes():
    def ocr_iban(iban: str):
        text = DE.format(vat="DE136695976", iban=iban)
        return check(extract_fields(group_lines(words_from_text(text, conf=90.0)), "ocr")).value("vendor_iban")
    assert ocr_iban("NLO4 ABNA 5026 6514 56") == "NL04ABNA5026651456"
    assert ocr_iban("NLO5 ABNA 5026 6514 56") is None  # NL05... fails the check: a misread, not taken
