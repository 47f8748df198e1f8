"""Use cases for users: add, roles, disable / enable, list, passwords and log-in.

Each change needs ``users.manage`` (a user may set their own password) and is
audited through :func:`domain.identity.access.audited_change`. The company
never loses its last enabled administrator: a change that would leave none is
refused (AUTH-LAST-ADMINISTRATOR), so someone can always manage users.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106); the
hash is computed before the transaction opens. Five failed log-ins in a row
lock the user out for 15 minutes (``rules.LOCKOUT``), timed by ``app.now``.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import rules
from domain.identity.access import audited_change, list_audit, record, require
from domain.identity.model import User, UserRole
from domain.parse import Reader
from domain.problems import DomainError, Problem, Rejected, RejectedError

LANGUAGES = ("nb", "nl", "en")


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _decoy_hash() -> str:
    """A hash to verify against when there is no user, so timing does not tell."""
    return _hasher().hash("no such user: decoy password")


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def _user(session: Session, user_id: str, for_update: bool = False) -> User:
    query = select(User).where(User.id == user_id)
    user = session.scalar(lock(session, query) if for_update else query)
    if user is None:
        raise DomainError("USER-NOT-FOUND", f"no user {user_id!r}", id=user_id)
    return user


def _roles(session: Session, user_id: str) -> list[str]:
    return sorted(session.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))


def describe(session: Session, user: User) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email, "language": user.language,
            "allow_posting_from": user.allow_posting_from, "allow_posting_to": user.allow_posting_to,
            "roles": _roles(session, user.id), "disabled": bool(user.disabled),
            "password_set": user.password_hash is not None, "locked_until": user.locked_until}


def _snapshot(user_id: str):
    def read(session: Session) -> dict | None:
        user = session.get(User, user_id)
        if user is None:
            return None
        state = describe(session, user)
        state.pop("locked_until")
        return state
    return read


def _check_an_administrator_remains(session: Session) -> None:
    session.flush()
    remaining = session.scalar(select(UserRole.user_id).join(User, User.id == UserRole.user_id).where(
        UserRole.role == "administrator", User.disabled.is_(False)).limit(1))
    if remaining is None:
        raise DomainError("AUTH-LAST-ADMINISTRATOR", "this would leave no enabled administrator")


def add_user(app: App, id: str | None, name: str | None, email: str | None = None,
             language: str | None = None, roles=None) -> dict:
    """A new user with ``roles`` (names or ``a,b``); USER-EXISTS if the id is taken."""
    wanted, role_problems = rules.parse_roles(roles)

    def change(session: Session) -> dict:
        r = Reader({"id": id, "name": name, "email": email, "language": language})
        user_id, user_name = r.text("id", required=True), r.text("name", required=True)
        if user_id and len(user_id) > 20:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "id", {"max": 20}))
        elif user_id and session.get(User, user_id) is not None:
            r.problems.append(Problem("USER-EXISTS", "id", {"id": user_id}))
        user = User(id=user_id, name=user_name, email=r.text("email"),
                    language=r.choice("language", LANGUAGES, default="en"), disabled=False, failed_logins=0)
        _refuse(r.problems + role_problems)
        session.add(user)
        session.flush()
        session.add_all(UserRole(user_id=user.id, role=role) for role in wanted)
        session.flush()
        return describe(session, user)

    return audited_change(app, "users.manage", "user.add", f"user {id}", change, _snapshot(str(id)),
                          {"id": id, "name": name, "email": email, "language": language, "roles": wanted})


def set_roles(app: App, user_id: str, roles) -> list[str]:
    """Replace the user's roles with ``roles``; returns them."""
    wanted, problems = rules.parse_roles(roles)

    def change(session: Session) -> list[str]:
        _refuse(problems)
        _user(session, user_id, for_update=True)
        session.execute(delete(UserRole).where(UserRole.user_id == user_id))
        session.add_all(UserRole(user_id=user_id, role=role) for role in wanted)
        _check_an_administrator_remains(session)
        return sorted(wanted)

    return audited_change(app, "users.manage", "user.roles", f"user {user_id}", change, _snapshot(user_id),
                          {"roles": wanted})


