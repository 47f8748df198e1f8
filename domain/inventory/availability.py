"""What inventory knows about an item's availability: quantity on hand (per location or in
total) and the open transfer order lines (BC counts a transfer as demand at the
Transfer-from location until shipped and as supply at the Transfer-to location until
received, so goods in transit count at their destination). Documents of higher areas
(purchase and sales orders) add their events in :mod:`domain.sales.availability`.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.inventory.availability_rules import Event
from domain.inventory.model import TransferHeader, TransferLine
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO


def on_hand(session: Session, item_no: str, location: str | None) -> Decimal:
    ile = ItemLedgerEntry
    query = select(func.sum(ile.quantity)).where(ile.item_no == item_no)
    if location is not None:
        query = query.where(ile.location_code == location)
    return session.scalar(query) or ZERO


def transfer_events(session: Session, item_no: str, location: str | None) -> list[Event]:
    """Open transfer lines as events at ``location``; none for all locations together
    (a transfer moves stock without changing the total)."""
    if location is None:
        return []
    th, tl = TransferHeader, TransferLine
    rows = session.execute(select(th.no, th.from_location, th.to_location, th.shipment_date, tl.line_no,
                                  tl.quantity, tl.quantity_shipped, tl.quantity_received)
                           .join(tl, tl.order_no == th.no)
                           .where(tl.item_no == item_no, th.status != "received",
                                  (th.from_location == location) | (th.to_location == location))).all()
    events = []
    for no, frm, to, date, line_no, quantity, shipped, received in rows:
        if frm == location and quantity > shipped:
            events.append(Event(date, "transfer_out", no, line_no, frm, -(quantity - shipped)))
        if to == location and quantity > received:
            events.append(Event(date, "transfer_in", no, line_no, to, quantity - received))
    return events
