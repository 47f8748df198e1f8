"""Idempotent creation of setup rows: ``init``, the demo data and master-data commands
create what is missing and leave what is there (running ``init`` twice changes nothing)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.setup.model.company import InventoryPostingSetup, Location


def ensure(session: Session, cls, key, **values) -> int:
    if session.get(cls, key) is not None:
        return 0
    session.add(cls(**values))
    session.flush()
    return 1


def ensure_unique(session: Session, cls, where: dict, **values) -> int:
    query = select(cls).filter_by(**where)
    if session.scalars(query).first() is not None:
        return 0
    session.add(cls(**where, **values))
    session.flush()
    return 1


def ensure_location(session: Session, code: str, name: str) -> int:
    """A location with inventory posting setup copied from the blank location."""
    n = ensure(session, Location, code, code=code, name=name)
    for blank in session.scalars(select(InventoryPostingSetup).where(InventoryPostingSetup.location_code == "")):
        n += ensure_unique(session, InventoryPostingSetup,
                            {"location_code": code, "inventory_posting_group": blank.inventory_posting_group},
                            inventory_account=blank.inventory_account,
                            inventory_account_interim=blank.inventory_account_interim)
    return n
