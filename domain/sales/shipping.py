"""Post a sales shipment: sale item ledger entries with expected cost.

BC "Post Shipment": each order line ships its Qty. to Ship; inventory items
make a sale item ledger entry applied to inbound entries by costing method,
valued at expected cost (interim G/L only with expected cost posting). A drop
shipment line first posts the receipt of its linked purchase order line and
is applied to that receipt entry (fixed application): the item passes through
without touching stock. The posted shipment lines remember their order line
so that invoicing finds the entries to turn into actual cost. The kernel plans,
numbers and writes the shipment (:func:`domain.sales.kernel.post_shipment`).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.inventory import units
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing.orders import receive_drop_shipment
from domain.sales import assemble_to_order, invoicing, kernel, special_orders, stock, tracked_stock
from domain.sales.kernel import SalesResult
from domain.sales.model import SalesHeader, SalesLine
from domain.sales.rules import SalesLineSnap
from domain.setup.model.cards import Item
from domain.setup.queries import company


def post_order(session: Session, header: SalesHeader, user, do_ship: bool, do_invoice: bool,
               quantities) -> SalesResult | Rejected:
    """The handler of sales orders: ship what is asked, then invoice what is asked."""
    return invoicing.post_order(session, header, user, do_ship, do_invoice, quantities, ship_lines)


def ship_lines(session: Session, header: SalesHeader, quantities: dict[int, Decimal], user) -> str | Rejected:
    """Ship ``quantities`` (line no. -> qty); returns the posted shipment no."""
    comp = company(session)
    problems: list[Problem] = []
    snaps = []
    extra = [max((line.line_no for line in header.lines), default=0)]
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if qty < ZERO or qty > line.quantity - line.quantity_shipped:
            problems.append(Problem("SALES-SHIP-MORE-THAN-OUTSTANDING", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "qty": str(qty), "outstanding": str(line.quantity - line.quantity_shipped)}))
            continue
        if rounding := units.line_rounding_problem(session, line, qty, f"lines[{line.line_no}].quantity"):
            problems.append(rounding)
            continue
        tracked = _tracked_snaps(session, header, line, qty, comp, problems, extra)
        if tracked is not None:
            snaps += [(line, snap) for snap in tracked]
            continue
        snap = _line_snap(session, header, line, qty, comp, user, problems)
        if snap is not None:
            snaps.append((line, snap))
    if problems:
        return Rejected(problems)
    if not snaps:
        return Rejected([Problem("SALES-NOTHING-TO-SHIP", "lines", {"no": header.no})])
    posted = kernel.post_shipment(session, comp, header, tuple(s for _, s in snaps), "shipment", "PSS", user)
    if isinstance(posted, Rejected):
        return posted
    shipment_no, written = posted
    kernel.insert_shipment(session, header, shipment_no,
                           [(line, snap.quantity, snap.line_no) for line, snap in snaps], written, user)
    for line, snap in snaps:
        line.quantity_shipped = line.quantity_shipped + snap.quantity
        line.qty_to_ship = line.quantity - line.quantity_shipped
    return shipment_no


def _tracked_snaps(session, header, line: SalesLine, qty, comp, problems, extra) -> list[SalesLineSnap] | None:
    """A line of a tracked item (item tracking): one snapshot per serial/lot portion shipped now,
    the first under the order line's no., the others numbered after the order's last line
    (``extra``); ``None`` for a line that ships as before (untracked, drop shipment, special order)."""
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is None or item.type != "inventory" or item.blocked or line.drop_shipment or line.special_order:
        return None
    if getattr(line, "assembly_order_no", None):  # assemble to order (another branch): ships its own output
        return None
    found = tracked_stock.posting_problems(session, line, item)
    if found:
        problems += found
        return []
    if not tracked_stock.uses_portions(line):
        return None
    snaps = []
    for index, p in enumerate(tracked_stock.to_ship(session, item, line, qty, comp.currency, header.posting_date,
                                                    problems)):
        if index:
            extra[0] += 1
        snaps.append(SalesLineSnap(
            extra[0] if index else line.line_no, line.type, line.no, line.description, p.quantity, line.unit_price,
            line.line_discount_pct, line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code,
            True, item.inventory_posting_group, cost=p.cost, applications=p.applications,
            serial_no=p.serial_no, lot_no=p.lot_no, expiration_date=p.expiration_date,
            variant_code=line.variant_code))
    return snaps


def _line_snap(session, header, line: SalesLine, qty, comp, user, problems) -> SalesLineSnap | None:
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is not None and item.blocked:
        problems.append(Problem("SALES-ITEM-BLOCKED", f"lines[{line.line_no}]", {"item_no": item.no}))
        return None
    inventory = item is not None and item.type == "inventory"
    cost, applications, applies_to, open_quantity = ZERO, (), None, ZERO
    per = units.line_per(session, line)  # Qty. to Ship is in the line's unit, stock in the base unit
    base = qty * per
    if inventory and line.drop_shipment:
        received = _receive_drop_shipment(session, header, line, qty, user)
        if isinstance(received, Problem):
            problems.append(received)
            return None
        applies_to, cost = received
        applications = ((applies_to, qty),)
    elif inventory and line.assembly_order_no:  # assemble to order: assembled now, shipped from the output
        found = assemble_to_order.ship(session, item, header, line, qty, comp.currency, user)
        if isinstance(found, list):
            problems += found
            return None
        cost, applications, applies_to = found
    elif inventory:
        if line.special_order:
            found = special_orders.take_reserved(session, item, line, qty, comp.currency)
        else:
            found = stock.take(session, item, line, base, comp.currency, header.posting_date)
        if isinstance(found, Problem):
            problems.append(found)
            return None
        cost, applications = found
        open_quantity = base - sum((take for _, take in applications), ZERO)  # short: stays open
    return SalesLineSnap(
        line.line_no, line.type, line.no, line.description, qty, line.unit_price, line.line_discount_pct,
        line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code, inventory,
        item.inventory_posting_group if item else None, cost=cost, applications=applications,
        applies_to_entry=applies_to, item_blocked=bool(item and item.blocked),
        serial_no=line.serial_no, lot_no=line.lot_no, open_quantity=open_quantity, variant_code=line.variant_code,
        qty_per_unit=per)


def _receive_drop_shipment(session, header, line: SalesLine, qty, user):
    if not line.purchase_order_no:
        return Problem("SALES-DROP-SHIPMENT-NO-PURCHASE-ORDER", f"lines[{line.line_no}]",
                       {"line_no": line.line_no, "no": header.no})
    return receive_drop_shipment(session, line, qty, user)


def drop_shipment_sales_line(session: Session, order_line) -> Decimal | None:
    """The quantity invoiced on the sales order line a drop-shipment purchase line ships to
    (``None`` when there is none): BC invoices the sales order before the purchase order.
    Purchasing asks this through its ``drop_shipment_sales_line`` port."""
    line = session.scalar(select(SalesLine).join(SalesHeader).where(
        SalesHeader.no == order_line.sales_order_no, SalesHeader.document_type == "order",
        SalesLine.line_no == order_line.sales_order_line_no))
    return None if line is None else line.quantity_invoiced
