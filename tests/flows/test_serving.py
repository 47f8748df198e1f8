"""Serving beyond the default: any port, any address (issue 13, "Serving beyond localhost").

A real ``prefect server start`` child, as ``ledgerflow serve`` starts it: the UI must call the
API on the port it was started on (it used to call 4200), and bound beyond loopback the API
must refuse requests without the basic-auth credentials.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request

import pytest

from flows import server
from tests.support.servers import free_port

pytestmark = pytest.mark.prefect


def get(url: str, auth: str | None = None):
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


@pytest.fixture
def child(tmp_path, monkeypatch):
    started = []
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)

    def start(host: str, **kw) -> server.ChildServer:
        home = tmp_path / "prefect"
        home.mkdir(exist_ok=True)
        one = server.ChildServer(home, free_port(), host, **kw)
        started.append(one)
        one.start()
        one.wait_ready()
        return one

    yield start
    for one in started:
        one.stop()


def test_a_server_on_port_4391_style_ports_gives_its_ui_the_api_on_that_same_port(child):
    one = child("127.0.0.1")
    status, ui = get(f"http://127.0.0.1:{one.port}/ui-settings")
    assert status == 200
    assert ui["api_url"] == f"http://127.0.0.1:{one.port}/api"


def test_bound_to_every_address_the_api_refuses_requests_without_the_credentials(child, tmp_path, monkeypatch):
    monkeypatch.delenv("LEDGERFLOW_PREFECT_AUTH", raising=False)
    auth = server.api_auth(tmp_path / "prefect")
    assert oct(os.stat(tmp_path / "prefect" / "api-auth").st_mode & 0o777) == "0o600"
    one = child("0.0.0.0", auth=auth)
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"http://127.0.0.1:{one.port}/api/flows/count", None)
    assert refused.value.code == 401
    with pytest.raises(urllib.error.HTTPError) as wrong:
        get(f"http://127.0.0.1:{one.port}/api/admin/version", "ledgerflow:guess")
    assert wrong.value.code == 401
    status, _ = get(f"http://127.0.0.1:{one.port}/api/admin/version", auth)
    assert status == 200
    _, ui = get(f"http://127.0.0.1:{one.port}/ui-settings")
    assert ui["api_url"] == "/api"  # the browser calls the API on the address it used


def test_generated_credentials_are_kept_for_the_next_start_and_given_ones_win(tmp_path, monkeypatch):
    monkeypatch.delenv("LEDGERFLOW_PREFECT_AUTH", raising=False)
    first = server.api_auth(tmp_path / "p")
    assert first.startswith("ledgerflow:") and len(first) > 20
    assert server.api_auth(tmp_path / "p") == first
    monkeypatch.setenv("LEDGERFLOW_PREFECT_AUTH", "ops:s3cret")
    assert server.api_auth(tmp_path / "p") == "ops:s3cret"
    assert not server.is_loopback("0.0.0.0") and server.is_loopback("127.0.0.1") and server.is_loopback("::1")
