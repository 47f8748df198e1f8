"""Assemble to order from a sales order line (BC "Assemble to Order"; "Design Details:
Assembly Order Posting").

A sales order line of an assembly item (an inventory item with an assembly BOM) can have a
Qty. to Assemble to Order: that part of the line is assembled for it on a linked assembly
order (:mod:`domain.inventory.assembly_to_order`), one per line. An item whose Assembly
Policy is Assemble-to-Order gets its whole quantity by default, and keeps following the
line's quantity while the whole line is assembled to order (BC ``InitQtyToAsm``); given
explicitly (the sales import's ``qty_to_assemble_to_order``, ``sales line set``) it stays,
but never more than the line's quantity, never on a line that is not an assembly item and
only on an order line that is neither a drop shipment nor a special order.

:func:`sync` runs after every change of an order (import, line edits, header dates,
delete): the linked order's quantity, location and due date (the order's document date,
which stands for the shipment date, as in availability) follow the line; a line that no
longer assembles to order, or is gone, takes its assembly order with it.

Shipping (:func:`ship`): the part of the shipment still to assemble (up to the line's
remaining quantity to assemble to order, the rest ships from stock) is first posted on
the linked assembly order — components consumed, the parent output — and the sale is
applied to that output (fixed application), so the line's cost is the assembly's cost and
cost adjustment forwards later component cost to the sale. It happens in the shipment's
transaction: a component short refuses the whole shipment, nothing is written.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from domain.inventory import assembly_to_order as linked
from domain.inventory import costs as inventory_costs
from domain.money import ZERO
from domain.parse import QTY, Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.sales import stock
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Item

KEY = "qty_to_assemble_to_order"


def allowed(doc_type: str, line: SalesLine) -> bool:
    """BC: only an order's item line, neither a drop shipment nor a special order, assembles to order."""
    return doc_type == "order" and line.type == "item" and not line.drop_shipment and not line.special_order


def _tracked(line: SalesLine, item: Item) -> Problem:
    """Not built yet: the lot / serial nos. of a tracked item assembled to order (BC assigns them on
    the linked assembly order's output); refused rather than shipped without them."""
    return Problem("SALES-ATO-TRACKED-ITEM", f"lines[{line.line_no}].{KEY}",
                   {"item_no": item.no, "tracking_code": item.item_tracking_code})


def read_quantity(session: Session, r: Reader, doc_type: str, line: SalesLine, item: Item | None) -> None:
    """The line's Qty. to Assemble to Order from the import key (checked), else the item's policy."""
    where = f"lines[{line.line_no}].{KEY}"
    if r.raw(KEY) is None:
        required = item is not None and item.assembly_policy == "order"
        line.qty_to_assemble_to_order = line.quantity if (
            required and allowed(doc_type, line) and line.quantity > ZERO
            and linked.is_assembly_item(session, item)) else ZERO
        if line.qty_to_assemble_to_order and item.item_tracking_code:
            r.problems.append(_tracked(line, item))
            line.qty_to_assemble_to_order = ZERO
        return
    qty = r.decimal(KEY, default=ZERO, places=QTY)
    line.qty_to_assemble_to_order = ZERO
    if qty is None or qty == ZERO:
        return
    if not allowed(doc_type, line):
        r.problems.append(Problem("SALES-ATO-NOT-ALLOWED", where, {"line_no": line.line_no}))
    elif not linked.is_assembly_item(session, item):
        r.problems.append(Problem("SALES-ATO-NOT-ASSEMBLY-ITEM", where, {"item_no": line.no}))
    elif qty < ZERO or qty > line.quantity:
        r.problems.append(Problem("SALES-ATO-MORE-THAN-QUANTITY", where, {
            "qty_to_assemble_to_order": str(qty), "quantity": str(line.quantity)}))
    elif item is not None and item.item_tracking_code:
        r.problems.append(_tracked(line, item))
    elif item is not None and line.unit_of_measure not in ("", item.base_unit_of_measure):
        # the linked assembly order counts in the base unit, as BC's Qty. to Assemble to Order (Base) does
        r.problems.append(Problem("ITEM-UNIT-BASE-ONLY", f"lines[{line.line_no}].unit_of_measure",
                                  {"unit": line.unit_of_measure, "base": item.base_unit_of_measure}))
    else:
        line.qty_to_assemble_to_order = qty


