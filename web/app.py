"""The approvals page as a Starlette application: routes, the TLS rule, security headers.

``create_app(app, config)`` takes the domain App (built by domain.bootstrap) and a
:class:`web.config.WebConfig`; ``ledgerflow web`` and ``ledgerflow serve`` run it
with uvicorn (web/serve.py).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.app import App
from domain.messaging.outbox import templates_dir
from web import auth, kpi, pages, security, views
from web.config import WebConfig


class Guard(BaseHTTPMiddleware):
    """Refuses plain HTTP where the TLS rule says so and adds the security headers."""

    async def dispatch(self, request: Request, call_next) -> Response:
        if security.plain_http_refused(request, request.app.state.config):
            response = views.refusal(request, auth.browser_language(request), "WEB-PLAIN-HTTP-REFUSED", 403)
        else:
            response = await call_next(request)
        for name, value in security.HEADERS.items():
            response.headers.setdefault(name, value)
        return response


async def stylesheet(request: Request) -> Response:
    css = (templates_dir() / "web" / "app.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


def create_app(app: App, config: WebConfig) -> Starlette:
    routes = [
        Route("/", pages.home),
        Route("/login", auth.login_form, methods=["GET"]),
        Route("/login", auth.login, methods=["POST"]),
        Route("/logout", auth.logout, methods=["POST"]),
        Route("/link/{token}", auth.link),
        Route("/documents/{no}", pages.document),
        Route("/documents/{no}/decide", pages.decide, methods=["POST"]),
        Route("/documents/{no}/pdf", pages.pdf),
        Route("/documents/{no}/pages/{n:int}.png", pages.page_image),
        Route("/kpi", kpi.page),
        Route("/kpi/charts/{name}.png", kpi.chart),
        Route("/static/app.css", stylesheet),
    ]
    web = Starlette(routes=routes, middleware=[Middleware(Guard)])
    web.state.domain = app
    web.state.config = config
    web.state.throttle = security.AddressThrottle(config.failures_per_address, config.failure_window_s)
    return web
