"""Crash safety of the whole served pipeline: `ledgerflow serve` is killed with
SIGKILL at random points (once with every process it started, as a power cut)
while a burst of files is read and released documents are posted, then started
again. In the end every file is in exactly one terminal state, no document was
created or posted twice, posted numbers have no gaps and the G/L balances. Runs
on SQLite and PostgreSQL (the `app` fixture).

Flow runs the killed server left RUNNING or PENDING are marked Crashed once it is back
(flows/orphans.py): none stays "running" for ever.

Approval decisions are made (as the CLI would, through the domain) while the
server runs and is killed; the served flows post what the decisions release.
The kill points are drawn from a seeded random generator whose seed is in the
test output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import signal
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader
from tests.support import servers
from tests.support.approvals import configure_example

DISTINCT, COPIES = 24, 8
TERMINAL = {"created", "review", "rejected", "posted"}


def _count(app, *where, of=IncomingDocument) -> int:
    with app.uow() as session:
        return session.scalar(select(func.count()).select_from(of).where(*where))


def _posted(app) -> int:
    return _count(app, of=PostedPurchaseHeader)


class Served:
    """`ledgerflow serve` as a child process of the test."""

    def __init__(self, env: dict, port: int, log):
        self.env, self.port, self.log = env, port, log
        self.process = None

    def start(self):
        self.started_at = dt.datetime.now(dt.timezone.utc)
        self.process = servers.start([str(servers.BIN / "ledgerflow"), "serve", "--port", str(self.port)],
                                     self.env, self.log)
        return self

    def kill(self):
        """SIGKILL the serving process only: its Prefect server and flow runs find out themselves."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        servers.wait_until(lambda: not servers.healthy(f"http://127.0.0.1:{self.port}/api"), 60,
                           "the orphaned Prefect server to stop")

    def power_cut(self):
        """SIGKILL the serving process and every process it started (flow runs, Prefect server),
        found by their LEDGERFLOW_HOME: nothing is left to report a run's end."""
        mark = f"LEDGERFLOW_HOME={self.env['LEDGERFLOW_HOME']}".encode()
        pids = [self.process.pid]
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                if entry.name.isdigit() and mark in (entry / "environ").read_bytes().split(b"\0"):
                    pids.append(int(entry.name))
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        servers.wait_until(lambda: not servers.healthy(f"http://127.0.0.1:{self.port}/api"), 60,
                           "the Prefect server to stop")

    def stop(self):
        servers.stop(self.process)


def _left_behind(port: int, before: dt.datetime) -> list[str]:
    """Flow runs RUNNING or PENDING since before ``before`` (the last start of the server)."""
    body = json.dumps({"flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING"]}}}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/flow_runs/filter", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            runs = json.load(response)
    except OSError as exc:
        return [f"(Prefect API: {exc})"]
    return [r["name"] for r in runs if dt.datetime.fromisoformat(r["state"]["timestamp"]) < before]


@pytest.mark.prefect
def test_killing_the_server_at_random_points_loses_and_repeats_nothing(app, db_url, tmp_path):
    seed = int.from_bytes(os.urandom(2), "big")
    print(f"kill points seed {seed}")
    rnd = random.Random(seed)
    configure_example(app)
    home = tmp_path / "home"
    # default safety-net intervals: the watcher must find the work left by a killed server
    env = servers.base_env(home, LEDGERFLOW_DATABASE_URL=db_url)
    served = Served(env, servers.free_port(), tmp_path / "serve.log")
    written = servers.write_invoices(app, home / "inbox", DISTINCT, COPIES, tmp_path)
    released: list[str] = []
    try:
        # kill 1: while files are being read
        served.start()
        target = rnd.randint(1, DISTINCT // 2)
        servers.wait_until(lambda: _count(app) >= target, 120, f"{target} documents")
        served.kill()
        # kill 2, a power cut (the runs' own processes die too): after some drafts were approved,
        # while they are being posted (or just before)
        served.start()
        servers.wait_until(lambda: _count(app) >= DISTINCT * 3 // 4, 120, "most documents")
        released += servers.approve_drafts(app)
        servers.wait_until(lambda: True, rnd.uniform(0, 3), "a random moment", interval=rnd.uniform(0, 3))
        served.power_cut()
        # the last start finishes everything
        served.start()
        servers.wait_until(lambda: not any((home / "inbox").iterdir()) and _count(app) == DISTINCT, 150,
                           "the inbox to be empty")
        servers.wait_until(lambda: _count(app, IncomingDocument.status.not_in(TERMINAL)) == 0, 60,
                           "every document in a terminal state")
        servers.wait_until(lambda: not _left_behind(served.port, served.started_at), 120,
                           "no flow run left RUNNING or PENDING by a killed server")
        released += servers.approve_drafts(app)
        servers.wait_until(lambda: _posted(app) >= len(released), 120, "every released draft posted")
    except AssertionError as exc:
        logs = [tmp_path / "serve.log", home / "prefect" / "server.log"]
        tails = "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:] for p in logs if p.exists())
        raise AssertionError(f"{exc} (seed {seed})\n{tails}") from None
    finally:
        served.stop()
    _assert_every_file_once(app, written)
    servers.assert_posted_once_gap_free_and_balanced(app, released)


@pytest.mark.prefect
def test_runs_a_killed_server_left_running_are_marked_crashed_and_the_others_are_left_alone(harness):
    from prefect.client.orchestration import get_client
    from prefect.states import Pending, Running

    from flows.orphans import crash_orphaned_runs

    tag = uuid.uuid4().hex[:8]
    with get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name("inbox-sweep")
        ours = client.create_deployment(flow_id, f"inbox-sweep-{tag}")
        theirs = client.create_deployment(flow_id, f"someone-elses-{tag}")

        def run(deployment, state):
            flow_run = client.create_flow_run_from_deployment(deployment)
            client.set_flow_run_state(flow_run.id, state, force=True)
            return flow_run.id

        runs = {"left running": run(ours, Running()), "left pending": run(ours, Pending()),
                "process alive": run(ours, Running()), "other deployment": run(theirs, Running())}
        restart = dt.datetime.now(dt.timezone.utc)
        runs["taken after the restart"] = run(ours, Pending())
        crashed = crash_orphaned_runs(client, [f"inbox-sweep/inbox-sweep-{tag}"], restart,
                                      live={str(runs["process alive"])})
        states = {what: client.read_flow_run(run_id).state.type.value for what, run_id in runs.items()}
    assert states == {"left running": "CRASHED", "left pending": "CRASHED", "process alive": "RUNNING",
                      "other deployment": "RUNNING", "taken after the restart": "PENDING"}
    assert len(crashed) == 2


def _assert_every_file_once(app, written: int) -> None:
    with app.uow() as session:
        documents = session.scalars(select(IncomingDocument)).all()
        copies = session.scalars(select(IncomingDocumentCopy.original_name)).all()
        drafts = session.scalars(select(PurchaseHeader.incoming_document_entry_no)).all()
    assert len(documents) == len({d.sha256 for d in documents}) == DISTINCT
    assert all(d.status in TERMINAL for d in documents)
    assert {d.original_name for d in documents} | set(copies) == {
        *(f"invoice-{i:04d}.pdf" for i in range(DISTINCT)), *(f"copy-{j:04d}.pdf" for j in range(COPIES))}
    assert written == DISTINCT + COPIES
    assert len(drafts) == len(set(drafts)), "a document made two drafts"
    assert len(drafts) == sum(1 for d in documents if d.purchase_document_no)
