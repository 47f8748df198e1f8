"""Number series of inventory documents (physical inventory batches, transfer orders,
transfer shipments and receipts), made on first use so that a database initialised
before they existed numbers them too."""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.setup.model.company import NumberSeries
from domain.setup.numbers import next_no
from domain.setup.records import ensure


def next_document_no(session: Session, code: str, description: str, prefix: str) -> str:
    ensure(session, NumberSeries, code, code=code, description=description, prefix=prefix, width=6, last_no=0,
           gap_free=True)
    return next_no(session, code)
