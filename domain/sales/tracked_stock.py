"""What a sales line of several serial/lot nos. takes from stock (BC Item Tracking Lines on a
sales shipment or direct invoice), and the automatic assignment of lots by expiration (FEFO).

A shipment of part of an order line takes its portions in order, less what earlier shipments
took of each serial/lot no. (:func:`domain.purchasing.rules.tracking.take_portions`, as a
purchase receipt does). Each portion is taken from the open inbound entries carrying its
serial/lot no. at the line's location (:func:`domain.sales.stock.take`: a Specific-cost item
at those entries' own cost), refused when not on hand there (SALES-TRACKING-NOT-ON-HAND) or,
with Strict Expiration Posting on the item's tracking code, expired before the posting date
(SALES-TRACKING-EXPIRED); its outbound entry copies the inbound entries' expiration date.

A shipment may name what it takes of each serial/lot no. (``sales ship --lot-qty 1:L-B=2``, BC
Qty. to Handle on the tracking lines): :func:`ship_lots`.

``assign_lots`` (``sales ship|post --assign-lots``) fills the lines of a tracked item that name
no serial/lot no. from the stock at their location, first expired first out (BC "Pick
According to FEFO"): lots that have not expired by the posting date, earliest expiration
first (lots without an expiration date last), then the oldest entry. The assignment is
written on the line in the posting's transaction, so a refused posting leaves the line as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.inventory import state as inventory_state
from domain.inventory import reservations, tracking_codes
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import Problem
from domain.purchasing.rules.tracking import Portion, from_stored, portion_problems, take_portions
from domain.sales import stock
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.sales.rules import SnapPortion
from domain.sales.tracking import line_portions, required_problem, store
from domain.setup.model.cards import Item


def uses_portions(line: SalesLine) -> bool:
    """A line that takes stock per serial/lot portion (not a drop shipment or special order)."""
    return bool(line_portions(line)) and not line.drop_shipment and not line.special_order


def posting_problems(session: Session, line: SalesLine, item: Item) -> list[Problem]:
    """At posting: the line still names what its item's code requires, and its portions still
    add up to its quantity (the line was edited after its tracking was given)."""
    if line.drop_shipment or line.special_order:
        return []
    portions = line_portions(line)
    req = tracking_codes.requirement(session, item)
    missing = required_problem(req, line.line_no, item.no, portions)
    if missing is not None:
        return [missing]
    return portion_problems(f"lines[{line.line_no}]", line.line_no, line.quantity, portions, "SALES", True)


def shipped_before(session: Session, line: SalesLine) -> dict[tuple[str | None, str | None], Decimal]:
    """Per (serial, lot) no., how much of order line ``line`` earlier shipments took."""
    psl, psh, ile = PostedSalesLine, PostedSalesHeader, ItemLedgerEntry
    rows = session.execute(select(ile.serial_no, ile.lot_no, func.sum(psl.quantity))
                           .join(psh, psh.no == psl.document_no).join(ile, ile.entry_no == psl.item_ledger_entry_no)
                           .where(psl.order_line_id == line.id, psh.document_type == "shipment")
                           .group_by(ile.serial_no, ile.lot_no)).all()
    return {(serial, lot): qty for serial, lot, qty in rows}


def take_each(session: Session, item: Item, line: SalesLine, portions: list[Portion], currency: str,
              posting_date: dt.date, problems: list[Problem]) -> list[SnapPortion]:
    """Each portion out of stock: its cost, applications and expiration date; problems go to ``problems``."""
    out = []
    for p in portions:
        found = stock.take(session, item, line, p.quantity, currency, posting_date, (p.serial_no, p.lot_no))
        if isinstance(found, Problem):
            problems.append(found)
            continue
        cost, applications = found
        out.append(SnapPortion(p.serial_no, p.lot_no, p.quantity, cost, applications,
                               stock.expiration_of(session, applications) or p.expiration_date))
    # each take trimmed the line's reservations for its own portion only: trim for them all
    taken = sum((p.quantity for p in portions), ZERO)
    reservations.trim(session, line.id, line.quantity - line.quantity_shipped - taken)
    return out


#: session.info key: (document no., line no.) -> {serial/lot no.: quantity to ship now} (``--lot-qty``)
LOT_QUANTITIES = "sales_lot_quantities"


def ship_lots(session: Session, no: str, lots: dict[int, dict[str, Decimal]]) -> dict[int, Decimal]:
    """``sales ship SO --lot-qty LINE:LOT=QTY``: the quantity of each serial/lot no. the posting's
    shipment takes of a line (BC Qty. to Handle on its tracking lines), kept for :func:`to_ship`
    in this unit of work; returns each such line's quantity to ship (the sum of its lots)."""
    planned = session.info.setdefault(LOT_QUANTITIES, {})
    for line_no, per_lot in lots.items():
        planned[(no, line_no)] = dict(per_lot)
    return {line_no: sum(per_lot.values(), ZERO) for line_no, per_lot in lots.items()}