def follow_quantity(line: SalesLine, changes: dict) -> dict:
    """``sales line set`` without the key: a new item or type starts again from the item's
    policy; a new quantity is followed while the whole line assembles to order and caps a
    larger quantity to assemble (BC ``InitQtyToAsm``); the changes to read."""
    if KEY in changes:
        return changes
    if "no" in changes or "type" in changes:
        return {**changes, KEY: None}
    if "quantity" not in changes or not line.qty_to_assemble_to_order:
        return changes
    if line.qty_to_assemble_to_order == line.quantity:
        return {**changes, KEY: changes["quantity"]}
    try:
        new = Decimal(str(changes["quantity"]))
    except ArithmeticError:
        return changes  # the quantity's own reader refuses it
    return {**changes, KEY: changes["quantity"]} if line.qty_to_assemble_to_order > new else changes


def sync(session: Session, header: SalesHeader) -> None:
    """Make, change or delete each line's linked assembly order to match the line (see the
    module docstring); raises every problem at once."""
    if header.document_type != "order":
        return
    session.flush()
    orders = {order.no: order for order in linked.linked_orders(session, header.no)}
    problems: list[Problem] = []
    for line in header.lines:
        order = orders.pop(line.assembly_order_no, None) if line.assembly_order_no else None
        want = line.qty_to_assemble_to_order or ZERO
        if want > ZERO and order is None:
            line.assembly_order_no = linked.create_linked(session, session.get(Item, line.no), want,
                                                          line.location_code, header.document_date, header.no,
                                                          line.line_no)
        elif order is not None and want > ZERO:
            problems += _where(line, linked.update_linked(session, order, want, line.location_code,
                                                          header.document_date))
        elif order is not None:
            problems += _where(line, linked.delete_linked(session, order))
            line.assembly_order_no = None
    for order in orders.values():  # its line was removed
        problems += linked.delete_linked(session, order)
    if problems:
        raise RejectedError(Rejected(problems))
    session.flush()


def release(session: Session, header: SalesHeader) -> None:
    """The order is deleted: its assembly orders go with it."""
    for line in header.lines:
        line.qty_to_assemble_to_order = ZERO
    sync(session, header)


def _where(line: SalesLine, problems: list[Problem]) -> list[Problem]:
    return [Problem(p.code, f"lines[{line.line_no}].{KEY}", p.params) for p in problems]


def ship(session: Session, item: Item, header: SalesHeader, line: SalesLine, qty: Decimal, currency: str,
         user) -> tuple[Decimal, tuple, int | None] | list[Problem]:
    """(cost, applications, fixed applies-to entry) of shipping ``qty`` of an assemble-to-order
    line: the part still to assemble is assembled now and the sale applied to its output; the
    rest (a line only partly assembled to order) ships from stock. Or the problems."""
    order = linked.linked_orders(session, header.no)
    order = next((o for o in order if o.no == line.assembly_order_no), None)
    left_to_assemble = (order.quantity - order.quantity_assembled) if order is not None else ZERO
    take = min(qty, left_to_assemble)
    cost, applications, applies_to = ZERO, (), None
    if take > ZERO:
        outputs = linked.post_for_shipment(session, order.no, take, header.posting_date, user)
        if isinstance(outputs, Rejected):
            return [Problem(p.code, f"lines[{line.line_no}].assembly", {**p.params, "assembly_order_no": order.no})
                    for p in outputs.problems]
        session.flush()
        for entry_no, quantity in outputs:
            found = inventory_costs.outbound(session, item, line.location_code, quantity, currency,
                                             applies_to=entry_no, sales_line_id=line.id)
            if isinstance(found, Problem):
                return [Problem(found.code, f"lines[{line.line_no}]", {**found.params, "item_no": item.no})]
            cost, applications = cost + found[0], applications + found[1]
        if len(outputs) == 1 and take == qty:
            applies_to = outputs[0][0]
    if qty > take:
        found = stock.take(session, item, line, qty - take, currency, header.posting_date)
        if isinstance(found, Problem):
            return [found]
        cost, applications = cost + found[0], applications + found[1]
    return cost, applications, applies_to
