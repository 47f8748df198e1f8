"""Revalue inventory (BC "Revaluation Journal"), per item or per item ledger entry,
on any date, backdated too (`ledgerflow revalue FILE.csv`).

CSV columns (header row required; one revaluation per row):

``posting_date``      the revaluation date (YYYY-MM-DD), required
``item_no``           the item, required
``entry_no``          optional: revalue this inbound item ledger entry only
                      (FIFO, LIFO, Specific, Standard); blank = the whole item
``new_unit_cost``     the new unit cost of what is on hand at the date, or
``revalued_amount``   the new total value of what is on hand at the date
                      (BC "Inventory Value (Revalued)"); give exactly one
``document_no``       optional (default ``REVAL-YYYYMMDD``)

The revaluable quantity is what is on hand at the end of the date (BC
"Calculate Inventory Value"): for each inbound entry, its quantity less what
outbound entries dated on or before the date drew from it. Each revalued
entry gets a value entry of type revaluation for the difference; cost
adjustment then forwards it to outbound entries posted or dated after the
revaluation (BC scenarios C-F). Average items revalue per item only, and only
at the end of an average cost period (as in BC). Revaluing a Standard item as
a whole sets its standard cost to the new unit cost ("Design Details:
Revaluation"). The items' costs are adjusted first, so the revaluation starts
from adjusted values; a row with nothing on hand is refused before that, so a
refused revaluation writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing import adjustment as cost_adjustment
from domain.costing.periods import inventory_setup
from domain.costing.rules.adjust import Adjustment, period_end, remaining_at, unit_cost_at
from domain.identity.access import require
from domain.ledger import marks as costing_marks
from domain.ledger import writer
from domain.ledger.marks import closed_through
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.ledger.rules.posting import posting_date_problem
from domain.money import ZERO, round_amount, round_unit_amount
from domain.parse import Reader
from domain.problems import DomainError, Problem, Rejected
from domain.setup.model.cards import Item
from domain.setup.queries import company, own_posting_range

COLUMNS = ("posting_date", "item_no", "entry_no", "new_unit_cost", "revalued_amount", "document_no")


@dataclass
class RevaluationResult:
    entries: list[dict] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((e["amount"] for e in self.entries), ZERO)


def read_csv(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {path}", path=str(path)) from None


def revalue(app: App, rows: list[dict]) -> RevaluationResult | Rejected:
    with app.uow() as session:
        require(session, app.user, "costing.run")
        parsed = _parse(session, rows, app.user)
    if isinstance(parsed, Rejected):
        return parsed
    cost_adjustment.adjust(app, items=sorted({r["item_no"] for r in parsed}), trigger="revaluation")
    return app.command(lambda session: _post_rows(session, parsed, app.user))


def _post_rows(session: Session, parsed: list[dict], user: str | None) -> RevaluationResult | Rejected:
    result = RevaluationResult()
    problems: list[Problem] = []
    ctx = cost_adjustment.settings_for(session)
    for index, row in enumerate(parsed, start=1):
        _post_row(session, index, row, ctx, user, result, problems)
    if problems:
        return Rejected(problems)
    costing_marks.mark_changed(session, {r["item_no"] for r in parsed}, min(r["posting_date"] for r in parsed))
    return result


def _parse(session: Session, rows: list[dict], user: str | None = None) -> list[dict] | Rejected:
    problems, parsed = [], []
    setup, comp, closed = inventory_setup(session), company(session), closed_through(session)
    own = own_posting_range(session, user)
    if not rows:
        problems.append(Problem("REVAL-EMPTY", "rows"))
    for index, raw in enumerate(rows, start=1):
        r = Reader(raw, f"rows[{index}]")
        row = {"posting_date": r.date("posting_date", required=True), "item_no": r.text("item_no", required=True),
               "entry_no": r.integer("entry_no"), "new_unit_cost": r.decimal("new_unit_cost", places=5),
               "revalued_amount": r.decimal("revalued_amount", places=2),
               "document_no": r.text("document_no")}
        for name in ("new_unit_cost", "revalued_amount"):  # BC: Unit Cost (Revalued) is never negative
            if row[name] is not None and row[name] < ZERO:
                r.problems.append(Problem("REVAL-NEGATIVE-VALUE", f"rows[{index}].{name}", {"value": str(row[name])}))
        problems += r.problems
        if not r.problems:
            problems += _check(session, index, row, setup, comp, closed)
            refused = cost_adjustment.user_range_error(row["posting_date"], own, user)
            if refused is not None:
                problems.append(Problem(refused.code, f"rows[{index}].posting_date", refused.params))
        parsed.append(row)
    return Rejected(problems) if problems else parsed


def _check(session: Session, index: int, row: dict, setup, comp, closed) -> list[Problem]:
    where, date = f"rows[{index}]", row["posting_date"]
    item = session.get(Item, row["item_no"])
    if item is None or item.type != "inventory":
        return [Problem("REVAL-UNKNOWN-ITEM", f"{where}.item_no", {"item_no": row["item_no"]})]
    problems = []
    if (row["new_unit_cost"] is None) == (row["revalued_amount"] is None):
        problems.append(Problem("REVAL-GIVE-UNIT-COST-OR-AMOUNT", where))
    date_problem = posting_date_problem(date, comp.allow_posting_from, comp.allow_posting_to,
                                        f"{where}.posting_date")
    if closed and date <= closed and date_problem is None:  # a closed inventory period refuses it too
        date_problem = Problem("POST-DATE-NOT-ALLOWED", f"{where}.posting_date", {
            "posting_date": str(date), "closed_through": str(closed), "from": str(closed + dt.timedelta(days=1)),
            "to": str(comp.allow_posting_to or "")})
    if date_problem:
        problems.append(date_problem)
    if item.costing_method == "average":
        if row["entry_no"] is not None or setup.average_cost_calc_type != "item":
            problems.append(Problem("REVAL-AVERAGE-PER-ITEM-ONLY", f"{where}.entry_no", {"item_no": item.no}))
        if period_end(date, setup.average_cost_period) != date:
            problems.append(Problem("REVAL-AVERAGE-NOT-PERIOD-END", f"{where}.posting_date", {
                "posting_date": str(date), "period_end": str(period_end(date, setup.average_cost_period))}))
    elif row["entry_no"] is not None:
        entry = session.get(ItemLedgerEntry, row["entry_no"])
        if entry is None or entry.item_no != item.no or entry.quantity <= ZERO:
            problems.append(Problem("REVAL-NOT-AN-INBOUND-ENTRY", f"{where}.entry_no",
                                    {"entry_no": row["entry_no"], "item_no": item.no}))
    if not problems and sum((qty for _, qty, _ in _targets(session, item, row)[0]), ZERO) <= ZERO:
        # the quantity on hand does not depend on cost adjustment: refused before it runs, so a
        # refused revaluation writes nothing (not even the adjustment it would start from)
        problems.append(_nothing_on_hand(index, row))
    return problems


def _post_row(session: Session, index: int, row: dict, ctx: dict, user, result, problems) -> None:
    item = session.execute(select(Item.no, Item.costing_method, Item.inventory_posting_group,
                                  Item.gen_prod_posting_group).where(Item.no == row["item_no"])).one()
    date, currency = row["posting_date"], ctx["currency"]
    targets, info = _targets(session, item, row)
    on_hand = sum((qty for _, qty, _ in targets), ZERO)
    if on_hand <= ZERO:
        problems.append(_nothing_on_hand(index, row))
        return
    document_no = row["document_no"] or f"REVAL-{date:%Y%m%d}"
    transaction_no = writer.new_transaction(session, "REVALJNL", document_no, user)
    new_total = row["revalued_amount"] if row["revalued_amount"] is not None else \
        round_amount(row["new_unit_cost"] * on_hand, currency)
    values, gl, left, left_qty = [], [], new_total, on_hand
    for entry_no, qty, current in targets:
        share = left if qty == left_qty else round_amount(new_total * qty / on_hand, currency)
        left, left_qty = left - share, left_qty - qty
        amount = share - current
        if amount == ZERO:
            continue
        ile, gen_bus = info[entry_no]
        value = cost_adjustment.value_row(Adjustment(entry_no, "revaluation", amount, False, date, date), ile,
                                          gen_bus, item, transaction_no, user)
        value.update(valued_quantity=qty, adjustment=False, document_type="revaluation",
                     document_no=document_no, cost_per_unit=ZERO)
        if ctx["accounts"] is not None:
            gl += cost_adjustment.post_now(value, ile, ctx, transaction_no, user)
            for line in gl:
                line.update(document_type="revaluation", document_no=document_no)
        values.append(value)
        result.entries.append({"item_no": item.no, "entry_no": entry_no, "posting_date": date,
                               "quantity": qty, "amount": amount})
    writer.write_value_rows(session, values)
    writer.write_gl_rows(session, gl)
    if item.costing_method == "standard" and row["entry_no"] is None:
        # BC "Design Details: Revaluation": revaluing a Standard item sets its new standard cost;
        # the difference on hand went to Inventory Adjustment above, later entries post at it
        card = session.get(Item, item.no)
        card.standard_cost = card.unit_cost = round_unit_amount(new_total / on_hand)


def _targets(session: Session, item, row: dict) -> tuple[list[tuple], dict]:
    """(entry no., revaluable quantity, current value) of what ``row`` revalues, and the entries' info."""
    entries, applications, info = cost_adjustment.read_history(session, [item.no])[item.no]
    if item.costing_method == "average":
        return _average_target(session, entries, applications, item.no, row["posting_date"]), info
    return _entry_targets(entries, applications, row["entry_no"], row["posting_date"]), info


