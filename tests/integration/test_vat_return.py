"""The VAT return on SQLite and PostgreSQL: the Norwegian MVA-melding by standard tax code and the
Dutch btw-aangifte by rubriek after a month of purchases (domestic and reverse charge) and sales
(invoice and credit memo), agreeing with the VAT accounts; closing a VAT period refuses later
postings into it."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.compliance import vat_return as vr
from domain.ledger.model import GLEntry
from domain.problems import DomainError, RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from flows.cli import app as cli
from tests.support.approvals import as_user
from tests.support.documents import credit_memo, gl_line, invoice


def purchase(app, data):
    return purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no


def sale(app, date, quantity="3", document_type="invoice"):
    draft = sales_documents.create_document(app, {
        "document_type": document_type, "customer_no": "C10000", "document_date": date, "posting_date": date,
        "lines": [{"type": "item", "no": "9000", "quantity": quantity, "unit_price": "950.00"}]})
    return sales_posting.post(app, draft)


def october(app, expense):
    purchase(app, invoice("V10000", lines=[gl_line(expense, "1000.00")], posting_date="2026-10-10"))
    purchase(app, invoice("V90000", lines=[gl_line(expense, "400.00")], posting_date="2026-10-11"))
    purchase(app, credit_memo("V10000", lines=[gl_line(expense, "100.00")], posting_date="2026-10-12"))
    sale(app, "2026-10-20")
    sale(app, "2026-10-21", quantity="1", document_type="credit_memo")
    sale(app, "2026-11-02")  # another period: not in October's return
    purchase(app, invoice("V10000", lines=[gl_line(expense, "80.00", vat="ZERO")], posting_date="2026-10-13"))


def boxes(result) -> dict:
    return {b["code"]: (b["base"], b["vat"]) for b in result.boxes}


def vat_account_balance(app, accounts, start, end) -> D:
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(
            GLEntry.gl_account_no.in_(accounts),
            GLEntry.posting_date.between(dt.date.fromisoformat(start), dt.date.fromisoformat(end)))) or D(0)


def test_norwegian_mva_melding_by_standard_tax_code_agrees_with_the_vat_accounts(app):
    october(app, "6800")
    result = vr.vat_return(app, "2026-10")
    assert boxes(result) == {
        "3": (D("1900.00"), D("475.00")),       # 2 850 invoiced - 950 credited, 25 %
        "86": (D("400.00"), D("100.00")),       # services bought abroad: computed output VAT ...
        "1": (D("900.00"), D("225.00")),        # 1 000 - 100 credited by the vendor
        "86-D": (D("400.00"), D("100.00")),     # ... and its deduction
    }
    assert (result.output_vat, result.deductible_vat, result.payable) == (D("575.00"), D("325.00"), D("250.00"))
    accounts = ["2700", "2701", "2702", "2705", "2710", "2711", "2712", "2715"]
    assert vat_account_balance(app, accounts, "2026-10-01", "2026-10-31") == D("-250.00")
    assert result.agrees and result.vat_accounts_movement == D("-250.00") and result.entries == 6


def test_dutch_btw_aangifte_by_rubriek_agrees_with_the_vat_accounts(app_nl):
    october(app_nl, "4300")
    result = vr.vat_return(app_nl, "2026-10")
    got = boxes(result)
    assert list(got) == ["1a", "1b", "1c", "1e", "2a", "3a", "3b", "4a", "4b", "5a", "5b", "5c"]
    assert got["1a"] == (D("1900.00"), D("399.00"))
    assert got["4b"] == (D("400.00"), D("84.00"))  # reverse charge from a German vendor
    assert got["5a"][1] == D("483.00") and got["5b"][1] == D("273.00") and got["5c"][1] == D("210.00")
    assert got["1b"] == got["3b"] == (D(0), D(0))
    assert vat_account_balance(app_nl, ["1500", "1505", "1510", "1520"], "2026-10-01", "2026-10-31") == D("-210.00")
    assert result.agrees


def test_a_quarter_and_a_norwegian_term_cover_their_months(app):
    october(app, "6800")
    october_, november = vr.vat_return(app, "2026-10").payable, vr.vat_return(app, "2026-11").payable
    assert vr.vat_return(app, "2026-Q4").payable == october_ + november
    assert vr.vat_return(app, "2026-T6").payable == november and vr.vat_return(app, "2026-T5").payable == october_
    assert vr.vat_return(app, "2026-09").boxes == []
    for bad in ("2026-13", "2026-Q5", "26-10", ""):
        with pytest.raises(DomainError) as refused:
            vr.vat_return(app, bad)
        assert refused.value.code == "VAT-INVALID-PERIOD"


def test_closing_a_vat_period_refuses_later_postings_into_it(app):
    october(app, "6800")
    with pytest.raises(DomainError) as denied:
        vr.close_period(as_user(app, "ola"), "2026-10")  # ola has no setup.change
    assert denied.value.code == "AUTH-PERMISSION-DENIED"
    closed = vr.close_period(app, "2026-10")
    assert closed.closed and vr.vat_return(app, "2026-10").closed
    with pytest.raises(RejectedError) as refused:
        sale(app, "2026-10-31")
    assert refused.value.rejected.codes == ["VAT-PERIOD-CLOSED"]
    late = purchase_documents.create_document(app, invoice("V10000", lines=[gl_line("6800", "50.00")],
                                                           posting_date="2026-10-05"))
    assert purchase_posting.post_document(app, late).codes == ["VAT-PERIOD-CLOSED"]  # returned, as the flows expect
    assert vr.vat_return(app, "2026-10").payable == D("250.00")  # nothing reached the closed period
    assert sale(app, "2026-11-01").invoice_no  # the open period still posts
    for period, code in (("2026-09", "VAT-PERIOD-ALREADY-CLOSED"), ("2026-11", "VAT-PERIOD-NOT-ENDED")):
        with pytest.raises(DomainError) as refused:
            vr.close_period(app, period)
        assert refused.value.code == code


def test_cli_prints_json_writes_xlsx_and_closes(app, db_url, tmp_path):
    october(app, "6800")
    runner = CliRunner()
    shown = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "vat-return", "--period", "2026-10",
                                "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert (data["payable"], data["agrees_with_vat_accounts"], data["closed"]) == ("250.00", True, False)
    book = tmp_path / "mva.xlsx"
    written = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "vat-return", "--period", "2026-10",
                                  "--xlsx", str(book), "--close"])
    assert written.exit_code == 0, written.output
    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    assert ("3", "Utgående merverdiavgift, alminnelig sats (25 %)", D("1900.00"), D("475.00")) in [
        tuple(D(str(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in row) for row in rows]
    assert ("closed", None, None, True) in rows
    again = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "vat-return", "--period", "2026-10",
                                "--close"])
    assert again.exit_code == 2 and "VAT-PERIOD-ALREADY-CLOSED" in again.output
