"""``ledgerflow serve``: one command runs everything on one machine.

1. Prefect's state goes under ``$LEDGERFLOW_HOME/prefect`` (PREFECT_HOME),
   analytics off.
2. Without PREFECT_API_URL a local ``prefect server start`` (SQLite) runs as a
   child process on 127.0.0.1:PORT, never the ephemeral API (it keeps no
   task-run records across processes and cannot schedule). The child dies
   with us (PR_SET_PDEATHSIG on Linux) and a stale one left by a killed
   server is stopped through its pid file.
3. The domain database is migrated and checked (company present, setup gaps
   listed before the first posting).
4. Every deployment of :mod:`flows.deployments` whose flow exists is served
   in-process with ``prefect.serve(..., pause_on_shutdown=False)``, and the
   :mod:`flows.watcher` thread starts runs within seconds of new work.
5. With its own Prefect server, runs a killed predecessor left RUNNING or
   PENDING whose process is gone are marked Crashed (:mod:`flows.orphans`), at
   start and every half minute. Not with PREFECT_API_URL: another machine's
   runner may own such a run.

Ctrl-C or SIGTERM stops the runner, the watcher and the child server. The
next start resumes: the work itself is idempotent in the domain.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flows import settings
from ocr.archive import private_dir

READY_TIMEOUT_S = 90


def prepare_environment(home: Path) -> Path:
    """Set the Prefect variables every process we start inherits; returns PREFECT_HOME."""
    prefect_home = private_dir(home / "prefect")  # Prefect keeps flow-run parameters and logs here
    os.environ["PREFECT_HOME"] = str(prefect_home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ.setdefault("LEDGERFLOW_HOME", str(home))
    return prefect_home


def _die_with_parent() -> None:
    """In the child before exec: receive SIGTERM when the serving process dies (Linux)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


