"""Availability of one variant of an item (BC counts availability per variant: a red shirt on
hand does not make a blue one available). On hand from the item ledger entries of that
variant, gross requirement from open sales order lines of it, scheduled receipts from open
purchase order lines of it, in base units (an order line's quantity is in its unit and
counts times its conversion: :mod:`domain.inventory.units`).

It lives in sales for the reason :mod:`domain.sales.availability` does: it reads purchase and
sales order lines. Cost is not kept per variant (BC Average Cost Calc. Type "Item & Location &
Variant" is not built): a variant's entries are valued with the item's costing method.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.inventory import units
from domain.inventory.model import ItemVariant
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item


def _sum(session: Session, query) -> Decimal:
    return session.scalar(query) or ZERO


def _base_sum(session: Session, item: Item | None, query) -> Decimal:
    """Sum of (unit, quantity) rows in the item's base unit."""
    return sum((units.base_quantity(session, item, unit, qty or ZERO)
                for unit, qty in session.execute(query.group_by(query.selected_columns[0]))), ZERO)


def variant_availability(app: App, item_no: str, variant: str, location: str | None) -> dict:
    """On hand, other demand, scheduled receipts and available of ``variant`` of ``item_no``
    (at ``location``; None: all locations together)."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        if session.get(Item, item_no) is None:
            raise NotFound("ITEM-NOT-FOUND", f"no item {item_no!r}", no=item_no)
        if session.get(ItemVariant, (item_no, variant)) is None:
            raise RejectedError(Rejected([Problem("ITEM-VARIANT-UNKNOWN", "--variant",
                                                  {"variant": variant, "item_no": item_no})]))
        ile, sl, sh, pl, ph = ItemLedgerEntry, SalesLine, SalesHeader, PurchaseLine, PurchaseHeader
        on_hand = select(func.sum(ile.quantity)).where(ile.item_no == item_no, ile.variant_code == variant)
        # the lines' quantities are in their units: summed per unit, then in the base unit
        demand = select(sl.unit_of_measure, func.sum(sl.quantity - sl.quantity_shipped)).join(sh).where(
            sh.document_type == "order", sh.status.in_(("open", "released")), sl.type == "item",
            sl.no == item_no, sl.variant_code == variant, sl.drop_shipment.is_(False))
        scheduled = select(pl.unit_of_measure, func.sum(pl.quantity - pl.quantity_received)).join(ph).where(
            ph.document_type == "order", ph.status != "closed", pl.type == "item", pl.no == item_no,
            pl.variant_code == variant, pl.drop_shipment.is_(False))
        if location is not None:
            on_hand = on_hand.where(ile.location_code == location)
            demand = demand.where(sl.location_code == location)
            scheduled = scheduled.where(pl.location_code == location)
        item = session.get(Item, item_no)
        found = {"on_hand": _sum(session, on_hand), "other_demand": _base_sum(session, item, demand),
                 "scheduled_receipts": _base_sum(session, item, scheduled)}
    return {"item_no": item_no, "variant_code": variant, "location": location, **found,
            "available": found["on_hand"] - found["other_demand"] + found["scheduled_receipts"]}
