"""Cycle counting by counting period (BC Phys. Invt. Counting Periods, "Calculate Counting
Period" in the physical inventory journal).

A counting period says how often a year its items are counted. ``item set --counting-period``
gives an item one and sets its next counting period (:mod:`counting_period_rules`); the items
due on a date are those whose next period has started and that were not counted since;
``physical-inventory calculate --counting-period`` makes a batch of exactly those, and posting
such a batch moves each counted item's next period on (Last Counting Period Update = the
posting date). Every posted count sets the item's Last Phys. Invt. Date.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change, require
from domain.inventory import counting_period_rules as rules
from domain.inventory.model import PhysInvtCountingPeriod
from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.cards import Item
from domain.setup.queries import company

PERMISSION = "inventory.edit"


def _card(row: PhysInvtCountingPeriod) -> dict:
    return {"code": row.code, "description": row.description, "count_frequency": row.count_frequency}


def add_period(app: App, code: str, frequency: str, description: str = "") -> dict:
    """Add (again: change) a counting period; ``frequency`` is the count frequency per year.
    Items that carry a changed period keep their next period until they are counted."""
    request = {"code": code, "frequency": frequency, "description": description}

    def change(session: Session) -> dict:
        r = Reader(request)
        value = r.text("code", required=True) or ""
        if len(value) > 10:
            r.problems.append(Problem("PHYS-COUNTING-PERIOD-CODE-TOO-LONG", "code", {"code": value, "max": 10}))
        count = r.integer("frequency")
        read = not any(p.field == "frequency" for p in r.problems)
        if read and (problem := rules.frequency_problem(count)) is not None:
            r.problems.append(problem)
        if len(description or "") > 100:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", "description", {"field": "description", "max": 100}))
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        row = session.get(PhysInvtCountingPeriod, value) or PhysInvtCountingPeriod(code=value)
        row.count_frequency, row.description = count, description or ""
        session.add(row)
        return _card(row)

    def snapshot(session: Session) -> dict | None:
        row = session.get(PhysInvtCountingPeriod, code)
        return _card(row) if row is not None else None

    return audited_change(app, PERMISSION, "inventory.counting-period", f"counting period {code}", change,
                          snapshot, request)


def list_periods(app: App) -> list[dict]:
    with app.uow() as session:
        require(session, app.user, "reports.read")
        rows = session.scalars(select(PhysInvtCountingPeriod).order_by(PhysInvtCountingPeriod.code))
        return [_card(row) for row in rows]


def period_problem(session: Session, code: str | None) -> Problem | None:
    """An unknown counting period code (None / "" clears the item's period: no problem)."""
    if code and session.get(PhysInvtCountingPeriod, code) is None:
        return Problem("PHYS-UNKNOWN-COUNTING-PERIOD", "counting_period_code", {"code": code})
    return None


def assign(session: Session, item: Item, code: str | None, today: dt.date) -> None:
    """Give ``item`` the counting period ``code`` (checked) or none; BC Item "Phys Invt Counting
    Period Code" OnValidate: the next period is computed from the last update, or from today."""
    item.counting_period_code = code or None
    if not code:
        item.next_counting_start_date = item.next_counting_end_date = None
        item.last_counting_period_update = None
        return
    period = session.get(PhysInvtCountingPeriod, code)
    item.next_counting_start_date, item.next_counting_end_date = rules.next_period(
        item.last_counting_period_update, today, period.count_frequency,
        (item.next_counting_start_date, item.next_counting_end_date))


def due_items(session: Session, date: dt.date, items: list[str] | None = None) -> list[Item]:
    """The items with a counting period that are due on ``date`` (BC Phys. Invt. Item Selection)."""
    query = (select(Item).where(Item.counting_period_code.is_not(None), Item.next_counting_start_date <= date)
             .order_by(Item.no))
    if items:
        query = query.where(Item.no.in_(sorted(set(items))))
    return [item for item in session.scalars(query)
            if rules.is_due(item.last_counting_period_update, item.next_counting_start_date, date)]


def due(app: App, date: dt.date | None = None) -> tuple[dt.date, list[dict]]:
    """(the date, what ``physical-inventory due`` lists: each due item with its period and dates);
    ``date`` defaults to today in the company's time zone."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        date = date or app.today(company(session).time_zone)
        return date, [{"item_no": i.no, "description": i.description, "counting_period": i.counting_period_code,
                       "next_counting_start_date": i.next_counting_start_date,
                       "next_counting_end_date": i.next_counting_end_date,
                       "last_counting_period_update": i.last_counting_period_update,
                       "last_phys_invt_date": i.last_phys_invt_date} for i in due_items(session, date)]


def after_posting(session: Session, item_nos: set[str], posting_date: dt.date, counting_batch: bool) -> None:
    """A posted count: Last Phys. Invt. Date of every counted item; in a counting-period batch,
    each counted item's next period moves on from the posting date (BC Item Jnl.-Post Line)."""
    for item in session.scalars(select(Item).where(Item.no.in_(sorted(item_nos)))):
        item.last_phys_invt_date = max(filter(None, (item.last_phys_invt_date, posting_date)))
        if counting_batch and item.counting_period_code:
            period = session.get(PhysInvtCountingPeriod, item.counting_period_code)
            item.last_counting_period_update = posting_date
            item.next_counting_start_date, item.next_counting_end_date = rules.next_period(
                posting_date, posting_date, period.count_frequency,
                (item.next_counting_start_date, item.next_counting_end_date))
