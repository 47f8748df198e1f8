"""Item tracking on sales lines: serial and lot numbers (BC Item Tracking Lines).

A sales line takes ``tracking``, a list of ``{serial_no | lot_no, quantity,
expiration_date}`` (issue 15's contract for purchase, sales and return lines), or, for
one unit or one lot, plain ``serial_no`` / ``lot_no`` / ``expiration_date`` keys. Here a
line carries one serial or lot no. (the whole line quantity; a serial no. is one unit):
several serial numbers are several lines, so that each sale item ledger entry names
the unit it sells, as Business Central's entries do.

A *tracked* item is one with an item tracking code (it needs the serial and/or lot no. the
code names), or, without a code, a Specific-cost item or an item whose stock carries serial
or lot numbers (:func:`is_tracked`). An outbound line may not take a lot that expired before
the posting date when the code requires expiration (``stock.take``). An outbound line of a tracked item must name its serial/lot; the sale is
applied to the open inbound entry with that serial/lot at the line's location
(:func:`domain.inventory.costs.outbound` with the serial/lot, the item journal's
application). A return takes the serial/lot of the sale it applies from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.inventory import tracking_codes
from domain.ledger.model import ItemLedgerEntry
from domain.parse import QTY, Reader
from domain.problems import Problem
from domain.setup.model.cards import Item

#: the longest serial or lot no. (item ledger entry columns)
MAX_LENGTH = 50
#: documents whose lines take items back in (their tracking comes from the sale they apply from)
INBOUND = ("credit_memo", "return_order")


@dataclass(frozen=True)
class Tracking:
    serial_no: str | None = None
    lot_no: str | None = None
    expiration_date: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(self.serial_no or self.lot_no)


def read_tracking(r: Reader, line_no: int, quantity) -> Tracking:
    """The line's serial/lot no., from ``tracking`` or the plain keys; problems go to ``r``."""
    where = f"lines[{line_no}]"
    raw = r.raw("tracking")
    plain = Tracking(r.text("serial_no") or None, r.text("lot_no") or None, r.date("expiration_date"))
    if raw is None:
        found = plain
    elif plain:
        r.problems.append(Problem("SALES-TRACKING-TWICE", f"{where}.tracking", {"line_no": line_no}))
        return Tracking()
    elif not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        r.problems.append(Problem("IMPORT-NOT-AN-OBJECT", f"{where}.tracking"))
        return Tracking()
    elif len(raw) > 1:
        r.problems.append(Problem("SALES-TRACKING-ONE-PER-LINE", f"{where}.tracking",
                                  {"line_no": line_no, "count": len(raw)}))
        return Tracking()
    elif not raw:
        return Tracking()
    else:
        entry = Reader(raw[0], f"{where}.tracking[1]")
        found = Tracking(entry.text("serial_no") or None, entry.text("lot_no") or None,
                         entry.date("expiration_date"))
        tracked_qty = entry.decimal("quantity", default=quantity, places=QTY)
        r.problems.extend(entry.problems)
        if tracked_qty is not None and quantity is not None and tracked_qty != quantity:
            r.problems.append(Problem("SALES-TRACKING-QUANTITY-MISMATCH", f"{where}.tracking[1].quantity", {
                "line_no": line_no, "tracked": str(tracked_qty), "quantity": str(quantity)}))
    return _checked(r, found, where, line_no, quantity)


def _checked(r: Reader, found: Tracking, where: str, line_no: int, quantity) -> Tracking:
    if found.serial_no and found.lot_no:
        r.problems.append(Problem("SALES-TRACKING-SERIAL-AND-LOT", f"{where}.tracking", {"line_no": line_no}))
    for name in ("serial_no", "lot_no"):
        value = getattr(found, name)
        if value and len(value) > MAX_LENGTH:
            r.problems.append(Problem("SALES-TRACKING-NO-TOO-LONG", f"{where}.{name}", {"max": MAX_LENGTH}))
    if found.serial_no and quantity is not None and quantity != 1:
        r.problems.append(Problem("SALES-SERIAL-QUANTITY-NOT-ONE", f"{where}.quantity",
                                  {"line_no": line_no, "serial_no": found.serial_no}))
    return found


