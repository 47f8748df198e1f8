"""Invoice sales documents: invoices, credit memos, and what orders have shipped.

BC "Post" on a sales order offers Ship, Invoice, or Ship and Invoice; a sales
invoice or credit memo posts directly. ``quantities`` (line no. -> qty, the
CLI's ``--qty LINE=QTY``) overrides Qty. to Ship / Qty. to Invoice for the
named lines; unnamed lines take their outstanding quantity, as BC's defaults
do. An order cannot invoice more than it has shipped: invoicing a shipped
quantity turns the shipment entry's expected cost into actual cost
(:class:`domain.sales.rules.ShippedPart`); a direct invoice draws from stock by
costing method; a credit memo takes the item back at the cost of the sale it
names (exact cost reversal) or at the item's unit cost. A fully shipped and
invoiced order is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.inventory import costs as inventory_costs
from domain.inventory import units
from domain.money import ZERO, round_amount
from domain.parse import QTY
from domain.problems import Problem, Rejected
from domain.ledger.rules.amounts import split
from domain.sales import kernel, prepayment, shipment_invoicing, stock, tracked_stock
from domain.sales.applies_from import returnable_entry
from domain.sales.kernel import ORDERS, SalesResult
from domain.sales.model import PostedSalesLine, SalesHeader, SalesLine
from domain.sales.rules import SalesLineSnap, ShippedPart, SnapPortion
from domain.sales.tracking import line_portions, returned_tracking, serial_on_hand
from domain.setup.model.cards import Item
from domain.setup.model.company import GLAccount
from domain.setup.queries import company

#: posts a shipment (return receipt) of (line no. -> qty); returns its number
ShipStep = Callable[[Session, SalesHeader, dict, "str | None"], "str | Rejected"]


def post_invoice(session: Session, header: SalesHeader, user, do_ship: bool, do_invoice: bool,
                 quantities) -> SalesResult | Rejected:
    """The handler of sales invoices and credit memos: they post whether shipping or invoicing."""
    if unknown := unknown_lines(header, quantities):
        return unknown
    invoice_no = invoice(session, header, quantities, user)
    if isinstance(invoice_no, Rejected):
        return invoice_no
    return SalesResult(None, invoice_no)


def unknown_lines(header: SalesHeader, quantities) -> Rejected | None:
    """``--qty 2=1`` naming a line the document does not have is refused, never ignored; so is
    a quantity the quantity columns cannot hold (more than 5 decimals, 10^12 or more)."""
    unknown = sorted(set(quantities or {}) - {line.line_no for line in header.lines})
    problems = [Problem("SALES-LINE-NOT-FOUND", f"lines[{n}]", {"no": header.no, "line_no": n}) for n in unknown]
    for n, qty in sorted((quantities or {}).items()):
        qty = Decimal(qty) if isinstance(qty, int) and not isinstance(qty, bool) else qty
        if not isinstance(qty, Decimal) or not qty.is_finite():
            problems.append(Problem("IMPORT-INVALID-NUMBER", f"lines[{n}].quantity", {"value": str(qty)}))
        elif qty.normalize().as_tuple().exponent < -QTY:
            problems.append(Problem("IMPORT-TOO-MANY-DECIMALS", f"lines[{n}].quantity",
                                    {"value": str(qty), "places": QTY}))
        elif abs(qty) >= Decimal(10) ** 12:
            problems.append(Problem("IMPORT-NUMBER-TOO-LARGE", f"lines[{n}].quantity", {"value": str(qty)}))
    return Rejected(problems) if problems else None


def post_order(session: Session, header: SalesHeader, user, do_ship: bool, do_invoice: bool, quantities,
               ship: ShipStep) -> SalesResult | Rejected:
    """An order (return order): ``ship`` (receive back) what is asked, invoice what is asked, close if done."""
    if unknown := unknown_lines(header, quantities):
        return unknown
    if header.document_type == "order" and (unpaid := prepayment.check(session, header)):
        return unpaid
    shipment_no = None
    if do_ship:
        wanted = {line.line_no: quantities.get(line.line_no, line.quantity - line.quantity_shipped)
                  for line in header.lines}
        shipment_no = ship(session, header, wanted, user)
        if isinstance(shipment_no, Rejected):
            return shipment_no
    invoice_no = None
    if do_invoice:
        invoice_no = invoice(session, header, quantities, user)
        if isinstance(invoice_no, Rejected):
            return invoice_no
    return SalesResult(shipment_no, invoice_no, closed=kernel.close_if_done(header))


def _to_invoice(header: SalesHeader, quantities) -> dict[int, Decimal]:
    if header.document_type not in ORDERS:
        return {line.line_no: quantities.get(line.line_no, line.quantity) for line in header.lines}
    return {line.line_no: quantities.get(line.line_no, line.quantity_shipped - line.quantity_invoiced)
            for line in header.lines}


def invoice(session: Session, header: SalesHeader, quantities, user) -> str | Rejected:
    """Post the invoice (credit memo) of ``quantities``; returns the posted number."""
    comp = company(session)
    wanted = _to_invoice(header, quantities)
    problems: list[Problem] = []
    snaps, used, claimed = [], [], {}
    for line in header.lines:
        qty = wanted.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        snap = _invoice_line(session, header, line, qty, comp, problems, used, claimed)
        if snap is not None:
            snaps.append((line, snap))
    if not snaps and not problems:
        problems.append(Problem("SALES-NOTHING-TO-INVOICE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    doc_type = "credit_memo" if header.document_type in ("credit_memo", "return_order") else "invoice"
    deductions = prepayment.deduction_snaps(session, header, snaps)  # the order's prepayment, line by line
    if isinstance(deductions, Rejected):
        return deductions
    order = header
    if header.document_type == "invoice" and any(line.shipment_line_id for line in header.lines):
        found = shipment_invoicing.deductions(session, header, snaps)  # Get Shipment Lines: its order's
        if isinstance(found, Rejected):
            return found
        deductions, order = found
    snaps += deductions
    posted_no = kernel.post_invoice(session, comp, header, snaps, doc_type, user)
    if isinstance(posted_no, Rejected):
        return posted_no
    if order is not None:
        prepayment.record_final(session, order, deductions, posted_no, user)
    _record_invoiced(session, snaps, used, Decimal(1) if doc_type == "invoice" else Decimal(-1))
    shipment_invoicing.record(session, snaps)
    if header.document_type not in ORDERS:
        header.status, header.posted_no = "posted", posted_no
    return posted_no


def _invoice_line(session, header, line: SalesLine, qty, comp, problems, used, claimed) -> SalesLineSnap | None:
    where = f"lines[{line.line_no}]"
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is not None and item.blocked:
        problems.append(Problem("SALES-ITEM-BLOCKED", where, {"item_no": item.no}))
        return None
    inventory = item is not None and item.type == "inventory"
    shipped, cost, applications, open_quantity, per, portions = (), ZERO, (), ZERO, Decimal(1), ()
    tracking = (line.serial_no, line.lot_no)
    if header.document_type in ORDERS:
        if qty > line.quantity_shipped - line.quantity_invoiced or qty < ZERO:
            code = "SALES-INVOICE-MORE-THAN-SHIPPED" if header.document_type == "order" else \
                "SALES-CREDIT-MORE-THAN-RECEIVED"
            problems.append(Problem(code, where, {
                "line_no": line.line_no, "qty": str(qty),
                "shipped_not_invoiced": str(line.quantity_shipped - line.quantity_invoiced)}))
            return None
        if rounding := units.line_rounding_problem(session, line, qty, f"{where}.quantity"):
            problems.append(rounding)
            return None
        shipped = _shipped_parts(session, line, qty, comp.currency, used) if inventory else ()
    elif line.shipment_line_id is not None:  # Get Shipment Lines: its shipment's entry, not stock
        shipped = shipment_invoicing.shipped_parts(session, line, qty, comp.currency, problems)
        if shipped is None:
            return None
    elif inventory:
        per = units.qty_per(session, item, line.unit_of_measure)  # a direct line: the stock moves in base units
        if per is None:
            problems += units.line_problems(session, item, line.unit_of_measure, "", where, "invoice")
            return None
        if header.document_type == "credit_memo":
            returned = _return_cost(session, header, line, item, qty * per, comp.currency, problems, claimed)
            if returned is None:
                return None
            cost, tracking = returned
            if line.applies_from_item_entry is None and len(line_portions(line)) > 1:
                portions = _returned_portions(session, line, item, cost, comp.currency, problems)
        elif tracked_stock.uses_portions(line) or tracked_stock.posting_problems(session, line, item):
            portions = _sold_portions(session, header, line, item, qty, per, comp.currency, problems)
            if portions is None:
                return None
            cost, tracking = sum((p.cost for p in portions), ZERO), (None, None)
        else:
            found = stock.take(session, item, line, qty * per, comp.currency, header.posting_date)
            if isinstance(found, Problem):
                problems.append(found)
                return None
            cost, applications = found
            open_quantity = qty * per - sum((take for _, take in applications), ZERO)  # short: stays open
    return SalesLineSnap(
        line.line_no, line.type, line.no, line.description, qty, line.unit_price, line.line_discount_pct,
        line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code, inventory,
        item.inventory_posting_group if item else None, shipped, cost, applications,
        line.applies_from_item_entry,
        gl_account_known=line.type != "gl_account" or session.get(GLAccount, line.no) is not None,
        item_blocked=bool(item and item.blocked), serial_no=tracking[0], lot_no=tracking[1],
        open_quantity=open_quantity, qty_per_unit=per, variant_code=line.variant_code, portions=portions,
        expiration_date=_expiration(session, line, applications, tracking))


def _return_cost(session, header: SalesHeader, line: SalesLine, item: Item, qty, currency, problems,
                 claimed) -> tuple[Decimal, tuple[str | None, str | None]] | None:
    """A credit memo line's cost and serial/lot: the sale it names, checked as a return
    order's line is (:mod:`domain.sales.applies_from`), or the item's unit cost."""
    if line.applies_from_item_entry is None:
        if serial_on_hand(session, item.no, line.serial_no):
            problems.append(Problem("SALES-SERIAL-ON-HAND", f"lines[{line.line_no}].tracking",
                                    {"serial_no": line.serial_no, "item_no": item.no}))
            return None
        return round_amount(item.unit_cost * qty, currency), (line.serial_no, line.lot_no)
    entry = returnable_entry(session, header.customer_no, line, qty, problems, claimed)
    if entry is None:
        return None
    tracking = returned_tracking(line, entry, problems)
    return inventory_costs.exact_return_cost(session, entry.entry_no, qty, currency), tracking


def _expiration(session, line: SalesLine, applications, tracking):
    """The lot's expiration date on the line's new entry: a sale's from the entries it takes, a
    return's from the sale it applies from, else the date the line gives."""
    if not any(tracking):
        return None
    if applications:
        return stock.expiration_of(session, applications)
    if line.applies_from_item_entry is not None:
        return stock.expiration_of(session, ((line.applies_from_item_entry, ZERO),))
    return line.expiration_date


