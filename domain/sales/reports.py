"""Read-only reports for sales and availability (plain dict rows for the CLI)."""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.date_range import ALL, DateRange
from domain.ledger.model import CustomerLedgerEntry
from domain.sales.purchase_for_sale import availability_of_all
from domain.setup.model.cards import Item


def customer_ledger(app: App, customer: str | None = None, period: DateRange = ALL) -> list[dict]:
    c = CustomerLedgerEntry
    query = select(c).where(*period.where(c.posting_date)).order_by(c.entry_no)
    if customer:
        query = query.where(c.customer_no == customer)
    columns = ["entry_no", "customer_no", "posting_date", "document_type", "document_no", "amount",
               "remaining_amount", "due_date", "payment_reference", "open"]
    with app.uow() as session:
        return [{name: getattr(row, name) for name in columns} for row in session.scalars(query)]


def availability(app: App, item: str | None, location: str) -> list[dict]:
    with app.uow() as session:
        query = select(Item.no).where(Item.type == "inventory").order_by(Item.no)
        if item:
            query = query.where(Item.no == item)
        return availability_of_all(session, location, list(session.scalars(query)))
