"""Sales return orders: the return receipt (expected cost), then the credit memo (actual cost).

Business Central "Process Sales Returns": a return order is a sales order with
``document_type`` return_order whose item lines name the sale item ledger entry
they take back (``applies_from_entry``). Posting the *return receipt* makes an
inbound sale item ledger entry valued at that entry's exact cost as expected
cost (the shipment plan, ``plan_shipment``, with a negative quantity).
Invoicing posts a sales credit memo of the return receipt lines that turns the
expected cost into actual cost on the same entry (``sales_posting``, the order
branch with the credit memo sign, :mod:`domain.sales.invoicing`). On a return order line ``quantity_shipped``
is the quantity received back ("Return Qty. Received"). Posted return receipts
are posted sales documents of type ``return_receipt``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from domain.inventory import costs as sales_costing
from domain.inventory import units
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.sales import invoicing, kernel
from domain.sales.applies_from import returnable_entry, returned  # noqa: F401  (returned: public API)
from domain.sales.kernel import SalesResult
from domain.sales.model import SalesHeader, SalesLine
from domain.sales.rules import SalesLineSnap
from domain.sales.tracking import returned_tracking
from domain.setup.model.cards import Item
from domain.setup.queries import company


def post_return_order(session: Session, header: SalesHeader, user, do_ship: bool, do_invoice: bool,
                      quantities) -> SalesResult | Rejected:
    """The handler of sales return orders: the return receipt, then the credit memo."""
    return invoicing.post_order(session, header, user, do_ship, do_invoice, quantities, receive_lines)


def receive_lines(session, header: SalesHeader, quantities: dict[int, Decimal], user) -> str | Rejected:
    """Post a return receipt of ``quantities`` (line no. -> qty); returns the return receipt no."""
    comp = company(session)
    problems: list[Problem] = []
    snaps, claimed = [], {}
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        snap = _line_snap(session, header, line, qty, comp, problems, claimed)
        if snap is not None:
            snaps.append((line, snap))
    if not snaps and not problems:
        problems.append(Problem("SALES-NOTHING-TO-RECEIVE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    posted = kernel.post_shipment(session, comp, header, tuple(s for _, s in snaps), "return_receipt", "SRRCP",
                                  user)
    if isinstance(posted, Rejected):
        return posted
    receipt_no, written = posted
    received = [(line, -snap.quantity) for line, snap in snaps]
    kernel.insert_shipment(session, header, receipt_no, received, written, user, "return_receipt")
    for line, qty in received:
        line.quantity_shipped = line.quantity_shipped + qty
        line.qty_to_ship = line.quantity - line.quantity_shipped
    return receipt_no


def _line_snap(session, header: SalesHeader, line: SalesLine, qty: Decimal, comp, problems,
               claimed: dict) -> SalesLineSnap | None:
    """The inbound line of a return: ``qty`` back at the exact cost of the applied-from sale entry."""
    where, outstanding = f"lines[{line.line_no}]", line.quantity - line.quantity_shipped
    if qty < ZERO or qty > outstanding:
        problems.append(Problem("SALES-RETURN-MORE-THAN-OUTSTANDING", where, {
            "line_no": line.line_no, "qty": str(qty), "outstanding": str(outstanding)}))
        return None
    if rounding := units.line_rounding_problem(session, line, qty, f"{where}.quantity"):
        problems.append(rounding)
        return None
    per = units.line_per(session, line)  # the line's unit; the sale entry counts in the base unit
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is not None and item.blocked:
        problems.append(Problem("SALES-ITEM-BLOCKED", where, {"item_no": item.no}))
        return None
    inventory = item is not None and item.type == "inventory"
    cost, entry_no, tracking, expires = ZERO, None, (None, None), None
    if inventory:
        entry_no = line.applies_from_item_entry
        if entry_no is None:
            problems.append(Problem("SALES-RETURN-APPLIES-FROM-MISSING", where,
                                    {"line_no": line.line_no, "entry_no": entry_no}))
            return None
        entry = returnable_entry(session, header.customer_no, line, qty * per, problems, claimed)
        if entry is None:
            return None
        tracking = returned_tracking(line, entry, problems)
        expires = entry.expiration_date  # the sale's lot comes back with its expiration date
        cost = sales_costing.exact_return_cost(session, entry_no, qty * per, comp.currency)
    return SalesLineSnap(
        line.line_no, line.type, line.no, line.description, -qty, line.unit_price, line.line_discount_pct,
        line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code, inventory,
        item.inventory_posting_group if item else None, cost=-cost, applies_to_entry=entry_no,
        serial_no=tracking[0], lot_no=tracking[1], variant_code=line.variant_code, qty_per_unit=per,
        expiration_date=expires)
