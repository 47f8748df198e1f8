"""Sales invoices made of posted shipment lines (BC "Get Shipment Lines", codeunit Sales-Get Shipment).

``sales get-shipment-lines INVOICE SHIPMENT…`` adds every shipment line not yet invoiced (and
not on another open draft) to a draft sales invoice of the same customer, at the order line's
price and discount; the invoice line names the shipment line it invoices. Posting such an
invoice does not ship again: each line invoices its shipment line's item ledger entry (the
expected cost becomes actual, :class:`domain.sales.rules.ShippedPart`), the shipment line's
and the order line's Quantity Invoiced grow, and a fully invoiced order is closed. The order's
prepayment is deducted as the order's own final invoice deducts it (the same
:func:`domain.sales.prepayment.deduction_snaps`, in the posting's transaction: a draft deleted
before posting deducts nothing), and "Check Prepmt. when Posting" holds the invoice while the
order's prepayment is unpaid. The purchase side is ``purchase get-receipt-lines``.

Like any edit (:mod:`domain.sales.lines`): refused while the invoice waits for approval; on a
released invoice it is a new version that reopens it and voids its approval.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App, required_port
from domain.db import lock
from domain.identity import access
from domain.inventory import costs as inventory_costs
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected
from domain.sales import prepayment
from domain.sales.documents import get_document
from domain.sales.kernel import close_if_done
from domain.sales.lines import editable
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.sales.rules import ShippedPart


def get_shipment_lines(app: App, invoice_no: str, shipment_nos: list[str]) -> int:
    """Add the open lines of ``shipment_nos`` to draft invoice ``invoice_no``; returns how many."""
    try:
        with app.uow() as session:
            access.require(session, app.user, "sales.edit")
            get_document(session, invoice_no)  # NotFound when there is none
            draft = editable(session, invoice_no)
            if draft.document_type != "invoice":
                raise DomainError("SALES-NOT-AN-OPEN-INVOICE", f"{invoice_no} is not an open invoice", no=invoice_no)
            return _add(session, app, draft, shipment_nos)
    except DomainError as exc:
        app.port("approvals").refused(app, invoice_no, app.user, "edit", exc)
        raise


def _add(session: Session, app: App, draft: SalesHeader, shipment_nos: list[str]) -> int:
    on_drafts = set(session.scalars(select(SalesLine.shipment_line_id).join(SalesHeader).where(
        SalesLine.shipment_line_id.is_not(None), SalesHeader.status != "posted")))
    next_line = max((line.line_no for line in draft.lines), default=0)
    added = 0
    for shipment_no in shipment_nos:
        shipment = session.get(PostedSalesHeader, shipment_no)
        if shipment is None or shipment.document_type != "shipment" or shipment.customer_no != draft.customer_no:
            raise DomainError("SALES-SHIPMENT-NOT-FOR-CUSTOMER", f"{shipment_no} is not a shipment to "
                              f"{draft.customer_no}", shipment_no=shipment_no, customer_no=draft.customer_no)
        for row in session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == shipment_no)
                                   .order_by(PostedSalesLine.line_no)):
            order_line = session.get(SalesLine, row.order_line_id) if row.order_line_id else None
            open_qty = row.quantity - row.quantity_invoiced
            if order_line is None or open_qty <= ZERO or row.id in on_drafts:
                continue
            next_line += 1
            draft.lines.append(_invoice_line(row, order_line, open_qty, next_line))
            added += 1
    session.flush()
    if added:
        draft.version += 1
        before, draft.status = draft.status, "open"
        required_port(session, "approvals").edited(session, draft, app.user, before,
                                                   f"get shipment lines {', '.join(shipment_nos)}")
    return added


def _invoice_line(row: PostedSalesLine, order_line: SalesLine, qty: Decimal, line_no: int) -> SalesLine:
    return SalesLine(
        line_no=line_no, type=row.type, no=row.no, description=row.description, quantity=qty,
        unit_of_measure=row.unit_of_measure, variant_code=order_line.variant_code, unit_price=order_line.unit_price,
        line_discount_pct=order_line.line_discount_pct, gen_prod_posting_group=row.gen_prod_posting_group,
        vat_prod_posting_group=row.vat_prod_posting_group, location_code=row.location_code, qty_to_invoice=qty,
        serial_no=order_line.serial_no, lot_no=order_line.lot_no, shipment_line_id=row.id)


def shipped_parts(session: Session, line: SalesLine, qty: Decimal, currency: str,
                  problems: list[Problem]) -> tuple[ShippedPart, ...] | None:
    """What invoicing ``qty`` of invoice line ``line`` takes of its shipment line's entry (None
    and a problem when the shipment line has less left to invoice)."""
    row = session.get(PostedSalesLine, line.shipment_line_id)
    open_qty = row.quantity - row.quantity_invoiced if row is not None else ZERO
    if row is None or qty < ZERO or qty > open_qty or (row.type, row.no) != (line.type, line.no):
        problems.append(Problem("SALES-INVOICE-MORE-THAN-SHIPPED", f"lines[{line.line_no}]", {
            "line_no": line.line_no, "qty": str(qty), "shipped_not_invoiced": str(open_qty)}))
        return None
    if row.item_ledger_entry_no is None:
        return ()
    _, expected = inventory_costs.entry_cost(session, row.item_ledger_entry_no)
    return (ShippedPart(row.item_ledger_entry_no, qty, inventory_costs.share(-expected, qty, open_qty, currency)),)


def deductions(session: Session, header: SalesHeader, snaps: list) -> tuple[list, SalesHeader | None] | Rejected:
    """The prepayment deduction lines of an invoice of shipment lines, numbered after its lines,
    and the order they deduct from; or the order's PREPMT-UNPAID. An invoice deducts the
    prepayment of one order (it is that order's prepayment document)."""
    per_order: dict[int, list] = {}
    for line, snap in snaps:
        order_line = _order_line(session, line)
        if order_line is not None:
            per_order.setdefault(order_line.header_id, []).append((order_line, snap))
    result, orders = [], []
    next_no = max((line.line_no for line in header.lines), default=0)
    for order_id in sorted(per_order):
        order = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.id == order_id)))
        if unpaid := prepayment.check(session, order):
            return unpaid
        found = prepayment.deduction_snaps(session, order, per_order[order_id])
        if isinstance(found, Rejected):
            return found
        for doc_line, snap in found:
            next_no += 1
            doc_line.line_no = next_no
            result.append((doc_line, replace(snap, line_no=next_no)))
        if found:
            orders.append(order)
    if len(orders) > 1:
        return Rejected([Problem("PREPMT-DEDUCTION-SEVERAL-ORDERS", "lines",
                                 {"no": header.no, "orders": ", ".join(o.no for o in orders)})])
    return result, (orders[0] if orders else None)


def record(session: Session, snaps: list) -> None:
    """After posting: each shipment line's and order line's Quantity Invoiced, the shipment's
    item ledger entry invoiced; an order invoiced in full is closed."""
    orders = {}
    for line, snap in snaps:
        if not isinstance(line, SalesLine) or line.shipment_line_id is None:
            continue
        row = session.get(PostedSalesLine, line.shipment_line_id)
        row.quantity_invoiced = row.quantity_invoiced + snap.quantity
        if row.item_ledger_entry_no is not None:
            inventory_costs.invoice_entry(session, row.item_ledger_entry_no, -snap.quantity)
        order_line = session.get(SalesLine, row.order_line_id)
        order_line.quantity_invoiced = order_line.quantity_invoiced + snap.quantity
        order_line.qty_to_invoice = order_line.quantity - order_line.quantity_invoiced
        orders[order_line.header_id] = order_line.header
    for order in orders.values():
        close_if_done(order)


def _order_line(session: Session, line) -> SalesLine | None:
    if not isinstance(line, SalesLine) or line.shipment_line_id is None:
        return None
    row = session.get(PostedSalesLine, line.shipment_line_id)
    return session.get(SalesLine, row.order_line_id) if row is not None and row.order_line_id else None
