"""The role center KPIs (issue 18, item 7) on SQLite and PostgreSQL: every figure is the
ledgers' own (trial balance, customer and vendor ledgers, value entries)."""

import datetime as dt
import json
from decimal import Decimal as D

from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.identity import services as identity
from domain.ledger import reports
from domain.ledger.model import CustomerLedgerEntry, GLEntry, VendorLedgerEntry
from domain.operations import kpi, kpi_rules
from domain.payments import posting as payments
from domain.problems import DomainError, Rejected
from flows.cli import app as cli
from tests.support.approvals import as_user
from tests.support.kpi import post_data_set
from tests.support.web import pending_invoice

# the Norwegian demo chart: purchase lines, sales, receivables, payables, inventory, COGS
PURCHASE_ACCOUNTS, SALES, RECEIVABLES, PAYABLES, INVENTORY, COGS = ("4300", "6800"), "3000", "1500", "2400", \
    "1460", "4391"


def balance(app, accounts, until=None) -> D:
    accounts = (accounts,) if isinstance(accounts, str) else accounts
    if until is None:
        rows = {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}
        return sum((rows.get(a, D(0)) for a in accounts), D(0))
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no.in_(accounts),
                                                               GLEntry.posting_date <= until)) or D(0)


def by_month(figures) -> dict[str, kpi_rules.MonthFigures]:
    return {m.month: m for m in figures.months}


def test_month_figures_equal_the_trial_balance_of_purchase_sales_cogs_and_inventory_accounts(app):
    post_data_set(app)
    figures = kpi.role_center_kpis(app)
    assert figures.as_of == dt.date(2026, 11, 20) and figures.currency == "NOK"
    assert [m.month for m in figures.months][0] == "2025-12" and len(figures.months) == 12
    months = by_month(figures)
    assert [(months[m].purchases, months[m].sales, months[m].cogs, months[m].gross_profit)
            for m in ("2026-09", "2026-10", "2026-11")] == [
        (D("2000.00"), D(0), D(0), D(0)), (D(0), D("1000.00"), D("400.00"), D("600.00")),
        (D("500.00"), D("1000.00"), D(0), D("1000.00"))]
    assert sum(m.purchases for m in figures.months) == balance(app, PURCHASE_ACCOUNTS)
    assert sum(m.sales for m in figures.months) == -balance(app, SALES)
    assert sum(m.cogs for m in figures.months) == balance(app, COGS)
    assert [months[m].inventory_value for m in ("2026-08", "2026-09", "2026-10", "2026-11")] == [
        D(0), D("1000.00"), D("600.00"), D("600.00")]
    for month, last_day in (("2026-09", dt.date(2026, 9, 30)), ("2026-10", dt.date(2026, 10, 31)),
                            ("2026-11", dt.date(2026, 11, 20))):
        assert months[month].inventory_value == balance(app, INVENTORY, last_day)
    assert all(isinstance(m.gross_profit, D) and m.gross_profit == m.sales - m.cogs for m in figures.months)
    assert str(months["2026-01"].sales) == "0"  # never "-0"


