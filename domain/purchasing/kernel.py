"""The purchase posting kernel: the steps every purchase posting takes, written once.

Design.md section 3 ("Posting: plan, then one transaction"): lock the document,
return the first result if it is already posted (idempotent), ask the approval gate,
take a snapshot (its items in one query, the vendor, the cached setup), plan purely
(:func:`domain.purchasing.rules.plan_purchase` returns the complete plan), take the
next gap-free number late, write the plan through :func:`domain.ledger.writer.write_plan`,
insert the posted document and tell the ``after_posting`` ports. Receipts, return
shipments and their undo take the same steps with the expected-cost plan
(:func:`post_receipt`).

Called in one direction: :mod:`domain.purchasing.posting` (the entry point and its
dispatch table), orders, receipts, returns and correction call the kernel; the kernel
imports none of them. :func:`post_in_session` is handed the handler per kind of
document, so the table lives in one place and the kernel stays at the bottom.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from domain.app import App, ports_of, required_port
from domain.costing.rules import valuation as costing
from domain.db import lock
from domain.inventory import costs as inventory_costs
from domain.inventory import state as inventory_state
from domain.inventory import units as inventory_units
from domain.ledger.customer_entries import apply_to_document
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.ledger.rules.posting import PostingPlan
from domain.ledger.writer import DocRef, insert_rows, write_plan
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing import prepayment_setup, tracking
from domain.purchasing.documents import find_duplicate
from domain.purchasing.model import (
    PostedPurchaseHeader,
    PostedPurchaseLine,
    PurchaseHeader,
    PurchaseLine,
)
from domain.purchasing.rules import (
    ChargeTarget,
    ItemSnap,
    LineSnap,
    PurchaseSnapshot,
    ReceiptPart,
    plan_purchase,
)
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import Company
from domain.setup.numbers import next_no
from domain.setup.queries import company, posting_range, setup_tables


@dataclass(frozen=True)
class PostResult:
    posted_no: str
    already_posted: bool = False
    transaction_no: int | None = None


#: the kind of a purchase invoice or credit memo whose lines name posted receipt lines
RECEIPT_LINES = "invoice of receipt lines"

#: posts one locked, approved document in the caller's transaction
Handler = Callable[[Session, PurchaseHeader, "str | None"], "PostResult | Rejected"]


def posting_kind(header: PurchaseHeader) -> str:
    """The key of the dispatch table: the document type, or :data:`RECEIPT_LINES`."""
    if header.document_type in ("invoice", "credit_memo") and any(line.receipt_line_id for line in header.lines):
        return RECEIPT_LINES
    return header.document_type


def post_in_session(session: Session, no: str, user: str | None,
                    handlers: Mapping[str, Handler]) -> PostResult | Rejected:
    """Lock draft ``no``; its first result if it is posted; the approval gate; its handler."""
    header = session.scalar(_locked_document(session), {"no": no})
    if header is None:
        return Rejected([Problem("PURCH-DOCUMENT-NOT-FOUND", "no", {"no": no})])
    if header.status == "posted":
        return PostResult(header.posted_no, already_posted=True)
    gate = approval_problems(session, header, user)
    if gate:
        return Rejected(gate)
    return handlers[posting_kind(header)](session, header, user)


def approval_problems(session: Session, header: PurchaseHeader, user: str | None) -> list[Problem]:
    """What stops ``header`` from posting (or an order from being received or invoiced) for want
    of approval: the approvals port's gate, and a request still pending (BC: Status Released
    is required before an order is received, invoiced or shipped back)."""
    gate = required_port(session, "approvals").gate(session, header, user)
    if header.status == "pending_approval":
        gate.append(Problem("APPROVAL-PENDING", "status", {"no": header.no}))
    return gate


def audit_gate_refusal(app: App, no: str, result) -> None:
    """A refusal by the approval gate is audited (in its own transaction: the posting rolled back)."""
    if isinstance(result, Rejected) and any(p.code.startswith("APPROVAL-") for p in result.problems):
        app.port("approvals").refused(app, no, app.user, "post", RejectedError(result))


def _locked_document(session: Session):
    """The draft's row, locked. Its lines load after the lock is held (a join in the locked
    SELECT would return the lines as they were before a concurrent posting committed)."""
    return _document_query(session.get_bind().dialect.name == "postgresql")


@functools.cache
def _document_query(postgresql: bool):
    """Built once per dialect (statements are immutable): spares rebuilding the cache key."""
    stmt = select(PurchaseHeader).where(PurchaseHeader.no == bindparam("no"))
    return stmt.with_for_update() if postgresql else stmt


def locked_order(session: Session, no: str, document_type: str = "order") -> PurchaseHeader:
    """Purchase (return) order ``no``, locked; it must not be closed."""
    header = session.scalar(lock(session, select(PurchaseHeader).where(
        PurchaseHeader.no == no, PurchaseHeader.document_type == document_type)))
    if header is None:
        raise DomainError("PURCH-ORDER-NOT-FOUND", f"no purchase order {no!r}", no=no)
    if header.status == "closed":
        raise DomainError("PURCH-ORDER-CLOSED", f"purchase order {no} is fully received and invoiced", no=no)
    return header


# -- invoices and credit memos -------------------------------------------------------------


@dataclass
class Planned:
    """A document's complete plan and what posting it needs besides."""

    header: PurchaseHeader
    vendor: Vendor
    comp: Company
    plan: PostingPlan
    #: line no. -> the receipt's item ledger entry it invoices (shown on the posted line)
    receipt_entries: dict[int, int] = field(default_factory=dict)
    #: the document's items, held until the posting ends: the session's identity map is weak, and
    #: holding them spares the item card update (:func:`post_plan`) a query per item
    items: dict[str, Item] = field(default_factory=dict)


