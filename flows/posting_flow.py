"""Prefect flow: post every purchase document released for posting.

Each document is one task around ``purchase_posting.post_document``, which is
idempotent (a posted draft returns its first result) and takes its gap-free
number inside the posting transaction, so two workers sweeping at once, or a
run restarted after a crash, never post a document twice. A business
rejection (missing setup, duplicate vendor invoice no.) is a result, not a
failure: it shows in the run's table and the document stays released.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE

from domain.operations import status as operations
from domain.problems import Rejected
from domain.purchasing import posting as purchase_posting
from flows import settings

PROGRESS_FROM = 20


def current_app():
    return settings.flow_app()


@task(task_run_name="post {no}", retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def post_one(no: str) -> dict:
    """Post one document; a rejection is returned as its problem codes."""
    result = purchase_posting.post_document(current_app(), no)
    if isinstance(result, Rejected):
        return {"document": no, "posted_no": None, "result": "rejected",
                "problems": "; ".join(f"{p.code}: {p.message()}" for p in result.problems)}
    outcome = "already posted" if result.already_posted else "posted"
    return {"document": no, "posted_no": result.posted_no, "result": outcome, "problems": ""}


def _rename_run(count: int) -> None:
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if flow_run.id:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, name=f"post {count} document{'s' if count != 1 else ''}")


def _post_all(numbers: list[str]) -> list[dict]:
    progress = create_progress_artifact(0.0, description="posting released documents") \
        if len(numbers) >= PROGRESS_FROM else None
    rows = []
    for index, no in enumerate(numbers, start=1):
        try:
            rows.append(post_one(no))
        except Exception as exc:  # transient and still failing after the retries
            rows.append({"document": no, "posted_no": None, "result": "error",
                         "problems": f"{type(exc).__name__}: {exc}"[:300]})
        if progress is not None and (index % 10 == 0 or index == len(numbers)):
            update_progress_artifact(progress, 100.0 * index / len(numbers))
    return rows


@flow(name="post-released-documents", log_prints=False)
def post_released_documents(limit: int = 500, document_nos: list[str] | None = None) -> dict:
    """Post released purchase documents (or the ones named), each exactly once."""
    logger = get_run_logger()
    numbers = list(document_nos) if document_nos else operations.released_documents(current_app(), limit)
    _rename_run(len(numbers))
    rows = _post_all(numbers)
    summary = {key: sum(1 for r in rows if r["result"] == key)
               for key in ("posted", "already posted", "rejected", "error")}
    if rows:
        create_table_artifact(key="posting-results", table=rows,
                              description=f"Posting: {summary['posted']} posted, {summary['rejected']} "
                                          f"rejected, {summary['error']} errors")
    logger.info("posting: %s", summary)
    if summary["error"]:
        raise RuntimeError(
            f"{summary['error']} document(s) could not be posted because of an error (see the "
            "'posting-results' table). Check `ledgerflow doctor` (database reachable?), then run "
            "this deployment again: posting is idempotent, nothing is posted twice.")
    return {"summary": summary, "results": rows}
