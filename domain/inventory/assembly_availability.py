"""Open assembly orders in item availability (BC counts an assembly order as supply of its
parent item — its remaining quantity on the due date — and as demand of each component —
the component line's remaining quantity on the same date).

Kept apart from :mod:`domain.inventory.availability` and read with separate queries: the
event list of one item (:func:`assembly_events`) and, for the report over every item, one
grouped query per figure (:func:`supply_by_item`, :func:`demand_by_item`), never a query
per item. Assemble-to-order orders count too: their supply meets their sales line's demand.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.inventory.assembly_model import AssemblyHeader, AssemblyLine
from domain.inventory.availability_rules import Event

SUPPLY = "assembly_order"
DEMAND = "assembly_component"


def _supply(location: str | None):
    ah = AssemblyHeader
    query = select(ah.no, ah.due_date, ah.location_code, ah.item_no, ah.quantity - ah.quantity_assembled).where(
        ah.status == "open", ah.quantity > ah.quantity_assembled)
    return query if location is None else query.where(ah.location_code == location)


def _demand(location: str | None):
    ah, al = AssemblyHeader, AssemblyLine
    query = select(ah.no, ah.due_date, ah.location_code, al.line_no, al.item_no, al.quantity - al.consumed_quantity) \
        .join(al, al.order_no == ah.no).where(ah.status == "open", al.type == "item",
                                              al.quantity > al.consumed_quantity)
    return query if location is None else query.where(ah.location_code == location)


def assembly_events(session: Session, item_no: str, location: str | None) -> list[Event]:
    """``item_no``'s open assembly orders (supply) and open component lines (demand) at
    ``location`` (all locations when None)."""
    ah, al = AssemblyHeader, AssemblyLine
    events = [Event(date, SUPPLY, no, 0, loc, qty)
              for no, date, loc, _, qty in session.execute(_supply(location).where(ah.item_no == item_no))]
    events += [Event(date, DEMAND, no, line_no, loc, -qty)
               for no, date, loc, line_no, _, qty in session.execute(_demand(location).where(al.item_no == item_no))]
    return events


def supply_by_item(session: Session, location: str, item_no: str | None = None) -> dict[str, Decimal]:
    """Per parent item (or only ``item_no``): what open assembly orders at ``location`` will still output."""
    ah = AssemblyHeader
    query = select(ah.item_no, func.sum(ah.quantity - ah.quantity_assembled)).where(
        ah.status == "open", ah.quantity > ah.quantity_assembled, ah.location_code == location)
    if item_no is not None:
        query = query.where(ah.item_no == item_no)
    return dict(session.execute(query.group_by(ah.item_no)).all())


def demand_by_item(session: Session, location: str, item_no: str | None = None) -> dict[str, Decimal]:
    """Per component item (or only ``item_no``): what open assembly orders at ``location`` will still consume."""
    ah, al = AssemblyHeader, AssemblyLine
    query = select(al.item_no, func.sum(al.quantity - al.consumed_quantity)).join(ah, ah.no == al.order_no).where(
        ah.status == "open", al.type == "item", al.quantity > al.consumed_quantity, ah.location_code == location)
    if item_no is not None:
        query = query.where(al.item_no == item_no)
    return dict(session.execute(query.group_by(al.item_no)).all())
