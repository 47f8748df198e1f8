"""The served instance's parts that need neither Prefect nor a database: the watcher's
decisions, the deployment list and prefect.yaml kept in step with it."""

from __future__ import annotations

from pathlib import Path

import yaml

from flows import deployments
from flows.watcher import Channel, Watcher, inbox_look

REPO = Path(__file__).resolve().parents[2]


class FakeRuns:
    def __init__(self):
        self.started: list[str] = []
        self.running: set[int] = set()

    def start_run(self, deployment: str) -> int:
        self.started.append(deployment)
        self.running.add(len(self.started))
        return len(self.started)

    def is_running(self, run_id: int) -> bool:
        return run_id in self.running


def test_a_new_inbox_file_starts_one_sweep_once_two_looks_agree(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    runs = FakeRuns()
    watcher = Watcher([Channel("inbox-sweep/inbox-sweep", inbox_look(inbox), needs_two_looks=True)],
                      runs.start_run, runs.is_running)
    (inbox / "a.pdf").write_bytes(b"%PDF")
    assert watcher.tick() == []  # first look: not known to be stable yet
    assert watcher.tick() == ["inbox-sweep/inbox-sweep"]
    assert watcher.tick() == []  # handed over: no second run for the same file


def test_a_file_still_growing_is_not_handed_over(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    runs = FakeRuns()
    watcher = Watcher([Channel("sweep", inbox_look(inbox), needs_two_looks=True)], runs.start_run,
                      runs.is_running)
    growing = inbox / "scan.pdf"
    for size in range(1, 4):
        growing.write_bytes(b"x" * size)
        assert watcher.tick() == []
    assert watcher.tick() == ["sweep"]


def test_work_arriving_during_a_run_waits_for_it_to_finish_then_starts_one_more():
    work: set[str] = {"PI-1"}
    runs = FakeRuns()
    watcher = Watcher([Channel("post", lambda: set(work))], runs.start_run, runs.is_running)
    assert watcher.tick() == ["post"]
    work |= {"PI-2", "PI-3"}
    assert watcher.tick() == []  # run 1 still going
    runs.running.clear()
    assert watcher.tick() == ["post"]
    assert watcher.tick() == []
    assert runs.started == ["post", "post"]


def test_a_document_that_stays_released_is_not_retried_by_the_watcher_but_left_to_the_sweep():
    runs = FakeRuns()
    watcher = Watcher([Channel("post", lambda: {"PI-REJECTED"})], runs.start_run, runs.is_running)
    assert watcher.tick() == ["post"]
    runs.running.clear()
    assert [watcher.tick() for _ in range(3)] == [[], [], []]


def test_an_api_error_is_retried_on_the_next_tick():
    calls = []

    def flaky(deployment):
        calls.append(deployment)
        if len(calls) == 1:
            raise ConnectionError("server restarting")
        return 7

    watcher = Watcher([Channel("post", lambda: {"PI-1"})], flaky, lambda _id: False)
    assert watcher.tick() == []
    assert watcher.tick() == ["post"]


def test_prefect_yaml_lists_each_available_flow_with_the_served_name_entrypoint_and_schedule():
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    listed = {d["name"]: d for d in config["deployments"]}
    for spec in deployments.SPECS:
        if not deployments.available(spec):
            continue
        assert spec.name in listed, f"{spec.name} missing from prefect.yaml"
        entry = listed[spec.name]
        module, function = spec.entrypoint.split(":")
        assert entry["entrypoint"] == f"{module.replace('.', '/')}.py:{function}"
        assert entry["work_pool"]["name"] == "ledgerflow"
        assert "ledgerflow" in entry["tags"]
        assert entry.get("parameters", {}) == spec.parameters
        schedules = entry.get("schedules") or []
        assert [s.get("interval") for s in schedules if "interval" in s] == \
            ([spec.interval_seconds] if spec.interval_seconds else [])
        assert [s["cron"] for s in schedules if "cron" in s] == ([spec.cron] if spec.cron else [])
    for entry in listed.values():
        assert (REPO / entry["entrypoint"].split(":")[0]).is_file(), entry["entrypoint"]


def test_every_available_flow_is_found_by_its_entrypoint():
    for spec in deployments.SPECS:
        if deployments.available(spec):
            assert deployments.load_flow(spec) is not None, spec.entrypoint


def test_a_flow_run_counts_as_alive_while_a_process_carries_its_id():
    import os
    import subprocess
    import uuid

    from flows.orphans import live_flow_run_ids

    run_id = str(uuid.uuid4())
    child = subprocess.Popen(["sleep", "60"], env={**os.environ, "PREFECT__FLOW_RUN_ID": run_id})
    try:
        assert run_id in live_flow_run_ids()
    finally:
        child.kill()
        child.wait()
    assert run_id not in live_flow_run_ids()
