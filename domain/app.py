"""The application context a service runs in: database, acting user, clock.

Built by ``flows.settings`` (never at import time) and handed to every service.
The clock is injectable so tests can pin "today"; dates are in the company's
time zone, timestamps UTC (design.md section 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from domain.db import make_engine, make_session_factory, unit_of_work


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class App:
    engine: Engine
    sessions: sessionmaker[Session]
    user: str | None = None
    now: Callable[[], dt.datetime] = field(default=_utc_now)

    @classmethod
    def from_url(cls, url: str, user: str | None = None, **kw) -> App:
        engine = make_engine(url)
        return cls(engine, make_session_factory(engine), user, **kw)

    def uow(self):
        return unit_of_work(self.sessions)

    def today(self, time_zone: str = "Europe/Oslo") -> dt.date:
        return self.now().astimezone(ZoneInfo(time_zone)).date()

    def dispose(self) -> None:
        self.engine.dispose()
