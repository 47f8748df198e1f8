"""Reading untrusted values: what does not fit a column is a problem with a code, never a
value the database (or a date formula) chokes on later."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.parse import Reader, at_position
from domain.problems import Problem


@pytest.mark.parametrize("value", ["9999-12-31", "1999-12-31", "2100-01-01"])
def test_a_date_outside_the_accepted_years_is_a_problem(value):
    r = Reader({"posting_date": value})
    assert r.date("posting_date", default=dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert [(p.code, p.field, p.params["value"]) for p in r.problems] == [
        ("IMPORT-DATE-OUT-OF-RANGE", "posting_date", value)]


def test_dates_at_the_edges_of_the_accepted_years_are_read():
    r = Reader({"a": "2000-01-01", "b": "2099-12-31"})
    assert (r.date("a"), r.date("b"), r.problems) == (dt.date(2000, 1, 1), dt.date(2099, 12, 31), [])


@pytest.mark.parametrize("value", [10**30, str(2**31), -(2**31) - 1])
def test_an_integer_beyond_the_integer_column_is_a_problem(value):
    r = Reader({"assign_to_entry": value}, "lines[1]")
    assert r.integer("assign_to_entry") is None
    assert [(p.code, p.field) for p in r.problems] == [("IMPORT-NUMBER-TOO-LARGE", "lines[1].assign_to_entry")]


def test_integers_within_the_integer_column_are_read():
    r = Reader({"a": 2**31 - 1, "b": "-5"})
    assert (r.integer("a"), r.integer("b"), r.problems) == (2**31 - 1, -5, [])


def test_more_decimals_than_the_column_holds_is_a_problem_not_a_rounding():
    r = Reader({"quantity": "0.1234567"})
    assert r.decimal("quantity", places=5, default=Decimal(0)) == Decimal(0)
    assert [p.code for p in r.problems] == ["IMPORT-TOO-MANY-DECIMALS"]


def test_problems_of_a_record_in_a_list_name_its_position():
    problems = at_position([Problem("X", "lines[1].quantity", {"a": 1}), Problem("Y")], 3)
    assert [(p.code, p.field, p.params) for p in problems] == [("X", "[3].lines[1].quantity", {"a": 1}),
                                                               ("Y", "[3]", {})]


# --- the shape of a record: its keys and the columns that bound its text -------------------------

from domain import identifiers as ids  # noqa: E402
from domain.parse import Shape, unknown_keys  # noqa: E402
from domain.purchasing.documents import HEADER_SHAPE, LINE_SHAPE  # noqa: E402
from domain.purchasing.model import PurchaseHeader, PurchaseLine  # noqa: E402


def test_a_key_the_shape_does_not_name_is_a_problem_and_a_typo_names_the_key_it_is_close_to():
    r = Reader({"type": "item", "direct_unit_cst": "5", "special_order": True}, "lines[1]", LINE_SHAPE)
    assert [(p.code, p.field, p.params.get("suggestion")) for p in r.problems] == [
        ("IMPORT-MISSPELLED-KEY", "lines[1].direct_unit_cst", "direct_unit_cost"),
        ("IMPORT-UNKNOWN-KEY", "lines[1].special_order", None)]
    assert "direct_unit_cost" in r.problems[1].params["allowed"]


def test_a_csv_row_longer_than_its_header_is_an_unknown_key_not_a_crash():
    assert [p.code for p in unknown_keys({"a": "1", None: ["x"]}, {"a"}, "rows[1]")] == ["IMPORT-UNKNOWN-KEY"]


def test_text_limits_are_the_lengths_of_the_columns_it_lands_in():
    assert (LINE_SHAPE.max_length("description"), LINE_SHAPE.max_length("unit_of_measure"),
            LINE_SHAPE.max_length("location"), HEADER_SHAPE.max_length("vendor_invoice_no"),
            HEADER_SHAPE.max_length("currency"), LINE_SHAPE.max_length("quantity")) == (
        PurchaseLine.description.type.length, PurchaseLine.unit_of_measure.type.length,
        PurchaseLine.location_code.type.length, PurchaseHeader.vendor_invoice_no.type.length,
        PurchaseHeader.currency_code.type.length, None)


@pytest.mark.parametrize("value, code", [("x" * 251, "IMPORT-TEXT-TOO-LONG"), ("a\x00b", "IMPORT-CONTROL-CHARACTER"),
                                         ("a\x1bb", "IMPORT-CONTROL-CHARACTER")])
def test_text_that_does_not_fit_or_holds_a_control_character_is_a_problem_never_cut(value, code):
    r = Reader({"description": value}, "lines[1]", LINE_SHAPE)
    assert r.text("description", default="kept") == "kept"
    assert [(p.code, p.field) for p in r.problems] == [(code, "lines[1].description")]


def test_text_that_fits_with_tabs_and_line_breaks_is_read():
    r = Reader({"description": "x" * 250, "no": "  1000\t"}, "", LINE_SHAPE)
    assert (r.text("description"), r.text("no"), r.problems) == ("x" * 250, "1000", [])


def test_reading_a_key_the_shape_does_not_name_is_a_bug():
    with pytest.raises(AssertionError):
        Reader({}, "", Shape({"a"})).text("b")


@pytest.mark.parametrize("value, expected", [("14D", dt.date(2026, 11, 24)), ("CM", dt.date(2026, 11, 30)),
                                             ("1M+1W", dt.date(2026, 12, 17)), ("2026-12-01", dt.date(2026, 12, 1))])
def test_a_date_field_takes_a_date_formula_counted_from_its_base(value, expected):
    r = Reader({"due_date": value})
    assert (r.date_or_formula("due_date", dt.date(2026, 11, 10)), r.problems) == (expected, [])


@pytest.mark.parametrize("value, code", [("14X", "IMPORT-INVALID-DATE"), ("2026-13-01", "IMPORT-INVALID-DATE"),
                                         ("1000Y", "IMPORT-DATE-OUT-OF-RANGE")])
def test_neither_a_date_nor_a_formula_is_a_problem(value, code):
    r = Reader({"due_date": value})
    assert r.date_or_formula("due_date", dt.date(2026, 11, 10)) is None
    assert [p.code for p in r.problems] == [code]


def test_an_identifier_is_checked_and_compacted():
    r = Reader({"iban": "NO93 8601 1117 947", "bad": "NO0000000000000", "account": "8601 11 17947"})
    assert (r.identifier("iban", ids.bank_account), r.identifier("account", ids.bank_account)) == (
        "NO9386011117947", "86011117947")
    assert r.identifier("bad", ids.bank_account) is None
    assert [(p.code, p.field) for p in r.problems] == [("ID-INVALID-IBAN", "bad")]


@pytest.mark.parametrize("key, code", [("vendor_iban", "IMPORT-UNKNOWN-KEY"), ("quantiy", "IMPORT-MISSPELLED-KEY"),
                                       ("locaton", "IMPORT-MISSPELLED-KEY"), ("reserve", "IMPORT-UNKNOWN-KEY")])
def test_only_a_near_miss_is_called_a_typo(key, code):
    assert [p.code for p in unknown_keys({key: "1"}, {"vendor_no", "quantity", "location"})] == [code]
