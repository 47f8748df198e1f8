"""One-time codes from an authenticator app (TOTP, RFC 6238, with pyotp).

Where a person decides without a password sign-in of ours — the Prefect UI's Resume
form of an approval run, which anyone who reaches the UI can fill in — a typed user id
proves nothing. The decision must carry the current six-digit code of that user's
authenticator app: ``ledgerflow user totp --id ID`` enrols a user (an administrator for
anyone, a user for themselves) and shows the secret and the ``otpauth://`` link to scan.
Wrong codes count towards the same lock-out as wrong passwords.
"""

from __future__ import annotations

import pyotp
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import rules
from domain.identity.access import audited_change, record
from domain.identity.model import User
from domain.problems import DomainError

ISSUER = "ledgerflow"


def enrol(app: App, user_id: str) -> dict:
    """A new secret for ``user_id`` (replacing any earlier one): the secret and the
    provisioning URI an authenticator app scans. Audited, the secret never."""
    secret = pyotp.random_base32()

    def change(session: Session) -> None:
        user = session.get(User, user_id, with_for_update=True)
        if user is None:
            raise DomainError("AUTH-UNKNOWN-USER", f"no user {user_id!r}", user=user_id)
        user.totp_secret = secret

    permission = None if user_id == app.user else "users.manage"
    audited_change(app, permission, "user.totp", f"user {user_id}", change, None, {"enrolled": True})
    uri = pyotp.TOTP(secret).provisioning_uri(name=user_id, issuer_name=ISSUER)
    return {"user": user_id, "secret": secret, "uri": uri}


def verify(app: App, user_id: str, code: str) -> bool:
    """True when ``code`` is ``user_id``'s current one-time code (one step of clock drift
    allowed). False for an unknown, disabled or not enrolled user and for a wrong code
    (which counts towards the lock-out); AUTH-USER-LOCKED while locked out."""
    code = "".join((code or "").split())
    with app.uow() as session:
        user = session.get(User, user_id, with_for_update=True) if user_id else None
        if user is None or user.disabled or not user.totp_secret:
            return False
        now = app.now()
        if rules.is_locked(user.locked_until, now):
            raise DomainError("AUTH-USER-LOCKED", f"{user_id} is locked out after too many failed attempts",
                              user=user_id, until=rules.as_utc(user.locked_until).isoformat(timespec="minutes"))
        if code.isdigit() and pyotp.TOTP(user.totp_secret).verify(code, for_time=now, valid_window=1):
            user.failed_logins, user.locked_until = 0, None
            return True
        user.failed_logins, locked_until = rules.after_failed_login(user.failed_logins or 0, now)
        if locked_until is not None:
            user.locked_until = locked_until
            record(session, app, "user.lockout", f"user {user_id}", None, {"locked_until": locked_until},
                   "done", "AUTH-USER-LOCKED")
        return False
