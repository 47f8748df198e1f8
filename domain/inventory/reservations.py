"""What inventory knows of reservations (BC "Design Details: Reservation, Order Tracking, and
Action Messaging"): quantity reserved on an inbound item ledger entry is not available to any
other demand. :func:`domain.inventory.state.open_inbound` leaves it out for every outbound posting
(item journal, transfers, physical inventory, assembly consumption, sales lines) except the
demand it is reserved for (a :class:`Demand`: a sales line, an outbound transfer line or an
assembly component line); a refusal that only the reservation causes says so
(``INV-QUANTITY-RESERVED``). Receiving a purchase or transfer order line, or posting an
assembly order, moves the reservations against it onto the new entry (BC does the same: the
reservation follows the supply from the order into inventory); shipping (consuming) the
reserved line consumes them. The sales side (:mod:`domain.sales.reservations`,
:mod:`domain.sales.order_reservations`) makes and cancels them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from domain.inventory.reservation_model import ReservationEntry
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import Problem

SALES, TRANSFER, ASSEMBLY = "sales_line", "transfer_line", "assembly_line"


@dataclass(frozen=True)
class Demand:
    """The line a reservation is held for: a sales line (by id), a transfer order line
    (outbound) or an assembly order's component line (by order no. and line no.)."""

    kind: str
    sales_line_id: int | None = None
    order_no: str | None = None
    line_no: int | None = None

    @classmethod
    def sales(cls, line_id: int) -> Demand:
        return cls(SALES, sales_line_id=line_id)

    @classmethod
    def transfer(cls, order_no: str, line_no: int) -> Demand:
        return cls(TRANSFER, order_no=order_no, line_no=line_no)

    @classmethod
    def assembly(cls, order_no: str, line_no: int) -> Demand:
        return cls(ASSEMBLY, order_no=order_no, line_no=line_no)

    def _columns(self):
        r = ReservationEntry
        if self.kind == SALES:
            return ((r.sales_line_id, self.sales_line_id),)
        if self.kind == TRANSFER:
            return ((r.outbound_transfer_order_no, self.order_no), (r.outbound_transfer_line_no, self.line_no))
        return ((r.component_order_no, self.order_no), (r.component_line_no, self.line_no))

    def own(self):
        """The rows held for this demand (an SQL condition)."""
        return and_(*(column == value for column, value in self._columns()))

    def others(self):
        """The rows held for any other demand (NULL-safe: other kinds leave these columns empty)."""
        return or_(*(or_(column.is_(None), column != value) for column, value in self._columns()))

    def values(self) -> dict:
        """The reservation entry's columns naming this demand."""
        return {column.key: value for column, value in self._columns()}


def as_demand(demand: Demand | int | None) -> Demand | None:
    """A sales line id (what older callers pass) is a sales demand."""
    return Demand.sales(demand) if isinstance(demand, int) else demand


def demand_of(row: ReservationEntry) -> Demand:
    if row.sales_line_id is not None:
        return Demand.sales(row.sales_line_id)
    if row.outbound_transfer_order_no is not None:
        return Demand.transfer(row.outbound_transfer_order_no, row.outbound_transfer_line_no)
    return Demand.assembly(row.component_order_no, row.component_line_no)


def reserved_by_others(session: Session, entry_nos: list[int], demand: Demand | int | None) -> dict[int, Decimal]:
    """Quantity reserved on each of ``entry_nos`` for demands other than ``demand``."""
    if not entry_nos:
        return {}
    r, demand = ReservationEntry, as_demand(demand)
    query = select(r.item_ledger_entry_no, func.sum(r.quantity)).where(r.item_ledger_entry_no.in_(entry_nos))
    if demand is not None:
        query = query.where(demand.others())
    return {no: qty or ZERO for no, qty in session.execute(query.group_by(r.item_ledger_entry_no))}


def reserved_on_hand(session: Session, item_no: str, location: str | None,
                     demand: Demand | int | None = None) -> Decimal:
    """Quantity of ``item_no`` on hand (at ``location``; all when None) reserved for demands
    (other than ``demand``)."""
    r, ile, demand = ReservationEntry, ItemLedgerEntry, as_demand(demand)
    query = select(func.sum(r.quantity)).join(ile, ile.entry_no == r.item_ledger_entry_no).where(
        r.item_no == item_no, ile.open.is_(True))
    if location is not None:
        query = query.where(r.location_code == location)
    if demand is not None:
        query = query.where(demand.others())
    return session.scalar(query) or ZERO


