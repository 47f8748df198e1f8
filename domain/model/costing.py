"""Inventory costing bookkeeping: inventory setup, inventory periods, the items
whose cost must be adjusted, and the log of cost adjustment runs.

BC keeps "Automatic Cost Posting" and "Expected Cost Posting to G/L" on
Inventory Setup; here they stay on :class:`~domain.model.setup.Company` (the
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

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.model.base import Amount, Base, Code, Text, UtcTime, created_at


class InventorySetup(Base):
    __tablename__ = "inventory_setup"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: day | week | month | quarter | year (BC "Average Cost Period")
    average_cost_period: Mapped[str] = mapped_column(String(10), default="day")
    #: item | item_location_variant (BC "Average Cost Calc. Type")
    average_cost_calc_type: Mapped[str] = mapped_column(String(25), default="item")
    #: never | day | week | month | quarter | year | always (BC "Automatic Cost Adjustment")
    automatic_cost_adjustment: Mapped[str] = mapped_column(String(10), default="never")


class InventoryPeriod(Base):
    """An inventory period ending on ``ending_date``; closed periods refuse postings
    and push adjustment entries to the first open date (BC "Inventory Periods")."""

    __tablename__ = "inventory_period"
    ending_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_by: Mapped[Code | None]
    closed_at: Mapped[UtcTime | None]


class ItemToAdjust(Base):
    """An item whose cost is not adjusted since ``from_date`` (BC Cost is Adjusted = No).

    ``generation`` grows with every mark so that an adjustment removes only the
    mark it has seen: a posting that marks the item again meanwhile stays marked.
    """

    __tablename__ = "item_to_adjust"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    from_date: Mapped[dt.date] = mapped_column(Date)
    generation: Mapped[int] = mapped_column(Integer, default=1)


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
