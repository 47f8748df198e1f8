"""Adjust cost (BC "Adjust Cost - Item Entries"): incremental, per-item atomic, logged.

Only items marked "to adjust" (:mod:`domain.ledger.marks`) are read,
with set-based SELECTs per batch of items; :mod:`domain.costing.rules.adjust`
computes what each entry should cost and the service bulk-inserts the
difference as adjustment value entries (never editing an old row; COPY on
PostgreSQL). A batch is
one transaction: each item's entries, the removal of its mark and its run-log
row commit together, so a crash leaves every item either adjusted and unmarked
or untouched and still marked; the next run resumes with what is left. An
item whose costing fails (bad setup, inconsistent ledger) is logged with its
error code and keeps its mark while the rest of the batch completes; should a
batch's write fail, its items are retried one transaction each. Adjusting
adjusted costs finds nothing, so a second run writes no value entry. With
Automatic Cost Posting on, the new entries post to G/L in the same transaction.

Average items marked from a date are adjusted from the average cost period of
that date on (BC "Avg. Cost Adjmt. Entry Point",
:func:`domain.costing.history.read_window`): the periods before are
summarised per pool by their quantity and value, summed in SQL from the already
adjusted ledger. Other methods, a full run (``all_items``) and a window
that needs an earlier period's average read the whole history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import bindparam, delete, literal, select, update
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing import assembly_link
from domain.costing import gl_posting as cost_posting
from domain.costing.history import read_history, read_window  # noqa: F401  (also the read API)
from domain.costing.model import CostAdjustmentRun, CostAdjustmentRunItem
from domain.costing.periods import first_open_date, inventory_setup
from domain.costing.rules.adjust import Adjustment, NeedsFullHistory, Settings, adjust_item, period_start
from domain.db import bulk_insert
from domain.identity.access import require
from domain.ledger import writer
from domain.ledger.model import ItemToAdjust
from domain.money import ZERO, round_unit_amount
from domain.problems import DomainError, Problem
from domain.setup.model.cards import Item
from domain.setup.queries import company, own_posting_range

BATCH_SIZE = 250


@dataclass
class ItemOutcome:
    item_no: str
    status: str  # adjusted | unchanged | failed
    entries_created: int = 0
    amount: Decimal = ZERO
    error_code: str | None = None
    error_message: str | None = None


@dataclass
class RunResult:
    run_id: int
    status: str
    entries_created: int = 0
    outcomes: list[ItemOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def adjust(app: App, items: list[str] | None = None, trigger: str = "manual", all_items: bool = False,
           batch_size: int = BATCH_SIZE, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Adjust the marked items (or ``items`` among them; every item with ``all_items``).
    ``progress(items done, items in the run)`` is called after each batch (the CLI's bar).

    A run someone starts (manual, revaluation) needs costing.run; the automatic adjustment after
    a posting runs for the poster, whose posting permission was checked already."""
    if trigger != "automatic":
        require(app, app.user, "costing.run")
    run_id, targets = _start(app, items, all_items, trigger)
    outcomes: list[ItemOutcome] = []
    for _ in range(assembly_link.MAX_LEVELS):
        parents: set[str] = set()  # assembled items whose consumed cost this round changed
        for start in range(0, len(targets), batch_size):
            outcomes += _adjust_batch(app, run_id, targets[start:start + batch_size], parents)
            if progress is not None:
                progress(min(start + batch_size, len(targets)), len(targets))
        if not parents:
            break
        targets = _marked(app, sorted(parents))  # the next level up, in the same run
    return _finish(app, run_id, _per_item(outcomes))


def _per_item(outcomes: list[ItemOutcome]) -> list[ItemOutcome]:
    """One outcome per item: an assembled item adjusted in more than one round counts once."""
    rank = ("unchanged", "adjusted", "failed")
    merged: dict[str, ItemOutcome] = {}
    for o in outcomes:
        m = merged.get(o.item_no)
        if m is None:
            merged[o.item_no] = ItemOutcome(o.item_no, o.status, o.entries_created, o.amount, o.error_code,
                                            o.error_message)
            continue
        m.status = max(m.status, o.status, key=rank.index)
        m.entries_created += o.entries_created
        m.amount += o.amount
        m.error_code, m.error_message = m.error_code or o.error_code, m.error_message or o.error_message
    return list(merged.values())


def _marked(app: App, nos: list[str]) -> list[tuple]:
    mark = ItemToAdjust
    with app.uow() as session:
        return [tuple(r) for r in session.execute(select(mark.item_no, mark.generation, mark.from_date)
                                                  .where(mark.item_no.in_(nos)).order_by(mark.item_no))]


