"""Write a :class:`~domain.ledger.rules.posting.PostingPlan` into the ledgers.

Shared by every posting service (purchase documents, item journal, ...). It
inserts with set-based Core statements (one INSERT per table, RETURNING where
later rows need the entry numbers) because posting speed is a product goal;
the only updates it makes are to the columns BC itself maintains (remaining
quantity and open flag of the inbound entries an outbound entry draws from),
guarded so that a concurrent consumer cannot drive them below zero.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from domain.db import bulk_insert
from domain.ledger import item_applications
from domain.ledger import marks as costing_marks
from domain.ledger.model import (
    DetailedVendorLedgerEntry,
    GLEntry,
    ItemApplicationEntry,
    ItemLedgerEntry,
    TransactionRegister,
    ValueEntry,
    VATEntry,
    VendorLedgerEntry,
)
from domain.ledger.rules.posting import GLLine, ItemPosting, PostingPlan
from domain.money import ZERO, round_unit_amount
from domain.problems import DomainError, InvariantViolation, Problem, Rejected, RejectedError
from domain.setup.model.company import Company


@dataclass
class WriteResult:
    transaction_no: int
    vendor_entry_no: int | None = None
    #: line no. -> item ledger entry no. (a transfer line: its sending half)
    item_entries: dict[int, int] = field(default_factory=dict)
    #: every item ledger entry written, in the order of the plan's item postings
    all_item_entries: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class DocRef:
    document_type: str
    document_no: str
    source_code: str
    user_id: str | None
    source_type: str = ""
    source_no: str | None = None


@functools.cache
def _insert(cls, *returning: str, **returning_kw):
    """A Core INSERT into ``cls``'s table (RETURNING the named columns).

    Core, not the ORM's bulk INSERT: the ORM path issues one statement per run of
    rows with the same pattern of None values (a G/L batch became up to ten
    statements) and adds per-row bookkeeping. :func:`_params` fills in defaults the
    way the ORM does, so the rows written are the same. Built once per table and
    reused (statements are immutable), which spares SQLAlchemy rebuilding its cache key.
    """
    table = cls.__table__
    stmt = insert(table)
    if returning:
        stmt = stmt.returning(*(table.c[name] for name in returning), **returning_kw)
    return stmt


@functools.cache
def _scalar_defaults(table) -> dict:
    return {c.key: c.default.arg for c in table.columns if c.default is not None and c.default.is_scalar}


def _params(cls, rows):
    """``rows`` with None replaced by the column's default where it has one: the ORM
    leaves a None value out of its INSERT, so the default applies; Core would write NULL."""
    defaults = _scalar_defaults(cls.__table__)
    for row in [rows] if isinstance(rows, dict) else rows:
        for key, value in defaults.items():
            if key in row and row[key] is None:
                row[key] = value
    return rows


def insert_rows(session: Session, cls, rows: dict | list[dict]) -> None:
    """Core INSERT of plain rows into ``cls``'s table, defaults applied as the ORM would."""
    if rows:
        session.execute(_insert(cls), _params(cls, rows))


#: the code :func:`write_plan` raises (as a RejectedError; the unit of work rolls back) when a
#: posting reaches a closed VAT period; posting services may return ``exc.rejected`` instead
VAT_PERIOD_CLOSED = "VAT-PERIOD-CLOSED"


def vat_period_problem(session: Session, posting_date: dt.date) -> Problem | None:
    """VAT-PERIOD-CLOSED when VAT entries dated ``posting_date`` would land in a closed VAT return
    period (the company's ``vat_closed_through``, moved by closing a VAT return)."""
    closed = session.scalar(select(Company.vat_closed_through).order_by(Company.id).limit(1))
    if closed is not None and posting_date <= closed:
        return Problem("VAT-PERIOD-CLOSED", "posting_date", {"posting_date": posting_date.isoformat(),
                                                              "closed_through": closed.isoformat()})
    return None


