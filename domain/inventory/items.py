"""Item cards you can maintain (BC Item Card, Item Categories, Item Attributes).

Every change is a setup change: it needs ``inventory.edit`` and is audited through
:func:`domain.identity.access.audited_change` (before and after), refused or done.
A refusal writes nothing: every problem of the request is reported at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing.rules.indirect import indirect_problems
from domain.identity.access import audited_change, require
from domain.inventory import card_rules, counting_periods, tracking_codes, units
from domain.inventory.model import ItemAttribute, ItemAttributeValue, ItemCategory, ItemVariant
from domain.money import ZERO
from domain.parse import QTY, RATE, UNIT, Reader
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item, Vendor
from domain.setup.queries import company
from domain.setup.rules import pct_problem

PERMISSION = "inventory.edit"
#: the card fields ``item set`` changes, and how each is read
AMOUNT_FIELDS = ("unit_price", "unit_cost", "standard_cost", "overhead_rate")
QTY_FIELDS = ("reorder_point", "reorder_quantity")
CARD_FIELDS = ("description", *AMOUNT_FIELDS, "indirect_cost_pct", "vendor_no", "vendor_item_no", *QTY_FIELDS,
               "blocked", "item_category_code", "prepayment_pct", "item_tracking_code", "counting_period_code",
               "next_counting_start_date", "next_counting_end_date", "assembly_policy", *units.CARD_FIELDS)
#: BC Assembly Policy: Assemble-to-Stock | Assemble-to-Order (domain.sales.assemble_to_order)
ASSEMBLY_POLICIES = ("stock", "order")


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def _item(session: Session, no: str) -> Item:
    item = session.get(Item, no)
    if item is None:
        raise NotFound("ITEM-NOT-FOUND", f"no item {no!r}", no=no)
    return item


def _card(item: Item) -> dict:
    return {name: getattr(item, name) for name in CARD_FIELDS}


def read_changes(session: Session, data: dict) -> dict:
    """The card fields ``data`` names, read and checked; raises every problem at once."""
    r = Reader(data)
    changes: dict = {}
    if "description" in data:
        changes["description"] = r.text("description", required=True)
        if changes["description"] and len(changes["description"]) > 100:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "description", {"field": "description", "max": 100}))
    for name in AMOUNT_FIELDS:
        if name in data:
            changes[name] = r.decimal(name, required=True, places=UNIT)
            if changes[name] is not None and changes[name] < ZERO:
                r.problems.append(Problem("ITEM-NEGATIVE-AMOUNT", name, {"value": str(changes[name])}))
    if "indirect_cost_pct" in data:  # BC Indirect Cost %: a percentage of the direct cost, not negative
        changes["indirect_cost_pct"] = r.decimal("indirect_cost_pct", required=True, places=RATE)
        r.problems += indirect_problems("", changes["indirect_cost_pct"])
    for name in QTY_FIELDS:
        if name in data:
            changes[name] = r.decimal(name, required=True, places=QTY)
            if changes[name] is not None and changes[name] < ZERO:
                r.problems.append(Problem("ITEM-NEGATIVE-AMOUNT", name, {"value": str(changes[name])}))
    if "prepayment_pct" in data:  # BC Prepayment % of the item: its order lines take it
        changes["prepayment_pct"] = r.decimal("prepayment_pct", required=True, places=RATE)
        if (problem := pct_problem(changes["prepayment_pct"], "prepayment_pct")) is not None:
            r.problems.append(problem)
    if "blocked" in data:
        changes["blocked"] = r.choice("blocked", ("yes", "no"), required=True) == "yes"
    if "assembly_policy" in data:
        changes["assembly_policy"] = r.choice("assembly_policy", ASSEMBLY_POLICIES, required=True)
    for name in ("vendor_no", "vendor_item_no", "item_category_code", "item_tracking_code", "counting_period_code"):
        if name in data:
            changes[name] = r.text(name) or None
    if changes.get("vendor_no") and session.get(Vendor, changes["vendor_no"]) is None:
        r.problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": changes["vendor_no"]}))
    if changes.get("item_category_code") and session.get(ItemCategory, changes["item_category_code"]) is None:
        r.problems.append(Problem("ITEM-UNKNOWN-CATEGORY", "item_category_code",
                                  {"code": changes["item_category_code"]}))
    if changes.get("item_tracking_code") and not tracking_codes.code_exists(session, changes["item_tracking_code"]):
        r.problems.append(Problem("ITEM-UNKNOWN-TRACKING-CODE", "item_tracking_code",
                                  {"code": changes["item_tracking_code"]}))
    if (problem := counting_periods.period_problem(session, changes.get("counting_period_code"))) is not None:
        r.problems.append(problem)
    _refuse(r.problems)
    return {k: v for k, v in changes.items()
            if k not in (*AMOUNT_FIELDS, *QTY_FIELDS, "indirect_cost_pct", "assembly_policy") or v is not None}


def set_item(app: App, no: str, data: dict) -> dict:
    """Change an item card (BC Item Card): description, prices and costs, vendor, reorder
    fields, category, blocked, units of measure (:mod:`domain.inventory.units`). Returns the card as it is now."""

    def change(session: Session) -> dict:
        item = _item(session, no)
        changes = read_changes(session, data)
        period = changes.pop("counting_period_code", False)
        for name, value in changes.items():
            setattr(item, name, value)
        if period is not False:  # BC: a (new) counting period sets the item's next counting period
            counting_periods.assign(session, item, period, app.today(company(session).time_zone))
        units.change_card_units(session, item, {k: v for k, v in data.items() if k in units.CARD_FIELDS})
        if item.costing_method == "standard" and not item.standard_cost:
            _refuse([Problem("ITEM-STANDARD-COST-MISSING", "standard_cost")])
        return _card(item)

    def snapshot(session: Session) -> dict | None:
        item = session.get(Item, no)
        return _card(item) if item is not None else None

    return audited_change(app, PERMISSION, "item.set", f"item {no}", change, snapshot, {"no": no, **data})


def add_category(app: App, code: str, parent: str | None = None, description: str = "") -> None:
    """A category in the tree; an unknown parent or a loop is refused (BC checks the same)."""

    def change(session: Session) -> None:
        r = Reader({"code": code, "parent": parent, "description": description})
        value = r.text("code", required=True) or ""
        if len(value) > 20:
            r.problems.append(Problem("ITEM-CATEGORY-CODE-TOO-LONG", "code", {"code": value, "max": 20}))
        existing = session.get(ItemCategory, value) if value else None
        parent_code = r.text("parent")
        if parent_code and session.get(ItemCategory, parent_code) is None:
            r.problems.append(Problem("ITEM-UNKNOWN-CATEGORY", "parent", {"code": parent_code}))
        elif parent_code:
            parents = dict(session.execute(select(ItemCategory.code, ItemCategory.parent_code)).all())
            loop = card_rules.category_cycle(value, parent_code, parents)
            if loop:
                r.problems.append(Problem("ITEM-CATEGORY-CYCLE", "parent", {"path": " > ".join(loop)}))
        _refuse(r.problems)
        if existing is None:
            session.add(ItemCategory(code=value, parent_code=parent_code, description=description or ""))
        else:  # adding a known code again re-parents / re-describes it, as editing the BC page does
            existing.parent_code = parent_code
            existing.description = description or existing.description

    def snapshot(session: Session) -> dict | None:
        row = session.get(ItemCategory, code)
        return {"code": row.code, "parent": row.parent_code, "description": row.description} if row else None

    audited_change(app, PERMISSION, "item.category", f"item category {code}", change, snapshot,
                   {"code": code, "parent": parent, "description": description})


def add_attribute(app: App, name: str, attribute_type: str, values: list[str] | None = None) -> None:
    values = [v.strip() for v in values or []]

    def change(session: Session) -> None:
        r = Reader({"name": name, "type": attribute_type})
        value = r.text("name", required=True) or ""
        kind = r.choice("type", card_rules.ATTRIBUTE_TYPES, required=True)
        if len(value) > 30:
            r.problems.append(Problem("ITEM-ATTRIBUTE-NAME-TOO-LONG", "name", {"max": 30}))
        if value and session.get(ItemAttribute, value) is not None:
            r.problems.append(Problem("ITEM-ATTRIBUTE-EXISTS", "name", {"attribute": value}))
        if kind:
            r.problems += card_rules.option_values_problems(kind, values)
        _refuse(r.problems)
        session.add(ItemAttribute(name=value, type=kind, option_values=values))

    audited_change(app, PERMISSION, "item.attribute", f"item attribute {name}", change, None,
                   {"name": name, "type": attribute_type, "values": values})


def _attribute(session: Session, name: str) -> ItemAttribute:
    attribute = session.get(ItemAttribute, name)
    if attribute is None:
        raise NotFound("ITEM-UNKNOWN-ATTRIBUTE", f"no item attribute {name!r}", attribute=name)
    return attribute


def set_attribute_value(app: App, item_no: str, name: str, raw: str) -> str:
    """Give an item a value of an attribute (checked against the attribute's type)."""

    def change(session: Session) -> str:
        _item(session, item_no)
        attribute = _attribute(session, name)
        value = card_rules.attribute_value(attribute.type, list(attribute.option_values or []), name, raw)
        if isinstance(value, Problem):
            _refuse([value])
        row = session.get(ItemAttributeValue, (item_no, name))
        if row is None:
            session.add(ItemAttributeValue(item_no=item_no, attribute_name=name, value=value))
        else:
            row.value = value
        return value

    def snapshot(session: Session) -> str | None:
        row = session.get(ItemAttributeValue, (item_no, name))
        return row.value if row else None

    return audited_change(app, PERMISSION, "item.attribute-value", f"item {item_no} attribute {name}", change,
                          snapshot, {"item_no": item_no, "attribute": name, "value": raw})


def list_items(app: App, attributes: dict[str, str] | None = None, category: str | None = None) -> list[dict]:
    """Items, filtered by attribute values (each NAME=VALUE, all must hold, compared in the
    attribute's canonical form) and by category (the category and every one below it)."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        query = select(Item).order_by(Item.no)
        for name, raw in (attributes or {}).items():
            attribute = _attribute(session, name)
            value = card_rules.attribute_value(attribute.type, list(attribute.option_values or []), name, raw,
                                               f"--attribute {name}")
            if isinstance(value, Problem):
                _refuse([value])
            av = ItemAttributeValue
            query = query.where(Item.no.in_(select(av.item_no).where(av.attribute_name == name, av.value == value)))
        if category:
            parents = dict(session.execute(select(ItemCategory.code, ItemCategory.parent_code)).all())
            if category not in parents:
                _refuse([Problem("ITEM-UNKNOWN-CATEGORY", "--category", {"code": category})])
            query = query.where(Item.item_category_code.in_(sorted(card_rules.category_descendants(category, parents))))
        items = list(session.scalars(query))
        values: dict[str, dict[str, str]] = {}
        if items:
            for row in session.scalars(select(ItemAttributeValue).where(
                    ItemAttributeValue.item_no.in_([i.no for i in items]))):
                values.setdefault(row.item_no, {})[row.attribute_name] = row.value
        return [{"no": i.no, "description": i.description, "type": i.type, "costing_method": i.costing_method,
                 "unit_cost": i.unit_cost, "standard_cost": i.standard_cost, "unit_price": i.unit_price,
                 "vendor_no": i.vendor_no, "blocked": i.blocked, "item_category_code": i.item_category_code,
                 "reorder_point": i.reorder_point, "reorder_quantity": i.reorder_quantity,
                 "attributes": values.get(i.no, {})} for i in items]


def list_categories(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        return [{"code": c.code, "parent": c.parent_code, "description": c.description}
                for c in session.scalars(select(ItemCategory).order_by(ItemCategory.code))]


def list_attributes(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        return [{"name": a.name, "type": a.type, "values": list(a.option_values or [])}
                for a in session.scalars(select(ItemAttribute).order_by(ItemAttribute.name))]


def add_variant(app: App, item_no: str, code: str, description: str = "") -> None:
    """BC Item Variant: a code under one item (the same code under another item is another
    variant). Document lines name it in ``variant_code``; item ledger entries carry it and
    availability counts per variant (cost is per item: :mod:`domain.inventory.units`)."""

    def change(session: Session) -> None:
        _item(session, item_no)
        r = Reader({"code": code})
        value = r.text("code", required=True) or ""
        if len(value) > 10:
            r.problems.append(Problem("ITEM-VARIANT-CODE-TOO-LONG", "code", {"code": value, "max": 10}))
        if value and session.get(ItemVariant, (item_no, value)) is not None:
            r.problems.append(Problem("ITEM-VARIANT-EXISTS", "code", {"code": value, "item_no": item_no}))
        _refuse(r.problems)
        session.add(ItemVariant(item_no=item_no, code=value, description=description or ""))

    audited_change(app, PERMISSION, "item.variant", f"item {item_no} variant {code}", change, None,
                   {"item_no": item_no, "code": code, "description": description})


def list_variants(app: App, item_no: str | None = None) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        query = select(ItemVariant).order_by(ItemVariant.item_no, ItemVariant.code)
        if item_no:
            query = query.where(ItemVariant.item_no == item_no)
        return [{"item_no": v.item_no, "code": v.code, "description": v.description} for v in session.scalars(query)]


__all__ = ["set_item", "add_category", "add_attribute", "set_attribute_value", "list_items", "list_categories",
           "list_attributes", "add_variant", "list_variants"]
