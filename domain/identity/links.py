"""Signed, expiring links to a document's page in the approvals e-mails.

A link is ``{base}/link/{token}``: the token is itsdangerous' URL-safe timed
signature over ``{"no": document, "user": recipient}`` with the web secret, so a
changed character or an expired token is refused, and a link grants nothing by
itself: the page still asks the recipient to sign in as themselves.

The secret is LEDGERFLOW_WEB_SECRET, else the file ``$LEDGERFLOW_HOME/web-secret``
(made once, owner-only 0600); the web page signs its cookies with the same secret.
The base URL is LEDGERFLOW_WEB_URL (default http://127.0.0.1:4280).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

DEFAULT_BASE_URL = "http://127.0.0.1:4280"
MAX_AGE_S = 7 * 24 * 3600
_SALT = "ledgerflow.document-link"


def secret_path() -> Path:
    return Path(os.environ.get("LEDGERFLOW_HOME", "./var")).resolve() / "web-secret"


def web_secret() -> str:
    """The signing secret: LEDGERFLOW_WEB_SECRET, else the secret file (made when missing)."""
    explicit = os.environ.get("LEDGERFLOW_WEB_SECRET")
    if explicit:
        return explicit
    path = secret_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile
            return path.read_text(encoding="ascii").strip()
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


def base_url() -> str:
    return (os.environ.get("LEDGERFLOW_WEB_URL") or DEFAULT_BASE_URL).rstrip("/")


def _serializer(secret: str | None) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret or web_secret(), salt=_SALT)


def document_token(document_no: str, user_id: str, secret: str | None = None) -> str:
    return _serializer(secret).dumps({"no": document_no, "user": user_id})


def document_link(document_no: str, user_id: str, secret: str | None = None) -> str:
    return f"{base_url()}/link/{document_token(document_no, user_id, secret)}"


def read_token(token: str, secret: str | None = None, max_age_s: int = MAX_AGE_S,
               now: dt.datetime | None = None) -> dict | None:
    """``{"no", "user"}`` of a valid token; None when tampered with, malformed or older
    than ``max_age_s`` (``now``: the clock, an aware UTC datetime, for tests)."""
    serializer = _serializer(secret)
    try:
        if now is None:
            data = serializer.loads(token, max_age=max_age_s)
        else:
            data, signed_at = serializer.loads(token, return_timestamp=True)
            if (now - signed_at).total_seconds() > max_age_s:
                return None
    except (SignatureExpired, BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("no"), str) or not isinstance(data.get("user"), str):
        return None
    return data
