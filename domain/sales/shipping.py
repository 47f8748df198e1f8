"""Post a sales shipment: sale item ledger entries with expected cost.

BC "Post Shipment": each order line ships its Qty. to Ship; inventory items
make a sale item ledger entry applied to inbound entries by costing method,
valued at expected cost (interim G/L only with expected cost posting). A drop
shipment line first posts the receipt of its linked purchase order line and
is applied to that receipt entry (fixed application): the item passes through
without touching stock. The posted shipment lines remember their order line
so that invoicing finds the entries to turn into actual cost.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.inventory import costs as sales_costing
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing.orders import receive_drop_shipment
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.sales.rules import SalesLineSnap, SalesSnapshot, plan_shipment
from domain.setup.model.cards import Customer, Item
from domain.setup.numbers import next_no
from domain.setup.queries import company, posting_range, setup_tables


def ship_lines(session: Session, header: SalesHeader, quantities: dict[int, Decimal], user) -> str | Rejected:
    """Ship ``quantities`` (line no. -> qty); returns the posted shipment no."""
    comp = company(session)
    problems: list[Problem] = []
    snaps = []
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if qty < ZERO or qty > line.quantity - line.quantity_shipped:
            problems.append(Problem("SALES-SHIP-MORE-THAN-OUTSTANDING", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "qty": str(qty), "outstanding": str(line.quantity - line.quantity_shipped)}))
            continue
        snap = _line_snap(session, header, line, qty, comp, user, problems)
        if snap is not None:
            snaps.append((line, snap))
    if problems:
        return Rejected(problems)
    if not snaps:
        return Rejected([Problem("SALES-NOTHING-TO-SHIP", "lines", {"no": header.no})])
    snapshot = snapshot_for(session, header, comp, user, tuple(s for _, s in snaps), "shipment")
    plan = plan_shipment(snapshot, setup_tables(session), sales_costing.interim_setup(session))
    if isinstance(plan, Rejected):
        return plan
    shipment_no = next_no(session, "PSS")
    ref = DocRef("shipment", shipment_no, "SALES", user, "customer", header.customer_no)
    written = write_plan(session, plan, ref, comp.automatic_cost_posting)
    if comp.expected_cost_posting:
        sales_costing.mark_expected_posted(session, written.transaction_no)
    _insert_shipment(session, header, shipment_no, snaps, written, user)
    for line, snap in snaps:
        line.quantity_shipped = line.quantity_shipped + snap.quantity
        line.qty_to_ship = line.quantity - line.quantity_shipped
    return shipment_no


def _line_snap(session, header, line: SalesLine, qty, comp, user, problems) -> SalesLineSnap | None:
    item = session.get(Item, line.no) if line.type == "item" else None
    inventory = item is not None and item.type == "inventory"
    cost, applications, applies_to = ZERO, (), None
    if inventory and line.drop_shipment:
        received = _receive_drop_shipment(session, header, line, qty, user)
        if isinstance(received, Problem):
            problems.append(received)
            return None
        applies_to, cost = received
        applications = ((applies_to, qty),)
    elif inventory:
        found = sales_costing.outbound(session, item, line.location_code, qty, comp.currency)
        if isinstance(found, Problem):
            problems.append(Problem(found.code, f"lines[{line.line_no}]", {**found.params, "item_no": item.no}))
            return None
        cost, applications = found
    return SalesLineSnap(
        line.line_no, line.type, line.no, line.description, qty, line.unit_price, line.line_discount_pct,
        line.gen_prod_posting_group, line.vat_prod_posting_group, line.location_code, inventory,
        item.inventory_posting_group if item else None, cost=cost, applications=applications,
        applies_to_entry=applies_to)


def _receive_drop_shipment(session, header, line: SalesLine, qty, user):
    if not line.purchase_order_no:
        return Problem("SALES-DROP-SHIPMENT-NO-PURCHASE-ORDER", f"lines[{line.line_no}]",
                       {"line_no": line.line_no, "no": header.no})
    return receive_drop_shipment(session, line, qty, user)


def snapshot_for(session: Session, header: SalesHeader, comp, user, lines, document_type) -> SalesSnapshot:
    allowed_from, allowed_to = posting_range(session, comp, user)
    customer = session.get(Customer, header.customer_no)
    return SalesSnapshot(
        document_type=document_type, no=header.no, customer_no=header.customer_no,
        customer_blocked=customer.blocked, posting_date=header.posting_date,
        document_date=header.document_date, due_date=header.due_date,
        pmt_discount_date=header.pmt_discount_date, payment_discount_pct=header.payment_discount_pct,
        currency_code=header.currency_code, lcy_code=comp.currency, exchange_rate=header.exchange_rate,
        prices_including_vat=header.prices_including_vat,
        gen_bus_posting_group=header.gen_bus_posting_group,
        vat_bus_posting_group=header.vat_bus_posting_group,
        receivables_account=sales_costing.receivables_account(session, header.customer_posting_group),
        external_document_no=header.external_document_no, payment_reference=None,
        allowed_from=allowed_from, allowed_to=allowed_to,
        automatic_cost_posting=comp.automatic_cost_posting,
        expected_cost_posting=comp.expected_cost_posting, lines=lines)


def posted_header_row(header: SalesHeader, customer_name: str, no: str, document_type: str,
                      transaction_no: int, user, amount=ZERO, amount_incl=ZERO, reference=None) -> dict:
    return {"no": no, "document_type": document_type, "source_header_id": header.id, "source_no": header.no,
            "order_no": header.no if header.document_type == "order" else None,
            "customer_no": header.customer_no, "customer_name": customer_name,
            "document_date": header.document_date, "posting_date": header.posting_date,
            "due_date": header.due_date, "currency_code": header.currency_code,
            "exchange_rate": header.exchange_rate, "prices_including_vat": header.prices_including_vat,
            "amount": amount, "amount_including_vat": amount_incl, "payment_reference": reference,
            "applies_to_doc_no": header.applies_to_doc_no, "is_correction": header.is_correction,
            "cancelled": False, "transaction_no": transaction_no, "user_id": user}


def _insert_shipment(session, header: SalesHeader, shipment_no, snaps, written, user,
                     document_type: str = "shipment") -> None:
    customer = session.get(Customer, header.customer_no)
    session.execute(insert(PostedSalesHeader),
                    posted_header_row(header, customer.name, shipment_no, document_type, written.transaction_no, user))
    session.execute(insert(PostedSalesLine), [
        {"document_no": shipment_no, "line_no": line.line_no, "type": line.type, "no": line.no,
         "description": line.description, "quantity": snap.quantity, "quantity_invoiced": ZERO,
         "unit_of_measure": line.unit_of_measure, "unit_price": line.unit_price,
         "line_discount_pct": line.line_discount_pct, "amount": ZERO, "amount_including_vat": ZERO,
         "vat_pct": ZERO, "gen_prod_posting_group": line.gen_prod_posting_group,
         "vat_prod_posting_group": line.vat_prod_posting_group, "location_code": line.location_code,
         "drop_shipment": line.drop_shipment, "order_line_id": line.id,
         "item_ledger_entry_no": written.item_entries.get(line.line_no)}
        for line, snap in snaps])


def drop_shipment_sales_line(session: Session, order_line) -> Decimal | None:
    """The quantity invoiced on the sales order line a drop-shipment purchase line ships to
    (``None`` when there is none): BC invoices the sales order before the purchase order.
    Purchasing asks this through its ``drop_shipment_sales_line`` port."""
    line = session.scalar(select(SalesLine).join(SalesHeader).where(
        SalesHeader.no == order_line.sales_order_no, SalesHeader.document_type == "order",
        SalesLine.line_no == order_line.sales_order_line_no))
    return None if line is None else line.quantity_invoiced
