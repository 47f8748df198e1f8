"""Ship, invoice or post (ship + invoice) sales documents; one transaction each.

BC "Post" on a sales order offers Ship, Invoice, or Ship and Invoice; a sales
invoice or credit memo posts directly. ``quantities`` (line no. -> qty, the
CLI's ``--qty LINE=QTY``) overrides Qty. to Ship / Qty. to Invoice for the
named lines; unnamed lines take their outstanding quantity, as BC's defaults
do. An order cannot invoice more than it has shipped; a fully shipped and
invoiced order is closed. Posting a posted invoice again returns its number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity.access import require
from domain.inventory import costs as sales_costing
from domain.ledger.customer_entries import write_customer_entry
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO, round_amount
from domain.problems import Problem, Rejected
from domain.sales.documents import credit_limit_warnings
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.sales.returns import receive_lines
from domain.sales.rules import SalesLineSnap, ShippedPart, plan_sales
from domain.sales.shipping import posted_header_row, ship_lines, snapshot_for
from domain.setup.model.cards import Customer, Item
from domain.setup.model.company import Company, GLAccount
from domain.setup.numbers import next_no
from domain.setup.queries import company, setup_tables


@dataclass(frozen=True)
class SalesResult:
    shipment_no: str | None = None
    invoice_no: str | None = None
    already_posted: bool = False
    closed: bool = False
    warnings: tuple[Problem, ...] = field(default_factory=tuple)


#: documents that ship (or, for a return order, receive back) before they are invoiced
ORDERS = ("order", "return_order")


def ship(app: App, no: str, quantities: dict[int, Decimal] | None = None) -> SalesResult | Rejected:
    return _run(app, no, True, False, quantities or {})


def invoice(app: App, no: str, quantities: dict[int, Decimal] | None = None) -> SalesResult | Rejected:
    return _run(app, no, False, True, quantities or {})


def post(app: App, no: str, quantities: dict[int, Decimal] | None = None) -> SalesResult | Rejected:
    return _run(app, no, True, True, quantities or {})


def _run(app: App, no: str, do_ship: bool, do_invoice: bool, quantities) -> SalesResult | Rejected:
    with app.uow() as session:
        require(session, app.user, "sales.post")
        result = post_in_session(session, no, app.user, do_ship, do_invoice, quantities)
        if isinstance(result, Rejected):
            session.rollback()
        return result


def post_in_session(session: Session, no: str, user, do_ship: bool, do_invoice: bool,
                    quantities: dict[int, Decimal]) -> SalesResult | Rejected:
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None:
        return Rejected([Problem("SALES-DOCUMENT-NOT-FOUND", "no", {"no": no})])
    if header.status == "posted":
        return SalesResult(invoice_no=header.posted_no, already_posted=True)
    if header.document_type == "quote" or header.status in ("converted", "closed"):
        return Rejected([Problem("SALES-CANNOT-POST", "no", {"no": no, "status": header.status,
                                                              "document_type": header.document_type})])
    warnings = tuple(credit_limit_warnings(session, header))
    shipment_no = None
    if header.document_type == "order" and do_ship:
        wanted = {line.line_no: quantities.get(line.line_no, line.quantity - line.quantity_shipped)
                  for line in header.lines}
        shipment_no = ship_lines(session, header, wanted, user)
        if isinstance(shipment_no, Rejected):
            return shipment_no
    if header.document_type == "return_order" and do_ship:  # the return receipt
        wanted = {line.line_no: quantities.get(line.line_no, line.quantity - line.quantity_shipped)
                  for line in header.lines}
        shipment_no = receive_lines(session, header, wanted, user)
        if isinstance(shipment_no, Rejected):
            return shipment_no
    invoice_no = None
    if do_invoice or header.document_type not in ORDERS:
        invoice_no = _invoice(session, header, quantities, user)
        if isinstance(invoice_no, Rejected):
            return invoice_no
    closed = _close_if_done(header)
    return SalesResult(shipment_no, invoice_no, closed=closed, warnings=warnings)


def _close_if_done(header: SalesHeader) -> bool:
    if header.document_type not in ORDERS:
        return False
    if all(line.quantity_invoiced == line.quantity for line in header.lines):
        header.status = "closed"
        return True
    return False


def _to_invoice(header: SalesHeader, quantities) -> dict[int, Decimal]:
    if header.document_type not in ORDERS:
        return {line.line_no: quantities.get(line.line_no, line.quantity) for line in header.lines}
    return {line.line_no: quantities.get(line.line_no, line.quantity_shipped - line.quantity_invoiced)
            for line in header.lines}


def _invoice(session: Session, header: SalesHeader, quantities, user) -> str | Rejected:
    comp = company(session)
    wanted = _to_invoice(header, quantities)
    problems: list[Problem] = []
    snaps, used = [], []
    for line in header.lines:
        qty = wanted.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        snap = _invoice_line(session, header, line, qty, comp, problems, used)
        if snap is not None:
            snaps.append((line, snap))
    if not snaps and not problems:
        problems.append(Problem("SALES-NOTHING-TO-INVOICE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    doc_type = "credit_memo" if header.document_type in ("credit_memo", "return_order") else "invoice"
    snapshot = snapshot_for(session, header, comp, user, tuple(s for _, s in snaps), doc_type)
    planned = plan_sales(snapshot, setup_tables(session), sales_costing.interim_setup(session))
    if isinstance(planned, Rejected):
        return planned
    posted_no = next_no(session, "PSI" if doc_type == "invoice" else "PSCM")
    reference = payment_reference(session, comp, posted_no) if doc_type == "invoice" else None
    planned.customer_entry.payment_reference = reference
    ref = DocRef(doc_type, posted_no, "SALES", user, "customer", header.customer_no)
    written = write_plan(session, planned.plan, ref, comp.automatic_cost_posting)
    write_customer_entry(session, planned.customer_entry, header.posting_date, header.document_date, doc_type,
                         posted_no, header.external_document_no, written.transaction_no, user)
    _insert_posted(session, header, posted_no, doc_type, snaps, planned.plan, written, user, reference)
    _record_invoiced(session, snaps, used, Decimal(1) if doc_type == "invoice" else Decimal(-1))
    if header.document_type not in ORDERS:
        header.status, header.posted_no = "posted", posted_no
    return posted_no


def _invoice_line(session, header, line: SalesLine, qty, comp, problems, used) -> SalesLineSnap | None:
    where = f"lines[{line.line_no}]"
    item = session.get(Item, line.no) if line.type == "item" else None
    inventory = item is not None and item.type == "inventory"
    shipped, cost, applications = (), ZERO, ()
    if header.document_type in ORDERS:
        if qty > line.quantity_shipped - line.quantity_invoiced or qty < ZERO:
            code = "SALES-INVOICE-MORE-THAN-SHIPPED" if header.document_type == "order" else \
                "SALES-CREDIT-MORE-THAN-RECEIVED"
            problems.append(Problem(code, where, {
                "line_no": line.line_no, "qty": str(qty),
                "shipped_not_invoiced": str(line.quantity_shipped - line.quantity_invoiced)}))
            return None
        shipped = _shipped_parts(session, line, qty, comp.currency, used) if inventory else ()
    elif inventory and header.document_type == "credit_memo":
        cost = _return_cost(session, line, item, qty, comp.currency, problems)
    elif inventory:
        found = sales_costing.outbound(session, item, line.location_code, qty, comp.currency)
        if isinstance(found, Problem):
            problems.append(Problem(found.code, where, {**found.params, "item_no": item.no}))
            return None
        cost, applications = found
    return SalesLineSnap(
        line.line_no, line.type, line.no, line.description, qty, line.unit_price, line.line_discount_pct,
        line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code, inventory,
        item.inventory_posting_group if item else None, shipped, cost, applications,
        line.applies_from_item_entry,
        gl_account_known=line.type != "gl_account" or session.get(GLAccount, line.no) is not None)


def _return_cost(session, line: SalesLine, item: Item, qty, currency, problems) -> Decimal:
    if line.applies_from_item_entry is None:
        return round_amount(item.unit_cost * qty, currency)
    cost = sales_costing.exact_return_cost(session, line.applies_from_item_entry, qty, currency)
    if cost is None:
        problems.append(Problem("SALES-APPLIES-FROM-NOT-A-SALE", f"lines[{line.line_no}]",
                                {"entry_no": line.applies_from_item_entry}))
        return ZERO
    return cost


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
        _, expected = sales_costing.entry_cost(session, row.item_ledger_entry_no)
        parts.append(ShippedPart(row.item_ledger_entry_no, take,
                                 sales_costing.share(-expected, take, open_qty, currency)))
        used.append((row, take))
        left -= take
    return tuple(parts)


def _record_invoiced(session, snaps, used, sign=Decimal(1)) -> None:
    for row, take in used:
        row.quantity_invoiced = row.quantity_invoiced + take
        sales_costing.invoice_entry(session, row.item_ledger_entry_no, -sign * take)
    for line, snap in snaps:
        line.quantity_invoiced = line.quantity_invoiced + snap.quantity
        line.qty_to_invoice = line.quantity - line.quantity_invoiced


def payment_reference(session: Session, comp: Company, posted_no: str) -> str | None:
    """KID (NO) or betalingskenmerk (NL) made from the invoice number's digits."""
    from domain.identifiers import betalingskenmerk_generate, kid_generate

    digits = "".join(ch for ch in posted_no if ch.isdigit())
    if not digits:
        return None
    if comp.country == "NO":
        return kid_generate(digits)
    if comp.country == "NL":
        return betalingskenmerk_generate(digits)
    return None


