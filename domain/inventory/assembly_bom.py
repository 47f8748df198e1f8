"""Assembly BOMs (BC "Assembly BOMs"): the components an item is assembled from.

``add`` sets a component's quantity per (a new line, or the existing line of that
component changed); ``remove`` deletes it. Both are setup changes, audited like the
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
from domain.inventory.assembly_model import AssemblyBomComponent
from domain.parse import QTY, number_problem
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item

PERMISSION = "inventory.edit"


def bom_map(session: Session) -> dict[str, list[str]]:
    """Every BOM: parent item no. -> its component item nos."""
    result: dict[str, list[str]] = {}
    for parent, component in session.execute(select(AssemblyBomComponent.parent_item_no,
                                                     AssemblyBomComponent.component_item_no)):
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


def add(app: App, parent: str, component: str, quantity_per: Decimal) -> int:
    """Set ``component`` in ``parent``'s BOM at ``quantity_per``; its line no."""

    def change(session: Session) -> int:
        parent_item = _item(session, parent, "--item")
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
        lines = components(session, parent)
        existing = next((x for x in lines if x.component_item_no == component), None)
        if existing is not None:
            existing.quantity_per = quantity_per
            return existing.line_no
        line_no = max((x.line_no for x in lines), default=0) + 10000
        session.add(AssemblyBomComponent(parent_item_no=parent, line_no=line_no, component_item_no=component,
                                         quantity_per=quantity_per))
        return line_no

    return audited_change(app, PERMISSION, "assembly.bom", f"item {parent}", change,
                          lambda s: _snapshot(s, parent),
                          {"item": parent, "component": component, "quantity": str(quantity_per)})


def remove(app: App, parent: str, component: str) -> None:
    def change(session: Session) -> None:
        line = session.scalars(select(AssemblyBomComponent).where(
            AssemblyBomComponent.parent_item_no == parent,
            AssemblyBomComponent.component_item_no == component)).first()
        if line is None:
            raise NotFound("ASM-BOM-COMPONENT-NOT-FOUND", f"item {parent!r} has no component {component!r}",
                           item_no=parent, component=component)
        session.delete(line)

    audited_change(app, PERMISSION, "assembly.bom", f"item {parent}", change, lambda s: _snapshot(s, parent),
                   {"item": parent, "remove": component})


def _snapshot(session: Session, parent: str) -> list[dict]:
    return [{"component": x.component_item_no, "quantity_per": str(x.quantity_per)}
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
            item = session.get(Item, line.component_item_no)
            rows.append({"line_no": line.line_no, "component": item.no, "description": item.description,
                         "quantity_per": line.quantity_per, "unit_cost": item.unit_cost,
                         "cost": item.unit_cost * line.quantity_per})
        return rows


def has_bom(session: Session, parent: str) -> bool:
    return bool(session.scalar(select(func.count()).select_from(AssemblyBomComponent)
                               .where(AssemblyBomComponent.parent_item_no == parent)))

