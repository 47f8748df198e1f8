"""Special orders (BC "Special Order" on a sales order line).

A special-order line is bought for this one sale: ``sales create-purchase-orders`` proposes it
in full (whatever is on hand) on a purchase order of its own per vendor, delivered to our own
location (the line's), not to the customer as a drop shipment is; the two lines name each
other (sales ``purchase_order_no`` / ``purchase_order_line_no``, purchase ``sales_order_no`` /
``sales_order_line_no``). Receiving the purchase order puts the goods in stock reserved for the
sales line: no other sales line takes those receipt entries while the special-order line is not
fully shipped, and the special-order line ships from them (fixed application to the receipt),
then invoices as any order line does. The purchase order line is reserved for the sales line
(a reservation entry, :mod:`domain.sales.reservations`) when it is made, so the receipt entry
is reserved for it once received and ``sales show`` / ``report reservations`` show the link;
the receipt entries are also kept from other lines as a whole (``reserved_entries``) for
special orders made before reservations existed.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.inventory import costs as inventory_costs
from domain.inventory import reservations
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import Problem
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine
from domain.sales.model import SalesHeader, SalesLine


def special_order_problems(doc_type: str, line: SalesLine) -> list[Problem]:
    """A special order is an item line of a quote or order, and not also a drop shipment."""
    if not line.special_order:
        return []
    field = f"lines[{line.line_no}].special_order"
    if line.drop_shipment:
        return [Problem("SALES-SPECIAL-AND-DROP-SHIPMENT", field, {"line_no": line.line_no})]
    if line.type != "item":
        return [Problem("SALES-SPECIAL-ORDER-ITEM-ONLY", field, {"line_no": line.line_no, "type": line.type})]
    if doc_type not in ("quote", "order"):
        return [Problem("SALES-SPECIAL-ORDER-ORDER-ONLY", field, {"line_no": line.line_no})]
    return []


def _receipt_entries(session: Session, order_no: str | None, order_line_no: int | None) -> list[int]:
    """The item ledger entries of the receipts of purchase order line (``order_no``, ``order_line_no``)."""
    if not order_no:
        return []
    rl, pl, ph = PostedPurchaseReceiptLine, PurchaseLine, PurchaseHeader
    return list(session.scalars(select(rl.item_ledger_entry_no).join(pl, pl.id == rl.order_line_id).join(ph).where(
        ph.no == order_no, ph.document_type == "order", pl.line_no == order_line_no,
        rl.item_ledger_entry_no.is_not(None)).order_by(rl.item_ledger_entry_no)))


def reserved_entries(session: Session, except_line_id: int | None = None) -> frozenset[int]:
    """Receipt entries reserved for special-order lines not yet fully shipped (but ``except_line_id``)."""
    sl, sh = SalesLine, SalesHeader
    rows = session.execute(select(sl.purchase_order_no, sl.purchase_order_line_no).join(sh).where(
        sh.document_type == "order", sl.special_order.is_(True), sl.quantity_shipped < sl.quantity,
        sl.id != (except_line_id or 0))).all()
    return frozenset(entry for order_no, line_no in rows for entry in _receipt_entries(session, order_no, line_no))


def take_reserved(session: Session, item, line: SalesLine, qty: Decimal, currency: str):
    """(cost, applications) of shipping ``qty`` of special-order ``line`` from the receipts of its
    purchase order line (fixed application), or the Problem why not."""
    where = f"lines[{line.line_no}]"
    if not line.purchase_order_no:
        return Problem("SALES-SPECIAL-ORDER-NO-PURCHASE-ORDER", where, {"line_no": line.line_no})
    cost, applications, left = ZERO, [], qty
    for entry_no in _receipt_entries(session, line.purchase_order_no, line.purchase_order_line_no):
        entry = session.get(ItemLedgerEntry, entry_no)
        take = min(left, entry.remaining_quantity) if entry.open else ZERO
        if take <= ZERO or entry.location_code != line.location_code:
            continue
        found = inventory_costs.outbound(session, item, line.location_code, take, currency, applies_to=entry_no,
                                         sales_line_id=line.id)
        if isinstance(found, Problem):
            continue  # drawn already by an earlier line of this shipment
        reservations.consume(session, line.id, found[1])
        cost, left = cost + found[0], left - take
        applications += found[1]
        if left <= ZERO:
            return cost, tuple(applications)
    return Problem("SALES-SPECIAL-ORDER-NOT-RECEIVED", where, {
        "line_no": line.line_no, "purchase_order_no": line.purchase_order_no, "requested": f"{qty.normalize():f}",
        "received": f"{(qty - left).normalize():f}"})
