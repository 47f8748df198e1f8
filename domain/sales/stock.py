"""What a sales line takes from stock: the inbound entries it is applied to and its cost.

The item journal's application (:func:`domain.inventory.costs.outbound`): by costing
method, or the units with the line's serial/lot no. A refusal names the location the
line draws from and what is on hand elsewhere, so "0 available" at the blank location
while the stock is at MAIN says so.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.inventory import costs as inventory_costs
from domain.ledger.model import ItemLedgerEntry
from domain.problems import Problem
from domain.sales import special_orders
from domain.sales.model import SalesLine
from domain.sales.tracking import not_on_hand
from domain.setup.model.cards import Item


def take(session: Session, item: Item, line: SalesLine, qty: Decimal, currency: str):
    """(cost, applications) of ``qty`` of ``line`` out of stock, or the Problem why not."""
    found = inventory_costs.outbound(session, item, line.location_code, qty, currency,
                                     serial_no=line.serial_no, lot_no=line.lot_no, variant_code=line.variant_code,
                                     exclude=special_orders.reserved_entries(session, line.id))
    if not isinstance(found, Problem):
        return found
    where = f"lines[{line.line_no}]"
    if found.code == "INV-SPECIFIC-NEEDS-APPLICATION" and (line.serial_no or line.lot_no):
        return not_on_hand(line, item.no, line.location_code)
    if found.code == "INV-INSUFFICIENT-QUANTITY":
        return Problem("SALES-INSUFFICIENT-QUANTITY", where, {
            "item_no": item.no, "location": line.location_code or "-", "requested": _plain(qty),
            "available": _plain(Decimal(found.params.get("available", "0"))),
            "elsewhere": elsewhere(session, item.no, line.location_code)})
    return Problem(found.code, where, {**found.params, "item_no": item.no})


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