def post_invoice(session: Session, header: PurchaseHeader, user: str | None) -> PostResult | Rejected:
    """The handler of purchase invoices and credit memos: plan, then post."""
    planned = plan_document(session, header, user)
    if isinstance(planned, Rejected):
        return planned
    return post_plan(session, planned, user)


def plan_document(session: Session, header: PurchaseHeader, user: str | None,
                  receipt_parts: Mapping[int, ReceiptPart] | None = None) -> Planned | Rejected:
    """Snapshot and plan ``header`` (``receipt_parts``: line no. -> the receipt line it invoices)."""
    comp, setup = company(session), setup_tables(session)
    vendor = session.get(Vendor, header.vendor_no)
    items = load_items(session, header)
    snapshot = take_snapshot(session, header, comp, user, setup, vendor, items, receipt_parts or {})
    if isinstance(snapshot, Rejected):
        return snapshot
    interim = inventory_costs.interim_setup(session) if receipt_parts else None
    plan = plan_purchase(snapshot, setup, interim)
    if isinstance(plan, Rejected):
        return plan
    entries = {no: part.entry_no for no, part in (receipt_parts or {}).items() if part.entry_no is not None}
    return Planned(header, vendor, comp, plan, entries, items)


def post_plan(session: Session, planned: Planned, user: str | None) -> PostResult:
    """Take the number (late: gap-free), write the plan, insert the posted document, mark the
    draft posted, tell the ``after_posting`` ports and update the item cards."""
    header, comp, plan = planned.header, planned.comp, planned.plan
    series = comp.posted_purchase_invoice_nos if header.document_type == "invoice" else \
        comp.posted_purchase_credit_memo_nos
    posted_no = next_no(session, series)
    ref = DocRef(header.document_type, posted_no, "PURCHASES", user, "vendor", header.vendor_no)
    written = write_plan(session, plan, ref, comp.automatic_cost_posting)
    written.item_entries.update(planned.receipt_entries)
    insert_posted(session, header, planned.vendor, plan, posted_no, written, user)
    if header.document_type == "credit_memo" and header.applies_to_doc_no and not header.is_correction:
        # a corrective credit memo is applied by its cancellation (purchasing/correction.py)
        apply_to_document(session, "vendor", header.vendor_no, posted_no, header.applies_to_doc_no,
                          header.posting_date)
    header.status, header.posted_no = "posted", posted_no
    for listener in ports_of(session).after_posting:  # e.g. the incoming document turns Posted with it
        listener(session, header, posted_no)
    inventory_state.after_inbound(session, plan.item_postings, header.exchange_rate)
    return PostResult(posted_no, transaction_no=written.transaction_no)


def load_items(session: Session, header: PurchaseHeader) -> dict[str, Item]:
    """Every item of the document in one SELECT; holding the rows keeps them in the
    session's (weak) identity map, so later ``session.get(Item, ...)`` calls need no query."""
    nos = {line.no for line in header.lines if line.type == "item"}
    if not nos:
        return {}
    return {item.no: item for item in session.scalars(_items_query(), {"nos": sorted(nos)})}