def reserved_on_hand_by_item(session: Session, location: str) -> dict[str, Decimal]:
    """:func:`reserved_on_hand` of every item at ``location`` in one query (item no. -> quantity)."""
    r, ile = ReservationEntry, ItemLedgerEntry
    return dict(session.execute(select(r.item_no, func.sum(r.quantity)).join(
        ile, ile.entry_no == r.item_ledger_entry_no).where(ile.open.is_(True), r.location_code == location)
        .group_by(r.item_no)).all())


def reserved_on_hand_by_demand(session: Session, item_no: str, location: str) -> dict[Demand, Decimal]:
    """What is reserved of ``item_no``'s stock at ``location``, per demand."""
    r, ile = ReservationEntry, ItemLedgerEntry
    rows = session.execute(select(r.sales_line_id, r.outbound_transfer_order_no, r.outbound_transfer_line_no,
                                  r.component_order_no, r.component_line_no, func.sum(r.quantity))
                           .join(ile, ile.entry_no == r.item_ledger_entry_no)
                           .where(r.item_no == item_no, r.location_code == location, ile.open.is_(True))
                           .group_by(r.sales_line_id, r.outbound_transfer_order_no, r.outbound_transfer_line_no,
                                     r.component_order_no, r.component_line_no)).all()
    result: dict[Demand, Decimal] = {}
    for sales_line_id, t_no, t_line, c_no, c_line, qty in rows:
        demand = (Demand.sales(sales_line_id) if sales_line_id is not None else
                  Demand.transfer(t_no, t_line) if t_no is not None else Demand.assembly(c_no, c_line))
        result[demand] = qty or ZERO
    return result


def reserved_for(session: Session, demand: Demand | int) -> Decimal:
    """All that is reserved for ``demand`` (stock and inbound supply)."""
    return session.scalar(select(func.sum(ReservationEntry.quantity)).where(as_demand(demand).own())) or ZERO


def refusal(session: Session, problem: Problem, item_no: str, location: str,
            demand: Demand | int | None = None) -> Problem:
    """``problem``, or ``INV-QUANTITY-RESERVED`` when the quantity would be there but for
    what is reserved for other demands."""
    if problem.code != "INV-INSUFFICIENT-QUANTITY":
        return problem
    reserved = reserved_on_hand(session, item_no, location, demand)
    available = Decimal(problem.params.get("available", "0"))
    if reserved <= ZERO or available + reserved < Decimal(problem.params.get("requested", "0")):
        return problem
    requested = Decimal(problem.params.get("requested", "0"))
    return Problem("INV-QUANTITY-RESERVED", problem.field, {
        "item_no": item_no, "location": location or "-", "requested": f"{requested.normalize():f}",
        "available": f"{available.normalize():f}", "reserved": f"{reserved.normalize():f}"})


def own_entries(session: Session, demand: Demand | int) -> list[tuple[int, Decimal]]:
    """(entry no., quantity) of the stock reserved for ``demand``, oldest reservation first."""
    r = ReservationEntry
    return [(no, qty) for no, qty in session.execute(
        select(r.item_ledger_entry_no, r.quantity).where(as_demand(demand).own(),
                                                         r.item_ledger_entry_no.is_not(None)).order_by(r.id))]


def split_reserved(session: Session, demand: Demand, quantity: Decimal, lot_no: str = "", serial_no: str = "",
                   used: dict[int, Decimal] | None = None) -> list[tuple[int | None, Decimal]]:
    """``quantity`` of ``demand`` as [(reserved entry no., qty), ..., (None, the rest)]: what its
    reserved entries (of ``lot_no`` / ``serial_no`` when given) cover first, oldest reservation
    first, so a posting applies those parts to them (fixed application) and the rest by the
    costing method. ``used``: what earlier parts of the same posting took (updated)."""
    used = {} if used is None else used
    r, ile = ReservationEntry, ItemLedgerEntry
    rows = session.execute(select(r.item_ledger_entry_no, r.quantity, ile.lot_no, ile.serial_no)
                           .join(ile, ile.entry_no == r.item_ledger_entry_no)
                           .where(demand.own()).order_by(r.id)).all()
    parts, left = [], quantity
    for entry_no, reserved, lot, serial in rows:
        if (lot_no and (lot or "") != lot_no) or (serial_no and (serial or "") != serial_no):
            continue
        take = min(left, reserved - used.get(entry_no, ZERO))
        if take <= ZERO:
            continue
        used[entry_no] = used.get(entry_no, ZERO) + take
        parts.append((entry_no, take))
        left -= take
    if left > ZERO:
        parts.append((None, left))
    return parts


