"""The options every report shares (issue 18, item 6), on SQLite and PostgreSQL: ``--from``/``--to``
keep the entries posted in the period (the trial balance gives the balance at --to and the net
change in the period, as BC's Trial Balance by period), and ``--csv``/``--xlsx`` write the same
rows and amounts as ``--json``: CSV as exact text, the workbook with numbers as numbers and dates
as dates. A reversed range, a bad date or a file that cannot be written is refused (exit 2) and
writes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from flows.cli import app as cli
from tests.support.documents import gl_line, invoice, item_line

runner = CliRunner()
OCTOBER = ("--from", "2026-10-01", "--to", "2026-10-31")
#: the reports about the entries of a period, with the options they need
PERIOD_REPORTS = [["trial-balance"], ["gl-entries"], ["vendor-ledger"], ["vat-entries"], ["item-ledger"],
                  ["item-application", "--item", "1000"], ["value-entries"], ["customer-ledger"]]
#: snapshots (no period), each with what its --json output holds as rows
SNAPSHOT_REPORTS = [["inventory"], ["inventory-reconciliation"], ["inventory-valuation", "--as-of", "2026-10-31"],
                    ["cost-adjustment-runs"], ["availability"], ["availability", "--item", "1000", "--by", "month"],
                    ["inventory-valuation", "--from", "2026-10-01", "--to", "2026-10-31", "--by-location"]]


def run(db_url, *args):
    return runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", *args])


def sale(app, date, quantity):
    draft = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "document_date": date, "posting_date": date,
        "lines": [{"type": "item", "no": "1000", "quantity": quantity, "unit_price": "250.00",
                   "location": "MAIN"}]})
    result = sales_posting.post(app, draft)
    assert not hasattr(result, "problems"), [(p.code, p.params) for p in result.problems]
    return result


def two_months(app):
    """September and October: purchases of item 1000 (with a G/L line), sales of it."""
    for date, quantity, cost, description in (("2026-09-10", "10", "100.00", "Frakt september"),
                                              ("2026-10-05", "5", "120.00", "=HYPERLINK(\"http://x\")")):
        data = invoice("V10000", lines=[item_line("1000", quantity, cost), gl_line("6800", "300.00",
                                                                                    description=description)],
                       posting_date=date, document_date=date)
        assert purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no
    assert sale(app, "2026-09-20", "3").invoice_no
    assert sale(app, "2026-10-20", "4").invoice_no
    sales_documents.create_document(app, {  # an open order: availability has an event to project
        "document_type": "order", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-12-01", "lines": [{"type": "item", "no": "1000", "quantity": "2",
                                                 "unit_price": "250.00", "location": "MAIN"}]})
    assert cost_adjustment.adjust(app, all_items=True)  # a cost adjustment run to report


def as_json(db_url, *args):
    result = run(db_url, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def rows_of(report: list[str], data):
    """The rows a report's --json holds (availability --by and vat-return wrap them)."""
    if "--by" in report:
        return data["rows"]
    if report[0] == "vat-return":
        return data["boxes"]
    return data


def in_october(day: str) -> bool:
    return "2026-10-01" <= day <= "2026-10-31"


