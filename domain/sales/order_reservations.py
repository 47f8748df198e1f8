"""Reserve for a transfer order line or an assembly order's component lines (BC "Reserve" on a
Transfer Order line and on an Assembly Order's lines).

A transfer order line's demand is at its Transfer-from location until shipped (quantity -
quantity shipped); a component line's at the assembly order's location until consumed
(quantity - consumed quantity). Both reserve from the same supply as a sales line
(:mod:`domain.sales.reservation_supply`: stock, then purchase, inbound transfer and assembly
orders by date), and their reserved quantities are unavailable to every other demand. Shipping
the transfer (:func:`domain.inventory.transfers.ship`) and posting the assembly order
(:func:`domain.inventory.assembly.post`) take the reserved entries first and consume the
reservations; ``unreserve`` cancels (inbound supply first, newest first). Deleting the order
line frees them (``ON DELETE CASCADE``). It lives in sales, beside the sales line's
reservations, because the supply it reserves includes purchase order lines.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import reservations as stock_reservations
from domain.inventory.assembly_model import AssemblyHeader, AssemblyLine
from domain.inventory.model import TransferHeader, TransferLine
from domain.inventory.reservations import Demand
from domain.money import ZERO
from domain.problems import NotFound, Problem, Rejected
from domain.sales import reservation_supply as supply_rules
from domain.sales.reservation_supply import Supply, plain
from domain.sales.reservations import entries_of


def reserve_transfer(app: App, no: str, line_no: int, qty: Decimal | None = None,
                     supply: Supply = Supply()) -> list[dict] | Rejected:
    """Reserve ``qty`` (default: all not shipped nor reserved) for transfer order ``no`` line ``line_no``."""
    def run(session: Session):
        found = _transfer_line(session, no, line_no)
        if isinstance(found, Problem):
            return Rejected([found])
        header, line = found
        if line.quantity - line.quantity_shipped <= ZERO:
            return Rejected([Problem("TRANSFER-RESERVE-LINE-SHIPPED", f"lines[{line_no}]",
                                     {"no": no, "line_no": line_no})])
        need = supply_rules.Need(line.item_no, header.from_location, Demand.transfer(no, line_no),
                                 *_tracked(line.tracking))
        return _reserve(session, app.user, need, line.quantity - line.quantity_shipped, qty, supply, line_no)
    return access.command(app, "inventory.edit", run)


def unreserve_transfer(app: App, no: str, line_no: int, qty: Decimal | None = None) -> list[dict] | Rejected:
    """Cancel ``qty`` (default: all) of what is reserved for the transfer line; what stays reserved."""
    def run(session: Session):
        found = _transfer_line(session, no, line_no)
        if isinstance(found, Problem):
            return Rejected([found])
        return _unreserve(session, Demand.transfer(no, line_no), qty, no, line_no)
    return access.command(app, "inventory.edit", run)


def reserve_assembly(app: App, no: str, line_no: int | None = None, qty: Decimal | None = None,
                     supply: Supply = Supply()) -> list[dict] | Rejected:
    """Reserve the components of assembly order ``no`` (or of line ``line_no`` only; ``qty`` of it):
    every item line not consumed nor reserved, all or nothing."""
    def run(session: Session):
        found = _assembly_lines(session, no, line_no, qty)
        if isinstance(found, Problem):
            return Rejected([found])
        header, lines = found
        made, problems = [], []
        for line in lines:
            need = supply_rules.Need(line.item_no, header.location_code, Demand.assembly(no, line.line_no))
            result = _reserve(session, app.user, need, line.quantity - line.consumed_quantity, qty, supply,
                              line.line_no, skip_reserved=line_no is None)
            if isinstance(result, Rejected):
                problems += result.problems
            else:
                made += result
        if problems:
            return Rejected(problems)
        return made
    return access.command(app, "inventory.edit", run)


def unreserve_assembly(app: App, no: str, line_no: int | None = None,
                       qty: Decimal | None = None) -> list[dict] | Rejected:
    """Cancel what is reserved for the order's components (or ``qty`` of line ``line_no``); what stays reserved."""
    def run(session: Session):
        found = _assembly_lines(session, no, line_no, qty)
        if isinstance(found, Problem):
            return Rejected([found])
        _, lines = found
        demands = [Demand.assembly(no, x.line_no) for x in lines]
        if line_no is None:
            if all(stock_reservations.reserved_for(session, d) <= ZERO for d in demands):
                return Rejected([Problem("SALES-UNRESERVE-NOTHING-RESERVED", "no", {"no": no, "line_no": "-"})])
            for demand in demands:
                stock_reservations.trim(session, demand, ZERO)
            return []
        return _unreserve(session, demands[0], qty, no, line_no)
    return access.command(app, "inventory.edit", run)


