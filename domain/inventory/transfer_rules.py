"""Transfer order rules (pure): what an order may say, what a shipment or receipt takes.

BC Transfer Orders: goods leave the Transfer-from location for an In-Transit location
when shipped and arrive at the Transfer-to location when received; both may be
partial. The from and to locations differ and neither is an in-transit location; the
in-transit location must be one (Use As In-Transit). A line cannot ship more than is
outstanding, nor receive more than was shipped and not yet received.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO
from domain.problems import Problem


@dataclass(frozen=True)
class Tracking:
    lot_no: str
    serial_no: str
    quantity: Decimal


@dataclass(frozen=True)
class LineState:
    line_no: int
    quantity: Decimal
    shipped: Decimal
    received: Decimal


def location_problems(from_location: str, to_location: str, in_transit: str,
                      in_transit_flags: dict[str, bool]) -> list[Problem]:
    """``in_transit_flags``: location code -> Use As In-Transit, for the locations that exist."""
    problems = []
    for field, code in (("from_location", from_location), ("to_location", to_location),
                        ("in_transit_location", in_transit)):
        if code and code not in in_transit_flags:
            problems.append(Problem("SETUP-UNKNOWN-LOCATION", field, {"location": code}))
    if from_location and from_location == to_location:
        problems.append(Problem("TRANSFER-SAME-LOCATION", "to_location", {"location": from_location}))
    for field, code in (("from_location", from_location), ("to_location", to_location)):
        if in_transit_flags.get(code):
            problems.append(Problem("TRANSFER-LOCATION-IS-IN-TRANSIT", field, {"location": code}))
    if in_transit in in_transit_flags and not in_transit_flags[in_transit]:
        problems.append(Problem("TRANSFER-NOT-IN-TRANSIT", "in_transit_location", {"location": in_transit}))
    return problems


def tracking_problems(where: str, quantity: Decimal, tracking: list[Tracking]) -> list[Problem]:
    """A line's tracking names each unit once: serial nos. one each, and the quantities add up."""
    problems = []
    for n, spec in enumerate(tracking, start=1):
        if bool(spec.lot_no) == bool(spec.serial_no):
            problems.append(Problem("TRANSFER-TRACKING-ONE-NO", f"{where}.tracking[{n}]"))
        if spec.serial_no and spec.quantity != 1:
            problems.append(Problem("IJ-SERIAL-QUANTITY-NOT-ONE", f"{where}.tracking[{n}].quantity",
                                    {"serial_no": spec.serial_no}))
        if spec.quantity <= ZERO:
            problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", f"{where}.tracking[{n}].quantity",
                                    {"value": str(spec.quantity)}))
    total = sum((s.quantity for s in tracking), ZERO)
    if tracking and total != quantity:
        problems.append(Problem("TRANSFER-TRACKING-QUANTITY", f"{where}.tracking",
                                {"tracked": str(total), "quantity": str(quantity)}))
    return problems


def quantities(lines: list[LineState], asked: dict[int, Decimal] | None,
               receive: bool) -> dict[int, Decimal] | list[Problem]:
    """Per line, what to ship (receive): ``asked`` (LINE=Q), else all that is outstanding."""
    by_no = {line.line_no: line for line in lines}
    problems: list[Problem] = []
    for no in sorted(asked or {}):
        if no not in by_no:
            problems.append(Problem("TRANSFER-UNKNOWN-LINE", f"--qty {no}", {"line": no}))
    result: dict[int, Decimal] = {}
    for line in lines:
        open_qty = line.shipped - line.received if receive else line.quantity - line.shipped
        qty = open_qty if asked is None else asked.get(line.line_no, ZERO)
        if qty < ZERO:
            problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", f"--qty {line.line_no}", {"value": str(qty)}))
        elif qty > open_qty:
            code = "TRANSFER-MORE-THAN-SHIPPED" if receive else "TRANSFER-MORE-THAN-OUTSTANDING"
            problems.append(Problem(code, f"--qty {line.line_no}",
                                    {"line": line.line_no, "quantity": str(qty), "open": str(open_qty)}))
        elif qty > ZERO:
            result[line.line_no] = qty
    if problems:
        return problems
    if not result:
        return [Problem("TRANSFER-NOTHING-TO-RECEIVE" if receive else "TRANSFER-NOTHING-TO-SHIP", "--qty")]
    return result


def take_tracked(tracking: list[Tracking], done: dict[tuple[str, str], Decimal], quantity: Decimal) -> list[Tracking]:
    """The tracking portions a shipment of ``quantity`` takes: each spec in order, less what
    earlier shipments took of it (``done`` per (lot, serial))."""
    portions, left = [], quantity
    for spec in tracking:
        if left <= ZERO:
            break
        free = spec.quantity - done.get((spec.lot_no, spec.serial_no), ZERO)
        take = min(free, left)
        if take > ZERO:
            portions.append(Tracking(spec.lot_no, spec.serial_no, take))
            left -= take
    return portions


def take_in_transit(entries: list[tuple[int, Decimal]], quantity: Decimal) -> list[tuple[int, Decimal]]:
    """The in-transit entries (entry no., remaining) a receipt of ``quantity`` draws from, oldest first."""
    taken, left = [], quantity
    for entry_no, remaining in entries:
        if left <= ZERO:
            break
        take = min(remaining, left)
        if take > ZERO:
            taken.append((entry_no, take))
            left -= take
    return taken