def write_plan(session: Session, plan: PostingPlan, ref: DocRef, cost_posted: bool) -> WriteResult:
    if plan.vat_entries:  # the one write path of VAT entries: no posting reaches a closed VAT period
        problem = vat_period_problem(session, plan.posting_date)
        if problem is not None:
            raise RejectedError(Rejected([problem]))
    session.flush()  # Core statements do not autoflush: pending ORM changes go first, as before
    transaction_no = session.execute(
        _insert(TransactionRegister, "transaction_no"),
        _params(TransactionRegister,
                {"source_code": ref.source_code, "document_no": ref.document_no, "user_id": ref.user_id}),
    ).scalar_one()
    result = WriteResult(transaction_no)
    _write_gl(session, plan, ref, transaction_no)
    if plan.vendor_entry is not None:
        result.vendor_entry_no = _write_vendor_entry(session, plan, ref, transaction_no)
    if plan.vat_entries:
        session.execute(_insert(VATEntry), _params(VATEntry, [
            {"transaction_no": transaction_no, "type": v.type, "posting_date": plan.posting_date,
             "document_date": plan.document_date, "document_type": ref.document_type,
             "document_no": ref.document_no, "external_document_no": plan.external_document_no,
             "bill_to_pay_to_no": ref.source_no or "", "vat_bus_posting_group": v.vat_bus_posting_group,
             "vat_prod_posting_group": v.vat_prod_posting_group,
             "vat_calculation_type": v.calculation_type, "vat_pct": v.vat_pct, "base": v.base,
             "amount": v.amount, "tax_code": v.tax_code, "user_id": ref.user_id,
             "non_deductible_vat_amount": v.non_deductible_amount}
            for v in plan.vat_entries]))
    if plan.item_postings:
        result.item_entries, result.all_item_entries = _write_items(session, plan, ref, transaction_no,
                                                                    cost_posted)
        # every item posting may change what outbound entries should cost: mark the
        # items for cost adjustment here, once, for every kind of document
        costing_marks.mark_changed(session, {p.item_no for p in plan.item_postings}, plan.posting_date,
                                   _changed_entry_dates(session, plan))
    return result


def _changed_entry_dates(session: Session, plan: PostingPlan) -> dict[str, dt.date] | None:
    """Per item, the earliest posting date of an older entry the plan adds value to (item
    charges, invoicing an earlier receipt or shipment): the average cost period that
    changes is that entry's, not the document's. One SELECT, only when there are such."""
    targets = {p.target_entry_no for p in plan.item_postings if p.target_entry_no is not None}
    if not targets:
        return None
    ile = ItemLedgerEntry
    return dict(session.execute(select(ile.item_no, func.min(ile.posting_date))
                                .where(ile.entry_no.in_(sorted(targets))).group_by(ile.item_no)).all())


def _write_gl(session: Session, plan: PostingPlan, ref: DocRef, transaction_no: int) -> None:
    rows = [
        {"transaction_no": transaction_no, "gl_account_no": g.account_no,
         "posting_date": plan.posting_date, "document_type": ref.document_type,
         "document_no": ref.document_no, "external_document_no": plan.external_document_no,
         "description": g.description[:250], "amount": g.amount,
         "debit_amount": g.amount if g.amount > ZERO else ZERO,
         "credit_amount": -g.amount if g.amount < ZERO else ZERO, "vat_amount": g.vat_amount,
         "gen_posting_type": g.gen_posting_type, "gen_bus_posting_group": g.gen_bus_posting_group,
         "gen_prod_posting_group": g.gen_prod_posting_group,
         "vat_bus_posting_group": g.vat_bus_posting_group,
         "vat_prod_posting_group": g.vat_prod_posting_group, "source_type": g.source_type,
         "source_no": g.source_no, "user_id": ref.user_id}
        for g in plan.gl_lines if g.amount != ZERO
    ]
    if rows:
        session.execute(_insert(GLEntry), _params(GLEntry, rows))


