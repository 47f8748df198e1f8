"""Physical inventory (BC Phys. Inventory Journal): calculate, count, post.

``calculate`` makes a batch of the quantities the item ledger expects at a location on a
date (per lot / serial no. where the item is tracked); ``count`` records what was found;
``post`` writes the differences through the item journal (:func:`domain.inventory.journal.post_rows`)
as positive adjustments at the item's unit cost and negative adjustments applied to
open inbound entries by the costing method (so cost adjustment treats them as any other
adjustment). Lines nobody counted post nothing. A batch posts once.

Counting an item that is not in the batch is refused (PHYS-ITEM-NOT-IN-BATCH): BC's
physical inventory journal takes no hand-made lines either, its lines come from Calculate
Inventory (an item with nothing left keeps a line here, like BC's "Items Not on
Inventory"). A lot or serial no. of an item in the batch that the ledger did not expect
gets a line of its own (expected 0): in BC the user enters the lot of the extra units,
which adds that lot to inventory.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import bulk_insert, lock
from domain.identity import access
from domain.inventory import count_rules, counting_periods, series
from domain.inventory.journal import JournalResult, post_rows
from domain.inventory.model import PhysInventoryBatch, PhysInventoryLine
from domain.ledger.model import ItemLedgerEntry
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Item
from domain.setup.model.company import Location
from domain.setup.queries import company

SERIES = ("PHYSINV", "Physical inventory batches", "PHYS-")


def _expected(session: Session, location: str, date: dt.date,
              items: list[str] | None = None) -> list[count_rules.Expected]:
    ile = ItemLedgerEntry
    lot, serial = func.coalesce(ile.lot_no, ""), func.coalesce(ile.serial_no, "")
    query = (select(ile.item_no, lot, serial, func.sum(ile.quantity))
             .join(Item, Item.no == ile.item_no)
             .where(ile.location_code == location, ile.posting_date <= date, Item.type == "inventory")
             .group_by(ile.item_no, lot, serial))
    if items:
        query = query.where(ile.item_no.in_(sorted(set(items))))
    rows = session.execute(query).all()
    return [count_rules.Expected(r[0], r[1], r[2], r[3]) for r in rows]


def calculate(app: App, location: str, date: dt.date, items: list[str] | None = None,
              counting_period: bool = False) -> str:
    """A new batch with the expected quantities at ``location`` on ``date``; its name.
    ``items``: only these (a cycle count of some items, BC Calculate Inventory's Item No.
    filter); an item that has never been at the location still gets a line (expected 0).
    ``counting_period``: only the items due for counting on ``date`` (of ``items``, when
    given; BC Calculate Counting Period); posting the batch moves their next period on."""

    def run(session: Session) -> str:
        access.require(session, app.user, "inventory.edit")
        if session.get(Location, location) is None:
            raise RejectedError(Rejected([Problem("SETUP-UNKNOWN-LOCATION", "--location", {"location": location})]))
        unknown = sorted(no for no in set(items or []) if session.get(Item, no) is None)
        if unknown:
            raise RejectedError(Rejected([Problem("ITEM-NOT-FOUND", "--item", {"no": no}) for no in unknown]))
        wanted = items
        if counting_period:
            wanted = [item.no for item in counting_periods.due_items(session, date, items)]
            if not wanted:
                raise RejectedError(Rejected([Problem("PHYS-NOTHING-DUE", "--counting-period",
                                                      {"date": date.isoformat()})]))
        name = series.next_document_no(session, *SERIES)
        session.add(PhysInventoryBatch(name=name, location_code=location, posting_date=date, status="open",
                                       counting_period=counting_period))
        session.flush()
        found = _expected(session, location, date, wanted)
        seen = {e.item_no for e in found}
        found += [count_rules.Expected(no, "", "", Decimal(0)) for no in sorted(set(wanted or [])) if no not in seen]
        lines = count_rules.calculated_lines(found)
        # one executemany (COPY on PostgreSQL): a count of 10,000 items x 5 locations stays a matter of seconds
        bulk_insert(session, PhysInventoryLine.__table__, [
            {"batch_name": name, "line_no": n, "item_no": e.item_no, "lot_no": e.lot_no,
             "serial_no": e.serial_no, "qty_calculated": e.quantity, "qty_counted": None}
            for n, e in enumerate(lines, start=1)])
        return name

    return app.command(run)


def _batch(session: Session, name: str, for_update: bool = False) -> PhysInventoryBatch:
    query = select(PhysInventoryBatch).where(PhysInventoryBatch.name == name)
    batch = session.scalars(lock(session, query) if for_update else query).first()
    if batch is None:
        raise NotFound("PHYS-UNKNOWN-BATCH", f"no physical inventory batch {name!r}", batch=name)
    return batch


def _open(batch: PhysInventoryBatch) -> None:
    if batch.status == "posted":
        raise RejectedError(Rejected([Problem("PHYS-BATCH-POSTED", "batch",
                                              {"batch": batch.name, "document_no": batch.document_no or ""})]))


def tracking_of(session: Session, item_no: str) -> tuple[bool, bool]:
    """(lot tracked, serial tracked): whether the item's ledger entries carry lot / serial nos."""
    ile = ItemLedgerEntry
    lots, serials = session.execute(select(func.count(ile.lot_no), func.count(ile.serial_no))
                                    .where(ile.item_no == item_no)).one()
    return bool(lots), bool(serials)


