"""Item applications changed after posting (BC "Application Worksheet": Remove Application,
Apply): the ledger's one writer of such changes.

Item application entries are append-only here (BC deletes them and keeps an "Item Application
Entry History"): removing an application appends the same application with the opposite
quantity, so the table is its own history and the net quantity per (outbound, inbound) pair is
what applies. The item ledger entries' remaining quantities and open flags follow: the
inbound entry gets the quantity back, the outbound entry is left open with a negative
remaining quantity until it is applied again. The service (domain.costing.application_worksheet)
decides what may change; this module only writes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from domain.ledger import marks
from domain.ledger.model import InventorySetup, ItemApplicationEntry, ItemLedgerEntry
from domain.money import ZERO
from domain.problems import DomainError


def prevent_negative_inventory(session: Session) -> bool:
    """The Inventory Setup's Prevent Negative Inventory (on when there is no setup row yet)."""
    value = session.scalar(select(InventorySetup.prevent_negative_inventory).limit(1))
    return True if value is None else bool(value)


def net_applications(session: Session, outbound_no: int) -> list[tuple[int, Decimal, bool]]:
    """(inbound entry no., quantity applied (positive), fixed) of ``outbound_no``, net of removals."""
    a = ItemApplicationEntry
    fixed = func.max(case((a.fixed, 1), else_=0))  # PostgreSQL has no max(boolean)
    rows = session.execute(select(a.inbound_item_entry_no, func.sum(a.quantity), fixed)
                           .where(a.outbound_item_entry_no == outbound_no)
                           .group_by(a.inbound_item_entry_no).order_by(a.inbound_item_entry_no)).all()
    return [(inbound, -Decimal(qty), bool(fixed)) for inbound, qty, fixed in rows if qty]


def change(session: Session, outbound_no: int, inbound_no: int, quantity: Decimal, posting_date: dt.date,
           transaction_no: int) -> None:
    """Apply ``quantity`` more of outbound ``outbound_no`` to inbound ``inbound_no`` (negative:
    remove that much), moving both entries' remaining quantities; refuses (concurrently) a
    change the entries' remaining quantities no longer allow."""
    ile = ItemLedgerEntry
    inbound_left = ile.remaining_quantity - quantity
    outbound_left = ile.remaining_quantity + quantity
    moved = session.execute(update(ile).where(ile.entry_no == inbound_no, ile.remaining_quantity >= quantity,
                                              inbound_left <= ile.quantity)
                            .values(remaining_quantity=inbound_left, open=inbound_left > ZERO)
                            .execution_options(synchronize_session=False)).rowcount
    moved += session.execute(update(ile).where(ile.entry_no == outbound_no, outbound_left <= ZERO,
                                               outbound_left >= ile.quantity)
                             .values(remaining_quantity=outbound_left, open=outbound_left < ZERO)
                             .execution_options(synchronize_session=False)).rowcount
    if moved != 2:
        raise DomainError("INV-CONCURRENT-APPLICATION",
                          f"item ledger entry {inbound_no} no longer has {quantity} open; try again",
                          entry_no=inbound_no)
    session.add(ItemApplicationEntry(item_ledger_entry_no=outbound_no, inbound_item_entry_no=inbound_no,
                                     outbound_item_entry_no=outbound_no, quantity=-quantity,
                                     posting_date=posting_date, fixed=False, transaction_no=transaction_no))
    session.flush()


def close_open_outbound(session: Session, inbound_no: int, item_no: str, location: str, quantity: Decimal,
                        posting_date: dt.date, transaction_no: int) -> None:
    """BC (Prevent Negative Inventory off): a new inbound entry is applied first to the open
    outbound entries of its item and location (oldest first), as far as its quantity goes; cost
    adjustment then values them by it (the item is marked from the oldest one's date). One
    indexed SELECT when there are none."""
    ile = ItemLedgerEntry
    rows = session.execute(select(ile.entry_no, ile.remaining_quantity, ile.posting_date).where(
        ile.item_no == item_no, ile.location_code == location, ile.open.is_(True), ile.positive.is_(False))
        .order_by(ile.posting_date, ile.entry_no)).all()
    left, earliest = quantity, None
    for outbound_no, remaining, outbound_date in rows:
        if left <= ZERO:
            break
        take = min(left, -remaining)
        if take <= ZERO:
            continue
        change(session, outbound_no, inbound_no, take, posting_date, transaction_no)
        left -= take
        earliest = outbound_date if earliest is None else min(earliest, outbound_date)
    if earliest is not None:
        marks.mark_changed(session, {item_no}, earliest)
