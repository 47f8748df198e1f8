"""Post purchase invoices and credit memos; cancel a posted unpaid invoice.

One transaction per posting (design.md section 3): lock the draft, return the
first result if it is already posted (idempotent), re-check everything, plan
the posting purely, take the next gap-free number late, write, commit. A
rejection writes nothing and returns every problem at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.app import App, ports_of, required_port
from domain.costing.rules import valuation as costing
from domain.db import lock
from domain.identity import access
from domain.inventory import state as inventory_state
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.ledger.writer import DocRef, insert_rows, write_plan
from domain.money import ZERO
from domain.problems import Problem, Rejected, RejectedError
from domain.purchasing.documents import find_duplicate
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.purchasing.rules import ChargeTarget, ItemSnap, LineSnap, PurchaseSnapshot, plan_purchase
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import Company
from domain.setup.numbers import next_no
from domain.setup.queries import company, posting_range, setup_tables


@dataclass(frozen=True)
class PostResult:
    posted_no: str
    already_posted: bool = False
    transaction_no: int | None = None


def post_document(app: App, no: str) -> PostResult | Rejected:
    try:
        result = access.command(app, "purchase.post", lambda session: post_in_session(session, no, app.user))
    except IntegrityError as exc:
        if "vendor_invoice_no_norm" in str(exc.orig) or "uq_posted_purchase_header_vendor_no" in str(exc.orig):
            return Rejected([_duplicate_posted_meanwhile(app, no)])
        raise
    if isinstance(result, Rejected) and any(p.code.startswith("APPROVAL-") for p in result.problems):
        # the approval gate's refusal is audited (in its own transaction: the posting rolled back)
        app.port("approvals").refused(app, no, app.user, "post", RejectedError(result))
    return result


def _duplicate_posted_meanwhile(app: App, no: str) -> Problem:
    """A concurrent posting of the same vendor invoice no. won the unique index: name it."""
    with app.uow() as session:
        header = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        existing = find_duplicate(session, header.vendor_no, header.document_type, header.vendor_invoice_no,
                                  include_drafts=False)
        return Problem("AP-DUPLICATE-VENDOR-INVOICE", "vendor_invoice_no", {
            "document": no, "vendor_no": header.vendor_no, "vendor_invoice_no": header.vendor_invoice_no,
            "existing": existing or ""})


def post_in_session(session: Session, no: str, user: str | None) -> PostResult | Rejected:
    header = session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.no == no)))
    if header is None:
        return Rejected([Problem("PURCH-DOCUMENT-NOT-FOUND", "no", {"no": no})])
    if header.status == "posted":
        return PostResult(header.posted_no, already_posted=True)
    gate = required_port(session, "approvals").gate(session, header, user)
    if header.status == "pending_approval":
        gate.append(Problem("APPROVAL-PENDING", "status", {"no": no}))
    if gate:
        return Rejected(gate)
    if header.document_type == "return_order":
        from domain.purchasing.returns import post_return_order  # ship and credit

        return post_return_order(session, header, user)
    if header.document_type == "order" or any(line.receipt_line_id for line in header.lines):
        from domain.purchasing.orders import post_order  # orders, invoices of receipt lines

        return post_order(session, header, user)
    comp = company(session)
    setup = setup_tables(session)
    vendor = session.get(Vendor, header.vendor_no)
    # one SELECT for every item of the document; holding the rows here keeps them in the
    # session's (weak) identity map, so later session.get(Item, ...) calls need no query
    items = _items(session, header)
    applications: dict[int, list] = {}
    snapshot = _snapshot(session, header, comp, user, applications, setup, vendor, items)
    if isinstance(snapshot, Rejected):
        return snapshot
    plan = plan_purchase(snapshot, setup)
    if isinstance(plan, Rejected):
        return plan
    for posting in plan.item_postings:
        posting.applications = applications.get(posting.line_no, [])
        posting.fixed_application = posting.applies_to_entry is not None
    series = comp.posted_purchase_invoice_nos if header.document_type == "invoice" else \
        comp.posted_purchase_credit_memo_nos
    posted_no = next_no(session, series)
    ref = DocRef(header.document_type, posted_no, "PURCHASES", user, "vendor", header.vendor_no)
    written = write_plan(session, plan, ref, comp.automatic_cost_posting)
    _insert_posted(session, header, vendor, plan, posted_no, written, user)
    header.status = "posted"
    header.posted_no = posted_no
    for listener in ports_of(session).after_posting:  # e.g. the incoming document turns Posted with it
        listener(session, header, posted_no)
    inventory_state.after_inbound(session, plan.item_postings, header.exchange_rate)
    return PostResult(posted_no, transaction_no=written.transaction_no)


def _items(session: Session, header: PurchaseHeader) -> dict[str, Item]:
    nos = {line.no for line in header.lines if line.type == "item"}
    if not nos:
        return {}
    return {item.no: item for item in session.scalars(_items_query(), {"nos": sorted(nos)})}


@functools.cache
def _items_query():
    """Built once and reused (statements are immutable): spares rebuilding the cache key."""
    return select(Item).where(Item.no.in_(bindparam("nos", expanding=True)))


def _snapshot(session: Session, header: PurchaseHeader, comp: Company, user, applications,
              setup, vendor: Vendor, items: dict[str, Item]):
    allowed_from, allowed_to = posting_range(session, comp, user)
    problems: list[Problem] = []
    lines = []
    for line in header.lines:
        snap = _line_snapshot(session, header, line, comp, applications, problems, setup, items)
        lines.append(snap)
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
        lines=tuple(lines),
    )


def _line_snapshot(session, header, line: PurchaseLine, comp, applications, problems, setup,
                   items) -> LineSnap:
    item_snap, target, targets = None, None, ()
    if line.type == "item":
        item = items.get(line.no)
        if item is not None:
            item_snap = ItemSnap(item.no, item.type, item.blocked, item.costing_method,
                                 item.standard_cost, item.inventory_posting_group)
            if header.document_type == "credit_memo" and item.type == "inventory" and line.quantity > ZERO \
                    and line.receipt_line_id is None:  # a return shipment line applied when shipped
                found = _apply_return(session, item, line, comp)
                if isinstance(found, Problem):
                    problems.append(found)
                else:
                    applications[line.line_no] = found
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
        charge_targets=targets,
    )


def _charge_target(session, entry_no: int) -> ChargeTarget | None:
    entry = session.get(ItemLedgerEntry, entry_no)
    item = session.get(Item, entry.item_no) if entry else None
    if entry is None or item is None:
        return None
    return ChargeTarget(entry.entry_no, entry.item_no, entry.entry_type, entry.location_code,
                        entry.quantity, item.inventory_posting_group, item.gen_prod_posting_group)


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


def _apply_return(session, item: Item, line: PurchaseLine, comp):
    """A credit memo item line is outbound: apply it to open inbound entries."""
    entries = inventory_state.open_inbound(session, item.no, line.location_code)
    found = costing.apply_outbound(entries, line.quantity, item.costing_method,
                                   applies_to=line.applies_to_item_entry, item_no=item.no)
    if isinstance(found, Problem):
        return Problem(found.code, f"lines[{line.line_no}]", {**found.params, "item_no": item.no})
    return [(entry.entry_no, qty) for entry, qty in found]


def _insert_posted(session, header, vendor, plan, posted_no, written, user) -> None:
    # plain INSERTs, no ORM objects: nothing in the posting reads the posted rows back
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
