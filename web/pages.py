"""The signed-in pages: the two lists, the document page, its PDF and page images,
and the decision form. The acting user is always the session's user."""

from __future__ import annotations

import io

import pypdfium2
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from domain.approvals import decide as decisions
from domain.approvals.query import history
from domain.identity import sessions
from domain.intake import page as read
from domain.problems import DomainError
from web import security, views
from web.auth import address, signed_in, state, to_login

MAX_PAGES = 50
RESULTS = ("approved", "rejected", "delegated", "released")


def _document_no(request: Request) -> str:
    return str(request.path_params["no"])[:20]


async def home(request: Request) -> Response:
    user = signed_in(request)
    if user is None:
        return to_login("/")
    app = state(request).domain
    return views.render(request, "home.html.j2", user.language, user=user, csrf=user.csrf_token,
                        waiting=read.waiting_for(app, user.user_id), sent=read.sent_by(app, user.user_id))


def _document_response(request: Request, user, no: str, status: int = 200, notice: str | None = None,
                       refusal: DomainError | None = None) -> Response:
    app = state(request).domain
    try:
        doc = read.document_page(app, user.user_id, no)
    except DomainError as exc:
        return views.refusal(request, user.language, exc.code, 404, signed_in=user, csrf=user.csrf_token, **exc.params)
    return views.render(request, "document.html.j2", user.language, status=status, user=user,
                        csrf=user.csrf_token, doc=doc, events=history(app, no)["events"], notice=notice,
                        refusal=refusal)


async def document(request: Request) -> Response:
    user = signed_in(request)
    no = _document_no(request)
    if user is None:
        return to_login(f"/documents/{no}")
    result = request.query_params.get("result")
    return _document_response(request, user, no, notice=result if result in RESULTS else None)


async def decide(request: Request) -> Response:
    user, form = signed_in(request), await request.form()
    no = _document_no(request)
    if user is None:
        return to_login(f"/documents/{no}")
    if not security.same_token(user.csrf_token, form.get("csrf")):
        return views.refusal(request, user.language, "WEB-CSRF-INVALID", 403, signed_in=user, csrf=user.csrf_token)
    acting = sessions.as_web_user(state(request).domain, user, address(request))
    comment = (str(form.get("comment") or "").strip() or None)
    try:
        outcome = decisions.decide_and_post(acting, no, str(form.get("action", "")), comment)
    except DomainError as exc:
        return _document_response(request, user, no, status=409, refusal=exc)
    if outcome.posting_problems:
        return _document_response(request, user, no, notice="not_posted", refusal=outcome.posting_problems[0])
    action = {"approve": "approved", "reject": "rejected", "delegate": "delegated"}[outcome.decision.action]
    return RedirectResponse(f"/documents/{no}?result={action}", status_code=303)


def _pdf(request: Request):
    user = signed_in(request)
    if user is None:
        return None, to_login(f"/documents/{_document_no(request)}")
    try:
        return read.pdf_path(state(request).domain, user.user_id, _document_no(request)), None
    except DomainError as exc:
        return None, views.refusal(request, user.language, exc.code, 404, signed_in=user, csrf=user.csrf_token, **exc.params)


async def pdf(request: Request) -> Response:
    path, refused = _pdf(request)
    if refused is not None:
        return refused
    # a vendor's PDF is untrusted: shown by the browser's viewer in a sandbox, never as a page of ours
    return FileResponse(path, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{_document_no(request)}.pdf"',
        "Content-Security-Policy": "sandbox; default-src 'none'; object-src 'self'"})


async def page_image(request: Request) -> Response:
    path, refused = _pdf(request)
    if refused is not None:
        return refused
    number = int(request.path_params["n"])
    document = pypdfium2.PdfDocument(str(path))
    try:
        if not 1 <= number <= min(len(document), MAX_PAGES):
            return Response(status_code=404)
        image = document[number - 1].render(scale=1.6).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return Response(buffer.getvalue(), media_type="image/png")
