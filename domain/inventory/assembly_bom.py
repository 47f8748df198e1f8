"""Assembly BOMs (BC "Assembly BOMs"): the components an item is assembled from.

``add`` sets a component's quantity per (a new line, or the existing line of that
component changed); ``remove`` deletes it. A line is an item (a component) or a resource
(work at the resource's unit cost, BC Type Resource); resources have a small card of their
own (``add_resource``). Both are setup changes, audited like the
item card (:func:`domain.identity.access.audited_change`). A component is an inventory
item other than the parent whose own BOM, at any depth, does not hold the parent.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.inventory import assembly_rules as rules
from domain.inventory.assembly_model import AssemblyBomComponent, Resource
from domain.parse import QTY, UNIT, number_problem
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item

PERMISSION = "inventory.edit"


def bom_map(session: Session) -> dict[str, list[str]]:
    """Every BOM: parent item no. -> its component item nos."""
    result: dict[str, list[str]] = {}
    for parent, component in session.execute(select(AssemblyBomComponent.parent_item_no,
                                                     AssemblyBomComponent.component_item_no)
                                              .where(AssemblyBomComponent.type == "item")):
        result.setdefault(parent, []).append(component)
    return result


def components(session: Session, parent: str) -> list[AssemblyBomComponent]:
    return list(session.scalars(select(AssemblyBomComponent).where(AssemblyBomComponent.parent_item_no == parent)
                                .order_by(AssemblyBomComponent.line_no)))


def _item(session: Session, no: str, field: str) -> Item:
    item = session.get(Item, no)
    if item is None:
        raise RejectedError(Rejected([Problem("IJ-UNKNOWN-ITEM", field, {"item_no": no})]))
    return item


def add(app: App, parent: str, component: str | None, quantity_per: Decimal, resource: str | None = None) -> int:
    """Set ``component`` (or ``resource``) in ``parent``'s BOM at ``quantity_per``; its line no."""

    def change(session: Session) -> int:
        if bool(component) == bool(resource):
            raise RejectedError(Rejected([Problem("ASM-GIVE-COMPONENT-OR-RESOURCE", "--component")]))
        parent_item = _item(session, parent, "--item")
        if resource:
            return _add_resource_line(session, parent_item, resource, quantity_per)
        component_item = _item(session, component, "--component")
        problems = []
        if parent_item.type != "inventory":
            problems.append(Problem("IJ-ITEM-NOT-INVENTORY", "--item", {"item_no": parent}))
        rounding = number_problem(quantity_per, "--quantity", QTY)
        if rounding is not None:
            problems.append(rounding)
        problems += rules.component_problems(parent, component, component_item.type, quantity_per,
                                             bom_map(session))
        if problems:
            raise RejectedError(Rejected(problems))
        return _set_line(session, parent, "item", component, quantity_per)

    return audited_change(app, PERMISSION, "assembly.bom", f"item {parent}", change,
                          lambda s: _snapshot(s, parent),
                          {"item": parent, "component": component, "resource": resource,
                           "quantity": str(quantity_per)})


def _add_resource_line(session: Session, parent: Item, resource: str, quantity_per: Decimal) -> int:
    problems = []
    if session.get(Resource, resource) is None:
        problems.append(Problem("ASM-UNKNOWN-RESOURCE", "--resource", {"resource": resource}))
    if parent.type != "inventory":
        problems.append(Problem("IJ-ITEM-NOT-INVENTORY", "--item", {"item_no": parent.no}))
    rounding = number_problem(quantity_per, "--quantity", QTY)
    problems += [rounding] if rounding is not None else []
    problems += rules.component_problems(parent.no, "", None, quantity_per, {})
    if problems:
        raise RejectedError(Rejected(problems))
    return _set_line(session, parent.no, "resource", resource, quantity_per)


