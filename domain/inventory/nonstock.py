"""Nonstock (catalog) items (BC "Work with Nonstock Items").

A vendor's item the company may sell or buy without keeping an item card for it: the catalog
entry holds the vendor, the vendor's item no., the description, cost and price. When a sales
or purchase line first names it (line type ``nonstock`` with the entry no. in ``no``, or the
``nonstock_no`` key), the item card is made (BC "Make Item") and the line becomes an ordinary
item line. The item no. is the vendor's item no. (BC's default, Item No. = Vendor Item No.)
unless an item has that no.; then the next no. of series NSITEM. The card copies its type,
costing method and posting groups from ``item_template`` (an existing item; BC Item Template)
or takes the defaults of ``item add``; vendor, vendor item no., unit cost and price come from
the catalog entry.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.inventory.model import NonstockItem
from domain.inventory.series import next_document_no
from domain.money import ZERO
from domain.parse import UNIT, Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.cards import Item, Vendor

PERMISSION = "inventory.edit"


def add_nonstock(app: App, data: dict) -> str:
    """A catalog entry (numbered from series NONSTOCK); returns its entry no."""

    def change(session: Session) -> str:
        r = Reader(data)
        vendor_no = r.text("vendor_no", required=True)
        vendor_item_no = r.text("vendor_item_no", required=True)
        description = r.text("description", required=True)
        cost = r.decimal("unit_cost", default=ZERO, places=UNIT)
        price = r.decimal("unit_price", default=ZERO, places=UNIT)
        unit = r.text("unit_of_measure", default="PCS") or "PCS"
        template = r.text("item_template") or None
        for name, value in (("unit_cost", cost), ("unit_price", price)):
            if value is not None and value < ZERO:
                r.problems.append(Problem("ITEM-NEGATIVE-AMOUNT", name, {"value": str(value)}))
        for name, value, most in (("vendor_item_no", vendor_item_no, 20), ("description", description, 100),
                                  ("unit_of_measure", unit, 20)):
            if value and len(value) > most:
                r.problems.append(Problem("MASTER-FIELD-TOO-LONG", name, {"field": name, "max": most}))
        if vendor_no and session.get(Vendor, vendor_no) is None:
            r.problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": vendor_no}))
        if template and session.get(Item, template) is None:
            r.problems.append(Problem("ITEM-NOT-FOUND", "item_template", {"no": template}))
        if vendor_no and vendor_item_no and session.scalar(select(NonstockItem.entry_no).where(
                NonstockItem.vendor_no == vendor_no, NonstockItem.vendor_item_no == vendor_item_no)):
            r.problems.append(Problem("ITEM-NONSTOCK-EXISTS", "vendor_item_no",
                                      {"vendor_no": vendor_no, "vendor_item_no": vendor_item_no}))
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        entry_no = next_document_no(session, "NONSTOCK", "Nonstock items", "NS")
        session.add(NonstockItem(entry_no=entry_no, vendor_no=vendor_no, vendor_item_no=vendor_item_no,
                                 description=description, unit_cost=cost, unit_price=price, unit_of_measure=unit,
                                 item_template=template))
        return entry_no

    return audited_change(app, PERMISSION, "item.nonstock", f"nonstock item {data.get('vendor_item_no')}", change,
                          None, data)


def list_nonstock(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        return [{"entry_no": n.entry_no, "vendor_no": n.vendor_no, "vendor_item_no": n.vendor_item_no,
                 "description": n.description, "unit_cost": n.unit_cost, "unit_price": n.unit_price,
                 "unit_of_measure": n.unit_of_measure, "item_template": n.item_template, "item_no": n.item_no}
                for n in session.scalars(select(NonstockItem).order_by(NonstockItem.entry_no))]


def line_item(session: Session, r: Reader, line_types: tuple[str, ...], default_type: str) -> tuple[str, str]:
    """(type, no) of an import line: a ``nonstock`` line (or one naming ``nonstock_no``) is the
    item made from its catalog entry, an ``item`` line; problems go to ``r``."""
    line_type = r.choice("type", (*line_types, "nonstock"), required=True, default=default_type)
    entry_no = r.text("nonstock_no")
    no = r.text("no", required=not entry_no, default="") or ""
    if line_type != "nonstock" and not entry_no:
        return line_type, no
    if entry_no and line_type not in ("nonstock", "item"):
        r.problems.append(Problem("IMPORT-INVALID-CHOICE", f"{r.where}.type",
                                  {"value": line_type, "allowed": "item, nonstock"}))
        return line_type, no
    entry = session.get(NonstockItem, entry_no or no)
    if entry is None:
        r.problems.append(Problem("ITEM-NONSTOCK-UNKNOWN", f"{r.where}.nonstock_no", {"entry_no": entry_no or no}))
        return "item", ""
    return "item", entry.item_no or make_item(session, entry)


def make_item(session: Session, entry: NonstockItem) -> str:
    """BC "Make Item": the item card of a catalog entry, in the caller's unit of work."""
    no = entry.vendor_item_no
    if len(no) > 20 or session.get(Item, no) is not None:
        no = next_document_no(session, "NSITEM", "Items made from nonstock items", "NSI")
    template = session.get(Item, entry.item_template) if entry.item_template else None
    item = Item(no=no, description=entry.description, type=template.type if template else "inventory",
                base_unit_of_measure=entry.unit_of_measure,
                costing_method=template.costing_method if template else "fifo",
                unit_cost=entry.unit_cost, last_direct_cost=entry.unit_cost, unit_price=entry.unit_price,
                standard_cost=entry.unit_cost if template and template.costing_method == "standard" else ZERO,
                gen_prod_posting_group=template.gen_prod_posting_group if template else "RETAIL",
                vat_prod_posting_group=template.vat_prod_posting_group if template else "HIGH",
                inventory_posting_group=template.inventory_posting_group if template else "RESALE",
                vendor_no=entry.vendor_no, vendor_item_no=entry.vendor_item_no,
                item_category_code=template.item_category_code if template else None)
    session.add(item)
    session.flush()
    entry.item_no = no
    return no


__all__ = ["add_nonstock", "list_nonstock", "line_item", "make_item"]