def _insert_posted(session, header, posted_no, doc_type, snaps, plan, written, user, reference) -> None:
    customer = session.get(Customer, header.customer_no)
    session.execute(insert(PostedSalesHeader), posted_header_row(
        header, customer.name, posted_no, doc_type, written.transaction_no, user, plan.amount,
        plan.amount_including_vat, reference))
    zero = (ZERO, ZERO, ZERO)
    session.execute(insert(PostedSalesLine), [
        {"document_no": posted_no, "line_no": line.line_no, "type": line.type, "no": line.no,
         "description": line.description, "quantity": snap.quantity, "quantity_invoiced": snap.quantity,
         "unit_of_measure": line.unit_of_measure, "unit_price": line.unit_price,
         "line_discount_pct": line.line_discount_pct,
         "amount": plan.line_amounts.get(line.line_no, zero)[0],
         "amount_including_vat": plan.line_amounts.get(line.line_no, zero)[1],
         "vat_pct": plan.line_amounts.get(line.line_no, zero)[2],
         "gen_prod_posting_group": line.gen_prod_posting_group,
         "vat_prod_posting_group": line.vat_prod_posting_group, "location_code": line.location_code,
         "drop_shipment": line.drop_shipment, "order_line_id": line.id,
         "item_ledger_entry_no": (snap.shipped[0].entry_no if snap.shipped
                                  else written.item_entries.get(line.line_no))}
        for line, snap in snaps])
