"""Sign in, sign out, the signed e-mail links, and who is signed in (every request)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.identity import links, sessions
from domain.problems import DomainError
from web import security, texts, views


def state(request: Request):
    return request.app.state


def address(request: Request) -> str:
    return security.client_address(request, state(request).config)


def signed_in(request: Request) -> sessions.SignedIn | None:
    """The session's user, checked against identity on every request (a disabled user's
    session ends here); None when there is no valid session."""
    session_id = security.read_cookie(request, state(request).config, security.SESSION_COOKIE)
    return sessions.current(state(request).domain, session_id)


def browser_language(request: Request) -> str:
    return texts.from_accept_language(request.headers.get("accept-language"))


def safe_next(value: str | None) -> str:
    """Only a path on this site (never //host or a scheme) is followed after sign-in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def to_login(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(next_path, safe='/')}", status_code=303)


def _login_page(request: Request, next_path: str, failed: bool = False, status: int = 200) -> Response:
    config = state(request).config
    token = security.read_cookie(request, config, security.LOGIN_COOKIE) or security.new_token()
    language = browser_language(request)
    message = views.Formats(language).problem(DomainError("AUTH-SIGN-IN-FAILED", "")) if failed else None
    response = views.render(request, "login.html.j2", language, status=status, csrf=token, next=next_path,
                            error=message)
    security.set_cookie(response, config, security.LOGIN_COOKIE, token)
    return response


async def login_form(request: Request) -> Response:
    if signed_in(request) is not None:
        return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    return _login_page(request, safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    config, form = state(request).config, await request.form()
    language = browser_language(request)
    expected = security.read_cookie(request, config, security.LOGIN_COOKIE)
    if not security.same_token(expected, form.get("csrf")):
        return views.refusal(request, language, "WEB-CSRF-INVALID", 403)
    where, next_path = address(request), safe_next(form.get("next"))
    if state(request).throttle.blocked(where):
        return views.refusal(request, language, "WEB-TOO-MANY-ATTEMPTS", 429)
    old = security.read_cookie(request, config, security.SESSION_COOKIE)
    try:
        session_id = sessions.sign_in(state(request).domain, str(form.get("user", "")),
                                      str(form.get("password", "")), where, replaces=old)
    except DomainError as exc:
        if exc.code not in ("AUTH-SIGN-IN-FAILED", "AUTH-USER-LOCKED"):
            raise
        state(request).throttle.failed(where)
        # one answer for every failure: it tells nobody whether the user exists or is locked
        return _login_page(request, next_path, failed=True, status=401)
    response = RedirectResponse(next_path, status_code=303)
    security.set_cookie(response, config, security.SESSION_COOKIE, session_id)
    security.clear_cookie(response, config, security.LOGIN_COOKIE)
    return response


async def logout(request: Request) -> Response:
    config, form = state(request).config, await request.form()
    user = signed_in(request)
    if user is not None:
        if not security.same_token(user.csrf_token, form.get("csrf")):
            return views.refusal(request, user.language, "WEB-CSRF-INVALID", 403, signed_in=user, csrf=user.csrf_token)
        session_id = security.read_cookie(request, config, security.SESSION_COOKIE)
        sessions.sign_out(state(request).domain, session_id, address(request))
    response = RedirectResponse("/login", status_code=303)
    security.clear_cookie(response, config, security.SESSION_COOKIE)
    return response


async def link(request: Request) -> Response:
    """An e-mail link: refused when tampered with or expired (no redirect at all); else
    the document for its own user, the sign-in page first for someone not signed in."""
    config = state(request).config
    data = links.read_token(request.path_params["token"], config.secret, config.link_max_age_s, config.clock())
    user = signed_in(request)
    language = user.language if user else browser_language(request)
    csrf = user.csrf_token if user else ""
    if data is None:
        return views.refusal(request, language, "WEB-LINK-INVALID", 400, signed_in=user, csrf=csrf)
    target = f"/documents/{quote(data['no'], safe='')}"
    if user is None:
        return to_login(target)
    if user.user_id != data["user"]:
        return views.refusal(request, language, "WEB-LINK-OTHER-USER", 403, signed_in=user, csrf=csrf)
    return RedirectResponse(target, status_code=303)
