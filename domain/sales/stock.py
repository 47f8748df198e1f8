"""What a sales line takes from stock: the inbound entries it is applied to and its cost.

The item journal's application (:func:`domain.inventory.costs.outbound`): by costing
method, or the units with the line's serial/lot no. A refusal names the location the
line draws from and what is on hand elsewhere, so "0 available" at the blank location
while the stock is at MAIN says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.inventory import costs as inventory_costs
from domain.inventory import reservations, tracking_codes, units
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import Problem
from domain.sales import special_orders
from domain.sales.model import SalesLine
from domain.sales.tracking import not_on_hand
from domain.setup.model.cards import Item


def take(session: Session, item: Item, line: SalesLine, qty: Decimal, currency: str,
         posting_date: dt.date | None = None, tracking: tuple[str | None, str | None] | None = None):
    """(cost, applications) of ``qty`` of ``line`` out of stock, or the Problem why not (a lot
    that expired before ``posting_date`` when the item's tracking code has Strict Expiration
    Posting): first the entries reserved for the line (fixed application, BC ships reserved
    lines from what is reserved), then unreserved stock; the reservations shipped are consumed.
    ``tracking``: the (serial, lot) no. of one portion of a line of several (else the line's)."""
    serial_no, lot_no = tracking if tracking is not None else (line.serial_no, line.lot_no)
    if posting_date is not None and (serial_no or lot_no):
        late = expired(session, item, line, posting_date, serial_no, lot_no)
        if late is not None:
            return late
    cost, applications, left = _take_reserved(session, item, line, qty, currency, tracking)
    if left > ZERO:
        found = inventory_costs.outbound(session, item, line.location_code, left, currency,
                                         serial_no=serial_no, lot_no=lot_no, variant_code=line.variant_code,
                                         exclude=special_orders.reserved_entries(session, line.id),
                                         sales_line_id=line.id)
        if isinstance(found, Problem):
            if tracking is not None:
                return not_on_hand(line, item.no, line.location_code, serial_no or lot_no)
            return _refused(session, item, line, left, found)
        cost, applications = cost + found[0], applications + found[1]
    # ``qty`` is in the base unit, the line's quantities in its unit
    reservations.trim(session, line.id, units.line_base(session, line, line.quantity - line.quantity_shipped) - qty)
    return cost, applications


def _take_reserved(session: Session, item: Item, line: SalesLine, qty: Decimal, currency: str,
                   tracking: tuple[str | None, str | None] | None = None):
    """(cost, applications, quantity left) of taking ``qty`` of ``line`` from its reserved entries
    (of one portion's serial/lot no. when ``tracking`` is given)."""
    cost, applications, left = ZERO, (), qty
    for entry_no, reserved in reservations.own_entries(session, line.id):
        if tracking is not None and _numbers(session, entry_no) != tracking:
            continue
        want = min(left, reserved)
        if want <= ZERO:
            break
        found = inventory_costs.outbound(session, item, line.location_code, want, currency, applies_to=entry_no,
                                         sales_line_id=line.id)
        if isinstance(found, Problem):
            continue  # taken already by an earlier line of this posting
        cost, applications, left = cost + found[0], applications + found[1], left - want
        reservations.consume(session, line.id, found[1])
    return cost, applications, left


def _numbers(session: Session, entry_no: int) -> tuple[str | None, str | None]:
    entry = session.get(ItemLedgerEntry, entry_no)
    return entry.serial_no, entry.lot_no


def _refused(session: Session, item: Item, line: SalesLine, qty: Decimal, found: Problem) -> Problem:
    where = f"lines[{line.line_no}]"
    if found.code == "INV-SPECIFIC-NEEDS-APPLICATION" and (line.serial_no or line.lot_no):
        return not_on_hand(line, item.no, line.location_code)
    if found.code == "INV-INSUFFICIENT-QUANTITY":
        return Problem("SALES-INSUFFICIENT-QUANTITY", where, {
            "item_no": item.no, "location": line.location_code or "-", "requested": _plain(qty),
            "available": _plain(Decimal(found.params.get("available", "0"))),
            "elsewhere": elsewhere(session, item.no, line.location_code)})
    return Problem(found.code, where, {**found.params, "item_no": item.no})


def expired(session: Session, item: Item, line: SalesLine, posting_date: dt.date, serial_no: str | None = None,
            lot_no: str | None = None) -> Problem | None:
    """BC "Strict Expiration Posting": SALES-TRACKING-EXPIRED, or None."""
    req = tracking_codes.requirement(session, item)
    date = tracking_codes.on_hand_expiration(session, item.no, serial_no, lot_no)
    if not tracking_codes.expired(req, date, posting_date):
        return None
    return Problem("SALES-TRACKING-EXPIRED", f"lines[{line.line_no}].tracking", {
        "line_no": line.line_no, "item_no": item.no, "tracking_no": serial_no or lot_no,
        "expiration_date": date.isoformat(), "posting_date": posting_date.isoformat()})


def elsewhere(session: Session, item_no: str, location: str) -> str:
    """On hand at the other locations: ``MAIN 10, WEST 2`` (``-`` when none)."""
    ile = ItemLedgerEntry
    rows = session.execute(select(ile.location_code, func.sum(ile.remaining_quantity)).where(
        ile.item_no == item_no, ile.open.is_(True), ile.positive.is_(True), ile.location_code != location)
        .group_by(ile.location_code).order_by(ile.location_code)).all()
    parts = [f"{code or '-'} {_plain(qty)}" for code, qty in rows if qty]
    return ", ".join(parts) or "-"


def _plain(qty: Decimal) -> str:
    """``1.00000`` -> ``1``, ``2.50000`` -> ``2.5`` (never ``1E+1``)."""
    return f"{qty.normalize():f}"


def expiration_of(session: Session, applications) -> dt.date | None:
    """The expiration date the outbound entry of ``applications`` copies from its inbound entries."""
    return tracking_codes.entries_expiration(session, (entry_no for entry_no, _ in applications))
