import pytest

from domain import identifiers as ids


def test_valid_norwegian_org_no_and_mva_are_returned_compact():
    assert ids.org_no("974 760 673") == "974760673"
    assert ids.mva_no("974760673") == "NO974760673MVA"
    assert ids.vat_id("no 974 760 673 mva") == "NO974760673MVA"


@pytest.mark.parametrize("fn,value,code", [
    (ids.org_no, "974760674", "ID-INVALID-ORGNR"),
    (ids.vat_id, "NO974760674MVA", "ID-INVALID-MVA"),
    (ids.btw_no, "NL004495446B01", "ID-INVALID-BTW"),
    (ids.iban, "NO9386011117948", "ID-INVALID-IBAN"),
    (ids.kvk_no, "1234567", "ID-INVALID-KVK"),
    (ids.kid, "12345678", "ID-INVALID-KID"),
    (ids.betalingskenmerk, "1000000123456789", "ID-INVALID-BETALINGSKENMERK"),
])
def test_identifier_failing_its_check_is_refused_with_a_stable_code(fn, value, code):
    with pytest.raises(ids.IdentifierError) as err:
        fn(value)
    assert err.value.code == code


def test_generated_kid_passes_mod10_and_mod11_checks():
    assert ids.kid(ids.kid_generate("1234567", "mod10")) == "12345674"
    mod11 = ids.kid_generate("99887766", "mod11")
    assert ids.kid(mod11) == mod11


def test_generated_betalingskenmerk_is_sixteen_digits_and_valid():
    value = ids.betalingskenmerk_generate("2026000123")
    assert len(value) == 16
    assert ids.betalingskenmerk(value) == value


def test_vendor_invoice_numbers_compare_without_case_spaces_and_dashes():
    assert ids.normalise_document_no("inv-2026 / 0042") == ids.normalise_document_no("INV20260042")


def test_a_remembered_refusal_keeps_its_text_not_the_exception_and_its_frames():
    from domain.identifiers import IdentifierError, _validated, iban

    for _ in range(2):  # the second answer comes from the cache
        try:
            iban("DE75123456780000001234")
        except IdentifierError as exc:
            assert exc.code == "ID-INVALID-IBAN" and "invalid IBAN" in str(exc)
            assert exc.__cause__ is None
        else:
            raise AssertionError("an IBAN failing its check was accepted")
    from stdnum import iban as stdnum_iban
    checked, error = _validated(stdnum_iban.validate, "DE75123456780000001234")
    assert checked is None and isinstance(error, str) and error
