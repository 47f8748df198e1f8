"""Read-only reports for sales and availability (plain dict rows for the CLI)."""

from __future__ import annotations

from sqlalchemy import select

from domain import model as m
from domain.services.app import App
from domain.services.purchase_for_sale import availability as item_availability


def customer_ledger(app: App, customer: str | None = None) -> list[dict]:
    c = m.CustomerLedgerEntry
    query = select(c).order_by(c.entry_no)
    if customer:
        query = query.where(c.customer_no == customer)
    columns = ["entry_no", "customer_no", "posting_date", "document_type", "document_no", "amount",
               "remaining_amount", "due_date", "payment_reference", "open"]
    with app.uow() as session:
        return [{name: getattr(row, name) for name in columns} for row in session.scalars(query)]


def availability(app: App, item: str | None, location: str) -> list[dict]:
    with app.uow() as session:
        query = select(m.Item.no).where(m.Item.type == "inventory").order_by(m.Item.no)
        if item:
            query = query.where(m.Item.no == item)
        return [item_availability(session, no, location) for no in session.scalars(query)]
