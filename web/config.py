"""How the approvals page runs: secret, TLS rule, link lifetime, sign-in limits."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.identity import links


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebConfig:
    #: signs the session cookie and the e-mail links (LEDGERFLOW_WEB_SECRET or $LEDGERFLOW_HOME/web-secret)
    secret: str
    #: the address the page is bound to; beyond loopback, plain HTTP is refused unless behind a TLS proxy
    host: str = "127.0.0.1"
    #: a reverse proxy terminates TLS: trust its X-Forwarded-Proto/For, require https, Secure cookies
    behind_tls_proxy: bool = False
    #: the proxy's own addresses (only their forwarded headers are believed)
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    link_max_age_s: int = links.MAX_AGE_S
    #: POSIX time for checking link ages (tests move it forward)
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.timezone.utc))
    #: failed sign-ins from one address in ``failure_window_s`` before it must wait
    failures_per_address: int = 20
    failure_window_s: int = 15 * 60

    @property
    def secure_cookies(self) -> bool:
        return self.behind_tls_proxy

    @property
    def plain_http_refused(self) -> bool:
        return not is_loopback(self.host) and not self.behind_tls_proxy


def from_env(host: str = "127.0.0.1", behind_tls_proxy: bool | None = None) -> WebConfig:
    """The configuration of ``ledgerflow web`` / ``serve``: LEDGERFLOW_WEB_TLS_PROXY=1 declares the proxy,
    LEDGERFLOW_WEB_TRUSTED_PROXIES (comma-separated) names its addresses."""
    proxy = behind_tls_proxy if behind_tls_proxy else os.environ.get("LEDGERFLOW_WEB_TLS_PROXY") == "1"
    trusted = tuple(a.strip() for a in os.environ.get("LEDGERFLOW_WEB_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
                    if a.strip())
    return WebConfig(secret=links.web_secret(), host=host, behind_tls_proxy=proxy, trusted_proxies=trusted)