@pytest.fixture
def posted(app, db_url):
    two_months(app)
    return db_url


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the files (the SQLite database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("report", PERIOD_REPORTS[1:], ids=lambda r: r[0])
def test_from_and_to_keep_the_entries_posted_in_the_period(posted, report):
    every = as_json(posted, *report)
    date_key = "posting_date"
    assert any(in_october(r[date_key]) for r in every) and any(r[date_key] < "2026-10-01" for r in every)
    october = as_json(posted, *report, *OCTOBER)
    assert october == [r for r in every if in_october(r[date_key])]
    assert as_json(posted, *report, "--to", "2026-09-30") == [r for r in every if r[date_key] <= "2026-09-30"]
    assert as_json(posted, *report, "--from", "2026-10-21") == [r for r in every if r[date_key] >= "2026-10-21"]


def test_trial_balance_by_period_gives_the_balance_at_to_and_the_net_change_in_the_period(posted):
    entries = as_json(posted, "gl-entries")

    def total(account, first, last, key):
        return sum((D(e[key]) for e in entries if e["gl_account_no"] == account and first <= e["posting_date"] <= last),
                   D(0))

    october = {r["account_no"]: r for r in as_json(posted, "trial-balance", *OCTOBER)}
    assert "6800" in october and october["6800"]["name"]
    for account, row in october.items():
        assert D(row["debit"]) == total(account, "", "2026-10-31", "debit_amount")
        assert D(row["credit"]) == total(account, "", "2026-10-31", "credit_amount")
        assert D(row["balance"]) == D(row["debit"]) - D(row["credit"])
        assert D(row["net_change_debit"]) == total(account, "2026-10-01", "2026-10-31", "debit_amount")
        assert D(row["net_change_credit"]) == total(account, "2026-10-01", "2026-10-31", "credit_amount")
        assert D(row["net_change"]) == D(row["net_change_debit"]) - D(row["net_change_credit"])
    assert D(october["6800"]["balance"]) == D("600.00") and D(october["6800"]["net_change"]) == D("300.00")
    september = {r["account_no"]: r for r in as_json(posted, "trial-balance", "--to", "2026-09-30")}
    assert D(september["6800"]["balance"]) == D(september["6800"]["net_change"]) == D("300.00")
    every = as_json(posted, "trial-balance")  # no period: the balance and the net change of every entry
    assert all(r["balance"] == r["net_change"] for r in every) and len(every) == len(october)


def test_inventory_valuation_by_period_gives_the_opening_the_increases_and_the_decreases(posted):
    def valuation(*args):
        return {r["item_no"]: r for r in as_json(posted, "inventory-valuation", "--item", "1000", *args)}["1000"]

    october = valuation(*OCTOBER)
    end_of_september, end_of_october = valuation("--as-of", "2026-09-30"), valuation("--as-of", "2026-10-31")
    assert tuple(D(october[k]) for k in ("opening_quantity", "increase_quantity", "decrease_quantity", "quantity")) \
        == (7, 5, 4, 8)  # 10 bought - 3 sold; 5 bought, 4 sold in October
    assert D(october["opening_value"]) == D(end_of_september["value"])
    assert D(october["value"]) == D(end_of_october["value"]) == (
        D(october["opening_value"]) + D(october["increase_value"]) - D(october["decrease_value"]))
    assert D(october["increase_value"]) == D("600.00") and D(october["decrease_value"]) > 0
    assert valuation("--to", "2026-10-31") == end_of_october  # --to is --as-of
    assert "opening_quantity" not in end_of_october  # the report as it was without --from
    twice = run(posted, "inventory-valuation", "--as-of", "2026-10-31", "--to", "2026-10-30")
    assert twice.exit_code == 2 and "REPORT-END-GIVEN-TWICE" in twice.output
    neither = run(posted, "inventory-valuation", "--from", "2026-10-01")
    assert neither.exit_code == 2 and "CLI-MISSING-OPTION" in neither.output


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        return next(reader), list(reader)


def as_text(value) -> str:
    """A --json value as the CSV holds it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "@")) else text


def same_value(cell, value) -> bool:
    """A workbook cell holds the --json value: a number as a number, a date as a date."""
    if value is None:
        return cell.value is None
    if isinstance(value, bool):
        return cell.value is value
    if isinstance(cell.value, dt.datetime):
        assert cell.is_date
        shown = cell.value.date().isoformat() if len(value) == 10 else cell.value.isoformat()
        return value.startswith(shown)
    if isinstance(cell.value, (int, float)):
        assert cell.data_type == "n"
        return D(str(cell.value)) == D(value)
    return cell.value == value


@pytest.mark.parametrize("report", PERIOD_REPORTS + SNAPSHOT_REPORTS + [["vat-return", "--period", "2026-10"]],
                         ids=lambda r: " ".join(r[:1] + r[3:]))
def test_csv_and_xlsx_hold_the_rows_and_amounts_of_json(posted, report, out):
    period = list(OCTOBER) if report in PERIOD_REPORTS else []
    book, sheet_csv = out / "report.xlsx", out / "report.csv"
    files = ["--csv", str(sheet_csv)] + ([] if report[0] == "vat-return" else ["--xlsx", str(book)])
    result = run(posted, *report, *period, "--json", *files)
    assert result.exit_code == 0, result.output
    rows = rows_of(report, json.loads(result.output))
    assert rows, "the report has rows to compare"
    keys = list(rows[0])
    header, lines = csv_rows(sheet_csv)
    assert header == keys
    assert lines == [[as_text(row[k]) for k in keys] for row in rows]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.rsplit("/", 1)[-1] for p in files[1::2])
    if report[0] == "vat-return":
        return
    sheet = load_workbook(book).active
    table = list(sheet.iter_rows())
    assert [c.value for c in table[0]] == keys
    assert len(table) == len(rows) + 1
    for cells, row in zip(table[1:], rows):
        for cell, key in zip(cells, keys):
            assert same_value(cell, row[key]), (key, cell.value, row[key])
            if isinstance(cell.value, (int, float)) and "." in str(row[key]):
                assert cell.number_format.startswith("#,##0.00"), (key, cell.number_format)


def test_a_formula_in_a_vendors_text_stays_text_in_both_files(posted, out):
    book, sheet_csv = out / "gl.xlsx", out / "gl.csv"
    assert run(posted, "gl-entries", "--account", "6800", "--csv", str(sheet_csv), "--xlsx", str(book)).exit_code == 0
    header, lines = csv_rows(sheet_csv)
    descriptions = [line[header.index("description")] for line in lines]
    assert "'=HYPERLINK(\"http://x\")" in descriptions
    cells = [row[header.index("description")] for row in load_workbook(book).active.iter_rows(min_row=2)]
    formula = [c for c in cells if c.value == "=HYPERLINK(\"http://x\")"]
    assert formula and formula[0].data_type == "s"


@pytest.mark.parametrize("args, code", [
    (("--from", "2026-10-31", "--to", "2026-10-01"), "REPORT-PERIOD-REVERSED"),
    (("--from", "2026-13-01"), "IMPORT-INVALID-DATE"),
    (("--to", "31.10.2026"), "IMPORT-INVALID-DATE"),
], ids=["reversed", "month-13", "not-iso"])
def test_a_reversed_range_or_a_bad_date_is_refused_and_writes_nothing(posted, out, args, code):
    kept = out / "kept.csv"
    kept.write_text("as it was\n", encoding="utf-8")
    for report in PERIOD_REPORTS:
        result = run(posted, *report, *args, "--csv", str(kept), "--xlsx", str(out / "new.xlsx"))
        assert result.exit_code == 2 and code in result.output, (report, result.output)
        assert "Traceback" not in result.output
    assert kept.read_text(encoding="utf-8") == "as it was\n" and [p.name for p in out.iterdir()] == ["kept.csv"]


def test_a_file_that_cannot_be_written_is_refused_before_anything_is_written(posted, out):
    missing = run(posted, "gl-entries", "--csv", str(out / "out.csv"), "--xlsx", str(out / "no" / "x.xlsx"))
    assert missing.exit_code == 2 and "REPORT-OUT-DIR-MISSING" in missing.output
    folder = run(posted, "vat-return", "--period", "2026-10", "--close", "--csv", str(out))
    assert folder.exit_code == 2 and "REPORT-OUT-IS-FOLDER" in folder.output
    assert list(out.iterdir()) == []
    assert as_json(posted, "vat-return", "--period", "2026-10")["closed"] is False  # the refusal closed nothing
