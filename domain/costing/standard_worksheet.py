"""The standard cost worksheet (BC "Standard Cost Worksheet", "Suggest Item Standard Cost",
"Implement Standard Cost Changes").

``suggest`` fills the worksheet anew, one line per item, with a new standard cost: the item's last direct cost or
its standard cost, adjusted by a percentage (BC "Standard Cost Adjmt. Factor" as a percent;
an item with no such cost yet gets no line),
for the items named or, without names, every inventory item costed at Standard. ``implement``
makes the new standard costs the items' standard costs and revalues what is on hand at the
posting date (BC posts a revaluation journal: the difference goes to Inventory Adjustment;
domain.costing.revaluation), then empties the worksheet. A line of an item that is not
costed at Standard is refused, and a refusal writes nothing: BC's revaluation of a Standard
item as a whole is what sets its standard cost, so only Standard items take part.

Two units of work at implement: the revaluation (with the cost adjustment it starts from),
then the cards of items with nothing on hand and the emptied worksheet. Running implement
again after an interruption between them is safe: revaluing to the same cost writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing import revaluation
from domain.costing.model import StandardCostWorksheet
from domain.identity.access import command, require
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO, round_unit_amount
from domain.parse import RATE, Reader
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Item

PERMISSION = "costing.run"
SOURCES = ("last-direct-cost", "standard")


def suggest(app: App, source: str, adjust_pct: str | Decimal = "0",
            items: list[str] | None = None) -> list[dict] | Rejected:
    """Fill the worksheet anew (the lines of an earlier suggestion go); returns the lines."""

    def run(session: Session) -> list[dict] | Rejected:
        r = Reader({"from": source, "adjust_pct": str(adjust_pct)})
        chosen = r.choice("from", SOURCES, required=True)
        pct = r.decimal("adjust_pct", required=True, places=RATE)
        if pct is not None and pct <= Decimal(-100):
            r.problems.append(Problem("COST-WKSH-ADJUST-PCT-TOO-LOW", "adjust_pct", {"pct": str(pct)}))
        cards = _items(session, items, r.problems)
        if r.problems:
            return Rejected(r.problems)
        session.execute(delete(StandardCostWorksheet))
        for item in cards:
            base = item.last_direct_cost if chosen == "last-direct-cost" else item.standard_cost
            if base <= ZERO:  # nothing to suggest from (never bought, no standard cost yet)
                continue
            new = round_unit_amount(base * (1 + pct / 100))
            session.add(StandardCostWorksheet(item_no=item.no, standard_cost=item.standard_cost,
                                                new_standard_cost=new, suggested_from=chosen.replace("-", "_"),
                                                created_by=app.user))
        session.flush()
        return _lines(session)

    return command(app, PERMISSION, run)


def _items(session: Session, nos: list[str] | None, problems: list[Problem]) -> list[Item]:
    if not nos:
        return list(session.scalars(select(Item).where(Item.type == "inventory", Item.costing_method == "standard")
                                    .order_by(Item.no)))
    found = []
    for no in dict.fromkeys(nos):
        item = session.get(Item, no)
        if item is None or item.type != "inventory":
            problems.append(Problem("COST-WKSH-UNKNOWN-ITEM", "item", {"item_no": no}))
        else:
            found.append(item)
    return found


def list_lines(app: App) -> list[dict]:
    with app.uow() as session:
        return _lines(session)


def _lines(session: Session) -> list[dict]:
    w = StandardCostWorksheet
    on_hand = dict(session.execute(select(ItemLedgerEntry.item_no, func.sum(ItemLedgerEntry.quantity))
                                   .group_by(ItemLedgerEntry.item_no)).all())
    rows = session.execute(select(w, Item.description, Item.costing_method).join(Item, Item.no == w.item_no)
                           .order_by(w.item_no)).all()
    return [{"item_no": line.item_no, "description": description, "costing_method": method,
             "standard_cost": line.standard_cost, "new_standard_cost": line.new_standard_cost,
             "suggested_from": line.suggested_from, "quantity_on_hand": on_hand.get(line.item_no, ZERO)}
            for line, description, method in rows]


def implement(app: App, posting_date: dt.date | None = None, document_no: str | None = None) -> list[dict] | Rejected:
    """Set the new standard costs and revalue inventory on hand at ``posting_date`` (default
    today); returns the revaluation entries (item, entry, quantity, amount)."""
    date = posting_date or app.today()
    with app.uow() as session:
        require(session, app.user, PERMISSION)
        lines = session.execute(select(StandardCostWorksheet, Item.costing_method)
                                .join(Item, Item.no == StandardCostWorksheet.item_no)
                                .order_by(StandardCostWorksheet.item_no)).all()
        problems = [Problem("COST-WKSH-NOT-STANDARD", f"lines[{line.item_no}]",
                            {"item_no": line.item_no, "costing_method": method})
                    for line, method in lines if method != "standard"]
        if not lines:
            problems.append(Problem("COST-WKSH-EMPTY", "lines"))
        if problems:
            return Rejected(problems)
        on_hand = _on_hand(session, [line.item_no for line, _ in lines], date)
        plan = [(line.item_no, line.new_standard_cost) for line, _ in lines]
    doc = document_no or f"STDCOST-{date:%Y%m%d}"
    rows = [{"posting_date": date.isoformat(), "item_no": no, "new_unit_cost": str(cost), "document_no": doc}
            for no, cost in plan if on_hand.get(no, ZERO) > ZERO]
    entries: list[dict] = []
    if rows:
        result = revaluation.revalue(app, rows)
        if isinstance(result, Rejected):
            return result
        entries = result.entries

    def finish(session: Session) -> None:
        for no, cost in plan:  # the revalued items have it already; the rest take it here
            card = session.get(Item, no)
            card.standard_cost = card.unit_cost = cost
        session.execute(delete(StandardCostWorksheet).where(StandardCostWorksheet.item_no.in_([n for n, _ in plan])))

    command(app, PERMISSION, finish)
    return entries


def _on_hand(session: Session, nos: list[str], date: dt.date) -> dict[str, Decimal]:
    ile = ItemLedgerEntry
    return dict(session.execute(select(ile.item_no, func.sum(ile.quantity))
                                .where(ile.item_no.in_(nos), ile.posting_date <= date).group_by(ile.item_no)).all())
