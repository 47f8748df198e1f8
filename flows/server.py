"""``ledgerflow serve``: one command runs everything on one machine.

1. Prefect's state goes under ``$LEDGERFLOW_HOME/prefect`` (PREFECT_HOME),
   analytics off.
2. Without PREFECT_API_URL a local ``prefect server start`` (SQLite) runs as a
   child process on HOST:PORT (default 127.0.0.1:4200), never the ephemeral API
   (it keeps no task-run records across processes and cannot schedule). The
   child is told its own port and the URL its UI calls the API on
   (PREFECT_SERVER_API_PORT, PREFECT_UI_API_URL), so any port works. Bound
   beyond loopback, the API requires basic authentication (Prefect's
   PREFECT_SERVER_API_AUTH_STRING): from LEDGERFLOW_PREFECT_AUTH ("user:password")
   or generated once into PREFECT_HOME/api-auth (owner-only), and the UI asks
   for it. The child dies with us (PR_SET_PDEATHSIG on Linux) and a stale one
   left by a killed server is stopped through its pid file.
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

import base64
import contextlib
import datetime
import ipaddress
import os
import secrets
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


def healthy(api_url: str, timeout: float = 2.0, auth: str | None = None) -> bool:
    request = urllib.request.Request(f"{api_url.rstrip('/')}/health")
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_auth(prefect_home: Path) -> str:
    """The basic-auth string for a Prefect API reachable from other machines: from
    LEDGERFLOW_PREFECT_AUTH, else generated once and kept owner-only in PREFECT_HOME."""
    given = os.environ.get("LEDGERFLOW_PREFECT_AUTH")
    if given:
        if ":" not in given:
            raise SystemExit("LEDGERFLOW_PREFECT_AUTH must be user:password")
        return given
    path = prefect_home / "api-auth"
    prefect_home.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(f"ledgerflow:{secrets.token_urlsafe(18)}\n")
    return path.read_text().strip()


class ChildServer:
    """``prefect server start`` on host:port, its log in PREFECT_HOME/server.log."""

    def __init__(self, prefect_home: Path, port: int, host: str = "127.0.0.1", auth: str | None = None,
                 public_url: str | None = None):
        self.home, self.port, self.host, self.auth = prefect_home, port, host, auth
        self.api_url = f"http://127.0.0.1:{port}/api" if host in ("0.0.0.0", "::") or is_loopback(host) \
            else f"http://{host}:{port}/api"
        #: where browsers reach the API: the public URL, the loopback URL, or (bound to every
        #: address) the page's own origin
        if public_url:
            self.ui_api_url = public_url.rstrip("/") + "/api"
        elif is_loopback(host):
            self.ui_api_url = f"http://{host}:{port}/api"
        elif host in ("0.0.0.0", "::"):
            self.ui_api_url = "/api"
        else:
            self.ui_api_url = f"http://{host}:{port}/api"
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
        if healthy(self.api_url, timeout=0.5, auth=self.auth):
            raise SystemExit(f"port {self.port} already serves a Prefect API that is not ours: "
                             "choose another with --port, or set PREFECT_API_URL to use it")
        prefect = Path(sys.executable).with_name("prefect")
        command = [str(prefect) if prefect.exists() else "prefect", "server", "start",
                   "--host", self.host, "--port", str(self.port)]
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps writing to it
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
                                        env=self.environment())
        self.pid_file.write_text(str(self.process.pid))

    def environment(self) -> dict[str, str]:
        """The child's environment: its own host and port, the URL its UI calls, the auth."""
        env = {**os.environ, "PREFECT_API_URL": "", "PREFECT_SERVER_API_HOST": self.host,
               "PREFECT_SERVER_API_PORT": str(self.port), "PREFECT_UI_API_URL": self.ui_api_url}
        env.pop("PREFECT_SERVER_API_AUTH_STRING", None)
        if self.auth:
            env["PREFECT_SERVER_API_AUTH_STRING"] = self.auth
        return env

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise SystemExit(f"the Prefect server stopped (exit {self.process.returncode}):\n{tail}")
            if healthy(self.api_url, timeout=1.0, auth=self.auth):
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

    app = settings.open_app(config, migrate=True, surface="flow")
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