def count(app: App, name: str, item_no: str, quantity: Decimal, lot_no: str | None = None,
          serial_no: str | None = None) -> dict:
    """Record the counted quantity of an item (and lot / serial no.) in an open batch."""
    lot, serial = (lot_no or "").strip(), (serial_no or "").strip()

    def run(session: Session) -> dict:
        access.require(session, app.user, "inventory.edit")
        batch = _batch(session, name, for_update=True)
        _open(batch)
        lines = list(session.scalars(select(PhysInventoryLine).where(
            PhysInventoryLine.batch_name == name, PhysInventoryLine.item_no == item_no)))
        if not lines:
            return Rejected([Problem("PHYS-ITEM-NOT-IN-BATCH", "--item", {"item_no": item_no, "batch": name})])
        problems = count_rules.count_problems(item_no, quantity, lot, serial, *tracking_of(session, item_no))
        if max(len(lot), len(serial)) > 50:
            problems.append(Problem("IJ-TRACKING-NO-TOO-LONG", "--lot" if len(lot) > 50 else "--serial", {"max": 50}))
        if problems:
            return Rejected(problems)
        line = next((x for x in lines if (x.lot_no, x.serial_no) == (lot, serial)), None)
        if line is None:
            last = session.scalar(select(func.max(PhysInventoryLine.line_no))
                                  .where(PhysInventoryLine.batch_name == name)) or 0
            line = PhysInventoryLine(batch_name=name, line_no=last + 1, item_no=item_no, lot_no=lot,
                                     serial_no=serial, qty_calculated=Decimal(0))
            session.add(line)
        line.qty_counted = quantity
        session.flush()
        return _line(line)

    return app.command(run)


def _line(line: PhysInventoryLine) -> dict:
    difference = None if line.qty_counted is None else line.qty_counted - line.qty_calculated
    return {"line_no": line.line_no, "item_no": line.item_no, "lot_no": line.lot_no, "serial_no": line.serial_no,
            "qty_calculated": line.qty_calculated, "qty_counted": line.qty_counted, "difference": difference}


def post(app: App, name: str) -> JournalResult | Rejected:
    """Post the differences of a batch once (needs inventory.post)."""

    def run(session: Session):
        batch = _batch(session, name, for_update=True)
        _open(batch)
        lines = [count_rules.CountLine(x.item_no, x.lot_no, x.serial_no, x.qty_calculated, x.qty_counted)
                 for x in _lines(session, name)]
        rows = count_rules.journal_rows(lines, batch.location_code, batch.posting_date, name)
        result = JournalResult([], [], [])
        if rows:
            result = post_rows(session, rows, app.user, "phys_inventory", "PHYSINVJNL")
            if isinstance(result, Rejected):
                return result
        counted = {x.item_no for x in lines if x.qty_counted is not None}
        counting_periods.after_posting(session, counted, batch.posting_date, batch.counting_period)
        batch.status, batch.document_no = "posted", name
        return result

    return access.command(app, "inventory.post", run)


def _lines(session: Session, name: str) -> list[PhysInventoryLine]:
    return list(session.scalars(select(PhysInventoryLine).where(PhysInventoryLine.batch_name == name)
                                .order_by(PhysInventoryLine.line_no)))


def show(app: App, name: str) -> dict:
    """A batch and its lines (the count sheet's content), with item descriptions."""
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        batch = _batch(session, name)
        lines = _lines(session, name)
        names = dict(session.execute(select(Item.no, Item.description)
                                     .where(Item.no.in_({x.item_no for x in lines}))).all()) if lines else {}
        location = session.get(Location, batch.location_code)
        return {"batch": batch.name, "company": company(session).name, "location": batch.location_code,
                "location_name": location.name if location else "", "posting_date": batch.posting_date,
                "status": batch.status, "document_no": batch.document_no,
                "lines": [{**_line(x), "description": names.get(x.item_no, "")} for x in lines]}
