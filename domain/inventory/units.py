"""Units of measure per item (BC "Item Units of Measure", "Set Up Units of Measure").

An item counts its stock in its base unit of measure; every other unit it is bought or sold
in says how many base units one of it holds (BC Qty. per Unit of Measure; the base unit: 1).
A document line in another unit posts its quantity times that to the item ledger (BC
Quantity (Base)); its unit cost / price stays per the line's unit, so the line amount is the
same and the cost per base unit follows (2 BOX of 12 at 120.00 = 24 PCS at 10.00).

A unit is added, never changed or removed: a posted line's conversion is read from here when
it posts, and BC refuses to change a unit that entries use. The card's base unit changes only
while the item has no item ledger entries (BC refuses it then too). Non-base units are taken on
invoices and credit memos (purchase and sales); orders, quotes and return orders keep to the base
unit for now (their receipts, shipments and applications count in it): refused at import.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.inventory.model import ItemUnitOfMeasure, ItemVariant
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.parse import QTY, Reader
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item

PERMISSION = "inventory.edit"
ONE = Decimal(1)
#: the card fields ``item set`` changes here: --base-unit, --purch-unit, --sales-unit
CARD_FIELDS = ("base_unit_of_measure", "purch_unit_of_measure", "sales_unit_of_measure")
#: the documents whose lines may be in a unit other than the base unit
NON_BASE_DOCUMENTS = ("invoice", "credit_memo")


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


def line_problems(session: Session, item: Item | None, unit: str, variant: str, where: str,
                  document_type: str | None) -> list[Problem]:
    """A document line's unit and variant, checked against its item (``document_type``: None
    when the caller checks the document type itself)."""
    if item is None:
        return [Problem("ITEM-VARIANT-NOT-ITEM", f"{where}.variant_code", {"variant": variant})] if variant else []
    problems = []
    per = qty_per(session, item, unit)
    if per is None:
        problems.append(Problem("ITEM-UNIT-UNKNOWN", f"{where}.unit_of_measure",
                                {"unit": unit, "item_no": item.no, "units": ", ".join(unit_codes(session, item))}))
    elif per != ONE and document_type is not None and document_type not in NON_BASE_DOCUMENTS:
        problems.append(Problem("ITEM-UNIT-INVOICES-ONLY", f"{where}.unit_of_measure",
                                {"unit": unit, "base": item.base_unit_of_measure}))
    if variant and session.get(ItemVariant, (item.no, variant)) is None:
        owner = session.scalar(select(ItemVariant.item_no).where(ItemVariant.code == variant).limit(1))
        if owner is not None:
            problems.append(Problem("ITEM-VARIANT-OF-OTHER-ITEM", f"{where}.variant_code",
                                    {"variant": variant, "item_no": item.no, "owner": owner}))
        else:
            problems.append(Problem("ITEM-VARIANT-UNKNOWN", f"{where}.variant_code",
                                    {"variant": variant, "item_no": item.no}))
    return problems


def posting_qty_per(session: Session, item: Item | None, unit: str, document_type: str, of_receipt: bool,
                    where: str, problems: list[Problem]) -> Decimal:
    """A posting line's base units per unit (1 when refused, the problem in ``problems``): the item
    must have the unit, and a non-base unit posts on invoices and credit memos only, never on one
    that invoices a receipt (receipts count in the base unit)."""
    per = qty_per(session, item, unit) if item is not None else ONE
    if per is None or (per != ONE and (of_receipt or document_type not in NON_BASE_DOCUMENTS)):
        problems += line_problems(session, item, unit, "", where, "invoice" if per is None else "order")
        return ONE
    return per


def unit_codes(session: Session, item: Item) -> list[str]:
    """The item's units: its base unit first."""
    codes = session.scalars(select(ItemUnitOfMeasure.code).where(ItemUnitOfMeasure.item_no == item.no)
                            .order_by(ItemUnitOfMeasure.code)).all()
    return [item.base_unit_of_measure, *(c for c in codes if c != item.base_unit_of_measure)]


def add_unit(app: App, item_no: str, code: str, qty_per_base: str | None) -> None:
    """A unit of the item with its conversion; a unit without one, or with ≤ 0, is refused,
    and so is the base unit with a conversion other than 1."""

    def change(session: Session) -> None:
        item = _item(session, item_no)
        r = Reader({"code": code, "qty_per_base": qty_per_base})
        value = r.text("code", required=True) or ""
        per = r.decimal("qty_per_base", required=True, places=QTY)
        if len(value) > 20:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "code", {"field": "code", "max": 20}))
        if per is not None and per <= ZERO:
            r.problems.append(Problem("ITEM-UNIT-QTY-NOT-POSITIVE", "qty_per_base", {"value": str(per)}))
        elif per is not None and value == item.base_unit_of_measure and per != ONE:
            r.problems.append(Problem("ITEM-BASE-UNIT-QTY-NOT-ONE", "qty_per_base", {"unit": value}))
        if value and session.get(ItemUnitOfMeasure, (item_no, value)) is not None:
            r.problems.append(Problem("ITEM-UNIT-EXISTS", "code", {"unit": value, "item_no": item_no}))
        _refuse(r.problems)
        session.add(ItemUnitOfMeasure(item_no=item_no, code=value, qty_per_unit_of_measure=per))

    audited_change(app, PERMISSION, "item.unit", f"item {item_no} unit {code}", change, None,
                   {"item_no": item_no, "code": code, "qty_per_base": qty_per_base})


def list_units(app: App, item_no: str) -> list[dict]:
    """The item's units, the base unit first (qty per base 1), with what the card uses them for."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        item = _item(session, item_no)
        rows = []
        for code in unit_codes(session, item):
            uses = [use for use, card in (("base", item.base_unit_of_measure), ("purchase", item.purch_unit_of_measure),
                                          ("sales", item.sales_unit_of_measure)) if card == code]
            rows.append({"item_no": item.no, "code": code, "qty_per_base": qty_per(session, item, code),
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


__all__ = ["qty_per", "posting_qty_per", "line_problems", "unit_codes", "add_unit", "list_units", "change_card_units"]
