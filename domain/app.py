"""The application context a service runs in: database, acting user, clock, ports.

Built by :func:`domain.bootstrap.build_app` (never at import time) and handed to every
service. The clock is injectable so tests can pin "today"; dates are in the company's
time zone, timestamps UTC (design.md section 2). Nothing in domain/ reads the system
clock directly: it asks the App (``app.now()`` / ``app.today(zone)``).

Units of work (cosmicpython's ``AbstractUnitOfWork``): :meth:`App.transaction` rolls back
unless :meth:`UnitOfWork.commit` is called; :meth:`App.uow` is the short form for a block
that commits when it ends normally; :meth:`App.command` runs a service function and
commits unless it returns a :class:`~domain.problems.Rejected` (a business refusal
writes nothing, without a hand-written rollback).

Ports: a lower area sometimes has to ask a higher one (posting asks approvals whether it
may post; a purchase receipt of a drop shipment asks sales about the linked sales line;
costing adjusts items after a posting commits). The lower area declares what it needs
here as a port, the higher area implements it, and :mod:`domain.bootstrap` wires them.
A port that guards money (the approval gate) fails closed when it is not wired.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from domain.db import make_engine, make_session_factory
from domain.problems import InvariantViolation, Rejected

log = logging.getLogger(__name__)
T = TypeVar("T")

#: ``session.info`` key under which a unit of work keeps the App that opened it
APP_KEY = "ledgerflow.app"
#: ``session.info`` key: per item, the earliest posting date a committed posting marked
MARKED_ITEMS_KEY = "ledgerflow.marked_items"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Ports:
    """Calls from a lower area into a higher one, wired by :mod:`domain.bootstrap`.

    - ``approvals``: what posting and editing ask of the approval workflows (an object
      with ``gate(session, header, user) -> list[Problem]``, ``changed(session, header,
      actor, status_before) -> bool`` and ``refused(app, no, actor, action, error)``);
      required: posting refuses to run without it.
    - ``after_posting``: called in the posting transaction with (session, header,
      posted_no) after a purchase document is posted (intake marks its document).
    - ``drop_shipment_sales_line``: (session, purchase_line) -> the linked sales line's
      quantity invoiced, or None when there is no such line (sales answers).
    - ``after_commit``: called with (app, {item_no: earliest date}) after a unit of work
      that marked items for cost adjustment commits (automatic cost adjustment).
    - ``document_notes``: (session, header, language) -> what a higher area knows about a
      document that its approver should read in the approval e-mail, as dicts with
      ``severity``, ``code`` and ``message`` (intake: the open problems of the vendor's document).
    """

    approvals: Any = None
    after_posting: tuple[Callable[..., None], ...] = ()
    drop_shipment_sales_line: Callable[..., Any] | None = None
    after_commit: tuple[Callable[[App, dict], None], ...] = ()
    document_notes: Callable[..., list[dict]] | None = None


class UnitOfWork:
    """One transaction that rolls back unless committed."""

    def __init__(self, app: App):
        self.app = app
        self.session: Session | None = None
        self.committed = False

    def __enter__(self) -> UnitOfWork:
        self.session = self.app.sessions()
        self.session.info[APP_KEY] = self.app
        return self

    def commit(self) -> None:
        self.session.commit()
        self.committed = True

    def __exit__(self, exc_type, exc, tb) -> None:
        session = self.session
        try:
            if not self.committed:
                session.rollback()
        finally:
            marked = session.info.pop(MARKED_ITEMS_KEY, None)
            session.close()
        if self.committed and marked and exc_type is None:
            self.app.after_commit(marked)


@dataclass
class App:
    engine: Engine
    sessions: sessionmaker[Session]
    user: str | None = None
    now: Callable[[], dt.datetime] = field(default=_utc_now)
    ports: Ports = field(default_factory=Ports)
    #: where the acting user came from, for the audit: cli | web | flow
    surface: str = "cli"
    #: the client's network address (web)
    address: str | None = None

    @classmethod
    def from_url(cls, url: str, user: str | None = None, **kw) -> App:
        """An App without ports: for migrations and tooling. Services get theirs from
        :func:`domain.bootstrap.build_app`."""
        engine = make_engine(url)
        return cls(engine, make_session_factory(engine), user, **kw)

    def transaction(self) -> UnitOfWork:
        return UnitOfWork(self)

    def uow(self):
        """A session whose work commits when the block ends normally, else rolls back."""
        return _CommitOnExit(self)

    def command(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` in one unit of work; commit unless it returns a Rejected."""
        with self.transaction() as uow:
            result = fn(uow.session)
            if not isinstance(result, Rejected):
                uow.commit()
            return result

    def port(self, name: str):
        """A wired port; refusing to go on is safer than skipping a check."""
        port = getattr(self.ports, name)
        if port is None:
            raise InvariantViolation(f"port {name!r} is not wired: build the App with domain.bootstrap.build_app")
        return port

    def today(self, time_zone: str = "Europe/Oslo") -> dt.date:
        return self.now().astimezone(ZoneInfo(time_zone)).date()

    def after_commit(self, marked: dict) -> None:
        for hook in self.ports.after_commit:
            try:
                hook(self, marked)
            except Exception:  # the posting is committed: never undo it from here
                log.exception("after-commit step %s failed; it is retried by the next scheduled run", hook)

    def dispose(self) -> None:
        self.engine.dispose()


class _CommitOnExit:
    def __init__(self, app: App):
        self.uow = UnitOfWork(app)

    def __enter__(self) -> Session:
        return self.uow.__enter__().session

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.uow.commit()
            except BaseException as error:
                self.uow.__exit__(type(error), error, error.__traceback__)
                raise
        self.uow.__exit__(exc_type, exc, tb)


def app_of(session: Session) -> App:
    """The App whose unit of work opened ``session``."""
    app = session.info.get(APP_KEY)
    if app is None:
        raise InvariantViolation("session was not opened by an App unit of work")
    return app


def ports_of(session: Session) -> Ports:
    return app_of(session).ports


def required_port(session: Session, name: str):
    """A port that must be wired: refusing to go on is safer than skipping a check."""
    return app_of(session).port(name)
