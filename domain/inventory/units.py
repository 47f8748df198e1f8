"""Units of measure per item (BC "Item Units of Measure", "Set Up Units of Measure").

An item counts its stock in its base unit of measure; every other unit it is bought or sold
in says how many base units one of it holds (BC Qty. per Unit of Measure; the base unit: 1).
A document line in another unit posts its quantity times that to the item ledger (BC
Quantity (Base)); its unit cost / price stays per the line's unit, so the line amount is the
same and the cost per base unit follows (2 BOX of 12 at 120.00 = 24 PCS at 10.00).

Every kind of document takes any unit of its item: invoices and credit memos, and orders,
quotes and return orders, whose Quantity, Qty. to Receive / Ship, Quantity Received / Shipped
and Qty. to Invoice are in the line's unit while their receipts' and shipments' item ledger
entries, availability and reservations count in the base unit. The base quantity of a line,
and of every part of it received, shipped or invoiced, is its quantity times the conversion;
the base unit's Qty. Rounding Precision (``item unit set --rounding-precision 1``: whole
pieces) says which base quantities exist, and a quantity whose base quantity does not fall on
it (1.1 BOX of 12 PCS) is refused rather than rounded, so that the parts of a line always add
up to the line in both units (BC refuses a quantity the rounding precision makes unbalanced).
A line with item tracking, a drop shipment or a special order line of an order keeps to the
base unit (their serial/lot quantities and linked lines count in it).

A unit is added, never changed or removed: a posted line's conversion is read from here when
it posts, and BC refuses to change a unit that entries use (its rounding precision may change).
The card's base unit changes only while the item has no item ledger entries (BC refuses it then
too).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.inventory.model import ItemUnitOfMeasure, ItemVariant
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO, round_to_step
from domain.parse import QTY, Reader
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item

PERMISSION = "inventory.edit"
ONE = Decimal(1)
#: the card fields ``item set`` changes here: --base-unit, --purch-unit, --sales-unit
CARD_FIELDS = ("base_unit_of_measure", "purch_unit_of_measure", "sales_unit_of_measure")
#: the documents whose tracked, drop-shipment and special-order lines keep to the base unit
ORDER_DOCUMENTS = ("order", "quote", "return_order")
#: the steps of a quantity column (BC: a Qty. Rounding Precision of 0 leaves 0.00001)
QUANTITY_STEP = Decimal("0.00001")


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def _item(session: Session, no: str) -> Item:
    item = session.get(Item, no)
    if item is None:
        raise NotFound("ITEM-NOT-FOUND", f"no item {no!r}", no=no)
    return item


def qty_per(session: Session, item: Item, code: str | None) -> Decimal | None:
    """Base units in one ``code`` of ``item`` (1 for the base unit and for no unit), or None
    when the item has no such unit."""
    if not code or code == item.base_unit_of_measure:
        return ONE
    row = session.get(ItemUnitOfMeasure, (item.no, code))
    return row.qty_per_unit_of_measure if row is not None else None


def conversions(session: Session) -> dict[tuple[str, str], Decimal]:
    """(item no., unit) -> Qty. per Unit of Measure of every item unit, read at once (reports
    summing many lines; a line in the base unit or none counts 1)."""
    return {(no, code): per for no, code, per in session.execute(select(
        ItemUnitOfMeasure.item_no, ItemUnitOfMeasure.code, ItemUnitOfMeasure.qty_per_unit_of_measure))}


def base_step(session: Session, item: Item) -> Decimal:
    """The base unit's Qty. Rounding Precision (0: none)."""
    row = session.get(ItemUnitOfMeasure, (item.no, item.base_unit_of_measure))
    return row.qty_rounding_precision if row is not None else ZERO


def to_base(quantity: Decimal, per: Decimal, step: Decimal) -> Decimal:
    """BC Quantity (Base): ``quantity`` times the conversion, rounded to the base unit's step."""
    return round_to_step(quantity * per, step)


