"""Cookies, CSRF, client addresses, the TLS rule and the per-address sign-in limit.

- The session cookie holds only a random session id, signed (itsdangerous) so a
  forged or altered cookie is rejected before the database is asked; HttpOnly,
  SameSite=Lax, Secure behind a TLS proxy. The session record is server-side
  (domain.identity.sessions).
- CSRF (OWASP synchronizer token): every form carries the session's token, every
  POST is checked with a constant-time compare. The sign-in form, before there is a
  session, uses a signed double-submit cookie.
- Forwarded headers are believed only from a declared TLS proxy's own address.
"""

from __future__ import annotations

import collections
import secrets
import time

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.requests import Request
from starlette.responses import Response

from web.config import WebConfig, is_loopback

SESSION_COOKIE = "lf_session"
LOGIN_COOKIE = "lf_login"

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; img-src 'self'; "
                               "style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # the e-mail link's token must not leak to other sites
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _signer(config: WebConfig, purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(config.secret, salt=f"ledgerflow.{purpose}")


def read_cookie(request: Request, config: WebConfig, name: str) -> str | None:
    raw = request.cookies.get(name)
    if not raw:
        return None
    try:
        value = _signer(config, name).loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None


def set_cookie(response: Response, config: WebConfig, name: str, value: str) -> None:
    response.set_cookie(name, _signer(config, name).dumps(value), httponly=True, samesite="lax",
                        secure=config.secure_cookies, path="/")


def clear_cookie(response: Response, config: WebConfig, name: str) -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite="lax", secure=config.secure_cookies)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; an empty or missing token never matches."""
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def client_address(request: Request, config: WebConfig) -> str:
    peer = request.client.host if request.client else "-"
    if config.behind_tls_proxy and peer in config.trusted_proxies:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:100]
    return peer


def plain_http_refused(request: Request, config: WebConfig) -> bool:
    """True when the request may not be served: bound beyond loopback without a TLS
    proxy (for anyone but loopback clients), or behind a proxy but not forwarded as
    https by a trusted proxy."""
    peer = request.client.host if request.client else ""
    if config.behind_tls_proxy:
        return not (peer in config.trusted_proxies and request.headers.get("x-forwarded-proto") == "https")
    return config.plain_http_refused and not is_loopback(peer)


class AddressThrottle:
    """Failed sign-ins per client address in a sliding window (in memory, per process):
    past the limit an address waits, whichever user names it tries (slows guessing
    across many accounts, which the per-user lock-out does not)."""

    def __init__(self, limit: int, window_s: int, clock=time.monotonic):
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self.failures: dict[str, collections.deque] = {}

    def _recent(self, address: str) -> collections.deque:
        queue = self.failures.setdefault(address, collections.deque())
        cutoff = self.clock() - self.window_s
        while queue and queue[0] < cutoff:
            queue.popleft()
        return queue

    def blocked(self, address: str) -> bool:
        return len(self._recent(address)) >= self.limit

    def failed(self, address: str) -> None:
        self._recent(address).append(self.clock())
        if len(self.failures) > 10_000:  # forget the oldest addresses rather than grow without bound
            for key in list(self.failures)[:1000]:
                del self.failures[key]
