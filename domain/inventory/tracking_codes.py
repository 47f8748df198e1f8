"""Item tracking codes and what they require (BC "Item Tracking Codes").

``add_code`` keeps the card (audited setup change, needs ``inventory.edit``); ``tracking_of``
answers, for an item, which numbers its document lines and journal rows must carry. An item
with a code requires its serial no. (serial-specific) and/or lot no. (lot-specific) on every
inbound and outbound line; an item without a code is tracked as before this card existed:
a Specific-cost item, or one whose stock carries serial/lot numbers, needs one of them
(:func:`domain.sales.tracking.is_tracked` keeps that fallback).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.ledger.model import ItemLedgerEntry
from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.cards import Item
from domain.inventory.tracking_model import ItemTrackingCode

PERMISSION = "inventory.edit"


@dataclass(frozen=True)
class Requirement:
    """What an item's lines must carry: ``serial`` and/or ``lot``; ``expiration`` when
    the code requires an expiration date; ``strict``: expired lots cannot go out (BC Strict
    Expiration Posting). ``coded``: it comes from an item tracking code (else from the old
    heuristic: serial or lot)."""

    serial: bool = False
    lot: bool = False
    expiration: bool = False
    coded: bool = False
    strict: bool = False

    @property
    def tracked(self) -> bool:
        return self.serial or self.lot


def add_code(app: App, code: str, serial: str, lot: str, expiration: str = "no", description: str = "",
             strict: str | None = None) -> dict:
    """Add (again: change) an item tracking code; ``serial``/``lot``/``expiration``/``strict``
    are yes | no. ``strict`` (BC Strict Expiration Posting) defaults to ``expiration``: a code
    that requires expiration dates refuses expired lots outbound unless told otherwise."""
    request = {"code": code, "serial": serial, "lot": lot, "expiration_required": expiration,
               "strict_expiration": expiration if strict is None else strict, "description": description}

    def change(session: Session) -> dict:
        r = Reader(request)
        value = r.text("code", required=True) or ""
        if len(value) > 20:
            r.problems.append(Problem("ITEM-TRACKING-CODE-TOO-LONG", "code", {"code": value, "max": 20}))
        flags = {name: r.choice(name, ("yes", "no"), required=True) == "yes"
                 for name in ("serial", "lot", "expiration_required", "strict_expiration")}
        if len(description or "") > 100:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "description", {"field": "description", "max": 100}))
        if not r.problems and not (flags["serial"] or flags["lot"]):
            r.problems.append(Problem("ITEM-TRACKING-CODE-NOTHING-TRACKED", "serial", {"code": value}))
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        row = session.get(ItemTrackingCode, value) or ItemTrackingCode(code=value)
        row.serial_specific, row.lot_specific = flags["serial"], flags["lot"]
        row.expiration_required, row.description = flags["expiration_required"], description or ""
        row.strict_expiration = flags["strict_expiration"]
        session.add(row)
        return _card(row)

    def snapshot(session: Session) -> dict | None:
        row = session.get(ItemTrackingCode, code)
        return _card(row) if row is not None else None

    return audited_change(app, PERMISSION, "item.tracking-code", f"item tracking code {code}", change, snapshot,
                          request)


def _card(row: ItemTrackingCode) -> dict:
    return {"code": row.code, "description": row.description, "serial": row.serial_specific,
            "lot": row.lot_specific, "expiration_required": row.expiration_required,
            "strict_expiration": row.strict_expiration}


def list_codes(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        return [_card(row) for row in session.scalars(select(ItemTrackingCode).order_by(ItemTrackingCode.code))]


def code_exists(session: Session, code: str) -> bool:
    return session.get(ItemTrackingCode, code) is not None


def requirement(session: Session, item: Item) -> Requirement:
    """What ``item``'s lines must carry: its code decides; without one, a Specific-cost item
    or one whose stock carries serial/lot numbers needs a serial or a lot no. (either)."""
    if item.item_tracking_code:
        row = session.get(ItemTrackingCode, item.item_tracking_code)
        if row is not None:
            return Requirement(row.serial_specific, row.lot_specific, row.expiration_required, True,
                               row.strict_expiration)
    if item.costing_method == "specific":
        return Requirement(True, True)
    ile = ItemLedgerEntry
    found = session.scalar(select(ile.entry_no).where(
        ile.item_no == item.no, or_(ile.serial_no.is_not(None), ile.lot_no.is_not(None))).limit(1))
    return Requirement(True, True) if found is not None else Requirement()


def missing(req: Requirement, serial_no: str | None, lot_no: str | None) -> str | None:
    """The number a line of a tracked item lacks ("serial", "lot", "serial or lot"), or None."""
    if not req.tracked:
        return None
    if req.coded:
        if req.serial and not serial_no:
            return "serial"
        if req.lot and not lot_no:
            return "lot"
        return None
    return None if serial_no or lot_no else "serial or lot"


def expired(req: Requirement, expiration_date: dt.date | None, posting_date: dt.date) -> bool:
    """BC "Strict Expiration Posting": a lot (unit) that expired before the posting date cannot go out."""
    return req.strict and expiration_date is not None and expiration_date < posting_date


def on_hand_expiration(session: Session, item_no: str, serial_no: str | None, lot_no: str | None) -> dt.date | None:
    """The expiration date the item's open inbound entries with this serial/lot carry (the earliest)."""
    ile = ItemLedgerEntry
    query = select(ile.expiration_date).where(ile.item_no == item_no, ile.positive.is_(True), ile.open.is_(True),
                                              ile.expiration_date.is_not(None))
    query = query.where(ile.serial_no == serial_no) if serial_no else query.where(ile.lot_no == lot_no)
    return session.scalar(query.order_by(ile.expiration_date).limit(1))


def entries_expiration(session: Session, entry_nos) -> dt.date | None:
    """The expiration date an outbound entry copies from the inbound entries it is applied to
    (BC copies Expiration Date to the outbound entry; the earliest when they differ)."""
    nos = list(entry_nos)
    if not nos:
        return None
    ile = ItemLedgerEntry
    return session.scalar(select(func.min(ile.expiration_date)).where(ile.entry_no.in_(nos)))


__all__ = ["Requirement", "add_code", "list_codes", "code_exists", "requirement", "missing", "expired",
           "on_hand_expiration", "entries_expiration"]
