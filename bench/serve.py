"""Served-instance benchmark: orchestration must not cost more than the work.

1. N text-layer PDFs (demo vendors, distinct invoice numbers) are rendered once.
2. Library: the same files through ``flows.inbox.sweep`` (no Prefect) into a
   fresh SQLite data dir; time from the first look until every file is a document.
3. Served: a fresh data dir, ``ledgerflow serve`` started (cold start = launch until
   the Prefect API answers and every deployment is registered), the N files dropped
   into the inbox at once (atomic renames); time until every file is a document
   in a terminal state and the inbox is empty (the watcher starts the sweeps).
4. Idle CPU of the served instance (serve + its Prefect server + any children),
   measured from /proc over ``--idle`` seconds after the work is done.
5. Warm start: stop (SIGTERM), start again on the same data dir.

Goal: served throughput >= 50 % of library throughput; cold start <= 20 s,
warm <= 10 s. Figures go to docs/bench-serve.md by hand (command, machine, result).

Run: .venv/bin/python bench/serve.py --files 1000 [--idle 30] [--port 4290]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import text  # noqa: E402

import migrations  # noqa: E402
from domain.app import App  # noqa: E402
from domain.bootstrap import build_app
from domain.setup.initialize import initialize  # noqa: E402

BIN = Path(sys.executable).parent
TERMINAL = ("created", "review", "rejected", "posted")


def fresh_home(root: Path, name: str) -> tuple[Path, App]:
    home = root / name
    home.mkdir()
    app = build_app(f"sqlite:///{home / 'ledgerflow.db'}", "admin")
    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    return home, app


def render(app: App, staging: Path, n: int) -> list[Path]:
    from tests.support.intake import vendor_invoice

    staging.mkdir()
    paths = []
    for i in range(n):
        pdf, _ = vendor_invoice(app, seed=i, invoice_no=f"B-{i:06d}")
        path = staging / f"invoice-{i:05d}.pdf"
        path.write_bytes(pdf)
        paths.append(path)
    return paths


def drop(paths: list[Path], inbox: Path) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, inbox / f".{path.name}")  # hidden: not a candidate until renamed
    for path in paths:  # renames are atomic: the files appear "at once" and complete
        os.replace(inbox / f".{path.name}", inbox / path.name)


def terminal_documents(app: App) -> int:
    with app.engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM incoming_document WHERE status IN "
                                 "('created', 'review', 'rejected', 'posted')")).scalar_one()


def library_run(root: Path, paths: list[Path]) -> dict:
    from flows import inbox

    home, app = fresh_home(root, "library")
    drop(paths, home / "inbox")
    cfg = inbox.SweepConfig(home / "inbox", home / "archive", home / "quarantine")
    started = time.perf_counter()
    inbox.sweep(app, cfg)
    seconds = time.perf_counter() - started
    done = terminal_documents(app)
    app.dispose()
    return {"files": len(paths), "documents": done, "seconds": round(seconds, 1),
            "per_second": round(done / seconds, 2)}


def _deployments_ready(api: str, expected: int) -> bool:
    import urllib.request

    try:
        request = urllib.request.Request(f"{api}/deployments/filter", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=2) as response:
            return len(json.loads(response.read())) >= expected
    except OSError:
        return False


def start_served(home: Path, port: int, log: Path) -> tuple[subprocess.Popen, float]:
    from flows import deployments

    expected = sum(1 for spec in deployments.SPECS if deployments.available(spec))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LEDGERFLOW_"))}
    env.update(LEDGERFLOW_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "ledgerflow"), "serve", "--port", str(port)], env=env,
                               stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)  # noqa: SIM115
    api = f"http://127.0.0.1:{port}/api"
    while not _deployments_ready(api, expected):
        if process.poll() is not None:
            raise SystemExit(f"ledgerflow serve stopped; see {log}")
        time.sleep(0.1)
    return process, time.perf_counter() - started


def group_cpu_seconds(pgid: int) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 (pgrp) after the comm field
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / ticks


def served_run(root: Path, paths: list[Path], port: int, idle_s: float) -> dict:
    home, app = fresh_home(root, "served")
    log = root / "serve.log"
    process, cold = start_served(home, port, log)
    started = time.perf_counter()
    drop(paths, home / "inbox")
    while terminal_documents(app) < len(paths) or any((home / "inbox").iterdir()):
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    time.sleep(5)  # let the last runs finish and report
    cpu_before, t0 = group_cpu_seconds(process.pid), time.perf_counter()
    time.sleep(idle_s)
    idle_cpu = 100 * (group_cpu_seconds(process.pid) - cpu_before) / (time.perf_counter() - t0)
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)
    process, warm = start_served(home, port, log)
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)
    done = terminal_documents(app)
    app.dispose()
    return {"files": len(paths), "documents": done, "seconds": round(seconds, 1),
            "per_second": round(done / seconds, 2), "cold_start_s": round(cold, 1),
            "warm_start_s": round(warm, 1), "idle_cpu_percent": round(idle_cpu, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=30)
    parser.add_argument("--port", type=int, default=4290)
    args = parser.parse_args()
    os.environ.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    root = Path(tempfile.mkdtemp(prefix="ledgerflow-bench-serve-"))
    try:
        _, render_app = fresh_home(root, "render")
        paths = render(render_app, root / "staging", args.files)
        render_app.dispose()
        library = library_run(root, paths)
        print("library", json.dumps(library), flush=True)
        served = served_run(root, paths, args.port, args.idle)
        print("served ", json.dumps(served), flush=True)
        ratio = served["per_second"] / library["per_second"]
        print(f"served/library throughput {ratio:.0%} (goal >= 50 %); cold start {served['cold_start_s']} s "
              f"(goal <= 20), warm {served['warm_start_s']} s (goal <= 10); idle CPU "
              f"{served['idle_cpu_percent']} % of one core", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
