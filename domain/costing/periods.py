"""Inventory setup (costing fields) and inventory periods.

An inventory period is closed up to a date (BC "Inventory Periods"): postings
dated in it are refused, and cost adjustment dates entries that belong in it on
the first open date instead. A period closes only when the cost of every item
is adjusted up to its end, as BC requires.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing.rules.adjust import AUTOMATIC, CALC_TYPES, PERIODS
from domain.identity.access import audited_change, require
from domain.ledger import marks
from domain.ledger.marks import closed_through
from domain.ledger.model import InventoryPeriod, InventorySetup, ItemToAdjust
from domain.problems import DomainError
from domain.setup.model.company import Company
from domain.setup.queries import company


def inventory_setup(session: Session) -> InventorySetup:
    """The costing setup row; BC's defaults (Day, Item, Never) when none was saved."""
    row = session.scalars(select(InventorySetup).limit(1)).first()
    if row is None:
        row = InventorySetup(average_cost_period="day", average_cost_calc_type="item",
                               automatic_cost_adjustment="never")
        session.add(row)
        session.flush()
    return row


def set_inventory_setup(app: App, **values) -> dict:
    """Change the costing fields; ``None`` leaves a field as it is. Needs setup.change; audited."""
    choices = {"average_cost_period": PERIODS, "average_cost_calc_type": CALC_TYPES,
               "automatic_cost_adjustment": AUTOMATIC}

    def change(session: Session) -> dict:
        setup, comp = inventory_setup(session), company(session)
        for name, value in values.items():
            if value is None:
                continue
            if name in choices and value not in choices[name]:
                raise DomainError("SETUP-INVALID-CHOICE", f"{name} must be one of {', '.join(choices[name])}",
                                  field=name, value=value, allowed=", ".join(choices[name]))
            target = comp if name in ("automatic_cost_posting", "expected_cost_posting") else setup
            if name in ("average_cost_period", "average_cost_calc_type") and getattr(target, name) != value:
                session.flush()
                marks.mark_average_items_whole(session)
            setattr(target, name, value)
        return describe(setup, comp)

    return audited_change(app, "setup.change", "setup.inventory", "inventory setup", change,
                          lambda session: describe(inventory_setup(session), company(session)),
                          {k: v for k, v in values.items() if v is not None})


def describe(setup: InventorySetup, comp: Company) -> dict:
    return {"average_cost_period": setup.average_cost_period,
            "average_cost_calc_type": setup.average_cost_calc_type,
            "automatic_cost_adjustment": setup.automatic_cost_adjustment,
            "prevent_negative_inventory": setup.prevent_negative_inventory,
            "automatic_cost_posting": comp.automatic_cost_posting,
            "expected_cost_posting": comp.expected_cost_posting}


def first_open_date(session: Session) -> dt.date | None:
    closed = closed_through(session)
    return closed + dt.timedelta(days=1) if closed else None


def close_period(app: App, ending_date: dt.date) -> dict:
    """Close inventory up to ``ending_date``; refused while costs are not adjusted up to it."""
    with app.uow() as session:
        require(session, app.user, "costing.run")
        closed = closed_through(session)
        if closed is not None and ending_date <= closed:
            raise DomainError("INV-PERIOD-ALREADY-CLOSED", f"inventory is closed up to {closed}",
                              closed_through=closed.isoformat())
        pending = session.scalars(select(ItemToAdjust.item_no)
                                  .where(ItemToAdjust.from_date <= ending_date).limit(5)).all()
        if pending:
            raise DomainError("INV-PERIOD-COST-NOT-ADJUSTED",
                              f"adjust cost first (`ledgerflow costs adjust`): {', '.join(pending)}",
                              items=pending)
        period = session.get(InventoryPeriod, ending_date) or InventoryPeriod(ending_date=ending_date)
        period.closed, period.closed_by, period.closed_at = True, app.user, app.now()
        session.add(period)
        return {"closed_through": ending_date, "first_open_date": ending_date + dt.timedelta(days=1)}


def list_periods(app: App) -> list[dict]:
    with app.uow() as session:
        return [{"ending_date": p.ending_date, "closed": p.closed, "closed_by": p.closed_by,
                 "closed_at": p.closed_at}
                for p in session.scalars(select(InventoryPeriod).order_by(InventoryPeriod.ending_date))]