def _write_vendor_entry(session: Session, plan: PostingPlan, ref: DocRef, transaction_no: int) -> int:
    v = plan.vendor_entry
    entry_no = session.execute(_insert(VendorLedgerEntry, "entry_no"), _params(VendorLedgerEntry, {
        "transaction_no": transaction_no, "vendor_no": v.vendor_no, "posting_date": plan.posting_date,
        "document_date": plan.document_date, "document_type": ref.document_type,
        "document_no": ref.document_no, "external_document_no": plan.external_document_no or "",
        "description": v.description[:250], "currency_code": "", "amount": v.amount,
        "amount_lcy": v.amount_lcy, "remaining_amount": v.amount, "due_date": v.due_date,
        "pmt_discount_date": v.pmt_discount_date, "original_pmt_disc_possible": v.discount_possible,
        "payment_reference": v.payment_reference, "open": v.amount != ZERO, "user_id": ref.user_id,
    })).scalar_one()
    session.execute(_insert(DetailedVendorLedgerEntry), _params(DetailedVendorLedgerEntry, {
        "vendor_ledger_entry_no": entry_no, "entry_type": "initial_entry",
        "posting_date": plan.posting_date, "document_no": ref.document_no, "amount": v.amount,
        "amount_lcy": v.amount_lcy, "transaction_no": transaction_no}))
    return entry_no


def _ile_row(p: ItemPosting, plan: PostingPlan, ref: DocRef, transaction_no: int) -> dict:
    inbound = p.quantity > ZERO
    invoiced = p.quantity if p.invoiced_quantity is None else p.invoiced_quantity
    return {"item_no": p.item_no, "posting_date": plan.posting_date, "entry_type": p.entry_type,
            "document_type": ref.document_type, "document_no": ref.document_no,
            "document_line_no": p.line_no, "description": p.description[:250],
            "location_code": p.location_code, "quantity": p.quantity,
            "remaining_quantity": p.quantity if inbound else -p.open_quantity, "invoiced_quantity": invoiced,
            "positive": inbound, "open": inbound or p.open_quantity > ZERO,
            "completely_invoiced": invoiced == p.quantity,
            "applies_to_entry": p.applies_to_entry, "source_type": ref.source_type,
            "source_no": ref.source_no, "serial_no": p.serial_no, "lot_no": p.lot_no,
            "expiration_date": p.expiration_date, "transaction_no": transaction_no, "user_id": ref.user_id,
            "variant_code": p.variant_code}


def _write_items(session, plan: PostingPlan, ref: DocRef, transaction_no: int, cost_posted: bool):
    postings = plan.item_postings
    entry_of: dict[int, int] = {}  # index in plan.item_postings -> item ledger entry no.
    # the receiving half of a transfer names the entry of its sending half: written second
    for wave in ([i for i, p in enumerate(postings) if p.target_entry_no is None and p.applies_from_posting is None],
                 [i for i, p in enumerate(postings) if p.target_entry_no is None
                  and p.applies_from_posting is not None]):
        if not wave:
            continue
        rows = []
        for i in wave:
            row = _ile_row(postings[i], plan, ref, transaction_no)
            if postings[i].applies_from_posting is not None:
                row["applies_to_entry"] = entry_of[postings[i].applies_from_posting]
            rows.append(row)
        entry_of.update(zip(wave, _insert_entries(session, rows, transaction_no)))
    values, applications = [], []
    later = _later_valuation_dates(session, postings, plan.posting_date)
    for i, p in enumerate(postings):
        ile = p.target_entry_no or entry_of[i]
        valued_at = max((later[no] for no, _ in p.applications if no in later), default=None) \
            if p.quantity < ZERO and p.target_entry_no is None else None
        for v in p.values:
            row = _value_row(p, v, ile, plan, ref, transaction_no, cost_posted, entry_of.get(p.applies_from_posting))
            if valued_at is not None and v.valuation_date is None:
                row["valuation_date"] = valued_at
            values.append(row)
        if p.target_entry_no is not None:
            continue
        if p.quantity > ZERO:
            applications.append(_application(ile, ile, None, p.quantity, plan.posting_date,
                                             transaction_no, False))
        for inbound_no, take in p.applications:
            _consume(session, inbound_no, take)
            applications.append(_application(ile, inbound_no, ile, -take, plan.posting_date,
                                              transaction_no, p.fixed_application))
    if values:
        session.execute(_insert(ValueEntry), _params(ValueEntry, values))
    if applications:
        session.execute(_insert(ItemApplicationEntry), _params(ItemApplicationEntry, applications))
    for i, p in enumerate(postings):  # BC: an inbound entry first closes open (negative) outbound entries
        if p.quantity > ZERO and p.target_entry_no is None and p.applies_from_posting is None:
            item_applications.close_open_outbound(session, entry_of[i], p.item_no, p.location_code, p.quantity,
                                                  plan.posting_date, transaction_no)
    result: dict[int, int] = {}
    for i, entry_no in sorted(entry_of.items()):  # line no. -> entry: a transfer's sending half first
        result.setdefault(postings[i].line_no, entry_no)
    return result, [entry_of[i] for i in sorted(entry_of)]


