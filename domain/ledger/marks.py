"""Mark items whose cost must be adjusted, inside the posting transaction.

Every posting that writes item ledger or value entries calls
:func:`mark_changed` once after writing (BC sets "Cost is Adjusted = No" on the
item and writes "Avg. Cost Adjmt. Entry Point" rows at the same moment). The
mark is an upsert keeping the earliest date touched and a growing generation
number. The same call refuses a posting dated in a closed inventory period.

"Automatic Cost Adjustment": the items a posting marked are remembered on the
session (``domain.app.MARKED_ITEMS_KEY``); after the unit of work commits, the App
hands them to its ``after_commit`` ports, where costing adjusts them in their own
transactions when the setting covers the posting date
(:mod:`domain.costing.automatic`). A failure there never undoes the posting: the
item stays marked for the next run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping

from sqlalchemy import bindparam, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.app import MARKED_ITEMS_KEY
from domain.ledger.model import InventoryPeriod, InventorySetup, ItemLedgerEntry, ItemToAdjust
from domain.problems import DomainError
from domain.setup.model.cards import Item

_SETTING = "ledgerflow.automatic_cost_adjustment"


def mark_changed(session: Session, item_nos: Iterable[str], posting_date: dt.date,
                 earliest: Mapping[str, dt.date] | None = None) -> None:
    """Mark ``item_nos`` "to adjust" from ``posting_date``; refuse a closed inventory period.

    ``earliest`` gives, per item, an earlier date the posting changes (the posting date
    of an older item ledger entry that gets a new value entry: an item charge, the
    invoice of an earlier receipt): the mark's date is the earliest whose average cost
    period can change, while the closed-period check stays on ``posting_date``."""
    items = sorted(set(item_nos))
    if not items:
        return
    closed, automatic = _period_and_setting(session)
    if closed is not None and posting_date <= closed:
        raise DomainError("INV-PERIOD-CLOSED", f"inventory is closed up to {closed}",
                          posting_date=posting_date.isoformat(), closed_through=closed.isoformat())
    earliest = earliest or {}
    dates = {item: min(posting_date, earliest.get(item, posting_date)) for item in items}
    session.execute(_upsert_statement(session.get_bind().dialect.name),
                    [{"i_no": item, "i_from": dates[item]} for item in items])
    if automatic == "never":
        return  # nothing runs after commit: no second transaction per posting
    pending = session.info.setdefault(MARKED_ITEMS_KEY, {})
    for item in items:  # BC compares the automatic adjustment window with the valuation date of the
        # entries being adjusted (an item charge's: its target's), not with the posting date
        pending[item] = min(dates[item], pending.get(item, dates[item]))


def mark_from(session: Session, dates: Mapping[str, dt.date]) -> None:
    """Mark items "to adjust" from the given dates, nothing else: cost adjustment marks the
    parent of an assembly whose consumption it adjusted (:mod:`domain.costing.assembly_link`)."""
    if dates:
        session.execute(_upsert_statement(session.get_bind().dialect.name),
                        [{"i_no": item, "i_from": date} for item, date in sorted(dates.items())])


def _period_and_setting(session: Session) -> tuple[dt.date | None, str]:
    """The last closed inventory date and the Automatic Cost Adjustment setting: one
    round trip per posting (the setting is then kept for the session's other postings)."""
    if _SETTING in session.info:
        return closed_through(session), session.info[_SETTING]
    closed, setting = session.execute(_period_and_setting_query()).one()
    session.info[_SETTING] = setting or "never"
    return closed, session.info[_SETTING]


@functools.cache
def _period_and_setting_query():
    p = InventoryPeriod
    return select(
        select(func.max(p.ending_date)).where(p.closed.is_(True)).scalar_subquery(),
        select(InventorySetup.automatic_cost_adjustment).limit(1).scalar_subquery())


def mark_average_items_whole(session: Session) -> None:
    """Mark every Average item with entries from its first posting date: after a change of
    the average cost period or calc type its periods are no longer those its adjusted
    entries were valued in, so an adjustment from a later period (average cost entry
    point) would start from values the new setup does not give (BC re-adjusts all)."""
    ile = ItemLedgerEntry
    rows = session.execute(select(ile.item_no, func.min(ile.posting_date)).join(Item, Item.no == ile.item_no)
                           .where(Item.costing_method == "average").group_by(ile.item_no)).all()
    if rows:
        session.execute(_upsert_statement(session.get_bind().dialect.name),
                        [{"i_no": item, "i_from": first} for item, first in rows])


@functools.cache
def _upsert_statement(dialect: str):
    """Built once per dialect and executed with one parameter set per item: a statement
    built per posting (its own VALUES list) was compiled anew every time."""
    table = ItemToAdjust.__table__
    stmt = (postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)).values(
        item_no=bindparam("i_no"), from_date=bindparam("i_from"), generation=1)
    earliest = func.least if dialect == "postgresql" else func.min
    return stmt.on_conflict_do_update(index_elements=[table.c.item_no], set_={
        "from_date": earliest(table.c.from_date, stmt.excluded.from_date),
        "generation": table.c.generation + 1})


def closed_through(session: Session) -> dt.date | None:
    """The last date of the last closed inventory period, if any (BC "Inventory Periods":
    the item posting refuses a date inside it)."""
    p = InventoryPeriod
    return session.scalar(select(func.max(p.ending_date)).where(p.closed.is_(True)))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(MARKED_ITEMS_KEY, None)