def _set_disabled(app: App, user_id: str, disabled: bool) -> None:
    def change(session: Session) -> None:
        _user(session, user_id, for_update=True).disabled = disabled
        if disabled:
            _check_an_administrator_remains(session)

    audited_change(app, "users.manage", "user.disable" if disabled else "user.enable", f"user {user_id}",
                   change, _snapshot(user_id), {"disabled": disabled})


def disable_user(app: App, user_id: str) -> None:
    """BC State Disabled: the user stays (history refers to them) but may do nothing."""
    _set_disabled(app, user_id, True)


def enable_user(app: App, user_id: str) -> None:
    _set_disabled(app, user_id, False)


def list_users(app: App) -> list[dict]:
    with app.uow() as session:
        return [describe(session, user) for user in session.scalars(select(User).order_by(User.id))]


def set_password(app: App, user_id: str, password: str) -> None:
    """Set a user's password (hashed); an administrator for anyone, a user for themselves.
    Clears a lock-out. The audit records that a password was set, never the password."""
    _refuse(rules.password_problems(password))
    hashed = _hasher().hash(password)

    def change(session: Session) -> None:
        user = _user(session, user_id, for_update=True)
        user.password_hash, user.failed_logins, user.locked_until = hashed, 0, None

    permission = None if user_id == app.user else "users.manage"
    audited_change(app, permission, "user.password", f"user {user_id}", change, _snapshot(user_id),
                   {"password_set": True})


def _stored_hash(app: App, user_id: str) -> str | None:
    """The user's hash, None if they cannot log in; AUTH-USER-LOCKED while locked out."""
    with app.uow() as session:
        user = session.get(User, user_id) if user_id else None
        if user is None or user.disabled or user.password_hash is None:
            return None
        if rules.is_locked(user.locked_until, app.now()):
            raise DomainError("AUTH-USER-LOCKED", f"{user_id} is locked out after too many failed log-ins",
                              user=user_id, until=rules.as_utc(user.locked_until).isoformat(timespec="minutes"))
        return user.password_hash


def _matches(stored: str, password: str) -> bool:
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_password(app: App, user_id: str, password: str) -> bool:
    """True if ``password`` is the user's; False for a wrong password, an unknown or
    disabled user or one without a password (the same answer, so it tells nobody which).
    AUTH-USER-LOCKED while locked out; the fifth failure in a row locks (and is audited)."""
    stored = _stored_hash(app, user_id)
    if stored is None:
        _matches(_decoy_hash(), password)
        return False
    ok = _matches(stored, password)
    with app.uow() as session:
        user = _user(session, user_id, for_update=True)
        if ok:
            user.failed_logins, user.locked_until = 0, None
            if _hasher().check_needs_rehash(stored):
                user.password_hash = _hasher().hash(password)
            return True
        user.failed_logins, locked_until = rules.after_failed_login(user.failed_logins or 0, app.now())
        if locked_until is not None:
            user.locked_until = locked_until
            record(session, app, "user.lockout", f"user {user_id}", None,
                   {"locked_until": locked_until}, "done", "AUTH-USER-LOCKED")
    return False


def roles_table() -> list[dict]:
    return rules.roles_table()


def user_roles(app: App, user_id: str) -> list[str]:
    with app.uow() as session:
        return _roles(session, _user(session, user_id).id)


def _ensure_user(session: Session, user_id: str, name: str, role: str) -> int:
    """``user_id`` with ``role`` when there is no such user (an existing one is left as
    its administrators set it)."""
    if session.get(User, user_id) is not None:
        return 0
    session.add(User(id=user_id, name=name, language="en", disabled=False, failed_logins=0))
    session.flush()
    session.add(UserRole(user_id=user_id, role=role))
    session.flush()
    return 1


def ensure_administrator(session: Session) -> int:
    """``init``'s administrator ``admin`` (the CLI's default user) and the flows' service
    account ``prefect`` (role automation), each made when missing."""
    return (_ensure_user(session, rules.DEFAULT_ADMINISTRATOR, "Administrator", "administrator")
            + _ensure_user(session, rules.FLOW_USER, "Prefect flows (service account)", "automation"))


__all__ = ["add_user", "set_roles", "disable_user", "enable_user", "list_users", "set_password",
           "verify_password", "require", "audited_change", "list_audit", "roles_table", "user_roles",
           "ensure_administrator"]
