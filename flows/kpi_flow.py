"""Prefect flow: the role center KPIs every night, as charts and artifacts.

Reads only (``domain.operations.kpi``, which needs reports.read: the flows' service account
has it), so the task may retry freely and a second run the same night only replaces the
files. The charts (PNG, with an alt text each) go to ``$LEDGERFLOW_HOME/reports/kpi/<date>/``;
the run shows a markdown artifact (every figure in a table beside its chart's alt text, every
value escaped) and table artifacts of the months and of the aging. The same figures are on the
``/kpi`` page of the approvals site and on ``ledgerflow report kpi``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from domain.operations import kpi, kpi_charts, kpi_rules
from domain.operations.kpi_texts import text as word
from domain.problems import Rejected, RejectedError
from flows import markdown as md
from flows import settings


def current_app():
    return settings.flow_app()


def run_name() -> str:
    zone = os.environ.get("LEDGERFLOW_TIME_ZONE", "Europe/Oslo")
    return f"kpi {current_app().today(zone).isoformat()}"


def _plain(value) -> str:
    return format(value, "f") if not isinstance(value, (int, str)) else str(value)


@task(task_run_name="read KPIs", retries=2, retry_delay_seconds=[5, 30], cache_policy=NO_CACHE)
def read_kpis(as_of: dt.date | None, months: int) -> kpi_rules.Kpis:
    figures = kpi.role_center_kpis(current_app(), as_of, months)
    if isinstance(figures, Rejected):
        raise RejectedError(figures)
    return figures


@task(task_run_name="draw charts", cache_policy=NO_CACHE)
def draw_charts(figures: kpi_rules.Kpis, folder: Path, language: str) -> dict[str, str]:
    """Every chart as PNG in ``folder``; returns chart name -> file path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in kpi_charts.CHARTS:
        path = folder / f"{name}.png"
        path.write_bytes(kpi_charts.render(figures, name, language))
        paths[name] = str(path)
    return paths


def chart_tables(figures: kpi_rules.Kpis, language: str) -> dict[str, tuple[list[str], list[list]]]:
    """The data table beside each chart: header and rows, amounts as plain decimals."""
    t = lambda key: word(language, key)  # noqa: E731
    months = figures.months
    return {
        "purchases_sales": ([t("month"), t("purchases"), t("sales")],
                            [[m.month, _plain(m.purchases), _plain(m.sales)] for m in months]),
        "gross_profit": ([t("month"), t("sales"), t("cogs"), t("gross_profit")],
                         [[m.month, _plain(m.sales), _plain(m.cogs), _plain(m.gross_profit)] for m in months]),
        "inventory": ([t("month"), t("inventory_value"), t("inventory_expected")],
                      [[m.month, _plain(m.inventory_value), _plain(m.inventory_expected)] for m in months]),
        "aging": ([t("bucket"), t("payables"), t("receivables")],
                  [[t(r["bucket"]), _plain(r["payables"]), _plain(r["receivables"])]
                   for r in kpi_rules.aging_rows(figures)]),
        "waiting": ([t("waiting"), t("count")],
                    [[t(r["where"]), str(r["count"])] for r in kpi_rules.waiting_rows(figures)]),
    }


def summary_markdown(figures: kpi_rules.Kpis, paths: dict[str, str], language: str = "en") -> str:
    lines = [f"# {md.text(word(language, 'kpi_title'))} {md.text(figures.as_of.isoformat())}", "",
             md.text(word(language, "amounts_in", currency=figures.currency)), ""]
    for name, (header, rows) in chart_tables(figures, language).items():
        lines += [f"## {md.text(kpi_charts.title(name, language))}", "",
                  md.text(kpi_charts.alt_text(figures, name, language)), "",
                  f"* chart: {md.code(paths.get(name, ''))}", "", *md.table(header, rows), ""]
    return "\n".join(lines)


@flow(name="role-center-kpis", flow_run_name=run_name, log_prints=False)
def role_center_kpis(as_of: dt.date | None = None, months: int = kpi.DEFAULT_MONTHS, language: str = "en") -> dict:
    """Read the KPIs, draw the charts, show them as artifacts."""
    logger = get_run_logger()
    figures = read_kpis(as_of, months)
    folder = settings.home() / "reports" / "kpi" / figures.as_of.isoformat()
    paths = draw_charts(figures, folder, language)
    create_markdown_artifact(key="role-center-kpis", markdown=summary_markdown(figures, paths, language),
                             description="Role center KPIs")
    record = kpi_rules.as_dict(figures)
    create_table_artifact(key="role-center-kpis-months",
                          table=[{k: _plain(v) for k, v in row.items()} for row in record["months"]],
                          description="Purchases, sales, gross profit and inventory value per month")
    create_table_artifact(key="role-center-kpis-aging",
                          table=[{k: _plain(v) for k, v in row.items()} for row in kpi_rules.aging_rows(figures)],
                          description="Payables and receivables by due date")
    logger.info("KPIs as of %s: payables %s, receivables %s, %s documents in intake, %s in approval",
                figures.as_of, figures.payables.total, figures.receivables.total, figures.intake_waiting,
                figures.approval_waiting)
    return {"as_of": figures.as_of.isoformat(), "charts": paths,
            "payables": _plain(figures.payables.total), "receivables": _plain(figures.receivables.total),
            "intake_waiting": figures.intake_waiting, "approval_waiting": figures.approval_waiting}