def consume(session: Session, demand: Demand | int, applications: Iterable[tuple[int, Decimal]]) -> None:
    """A shipment (consumption) of ``demand`` took ``applications`` ((entry no., qty), ...): the
    reservations on those entries shrink by what was taken (BC deletes what is posted)."""
    r, demand = ReservationEntry, as_demand(demand)
    for entry_no, taken in applications:
        left = taken
        for row in session.scalars(select(r).where(demand.own(), r.item_ledger_entry_no == entry_no).order_by(r.id)):
            if left <= ZERO:
                break
            used = min(left, row.quantity)
            left -= used
            _reduce(session, row, used)


def trim(session: Session, demand: Demand | int, outstanding: Decimal) -> None:
    """Free what is reserved for ``demand`` beyond its ``outstanding`` quantity: inbound
    supply (purchase, transfer and assembly orders) first, then stock, newest first."""
    r = ReservationEntry
    rows = list(session.scalars(select(r).where(as_demand(demand).own())))
    excess = sum((row.quantity for row in rows), ZERO) - max(outstanding, ZERO)
    for row in sorted(rows, key=lambda x: (x.item_ledger_entry_no is not None, -x.id)):
        if excess <= ZERO:
            return
        used = min(excess, row.quantity)
        excess -= used
        _reduce(session, row, used)


def receive(session: Session, moves: Iterable[tuple[int, int | None, Decimal]]) -> None:
    """Purchase receipts: ``moves`` ((purchase line id, receipt entry no., qty), ...). The
    reservations against each line move onto the receipt's entry, oldest first, as far as
    the received quantity goes (a reservation partly covered is split)."""
    r = ReservationEntry
    for line_id, entry_no, qty in moves:
        _move(session, r.purchase_line_id == line_id, entry_no, qty)


def receive_transfer(session: Session, moves: Iterable[tuple[str, int, int | None, Decimal]]) -> None:
    """Transfer receipts: ``moves`` ((order no., line no., receipt entry no., qty), ...), as :func:`receive`."""
    r = ReservationEntry
    for order_no, line_no, entry_no, qty in moves:
        _move(session, (r.transfer_order_no == order_no) & (r.transfer_line_no == line_no), entry_no, qty)


def receive_assembly(session: Session, order_no: str, outputs: Iterable[tuple[int, Decimal]]) -> None:
    """An assembly order's posting output ``outputs`` ((output entry no., qty), ...): the
    reservations against the order move onto the output entries, as :func:`receive`."""
    for entry_no, qty in outputs:
        _move(session, ReservationEntry.assembly_order_no == order_no, entry_no, qty)


def _move(session: Session, supply, entry_no: int | None, qty: Decimal) -> None:
    r = ReservationEntry
    if entry_no is None:
        return
    left = qty
    for row in list(session.scalars(select(r).where(supply).order_by(r.id))):
        if left <= ZERO:
            break
        taken = min(left, row.quantity)
        left -= taken
        if taken < row.quantity:  # split: the rest stays on the inbound line
            session.add(ReservationEntry(
                item_no=row.item_no, location_code=row.location_code, quantity=row.quantity - taken,
                **demand_of(row).values(), purchase_line_id=row.purchase_line_id,
                transfer_order_no=row.transfer_order_no, transfer_line_no=row.transfer_line_no,
                assembly_order_no=row.assembly_order_no,
                serial_no=row.serial_no, lot_no=row.lot_no, created_by=row.created_by))
        row.quantity, row.item_ledger_entry_no = taken, entry_no
        row.purchase_line_id = row.transfer_order_no = row.transfer_line_no = row.assembly_order_no = None
    session.flush()


def _reduce(session: Session, row: ReservationEntry, qty: Decimal) -> None:
    if qty >= row.quantity:
        session.delete(row)
    else:
        row.quantity = row.quantity - qty
    session.flush()
