"""Post inventory cost to G/L (BC "Post Inventory Cost to G/L").

For each value entry, the cost not yet on the ledger (cost amount actual minus
cost posted to G/L; with Expected Cost Posting also the expected cost minus
what was posted of it) goes to the accounts of BC's matrix
(:func:`domain.ledger.rules.posting.inventory_gl_lines`: Inventory against Direct
Cost Applied, COGS, Inventory Adjustment, Overhead Applied or Purchase
Variance; expected cost to the interim accounts). Per entry (one G/L pair per
value entry, its own document no.) or summarised per posting group and date.
Entries dated outside the allowed posting range or in a closed inventory
period, and entries whose accounts are not set up, are skipped and listed; the
next run picks them up once the setup is fixed. The entries still to post are
found through partial indexes (migration 0004), so a run reads only them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.ledger import writer
from domain.ledger.marks import closed_through
from domain.ledger.model import ValueEntry
from domain.ledger.rules.posting import (
    GLLine,
    ItemPosting,
    SetupTables,
    ValuePlan,
    inventory_gl_lines,
    posting_date_problem,
)
from domain.money import ZERO
from domain.problems import Problem
from domain.setup.model.company import Company, GeneralPostingSetup, InventoryPostingSetup
from domain.setup.queries import company, setup_tables

MODES = ("per_entry", "summarised")
_COLUMNS = ("entry_no", "item_no", "posting_date", "entry_type", "item_ledger_entry_type", "document_type",
            "document_no", "description", "location_code", "inventory_posting_group", "gen_bus_posting_group",
            "gen_prod_posting_group", "cost_amount_actual", "cost_posted_to_gl", "cost_amount_expected",
            "expected_cost_posted_to_gl")


@dataclass
class CostPostingResult:
    posted_entries: int = 0
    gl_entries: int = 0
    amount: Decimal = Decimal("0.00")
    skipped: list[dict] = field(default_factory=list)
    transaction_nos: list[int] = field(default_factory=list)


@dataclass
class Accounts:
    """Setup that cost posting looks accounts up in, loaded once per transaction."""

    tables: SetupTables
    interim: dict[tuple[str, str], str | None]
    general_interim: dict[tuple[str, str], tuple[str | None, str | None]]
    expected: bool


def load_accounts(session: Session, comp: Company) -> Accounts:
    inv, gen = InventoryPostingSetup, GeneralPostingSetup
    interim = {(r.location_code, r.inventory_posting_group): r.inventory_account_interim
               for r in session.execute(select(inv.location_code, inv.inventory_posting_group,
                                               inv.inventory_account_interim))}
    general = {(r.gen_bus_posting_group, r.gen_prod_posting_group): (r.invt_accrual_account_interim,
                                                                      r.cogs_account_interim)
               for r in session.execute(select(gen.gen_bus_posting_group, gen.gen_prod_posting_group,
                                               gen.invt_accrual_account_interim, gen.cogs_account_interim))}
    return Accounts(setup_tables(session), interim, general, comp.expected_cost_posting)


def gl_lines_for(row, actual: Decimal, expected: Decimal, accounts: Accounts,
                 problems: list[Problem]) -> list[GLLine]:
    """G/L lines for ``actual`` (and ``expected``) cost of value entry ``row``."""
    posting = ItemPosting(0, row.item_no, row.item_ledger_entry_type, row.location_code or "", ZERO, [],
                          row.inventory_posting_group, row.gen_bus_posting_group or "",
                          row.gen_prod_posting_group or "", row.description or "")
    lines = inventory_gl_lines(posting, ValuePlan(row.entry_type, actual), accounts.tables, problems)
    if expected != ZERO and accounts.expected:
        lines += _expected_lines(row, posting, expected, accounts, problems)
    return lines


def _expected_lines(row, posting: ItemPosting, amount: Decimal, accounts: Accounts, problems) -> list[GLLine]:
    key = (posting.location_code, posting.inventory_posting_group or "")
    inventory = accounts.tables.account(accounts.interim.get(key), problems,
                                        f"inventory_posting_setup[{key[0] or '(blank)'},{key[1]}]"
                                        ".inventory_account_interim")
    accrual, cogs = accounts.general_interim.get((posting.gen_bus_posting_group or "",
                                                  posting.gen_prod_posting_group or ""), (None, None))
    # BC: a sale's expected cost (and its reversal, its adjustment) balances on COGS (Interim),
    # every other entry's on Invt. Accrual (Interim), as at posting (ledger.rules.order_posting)
    name = "cogs_account_interim" if row.item_ledger_entry_type == "sale" else "invt_accrual_account_interim"
    balancing = accounts.tables.account(cogs if name == "cogs_account_interim" else accrual, problems,
                                        f"general_posting_setup[{posting.gen_bus_posting_group},"
                                        f"{posting.gen_prod_posting_group}].{name}")
    if inventory is None or balancing is None:
        return []
    common = dict(source_type="item", source_no=row.item_no, description=posting.description,
                  gen_bus_posting_group=posting.gen_bus_posting_group,
                  gen_prod_posting_group=posting.gen_prod_posting_group)
    return [GLLine(inventory, amount, **common), GLLine(balancing, -amount, **common)]


def post_inventory_cost(app: App, mode: str = "per_entry", document_no: str | None = None,
                        batch_size: int = 20000, progress: Callable[[int], None] | None = None
                        ) -> CostPostingResult:
    """Post every value entry's unposted cost; one transaction per batch of entries.
    ``progress(entries posted so far)`` is called after each batch (the CLI's bar)."""
    require(app, app.user, "costing.run")
    result, after = CostPostingResult(), 0
    while True:
        with app.uow() as session:
            after = _post_batch(session, mode, document_no, app.user, after, batch_size, result)
        if after is None:
            return result
        if progress is not None:
            progress(result.posted_entries + len(result.skipped))


def date_problem(row, comp: Company, closed: dt.date | None) -> Problem | None:
    date = row.posting_date
    if closed is not None and date <= closed:
        return Problem("COST-POST-PERIOD-CLOSED", None, {"posting_date": date.isoformat()})
    return posting_date_problem(date, comp.allow_posting_from, comp.allow_posting_to, None)


def _post_batch(session: Session, mode: str, document_no, user, after: int, size: int,
                result: CostPostingResult) -> int | None:
    comp = company(session)
    accounts = load_accounts(session, comp)
    closed = closed_through(session)
    ve = ValueEntry.__table__
    pending = ve.c.cost_amount_actual != ve.c.cost_posted_to_gl
    if comp.expected_cost_posting:
        pending = or_(pending, ve.c.cost_amount_expected != ve.c.expected_cost_posted_to_gl)
    rows = session.execute(select(*(ve.c[c] for c in _COLUMNS)).where(pending, ve.c.entry_no > after)
                           .order_by(ve.c.entry_no).limit(size)).all()
    if not rows:
        return None
    posted, gl = [], []
    for row in rows:
        actual = row.cost_amount_actual - row.cost_posted_to_gl
        expected = row.cost_amount_expected - row.expected_cost_posted_to_gl if comp.expected_cost_posting \
            else ZERO
        problems: list[Problem] = []
        blocked = date_problem(row, comp, closed)
        lines = [] if blocked else gl_lines_for(row, actual, expected, accounts, problems)
        if blocked or problems:
            result.skipped.append(_skip(row, [blocked] if blocked else problems))
            continue
        posted.append({"n": row.entry_no, "c": row.cost_amount_actual,
                       "e": row.cost_amount_expected if comp.expected_cost_posting
                       else row.expected_cost_posted_to_gl})
        gl.append((row, lines))
        result.amount += actual
    if posted:
        _write(session, mode, document_no, user, posted, gl, result)
    return rows[-1].entry_no


def _skip(row, problems) -> dict:
    return {"entry_no": row.entry_no, "item_no": row.item_no, "posting_date": row.posting_date,
            "amount": row.cost_amount_actual - row.cost_posted_to_gl, "code": problems[0].code,
            "detail": "; ".join(p.message() for p in problems)}


def _write(session: Session, mode: str, document_no, user, posted, gl, result: CostPostingResult) -> None:
    transaction_no = writer.new_transaction(session, "INVTPCOST", document_no or "INVT-COST", user)
    if mode == "summarised":
        rows = _summarised(gl, document_no or f"INVT-{transaction_no}", transaction_no, user)
    else:
        rows = [writer.gl_row(line, row.posting_date, row.document_type, row.document_no, transaction_no, user)
                for row, lines in gl for line in lines]
    writer.write_gl_rows(session, rows)
    ve = ValueEntry.__table__
    session.execute(update(ve).where(ve.c.entry_no == bindparam("n")).values(
        cost_posted_to_gl=bindparam("c"), expected_cost_posted_to_gl=bindparam("e"))
        .execution_options(synchronize_session=False), posted)
    result.posted_entries += len(posted)
    result.gl_entries += len(rows)
    result.transaction_nos.append(transaction_no)


def _summarised(gl, document_no: str, transaction_no: int, user) -> list[dict]:
    """One G/L entry per posting date, account and posting groups (BC "Post Method: Per Posting Group")."""
    sums: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for row, lines in gl:
        for line in lines:
            sums[(row.posting_date, line.account_no, line.gen_bus_posting_group,
                  line.gen_prod_posting_group)] += line.amount
    rows = []
    for (date, account, bus, prod), amount in sorted(sums.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                                     str(kv[0][2:]))):
        if amount != ZERO:
            line = GLLine(account, amount, "Inventory cost posted to G/L", gen_bus_posting_group=bus,
                          gen_prod_posting_group=prod)
            rows.append(writer.gl_row(line, date, "", document_no, transaction_no, user))
    return rows
