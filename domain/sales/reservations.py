"""Reserve items for a sales order line (BC "Reserve Items", Reservation Entries).

``reserve`` holds a quantity of the line's item for the line: from stock on hand at the
line's location (open inbound item ledger entries, first in first out; the units of the
line's serial/lot no. when it names one) and then from open purchase order lines and transfer
order lines inbound to the same location and assembly orders outputting it there by expected date
(:mod:`domain.sales.reservation_supply`), or from exactly the source ``--from`` names. Reserved
quantities are unavailable to every other line
(:mod:`domain.inventory.reservations`); shipping the line takes its reserved entries first
(:mod:`domain.sales.stock`); receiving a reserved purchase line moves the reservation onto
the receipt's entry. ``unreserve`` cancels (purchase supply first, newest first, as
:func:`domain.inventory.reservations.trim` frees). Two reservations of the last unit queue on
the item card's row lock (and on PostgreSQL on the entries' and purchase lines' row locks
posting takes), so the second sees the first and is refused.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, event, func, inspect, select, update
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import reservations as stock_reservations
from domain.inventory import units
from domain.inventory.reservation_model import ReservationEntry
from domain.inventory.reservations import Demand
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales import reservation_supply as supply_rules
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item

SOURCES = ("stock", "purchase-order")
Supply, parse_supply = supply_rules.Supply, supply_rules.parse_supply


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
    return stock_reservations.reserved_for(session, Demand.sales(line_id))


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
    unreserved = units.line_base(session, line, line.quantity - line.quantity_shipped) - reserved_for(session, line.id)
    if qty is None and unreserved <= ZERO:
        return Rejected([Problem("SALES-RESERVE-ALREADY-RESERVED", where, {"no": no, "line_no": line_no})])
    wanted = unreserved if qty is None else qty
    if wanted > unreserved or wanted <= ZERO:
        return Rejected([Problem("SALES-RESERVE-MORE-THAN-OUTSTANDING", where, {
            "line_no": line_no, "requested": _plain(wanted), "unreserved": _plain(unreserved)})])
    need = supply_rules.Need(line.no, line.location_code, Demand.sales(line.id), serial_no or line.serial_no,
                             lot_no or line.lot_no)
    made = supply_rules.reserve(session, user, need, wanted, supply, where)
    return made if isinstance(made, Rejected) else describe(session, made)


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
    stock_reservations.trim(session, Demand.sales(line.id), reserved - (reserved if qty is None else qty))
    return line_reservations(session, [line.id]).get(line.id, [])


def describe(session: Session, entries) -> list[dict]:
    """Plain rows of reservation entries: the demand line (``demand``: its kind; the order in
    ``sales_order_no`` or, for a transfer or assembly order line, ``demand_order_no``; ``line_no``)
    and the supply (``source`` and its document)."""
    rows = []
    for e in entries:
        row = {"id": e.id, "demand": "sales_order_line", "sales_order_no": None, "demand_order_no": None,
               "line_no": None,
               "item_no": e.item_no, "location": e.location_code, "quantity": e.quantity,
               "source": "item_ledger_entry", "item_ledger_entry_no": e.item_ledger_entry_no,
               "purchase_order_no": None, "purchase_order_line_no": None, "transfer_order_no": None,
               "transfer_order_line_no": None, "assembly_order_no": None, "serial_no": e.serial_no, "lot_no": e.lot_no}
        if e.sales_line_id is not None:
            line = session.get(SalesLine, e.sales_line_id)
            row.update(sales_order_no=line.header.no, line_no=line.line_no)
        elif e.outbound_transfer_order_no is not None:
            row.update(demand="transfer_order_line", demand_order_no=e.outbound_transfer_order_no,
                       line_no=e.outbound_transfer_line_no)
        else:
            row.update(demand="assembly_order_line", demand_order_no=e.component_order_no,
                       line_no=e.component_line_no)
        if e.purchase_line_id is not None:
            po_line = session.get(PurchaseLine, e.purchase_line_id)
            row.update(source="purchase_order_line", purchase_order_no=po_line.header.no,
                       purchase_order_line_no=po_line.line_no)
        if e.transfer_order_no is not None:
            row.update(source="transfer_order_line", transfer_order_no=e.transfer_order_no,
                       transfer_order_line_no=e.transfer_line_no)
        if e.assembly_order_no is not None:
            row.update(source="assembly_order", assembly_order_no=e.assembly_order_no)
        rows.append(row)
    return rows


def entries_of(session: Session, demand: Demand) -> list[dict]:
    """A demand's reservations, oldest first."""
    r = ReservationEntry
    return describe(session, session.scalars(select(r).where(demand.own()).order_by(r.id)).all())


def line_reservations(session: Session, line_ids: list[int]) -> dict[int, list[dict]]:
    """Each line's reservations (``sales show``), oldest first."""
    r = ReservationEntry
    entries = session.scalars(select(r).where(r.sales_line_id.in_(line_ids)).order_by(r.id)).all() if line_ids else []
    result: dict[int, list[dict]] = {}
    for entry, row in zip(entries, describe(session, entries)):
        result.setdefault(entry.sales_line_id, []).append(row)
    return result


def reserved_by_document(session: Session, item_no: str) -> dict[tuple[str, str, int], Decimal]:
    """(``sales_order`` | ``purchase_order`` | ``transfer_in`` | ``transfer_out``, document no., line no.)
    -> quantity reserved for the sales / outbound transfer line or against the purchase / inbound
    transfer line (availability by event shows it per event)."""
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
    for no, line_no, qty in session.execute(select(r.outbound_transfer_order_no, r.outbound_transfer_line_no,
                                                   func.sum(r.quantity))
                                            .where(r.item_no == item_no, r.outbound_transfer_order_no.is_not(None))
                                            .group_by(r.outbound_transfer_order_no, r.outbound_transfer_line_no)):
        result[("transfer_out", no, line_no)] = qty
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
