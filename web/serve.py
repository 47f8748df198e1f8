"""Running the approvals page with uvicorn: alone (``ledgerflow web``) or in a background
thread next to the Prefect runner (``ledgerflow serve --web-port``).

Bound beyond loopback the page answers plain HTTP only with a refusal unless a TLS
reverse proxy is declared (``--behind-tls-proxy`` / LEDGERFLOW_WEB_TLS_PROXY=1); then
it believes the proxy's X-Forwarded-Proto/For, requires https and sets Secure cookies.
"""

from __future__ import annotations

import threading
import time

import uvicorn

from domain.app import App
from web.app import create_app
from web.config import WebConfig


def server(app: App, config: WebConfig, port: int) -> uvicorn.Server:
    forwarded = ",".join(config.trusted_proxies) if config.behind_tls_proxy else None
    settings = uvicorn.Config(create_app(app, config), host=config.host, port=port, log_level="warning",
                              proxy_headers=False, forwarded_allow_ips=forwarded, server_header=False,
                              access_log=False)
    return uvicorn.Server(settings)


def run(app: App, config: WebConfig, port: int) -> None:
    """Serve until Ctrl-C."""
    server(app, config, port).run()


def start_in_thread(app: App, config: WebConfig, port: int, timeout_s: float = 20.0) -> tuple[uvicorn.Server,
                                                                                                threading.Thread]:
    """Serve in a daemon thread (signal handlers stay with the main thread); returns
    once the socket listens. Stop with ``server.should_exit = True`` and join."""
    web = server(app, config, port)
    thread = threading.Thread(target=web.run, name="ledgerflow-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not web.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit(f"the approvals page did not start on {config.host}:{port}")
        time.sleep(0.05)
    return web, thread