@functools.cache
def _items_query():
    """Built once and reused (statements are immutable): spares rebuilding the cache key."""
    return select(Item).where(Item.no.in_(bindparam("nos", expanding=True)))


def take_snapshot(session: Session, header: PurchaseHeader, comp: Company, user, setup, vendor: Vendor,
                  items: dict[str, Item], receipt_parts: Mapping[int, ReceiptPart]) -> PurchaseSnapshot | Rejected:
    """Everything the planner needs, read once; a credit memo line's applications included."""
    allowed_from, allowed_to = posting_range(session, comp, user)
    problems: list[Problem] = []
    lines = tuple(_line_snapshot(session, header, line, comp, problems, setup, items,
                                 receipt_parts.get(line.line_no)) for line in header.lines)
    if problems:
        return Rejected(problems)
    return PurchaseSnapshot(
        document_type=header.document_type, no=header.no, vendor_no=header.vendor_no,
        vendor_blocked=vendor.blocked, vendor_invoice_no=header.vendor_invoice_no,
        posting_date=header.posting_date, document_date=header.document_date, due_date=header.due_date,
        pmt_discount_date=header.pmt_discount_date, payment_discount_pct=header.payment_discount_pct,
        currency_code=header.currency_code, lcy_code=comp.currency, exchange_rate=header.exchange_rate,
        prices_including_vat=header.prices_including_vat,
        gen_bus_posting_group=header.gen_bus_posting_group,
        vat_bus_posting_group=header.vat_bus_posting_group,
        vendor_posting_group=header.vendor_posting_group, payment_reference=header.payment_reference,
        allowed_from=allowed_from, allowed_to=allowed_to,
        automatic_cost_posting=comp.automatic_cost_posting, vat_tolerance=comp.vat_tolerance,
        vendor_vat_amount=header.vendor_vat_amount, vendor_amount_incl_vat=header.vendor_amount_incl_vat,
        duplicate_of=find_duplicate(session, header.vendor_no, header.document_type,
                                    header.vendor_invoice_no, include_drafts=False),
        lines=lines, expected_cost_posting=comp.expected_cost_posting,
    )


def _line_snapshot(session, header, line: PurchaseLine, comp, problems, setup, items,
                   receipt: ReceiptPart | None) -> LineSnap:
    item_snap, target, targets, applications, portions, per = None, None, (), (), (), Decimal(1)
    if line.type == "item":
        item = items.get(line.no)
        per = inventory_units.posting_qty_per(session, item, line.unit_of_measure, line.quantity,
                                              f"lines[{line.line_no}]", problems)
        if item is not None:
            item_snap = ItemSnap(item.no, item.type, item.blocked, item.costing_method,
                                 item.standard_cost, item.inventory_posting_group, item.overhead_rate)
            if item.type == "inventory" and line.receipt_line_id is None:
                problems += tracking.missing_problems(session, header.document_type, line, item)
            if line.tracking and item.type == "inventory" and line.receipt_line_id is None:
                portions = tuple(tracking.posting_portions(session, header.document_type, line, item, problems))
            elif header.document_type == "credit_memo" and item.type == "inventory" and line.quantity > ZERO \
                    and line.receipt_line_id is None:  # a return shipment line applied when shipped
                found = _apply_return(session, item, line, per)
                if isinstance(found, Problem):
                    problems.append(found)
                else:
                    applications = found
    elif line.type == "charge_item" and line.assign_to_entry is not None:
        target = _charge_target(session, line.assign_to_entry)
    elif line.type == "charge_item" and line.charge_assignments:
        targets = _charge_targets(session, line, problems)
    return LineSnap(
        line.line_no, line.type, line.no, line.description, line.quantity, line.direct_unit_cost,
        line.line_discount_pct, line.gen_prod_posting_group, line.vat_prod_posting_group,
        line.location_code, line.applies_to_item_entry, line.assign_to_entry, item_snap, target,
        # setup.accounts holds every G/L account, so this is the same as session.get(...) is not None
        gl_account_known=line.type != "gl_account" or line.no in setup.accounts,
        charge_targets=targets, applications=applications, receipt=receipt, tracking=portions,
        indirect_cost_pct=line.indirect_cost_pct or ZERO, qty_per_unit=per, variant_code=line.variant_code,
        fixed=prepayment_setup.line_fixed(line),
    )