def is_tracked(session: Session, item: Item) -> bool:
    """The item's tracking code decides (domain.inventory.tracking_codes); without one, a
    Specific-cost item or one whose stock carries serial/lot numbers is tracked."""
    return tracking_codes.requirement(session, item).tracked


def tracking_problems(session: Session, doc_type: str, line_no: int, line_type: str, item: Item | None,
                      tracking: Tracking, drop_shipment: bool, applies_from: int | None) -> list[Problem]:
    """At import: tracking only on inventory items, required on a tracked item's outbound
    line, and an outbound serial/lot must be one the item has received."""
    where = f"lines[{line_no}]"
    if tracking and (line_type != "item" or item is None or item.type != "inventory"):
        return [Problem("SALES-TRACKING-NOT-INVENTORY", f"{where}.tracking", {"line_no": line_no})]
    if item is None or item.type != "inventory":
        return []
    if tracking and drop_shipment:
        return [Problem("SALES-TRACKING-DROP-SHIPMENT", f"{where}.tracking", {"line_no": line_no})]
    if doc_type in INBOUND:
        if not tracking and applies_from is None and is_tracked(session, item):
            return [Problem("SALES-TRACKING-REQUIRED", f"{where}.tracking", {"line_no": line_no, "item_no": item.no})]
        return []
    req = tracking_codes.requirement(session, item)
    if not tracking or (req.coded and tracking_codes.missing(req, tracking.serial_no, tracking.lot_no)):
        if not drop_shipment and req.tracked:
            return [Problem("SALES-TRACKING-REQUIRED", f"{where}.tracking", {"line_no": line_no, "item_no": item.no})]
        return []
    ile = ItemLedgerEntry
    known = select(ile.entry_no).where(ile.item_no == item.no, ile.positive.is_(True))
    known = known.where(ile.serial_no == tracking.serial_no) if tracking.serial_no else \
        known.where(ile.lot_no == tracking.lot_no)
    if session.scalar(known.limit(1)) is None:
        return [Problem("SALES-TRACKING-UNKNOWN", f"{where}.tracking", {
            "line_no": line_no, "item_no": item.no, "tracking_no": tracking.serial_no or tracking.lot_no})]
    return []


def returned_tracking(line, entry: ItemLedgerEntry, problems: list[Problem]) -> tuple[str | None, str | None]:
    """The serial/lot no. a return of sale ``entry`` takes back: the sale's own; a line that
    names another one is refused."""
    given = (line.serial_no, line.lot_no)
    if any(given) and given != (entry.serial_no, entry.lot_no):
        problems.append(Problem("SALES-TRACKING-NOT-ON-ENTRY", f"lines[{line.line_no}].tracking", {
            "line_no": line.line_no, "entry_no": entry.entry_no,
            "tracking_no": line.serial_no or line.lot_no}))
    return entry.serial_no, entry.lot_no


def not_on_hand(line, item_no: str, location: str) -> Problem:
    return Problem("SALES-TRACKING-NOT-ON-HAND", f"lines[{line.line_no}].tracking", {
        "line_no": line.line_no, "item_no": item_no, "tracking_no": line.serial_no or line.lot_no,
        "location": location or "-"})


def serial_on_hand(session: Session, item_no: str, serial_no: str | None) -> bool:
    """A unit with ``serial_no`` is on hand already: it cannot come in again."""
    if not serial_no:
        return False
    ile = ItemLedgerEntry
    return session.scalar(select(ile.entry_no).where(
        ile.item_no == item_no, ile.serial_no == serial_no, ile.open.is_(True), ile.positive.is_(True))
        .limit(1)) is not None
