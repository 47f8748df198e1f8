"""Flow runs a killed server left behind: marked Crashed when their process is gone.

A ``ledgerflow serve`` killed with SIGKILL (power cut, OOM killer) cannot tell
Prefect that its runs ended, so a sweep it was running stays RUNNING (or
PENDING) in the UI for ever. When the server starts again it looks at the runs
of the deployments it serves that are RUNNING or PENDING since *before* it
started (no runner of this server has touched them): a run whose process is
gone is set to Crashed, as Prefect does for a run whose process dies under a
live runner. The work itself needs nothing: every step is idempotent and the
next sweep finishes it.

"Its process" is the flow-run process the runner started: Prefect gives it the
variable ``PREFECT__FLOW_RUN_ID``, which ``/proc/<pid>/environ`` shows. A run
whose process still lives (a flow-run child that outlived its server) is left
alone; :class:`OrphanCheck` looks again every ``RECHECK_S`` seconds and marks it
once it has ended without reporting. Only the served deployments are looked at.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("ledgerflow.orphans")

RECHECK_S = 30.0
_PAGE = 200


def live_flow_run_ids(proc: Path = Path("/proc")) -> set[str] | None:
    """Ids of flow runs whose process runs on this machine; None where /proc cannot tell."""
    if not proc.is_dir():
        return None
    found = set()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue  # ended meanwhile, or another user's process
        for variable in environ.split(b"\0"):
            if variable.startswith(b"PREFECT__FLOW_RUN_ID="):
                found.add(variable.split(b"=", 1)[1].decode(errors="replace"))
                break
    return found


def _stuck_runs(client, flow_names: list[str], deployment_names: list[str]) -> list:
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterName,
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    runs, offset = [], 0
    while True:
        page = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=flow_names)),
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=deployment_names)),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING]))),
            limit=_PAGE, offset=offset)
        runs += page
        if len(page) < _PAGE:
            return runs
        offset += _PAGE


def crash_orphaned_runs(client, served: list[str], started_at: dt.datetime,
                        live: set[str] | None) -> list[str]:
    """Set Crashed the RUNNING/PENDING runs of the ``served`` deployments (``flow/deployment``
    names) in that state since before ``started_at`` whose process is not in ``live``;
    returns their names. Nothing is done when ``live`` is None (no way to tell)."""
    from prefect.states import Crashed

    if live is None or not served:
        return []
    pairs = {tuple(name.split("/", 1)) for name in served}
    crashed = []
    for run in _stuck_runs(client, sorted({f for f, _ in pairs}), sorted({d for _, d in pairs})):
        since = run.state.timestamp if run.state is not None else None
        if str(run.id) in live or (since is not None and since >= started_at):
            continue
        client.set_flow_run_state(run.id, Crashed(
            message="ledgerflow serve stopped while this run was going (its process is gone); "
                    "the next run finishes its work"), force=True)
        log.warning("marked flow run %s (%s) crashed: its process is gone", run.name, run.id)
        crashed.append(run.name)
    return crashed


class OrphanCheck:
    """:func:`crash_orphaned_runs` now, and again every ``RECHECK_S`` seconds in a thread."""

    def __init__(self, served: list[str], started_at: dt.datetime,
                 live: Callable[[], set[str] | None] = live_flow_run_ids, recheck_s: float = RECHECK_S):
        self.served, self.started_at, self.live, self.recheck_s = served, started_at, live, recheck_s
        self._stop = threading.Event()

    def check(self) -> list[str]:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            return crash_orphaned_runs(client, self.served, self.started_at, self.live())

    def _loop(self) -> None:
        while not self._stop.wait(self.recheck_s):
            try:
                self.check()
            except Exception as exc:  # the API is briefly away: look again later
                log.warning("orphan check: %s", exc)

    def start(self) -> None:
        threading.Thread(target=self._loop, name="ledgerflow-orphans", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
