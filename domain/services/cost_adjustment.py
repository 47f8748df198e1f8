"""Adjust cost (BC "Adjust Cost - Item Entries"): incremental, per-item atomic, logged.

Only items marked "to adjust" (:mod:`domain.services.costing_marks`) are read,
with set-based SELECTs per batch of items; :mod:`domain.rules.costing_adjust`
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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import Date, Numeric, bindparam, case, delete, func, insert, select, type_coerce, update
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import Session

from domain import model as m
from domain.money import ZERO, round_unit_amount
from domain.problems import Problem
from domain.rules.costing_adjust import Adjustment, Application, Entry, Revaluation, Settings, adjust_item
from domain.services import cost_posting
from domain.services.app import App
from domain.services.inventory_periods import first_open_date, inventory_setup
from domain.services.setup_data import company

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
           batch_size: int = BATCH_SIZE) -> RunResult:
    """Adjust the marked items (or ``items`` among them; every item with ``all_items``)."""
    run_id, targets = _start(app, items, all_items, trigger)
    outcomes: list[ItemOutcome] = []
    for start in range(0, len(targets), batch_size):
        outcomes += _adjust_batch(app, run_id, targets[start:start + batch_size])
    return _finish(app, run_id, outcomes)


def _start(app: App, items, all_items: bool, trigger: str) -> tuple[int, list[tuple[str, int | None]]]:
    run, mark = m.CostAdjustmentRun, m.ItemToAdjust
    with app.uow() as session:
        session.execute(update(run).where(run.status == "running").values(status="interrupted"))
        row = run(trigger=trigger, status="running", started_at=app.now(), user_id=app.user)
        session.add(row)
        session.flush()
        if all_items:
            query = select(m.Item.no, mark.generation).outerjoin(mark, mark.item_no == m.Item.no).where(
                m.Item.type == "inventory").order_by(m.Item.no)
            if items:
                query = query.where(m.Item.no.in_(items))
        else:
            query = select(mark.item_no, mark.generation).order_by(mark.item_no)
            if items:
                query = query.where(mark.item_no.in_(items))
        return row.id, [tuple(r) for r in session.execute(query)]


def _adjust_batch(app: App, run_id: int, chunk) -> list[ItemOutcome]:
    try:
        with app.uow() as session:
            return _process(session, run_id, chunk, app.user)
    except Exception as exc:
        if len(chunk) > 1:  # find the item that breaks the write; the others go through
            return [o for one in chunk for o in _adjust_batch(app, run_id, [one])]
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
        run = session.get(m.CostAdjustmentRun, run_id)
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


def _process(session: Session, run_id: int, chunk, user) -> list[ItemOutcome]:
    ctx = settings_for(session)
    nos = [no for no, _ in chunk]
    items = {r.no: r for r in session.execute(select(
        m.Item.no, m.Item.costing_method, m.Item.inventory_posting_group, m.Item.gen_prod_posting_group)
        .where(m.Item.no.in_(nos)))}
    history = read_history(session, nos)
    outcomes, planned = [], []
    for no, _ in chunk:
        entries, applications, info = history.get(no, ([], [], {}))
        try:
            settings = Settings(items[no].costing_method, ctx["period"], ctx["per_location"],
                                ctx["first_open_date"], ctx["currency"])
            adjustments = adjust_item(entries, applications, settings)
        except Exception as exc:  # this item alone fails; the batch goes on
            outcomes.append(ItemOutcome(no, "failed", error_code=getattr(exc, "code", type(exc).__name__),
                                        error_message=str(exc)[:250]))
            continue
        planned += [(a, info[a.item_ledger_entry_no], items[no]) for a in adjustments]
        outcomes.append(ItemOutcome(no, "adjusted" if adjustments else "unchanged", len(adjustments),
                                    sum((a.amount for a in adjustments), ZERO)))
    if planned:
        _write(session, run_id, planned, ctx, user)
    done = [{"i_no": no, "gen": gen} for (no, gen), o in zip(chunk, outcomes)
            if o.status != "failed" and gen is not None]
    if done:
        table = m.ItemToAdjust.__table__
        session.execute(delete(table).where(table.c.item_no == bindparam("i_no"),
                                            table.c.generation == bindparam("gen")), done)
    _log(session, run_id, outcomes)
    return outcomes


def _log(session: Session, run_id: int, outcomes: list[ItemOutcome]) -> None:
    bulk_insert(session, m.CostAdjustmentRunItem.__table__, [
        {"run_id": run_id, "item_no": o.item_no, "status": o.status, "entries_created": o.entries_created,
         "amount": o.amount, "error_code": o.error_code, "error_message": o.error_message} for o in outcomes])


_PG_DECIMAL = Numeric(asdecimal=True)


def _decimal(conn, expr, exact_type):
    """``expr`` read as Decimal. PostgreSQL's driver returns NUMERIC as Decimal already, so
    there it is read without the per-value result hook of the column type; on SQLite the
    column's own type turns the stored scaled integer back into a Decimal."""
    return type_coerce(expr, _PG_DECIMAL if conn.dialect.name == "postgresql" else exact_type)


