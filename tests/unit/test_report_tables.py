"""flows.tables: report rows to CSV and XLSX files, whole or not at all (issue 18, item 6)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from domain.date_range import DateRange
from domain.problems import DomainError
from flows import tables

ROWS = [{"entry_no": 1, "posting_date": dt.date(2026, 10, 5), "amount": D("1234567.891234"), "open": True,
         "description": "@SUM(A1)", "note": None},
        {"entry_no": 2, "posting_date": dt.date(2026, 10, 6), "amount": D("-0.10"), "open": False,
         "description": "Frakt\x01 oktober", "note": "x", "extra": D("5")}]


def test_csv_prints_decimals_exactly_and_defuses_formulas(tmp_path):
    path = tmp_path / "rows.csv"
    tables.write_csv(ROWS, path)
    with open(path, encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    assert lines == [["entry_no", "posting_date", "amount", "open", "description", "note", "extra"],
                     ["1", "2026-10-05", "1234567.891234", "true", "'@SUM(A1)", "", ""],
                     ["2", "2026-10-06", "-0.10", "false", "Frakt\x01 oktober", "x", "5"]]


def test_xlsx_holds_numbers_with_their_decimals_dates_as_dates_and_text_as_text(tmp_path):
    path = tmp_path / "rows.xlsx"
    tables.write_xlsx(ROWS, path, "G/L entries: [Oct]")
    sheet = load_workbook(path).active
    assert sheet.title == "G L entries   Oct "
    header, first, second = list(sheet.iter_rows())
    assert [c.value for c in header] == list(ROWS[1])
    assert first[0].value == 1 and first[0].number_format == "General"
    assert first[1].is_date and first[1].value == dt.datetime(2026, 10, 5)
    assert D(str(first[2].value)) == D("1234567.891234") and first[2].number_format == "#,##0.000000"
    assert first[3].value is True and first[4].value == "@SUM(A1)" and first[4].data_type == "s"
    assert second[4].value == "Frakt oktober"  # a character XML cannot hold is left out
    assert second[6].value == 5 and second[6].number_format == "#,##0"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "kept.csv"
    path.write_text("old\n", encoding="utf-8")

    def broken(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(DomainError) as refused:
        tables.write_atomically(path, broken)
    assert refused.value.code == "REPORT-WRITE-FAILED" and refused.value.params["reason"] == "No space left on device"
    assert path.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["kept.csv"]


def test_a_missing_folder_or_a_folder_is_refused(tmp_path):
    for target, code in ((tmp_path / "no" / "x.csv", "REPORT-OUT-DIR-MISSING"), (tmp_path, "REPORT-OUT-IS-FOLDER")):
        with pytest.raises(DomainError) as refused:
            tables.write_csv(ROWS, target)
        assert refused.value.code == code


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(DomainError) as refused:
        DateRange(dt.date(2026, 10, 31), dt.date(2026, 10, 1))
    assert refused.value.code == "REPORT-PERIOD-REVERSED"
    assert refused.value.params == {"field": "--from", "date_from": "2026-10-31", "date_to": "2026-10-01"}
    assert DateRange(dt.date(2026, 10, 1), dt.date(2026, 10, 1)).until_end() == DateRange(None, dt.date(2026, 10, 1))
