"""Number series. Posted numbers are gap-free: the counter row is incremented
with one ``UPDATE ... RETURNING`` late in the posting transaction, so the row
stays locked until commit and a rollback gives the number back. Never a
database sequence for posted numbers (a sequence does not roll back)."""

from __future__ import annotations

import functools

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from domain.problems import DomainError
from domain.setup.model.company import NumberSeries


def next_no(session: Session, code: str) -> str:
    row = session.execute(_next_query(), {"series": code}).one_or_none()
    if row is None:
        raise DomainError("SETUP-MISSING-NUMBER-SERIES", f"number series {code!r} does not exist",
                          series=code)
    prefix, width, number = row
    return f"{prefix}{number:0{width}d}"


@functools.cache
def _next_query():
    """Built once (statements are immutable): every document and posting asks, this spares the cache key."""
    return (update(NumberSeries).where(NumberSeries.code == bindparam("series"))
            .values(last_no=NumberSeries.last_no + 1)
            .returning(NumberSeries.prefix, NumberSeries.width, NumberSeries.last_no)
            .execution_options(synchronize_session=False))
