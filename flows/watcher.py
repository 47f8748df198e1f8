"""The served instance's watcher: start a run within seconds when work appears.

Interval schedules are the safety net; this thread makes the server feel
immediate. Every ``tick_s`` it looks at the inbox (a file counts once two looks
in a row see the same size and mtime, the ocr.inbox stability rule) and at the
released documents and approval requests, and starts a run of the matching deployment when there is
something it has not handed over yet and no run it started is still going.
It never does the work itself: the runs do, under Prefect, with their
artifacts; concurrency between runs is settled by the database.

The pieces that touch Prefect and the database are passed in, so the decision
logic is tested without either.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("ledgerflow.watcher")


@dataclass
class Channel:
    """One kind of work: how to look for it and which deployment to start."""

    deployment: str
    look: Callable[[], set[Hashable]]
    handed_over: set = field(default_factory=set)
    flow_run_id: object | None = None
    #: inbox files must look the same twice; released documents are ready at once
    needs_two_looks: bool = False
    last_look: set = field(default_factory=set)

    def ready(self) -> set:
        seen = self.look()
        ready = seen & self.last_look if self.needs_two_looks else seen
        self.last_look = seen
        self.handed_over &= seen  # forget what is gone, so a new file of the same name counts again
        return ready - self.handed_over


class Watcher:
    def __init__(self, channels: list[Channel], start_run: Callable[[str], object],
                 is_running: Callable[[object], bool], tick_s: float = 2.0):
        self.channels = channels
        self.start_run = start_run
        self.is_running = is_running
        self.tick_s = tick_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> list[str]:
        """One look at every channel; returns the deployments it started."""
        started = []
        for channel in self.channels:
            try:
                ready = channel.ready()
                if not ready or (channel.flow_run_id is not None and self.is_running(channel.flow_run_id)):
                    continue
                channel.flow_run_id = self.start_run(channel.deployment)
                channel.handed_over |= ready
                started.append(channel.deployment)
            except Exception as exc:  # the API or database is briefly away: try again next tick
                log.warning("watcher: %s: %s", channel.deployment, exc)
        return started

    def _loop(self) -> None:
        while not self._stop.wait(self.tick_s):
            self.tick()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="ledgerflow-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


def inbox_look(inbox: Path) -> Callable[[], set]:
    from ocr.inbox import list_candidates

    def look() -> set:
        if not inbox.is_dir():
            return set()
        return {(str(c.path), c.size, c.mtime_ns) for c in list_candidates(inbox)}

    return look


def released_look(app) -> Callable[[], set]:
    from domain.operations.status import released_documents

    return lambda: set(released_documents(app, limit=5000))


class PrefectRuns:
    """Start and follow flow runs of the served deployments through the Prefect API."""

    def __init__(self):
        from prefect.client.orchestration import get_client

        self.client = get_client(sync_client=True)
        self.client.__enter__()
        self._ids: dict[str, object] = {}

    def start_run(self, deployment: str):
        if deployment not in self._ids:
            self._ids[deployment] = self.client.read_deployment_by_name(deployment).id
        run = self.client.create_flow_run_from_deployment(self._ids[deployment], tags=["watcher"])
        log.info("watcher: started %s (%s)", deployment, run.name)
        return run.id

    def is_running(self, flow_run_id) -> bool:
        state = self.client.read_flow_run(flow_run_id).state
        return state is not None and not state.is_final()

    def close(self) -> None:
        self.client.__exit__(None, None, None)


def approvals_look(app) -> Callable[[], set]:
    """A new approval request, or a decision made outside a waiting run (CLI): either
    needs the reconcile flow (start the request's run / complete the waiting run)."""
    from domain.approvals.query import requests_with_runs

    return lambda: {(r.request_id, r.status) for r in requests_with_runs(app)}