def base_quantity(session: Session, item: Item | None, unit: str | None, quantity: Decimal) -> Decimal:
    """``quantity`` of ``unit`` in the item's base unit (no item, or no such unit: as it is)."""
    per = qty_per(session, item, unit) if item is not None else ONE
    if per is None or per == ONE:
        return quantity
    return to_base(quantity, per, base_step(session, item))


def line_base(session: Session, line, quantity: Decimal) -> Decimal:
    """``quantity`` of a purchase or sales line (in its unit) in its item's base unit."""
    if line.type != "item" or not line.unit_of_measure:
        return quantity
    return base_quantity(session, session.get(Item, line.no), line.unit_of_measure, quantity)


def line_per(session: Session, line) -> Decimal:
    """A purchase or sales line's Qty. per Unit of Measure (1: not an item line, or the base unit)."""
    if line.type != "item" or not line.unit_of_measure:
        return ONE
    item = session.get(Item, line.no)
    return (qty_per(session, item, line.unit_of_measure) if item is not None else None) or ONE


def base_fields(session: Session, line, done: str) -> dict:
    """What a document shows of a line's unit (BC Qty. per Unit of Measure, Quantity (Base) and
    Qty. Received / Shipped (Base): ``done`` names the line's received or shipped column)."""
    return {"qty_per_unit_of_measure": line_per(session, line),
            "quantity_base": line_base(session, line, line.quantity),
            f"{done}_base": line_base(session, line, getattr(line, done) or ZERO)}


def rounding_problem(session: Session, item: Item | None, unit: str | None, quantity: Decimal | None,
                     where: str) -> Problem | None:
    """``quantity`` of ``unit`` whose base quantity is not a multiple of the base unit's Qty.
    Rounding Precision (none set: of 0.00001, what the quantity columns hold): refused, never
    rounded (1.1 BOX of 12 = 13.2 PCS where PCS are whole)."""
    per = qty_per(session, item, unit) if item is not None and quantity else None
    if per is None:
        return None
    step = base_step(session, item)
    exact = quantity * per
    if round_to_step(exact, step) == exact and round_to_step(exact, ZERO) == exact:
        return None
    return Problem("ITEM-UNIT-QTY-ROUNDING", where, {
        "quantity": str(quantity), "unit": unit or item.base_unit_of_measure, "base_quantity": str(exact.normalize()),
        "base_unit": item.base_unit_of_measure, "precision": str((step or QUANTITY_STEP).normalize())})


def keeps_base(item: Item | None, document_type: str | None, tracked: bool = False, linked: bool = False) -> bool:
    """An order's (quote's, return order's) line that stays in the base unit: its item is tracked
    (serial/lot quantities count in base units), it names tracking, or it is linked to a line
    of the other side (drop shipment, special order), which counts in the base unit too."""
    return document_type in ORDER_DOCUMENTS and item is not None and \
        bool(item.item_tracking_code or tracked or linked)


def line_rounding_problem(session: Session, line, quantity: Decimal, where: str) -> Problem | None:
    """A part of a purchase or sales line (``--qty LINE=Q`` to receive, ship or invoice, in the
    line's unit) whose base quantity the base unit's rounding precision does not allow."""
    if line.type != "item":
        return None
    return rounding_problem(session, session.get(Item, line.no), line.unit_of_measure or None, quantity, where)


def line_problems(session: Session, item: Item | None, unit: str, variant: str, where: str,
                  document_type: str | None, quantity: Decimal | None = None,
                  base_only: bool = False) -> list[Problem]:
    """A document line's unit and variant, checked against its item, and its quantity against
    the base unit's rounding precision; ``base_only``: an order's tracked, drop-shipment or
    special-order line, which keeps to the base unit (``document_type``: None when the caller
    checks the document itself)."""
    if item is None:
        return [Problem("ITEM-VARIANT-NOT-ITEM", f"{where}.variant_code", {"variant": variant})] if variant else []
    problems = []
    per = qty_per(session, item, unit)
    if per is None:
        problems.append(Problem("ITEM-UNIT-UNKNOWN", f"{where}.unit_of_measure",
                                {"unit": unit, "item_no": item.no, "units": ", ".join(unit_codes(session, item))}))
    elif per != ONE and base_only and document_type is not None:
        problems.append(Problem("ITEM-UNIT-BASE-ONLY", f"{where}.unit_of_measure",
                                {"unit": unit, "base": item.base_unit_of_measure}))
    elif (rounding := rounding_problem(session, item, unit, quantity, f"{where}.quantity")) is not None:
        problems.append(rounding)
    if variant and session.get(ItemVariant, (item.no, variant)) is None:
        owner = session.scalar(select(ItemVariant.item_no).where(ItemVariant.code == variant).limit(1))
        if owner is not None:
            problems.append(Problem("ITEM-VARIANT-OF-OTHER-ITEM", f"{where}.variant_code",
                                    {"variant": variant, "item_no": item.no, "owner": owner}))
        else:
            problems.append(Problem("ITEM-VARIANT-UNKNOWN", f"{where}.variant_code",
                                    {"variant": variant, "item_no": item.no}))
    return problems


