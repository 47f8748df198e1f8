"""Item tracking on sales lines: serial and lot numbers (BC Item Tracking Lines).

A sales line takes ``tracking``, the purchase line's shape and reader
(:func:`domain.purchasing.tracking.read_tracking`, checked by the same
:func:`~domain.purchasing.rules.tracking.portion_problems` under SALES codes): a list of
``{serial_no | lot_no, quantity, expiration_date}``, several per line (three lots of a line
of 10, ten serial numbers), the quantities adding up to the line's quantity, a serial no.
one unit, no serial or lot named twice. One unit or one lot may also be given as plain
``serial_no`` / ``lot_no`` / ``expiration_date`` keys. The line keeps every portion in
``tracking`` (a single one also in ``serial_no`` / ``lot_no``, which reservations read).

A *tracked* item is one with an item tracking code (it needs the serial and/or lot no. the
code names), or, without a code, a Specific-cost item or an item whose stock carries serial
or lot numbers (:func:`is_tracked`). An outbound line of a tracked item names its serials /
lots (an order may leave them to the shipment: ``sales ship --assign-lots`` picks them,
:mod:`domain.sales.tracked_stock`); each portion is applied to the open inbound entries with
that serial/lot at the line's location and becomes its own item ledger entry. A return takes
the serial/lot of the sale it applies from.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.inventory import tracking_codes
from domain.ledger.model import ItemLedgerEntry
from domain.parse import Reader
from domain.problems import Problem
from domain.purchasing.rules.tracking import Portion, from_stored, portion_problems
from domain.purchasing.tracking import read_tracking as read_portions
from domain.setup.model.cards import Item

#: the longest serial or lot no. (item ledger entry columns)
MAX_LENGTH = 50
#: documents whose lines take items back in (their tracking comes from the sale they apply from)
INBOUND = ("credit_memo", "return_order")
#: documents whose lines may leave their serial/lot nos. to the shipment (``--assign-lots``)
ASSIGNED_LATER = ("quote", "order")


def read_tracking(r: Reader, line_no: int, quantity) -> list[Portion]:
    """The line's portions, from ``tracking`` or the plain keys; problems go to ``r``."""
    where = f"lines[{line_no}]"
    plain = (r.text("serial_no") or None, r.text("lot_no") or None, r.date("expiration_date"))
    if r.raw("tracking") is None:
        if not (plain[0] or plain[1]):
            return []
        portions = [Portion(plain[0], plain[1], quantity if quantity is not None else Decimal(1), plain[2])]
    elif plain[0] or plain[1]:
        r.problems.append(Problem("SALES-TRACKING-TWICE", f"{where}.tracking", {"line_no": line_no}))
        return []
    else:
        before = len(r.problems)
        portions = read_portions(r, line_no, quantity)
        if len(r.problems) > before:
            return []
    r.problems += portion_problems(where, line_no, quantity, portions, "SALES", unique_lots=True)
    return portions


def store(line, portions: list[Portion]) -> None:
    """Keep ``portions`` on ``line``: all in ``tracking``, a single one in the plain columns too."""
    line.tracking = [p.stored() for p in portions]
    one = portions[0] if len(portions) == 1 else None
    line.serial_no = one.serial_no if one else None
    line.lot_no = one.lot_no if one else None
    line.expiration_date = one.expiration_date if one else None


def line_portions(line) -> list[Portion]:
    """The line's portions (a line stored before ``tracking`` existed: its plain serial/lot no.)."""
    if line.tracking:
        return from_stored(line.tracking)
    if line.serial_no or line.lot_no:
        return [Portion(line.serial_no, line.lot_no, line.quantity, line.expiration_date)]
    return []


def is_tracked(session: Session, item: Item) -> bool:
    """The item's tracking code decides (domain.inventory.tracking_codes); without one, a
    Specific-cost item or one whose stock carries serial/lot numbers is tracked."""
    return tracking_codes.requirement(session, item).tracked


