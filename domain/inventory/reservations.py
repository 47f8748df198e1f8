"""What inventory knows of reservations (BC "Design Details: Reservation, Order Tracking, and
Action Messaging"): quantity reserved on an inbound item ledger entry is not available to any
other line. :func:`domain.inventory.state.open_inbound` leaves it out for every outbound posting
(item journal, transfers, physical inventory, sales lines) except the line it is reserved for;
a refusal that only the reservation causes says so (``INV-QUANTITY-RESERVED``). Receiving a
purchase or transfer order line moves its reservations onto the receipt's entry (BC does the same: the
reservation follows the supply from the order into inventory); shipping the reserved line
consumes them. The sales side (:mod:`domain.sales.reservations`) makes and cancels them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.inventory.reservation_model import ReservationEntry
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import Problem


def reserved_by_others(session: Session, entry_nos: list[int], sales_line_id: int | None) -> dict[int, Decimal]:
    """Quantity reserved on each of ``entry_nos`` for lines other than ``sales_line_id``."""
    if not entry_nos:
        return {}
    r = ReservationEntry
    query = select(r.item_ledger_entry_no, func.sum(r.quantity)).where(r.item_ledger_entry_no.in_(entry_nos))
    if sales_line_id is not None:
        query = query.where(r.sales_line_id != sales_line_id)
    return {no: qty or ZERO for no, qty in session.execute(query.group_by(r.item_ledger_entry_no))}


def reserved_on_hand(session: Session, item_no: str, location: str | None,
                     sales_line_id: int | None = None) -> Decimal:
    """Quantity of ``item_no`` on hand (at ``location``; all when None) reserved for lines
    (other than ``sales_line_id``)."""
    r, ile = ReservationEntry, ItemLedgerEntry
    query = select(func.sum(r.quantity)).join(ile, ile.entry_no == r.item_ledger_entry_no).where(
        r.item_no == item_no, ile.open.is_(True))
    if location is not None:
        query = query.where(r.location_code == location)
    if sales_line_id is not None:
        query = query.where(r.sales_line_id != sales_line_id)
    return session.scalar(query) or ZERO


def refusal(session: Session, problem: Problem, item_no: str, location: str,
            sales_line_id: int | None = None) -> Problem:
    """``problem``, or ``INV-QUANTITY-RESERVED`` when the quantity would be there but for
    what is reserved for other lines."""
    if problem.code != "INV-INSUFFICIENT-QUANTITY":
        return problem
    reserved = reserved_on_hand(session, item_no, location, sales_line_id)
    available = Decimal(problem.params.get("available", "0"))
    if reserved <= ZERO or available + reserved < Decimal(problem.params.get("requested", "0")):
        return problem
    requested = Decimal(problem.params.get("requested", "0"))
    return Problem("INV-QUANTITY-RESERVED", problem.field, {
        "item_no": item_no, "location": location or "-", "requested": f"{requested.normalize():f}",
        "available": f"{available.normalize():f}", "reserved": f"{reserved.normalize():f}"})


def own_entries(session: Session, sales_line_id: int) -> list[tuple[int, Decimal]]:
    """(entry no., quantity) of the stock reserved for ``sales_line_id``, oldest reservation first."""
    r = ReservationEntry
    return [(no, qty) for no, qty in session.execute(
        select(r.item_ledger_entry_no, r.quantity).where(r.sales_line_id == sales_line_id,
                                                         r.item_ledger_entry_no.is_not(None)).order_by(r.id))]


def consume(session: Session, sales_line_id: int, applications: Iterable[tuple[int, Decimal]]) -> None:
    """A shipment of ``sales_line_id`` took ``applications`` ((entry no., qty), ...): the
    reservations on those entries shrink by what was taken (BC deletes what is posted)."""
    r = ReservationEntry
    for entry_no, taken in applications:
        left = taken
        for row in session.scalars(select(r).where(r.sales_line_id == sales_line_id,
                                                   r.item_ledger_entry_no == entry_no).order_by(r.id)):
            if left <= ZERO:
                break
            used = min(left, row.quantity)
            left -= used
            _reduce(session, row, used)


def trim(session: Session, sales_line_id: int, outstanding: Decimal) -> None:
    """Free what is reserved for ``sales_line_id`` beyond its ``outstanding`` quantity: inbound
    supply (purchase and transfer lines) first, then stock, newest first."""
    r = ReservationEntry
    rows = list(session.scalars(select(r).where(r.sales_line_id == sales_line_id)))
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
                sales_line_id=row.sales_line_id, purchase_line_id=row.purchase_line_id,
                transfer_order_no=row.transfer_order_no, transfer_line_no=row.transfer_line_no,
                serial_no=row.serial_no, lot_no=row.lot_no, created_by=row.created_by))
        row.quantity, row.item_ledger_entry_no = taken, entry_no
        row.purchase_line_id = row.transfer_order_no = row.transfer_line_no = None
    session.flush()


def _reduce(session: Session, row: ReservationEntry, qty: Decimal) -> None:
    if qty >= row.quantity:
        session.delete(row)
    else:
        row.quantity = row.quantity - qty
    session.flush()
