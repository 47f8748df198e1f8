"""The permission check every use case calls, and the audit of setup changes.

``require`` is the one gate: the CLI, the web page and the Prefect flows all
reach the domain through services that call it first, with ``app.user`` (the
acting user the surface declared). ``audited_change`` runs a setup change as
one unit of work behind that gate and records who (user and OS account), from
where (surface, address), when, what and the state before and after. A refused
attempt, including a refused permission, is recorded too, in its own
transaction after the refused one rolled back; the refusal is then re-raised.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import rules
from domain.identity.model import SetupAuditEvent, User, UserRole
from domain.problems import DomainError

T = TypeVar("T")


def actor(session: Session, user_id: str | None) -> rules.Actor | None:
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return None
    roles = session.scalars(select(UserRole.role).where(UserRole.user_id == user.id))
    return rules.Actor(user.id, frozenset(roles), bool(user.disabled))


def require(target: App | Session, user_id: str | None, permission: str | None) -> None:
    """Raise AUTH-UNKNOWN-USER, AUTH-USER-DISABLED or AUTH-PERMISSION-DENIED unless
    ``user_id`` may act with ``permission`` (None: only be a known, enabled user).
    Given a session it reads there; given an App, in a transaction of its own."""
    if not isinstance(target, Session):
        with target.uow() as session:
            require(session, user_id, permission)
        return
    problem = rules.access_problem(user_id, actor(target, user_id), permission)
    if problem is not None:
        raise DomainError(problem.code, problem.message(), **problem.params)


def require_any(target: App | Session, user_id: str | None, permissions: tuple[str, ...]) -> None:
    """``require`` for a use case any one of ``permissions`` allows; refused naming the first."""
    refused: DomainError | None = None
    for permission in permissions:
        try:
            require(target, user_id, permission)
            return
        except DomainError as exc:
            refused = refused or exc
    if refused is not None:
        raise refused


def command(app: App, permission: str, fn: Callable[[Session], T]) -> T:
    """``app.command(fn)`` for ``app.user`` holding ``permission``: the check and the work in
    one unit of work (a refusal writes nothing)."""

    def checked(session: Session) -> T:
        require(session, app.user, permission)
        return fn(session)

    return app.command(checked)


def os_account() -> str | None:
    """The operating-system login running this process (the CLI's real person)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return None


def jsonable(value: Any) -> Any:
    """``value`` with decimals as strings and dates in ISO form, for a JSON column."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def record(session: Session, app: App, action: str, obj: str, before, after, outcome: str,
           code: str | None = None) -> None:
    account = os_account()
    session.add(SetupAuditEvent(
        at=app.now(), user_id=app.user[:100] if app.user else None, os_account=account[:100] if account else None,
        surface=app.surface, address=app.address, action=action, object=obj[:200], before=jsonable(before),
        after=jsonable(after), outcome=outcome, code=code))


def audited_change(app: App, permission: str | None, action: str, obj: str,
                   change: Callable[[Session], Any], snapshot: Callable[[Session], Any] | None = None,
                   request: Any = None):
    """Run ``change(session)`` as one unit of work if ``app.user`` holds ``permission``,
    and audit it: ``snapshot(session)`` before and after; on refusal (any DomainError)
    the event holds ``request`` (what was asked) and the code. Returns ``change``'s result."""
    try:
        with app.uow() as session:
            require(session, app.user, permission)
            before = snapshot(session) if snapshot else None
            result = change(session)
            session.flush()
            session.expire_all()  # the state after is read back: what the database holds
            after = snapshot(session) if snapshot else request
            record(session, app, action, obj, before, after, "done")
            return result
    except DomainError as exc:
        with app.uow() as session:
            record(session, app, action, obj, None, request, "refused", exc.code)
        raise


def list_audit(app: App, limit: int = 200, action: str | None = None) -> list[dict]:
    """The latest ``limit`` setup audit events, oldest first (needs audit.read)."""
    with app.uow() as session:
        require(session, app.user, "audit.read")
        query = select(SetupAuditEvent).order_by(SetupAuditEvent.id.desc()).limit(limit)
        if action:
            query = query.where(SetupAuditEvent.action == action)
        events = list(session.scalars(query))
        return [{"id": e.id, "at": e.at, "user": e.user_id, "os_account": e.os_account, "surface": e.surface,
                 "address": e.address, "action": e.action, "object": e.object, "outcome": e.outcome,
                 "code": e.code, "before": e.before, "after": e.after} for e in reversed(events)]
