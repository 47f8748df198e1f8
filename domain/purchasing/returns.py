"""Purchase return orders: return shipment (expected cost), then the credit memo (actual cost).

Business Central "Process Purchase Returns or Cancellations": a return order
is a purchase order with ``document_type`` return_order whose item lines name
the receipt's item ledger entry they return (``applies_to_entry``). Posting the
*return shipment* makes an outbound purchase item ledger entry applied fixed to
that entry, valued at its exact cost as negative expected cost (the receipt
code, ``plan_receipt``, with a negative quantity). Invoicing makes a purchase
credit memo of the return shipment lines, which turns the expected cost into
actual cost on the same entry (``post_receipt_invoice``). On a return order
line ``quantity_received`` is the quantity shipped back ("Return Qty. Shipped")
and ``quantity_invoiced`` the quantity credited. Posted return shipments are
stored as posted receipts with negative quantities.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identifiers import normalise_document_no
from domain.identity import access
from domain.inventory import costs as sales_costing
from domain.inventory import state as inventory_state
from domain.inventory import units
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.order_posting import ReceiptLine
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing import kernel, receipt_posting, tracking
from domain.purchasing import orders as po
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine
from domain.purchasing.receipts import post_receipt_invoice
from domain.setup.model.cards import Item
from domain.setup.queries import company


def create_return_order(app: App, data: dict) -> str:
    with app.uow() as session:
        access.require(session, app.user, "purchase.edit")
        return po.build_order(session, {**data, "document_type": "return_order"}, app.user, app.today).no


def ship(app: App, no: str, quantities: dict[int, Decimal] | None = None) -> PostResult | Rejected:
    """Post a return shipment of ``quantities`` (default: everything not shipped yet)."""
    def run(session: Session) -> PostResult | Rejected:
        header = kernel.locked_order(session, no, "return_order")
        if unknown := po.unknown_lines(header, quantities):
            return unknown
        if gate := kernel.approval_problems(session, header, app.user):
            return Rejected(gate)
        wanted = {line.line_no: (quantities or {}).get(line.line_no, line.quantity - line.quantity_received)
                  for line in header.lines}
        result = ship_lines(session, header, wanted, app.user)
        return result if isinstance(result, Rejected) else PostResult(result)

    result = access.command(app, "purchase.post", run)
    kernel.audit_gate_refusal(app, no, result)
    return result


def invoice(app: App, no: str, vendor_cr_memo_no: str | None = None,
            quantities: dict[int, Decimal] | None = None) -> PostResult | Rejected:
    """Post the credit memo of what has been shipped back and not credited yet."""
    def run(session: Session) -> PostResult | Rejected:
        header = kernel.locked_order(session, no, "return_order")
        if vendor_cr_memo_no:
            header.vendor_invoice_no = vendor_cr_memo_no
            header.vendor_invoice_no_norm = normalise_document_no(vendor_cr_memo_no)
        if unknown := po.unknown_lines(header, quantities):
            return unknown
        if gate := kernel.approval_problems(session, header, app.user):
            return Rejected(gate)
        wanted = {line.line_no: (quantities or {}).get(line.line_no, line.quantity_received - line.quantity_invoiced)
                  for line in header.lines}
        return _credit_memo(session, header, wanted, app.user)

    result = access.command(app, "purchase.post", run)
    kernel.audit_gate_refusal(app, no, result)
    return result


def post_return_order(session, header: PurchaseHeader, user) -> PostResult | Rejected:
    """`purchase post` on a return order: ship what is not shipped yet, then credit
    everything shipped and not credited (BC "Ship and Invoice"), in the caller's transaction."""
    to_ship = {line.line_no: line.quantity - line.quantity_received for line in header.lines}
    if any(qty > ZERO for qty in to_ship.values()):
        shipped = ship_lines(session, header, to_ship, user)
        if isinstance(shipped, Rejected):
            return shipped
        session.flush()
        session.refresh(header)
    to_credit = {line.line_no: line.quantity_received - line.quantity_invoiced for line in header.lines}
    return _credit_memo(session, header, to_credit, user)


