"""Prefect flow: nightly cost adjustment, then inventory cost to G/L.

Both steps are idempotent services (a second adjustment finds nothing to
adjust; post-to-G/L posts only cost not yet posted), so their tasks may retry
and a crashed run is simply run again: cost adjustment resumes with the items
still marked. The run shows a markdown summary, a table of per-item results
and a table of value entries that could not be posted (closed period, missing
setup). Scheduled nightly in the company's time zone (prefect.yaml).
"""

from __future__ import annotations

import os

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.costing import reports as costing_reports
from flows import markdown as md
from flows import settings


def current_app():
    return settings.flow_app()


def run_name() -> str:
    zone = os.environ.get("LEDGERFLOW_TIME_ZONE", "Europe/Oslo")
    return f"cost adjustment {current_app().today(zone).isoformat()}"


@task(task_run_name="adjust cost", retries=1, retry_delay_seconds=10, cache_policy=NO_CACHE)
def adjust_cost(items: list[str] | None = None) -> dict:
    run = cost_adjustment.adjust(current_app(), items=items, trigger="scheduled")
    return {"run_id": run.run_id, "status": run.status, "entries_created": run.entries_created,
            "items": [{"item_no": o.item_no, "status": o.status, "entries_created": o.entries_created,
                       "amount": format(o.amount, "f"), "error": o.error_code or ""} for o in run.outcomes]}


@task(task_run_name="post inventory cost to G/L", retries=2, retry_delay_seconds=[5, 30], cache_policy=NO_CACHE)
def post_cost(mode: str = "per_entry") -> dict:
    result = cost_posting.post_inventory_cost(current_app(), mode)
    return {"posted_entries": result.posted_entries, "gl_entries": result.gl_entries,
            "amount": format(result.amount, "f"),
            "skipped": [{"entry_no": s["entry_no"], "item_no": s["item_no"], "posting_date": str(s["posting_date"]),
                         "amount": format(s["amount"], "f"), "code": s["code"]} for s in result.skipped]}


def summary_markdown(adjusted: dict, posted: dict | None, difference) -> str:
    failed = [i for i in adjusted["items"] if i["status"] == "failed"]
    lines = [f"# {run_name()}", "",
             f"* adjustment run {adjusted['run_id']}: **{adjusted['status']}**, {len(adjusted['items'])} items, "
             f"{adjusted['entries_created']} adjustment entries, {len(failed)} failed"]
    if posted is not None:
        lines.append(f"* posted to G/L: {posted['posted_entries']} value entries, {posted['gl_entries']} G/L "
                     f"entries, amount {posted['amount']}; skipped {len(posted['skipped'])}")
    lines.append(f"* inventory - G/L reconciliation difference: **{difference}**")
    lines += [f"* failed: {md.code(i['item_no'])} {md.text(i['error'])}" for i in failed]
    return "\n".join(lines)


@flow(name="nightly-costing", flow_run_name=run_name, log_prints=False)
def nightly_costing(post_to_gl: bool = True, mode: str = "per_entry", items: list[str] | None = None) -> dict:
    """Adjust cost of every marked item, then post inventory cost to G/L."""
    logger = get_run_logger()
    adjusted = adjust_cost(items)
    posted = post_cost(mode) if post_to_gl else None
    reconciliation = costing_reports.inventory_reconciliation(current_app())
    difference = sum((r["difference"] for r in reconciliation), 0)
    create_markdown_artifact(key="cost-adjustment-summary", markdown=summary_markdown(adjusted, posted, difference),
                             description="Nightly costing")
    create_table_artifact(key="cost-adjustment-items",
                          table=adjusted["items"] or [{"item_no": "", "status": "nothing to adjust"}],
                          description="Cost adjustment per item")
    if posted is not None and posted["skipped"]:
        create_table_artifact(key="cost-posting-skipped", table=posted["skipped"],
                              description="Value entries not posted to G/L")
    logger.info("cost adjustment %s: %s entries; reconciliation difference %s", adjusted["status"],
                adjusted["entries_created"], difference)
    return {"adjustment": {k: v for k, v in adjusted.items() if k != "items"}, "posting": posted,
            "reconciliation_difference": str(difference)}
