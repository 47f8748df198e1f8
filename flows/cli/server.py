"""CLI: ``ledgerflow serve``, ``ledgerflow status``, ``ledgerflow doctor``."""

from __future__ import annotations

import os

import typer

from flows import output, settings
from flows.cli.common import State, handle_errors


def register(root: typer.Typer) -> None:
    root.command("serve")(serve)
    root.command("web")(web)
    root.command("status")(status)
    root.command("doctor")(doctor)


def _config() -> settings.Settings:
    return settings.load(State.db, State.user)


@handle_errors
def serve(port: int = typer.Option(4200, "--port", help="Port of the local Prefect server and UI."),
          host: str = typer.Option("127.0.0.1", "--host", help=(
              "Address to serve on (0.0.0.0: every address; the Prefect API then asks for sign-in).")),
          web_port: int = typer.Option(4280, "--web-port", help="Port of the approvals page (0: do not serve it)."),
          behind_tls_proxy: bool = typer.Option(False, "--behind-tls-proxy", help=(
              "A reverse proxy terminates TLS for the approvals page (also LEDGERFLOW_WEB_TLS_PROXY=1)."))):
    """Run ledgerflow: a local Prefect server (unless PREFECT_API_URL is set), every deployment and
    the approvals page."""
    from flows import server

    if State.db:
        os.environ["LEDGERFLOW_DATABASE_URL"] = State.db  # the flow runs read it too
    if State.user:
        os.environ["LEDGERFLOW_USER"] = State.user
    server.serve(port, say=output.console.print, host=host, web_port=web_port, behind_tls_proxy=behind_tls_proxy)


@handle_errors
def web(host: str = typer.Option("127.0.0.1", "--host", help=(
            "Address to serve on; beyond loopback plain HTTP is refused unless --behind-tls-proxy.")),
        web_port: int = typer.Option(4280, "--web-port", help="Port of the approvals page."),
        behind_tls_proxy: bool = typer.Option(False, "--behind-tls-proxy", help=(
            "A reverse proxy terminates TLS: trust its X-Forwarded-Proto/For, require https, Secure cookies "
            "(also LEDGERFLOW_WEB_TLS_PROXY=1)."))):
    """Run the approvals page alone (people sign in with the password `user set-password` gave them)."""
    from flows import server

    if State.db:
        os.environ["LEDGERFLOW_DATABASE_URL"] = State.db
    server.serve_web(host, web_port, behind_tls_proxy, say=output.console.print)


def status(as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """What is waiting: inbox, review, approvals, unposted documents, cost adjustment, quarantine."""
    from flows.operations import status as read_status

    data = read_status(_config())
    last = data.get("last_cost_adjustment")
    if not as_json and isinstance(last, dict):
        data = {**data, "last_cost_adjustment": ", ".join(
            f"{k}={output.cell(v)}" for k, v in last.items() if k in (
                "id", "status", "started_at", "finished_at", "items_adjusted", "items_failed"))}
    output.emit(data, as_json, title="ledgerflow status")


def doctor(as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Check the installation; exit 1 when something is wrong."""
    from flows.operations import doctor as run_checks

    checks = run_checks(_config())
    output.emit([c.row() for c in checks], as_json, title="ledgerflow doctor")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)
