"""Item availability by event or period (BC "Item Availability by Event / Period"):
on hand, purchase orders (scheduled receipts), sales orders (gross requirement) and
transfer orders (:mod:`domain.inventory.availability`), projected in date order by
:mod:`domain.inventory.availability_rules`.

It lives here, not in inventory, because it reads purchase and sales order lines (higher
areas than inventory). Order lines carry no expected receipt / shipment date yet: the
order's document date stands for it. Drop shipments never touch the warehouse and are
left out, as in BC. Reserved quantities (:mod:`domain.sales.reservations`) are shown per
event and in total; BC's Available Inventory is on hand - reserved from stock.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.inventory import availability as inventory_availability
from domain.inventory import availability_rules as rules
from domain.inventory import reservations as stock_reservations
from domain.inventory import units
from domain.inventory.availability_rules import Event
from domain.money import ZERO
from domain.problems import NotFound
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales import reservations
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item


def order_events(session: Session, item_no: str, location: str | None) -> list[Event]:
    pl, ph, sl, sh = PurchaseLine, PurchaseHeader, SalesLine, SalesHeader
    # the lines' outstanding quantities are in their units; availability counts in the base unit
    purchases = select(ph.no, ph.document_date, pl.line_no, pl.location_code, pl.quantity - pl.quantity_received,
                       pl.unit_of_measure) \
        .join(ph).where(ph.document_type == "order", ph.status != "closed", pl.type == "item", pl.no == item_no,
                        pl.drop_shipment.is_(False), pl.quantity > pl.quantity_received)
    sales = select(sh.no, sh.document_date, sl.line_no, sl.location_code, sl.quantity - sl.quantity_shipped,
                   sl.unit_of_measure) \
        .join(sh).where(sh.document_type == "order", sh.status.in_(("open", "released")), sl.type == "item",
                        sl.no == item_no, sl.drop_shipment.is_(False), sl.quantity > sl.quantity_shipped)
    if location is not None:
        purchases = purchases.where(pl.location_code == location)
        sales = sales.where(sl.location_code == location)
    item = session.get(Item, item_no)
    events = [Event(date, "purchase_order", no, line, loc, units.base_quantity(session, item, unit, qty))
              for no, date, line, loc, qty, unit in session.execute(purchases)]
    events += [Event(date, "sales_order", no, line, loc, -units.base_quantity(session, item, unit, qty))
               for no, date, line, loc, qty, unit in session.execute(sales)]
    return events


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
        events = [replace(e, reserved=held.get((e.source, e.document_no, e.line_no), ZERO)) for e in events]
    rows = rules.by_event(on_hand, events) if by == "event" else rules.by_period(on_hand, events, by)
    final = rows[-1]["projected_available"] if rows else on_hand
    return {"item_no": item_no, "location": location, "by": by, "on_hand": on_hand, "reserved": reserved,
            "available_inventory": on_hand - reserved, "rows": rows, "projected_available": final}