def _charge_target(session, entry_no: int) -> ChargeTarget | None:
    entry = session.get(ItemLedgerEntry, entry_no)
    item = session.get(Item, entry.item_no) if entry else None
    if entry is None or item is None:
        return None
    ve = ValueEntry
    valuation = session.scalar(select(ve.valuation_date).where(ve.item_ledger_entry_no == entry.entry_no)
                               .order_by(ve.entry_no).limit(1))
    return ChargeTarget(entry.entry_no, entry.item_no, entry.entry_type, entry.location_code,
                        entry.quantity, item.inventory_posting_group, item.gen_prod_posting_group,
                        item.costing_method, valuation)


def _charge_targets(session, line: PurchaseLine, problems: list[Problem]) -> tuple:
    """Targets and weights: 1 each (equally) or each entry's own direct cost (by amount)."""
    ve = ValueEntry
    result = []
    for assignment in line.charge_assignments:
        target = _charge_target(session, assignment.item_ledger_entry_no)
        if target is None:
            problems.append(Problem("PURCH-CHARGE-NOT-ASSIGNED", f"lines[{line.line_no}]",
                                    {"charge": line.no, "assign_to_entry": assignment.item_ledger_entry_no}))
            continue
        weight = Decimal(1)
        if assignment.method == "by_amount":
            weight = abs(session.scalar(select(func.sum(ve.cost_amount_actual + ve.cost_amount_expected)).where(
                ve.item_ledger_entry_no == target.entry_no, ve.entry_type == "direct_cost",
                ve.item_charge_no.is_(None))) or ZERO)
        result.append((target, weight))
    if result and not any(weight for _, weight in result):
        result = [(target, Decimal(1)) for target, _ in result]  # nothing to weigh by: share equally
    return tuple(result)


def _apply_return(session, item: Item, line: PurchaseLine, per: Decimal):
    """A credit memo item line is outbound: apply it to open inbound entries (of its variant)."""
    entries = inventory_state.open_inbound(session, item.no, line.location_code, variant_code=line.variant_code)
    found = costing.apply_outbound(entries, line.quantity * per, item.costing_method,
                                   applies_to=line.applies_to_item_entry, item_no=item.no)
    if isinstance(found, Problem):
        return Problem(found.code, f"lines[{line.line_no}]", {**found.params, "item_no": item.no})
    applications = tuple((entry.entry_no, qty) for entry, qty in found)
    inventory_state.plan_draws(session, applications)
    return applications


def insert_posted(session, header, vendor, plan, posted_no, written, user) -> None:
    """The posted invoice or credit memo: header and lines, as plain INSERTs (no ORM
    objects: nothing in the posting reads the posted rows back)."""
    insert_rows(session, PostedPurchaseHeader, {
        "no": posted_no, "document_type": header.document_type, "source_header_id": header.id,
        "source_no": header.no, "vendor_no": header.vendor_no, "vendor_name": vendor.name,
        "vendor_invoice_no": header.vendor_invoice_no, "vendor_invoice_no_norm": header.vendor_invoice_no_norm,
        "document_date": header.document_date, "posting_date": header.posting_date, "due_date": header.due_date,
        "currency_code": header.currency_code, "exchange_rate": header.exchange_rate,
        "prices_including_vat": header.prices_including_vat, "amount": plan.amount,
        "amount_including_vat": plan.amount_including_vat, "payment_reference": header.payment_reference,
        "applies_to_doc_no": header.applies_to_doc_no, "is_correction": header.is_correction,
        "transaction_no": written.transaction_no, "user_id": user,
    })
    zero = (ZERO, ZERO, ZERO)
    insert_rows(session, PostedPurchaseLine, [
        {"document_no": posted_no, "line_no": line.line_no, "type": line.type, "no": line.no,
         "description": line.description, "quantity": line.quantity,
         "unit_of_measure": line.unit_of_measure, "direct_unit_cost": line.direct_unit_cost,
         "line_discount_pct": line.line_discount_pct,
         "amount": plan.line_amounts.get(line.line_no, zero)[0],
         "amount_including_vat": plan.line_amounts.get(line.line_no, zero)[1],
         "vat_pct": plan.line_amounts.get(line.line_no, zero)[2],
         "gen_prod_posting_group": line.gen_prod_posting_group,
         "vat_prod_posting_group": line.vat_prod_posting_group, "location_code": line.location_code,
         "item_ledger_entry_no": written.item_entries.get(line.line_no)}
        for line in header.lines])