def tracking_problems(session: Session, doc_type: str, line_no: int, line_type: str, item: Item | None,
                      portions: list[Portion], drop_shipment: bool, applies_from: int | None) -> list[Problem]:
    """At import: tracking only on inventory items, required on a tracked item's outbound
    line (an order's may wait for the shipment), and an outbound serial/lot must be one the
    item has received."""
    where = f"lines[{line_no}]"
    if portions and (line_type != "item" or item is None or item.type != "inventory"):
        return [Problem("SALES-TRACKING-NOT-INVENTORY", f"{where}.tracking", {"line_no": line_no})]
    if item is None or item.type != "inventory":
        return []
    if portions and drop_shipment:
        return [Problem("SALES-TRACKING-DROP-SHIPMENT", f"{where}.tracking", {"line_no": line_no})]
    req = tracking_codes.requirement(session, item)
    if any(p.serial_no and p.lot_no for p in portions) and not (req.coded and req.serial and req.lot):
        return [Problem("SALES-TRACKING-SERIAL-AND-LOT", f"{where}.tracking", {"line_no": line_no})]
    if doc_type in INBOUND:
        if not portions and applies_from is None and req.tracked:
            return [Problem("SALES-TRACKING-REQUIRED", f"{where}.tracking", {"line_no": line_no, "item_no": item.no})]
        return []
    if doc_type not in ASSIGNED_LATER or portions:
        if missing := required_problem(req, line_no, item.no, portions, drop_shipment):
            return [missing]
    return [unknown for p in portions if (unknown := _unknown(session, line_no, item.no, p)) is not None]


def required_problem(req, line_no: int, item_no: str, portions: list[Portion],
                     drop_shipment: bool = False) -> Problem | None:
    """SALES-TRACKING-REQUIRED when an outbound line of a tracked item lacks what its code names."""
    if drop_shipment or not req.tracked:
        return None
    lacking = not portions or (req.coded and any(tracking_codes.missing(req, p.serial_no, p.lot_no)
                                                 for p in portions))
    if not lacking:
        return None
    return Problem("SALES-TRACKING-REQUIRED", f"lines[{line_no}].tracking", {"line_no": line_no, "item_no": item_no})


def _unknown(session: Session, line_no: int, item_no: str, p: Portion) -> Problem | None:
    ile = ItemLedgerEntry
    known = select(ile.entry_no).where(ile.item_no == item_no, ile.positive.is_(True))
    known = known.where(ile.serial_no == p.serial_no) if p.serial_no else known.where(ile.lot_no == p.lot_no)
    if session.scalar(known.limit(1)) is None:
        return Problem("SALES-TRACKING-UNKNOWN", f"lines[{line_no}].tracking", {
            "line_no": line_no, "item_no": item_no, "tracking_no": p.number})
    return None


def returned_tracking(line, entry: ItemLedgerEntry, problems: list[Problem]) -> tuple[str | None, str | None]:
    """The serial/lot no. a return of sale ``entry`` takes back: the sale's own; a line that
    names another one (or several) is refused."""
    for p in line_portions(line):
        if (p.serial_no, p.lot_no) != (entry.serial_no, entry.lot_no):
            problems.append(Problem("SALES-TRACKING-NOT-ON-ENTRY", f"lines[{line.line_no}].tracking", {
                "line_no": line.line_no, "entry_no": entry.entry_no, "tracking_no": p.number}))
            break
    return entry.serial_no, entry.lot_no


def not_on_hand(line, item_no: str, location: str, tracking_no: str | None = None) -> Problem:
    return Problem("SALES-TRACKING-NOT-ON-HAND", f"lines[{line.line_no}].tracking", {
        "line_no": line.line_no, "item_no": item_no, "tracking_no": tracking_no or line.serial_no or line.lot_no,
        "location": location or "-"})


def serial_on_hand(session: Session, item_no: str, serial_no: str | None) -> bool:
    """A unit with ``serial_no`` is on hand already: it cannot come in again."""
    if not serial_no:
        return False
    ile = ItemLedgerEntry
    return session.scalar(select(ile.entry_no).where(
        ile.item_no == item_no, ile.serial_no == serial_no, ile.open.is_(True), ile.positive.is_(True))
        .limit(1)) is not None
