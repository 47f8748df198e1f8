"""Reserve items for a sales order line (BC "Reserve Items", Reservation Entries).

``reserve`` holds a quantity of the line's item for the line: from stock on hand at the
line's location (open inbound item ledger entries, first in first out; the units of the
line's serial/lot no. when it names one) and then from open purchase order lines and transfer
order lines inbound to the same location by expected date (a purchase order's document date, a
transfer's shipment date), or from exactly the source ``--from`` names. Reserved quantities are unavailable to every other line
(:mod:`domain.inventory.reservations`); shipping the line takes its reserved entries first
(:mod:`domain.sales.stock`); receiving a reserved purchase line moves the reservation onto
the receipt's entry. ``unreserve`` cancels (purchase supply first, newest first, as
:func:`domain.inventory.reservations.trim` frees). Two reservations of the last unit queue on
the item card's row lock (and on PostgreSQL on the entries' and purchase lines' row locks
posting takes), so the second sees the first and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, event, func, inspect, select, update
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import reservations as stock_reservations
from domain.inventory import state as inventory_state
from domain.inventory import units
from domain.inventory.model import TransferHeader, TransferLine
from domain.inventory.reservation_model import ReservationEntry
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item

SOURCES = ("stock", "purchase-order")


@dataclass(frozen=True)
class Supply:
    """Where to reserve from: ``any`` (stock, then purchase orders), ``stock`` or one purchase order line."""

    kind: str = "any"
    order_no: str | None = None
    line_no: int | None = None


def parse_supply(value: str | None, reference: str | None = None) -> Supply:
    """``--from stock`` | ``--from purchase-order PO-…:LINE`` (also ``--from PO-…:LINE``) |
    ``--from transfer-order TO-…:LINE`` (a transfer order line inbound to the line's location)."""
    if value is None and reference is None:
        return Supply()
    words = " ".join(x for x in (value, reference) if x).split()
    if words == ["stock"]:
        return Supply("stock")
    kind = "purchase_order"
    if words and words[0] in ("purchase-order", "transfer-order"):
        kind, words = words[0].replace("-", "_"), words[1:]
    order, sep, line = words[0].rpartition(":") if len(words) == 1 else ("", "", "")
    if not sep or not order or not line.isdigit() or not 0 < int(line) < 2**31:
        raise DomainError("SALES-RESERVE-BAD-FROM", "--from stock | purchase-order PO-…:LINE",
                          value=" ".join(x for x in (value, reference) if x))
    return Supply(kind, order, int(line))


def reserve(app: App, no: str, line_no: int, qty: Decimal | None = None, supply: Supply = Supply(),
            serial_no: str | None = None, lot_no: str | None = None) -> list[dict] | Rejected:
    """Reserve ``qty`` (default: all that is outstanding and unreserved) for line ``line_no`` of order ``no``."""
    return access.command(app, "sales.edit", lambda session: _reserve(
        session, app.user, no, line_no, qty, supply, serial_no, lot_no))


def unreserve(app: App, no: str, line_no: int, qty: Decimal | None = None) -> list[dict] | Rejected:
    """Cancel ``qty`` (default: all) of what is reserved for line ``line_no``; the reservations left."""
    return access.command(app, "sales.edit", lambda session: _unreserve(session, no, line_no, qty))


def _order_line(session: Session, no: str, line_no: int) -> SalesLine | Problem:
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None:
        return Problem("SALES-DOCUMENT-NOT-FOUND", "no", {"no": no})
    line = next((x for x in header.lines if x.line_no == line_no), None)
    if line is None:
        return Problem("SALES-RESERVE-UNKNOWN-LINE", "line", {"no": no, "line_no": line_no})
    return line


def _line_problem(session: Session, line: SalesLine) -> Problem | None:
    """Why ``line`` cannot be reserved for, if it cannot (BC reserves for open order lines of inventory items)."""
    where, params = f"lines[{line.line_no}]", {"no": line.header.no, "line_no": line.line_no}
    item = session.get(Item, line.no) if line.type == "item" else None
    if line.header.document_type != "order" or line.header.status not in ("open", "released"):
        return Problem("SALES-RESERVE-NOT-OPEN-ORDER", where, {**params, "status": line.header.status})
    if item is None or item.type != "inventory":
        return Problem("SALES-RESERVE-NOT-INVENTORY", where, params)
    if line.drop_shipment or line.special_order:
        return Problem("SALES-RESERVE-DROP-SHIPMENT", where, params)
    if line.quantity - line.quantity_shipped <= ZERO:
        return Problem("SALES-RESERVE-LINE-SHIPPED", where, params)
    return None


def reserved_for(session: Session, line_id: int) -> Decimal:
    r = ReservationEntry
    return session.scalar(select(func.sum(r.quantity)).where(r.sales_line_id == line_id)) or ZERO


def _reserve(session, user, no, line_no, qty, supply: Supply, serial_no, lot_no):
    line = _order_line(session, no, line_no)
    if isinstance(line, Problem):
        return Rejected([line])
    where = f"lines[{line_no}]"
    problem = _line_problem(session, line)
    if problem is None and qty is not None and qty <= ZERO:
        problem = Problem("SALES-RESERVE-QUANTITY-NOT-POSITIVE", where, {"qty": _plain(qty)})
    for name, asked, named in (("serial_no", serial_no, line.serial_no), ("lot_no", lot_no, line.lot_no)):
        if problem is None and asked and named and asked != named:
            problem = Problem("SALES-RESERVE-TRACKING-MISMATCH", where, {
                "line_no": line_no, "field": name, "value": asked, "line_value": named})
    if problem is not None:
        return Rejected([problem])
    session.scalar(lock(session, select(Item).where(Item.no == line.no)))  # one reserver of an item at a time
    unreserved = units.line_base(session, line, line.quantity - line.quantity_shipped) - reserved_for(session, line.id)
    if qty is None and unreserved <= ZERO:
        return Rejected([Problem("SALES-RESERVE-ALREADY-RESERVED", where, {"no": no, "line_no": line_no})])
    wanted = unreserved if qty is None else qty
    if wanted > unreserved or wanted <= ZERO:
        return Rejected([Problem("SALES-RESERVE-MORE-THAN-OUTSTANDING", where, {
            "line_no": line_no, "requested": _plain(wanted), "unreserved": _plain(unreserved)})])
    candidates = _candidates(session, line, supply, serial_no or line.serial_no, lot_no or line.lot_no)
    if isinstance(candidates, Problem):
        return Rejected([candidates])
    available = sum((q for _, q in candidates), ZERO)
    if available < wanted:
        return Rejected([Problem("SALES-RESERVE-NOT-AVAILABLE", where, {
            "item_no": line.no, "location": line.location_code or "-", "requested": _plain(wanted),
            "available": _plain(available)})])
    made, left = [], wanted
    for source, can in candidates:
        take = min(can, left)
        if take <= ZERO:
            break
        left -= take
        entry = ReservationEntry(item_no=line.no, location_code=line.location_code, quantity=take,
                                 sales_line_id=line.id, created_by=user, serial_no=serial_no or line.serial_no,
                                 lot_no=lot_no or line.lot_no, **source)
        session.add(entry)
        made.append(entry)
    session.flush()
    return describe(session, made)


def _candidates(session, line: SalesLine, supply: Supply, serial_no, lot_no):
    """[(supply columns, quantity still free), ...] in the order they are reserved from."""
    result = []
    if supply.kind in ("any", "stock"):
        own = dict(stock_reservations.own_entries(session, line.id))
        for entry in inventory_state.open_inbound(session, line.no, line.location_code, line.id):
            if (serial_no and entry.serial_no != serial_no) or (lot_no and entry.lot_no != lot_no):
                continue
            free = entry.remaining_quantity - own.get(entry.entry_no, ZERO)
            if free > ZERO:
                result.append(({"item_ledger_entry_no": entry.entry_no}, free))
    if supply.kind == "stock":
        return result
    if supply.kind != "transfer_order":
        found = _purchase_lines(session, line, supply)
        if isinstance(found, Problem):
            return found
        inbound = found
    else:
        inbound = []
    if supply.kind != "purchase_order":
        found = _transfer_lines(session, line, supply)
        if isinstance(found, Problem):
            return found
        inbound += found
    if serial_no or lot_no:
        return result  # inbound lines are reserved without a serial or lot no.
    return result + [(source, free) for _, source, free in sorted(inbound, key=lambda x: x[0])]


def _purchase_lines(session, line: SalesLine, supply: Supply):
    """[((expected date, no, line no.), supply columns, free quantity), ...] of open purchase order lines."""
    pl, ph, r = PurchaseLine, PurchaseHeader, ReservationEntry
    query = select(pl).join(ph).where(
        ph.document_type == "order", ph.status != "closed", pl.type == "item", pl.no == line.no,
        pl.location_code == line.location_code, pl.drop_shipment.is_(False), pl.special_order.is_(False))
    if supply.kind == "purchase_order":
        chosen = session.scalar(select(pl).join(ph).where(ph.no == supply.order_no, ph.document_type == "order",
                                                          pl.line_no == supply.line_no))
        if chosen is None:
            return Problem("SALES-RESERVE-PURCHASE-LINE-NOT-FOUND", "from", {
                "purchase_order_no": supply.order_no, "line_no": supply.line_no})
        query = query.where(pl.id == chosen.id)
        if session.scalar(query) is None:
            return Problem("SALES-RESERVE-PURCHASE-LINE-MISMATCH", "from", {
                "purchase_order_no": supply.order_no, "line_no": supply.line_no, "item_no": line.no,
                "location": line.location_code or "-"})
    result = []
    for po_line in session.scalars(lock(session, query.order_by(ph.document_date, ph.no, pl.line_no))):
        held = session.scalar(select(func.sum(r.quantity)).where(r.purchase_line_id == po_line.id)) or ZERO
        free = units.line_base(session, po_line, po_line.quantity - po_line.quantity_received) - held
        if free > ZERO:
            result.append(((po_line.header.document_date, po_line.header.no, po_line.line_no),
                           {"purchase_line_id": po_line.id}, free))
    return result


def _transfer_lines(session, line: SalesLine, supply: Supply):
    """The same of transfer order lines inbound to the line's location (by shipment date)."""
    tl, th, r = TransferLine, TransferHeader, ReservationEntry
    query = select(tl, th.shipment_date).join(th, th.no == tl.order_no).where(
        th.status != "received", th.to_location == line.location_code, tl.item_no == line.no)
    if supply.kind == "transfer_order":
        query = query.where(tl.order_no == supply.order_no, tl.line_no == supply.line_no)
        if session.execute(query).first() is None:
            return Problem("SALES-RESERVE-TRANSFER-LINE-NOT-FOUND", "from", {
                "transfer_order_no": supply.order_no, "line_no": supply.line_no, "item_no": line.no,
                "location": line.location_code or "-"})
    result = []
    for to_line, date in session.execute(lock(session, query.order_by(th.shipment_date, tl.order_no, tl.line_no))):
        held = session.scalar(select(func.sum(r.quantity)).where(
            r.transfer_order_no == to_line.order_no, r.transfer_line_no == to_line.line_no)) or ZERO
        free = to_line.quantity - to_line.quantity_received - held
        if free > ZERO:
            result.append(((date, to_line.order_no, to_line.line_no),
                           {"transfer_order_no": to_line.order_no, "transfer_line_no": to_line.line_no}, free))
    return result


def _unreserve(session, no, line_no, qty):
    line = _order_line(session, no, line_no)
    if isinstance(line, Problem):
        return Rejected([line])
    where = f"lines[{line_no}]"
    reserved = reserved_for(session, line.id)
    if reserved <= ZERO:
        return Rejected([Problem("SALES-UNRESERVE-NOTHING-RESERVED", where, {"no": no, "line_no": line_no})])
    if qty is not None and (qty <= ZERO or qty > reserved):
        return Rejected([Problem("SALES-UNRESERVE-MORE-THAN-RESERVED", where, {
            "line_no": line_no, "requested": _plain(qty), "reserved": _plain(reserved)})])
    stock_reservations.trim(session, line.id, reserved - (reserved if qty is None else qty))
    return line_reservations(session, [line.id]).get(line.id, [])


def describe(session: Session, entries) -> list[dict]:
    """Plain rows of reservation entries: the demand line and the supply (order tracking)."""
    rows = []
    for e in entries:
        line = session.get(SalesLine, e.sales_line_id)
        row = {"id": e.id, "sales_order_no": line.header.no, "line_no": line.line_no, "item_no": e.item_no,
               "location": e.location_code, "quantity": e.quantity, "source": "item_ledger_entry",
               "item_ledger_entry_no": e.item_ledger_entry_no, "purchase_order_no": None,
               "purchase_order_line_no": None, "transfer_order_no": None, "transfer_order_line_no": None,
               "serial_no": e.serial_no, "lot_no": e.lot_no}
        if e.purchase_line_id is not None:
            po_line = session.get(PurchaseLine, e.purchase_line_id)
            row.update(source="purchase_order_line", purchase_order_no=po_line.header.no,
                       purchase_order_line_no=po_line.line_no)
        if e.transfer_order_no is not None:
            row.update(source="transfer_order_line", transfer_order_no=e.transfer_order_no,
                       transfer_order_line_no=e.transfer_line_no)
        rows.append(row)
    return rows


def line_reservations(session: Session, line_ids: list[int]) -> dict[int, list[dict]]:
    """Each line's reservations (``sales show``), oldest first."""
    r = ReservationEntry
    entries = session.scalars(select(r).where(r.sales_line_id.in_(line_ids)).order_by(r.id)).all() if line_ids else []
    result: dict[int, list[dict]] = {}
    for entry, row in zip(entries, describe(session, entries)):
        result.setdefault(entry.sales_line_id, []).append(row)
    return result


def reserved_by_document(session: Session, item_no: str) -> dict[tuple[str, str, int], Decimal]:
    """(``sales_order`` | ``purchase_order``, document no., line no.) -> quantity reserved for the
    sales line / against the purchase line (availability by event shows it per event)."""
    r, sl, sh, pl, ph = ReservationEntry, SalesLine, SalesHeader, PurchaseLine, PurchaseHeader
    result: dict[tuple[str, str, int], Decimal] = {}
    for no, line_no, qty in session.execute(select(sh.no, sl.line_no, func.sum(r.quantity)).join(
            sl, sl.id == r.sales_line_id).join(sh).where(r.item_no == item_no).group_by(sh.no, sl.line_no)):
        result[("sales_order", no, line_no)] = qty
    for no, line_no, qty in session.execute(select(ph.no, pl.line_no, func.sum(r.quantity)).join(
            pl, pl.id == r.purchase_line_id).join(ph).where(r.item_no == item_no).group_by(ph.no, pl.line_no)):
        result[("purchase_order", no, line_no)] = qty
    for no, line_no, qty in session.execute(select(r.transfer_order_no, r.transfer_line_no, func.sum(r.quantity))
                                            .where(r.item_no == item_no, r.transfer_order_no.is_not(None))
                                            .group_by(r.transfer_order_no, r.transfer_line_no)):
        result[("transfer_in", no, line_no)] = qty
    return result


def report(app: App, item_no: str | None = None) -> list[dict]:
    """Every reservation (of ``item_no``), by item and order (``report reservations``)."""
    r = ReservationEntry
    query = select(r).order_by(r.item_no, r.id)
    if item_no:
        query = query.where(r.item_no == item_no)
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        return describe(session, session.scalars(query).all())


@event.listens_for(Session, "after_flush")
def _free_what_a_reduced_line_no_longer_needs(session: Session, _context) -> None:
    """A sales line whose quantity went down keeps no more reserved than it still has to ship
    (BC reduces the reservation with the line), and a purchase line no more reserved against it
    than it still has to receive; however the line was changed. A deleted line or
    order frees everything by ``ON DELETE CASCADE``."""
    table = ReservationEntry.__table__
    for obj in session.dirty:
        if isinstance(obj, SalesLine) and obj.id is not None and inspect(obj).attrs.quantity.history.has_changes():
            _trim_rows(session, table.c.sales_line_id == obj.id,
                       units.line_base(session, obj, obj.quantity - obj.quantity_shipped))
        if isinstance(obj, PurchaseLine) and obj.id is not None and inspect(obj).attrs.quantity.history.has_changes():
            _trim_rows(session, table.c.purchase_line_id == obj.id,
                       units.line_base(session, obj, obj.quantity - obj.quantity_received))


def _trim_rows(session: Session, rows_of, outstanding: Decimal) -> None:
    """:func:`domain.inventory.reservations.trim` of the rows ``rows_of`` selects, in Core
    statements (inside a flush)."""
    table, connection = ReservationEntry.__table__, session.connection()
    rows = connection.execute(select(table.c.id, table.c.quantity, table.c.item_ledger_entry_no)
                              .where(rows_of)).all()
    excess = sum((row.quantity for row in rows), ZERO) - max(outstanding, ZERO)
    for row in sorted(rows, key=lambda x: (x.item_ledger_entry_no is not None, -x.id)):
        if excess <= ZERO:
            return
        used = min(excess, row.quantity)
        excess -= used
        if used >= row.quantity:
            connection.execute(delete(table).where(table.c.id == row.id))
        else:
            connection.execute(update(table).where(table.c.id == row.id).values(quantity=row.quantity - used))


def _plain(qty: Decimal) -> str:
    return f"{qty.normalize():f}"