def test_payables_and_receivables_by_due_date_equal_the_ledgers_on_every_aging_date(app):
    post_data_set(app)
    figures = kpi.role_center_kpis(app)
    assert figures.payables.buckets == {"not_due": D("625.00"), "1_30": D(0), "31_60": D("2400.00"),
                                        "61_90": D(0), "over_90": D(0)}
    assert figures.receivables.buckets == {"not_due": D("750.00"), "1_30": D(0), "31_60": D("1150.00"),
                                           "61_90": D(0), "over_90": D(0)}
    with app.uow() as s:
        open_vendor = s.scalar(select(func.sum(VendorLedgerEntry.remaining_amount)))
        open_customer = s.scalar(select(func.sum(CustomerLedgerEntry.remaining_amount)))
    assert figures.payables.total == -open_vendor == -balance(app, PAYABLES)
    assert figures.receivables.total == open_customer == balance(app, RECEIVABLES)
    for day in (dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2026, 11, 20)):
        earlier = kpi.role_center_kpis(app, day)
        assert earlier.payables.total == -balance(app, PAYABLES, day)
        assert earlier.receivables.total == balance(app, RECEIVABLES, day)
    # on 31 October: the September invoice and October's sale are both less than 30 days overdue
    october = kpi.role_center_kpis(app, dt.date(2026, 10, 31))
    assert october.payables.buckets["1_30"] == D("2400.00") and october.receivables.buckets["1_30"] == D("1150.00")
    # a year on, everything still open is more than 90 days overdue
    later = kpi.role_center_kpis(app, dt.date(2027, 11, 20))
    assert later.receivables.buckets["over_90"] == figures.receivables.total


def test_documents_waiting_in_intake_and_in_approval_are_counted(app):
    post_data_set(app)
    pending_invoice(app)
    figures = kpi.role_center_kpis(app)
    assert figures.intake == {"new": 0, "review": 1, "created": 0} and figures.intake_waiting == 1
    assert figures.approval == {"invoice": 1} and figures.approval_amount == D("20000.00")


def test_months_out_of_range_is_refused_and_a_user_without_reports_read_is_refused(app):
    refused = kpi.role_center_kpis(app, months=0)
    assert isinstance(refused, Rejected) and refused.codes == ["KPI-MONTHS-OUT-OF-RANGE"]
    identity.add_user(as_user(app, "admin"), "nils", "Nils", roles=[])
    try:
        kpi.role_center_kpis(as_user(app, "nils"))
        raise AssertionError("nils has no role and must be refused")
    except DomainError as exc:
        assert exc.code == "AUTH-PERMISSION-DENIED"


def test_report_kpi_cli_prints_json_with_amounts_as_strings_and_refuses_a_bad_date(app, db_url, tmp_path,
                                                                                   monkeypatch):
    post_data_set(app)
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "kpi", "--as-of", "2026-10-31",
                                 "--months", "3", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-10-31" and [m["month"] for m in data["months"]] == ["2026-08", "2026-09",
                                                                                      "2026-10"]
    assert data["months"][2]["gross_profit"] == "600.00" and data["receivables"]["total"] == "1150.00"
    assert data["waiting"]["intake"] == {"new": 0, "review": 1, "created": 0}
    table = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "kpi"])
    assert table.exit_code == 0 and "31_60" in table.stdout and "intake_review" in table.stdout
    bad = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "kpi", "--as-of", "2026-13-01"])
    assert bad.exit_code == 2 and "IMPORT-INVALID-DATE" in bad.stderr
    months = runner.invoke(cli, ["--db", db_url, "--user", "kari", "report", "kpi", "--months", "61"])
    assert months.exit_code == 2 and "KPI-MONTHS-OUT-OF-RANGE" in months.stderr


def test_a_short_window_carries_the_inventory_before_it_and_a_paid_invoice_counts_until_its_payment(app):
    post_data_set(app)
    with app.uow() as s:
        october = s.scalar(select(CustomerLedgerEntry.document_no).where(CustomerLedgerEntry.customer_no == "C10000"))
    payments.post_payment(app, "customer", "C10000", D("1150.00"), [october], dt.date(2026, 11, 20))
    figures = kpi.role_center_kpis(app, months=1)
    assert [(m.month, m.inventory_value) for m in figures.months] == [("2026-11", D("600.00"))]
    assert figures.receivables.buckets["31_60"] == D(0) and figures.receivables.total == balance(app, RECEIVABLES)
    before = kpi.role_center_kpis(app, dt.date(2026, 11, 19), months=1)
    assert before.receivables.buckets["31_60"] == D("1150.00")
    assert before.receivables.total == balance(app, RECEIVABLES, dt.date(2026, 11, 19))