def _set_line(session: Session, parent: str, kind: str, no: str, quantity_per: Decimal) -> int:
    lines = components(session, parent)
    existing = next((x for x in lines if x.type == kind and (x.component_item_no if kind == "item"
                                                              else x.resource_no) == no), None)
    if existing is not None:
        existing.quantity_per = quantity_per
        return existing.line_no
    line_no = max((x.line_no for x in lines), default=0) + 10000
    session.add(AssemblyBomComponent(parent_item_no=parent, line_no=line_no, type=kind, quantity_per=quantity_per,
                                     component_item_no=no if kind == "item" else None,
                                     resource_no=no if kind == "resource" else None))
    return line_no


def remove(app: App, parent: str, component: str | None, resource: str | None = None) -> None:
    def change(session: Session) -> None:
        bom = AssemblyBomComponent
        column = bom.resource_no if resource else bom.component_item_no
        line = session.scalars(select(bom).where(bom.parent_item_no == parent, column == (resource or component),
                                                 bom.type == ("resource" if resource else "item"))).first()
        if line is None:
            raise NotFound("ASM-BOM-COMPONENT-NOT-FOUND", f"item {parent!r} has no component {component!r}",
                           item_no=parent, component=resource or component or "")
        session.delete(line)

    audited_change(app, PERMISSION, "assembly.bom", f"item {parent}", change, lambda s: _snapshot(s, parent),
                   {"item": parent, "remove": resource or component})


def _snapshot(session: Session, parent: str) -> list[dict]:
    return [{"type": x.type, "no": x.component_item_no or x.resource_no, "quantity_per": str(x.quantity_per)}
            for x in components(session, parent)]


def list_bom(app: App, parent: str) -> list[dict]:
    """The BOM of ``parent``: each component with its quantity per and unit cost (BC's
    Assembly BOM page shows the cost the parent rolls up from)."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        if session.get(Item, parent) is None:
            raise NotFound("IJ-UNKNOWN-ITEM", f"no item {parent!r}", item_no=parent)
        rows = []
        for line in components(session, parent):
            card = session.get(Item, line.component_item_no) if line.type == "item" else \
                session.get(Resource, line.resource_no)
            rows.append({"line_no": line.line_no, "type": line.type, "component": line.component_item_no,
                         "resource": line.resource_no,
                         "description": card.description if line.type == "item" else card.name,
                         "quantity_per": line.quantity_per, "unit_cost": card.unit_cost,
                         "cost": card.unit_cost * line.quantity_per})
        return rows


def has_bom(session: Session, parent: str) -> bool:
    return bool(session.scalar(select(func.count()).select_from(AssemblyBomComponent)
                               .where(AssemblyBomComponent.parent_item_no == parent)))



def add_resource(app: App, no: str, name: str, unit_cost: Decimal) -> None:
    """A resource card (BC Resource: No., Name, Unit Cost), or its name and unit cost changed."""

    def change(session: Session) -> None:
        problems = [p for p in [number_problem(unit_cost, "--unit-cost", UNIT)] if p is not None]
        if unit_cost < 0:
            problems.append(Problem("IJ-NEGATIVE-AMOUNT", "--unit-cost", {"value": str(unit_cost)}))
        for option, text, limit in (("--no", no, 20), ("--name", name, 250)):
            if len(text) > limit:
                problems.append(Problem("IMPORT-TEXT-TOO-LONG", option, {"length": len(text), "max": limit}))
        if not no.strip():
            problems.append(Problem("ASM-RESOURCE-NO-EMPTY", "--no"))
        if problems:
            raise RejectedError(Rejected(problems))
        card = session.get(Resource, no)
        if card is None:
            session.add(Resource(no=no, name=name, unit_cost=unit_cost))
        else:
            card.name, card.unit_cost = name, unit_cost

    audited_change(app, "items.edit", "resource.set", f"resource {no}", change,
                   lambda s: _resource(s.get(Resource, no)), {"no": no, "name": name, "unit_cost": str(unit_cost)})


def _resource(card: Resource | None) -> dict | None:
    return None if card is None else {"no": card.no, "name": card.name, "unit_cost": str(card.unit_cost)}


def list_resources(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        return [{"no": r.no, "name": r.name, "unit_cost": r.unit_cost}
                for r in session.scalars(select(Resource).order_by(Resource.no))]
