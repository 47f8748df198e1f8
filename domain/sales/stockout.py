"""BC's stockout warning ("Check Item Availability" on a sales line).

When a sales quote, order or invoice would take more of an item at a location than is
projected to be available on its shipment date, Business Central warns (it never refuses):
inventory, plus scheduled receipts, less gross requirements up to that date, less this
document's earlier lines of the same item, less this line. ledgerflow does the same when
a sales document is imported or posted, and on request (``sales check-availability``).
The warning names the line, what is available and the earliest date the quantity is.

Supply and demand are the availability report's events (purchase, sales and transfer
orders: :mod:`domain.sales.availability`); the document's own order lines are left out
of them, since each line is counted here in its place. Stock reserved for other demands
(sales lines of other orders, transfer lines, assembly components) is not available here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require_any
from domain.inventory import assembly_availability
from domain.inventory import availability as inventory_availability
from domain.inventory import reservations as stock_reservations
from domain.inventory import units
from domain.inventory.availability_rules import Event, ordered
from domain.money import ZERO
from domain.problems import Problem
from domain.sales.availability import order_events
from domain.sales.documents import get_document
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item

#: documents that take stock out (credit memos and return orders bring it back)
OUTBOUND = ("quote", "order", "invoice")


def stockout_warnings(session: Session, header: SalesHeader) -> list[Problem]:
    if header.document_type not in OUTBOUND:
        return []
    date = header.posting_date if header.document_type == "invoice" else header.document_date
    warnings, taken, cache = [], {}, {}
    for line in sorted(header.lines, key=lambda x: x.line_no):
        wanted = line.quantity - line.quantity_shipped
        if line.type != "item" or line.drop_shipment or wanted <= ZERO:
            continue
        item = session.get(Item, line.no)
        if item is None or item.type != "inventory":
            continue
        wanted = units.base_quantity(session, item, line.unit_of_measure, wanted)  # stock counts in base units
        key = (line.no, line.location_code or "")
        if key not in cache:
            cache[key] = _supply(session, header.no, line.no, line.location_code or "")
        on_hand, events = cache[key]
        before = taken.get(key, ZERO)
        taken[key] = before + wanted
        available = projected(on_hand, events, date) - before
        if available < wanted:
            warnings.append(Problem("SALES-STOCKOUT-WARNING", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "item_no": line.no, "location": line.location_code or "",
                "quantity": _plain(wanted), "available": _plain(max(available, ZERO)), "date": str(date),
                "earliest": str(earliest(on_hand, events, date, before + wanted) or "-")}))
    return warnings


def check_availability(app: App, no: str) -> list[Problem]:
    with app.uow() as session:
        require_any(session, app.user, ("sales.edit", "reports.read"))
        return stockout_warnings(session, get_document(session, no))


def projected(on_hand: Decimal, events: list[Event], date: dt.date) -> Decimal:
    """Inventory plus scheduled receipts less gross requirements up to and including ``date``."""
    return on_hand + sum((e.quantity for e in events if e.date <= date), ZERO)


def earliest(on_hand: Decimal, events: list[Event], date: dt.date, needed: Decimal) -> dt.date | None:
    """The first date on or after ``date`` from which ``needed`` stays available (BC "Earliest
    Shipment Date"), or None when the projected balance never covers it."""
    balance = projected(on_hand, events, date)
    candidate = date if balance >= needed else None
    for e in ordered(events):
        if e.date <= date:
            continue
        balance += e.quantity
        if balance >= needed:
            candidate = candidate or e.date
        else:
            candidate = None
    return candidate


def _supply(session: Session, own_no: str, item_no: str, location: str) -> tuple[Decimal, list[Event]]:
    """On hand less the stock reserved for other documents' demands (it is not available to this
    document, whenever those demands fall due), and the events, each demand less what is reserved
    for it from stock (that part is no longer needed from what is left)."""
    events = [e for e in order_events(session, item_no, location) if e.document_no != own_no]
    events += inventory_availability.transfer_events(session, item_no, location)
    events += assembly_availability.assembly_events(session, item_no, location)
    on_hand = inventory_availability.on_hand(session, item_no, location)
    held: dict[tuple, Decimal] = {}
    for demand, qty in stock_reservations.reserved_on_hand_by_demand(session, item_no, location).items():
        if demand.kind == stock_reservations.SALES:
            line = session.get(SalesLine, demand.sales_line_id)
            key = ("sales_order", line.header.no, line.line_no)
        else:
            key = ("transfer_out" if demand.kind == stock_reservations.TRANSFER else "assembly_component",
                   demand.order_no, demand.line_no)
        if key[:2] != ("sales_order", own_no):
            held[key] = held.get(key, ZERO) + qty
            on_hand -= qty
    events = [replace(e, quantity=min(e.quantity + held[(e.source, e.document_no, e.line_no)], ZERO))
              if e.quantity < ZERO and (e.source, e.document_no, e.line_no) in held else e for e in events]
    return on_hand, events


def _plain(qty: Decimal) -> str:
    return f"{qty.normalize():f}"
