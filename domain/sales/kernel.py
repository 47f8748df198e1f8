"""The sales posting kernel: the steps every sales posting takes, written once.

Design.md section 3: lock the document, return the first result if it is already
posted (idempotent), take a snapshot, plan purely (:mod:`domain.sales.rules` returns
the complete plan), take the next gap-free number, write the plan through
:func:`domain.ledger.writer.write_plan` and insert the posted document. Shipments and
return receipts post with :func:`post_shipment` (expected cost), invoices and credit
memos with :func:`post_invoice`.

A sales invoice's number is taken just before its plan, not after: the payment
reference printed on it (KID, betalingskenmerk) is made from the number and belongs to
the customer ledger entry the plan holds. Planning is pure and quick, so the counter row
is held hardly longer, and a refusal rolls the number back with everything else.

Called in one direction: :mod:`domain.sales.posting` (the entry point and its dispatch
table), invoicing, shipping, returns and correction call the kernel; the kernel imports
none of them. :func:`post_in_session` is handed the handler per document type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.db import lock
from domain.identifiers import betalingskenmerk_generate, kid_generate
from domain.inventory import costs as inventory_costs
from domain.ledger.customer_entries import apply_to_document, write_customer_entry
from domain.ledger.writer import DocRef, WriteResult, write_plan
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.sales.documents import approval_problems, credit_limit_warnings
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader
from domain.sales.rules import (
    SalesLineSnap,
    SalesPlan,
    SalesSnapshot,
    plan_sales,
    plan_shipment,
)
from domain.setup.model.cards import Customer
from domain.setup.model.company import Company
from domain.setup.numbers import next_no
from domain.setup.queries import posting_range, setup_tables


@dataclass(frozen=True)
class SalesResult:
    shipment_no: str | None = None
    invoice_no: str | None = None
    already_posted: bool = False
    closed: bool = False
    warnings: tuple[Problem, ...] = field(default_factory=tuple)


#: documents that ship (or, for a return order, receive back) before they are invoiced
ORDERS = ("order", "return_order")

#: posts one locked document in the caller's transaction:
#: (session, header, user, do_ship, do_invoice, quantities) -> SalesResult | Rejected
Handler = Callable[..., "SalesResult | Rejected"]


def post_in_session(session: Session, no: str, user, do_ship: bool, do_invoice: bool,
                    quantities: Mapping[int, Decimal], handlers: Mapping[str, Handler]) -> SalesResult | Rejected:
    """Lock document ``no``; its first result if it is posted; refuse what cannot post;
    the credit limit warnings; then the handler for its document type."""
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None:
        return Rejected([Problem("SALES-DOCUMENT-NOT-FOUND", "no", {"no": no})])
    if header.status == "posted":
        return SalesResult(invoice_no=header.posted_no, already_posted=True)
    if header.document_type == "quote" or header.status in ("converted", "closed"):
        return Rejected([Problem("SALES-CANNOT-POST", "no", {"no": no, "status": header.status,
                                                              "document_type": header.document_type})])
    # the approval gate (a corrective credit memo of a cancelled invoice posts as BC's Cancel does)
    if not header.is_correction and (gate := approval_problems(session, header, user)):
        return Rejected(gate)
    warnings = tuple(credit_limit_warnings(session, header))
    result = handlers[header.document_type](session, header, user, do_ship, do_invoice, quantities)
    return result if isinstance(result, Rejected) else replace(result, warnings=warnings)


def close_if_done(header: SalesHeader) -> bool:
    """An order (return order) fully invoiced is closed."""
    if header.document_type not in ORDERS:
        return False
    if all(line.quantity_invoiced == line.quantity for line in header.lines):
        header.status = "closed"
        return True
    return False


def snapshot_for(session: Session, header: SalesHeader, comp, user, lines, document_type,
                 payment_reference: str | None = None) -> SalesSnapshot:
    """Everything the planners need about ``header`` and its customer, with ``lines``."""
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
        receivables_account=inventory_costs.receivables_account(session, header.customer_posting_group),
        external_document_no=header.external_document_no, payment_reference=payment_reference,
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


# -- shipments and return receipts (expected cost) -----------------------------------------


def post_shipment(session: Session, comp: Company, header: SalesHeader, lines: tuple[SalesLineSnap, ...],
                  document_type: str, series: str, user) -> tuple[str, WriteResult] | Rejected:
    """Plan ``lines`` (sale item ledger entries with expected cost only), take the number,
    write. The caller inserts its posted rows (:func:`insert_shipment`)."""
    snapshot = snapshot_for(session, header, comp, user, lines, document_type)
    plan = plan_shipment(snapshot, setup_tables(session), inventory_costs.interim_setup(session))
    if isinstance(plan, Rejected):
        return plan
    no = next_no(session, series)
    ref = DocRef(document_type, no, "SALES", user, "customer", header.customer_no)
    written = write_plan(session, plan, ref, comp.automatic_cost_posting)
    if comp.expected_cost_posting:
        inventory_costs.mark_expected_posted(session, written.transaction_no)
    return no, written


def insert_shipment(session, header: SalesHeader, shipment_no: str, shipped, written: WriteResult, user,
                    document_type: str = "shipment") -> None:
    """The posted shipment (return receipt) of ``shipped``: (order line, quantity) pairs, or
    (order line, quantity, posted line no.) for a line shipped as several serial/lot portions
    (each its own shipment line and item ledger entry, numbered after the order's last line)."""
    shipped = [row if len(row) == 3 else (row[0], row[1], row[0].line_no) for row in shipped]
    customer = session.get(Customer, header.customer_no)
    session.execute(insert(PostedSalesHeader),
                    posted_header_row(header, customer.name, shipment_no, document_type, written.transaction_no, user))
    session.execute(insert(PostedSalesLine), [
        {"document_no": shipment_no, "line_no": posted_no, "type": line.type, "no": line.no,
         "description": line.description, "quantity": qty, "quantity_invoiced": ZERO,
         "unit_of_measure": line.unit_of_measure, "unit_price": line.unit_price,
         "line_discount_pct": line.line_discount_pct, "amount": ZERO, "amount_including_vat": ZERO,
         "vat_pct": ZERO, "gen_prod_posting_group": line.gen_prod_posting_group,
         "vat_prod_posting_group": line.vat_prod_posting_group, "location_code": line.location_code,
         "drop_shipment": line.drop_shipment, "order_line_id": line.id,
         "item_ledger_entry_no": written.item_entries.get(posted_no)}
        for line, qty, posted_no in shipped])


# -- invoices and credit memos -------------------------------------------------------------


def post_invoice(session: Session, comp: Company, header: SalesHeader, snaps, doc_type: str,
                 user) -> str | Rejected:
    """Number, plan and write an invoice (credit memo) of ``snaps`` ((line, line snapshot) pairs):
    ledgers, customer ledger entry and the posted document. Returns the posted number."""
    posted_no = next_no(session, "PSI" if doc_type == "invoice" else "PSCM")
    reference = payment_reference(comp, posted_no) if doc_type == "invoice" else None
    snapshot = snapshot_for(session, header, comp, user, tuple(s for _, s in snaps), doc_type, reference)
    planned = plan_sales(snapshot, setup_tables(session), inventory_costs.interim_setup(session))
    if isinstance(planned, Rejected):
        return planned
    ref = DocRef(doc_type, posted_no, "SALES", user, "customer", header.customer_no)
    written = write_plan(session, planned.plan, ref, comp.automatic_cost_posting)
    write_customer_entry(session, planned.customer_entry, header.posting_date, header.document_date, doc_type,
                         posted_no, header.external_document_no, written.transaction_no, user)
    _insert_posted(session, header, posted_no, doc_type, snaps, planned, written, user, reference)
    if doc_type == "credit_memo" and header.applies_to_doc_no and not header.is_correction:
        # a corrective credit memo is applied by its cancellation (sales/correction.py)
        apply_to_document(session, "customer", header.customer_no, posted_no, header.applies_to_doc_no,
                          header.posting_date)
    return posted_no


def payment_reference(comp: Company, posted_no: str) -> str | None:
    """KID (NO) or betalingskenmerk (NL) made from the invoice number's digits."""
    digits = "".join(ch for ch in posted_no if ch.isdigit())
    if not digits:
        return None
    if comp.country == "NO":
        return kid_generate(digits)
    if comp.country == "NL":
        return betalingskenmerk_generate(digits)
    return None


def _insert_posted(session, header, posted_no, doc_type, snaps, planned: SalesPlan, written, user,
                   reference) -> None:
    plan = planned.plan
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
