"""The nightly role center KPI flow under a Prefect test server: charts on disk, a markdown
artifact with a table beside every chart, table artifacts of the months and the aging."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from prefect.artifacts import Artifact  # noqa: E402

from flows import settings  # noqa: E402
from tests.support.kpi import post_data_set  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.prefect
def test_nightly_kpi_flow_draws_every_chart_and_leaves_markdown_and_table_artifacts(harness, app, db_url, tmp_path,
                                                                                   monkeypatch):
    from flows.kpi_flow import role_center_kpis

    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    settings._cached_app.cache_clear()
    post_data_set(app)
    state = role_center_kpis(as_of=dt.date(2026, 11, 20), return_state=True)
    result = state.result()
    assert state.name == "Completed" and result["as_of"] == "2026-11-20"
    assert (result["payables"], result["receivables"], result["intake_waiting"]) == ("3025.00", "1900.00", 1)
    folder = tmp_path / "reports" / "kpi" / "2026-11-20"
    assert sorted(p.name for p in folder.iterdir()) == ["aging.png", "gross_profit.png", "inventory.png",
                                                       "purchases_sales.png", "waiting.png"]
    assert all(p.read_bytes().startswith(PNG) and p.stat().st_size > 5000 for p in folder.iterdir())
    summary = Artifact.get("role-center-kpis")
    assert summary.type == "markdown" and summary.flow_run_id == state.state_details.flow_run_id
    assert "## Payables and receivables due" in summary.data and "| 31-60 days | 2400.00 | 1150.00 |" in summary.data
    assert "| 2026-10 | 1000.00 | 400.00 | 600.00 |" in summary.data  # gross profit beside its chart
    assert "Gross profit per month, Dec 2025 - Nov 2026: highest gross profit: 1,000.00 NOK in Nov 2026" in summary.data
    months = json.loads(Artifact.get("role-center-kpis-months").data)
    assert {"month": "2026-09", "purchases": "2000.00"}.items() <= months[9].items()
    aging = json.loads(Artifact.get("role-center-kpis-aging").data)
    assert aging[-1] == {"bucket": "total", "payables": "3025.00", "receivables": "1900.00"}
    settings._cached_app.cache_clear()