def posting_qty_per(session: Session, item: Item | None, unit: str, quantity: Decimal,
                    where: str, problems: list[Problem]) -> Decimal:
    """A posting line's base units per unit (1 when refused, the problem in ``problems``): the item
    must have the unit, and the quantity must give a base quantity its rounding precision has."""
    per = qty_per(session, item, unit) if item is not None else ONE
    if per is None:
        problems += line_problems(session, item, unit, "", where, None)
        return ONE
    if (rounding := rounding_problem(session, item, unit, quantity, f"{where}.quantity")) is not None:
        problems.append(rounding)
    return per


def unit_codes(session: Session, item: Item) -> list[str]:
    """The item's units: its base unit first."""
    codes = session.scalars(select(ItemUnitOfMeasure.code).where(ItemUnitOfMeasure.item_no == item.no)
                            .order_by(ItemUnitOfMeasure.code)).all()
    return [item.base_unit_of_measure, *(c for c in codes if c != item.base_unit_of_measure)]


def _read_precision(r: Reader) -> Decimal:
    step = r.decimal("rounding_precision", default=ZERO, places=QTY)
    if step is not None and step < ZERO:
        r.problems.append(Problem("ITEM-UNIT-ROUNDING-NEGATIVE", "rounding_precision", {"value": str(step)}))
    return step or ZERO


def add_unit(app: App, item_no: str, code: str, qty_per_base: str | None,
             rounding_precision: str | None = None) -> None:
    """A unit of the item with its conversion (and BC Qty. Rounding Precision); a unit without
    one, or with ≤ 0, is refused, and so is the base unit with a conversion other than 1."""

    def change(session: Session) -> None:
        item = _item(session, item_no)
        r = Reader({"code": code, "qty_per_base": qty_per_base, "rounding_precision": rounding_precision})
        value = r.text("code", required=True) or ""
        per = r.decimal("qty_per_base", required=True, places=QTY)
        step = _read_precision(r)
        if len(value) > 20:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "code", {"field": "code", "max": 20}))
        if per is not None and per <= ZERO:
            r.problems.append(Problem("ITEM-UNIT-QTY-NOT-POSITIVE", "qty_per_base", {"value": str(per)}))
        elif per is not None and value == item.base_unit_of_measure and per != ONE:
            r.problems.append(Problem("ITEM-BASE-UNIT-QTY-NOT-ONE", "qty_per_base", {"unit": value}))
        if value and session.get(ItemUnitOfMeasure, (item_no, value)) is not None:
            r.problems.append(Problem("ITEM-UNIT-EXISTS", "code", {"unit": value, "item_no": item_no}))
        _refuse(r.problems)
        session.add(ItemUnitOfMeasure(item_no=item_no, code=value, qty_per_unit_of_measure=per,
                                      qty_rounding_precision=step))

    audited_change(app, PERMISSION, "item.unit", f"item {item_no} unit {code}", change, None,
                   {"item_no": item_no, "code": code, "qty_per_base": qty_per_base,
                    "rounding_precision": rounding_precision})