def _web_app(config: settings.Settings):
    from domain.setup.queries import company

    app = settings.open_app(config, surface="web")
    with app.uow() as session:
        company(session)  # an uninitialised database stops here, with the usual message
    return app


def start_web(config: settings.Settings, host: str, web_port: int, behind_tls_proxy: bool, say):
    """The approvals page in a background thread (None when ``web_port`` is 0)."""
    if not web_port:
        return None
    from web import config as web_config
    from web.serve import start_in_thread

    options = web_config.from_env(host, behind_tls_proxy)
    try:
        server, _thread = start_in_thread(_web_app(config), options, web_port)
    except SystemExit as exc:  # the port is taken: the flows still run, the operator is told
        say(f"approvals page not served: {exc} (port {web_port} in use? choose another with --web-port)")
        return None
    say(f"approvals page: http://{host}:{web_port}/" + (
        " (plain HTTP refused beyond loopback: declare a TLS proxy)" if options.plain_http_refused else ""))
    return server


def serve_web(host: str, web_port: int, behind_tls_proxy: bool, say=print) -> None:
    """``ledgerflow web``: the approvals page alone, until Ctrl-C."""
    from web import config as web_config
    from web.serve import run

    config = settings.load_for_flows()
    options = web_config.from_env(host, behind_tls_proxy)
    say(f"approvals page: http://{host}:{web_port}/" + (
        " (plain HTTP refused beyond loopback: declare a TLS proxy)" if options.plain_http_refused else ""))
    run(_web_app(config), options, web_port)


def serve(port: int, say=print, host: str = "127.0.0.1", web_port: int = 0, behind_tls_proxy: bool = False) -> None:
    """Run the server until Ctrl-C or SIGTERM (see the module docstring)."""
    started_at = datetime.datetime.now(datetime.timezone.utc)
    config = settings.load_for_flows()
    prefect_home = prepare_environment(config.home)
    child = web = None
    if not os.environ.get("PREFECT_API_URL"):
        auth = None if is_loopback(host) else api_auth(prefect_home)
        public = os.environ.get("LEDGERFLOW_PUBLIC_URL")
        child = ChildServer(prefect_home, port, host, auth, public)
        os.environ["PREFECT_API_URL"] = child.api_url
        local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        os.environ["PREFECT_UI_URL"] = public or f"http://{local}:{port}"
        if auth:
            os.environ["PREFECT_API_AUTH_STRING"] = auth  # our own runner and flow runs sign in too
            say(f"the Prefect API and UI require sign-in (user:password in {prefect_home / 'api-auth'}, "
                "or set LEDGERFLOW_PREFECT_AUTH)")
    try:
        if child is not None:
            child.start()
        app, time_zone, warnings = check_domain(config)
        if child is not None:
            child.wait_ready()
        elif not healthy(os.environ["PREFECT_API_URL"], timeout=5,
                         auth=os.environ.get("PREFECT_API_AUTH_STRING")):
            raise SystemExit(f"PREFECT_API_URL {os.environ['PREFECT_API_URL']} does not answer")
        for warning in warnings:
            say(f"setup: {warning}")
        web = start_web(config, host, web_port, behind_tls_proxy, say)
        _serve_all(app, config, time_zone, say, started_at if child is not None else None)
    finally:
        if web is not None:
            web.should_exit = True
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
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    from flows.deployments import runner_deployments

    # Prefect's SIGTERM handler calls the async Runner.stop() without awaiting it; the
    # runner still stops (serve() returns), so the warning only confuses the operator
    warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
    updates = {PREFECT_API_URL: os.environ["PREFECT_API_URL"]}
    if os.environ.get("PREFECT_API_AUTH_STRING"):
        updates[PREFECT_API_AUTH_STRING] = os.environ["PREFECT_API_AUTH_STRING"]
    with temporary_settings(updates=updates):
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
