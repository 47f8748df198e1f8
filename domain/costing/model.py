"""Inventory costing bookkeeping: inventory setup, inventory periods, the items
whose cost must be adjusted, and the log of cost adjustment runs.

BC keeps "Automatic Cost Posting" and "Expected Cost Posting to G/L" on
Inventory Setup; here they stay on :class:`~domain.setup.model.company.Company` (the
posting services read them there) and the rest of BC's Inventory Setup costing
fields live in :class:`InventorySetup`. :class:`ItemToAdjust` plays the part of
BC's "Cost is Adjusted = No" flag and "Avg. Cost Adjmt. Entry Point" rows: a
posting that changes an inbound cost marks the item with the earliest date
touched, cost adjustment removes the mark in the same transaction that writes
the item's adjustment entries. None of these tables is a ledger: they are not
append-only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, Text, UnitAmount, UtcTime, created_at


class CostAdjustmentRun(Base):
    __tablename__ = "cost_adjustment_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: manual | automatic | scheduled | revaluation
    trigger: Mapped[str] = mapped_column(String(15), default="manual")
    #: running | completed | completed_with_errors | interrupted
    status: Mapped[str] = mapped_column(String(25), default="running")
    started_at: Mapped[UtcTime]
    finished_at: Mapped[UtcTime | None]
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    items_adjusted: Mapped[int] = mapped_column(Integer, default=0)
    items_failed: Mapped[int] = mapped_column(Integer, default=0)
    entries_created: Mapped[int] = mapped_column(Integer, default=0)
    user_id: Mapped[Code | None]


class CostAdjustmentRunItem(Base):
    __tablename__ = "cost_adjustment_run_item"
    __table_args__ = (Index("ix_cost_adjustment_run_item_run", "run_id", "item_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("cost_adjustment_run.id"))
    item_no: Mapped[Code]
    #: adjusted | unchanged | failed
    status: Mapped[str] = mapped_column(String(10))
    entries_created: Mapped[int] = mapped_column(Integer, default=0)
    amount: Mapped[Amount] = mapped_column(default=Decimal(0))
    error_code: Mapped[str | None] = mapped_column(String(50))
    error_message: Mapped[Text | None]
    created_at: Mapped[dt.datetime] = created_at()


class StandardCostWorksheet(Base):
    """BC "Standard Cost Worksheet": one line per item with the standard cost it has and the
    new standard cost suggested (from the last direct cost or the standard cost, adjusted by a
    percentage). ``costs standard-worksheet implement`` sets the new standard costs, revalues
    the inventory on hand and empties the worksheet. A work table, not a ledger."""

    __tablename__ = "standard_cost_worksheet"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    standard_cost: Mapped[UnitAmount]
    new_standard_cost: Mapped[UnitAmount]
    #: last_direct_cost | standard
    suggested_from: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[Code | None]
