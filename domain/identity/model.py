"""Users, their roles and the audit of setup changes (declarations only).

``app_user`` keeps its name and columns from the foundation schema (BC User and
User Setup: e-mail, language, own allowed posting range); migration 0013 adds
what identity needs: the disabled flag, the password hash (argon2), the failed
log-in count and lock-out time, and a TOTP secret for later. Roles are rows of
``user_role`` (one user, many roles, as BC assigns permission sets).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Text, UtcTime


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text]
    email: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="en")
    #: per-user override of the company's allowed posting range (BC User Setup)
    allow_posting_from: Mapped[dt.date | None] = mapped_column(Date)
    allow_posting_to: Mapped[dt.date | None] = mapped_column(Date)
    #: BC User "State: Disabled": the user keeps their history but may do nothing
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: argon2id hash (argon2-cffi's encoded form); None = cannot log in to the web page
    password_hash: Mapped[str | None] = mapped_column(String(200))
    #: consecutive failed log-ins since the last success or lock-out
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[UtcTime | None] = mapped_column()
    #: base32 secret of an authenticator app (one-time codes), set up later
    totp_secret: Mapped[str | None] = mapped_column(String(64))


class UserRole(Base):
    """One role of one user (see ``domain.identity.rules.ROLES``)."""

    __tablename__ = "user_role"
    user_id: Mapped[Code] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)


class SetupAuditEvent(Base):
    """One change (or refused attempt) of setup or security: who, from where, when,
    what, before and after. Append-only (``domain.db`` guard plus a trigger)."""

    __tablename__ = "setup_audit_event"
    __append_only__ = True
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[UtcTime] = mapped_column()
    #: the acting ledgerflow user as declared (recorded even when unknown)
    user_id: Mapped[str | None] = mapped_column(String(100))
    #: the operating-system login that ran the command (CLI, flows)
    os_account: Mapped[str | None] = mapped_column(String(100))
    #: cli | web | flow
    surface: Mapped[str] = mapped_column(String(10))
    #: the client's network address (web)
    address: Mapped[str | None] = mapped_column(String(100))
    #: e.g. approvals.configure, user.add, setup.posting-range
    action: Mapped[str] = mapped_column(String(40))
    object: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict | None] = mapped_column(JSON)
    #: the state after a change; for a refused attempt, what was asked for
    after: Mapped[dict | None] = mapped_column(JSON)
    #: done | refused
    outcome: Mapped[str] = mapped_column(String(10))
    code: Mapped[str | None] = mapped_column(String(60))


class WebSession(Base):
    """A signed-in session of the approvals page. The cookie carries the session id;
    the row holds its SHA-256 (a stolen database does not give live cookies), the user,
    the CSRF token of its forms and when it was last used (idle expiry). Signing out
    deletes the row; a new sign-in always makes a new row (no session fixation)."""

    __tablename__ = "web_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[Code] = mapped_column(ForeignKey("app_user.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[UtcTime] = mapped_column()
    last_seen_at: Mapped[UtcTime] = mapped_column()
    address: Mapped[str | None] = mapped_column(String(100))
