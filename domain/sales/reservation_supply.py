"""The supply side of reservations, shared by every demand (a sales order line, an outbound
transfer order line, an assembly component line): what can be reserved for ``item`` at
``location`` and in which order (BC "Reservation" page: Item Ledger Entry, then the inbound
orders by date): stock on hand (open inbound item ledger entries, first in first out; the units
of a serial/lot no. when one is named), then open purchase order lines, transfer order lines
inbound to the location and assembly orders outputting the item there, by expected date (a
purchase order's document date, a transfer's shipment date, an assembly order's due date), or
exactly the source ``--from`` names. It lives in sales because it reads purchase order lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.inventory import units
from domain.inventory import reservations as stock_reservations
from domain.inventory import state as inventory_state
from domain.inventory.assembly_model import AssemblyHeader
from domain.inventory.model import TransferHeader, TransferLine
from domain.inventory.reservation_model import ReservationEntry
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup.model.cards import Item

KINDS = ("purchase-order", "transfer-order", "assembly-order")


@dataclass(frozen=True)
class Supply:
    """Where to reserve from: ``any`` (stock, then inbound orders), ``stock``, one purchase or
    transfer order line, or one assembly order (``line_no`` None)."""

    kind: str = "any"
    order_no: str | None = None
    line_no: int | None = None


@dataclass(frozen=True)
class Need:
    """What a demand wants reserved: the item at the location, for ``demand``."""

    item_no: str
    location: str
    demand: stock_reservations.Demand
    serial_no: str | None = None
    lot_no: str | None = None


def parse_supply(value: str | None, reference: str | None = None) -> Supply:
    """``--from stock`` | ``--from purchase-order PO-…:LINE`` (also ``--from PO-…:LINE``) |
    ``--from transfer-order TO-…:LINE`` (a transfer order line inbound to the location) |
    ``--from assembly-order AO-…`` (an assembly order's output)."""
    if value is None and reference is None:
        return Supply()
    words = " ".join(x for x in (value, reference) if x).split()
    if words == ["stock"]:
        return Supply("stock")
    if len(words) == 2 and words[0] == "assembly-order":
        return Supply("assembly_order", words[1])
    kind = "purchase_order"
    if words and words[0] in KINDS[:2]:
        kind, words = words[0].replace("-", "_"), words[1:]
    order, sep, line = words[0].rpartition(":") if len(words) == 1 else ("", "", "")
    if not sep or not order or not line.isdigit() or not 0 < int(line) < 2**31:
        raise DomainError("SALES-RESERVE-BAD-FROM", "--from stock | purchase-order PO-…:LINE | transfer-order "
                          "TO-…:LINE | assembly-order AO-…", value=" ".join(x for x in (value, reference) if x))
    return Supply(kind, order, int(line))


def reserve(session: Session, user: str | None, need: Need, wanted: Decimal, supply: Supply,
            where: str) -> list[ReservationEntry] | Rejected:
    """Reserve ``wanted`` for ``need`` from ``supply``: the entries made, or why not (nothing written)."""
    session.scalar(lock(session, select(Item).where(Item.no == need.item_no)))  # one reserver of an item at a time
    found = candidates(session, need, supply)
    if isinstance(found, Problem):
        return Rejected([found])
    available = sum((q for _, q in found), ZERO)
    if available < wanted:
        return Rejected([Problem("SALES-RESERVE-NOT-AVAILABLE", where, {
            "item_no": need.item_no, "location": need.location or "-", "requested": plain(wanted),
            "available": plain(available)})])
    made, left = [], wanted
    for source, can in found:
        take = min(can, left)
        if take <= ZERO:
            break
        left -= take
        entry = ReservationEntry(item_no=need.item_no, location_code=need.location, quantity=take, created_by=user,
                                 serial_no=need.serial_no, lot_no=need.lot_no, **need.demand.values(), **source)
        session.add(entry)
        made.append(entry)
    session.flush()
    return made


def candidates(session: Session, need: Need, supply: Supply = Supply()):
    """[(supply columns, quantity still free), ...] in the order they are reserved from, or a Problem."""
    result = []
    if supply.kind in ("any", "stock"):
        own = dict(stock_reservations.own_entries(session, need.demand))
        for entry in inventory_state.open_inbound(session, need.item_no, need.location, need.demand):
            if (need.serial_no and entry.serial_no != need.serial_no) or (need.lot_no and entry.lot_no != need.lot_no):
                continue
            free = entry.remaining_quantity - own.get(entry.entry_no, ZERO)
            if free > ZERO:
                result.append(({"item_ledger_entry_no": entry.entry_no}, free))
    if supply.kind == "stock":
        return result
    found = inbound(session, need, supply)
    if isinstance(found, Problem):
        return found
    if need.serial_no or need.lot_no:
        return result  # inbound orders are reserved without a serial or lot no.
    return result + [(source, free) for _, source, free in found]


def inbound(session: Session, need: Need, supply: Supply = Supply()):
    """[((expected date, no, line no.), supply columns, free quantity), ...] of the open inbound
    orders ``supply`` allows, by expected date; or the Problem with the one ``--from`` names."""
    result = []
    for kind, read in (("purchase_order", _purchase_lines), ("transfer_order", _transfer_lines),
                       ("assembly_order", _assembly_orders)):
        if supply.kind in ("any", kind):
            found = read(session, need, supply)
            if isinstance(found, Problem):
                return found
            result += found
    return sorted(result, key=lambda x: x[0])


def _held(session: Session, condition) -> Decimal:
    return session.scalar(select(func.sum(ReservationEntry.quantity)).where(condition)) or ZERO


def _purchase_lines(session: Session, need: Need, supply: Supply):
    pl, ph, r = PurchaseLine, PurchaseHeader, ReservationEntry
    query = select(pl).join(ph).where(
        ph.document_type == "order", ph.status != "closed", pl.type == "item", pl.no == need.item_no,
        pl.location_code == need.location, pl.drop_shipment.is_(False), pl.special_order.is_(False))
    if supply.kind == "purchase_order":
        chosen = session.scalar(select(pl).join(ph).where(ph.no == supply.order_no, ph.document_type == "order",
                                                          pl.line_no == supply.line_no))
        if chosen is None:
            return Problem("SALES-RESERVE-PURCHASE-LINE-NOT-FOUND", "from", {
                "purchase_order_no": supply.order_no, "line_no": supply.line_no})
        query = query.where(pl.id == chosen.id)
        if session.scalar(query) is None:
            return Problem("SALES-RESERVE-PURCHASE-LINE-MISMATCH", "from", {
                "purchase_order_no": supply.order_no, "line_no": supply.line_no, "item_no": need.item_no,
                "location": need.location or "-"})
    result = []
    for po_line in session.scalars(lock(session, query.order_by(ph.document_date, ph.no, pl.line_no))):
        free = units.line_base(session, po_line, po_line.quantity - po_line.quantity_received) - _held(
            session, r.purchase_line_id == po_line.id)  # a line in boxes reserves pieces
        if free > ZERO:
            result.append(((po_line.header.document_date, po_line.header.no, po_line.line_no),
                           {"purchase_line_id": po_line.id}, free))
    return result


def _transfer_lines(session: Session, need: Need, supply: Supply):
    tl, th, r = TransferLine, TransferHeader, ReservationEntry
    query = select(tl, th.shipment_date).join(th, th.no == tl.order_no).where(
        th.status != "received", th.to_location == need.location, tl.item_no == need.item_no)
    if supply.kind == "transfer_order":
        query = query.where(tl.order_no == supply.order_no, tl.line_no == supply.line_no)
        if session.execute(query).first() is None:
            return Problem("SALES-RESERVE-TRANSFER-LINE-NOT-FOUND", "from", {
                "transfer_order_no": supply.order_no, "line_no": supply.line_no, "item_no": need.item_no,
                "location": need.location or "-"})
    result = []
    for to_line, date in session.execute(lock(session, query.order_by(th.shipment_date, tl.order_no, tl.line_no))):
        held = _held(session, (r.transfer_order_no == to_line.order_no) & (r.transfer_line_no == to_line.line_no))
        free = to_line.quantity - to_line.quantity_received - held
        if free > ZERO:
            result.append(((date, to_line.order_no, to_line.line_no),
                           {"transfer_order_no": to_line.order_no, "transfer_line_no": to_line.line_no}, free))
    return result


def _assembly_orders(session: Session, need: Need, supply: Supply):
    ah, r = AssemblyHeader, ReservationEntry
    query = select(ah).where(ah.status == "open", ah.item_no == need.item_no, ah.location_code == need.location)
    if supply.kind == "assembly_order":
        if session.get(AssemblyHeader, supply.order_no) is None:
            return Problem("SALES-RESERVE-ASSEMBLY-ORDER-NOT-FOUND", "from", {"assembly_order_no": supply.order_no})
        query = query.where(ah.no == supply.order_no)
        if session.scalar(query) is None:
            return Problem("SALES-RESERVE-ASSEMBLY-ORDER-MISMATCH", "from", {
                "assembly_order_no": supply.order_no, "item_no": need.item_no, "location": need.location or "-"})
    result = []
    for order in session.scalars(lock(session, query.order_by(ah.due_date, ah.no))):
        free = order.quantity - order.quantity_assembled - _held(session, r.assembly_order_no == order.no)
        if free > ZERO:
            result.append(((order.due_date, order.no, 0), {"assembly_order_no": order.no}, free))
    return result


def expected_date(session: Session, entry: ReservationEntry) -> dt.date | None:
    """When the supply of a reservation is expected (None: on hand)."""
    if entry.purchase_line_id is not None:
        return session.get(PurchaseLine, entry.purchase_line_id).header.document_date
    if entry.transfer_order_no is not None:
        return session.get(TransferHeader, entry.transfer_order_no).shipment_date
    if entry.assembly_order_no is not None:
        return session.get(AssemblyHeader, entry.assembly_order_no).due_date
    return None


def plain(qty: Decimal) -> str:
    return f"{qty.normalize():f}"