def _transfer_line(session: Session, no: str, line_no: int):
    header = session.scalar(lock(session, select(TransferHeader).where(TransferHeader.no == no)))
    if header is None:
        raise NotFound("TRANSFER-NOT-FOUND", f"no transfer order {no!r}", no=no)
    line = session.get(TransferLine, (no, line_no))
    if line is None:
        return Problem("SALES-RESERVE-UNKNOWN-LINE", "line", {"no": no, "line_no": line_no})
    return header, line


def _assembly_lines(session: Session, no: str, line_no: int | None, qty: Decimal | None):
    header = session.scalar(lock(session, select(AssemblyHeader).where(AssemblyHeader.no == no)))
    if header is None:
        raise NotFound("ASM-ORDER-NOT-FOUND", f"no assembly order {no!r}", no=no)
    if qty is not None and line_no is None:
        return Problem("ASM-RESERVE-QTY-NEEDS-LINE", "--qty", {"no": no})
    lines = list(session.scalars(select(AssemblyLine).where(AssemblyLine.order_no == no)
                                 .order_by(AssemblyLine.line_no)))
    if line_no is not None:
        lines = [x for x in lines if x.line_no == line_no]
        if not lines:
            return Problem("SALES-RESERVE-UNKNOWN-LINE", "line", {"no": no, "line_no": line_no})
        if lines[0].type != "item":
            return Problem("ASM-RESERVE-NOT-ITEM", f"lines[{line_no}]", {"no": no, "line_no": line_no})
    lines = [x for x in lines if x.type == "item"]
    if header.status != "open" or all(x.quantity - x.consumed_quantity <= ZERO for x in lines):
        return Problem("ASM-RESERVE-LINE-CONSUMED", "no", {"no": no, "line_no": line_no or "-"})
    return header, lines


def _tracked(tracking: list) -> tuple[str | None, str | None]:
    """A transfer line that moves one serial no. or one lot reserves only those units."""
    serials = {t.get("serial_no") for t in tracking or [] if t.get("serial_no")}
    lots = {t.get("lot_no") for t in tracking or [] if t.get("lot_no")}
    return (next(iter(serials)) if len(serials) == 1 and not lots else None,
            next(iter(lots)) if len(lots) == 1 and not serials else None)


def _reserve(session: Session, user, need: supply_rules.Need, outstanding: Decimal, qty: Decimal | None,
             supply: Supply, line_no: int, skip_reserved: bool = False) -> list[dict] | Rejected:
    where = f"lines[{line_no}]"
    if qty is not None and qty <= ZERO:
        return Rejected([Problem("SALES-RESERVE-QUANTITY-NOT-POSITIVE", where, {"qty": plain(qty)})])
    if outstanding <= ZERO and skip_reserved:
        return []
    unreserved = outstanding - stock_reservations.reserved_for(session, need.demand)
    if qty is None and unreserved <= ZERO:
        if skip_reserved:
            return []
        return Rejected([Problem("SALES-RESERVE-ALREADY-RESERVED", where, {
            "no": need.demand.order_no, "line_no": line_no})])
    wanted = unreserved if qty is None else qty
    if wanted > unreserved:
        return Rejected([Problem("SALES-RESERVE-MORE-THAN-OUTSTANDING", where, {
            "line_no": line_no, "requested": plain(wanted), "unreserved": plain(unreserved)})])
    made = supply_rules.reserve(session, user, need, wanted, supply, where)
    return made if isinstance(made, Rejected) else entries_of(session, need.demand)


def _unreserve(session: Session, demand: Demand, qty: Decimal | None, no: str, line_no: int):
    where = f"lines[{line_no}]"
    reserved = stock_reservations.reserved_for(session, demand)
    if reserved <= ZERO:
        return Rejected([Problem("SALES-UNRESERVE-NOTHING-RESERVED", where, {"no": no, "line_no": line_no})])
    if qty is not None and (qty <= ZERO or qty > reserved):
        return Rejected([Problem("SALES-UNRESERVE-MORE-THAN-RESERVED", where, {
            "line_no": line_no, "requested": plain(qty), "reserved": plain(reserved)})])
    stock_reservations.trim(session, demand, reserved - (reserved if qty is None else qty))
    return entries_of(session, demand)