def _sold_portions(session, header, line: SalesLine, item: Item, qty, per, currency,
                   problems) -> tuple[SnapPortion, ...] | None:
    """A direct invoice line of a tracked item: each serial/lot portion out of stock (the
    whole line: a direct invoice invoices its full quantity with its tracking)."""
    found = tracked_stock.posting_problems(session, line, item)
    if not found and qty != line.quantity:
        found = [Problem("SALES-TRACKING-QUANTITY-MISMATCH", f"lines[{line.line_no}].tracking", {
            "line_no": line.line_no, "tracked": str(line.quantity), "quantity": str(qty)})]
    if found:
        problems += found
        return None
    before = len(problems)
    portions = tuple(tracked_stock.take_each(session, item, line, [
        replace(p, quantity=p.quantity * per) for p in line_portions(line)], currency, header.posting_date,
        problems))
    return None if len(problems) > before else portions


def _returned_portions(session, line: SalesLine, item: Item, cost: Decimal, currency: str,
                       problems) -> tuple[SnapPortion, ...]:
    """A credit memo line of several serial/lot nos. (no sale named): one inbound entry each, the
    line's cost split by quantity; a serial no. on hand cannot come back."""
    portions = line_portions(line)
    for p in portions:
        if serial_on_hand(session, item.no, p.serial_no):
            problems.append(Problem("SALES-SERIAL-ON-HAND", f"lines[{line.line_no}].tracking",
                                    {"serial_no": p.serial_no, "item_no": item.no}))
    costs = split(cost, [p.quantity for p in portions], currency)
    return tuple(SnapPortion(p.serial_no, p.lot_no, p.quantity, c, (), p.expiration_date)
                 for p, c in zip(portions, costs))