def _later_valuation_dates(session: Session, postings, posting_date: dt.date) -> dict[int, dt.date]:
    """BC "Design Details: Valuation Date": an outbound entry is valued at its posting date unless
    a value entry of an inbound entry it is applied to (a revaluation) has a later valuation date;
    then at the latest such date. One SELECT per plan with outbound applications: per inbound
    entry its latest valuation date when after ``posting_date`` (usually none)."""
    inbound = sorted({no for p in postings if p.quantity < ZERO and p.target_entry_no is None
                      for no, _ in p.applications})
    if not inbound:
        return {}
    ve = ValueEntry
    return dict(session.execute(select(ve.item_ledger_entry_no, func.max(ve.valuation_date)).where(
        ve.item_ledger_entry_no.in_(inbound), ve.entry_type == "revaluation", ve.valuation_date > posting_date)
        .group_by(ve.item_ledger_entry_no)).all())


def _insert_entries(session: Session, rows: list[dict], transaction_no: int) -> list[int]:
    """Insert item ledger entries; their entry numbers in the order of ``rows``.

    SQLite cannot return the numbers of a multi-row INSERT in parameter order, so
    SQLAlchemy would send one INSERT per row; there one executemany and one SELECT of
    the transaction's newest entries do it instead (the posting holds SQLite's write
    lock, so the numbers are consecutive and in insertion order)."""
    params = _params(ItemLedgerEntry, rows)
    if len(rows) == 1 or session.get_bind().dialect.name != "sqlite":
        return list(session.execute(_insert(ItemLedgerEntry, "entry_no", sort_by_parameter_order=True),
                                    params).scalars().all())
    session.execute(_insert(ItemLedgerEntry), params)
    ile = ItemLedgerEntry
    newest = session.execute(select(ile.entry_no).where(ile.transaction_no == transaction_no)
                             .order_by(ile.entry_no.desc()).limit(len(rows))).scalars().all()
    return list(reversed(newest))


def _value_row(p: ItemPosting, v, ile: int, plan: PostingPlan, ref: DocRef, transaction_no: int,
               cost_posted: bool, applies_from: int | None = None) -> dict:
    valued = p.quantity if v.valued_quantity is None else v.valued_quantity
    direct = v.entry_type == "direct_cost"
    invoiced = v.invoiced_quantity if v.invoiced_quantity is not None else (valued if direct else ZERO)
    total = v.cost_amount + v.cost_amount_expected
    return {"item_ledger_entry_no": ile, "item_no": p.item_no, "posting_date": plan.posting_date,
            "valuation_date": v.valuation_date or plan.posting_date, "entry_type": v.entry_type,
            "item_ledger_entry_type": p.entry_type, "document_type": ref.document_type,
            "document_no": ref.document_no, "document_line_no": p.line_no,
            "description": p.description[:250], "location_code": p.location_code,
            "inventory_posting_group": p.inventory_posting_group,
            "gen_bus_posting_group": p.gen_bus_posting_group,
            "gen_prod_posting_group": p.gen_prod_posting_group, "source_type": ref.source_type,
            "source_no": ref.source_no, "valued_quantity": valued,
            "item_ledger_entry_quantity": p.quantity if direct and p.target_entry_no is None else ZERO,
            "invoiced_quantity": invoiced,
            "cost_per_unit": round_unit_amount(abs(total / valued)) if valued else ZERO,
            "cost_amount_actual": v.cost_amount, "cost_amount_expected": v.cost_amount_expected,
            "cost_posted_to_gl": v.cost_amount if cost_posted else ZERO,
            "expected_cost_posted_to_gl": v.cost_amount_expected if v.expected_posted else ZERO,
            "sales_amount_actual": v.sales_amount, "purchase_amount_actual": v.purchase_amount,
            "discount_amount": v.discount_amount, "adjustment": v.adjustment,
            "applies_to_entry": applies_from or p.applies_to_entry, "item_charge_no": v.item_charge_no,
            "transaction_no": transaction_no, "user_id": ref.user_id}