def read_history(session: Session, nos: list[str]) -> dict[str, tuple[list[Entry], list[Application], dict]]:
    """Every entry of the items ``nos`` with its value summed per item ledger entry.

    Two SELECTs (a third only when there are revaluations): the item ledger entries
    joined to their value entries summed per entry, and the item application entries.
    Rows are fetched at once and read by position (no per-row cursor calls)."""
    conn = session.connection()  # Core rows: no ORM loading machinery for plain columns
    result: dict[str, tuple[list, list, dict]] = {no: ([], [], {}) for no in nos}
    rows = conn.execute(_entries_query(conn, nos)).all()
    revaluations = _revaluations(conn, nos) if any(r[_REVALUED] for r in rows) else {}
    for r in rows:  # positions as in _entries_query
        entries, _, info = result[r[1]]
        quantity = r[9]
        entries.append(Entry(
            entry_no=r[0], posting_date=r[2], quantity=quantity, remaining_quantity=r[10], location_code=r[8],
            transaction_no=r[13], invoiced_quantity=r[11], base_cost=ZERO if r[16] is None else r[16],
            rounding=ZERO if r[17] is None else r[17], last_cost_date=r[18],
            applies_from=r[12] if quantity > ZERO else None, revaluations=tuple(revaluations.get(r[0], ())),
            kind=r[3]))
        info[r[0]] = (r, r[19])
    for r in conn.execute(_applications_query(conn, nos)).all():
        result[r[4]][1].append(Application(outbound=r[0], inbound=r[1], quantity=-r[2], fixed=bool(r[3])))
    return result


_REVALUED = 20  # position of the revaluation count in _entries_query's rows


def _entries_query(conn, nos: list[str]):
    """Item ledger entries of ``nos``, each with its value entries summed: direct cost and the like
    (base), rounding, the last non-adjustment posting date, the gen. bus. posting group and how many
    revaluations it has."""
    ile, ve = m.ItemLedgerEntry, m.ValueEntry
    amount, qty = ve.cost_amount_actual.type, ile.quantity.type
    plain = ve.entry_type.notin_(("revaluation", "rounding"))
    both = ve.cost_amount_actual + ve.cost_amount_expected
    values = select(
        ve.item_ledger_entry_no.label("ile_no"),
        func.sum(case((plain, both), else_=0)).label("base"),
        func.sum(case((ve.entry_type == "rounding", both), else_=0)).label("rounding"),
        func.max(case((ve.adjustment.is_(False), ve.posting_date))).label("last_cost_date"),
        func.max(ve.gen_bus_posting_group).label("gen_bus"),
        func.count(case((ve.entry_type == "revaluation", 1))).label("revaluations"),
    ).where(ve.item_no.in_(nos)).group_by(ve.item_ledger_entry_no).subquery()
    return select(
        ile.entry_no, ile.item_no, ile.posting_date, ile.entry_type, ile.document_type, ile.document_no,
        ile.document_line_no, ile.description, ile.location_code,
        _decimal(conn, ile.quantity, qty).label("quantity"),
        _decimal(conn, ile.remaining_quantity, qty).label("remaining_quantity"),
        _decimal(conn, ile.invoiced_quantity, qty).label("invoiced_quantity"),
        ile.applies_to_entry, ile.transaction_no, ile.source_type, ile.source_no,
        _decimal(conn, values.c.base, amount).label("value_base"),
        _decimal(conn, values.c.rounding, amount).label("value_rounding"),
        type_coerce(values.c.last_cost_date, Date).label("value_last_cost_date"),
        values.c.gen_bus.label("value_gen_bus"), values.c.revaluations.label("value_revaluations"),
    ).outerjoin(values, values.c.ile_no == ile.entry_no).where(ile.item_no.in_(nos))