def _shipped_parts(session, line: SalesLine, qty, currency, used) -> tuple[ShippedPart, ...]:
    """Take ``qty`` from the line's shipment lines not yet invoiced, oldest first."""
    parts, left = [], qty
    rows = session.scalars(select(PostedSalesLine).where(
        PostedSalesLine.order_line_id == line.id, PostedSalesLine.item_ledger_entry_no.is_not(None))
        .order_by(PostedSalesLine.id)).all()
    for row in rows:
        open_qty = row.quantity - row.quantity_invoiced
        if left == ZERO or open_qty <= ZERO:
            continue
        take = min(open_qty, left)
        _, expected = inventory_costs.entry_cost(session, row.item_ledger_entry_no)
        parts.append(ShippedPart(row.item_ledger_entry_no, take,
                                 inventory_costs.share(-expected, take, open_qty, currency),
                                 units.line_per(session, line)))
        used.append((row, take))
        left -= take
    return tuple(parts)


def _record_invoiced(session, snaps, used, sign=Decimal(1)) -> None:
    for row, take in used:  # ``take`` in the line's unit, the entry in the base unit
        row.quantity_invoiced = row.quantity_invoiced + take
        inventory_costs.invoice_entry(session, row.item_ledger_entry_no, -sign * units.line_base(session, row, take))
    for line, snap in snaps:
        line.quantity_invoiced = line.quantity_invoiced + snap.quantity
        line.qty_to_invoice = line.quantity - line.quantity_invoiced