def set_rounding_precision(app: App, item_no: str, code: str, rounding_precision: str | None) -> None:
    """``item unit set --rounding-precision``: BC lets Qty. Rounding Precision change (the
    conversion never does); the base unit without a row gets one with conversion 1. Lines
    already on orders keep their quantities; the next receipt, shipment or invoice is checked."""

    def change(session: Session) -> None:
        item = _item(session, item_no)
        r = Reader({"rounding_precision": rounding_precision})
        if rounding_precision is None:
            r.problems.append(Problem("IMPORT-MISSING-FIELD", "rounding_precision"))
        step = _read_precision(r)
        row = session.get(ItemUnitOfMeasure, (item_no, code))
        if row is None and code != item.base_unit_of_measure:
            r.problems.append(Problem("ITEM-UNIT-UNKNOWN", "code", {
                "unit": code, "item_no": item_no, "units": ", ".join(unit_codes(session, item))}))
        _refuse(r.problems)
        if row is None:
            row = ItemUnitOfMeasure(item_no=item_no, code=code, qty_per_unit_of_measure=ONE)
            session.add(row)
        row.qty_rounding_precision = step

    audited_change(app, PERMISSION, "item.unit", f"item {item_no} unit {code} rounding", change, None,
                   {"item_no": item_no, "code": code, "rounding_precision": rounding_precision})


def list_units(app: App, item_no: str) -> list[dict]:
    """The item's units, the base unit first (qty per base 1), with what the card uses them for."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        item = _item(session, item_no)
        rows = []
        for code in unit_codes(session, item):
            uses = [use for use, card in (("base", item.base_unit_of_measure), ("purchase", item.purch_unit_of_measure),
                                          ("sales", item.sales_unit_of_measure)) if card == code]
            row = session.get(ItemUnitOfMeasure, (item.no, code))
            rows.append({"item_no": item.no, "code": code, "qty_per_base": qty_per(session, item, code),
                         "rounding_precision": row.qty_rounding_precision if row is not None else ZERO,
                         "used_for": ",".join(uses)})
        return rows


def change_card_units(session: Session, item: Item, data: dict) -> None:
    """``item set`` --base-unit / --purch-unit / --sales-unit: each must be a unit of the item
    (the base unit: one without entries, whose conversion is 1; it is added with 1)."""
    r = Reader(data)
    problems: list[Problem] = []
    base = r.text("base_unit_of_measure", required=True) if "base_unit_of_measure" in data else None
    if base and base != item.base_unit_of_measure:
        row = session.get(ItemUnitOfMeasure, (item.no, base))
        if row is not None and row.qty_per_unit_of_measure != ONE:
            problems.append(Problem("ITEM-BASE-UNIT-QTY-NOT-ONE", "base_unit_of_measure", {"unit": base}))
        if session.scalar(select(ItemLedgerEntry.entry_no).where(ItemLedgerEntry.item_no == item.no).limit(1)):
            problems.append(Problem("ITEM-BASE-UNIT-IN-USE", "base_unit_of_measure",
                                    {"item_no": item.no, "unit": item.base_unit_of_measure}))
        if len(base) > 20:
            problems.append(Problem("MASTER-FIELD-TOO-LONG", "base_unit_of_measure",
                                    {"field": "base_unit_of_measure", "max": 20}))
        if not problems and not r.problems:
            if row is None:
                session.add(ItemUnitOfMeasure(item_no=item.no, code=base, qty_per_unit_of_measure=ONE))
                session.flush()
            item.base_unit_of_measure = base
    for name in ("purch_unit_of_measure", "sales_unit_of_measure"):
        if name not in data:
            continue
        code = r.text(name) or None
        if code and qty_per(session, item, code) is None:
            problems.append(Problem("ITEM-UNIT-UNKNOWN", name, {"unit": code, "item_no": item.no,
                                                                "units": ", ".join(unit_codes(session, item))}))
        else:
            setattr(item, name, code)
    _refuse(r.problems + problems)


__all__ = ["qty_per", "conversions", "base_step", "to_base", "base_quantity", "line_base", "line_per", "base_fields",
           "rounding_problem", "line_rounding_problem", "keeps_base", "posting_qty_per", "line_problems", "unit_codes",
           "add_unit", "set_rounding_precision", "list_units", "change_card_units"]