def _start(app: App, items, all_items: bool, trigger: str) -> tuple[int, list[tuple]]:
    """The run's id and its items as (item no., mark generation, adjust from date or None: whole history)."""
    run, mark = CostAdjustmentRun, ItemToAdjust
    with app.uow() as session:
        session.execute(update(run).where(run.status == "running").values(status="interrupted"))
        row = run(trigger=trigger, status="running", started_at=app.now(), user_id=app.user)
        session.add(row)
        session.flush()
        if all_items:
            query = select(Item.no, mark.generation, literal(None)).outerjoin(mark, mark.item_no == Item.no).where(
                Item.type == "inventory").order_by(Item.no)
            if items:
                query = query.where(Item.no.in_(items))
        else:
            query = select(mark.item_no, mark.generation, mark.from_date).order_by(mark.item_no)
            if items:
                query = query.where(mark.item_no.in_(items))
        return row.id, [tuple(r) for r in session.execute(query)]


def _adjust_batch(app: App, run_id: int, chunk, parents: set[str]) -> list[ItemOutcome]:
    try:
        with app.uow() as session:
            return _process(session, run_id, chunk, app.user, parents)
    except Exception as exc:
        if len(chunk) > 1:  # find the item that breaks the write; the others go through
            return [o for one in chunk for o in _adjust_batch(app, run_id, [one], parents)]
        outcome = ItemOutcome(chunk[0][0], "failed", error_code=getattr(exc, "code", type(exc).__name__),
                              error_message=str(exc)[:250])
        with app.uow() as session:
            _log(session, run_id, [outcome])
        return [outcome]


def _finish(app: App, run_id: int, outcomes: list[ItemOutcome]) -> RunResult:
    failed = sum(o.status == "failed" for o in outcomes)
    entries = sum(o.entries_created for o in outcomes)
    status = "completed_with_errors" if failed else "completed"
    with app.uow() as session:
        run = session.get(CostAdjustmentRun, run_id)
        run.status, run.finished_at, run.items_total = status, app.now(), len(outcomes)
        run.items_adjusted = sum(o.status == "adjusted" for o in outcomes)
        run.items_failed, run.entries_created = failed, entries
    return RunResult(run_id, status, entries, outcomes)


def settings_for(session: Session) -> dict:
    comp, setup = company(session), inventory_setup(session)
    opens = [d for d in (first_open_date(session), comp.allow_posting_from) if d is not None]
    return {"period": setup.average_cost_period, "per_location": setup.average_cost_calc_type != "item",
            "first_open_date": max(opens) if opens else None, "currency": comp.currency, "company": comp,
            "accounts": cost_posting.load_accounts(session, comp) if comp.automatic_cost_posting else None}


def user_range_error(date: dt.date, own, user) -> DomainError | None:
    """BC Item Jnl.-Check Line: an entry dated outside the acting user's own allowed posting
    range (user setup) is refused for that user, naming the range."""
    if own is None:
        return None
    start, end = own
    if (start and date < start) or (end and date > end):
        params = {"posting_date": date.isoformat(), "from": start.isoformat() if start else "",
                  "to": end.isoformat() if end else "", "user": user or ""}
        problem = Problem("POST-DATE-NOT-IN-USER-RANGE", "posting_date", params)
        return DomainError("POST-DATE-NOT-IN-USER-RANGE", problem.message(), **params)
    return None


def _process(session: Session, run_id: int, chunk, user, parents: set[str]) -> list[ItemOutcome]:
    ctx = settings_for(session)
    own = own_posting_range(session, user)
    nos = [no for no, _, _ in chunk]
    items = {r.no: r for r in session.execute(select(
        Item.no, Item.costing_method, Item.inventory_posting_group, Item.gen_prod_posting_group)
        .where(Item.no.in_(nos)))}
    history = _read(session, chunk, items, ctx)
    outcomes, planned = [], []
    for no, _, _ in chunk:
        try:
            settings = Settings(items[no].costing_method, ctx["period"], ctx["per_location"],
                                ctx["first_open_date"], ctx["currency"])
            entries, applications, info, opening = history.get(no, ([], [], {}, None))
            try:
                outputs = assembly_link.output_adjustments(session, entries, settings)
                adjustments = outputs + adjust_item(entries, applications, settings, opening)
            except NeedsFullHistory:  # the window needs an earlier period's average
                entries, applications, info = read_history(session, [no])[no]
                outputs = assembly_link.output_adjustments(session, entries, settings)
                adjustments = outputs + adjust_item(entries, applications, settings)
            for a in adjustments:
                if (refused := user_range_error(a.posting_date, own, user)) is not None:
                    raise refused
        except Exception as exc:  # this item alone fails; the batch goes on
            outcomes.append(ItemOutcome(no, "failed", error_code=getattr(exc, "code", type(exc).__name__),
                                        error_message=str(exc)[:250]))
            continue
        planned += [(a, info[a.item_ledger_entry_no], items[no]) for a in adjustments]
        outcomes.append(ItemOutcome(no, "adjusted" if adjustments else "unchanged", len(adjustments),
                                    sum((a.amount for a in adjustments), ZERO)))
    if planned:
        _write(session, run_id, planned, ctx, user)
        parents |= assembly_link.mark_outputs(session, sorted(
            {a.item_ledger_entry_no for a, (ile, _), _ in planned if ile.entry_type == assembly_link.CONSUMPTION}))
    done = [{"i_no": no, "gen": gen} for (no, gen, _), o in zip(chunk, outcomes)
            if o.status != "failed" and gen is not None]
    if done:
        table = ItemToAdjust.__table__
        session.execute(delete(table).where(table.c.item_no == bindparam("i_no"),
                                            table.c.generation == bindparam("gen")), done)
    _log(session, run_id, outcomes)
    return outcomes


