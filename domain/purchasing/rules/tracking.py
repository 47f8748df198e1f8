"""Item tracking on purchase lines (pure): portions, their checks, and how a posting splits.

BC Item Tracking Lines: a purchase line of quantity 10 may name ten serial numbers, or a
few lots with their quantities and expiration dates; each portion becomes its own item
ledger entry. Here a line's ``tracking`` is a list of :class:`Portion`; the quantities add
up to the line's quantity and a serial no. is one unit. Posting splits the line's one item
posting into one per portion, each with its share of every amount (``amounts.split``: the
parts add up to the line's figures exactly, so nothing else in the plan changes). A
receipt of part of an order line takes the portions in order, less what earlier receipts
took of each no. (as a transfer order's shipments do).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from domain.ledger.rules.amounts import split
from domain.ledger.rules.posting import ItemPosting, ValuePlan
from domain.money import ZERO
from domain.problems import Problem


@dataclass(frozen=True)
class Portion:
    serial_no: str | None
    lot_no: str | None
    quantity: Decimal
    expiration_date: dt.date | None = None
    #: outbound (credit memo, return): (inbound entry no., quantity drawn) of this portion
    applications: tuple[tuple[int, Decimal], ...] = ()

    @property
    def number(self) -> str:
        return self.serial_no or self.lot_no or ""

    def stored(self) -> dict:
        """As kept on the line (JSON): strings, only the keys given."""
        out: dict = {"quantity": str(self.quantity)}
        if self.serial_no:
            out["serial_no"] = self.serial_no
        if self.lot_no:
            out["lot_no"] = self.lot_no
        if self.expiration_date:
            out["expiration_date"] = self.expiration_date.isoformat()
        return out


def from_stored(rows: list | None) -> list[Portion]:
    return [Portion(r.get("serial_no") or None, r.get("lot_no") or None, Decimal(r["quantity"]),
                    dt.date.fromisoformat(r["expiration_date"]) if r.get("expiration_date") else None)
            for r in rows or []]


def portion_problems(where: str, line_no: int, quantity: Decimal | None, portions: list[Portion],
                     side: str = "PURCH", unique_lots: bool = False) -> list[Problem]:
    """Each portion names one serial or lot no.; a serial no. is one unit and appears once;
    the quantities are positive and add up to the line's quantity. The sales side (``side``
    "SALES": the same checks under its own codes) also refuses a lot named twice
    (``unique_lots``): an outbound portion takes the lot's stock, so one lot is one portion."""
    problems: list[Problem] = []
    serials: set[str] = set()
    lots: set[str] = set()
    for n, p in enumerate(portions, start=1):
        here = f"{where}.tracking[{n}]"
        if not p.serial_no and not p.lot_no:
            problems.append(Problem(f"{side}-TRACKING-ONE-NO", here, {"line_no": line_no}))
        if p.quantity <= ZERO:
            problems.append(Problem(f"{side}-TRACKING-QUANTITY-NOT-POSITIVE", f"{here}.quantity",
                                    {"line_no": line_no, "quantity": str(p.quantity)}))
        elif p.serial_no and p.quantity != 1:
            problems.append(Problem(f"{side}-SERIAL-QUANTITY-NOT-ONE", f"{here}.quantity",
                                    {"line_no": line_no, "serial_no": p.serial_no}))
        if p.serial_no and p.serial_no in serials:
            problems.append(Problem(f"{side}-SERIAL-TWICE", here, {"line_no": line_no, "serial_no": p.serial_no}))
        if unique_lots and p.lot_no and not p.serial_no and p.lot_no in lots:
            problems.append(Problem(f"{side}-LOT-TWICE", here, {"line_no": line_no, "lot_no": p.lot_no}))
        if p.serial_no:
            serials.add(p.serial_no)
        elif p.lot_no:
            lots.add(p.lot_no)
    total = sum((p.quantity for p in portions), ZERO)
    if portions and quantity is not None and total != abs(quantity):
        problems.append(Problem(f"{side}-TRACKING-QUANTITY-MISMATCH", f"{where}.tracking", {
            "line_no": line_no, "tracked": str(total), "quantity": str(quantity)}))
    return problems


def take_portions(portions: list[Portion], done: dict[tuple[str | None, str | None], Decimal],
                  quantity: Decimal) -> list[Portion]:
    """The portions a receipt (shipment) of ``quantity`` takes: each portion in order, less what
    earlier receipts took of its (serial, lot) no. (``done``; an undone receipt gave it back)."""
    taken, left, done = [], quantity, dict(done)
    for p in portions:
        key = (p.serial_no, p.lot_no)
        free = p.quantity - max(done.get(key, ZERO), ZERO)
        done[key] = max(done.get(key, ZERO) - p.quantity, ZERO)  # the same no. twice: the next takes the rest
        take = min(free, left)
        if take > ZERO:
            taken.append(replace(p, quantity=take))
            left -= take
        if left <= ZERO:
            break
    return taken


def split_posting(posting: ItemPosting, portions: list[Portion], currency: str) -> list[ItemPosting]:
    """``posting`` (one document line) as one posting per portion, each with its share of every
    value entry amount; the shares add up to the line's figures exactly."""
    if not portions:
        return [posting]
    sign = Decimal(-1) if posting.quantity < ZERO else Decimal(1)
    weights = [p.quantity for p in portions]
    shares = [_value_shares(v, weights, sign, currency) for v in posting.values]
    out = []
    for index, p in enumerate(portions):
        out.append(replace(posting, quantity=sign * p.quantity, values=[s[index] for s in shares],
                           serial_no=p.serial_no, lot_no=p.lot_no, expiration_date=p.expiration_date,
                           applications=list(p.applications) if p.applications else list(posting.applications),
                           invoiced_quantity=None if posting.invoiced_quantity is None else
                           (ZERO if posting.invoiced_quantity == ZERO else sign * p.quantity)))
    return out


AMOUNT_FIELDS = ("cost_amount", "purchase_amount", "sales_amount", "discount_amount", "cost_amount_expected")


def _value_shares(value: ValuePlan, weights: list[Decimal], sign: Decimal, currency: str) -> list[ValuePlan]:
    parts = {name: split(getattr(value, name), weights, currency) for name in AMOUNT_FIELDS}
    return [replace(value, **{name: parts[name][i] for name in AMOUNT_FIELDS},
                    invoiced_quantity=_scaled(value.invoiced_quantity, w, sign),
                    valued_quantity=_scaled(value.valued_quantity, w, sign)) for i, w in enumerate(weights)]


def _scaled(quantity: Decimal | None, weight: Decimal, sign: Decimal) -> Decimal | None:
    if quantity is None or quantity == ZERO:
        return quantity
    return sign * weight


__all__ = ["Portion", "from_stored", "portion_problems", "take_portions", "split_posting"]