def ship_lines(session, header: PurchaseHeader, quantities: dict[int, Decimal], user) -> str | Rejected:
    comp = company(session)
    problems, taken, lines, rows = [], [], [], []
    numbers = [max((line.line_no for line in header.lines), default=0)]  # extra lines of tracked returns
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if line.tracking and ZERO < qty <= line.quantity - line.quantity_received:
            tracked = tracking.return_lines(session, line, qty, comp.currency, numbers, problems)
            lines += tracked
            rows += [(line, r.quantity, r.line_no) for r in tracked]
            taken.append((line, -qty))
            continue
        found = _return_line(session, line, qty, comp, problems)
        if found is not None:
            lines.append(found)
        taken.append((line, -qty))
        rows.append((line, -qty, line.line_no))
    if not taken and not problems:
        problems.append(Problem("PURCH-NOTHING-TO-SHIP", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    posted = receipt_posting.post_receipt(session, comp, header, lines, "PRSHP", "return_shipment", user,
                                 header.vendor_invoice_no or None)
    if isinstance(posted, Rejected):
        return posted
    shipment_no, written = posted
    receipt_posting.insert_receipt(session, header, shipment_no, rows, written, user, None)
    for line, qty in taken:
        line.quantity_received = line.quantity_received - qty
        line.qty_to_receive = line.quantity - line.quantity_received
    return shipment_no


def _return_line(session, line: PurchaseLine, qty: Decimal, comp, problems) -> ReceiptLine | None:
    """The outbound line of a return: exact cost of ``qty`` of the applied receipt entry."""
    where, outstanding = f"lines[{line.line_no}]", line.quantity - line.quantity_received
    if qty < ZERO or qty > outstanding:
        problems.append(Problem("PURCH-RETURN-MORE-THAN-OUTSTANDING", where, {
            "line_no": line.line_no, "qty": str(qty), "outstanding": str(outstanding)}))
        return None
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is None or item.type != "inventory":
        return None
    entry = session.get(ItemLedgerEntry, line.applies_to_item_entry) if line.applies_to_item_entry else None
    if entry is None or not entry.positive or entry.item_no != item.no or entry.entry_type != "purchase":
        problems.append(Problem("PURCH-RETURN-APPLIES-TO-ENTRY-MISSING", where, {
            "line_no": line.line_no, "entry_no": line.applies_to_item_entry}))
        return None
    if rounding := units.line_rounding_problem(session, line, qty, f"{where}.quantity"):
        problems.append(rounding)
        return None
    base = units.line_base(session, line, qty)  # the line's unit; the entries count in the base unit
    remaining = entry.remaining_quantity - inventory_state.planned_draw(session, entry.entry_no)  # earlier lines
    if base > remaining:
        problems.append(Problem("PURCH-RETURN-MORE-THAN-RECEIVED", where, {
            "line_no": line.line_no, "qty": str(base), "entry_no": entry.entry_no, "remaining": str(remaining)}))
        return None
    inventory_state.plan_draws(session, ((entry.entry_no, base),))
    actual, expected = sales_costing.entry_cost(session, entry.entry_no)
    cost = sales_costing.share(actual + expected, base, entry.quantity, comp.currency)
    return ReceiptLine(line.line_no, item.no, line.description, entry.location_code, -base, -cost,
                       item.inventory_posting_group, line.gen_prod_posting_group,
                       applies_to_entry=entry.entry_no, variant_code=entry.variant_code)


def _credit_memo(session, header: PurchaseHeader, quantities, user) -> PostResult | Rejected:
    problems, lines = [], []
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if qty < ZERO or qty > line.quantity_received - line.quantity_invoiced:
            problems.append(Problem("PURCH-CREDIT-MORE-THAN-SHIPPED", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "qty": str(qty),
                "shipped_not_credited": str(line.quantity_received - line.quantity_invoiced)}))
            continue
        for row, take in _open_shipment_lines(session, line.id, qty):
            lines.append(po.invoice_line(row, take, line.direct_unit_cost, line.line_discount_pct))
    if not lines and not problems:
        problems.append(Problem("PURCH-NOTHING-TO-INVOICE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    draft = po.new_invoice_draft(session, header, lines, user, "credit_memo")
    return post_receipt_invoice(session, draft, user)


def _open_shipment_lines(session, order_line_id: int, qty: Decimal):
    rows = session.scalars(select(PostedPurchaseReceiptLine).where(
        PostedPurchaseReceiptLine.order_line_id == order_line_id,
        PostedPurchaseReceiptLine.quantity < ZERO).order_by(PostedPurchaseReceiptLine.id)).all()
    left = qty
    for row in rows:
        open_qty = row.quantity_invoiced - row.quantity
        if left == ZERO or open_qty <= ZERO:
            continue
        take = min(left, open_qty)
        left -= take
        yield row, take