def _revaluations(conn, nos: list[str]) -> dict[int, list[Revaluation]]:
    ve = m.ValueEntry
    found: dict[int, list[Revaluation]] = {}
    for r in conn.execute(select(ve.item_ledger_entry_no, ve.cost_amount_actual, ve.cost_amount_expected,
                                 ve.valued_quantity, ve.valuation_date, ve.transaction_no)
                          .where(ve.item_no.in_(nos), ve.entry_type == "revaluation")):
        found.setdefault(r[0], []).append(Revaluation(r[1] + r[2], r[3], r[4], r[5]))
    return found


def _applications_query(conn, nos: list[str]):
    """Item application entries of ``nos`` that apply an outbound entry (on PostgreSQL read
    from the covering index ``ix_item_application_entry_outbound_cover``)."""
    ile, app = m.ItemLedgerEntry, m.ItemApplicationEntry
    return select(app.outbound_item_entry_no, app.inbound_item_entry_no,
                  _decimal(conn, app.quantity, app.quantity.type), app.fixed, ile.item_no) \
        .join(ile, ile.entry_no == app.item_ledger_entry_no) \
        .where(ile.item_no.in_(nos), app.outbound_item_entry_no.is_not(None))


def _write(session: Session, run_id: int, planned, ctx: dict, user) -> None:
    transaction_no = cost_posting.new_transaction(session, "INVTADJMT", f"ADJ-RUN-{run_id}", user)
    rows, gl = [], []
    for adjustment, (ile, gen_bus), item in planned:
        row = value_row(adjustment, ile, gen_bus, item, transaction_no, user)
        if ctx["accounts"] is not None:
            gl += post_now(row, ile, ctx, transaction_no, user)
        rows.append(row)
    bulk_insert(session, m.ValueEntry.__table__, rows)
    if gl:
        session.execute(insert(m.GLEntry.__table__), gl)


def bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """INSERT ``rows`` (dicts with the same keys). On PostgreSQL through COPY, which takes the
    rows in one stream instead of one statement each; as with an INSERT, omitted columns get
    their default and every value passes its column type's check (a Decimal never has more
    decimals than its column)."""
    if not rows:
        return
    conn = session.connection()
    columns = list(rows[0])
    omitted = [c for c in table.c if c.name not in rows[0] and c.default is not None]
    if conn.dialect.name != "postgresql" or any(not c.default.is_scalar for c in omitted):
        session.execute(insert(table), rows)
        return
    defaults = [c.default.arg for c in omitted]
    names = columns + [c.name for c in omitted]
    checks = [(i, table.c[name].type) for i, name in enumerate(names)
              if isinstance(table.c[name].type, TypeDecorator)]
    with conn.connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                values = [row[name] for name in columns] + defaults
                for i, column_type in checks:
                    if values[i] is not ZERO:
                        values[i] = column_type.process_bind_param(values[i], conn.dialect)
                copy.write_row(values)


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
    return [cost_posting.gl_row(line, row["posting_date"], ile.document_type, ile.document_no, transaction_no,
                                user) for line in lines]
