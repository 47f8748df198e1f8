"""The inbox sweep as a Prefect flow: one flow run per sweep, one task per document.

Prefect costs about 1 s per synchronous flow run and ~10 ms per task here, so
documents are tasks inside a sweep, never flow runs of their own. The run is
renamed "inbox: N files" once the stable files are known; each document gets
a markdown artifact (fields, confidence, problems, result) and the sweep a
table artifact of all results, plus a progress artifact on long sweeps.

The steps and their crash-safety order live in :mod:`flows.inbox`; nothing
here touches the database or files by itself. No work at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import inbox, settings
from flows import markdown as md

#: documents in flight at once: a document spends much of its time waiting (on the
#: extraction worker pool, the database, the Prefect API for its artifact), so
#: more threads than cores keep the extraction workers busy
DOCUMENT_THREADS = 4 * (os.cpu_count() or 2)

#: sweeps with more files than this get a progress artifact
PROGRESS_FROM = 20


@task(name="document", cache_policy=NO_CACHE, task_run_name="{name}")
def process_document(app, cand, cfg, ctx, name: str) -> inbox.FileResult:
    result = inbox.safe_process(app, cand, cfg, ctx)
    if result.entry_no is not None:
        create_markdown_artifact(markdown=document_markdown(app, result),
                                 key=f"incoming-document-{result.entry_no}",
                                 description=f"Incoming document {result.entry_no}: {result.status}")
    return result


def document_markdown(app, result: inbox.FileResult) -> str:
    from domain.intake import documents as intake

    doc = intake.show_document(app, result.entry_no)
    out = [f"# Incoming document {md.text(doc['entry_no'])}: {md.text(doc['status'])}",
           f"File {md.text(doc['name'])} ({md.text(doc['source'] or 'unread')}, {md.text(doc['pages'])} page(s)); "
           f"sweep outcome **{md.text(result.outcome)}**; draft **{md.text(doc['document'] or '-')}**; "
           f"vendor **{md.text(doc['vendor_no'] or '-')}** ({md.text(doc['vendor_match'] or 'not found')})", ""]
    out += md.table(["field", "value", "confidence", "source"],
                    [[f["name"], f["value"] or "", f"{f['confidence']:.2f}", f["source"]] for f in doc["fields"]])
    if doc["problems"]:
        out += [""] + md.table(["severity", "code", "message"],
                               [[p["severity"], p["code"], p["message"]] for p in doc["problems"]])
    return "\n".join(out)


def _rename(n: int) -> None:
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if flow_run.id:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, name=f"inbox: {n} file{'s' if n != 1 else ''}")


@flow(name="inbox-sweep", task_runner=ThreadPoolTaskRunner(max_workers=DOCUMENT_THREADS))
def inbox_sweep(inbox_dir: str | None = None, settle_s: float = inbox.SETTLE_S) -> dict[str, int]:
    """Sweep the inbox once: drafts, a review list, quarantine; returns counts per outcome."""
    s = settings.load_for_flows()
    cfg = inbox.SweepConfig(inbox=inbox.inbox_folder(Path(inbox_dir) if inbox_dir else None, s.inbox),
                            archive=s.archive, quarantine=s.quarantine, settle_s=settle_s)
    app = settings.open_app(s, surface="flow")
    try:
        report = inbox.SweepReport(inbox.recover_quarantine(app, cfg))
        from domain.intake import documents as intake

        intake.refresh(app)
        files = inbox.stable_candidates(cfg.inbox, cfg.settle_s)
        _rename(len(files))
        if files:
            report.results += _run_tasks(app, cfg, inbox.context_for(app), files)
        create_table_artifact(table=[r.row() for r in report.results] or [{"file": "", "outcome": "nothing to do"}],
                              key="inbox-sweep", description="Files of this sweep and what became of them")
        return report.counts()
    finally:
        app.dispose()


def _run_tasks(app, cfg, ctx, files) -> list[inbox.FileResult]:
    futures = [process_document.submit(app, c, cfg, ctx, name=c.path.name) for c in files]
    progress = create_progress_artifact(progress=0.0, description="documents read") \
        if len(files) > PROGRESS_FROM else None
    results = []
    for done, future in enumerate(as_completed(futures), start=1):
        results.append(future.result())
        if progress is not None and (done % 10 == 0 or done == len(files)):
            update_progress_artifact(progress, progress=100.0 * done / len(files))
    return results
