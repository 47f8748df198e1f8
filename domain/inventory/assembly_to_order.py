"""Assembly orders linked to a sales order line (BC "Assemble to Order", the Assemble-to-Order
Link), and changing an open assembly order by hand.

An assemble-to-order assembly order belongs to one sales order line: the sales side
(:mod:`domain.sales.assemble_to_order`) makes it, keeps its quantity, location and due date
equal to the line's and deletes it with the line, in the sales edit's own transaction; the
line's shipment posts it (:func:`post_for_shipment`). Everything else is refused: posting
it on its own (:func:`domain.inventory.assembly.post`, ASM-ORDER-ASSEMBLE-TO-ORDER) and
changing it directly (``assembly order set``, ASM-ORDER-LINKED-TO-SALES-LINE) — in BC the
linked order's quantity and dates are changed on the sales line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.inventory import assembly
from domain.inventory import assembly_bom as boms
from domain.inventory import assembly_rules as rules
from domain.inventory.assembly_model import AssemblyHeader, AssemblyLine
from domain.money import ZERO
from domain.parse import QTY, Reader, Shape
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.cards import Item
from domain.setup.model.company import Location

SET_SHAPE = Shape(("quantity", "due_date", "location"), AssemblyHeader, {"location": "location_code"})


def is_assembly_item(session: Session, item: Item | None) -> bool:
    """An inventory item with an assembly BOM: what a sales line can assemble to order."""
    return item is not None and item.type == "inventory" and boms.has_bom(session, item.no)


def linked_orders(session: Session, sales_order_no: str) -> list[AssemblyHeader]:
    return list(session.scalars(select(AssemblyHeader).where(AssemblyHeader.sales_order_no == sales_order_no)
                                .order_by(AssemblyHeader.no)))


def create_linked(session: Session, item: Item, quantity: Decimal, location: str, due_date: dt.date,
                  sales_order_no: str, line_no: int) -> str:
    """The assembly order of sales order line ``line_no`` (the item is an assembly item)."""
    return assembly.new_order(session, item, quantity, location, due_date, sales_order_no=sales_order_no,
                              sales_order_line_no=line_no)


def _resize(session: Session, header: AssemblyHeader, quantity: Decimal) -> None:
    """The order's quantity and its lines' quantities (BC Quantity per x Quantity)."""
    header.quantity = quantity
    for line in assembly.order_lines(session, header.no):
        line.quantity = rules.component_need(line.quantity_per, quantity)
    header.status = "assembled" if header.quantity_assembled == quantity else "open"


def update_linked(session: Session, header: AssemblyHeader, quantity: Decimal, location: str,
                  due_date: dt.date) -> list[Problem]:
    """Follow the sales line: its quantity to assemble to order, location and date; never below
    what has been assembled (and shipped) already."""
    if quantity < header.quantity_assembled:
        return [Problem("SALES-ATO-BELOW-ASSEMBLED", "qty_to_assemble_to_order", {
            "assembly_order_no": header.no, "quantity": str(quantity), "assembled": str(header.quantity_assembled)})]
    if header.quantity != quantity:
        _resize(session, header, quantity)
    header.location_code, header.due_date = location, due_date
    return []


def delete_linked(session: Session, header: AssemblyHeader) -> list[Problem]:
    """Delete a linked order with its lines (its sales line is gone or assembles nothing now);
    refused once part of it has been assembled."""
    if header.quantity_assembled > ZERO:
        return [Problem("SALES-ATO-BELOW-ASSEMBLED", "qty_to_assemble_to_order", {
            "assembly_order_no": header.no, "quantity": "0", "assembled": str(header.quantity_assembled)})]
    session.execute(delete(AssemblyLine).where(AssemblyLine.order_no == header.no))
    session.delete(header)
    return []


def post_for_shipment(session: Session, no: str, take: Decimal, posting_date: dt.date,
                      user: str | None) -> list[tuple[int, Decimal]] | Rejected:
    """Assemble ``take`` of linked order ``no`` for its sales line's shipment, in the shipment's
    transaction: the output entries (entry no., quantity) the shipment is applied to."""
    header = assembly.order(session, no, for_update=True)
    remaining = header.quantity - header.quantity_assembled
    if take > remaining:
        return Rejected([Problem("ASM-MORE-THAN-REMAINING", "qty_to_assemble_to_order",
                                 {"quantity": str(take), "remaining": str(remaining)})])
    posted = assembly.post_take(session, header, take, posting_date, user)
    if isinstance(posted, Rejected):
        return posted
    return posted["outputs"]


def set_order(app: App, no: str, data: dict) -> dict:
    """``assembly order set NO quantity=Q due_date=D location=L``: change an open assembly order
    (the lines follow the quantity); not below what is assembled, and never an
    assemble-to-order order (changed through its sales line)."""

    def run(session: Session) -> dict:
        header = assembly.order(session, no, for_update=True)
        if header.sales_order_no:
            raise RejectedError(Rejected([Problem("ASM-ORDER-LINKED-TO-SALES-LINE", ", ".join(data) or "no", {
                "no": no, "sales_order_no": header.sales_order_no, "line_no": header.sales_order_line_no})]))
        r = Reader(data, "", SET_SHAPE)
        quantity = r.decimal("quantity", places=QTY) if "quantity" in data else None
        due_date = r.date("due_date", required=True) if "due_date" in data else None
        location = (r.text("location", default="") or "") if "location" in data else None
        if quantity is not None and quantity <= ZERO:
            r.problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", "quantity", {"value": str(quantity)}))
        elif quantity is not None and quantity < header.quantity_assembled:
            r.problems.append(Problem("ASM-QUANTITY-BELOW-ASSEMBLED", "quantity", {
                "quantity": str(quantity), "assembled": str(header.quantity_assembled)}))
        elif quantity is not None and header.tracking:
            r.problems += rules.tracking_problems(quantity, assembly.tracking_specs(header))
        if location and session.get(Location, location) is None:
            r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", "location", {"location": location}))
        if location is not None and header.quantity_assembled and location != header.location_code:
            r.problems.append(Problem("ASM-ORDER-PARTLY-ASSEMBLED", "location", {
                "no": no, "assembled": str(header.quantity_assembled)}))
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        if quantity is not None:
            _resize(session, header, quantity)
        if due_date is not None:
            header.due_date = due_date
        if location is not None:
            header.location_code = location
        return {"no": header.no, "quantity": header.quantity, "due_date": header.due_date,
                "location": header.location_code, "status": header.status}

    return access.command(app, "inventory.edit", run)
