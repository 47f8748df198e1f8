"""Signed-in sessions of the approvals page: sign in, look up, sign out.

The web layer keeps only a random session id in a signed cookie; everything else
is here, server-side (OWASP Session Management): the row stores the id's SHA-256,
the CSRF token of the session's forms and when it was last used. A sign-in always
makes a new id (no session fixation: an id from before the sign-in is never
promoted). A session ends when it is idle for ``IDLE`` or older than ``LIFETIME``,
at sign-out, and at once when its user is disabled: the user
is checked on every look-up. Sign-ins, failed sign-ins and sign-outs are written
to the setup audit with the client address (``app.address``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete

from domain.app import App
from domain.identity import rules
from domain.identity.access import actor, record
from domain.identity.model import User, WebSession
from domain.identity.services import verify_password
from domain.problems import DomainError

IDLE = dt.timedelta(minutes=30)
LIFETIME = dt.timedelta(hours=12)


@dataclass(frozen=True)
class SignedIn:
    """The session's user as the page needs them."""

    user_id: str
    name: str
    language: str
    csrf_token: str


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _web(app: App, user_id: str | None, address: str | None) -> App:
    return dataclasses.replace(app, user=user_id, surface="web", address=address)


def sign_in(app: App, user_id: str, password: str, address: str | None,
            replaces: str | None = None) -> str:
    """A new session id for ``user_id`` if the password is right; AUTH-SIGN-IN-FAILED
    otherwise (the same answer for an unknown user, a wrong password, a disabled user),
    AUTH-USER-LOCKED while locked out. ``replaces``: the caller's old session id, ended."""
    user_id = (user_id or "").strip()[:20]
    web = _web(app, user_id or None, address)
    try:
        ok = verify_password(web, user_id, password or "")
    except DomainError as exc:
        _audit(web, "web.sign-in", user_id, "refused", exc.code)
        raise
    if not ok:
        _audit(web, "web.sign-in", user_id, "refused", "AUTH-SIGN-IN-FAILED")
        raise DomainError("AUTH-SIGN-IN-FAILED", "wrong user or password")
    session_id = secrets.token_urlsafe(32)
    now = app.now()
    with app.uow() as session:
        if replaces:
            session.execute(delete(WebSession).where(WebSession.id_hash == _hash(replaces)))
        session.add(WebSession(id_hash=_hash(session_id), user_id=user_id, csrf_token=secrets.token_urlsafe(32),
                               created_at=now, last_seen_at=now, address=(address or "")[:100] or None))
        record(session, web, "web.sign-in", f"user {user_id}", None, {"address": address}, "done")
    return session_id


def _audit(app: App, action: str, user_id: str, outcome: str, code: str | None) -> None:
    with app.uow() as session:
        record(session, app, action, f"user {user_id}", None, {"address": app.address}, outcome, code)


def current(app: App, session_id: str | None) -> SignedIn | None:
    """The signed-in user of ``session_id``, None when it is unknown, expired or its user
    may no longer act (disabled, removed). Touches the session (idle expiry)."""
    if not session_id:
        return None
    now = app.now()
    with app.uow() as session:
        row = session.get(WebSession, _hash(session_id))
        if row is None:
            return None
        user = session.get(User, row.user_id)
        who = actor(session, row.user_id)
        expired = (now - rules.as_utc(row.last_seen_at) > IDLE) or (now - rules.as_utc(row.created_at) > LIFETIME)
        if expired or user is None or rules.access_problem(row.user_id, who, None) is not None:
            session.delete(row)
            return None
        row.last_seen_at = now
        return SignedIn(user.id, user.name, user.language or "en", row.csrf_token)


def sign_out(app: App, session_id: str | None, address: str | None) -> None:
    if not session_id:
        return
    with app.uow() as session:
        row = session.get(WebSession, _hash(session_id))
        if row is None:
            return
        record(session, _web(app, row.user_id, address), "web.sign-out", f"user {row.user_id}", None,
               {"address": address}, "done")
        session.delete(row)


def as_web_user(app: App, signed_in: SignedIn, address: str | None) -> App:
    """The App acting as the session's user from the web, for the audit's address."""
    return _web(app, signed_in.user_id, address)