def _read(session: Session, chunk, items, ctx: dict) -> dict[str, tuple]:
    """Per item (entries, applications, info, opening): Average items marked from a date
    from the period of that date on (one set of SELECTs per start), the others whole."""
    starts: dict[dt.date, list[str]] = {}
    whole = []
    for no, _, from_date in chunk:
        if from_date is not None and no in items and items[no].costing_method == "average":
            starts.setdefault(period_start(from_date, ctx["period"]), []).append(no)
        else:
            whole.append(no)
    result = {no: (*found, None) for no, found in read_history(session, whole).items()} if whole else {}
    for start, group in starts.items():
        result.update(read_window(session, group, start, ctx["per_location"]))
    return result


def _log(session: Session, run_id: int, outcomes: list[ItemOutcome]) -> None:
    bulk_insert(session, CostAdjustmentRunItem.__table__, [
        {"run_id": run_id, "item_no": o.item_no, "status": o.status, "entries_created": o.entries_created,
         "amount": o.amount, "error_code": o.error_code, "error_message": o.error_message} for o in outcomes])


def _write(session: Session, run_id: int, planned, ctx: dict, user) -> None:
    transaction_no = writer.new_transaction(session, "INVTADJMT", f"ADJ-RUN-{run_id}", user)
    rows, gl = [], []
    for adjustment, (ile, gen_bus), item in planned:
        row = value_row(adjustment, ile, gen_bus, item, transaction_no, user)
        if ctx["accounts"] is not None:
            gl += post_now(row, ile, ctx, transaction_no, user)
        rows.append(row)
    writer.write_value_rows(session, rows)
    writer.write_gl_rows(session, gl)


def value_row(a: Adjustment, ile, gen_bus, item, transaction_no: int, user) -> dict:
    valued = ile.quantity if a.entry_type == "direct_cost" else ZERO
    return {"item_ledger_entry_no": ile.entry_no, "item_no": ile.item_no, "posting_date": a.posting_date,
            "valuation_date": a.valuation_date, "entry_type": a.entry_type,
            "item_ledger_entry_type": ile.entry_type, "document_type": ile.document_type,
            "document_no": ile.document_no, "document_line_no": ile.document_line_no,
            "description": ile.description, "location_code": ile.location_code,
            "inventory_posting_group": item.inventory_posting_group, "gen_bus_posting_group": gen_bus,
            "gen_prod_posting_group": item.gen_prod_posting_group, "source_type": ile.source_type,
            "source_no": ile.source_no, "valued_quantity": valued, "item_ledger_entry_quantity": ZERO,
            "invoiced_quantity": ZERO,
            "cost_per_unit": round_unit_amount(abs(a.amount / valued)) if valued else ZERO,
            "cost_amount_actual": ZERO if a.expected else a.amount,
            "cost_amount_expected": a.amount if a.expected else ZERO, "cost_posted_to_gl": ZERO,
            "expected_cost_posted_to_gl": ZERO, "sales_amount_actual": ZERO, "purchase_amount_actual": ZERO,
            "discount_amount": ZERO, "adjustment": True, "applies_to_entry": None, "item_charge_no": None,
            "transaction_no": transaction_no, "user_id": user}


def post_now(row: dict, ile, ctx: dict, transaction_no: int, user) -> list[dict]:
    """Automatic Cost Posting: the new entry's G/L lines, or none (left for post-to-G/L)."""
    accounts, view = ctx["accounts"], SimpleNamespace(**row)
    problems: list[Problem] = []
    if cost_posting.date_problem(view, ctx["company"], None) is not None:
        return []
    expected = row["cost_amount_expected"] if accounts.expected else ZERO
    lines = cost_posting.gl_lines_for(view, row["cost_amount_actual"], expected, accounts, problems)
    if problems:
        return []
    row["cost_posted_to_gl"] = row["cost_amount_actual"]
    row["expected_cost_posted_to_gl"] = expected
    return [writer.gl_row(line, row["posting_date"], ile.document_type, ile.document_no, transaction_no,
                                user) for line in lines]
