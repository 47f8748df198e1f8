"""The role center KPIs page (``/kpi``) and its chart images, for a signed-in user with
reports.read. The figures are domain.operations.kpi's; each chart is a PNG (img-src 'self'
under the page's Content-Security-Policy) with an alt text, and its figures in a table beside it."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from domain.identity import sessions
from domain.operations import kpi, kpi_charts, kpi_rules
from domain.operations.kpi_texts import text as kpi_text
from domain.parse import Reader
from domain.problems import DomainError, Problem, Rejected
from web import views
from web.auth import address, signed_in, state, to_login


def _figures(request: Request, user) -> kpi_rules.Kpis | Problem | DomainError:
    """The KPIs as of ``?as_of=`` (today when absent) for ``user``; a problem when refused."""
    reader = Reader({"as_of": request.query_params.get("as_of") or None})
    as_of = reader.date("as_of")
    if reader.problems:
        return reader.problems[0]
    try:
        figures = kpi.role_center_kpis(sessions.as_web_user(state(request).domain, user, address(request)), as_of)
    except DomainError as exc:
        return exc
    return figures.problems[0] if isinstance(figures, Rejected) else figures


def _refused(request: Request, user, refusal) -> Response:
    status = 403 if getattr(refusal, "code", "").startswith("AUTH-") else 400
    return views.refusal(request, user.language, refusal.code, status, signed_in=user, csrf=user.csrf_token,
                         **(refusal.params or {}))


async def page(request: Request) -> Response:
    user = signed_in(request)
    if user is None:
        return to_login("/kpi")
    figures = _figures(request, user)
    if not isinstance(figures, kpi_rules.Kpis):
        return _refused(request, user, figures)
    language = views.Formats(user.language).language
    query = urlencode({"as_of": figures.as_of.isoformat()})
    charts = [{"name": name, "title": kpi_charts.title(name, language), "src": f"/kpi/charts/{name}.png?{query}",
               "alt": kpi_charts.alt_text(figures, name, language)} for name in kpi_charts.CHARTS]
    return views.render(request, "kpi.html.j2", user.language, user=user, csrf=user.csrf_token, k=figures,
                        charts=charts, aging=kpi_rules.aging_rows(figures), waiting=kpi_rules.waiting_rows(figures),
                        kt=lambda key, **params: kpi_text(language, key, **params),
                        ml=lambda month: kpi_charts.month_label(month, language), page="kpi")


async def chart(request: Request) -> Response:
    user = signed_in(request)
    if user is None:
        return Response(status_code=401)
    name = str(request.path_params["name"])
    if name not in kpi_charts.CHARTS:
        return Response(status_code=404)
    figures = _figures(request, user)
    if not isinstance(figures, kpi_rules.Kpis):
        return Response(status_code=403 if getattr(figures, "code", "").startswith("AUTH-") else 400)
    # drawing takes a few tenths of a second: off the event loop (kpi_charts draws one at a time)
    png = await run_in_threadpool(kpi_charts.render, figures, name, views.Formats(user.language).language)
    return Response(png, media_type="image/png")