def _wanted(session: Session, line: SalesLine, qty: Decimal, problems: list[Problem]) -> list[Portion]:
    """The portions to ship now: the quantities ``--lot-qty`` names, else the line's portions in order,
    each less what earlier shipments took of its serial/lot no."""
    portions, before = line_portions(line), shipped_before(session, line)
    named = (session.info.get(LOT_QUANTITIES) or {}).get((line.header.no, line.line_no))
    if not named:
        return take_portions(portions, before, qty)
    out = []
    for number, want in named.items():
        portion = next((p for p in portions if number in (p.serial_no, p.lot_no)), None)
        left = ZERO if portion is None else portion.quantity - before.get((portion.serial_no, portion.lot_no), ZERO)
        if portion is None or want > left or want <= ZERO:
            problems.append(Problem("SALES-LOT-QTY-NOT-ON-LINE", f"lines[{line.line_no}].tracking", {
                "line_no": line.line_no, "tracking_no": number, "qty": str(want), "left": str(max(left, ZERO))}))
            continue
        out.append(Portion(portion.serial_no, portion.lot_no, want, portion.expiration_date))
    return out


def to_ship(session: Session, item: Item, line: SalesLine, qty: Decimal, currency: str, posting_date: dt.date,
            problems: list[Problem]) -> list[SnapPortion]:
    """The portions a shipment of ``qty`` of order line ``line`` takes now, each out of stock."""
    before = len(problems)
    wanted = _wanted(session, line, qty, problems)
    if len(problems) > before:
        return []
    taken = sum((p.quantity for p in wanted), ZERO)
    if taken != qty:  # the line's tracking covers less than is left to ship
        problems.append(Problem("SALES-TRACKING-QUANTITY-MISMATCH", f"lines[{line.line_no}].tracking", {
            "line_no": line.line_no, "tracked": str(taken), "quantity": str(qty)}))
        return []
    return take_each(session, item, line, wanted, currency, posting_date, problems)


def set_problems(session: Session, doc_type: str, line: SalesLine, stored: list) -> list[Problem]:
    """New portions for ``line`` (already read and checked as the import checks them): an
    outbound line's serial/lot nos. are on hand at its location (free for this line, beyond
    what it has shipped), and a shipped serial/lot no. keeps at least what has shipped of it."""
    portions, shipped = from_stored(stored), shipped_before(session, line) if line.quantity_shipped else {}
    given = defaultdict(lambda: ZERO)
    for p in portions:
        given[(p.serial_no, p.lot_no)] += p.quantity
    problems = [Problem("SALES-TRACKING-BELOW-SHIPPED", f"lines[{line.line_no}].tracking", {
        "line_no": line.line_no, "tracking_no": serial or lot, "shipped": str(qty)})
        for (serial, lot), qty in shipped.items() if (serial or lot) and given[(serial, lot)] < qty]
    if doc_type not in ("order", "invoice") or line.type != "item":
        return problems
    free = defaultdict(lambda: ZERO)
    for entry in inventory_state.open_inbound(session, line.no, line.location_code, line.id,
                                              variant_code=line.variant_code):
        free[(entry.serial_no, entry.lot_no) if entry.serial_no else (None, entry.lot_no)] += entry.remaining_quantity
    for p in portions:
        key = (p.serial_no, p.lot_no) if p.serial_no else (None, p.lot_no)
        if p.quantity - shipped.get((p.serial_no, p.lot_no), ZERO) > free[key]:
            problems.append(Problem("SALES-TRACKING-NOT-ON-HAND", f"lines[{line.line_no}].tracking", {
                "line_no": line.line_no, "item_no": line.no, "tracking_no": p.number,
                "location": line.location_code or "-"}))
    return problems


