"""Helpers for costing tests: journal rows, per-entry cost, inventory value."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from domain.inventory import journal as item_journal
from domain.ledger import reports
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.setup import masterdata


def row(entry_type, item, qty, cost=None, date="2026-11-01", **extra):
    data = {"posting_date": date, "entry_type": entry_type, "item_no": item, "location": "MAIN",
            "quantity": str(qty), "unit_cost": "" if cost is None else str(cost), "unit_price": "",
            "applies_to_entry": "", "document_no": ""}
    data.update(extra)
    return data


def post(app, *rows):
    result = item_journal.post_journal(app, list(rows))
    assert not hasattr(result, "problems"), result
    return result.item_entries


def new_item(app, no, method, **extra):
    masterdata.add_item(app, {"no": no, "description": f"{method} item", "costing_method": method, **extra})
    return no


def costs(app, item) -> dict[int, Decimal]:
    """Cost amount (actual + expected) per item ledger entry, adjustments included."""
    return {r["entry_no"]: r["cost_amount_actual"] + r["cost_amount_expected"]
            for r in reports.item_ledger(app, item)}


def stock(app, item) -> tuple[Decimal, Decimal]:
    with app.uow() as s:
        qty = s.scalar(select(func.sum(ItemLedgerEntry.quantity)).where(ItemLedgerEntry.item_no == item))
        actual, expected = s.execute(select(func.sum(ValueEntry.cost_amount_actual),
                                            func.sum(ValueEntry.cost_amount_expected))
                                     .where(ValueEntry.item_no == item)).one()
    return qty or Decimal(0), (actual or Decimal(0)) + (expected or Decimal(0))


def value_entries(app, item, **where):
    with app.uow() as s:
        query = select(ValueEntry).where(ValueEntry.item_no == item).order_by(ValueEntry.entry_no)
        for name, value in where.items():
            query = query.where(getattr(ValueEntry, name) == value)
        return s.scalars(query).all()
