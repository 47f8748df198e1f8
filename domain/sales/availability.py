"""Item availability by event or period (BC "Item Availability by Event / Period"):
on hand, purchase orders (scheduled receipts), sales orders (gross requirement), transfer
orders (:mod:`domain.inventory.availability`) and assembly orders (supply of the parent,
demand of the components: :mod:`domain.inventory.assembly_availability`), projected in date order by
:mod:`domain.inventory.availability_rules`.

It lives here, not in inventory, because it reads purchase and sales order lines (higher
areas than inventory). Order lines carry no expected receipt / shipment date yet: the
order's document date stands for it. Drop shipments never touch the warehouse and are
left out, as in BC. Reserved quantities (:mod:`domain.sales.reservations`) are shown per
event and in total; BC's Available Inventory is on hand - reserved from stock.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select, String, literal, select, union_all
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.inventory import assembly_availability
from domain.inventory import availability as inventory_availability
from domain.inventory import availability_rules as rules
from domain.inventory import reservations as stock_reservations
from domain.inventory import units
from domain.inventory.availability_rules import Event
from domain.problems import NotFound
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales import document_availability, reservations
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item


def order_sources(item_no: str, location: str | None) -> list[Select]:
    """One select per kind of open order line of ``item_no`` (at ``location``), each of (source,
    document no., date, line no., location, signed quantity, unit): columns only, no ORM objects, read
    together with one UNION ALL (an item with 10,000 open lines: about 0.05 s of CPU, docs/bench-
    inventory.md). Another source of events is one more select of the same columns in this list."""
    pl, ph, sl, sh = PurchaseLine, PurchaseHeader, SalesLine, SalesHeader
    # the lines' outstanding quantities are in their units (converted to the base unit by order_events)
    purchases = select(literal("purchase_order", String), ph.no, ph.document_date, pl.line_no, pl.location_code,
                       pl.quantity - pl.quantity_received, pl.unit_of_measure) \
        .join(ph).where(ph.document_type == "order", ph.status != "closed", pl.type == "item", pl.no == item_no,
                        pl.drop_shipment.is_(False), pl.quantity > pl.quantity_received)
    sales = select(literal("sales_order", String), sh.no, sh.document_date, sl.line_no, sl.location_code,
                   sl.quantity_shipped - sl.quantity, sl.unit_of_measure) \
        .join(sh).where(sh.document_type == "order", sh.status.in_(("open", "released")), sl.type == "item",
                        sl.no == item_no, sl.drop_shipment.is_(False), sl.quantity > sl.quantity_shipped)
    if location is not None:
        purchases = purchases.where(pl.location_code == location)
        sales = sales.where(sl.location_code == location)
    return [purchases, sales, *document_availability.event_sources(item_no, location)]


def order_events(session: Session, item_no: str, location: str | None) -> list[Event]:
    """The open purchase and sales order lines of ``item_no`` as events (supply positive), in the
    item's base unit (a line in boxes counts its pieces)."""
    sources = order_sources(item_no, location)
    item = session.get(Item, item_no)
    return [Event(date, source, no, line, loc, qty if not unit or item is None or unit == item.base_unit_of_measure
                  else units.base_quantity(session, item, unit, qty))
            for source, no, date, line, loc, qty, unit in session.execute(union_all(*sources)).all()]


def item_availability(app: App, item_no: str, location: str | None, by: str) -> dict:
    """``by``: event | day | week | month."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        if session.get(Item, item_no) is None:
            raise NotFound("ITEM-NOT-FOUND", f"no item {item_no!r}", no=item_no)
        on_hand = inventory_availability.on_hand(session, item_no, location)
        reserved = stock_reservations.reserved_on_hand(session, item_no, location)
        held = reservations.reserved_by_document(session, item_no)
        events = order_events(session, item_no, location)
        events += inventory_availability.transfer_events(session, item_no, location)
        events += assembly_availability.assembly_events(session, item_no, location)
        if held:  # copy only the reserved events: replace() on each of 10,000 events costs more than reading them
            events = [e if (quantity := held.get((e.source, e.document_no, e.line_no))) is None
                      else replace(e, reserved=quantity) for e in events]
    rows = rules.by_event(on_hand, events) if by == "event" else rules.by_period(on_hand, events, by)
    final = rows[-1]["projected_available"] if rows else on_hand
    return {"item_no": item_no, "location": location, "by": by, "on_hand": on_hand, "reserved": reserved,
            "available_inventory": on_hand - reserved, "rows": rows, "projected_available": final}