def _application(ile, inbound, outbound, qty, posting_date: dt.date, transaction_no, fixed) -> dict:
    return {"item_ledger_entry_no": ile, "inbound_item_entry_no": inbound,
            "outbound_item_entry_no": outbound, "quantity": qty, "posting_date": posting_date,
            "fixed": fixed, "transaction_no": transaction_no}


#: ``session.info`` key: quantities the lines planned so far in this unit of work draw from
#: each inbound entry (entry no. -> quantity) that are not yet written. Two lines of one item
#: and location plan before either is written; each must see what the other takes
#: (domain.inventory.state.open_inbound subtracts these), and writing an application
#: here settles its share.
PLANNED_DRAWS = "ledger.planned_draws"


def _consume(session: Session, inbound_no: int, take: Decimal) -> None:
    planned = session.info.get(PLANNED_DRAWS)
    if planned and inbound_no in planned:
        left = planned.pop(inbound_no) - take
        if left > ZERO:
            planned[inbound_no] = left
    ile = ItemLedgerEntry
    remaining = ile.remaining_quantity - take
    done = session.execute(
        update(ile)
        .where(ile.entry_no == inbound_no, ile.remaining_quantity >= take)
        .values(remaining_quantity=remaining, open=remaining > ZERO)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise DomainError("INV-CONCURRENT-APPLICATION",
                          f"item ledger entry {inbound_no} no longer has {take} open; post again",
                          entry_no=inbound_no)


def gl_row(line: GLLine, posting_date: dt.date, document_type: str, document_no: str,
           transaction_no: int, user: str | None) -> dict:
    return {"transaction_no": transaction_no, "gl_account_no": line.account_no, "posting_date": posting_date,
            "document_type": document_type, "document_no": document_no, "external_document_no": None,
            "description": (line.description or "")[:250], "amount": line.amount,
            "debit_amount": line.amount if line.amount > ZERO else ZERO,
            "credit_amount": -line.amount if line.amount < ZERO else ZERO, "vat_amount": ZERO,
            "gen_posting_type": "", "gen_bus_posting_group": line.gen_bus_posting_group,
            "gen_prod_posting_group": line.gen_prod_posting_group, "vat_bus_posting_group": None,
            "vat_prod_posting_group": None, "source_type": line.source_type, "source_no": line.source_no,
            "user_id": user}


def new_transaction(session: Session, source_code: str, document_no: str, user: str | None) -> int:
    """A new transaction register row (BC G/L Register); its number groups the rows written."""
    session.flush()
    return session.execute(_insert(TransactionRegister, "transaction_no"), _params(TransactionRegister, {
        "source_code": source_code, "document_no": document_no, "user_id": user})).scalar_one()


def write_gl_rows(session: Session, rows: list[dict]) -> None:
    """Insert G/L entry rows built by :func:`gl_row`; each transaction's rows must balance to
    exactly zero (a broken invariant otherwise: nothing is written)."""
    if not rows:
        return
    totals: dict[int, Decimal] = {}
    for row in rows:
        totals[row["transaction_no"]] = totals.get(row["transaction_no"], ZERO) + row["amount"]
    unbalanced = {no: total for no, total in totals.items() if total != ZERO}
    if unbalanced:
        raise InvariantViolation(f"unbalanced G/L rows for transactions {unbalanced}")
    session.execute(_insert(GLEntry), _params(GLEntry, rows))


def write_value_rows(session: Session, rows: list[dict]) -> None:
    """Insert value entry rows (cost adjustment, revaluation); COPY on PostgreSQL."""
    bulk_insert(session, ValueEntry.__table__, rows)
