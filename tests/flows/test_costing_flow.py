"""The nightly costing flow under a Prefect test server: adjusts, posts to G/L,
leaves a zero reconciliation difference and names the run after the day."""

from __future__ import annotations

import os
from decimal import Decimal as D

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


from domain.costing import periods as inventory_periods  # noqa: E402
from domain.costing import reports as costing_reports
from flows import costing_flow, settings  # noqa: E402
from tests.support.costing import costs, new_item, post, row  # noqa: E402


@pytest.mark.prefect
def test_nightly_costing_adjusts_then_posts_and_reconciles_to_zero(harness, app, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    settings._cached_app.cache_clear()
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=False)
    item = new_item(app, "NIGHT", "average")
    post(app, row("purchase", item, 1, "10.00", "2026-11-01"), row("sale", item, 1, date="2026-11-03"))
    post(app, row("purchase", item, 1, "30.00", "2026-11-02"))
    state = costing_flow.nightly_costing(return_state=True)
    result = state.result()
    assert state.name == "Completed" and D(result["reconciliation_difference"]) == 0
    assert result["adjustment"]["status"] == "completed" and result["posting"]["posted_entries"] == 4
    assert costs(app, item)[2] == D("-20.00")
    rows = {r["account_no"]: r for r in costing_reports.inventory_reconciliation(app)}
    assert rows["1460"]["gl_balance"] == D("20.00") and rows["1460"]["difference"] == D(0)
    settings._cached_app.cache_clear()