def assign_for(session: Session, no: str, quantities: dict[int, Decimal]) -> list[Problem]:
    """``--assign-lots`` on posting document ``no`` (an order or invoice that can post): the
    assignment on its posting date, in the posting's transaction; its problems, if any."""
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None or header.document_type not in ("order", "invoice") or header.status not in ("open", "released"):
        return []  # posting itself says why not
    problems: list[Problem] = []
    assign_lots(session, header, quantities, header.posting_date, problems)
    return problems


def assign_lots(session: Session, header: SalesHeader, quantities: dict[int, Decimal], posting_date: dt.date,
                problems: list[Problem]) -> None:
    """FEFO: give each line of a tracked item that names no serial/lot no. (and ships now) the
    lots (serials) on hand at its location that have not expired, earliest expiration first."""
    for line in header.lines:
        if line.type != "item" or line.drop_shipment or line.special_order or line_portions(line):
            continue
        if quantities.get(line.line_no, line.quantity - line.quantity_shipped) == ZERO:
            continue
        item = session.get(Item, line.no)
        if item is None or item.type != "inventory":
            continue
        req = tracking_codes.requirement(session, item)
        if not req.tracked:
            continue
        portions = _fefo(session, item, line, req, posting_date)
        if sum((p.quantity for p in portions), ZERO) < line.quantity:
            problems.append(Problem("SALES-ASSIGN-LOTS-SHORT", f"lines[{line.line_no}].tracking", {
                "line_no": line.line_no, "item_no": item.no, "location": line.location_code or "-",
                "quantity": str(line.quantity), "available": str(sum((p.quantity for p in portions), ZERO))}))
            continue
        store(line, _first(portions, line.quantity))


def _fefo(session: Session, item: Item, line: SalesLine, req, posting_date: dt.date) -> list[Portion]:
    """Per serial/lot no. on hand at the line's location and usable on ``posting_date``: its
    free quantity, in FEFO order."""
    dates = {e.entry_no: e.expiration_date for e in session.scalars(select(ItemLedgerEntry).where(
        ItemLedgerEntry.item_no == item.no, ItemLedgerEntry.location_code == line.location_code,
        ItemLedgerEntry.open.is_(True), ItemLedgerEntry.positive.is_(True)))}
    free: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    order: dict[tuple, tuple] = {}
    for entry in inventory_state.open_inbound(session, item.no, line.location_code, line.id,
                                              variant_code=line.variant_code):
        key = (entry.serial_no, entry.lot_no)
        if not (entry.serial_no or entry.lot_no) or (req.coded and tracking_codes.missing(req, *key)):
            continue
        expires = dates.get(entry.entry_no)
        if expires is not None and expires < posting_date:
            continue  # an expired lot is never picked, strict or not
        free[key] += entry.remaining_quantity
        order[key] = min(order.get(key, (dt.date.max,)), (expires or dt.date.max, entry.entry_no))
    return [Portion(serial, lot, free[(serial, lot)]) for serial, lot in sorted(free, key=lambda k: order[k])]


def _first(portions: list[Portion], quantity: Decimal) -> list[Portion]:
    out, left = [], quantity
    for p in portions:
        take = min(p.quantity, left)
        if take > ZERO:
            out.append(Portion(p.serial_no, p.lot_no, take))
            left -= take
    return out