def _nothing_on_hand(index: int, row: dict) -> Problem:
    return Problem("REVAL-NOTHING-ON-HAND", f"rows[{index}]", {"item_no": row["item_no"],
                                                               "posting_date": str(row["posting_date"])})


def _entry_targets(entries, applications, entry_no: int | None, date: dt.date) -> list[tuple]:
    """(entry no., revaluable quantity, current value) of each inbound entry on hand at ``date``."""
    posted = {e.entry_no: e.posting_date for e in entries}
    applied: dict[int, list] = {}
    for a in applications:
        applied.setdefault(a.inbound, []).append((posted.get(a.outbound, date), a.quantity))
    targets = []
    for e in sorted(entries, key=lambda x: x.entry_no):
        if e.quantity <= ZERO or (entry_no is not None and e.entry_no != entry_no):
            continue
        qty = remaining_at(e, applied.get(e.entry_no, []), date)
        if qty > ZERO:
            targets.append((e.entry_no, qty, round_amount(unit_cost_at(e, date) * qty)))
    return targets


def _average_target(session: Session, entries, applications, item_no: str, date: dt.date) -> list[tuple]:
    """An Average item revalues as a whole: the on-hand quantity and value at ``date``. The
    revaluation is spread over the inbound entries still open at that date, in proportion to
    what each has left, so a fixed application (a return to the vendor, a cancelled invoice)
    later takes the revalued cost of the very entry it returns. Carrying it all on one entry
    left value behind when the other entry was returned (issue 12, found by the long run)."""
    inbound = [e for e in entries if e.quantity > ZERO and e.posting_date <= date]
    if not inbound:
        return []
    qty = sum((e.quantity for e in entries if e.posting_date <= date), ZERO)
    ve = ValueEntry
    actual, expected = session.execute(select(func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected))
                                       .where(ve.item_no == item_no, ve.valuation_date <= date)).one()
    current = (actual or ZERO) + (expected or ZERO)
    open_entries = [(entry_no, left) for entry_no, left, _ in _entry_targets(entries, applications, None, date)]
    if qty <= ZERO or sum((left for _, left in open_entries), ZERO) != qty:
        # on hand that the applications do not explain (an outbound waiting for its inbound):
        # carry it on the latest inbound entry, as before
        carrier = max(inbound, key=lambda e: (e.posting_date, e.entry_no))
        return [(carrier.entry_no, qty, current)]
    targets, left_value, left_qty = [], current, qty
    for entry_no, left in open_entries:
        part = left_value if left == left_qty else round_amount(current * left / qty)
        targets.append((entry_no, left, part))
        left_value, left_qty = left_value - part, left_qty - left
    return targets