class ChildServer:
    """``prefect server start`` on 127.0.0.1:port, its log in PREFECT_HOME/server.log."""

    def __init__(self, prefect_home: Path, port: int):
        self.home, self.port = prefect_home, port
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.pid_file = prefect_home / "server.pid"
        self.log_path = prefect_home / "server.log"
        self.process: subprocess.Popen | None = None

    def stop_stale(self) -> None:
        """Stop a server a killed ``ledgerflow serve`` left behind (only if it is one of ours)."""
        try:
            pid = int(self.pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, ValueError):
            return
        if "prefect" in cmdline and "server" in cmdline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
                for _ in range(50):
                    os.kill(pid, 0)
                    time.sleep(0.1)
                os.kill(pid, signal.SIGKILL)

    def start(self) -> None:
        self.stop_stale()
        if healthy(self.api_url, timeout=0.5):
            raise SystemExit(f"port {self.port} already serves a Prefect API that is not ours: "
                             "choose another with --port, or set PREFECT_API_URL to use it")
        prefect = Path(sys.executable).with_name("prefect")
        command = [str(prefect) if prefect.exists() else "prefect", "server", "start",
                   "--host", "127.0.0.1", "--port", str(self.port)]
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps writing to it
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
                                        env={**os.environ, "PREFECT_API_URL": ""})
        self.pid_file.write_text(str(self.process.pid))

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise SystemExit(f"the Prefect server stopped (exit {self.process.returncode}):\n{tail}")
            if healthy(self.api_url, timeout=1.0):
                return
            time.sleep(0.2)
        raise SystemExit(f"the Prefect server did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.pid_file.unlink(missing_ok=True)


def check_domain(config: settings.Settings):
    """Migrate and check the domain database; returns (app, company time zone, warnings)."""
    from domain.operations.status import setup_problems
    from domain.setup.queries import company

    app = settings.open_app(config, migrate=True)
    with app.uow() as session:
        time_zone = company(session).time_zone  # DomainError SETUP-NO-COMPANY: run `ledgerflow init`
    warnings = [f"{p.code}: {p.message()}" for p in setup_problems(app)]
    for folder in (config.inbox, config.archive, config.quarantine):
        private_dir(folder)
    return app, time_zone, warnings


def _watcher(app, config: settings.Settings, deployments):
    from flows.watcher import Channel, PrefectRuns, Watcher, approvals_look, inbox_look, released_look

    names = {d.name: f"{d.flow_name}/{d.name}" for d in deployments}
    runs = PrefectRuns()
    channels = []
    if "inbox-sweep" in names:
        channels.append(Channel(names["inbox-sweep"], inbox_look(config.inbox), needs_two_looks=True))
    if "post-released" in names:
        channels.append(Channel(names["post-released"], released_look(app)))
    if "approval-reconcile" in names:
        channels.append(Channel(names["approval-reconcile"], approvals_look(app)))
    tick = float(os.environ.get("LEDGERFLOW_WATCH_SECONDS", "2"))
    return Watcher(channels, runs.start_run, runs.is_running, tick_s=tick), runs


def serve(port: int, say=print) -> None:
    """Run the server until Ctrl-C or SIGTERM (see the module docstring)."""
    started_at = datetime.datetime.now(datetime.timezone.utc)
    config = settings.load()
    prefect_home = prepare_environment(config.home)
    child = None
    if not os.environ.get("PREFECT_API_URL"):
        child = ChildServer(prefect_home, port)
        os.environ["PREFECT_API_URL"] = child.api_url
        os.environ["PREFECT_UI_URL"] = f"http://127.0.0.1:{port}"
    try:
        if child is not None:
            child.start()
        app, time_zone, warnings = check_domain(config)
        if child is not None:
            child.wait_ready()
        elif not healthy(os.environ["PREFECT_API_URL"], timeout=5):
            raise SystemExit(f"PREFECT_API_URL {os.environ['PREFECT_API_URL']} does not answer")
        for warning in warnings:
            say(f"setup: {warning}")
        _serve_all(app, config, time_zone, say, started_at if child is not None else None)
    finally:
        if child is not None:
            child.stop()


def _crash_orphans(deployments, started_at, say):
    """Mark runs a killed predecessor left behind Crashed (flows.orphans); the checker to stop, or None."""
    from flows.orphans import OrphanCheck

    if started_at is None:
        return None
    check = OrphanCheck([f"{d.flow_name}/{d.name}" for d in deployments], started_at)
    try:
        crashed = check.check()
    except Exception as exc:  # the API answered /health; a failure here must not stop serving
        say(f"could not look for flow runs a stopped server left behind: {exc}")
        crashed = []
    if crashed:
        say(f"marked {len(crashed)} flow run(s) crashed that a stopped server left running: {', '.join(crashed)}")
    check.start()
    return check


def _serve_all(app, config, time_zone: str, say, started_at=None) -> None:
    # Prefect reads its settings once, at import: the environment above is set before this
    import warnings

    import prefect
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.deployments import runner_deployments

    # Prefect's SIGTERM handler calls the async Runner.stop() without awaiting it; the
    # runner still stops (serve() returns), so the warning only confuses the operator
    warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
    with temporary_settings(updates={PREFECT_API_URL: os.environ["PREFECT_API_URL"]}):
        notes: list[str] = []
        deployments = runner_deployments(time_zone, notes)
        for note in notes:
            say(f"not served: {note}")
        orphans = _crash_orphans(deployments, started_at, say)
        watcher, runs = _watcher(app, config, deployments)
        say(f"ledgerflow: serving {len(deployments)} deployments; inbox {config.inbox}; "
            f"UI {os.environ.get('PREFECT_UI_URL', os.environ['PREFECT_API_URL'])}")
        watcher.start()
        try:
            prefect.serve(*deployments, pause_on_shutdown=False, print_starting_message=False,
                          query_seconds=float(os.environ.get("LEDGERFLOW_QUERY_SECONDS", "2")))
        except SystemExit:
            pass  # the runner's SIGTERM handler exits; the cleanup below still runs
        finally:
            watcher.stop()
            if orphans is not None:
                orphans.stop()
            runs.close()
            app.dispose()
