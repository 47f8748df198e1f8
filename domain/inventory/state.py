"""Reads of the current inventory state that posting needs, and the item card
fields BC keeps current on posting (Last Direct Cost; Unit Cost of Average items)."""

from __future__ import annotations

import functools
from decimal import Decimal

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from domain.costing.rules.valuation import OpenEntry
from domain.db import lock
from domain.inventory import reservations
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.ledger.writer import PLANNED_DRAWS
from domain.money import ZERO, round_unit_amount
from domain.setup.model.cards import Item


def plan_draws(session: Session, applications) -> None:
    """Record that a line planned in this unit of work takes ``applications`` ((inbound entry
    no., quantity), ...) out: the next line's :func:`open_inbound` sees what is left (BC
    applies each line of a posting in turn). The writer settles them as it writes."""
    planned = session.info.setdefault(PLANNED_DRAWS, {})
    for entry_no, take in applications:
        planned[entry_no] = planned.get(entry_no, ZERO) + take


def planned_draw(session: Session, entry_no: int) -> Decimal:
    """What lines planned earlier in this unit of work take from inbound entry ``entry_no``."""
    return (session.info.get(PLANNED_DRAWS) or {}).get(entry_no, ZERO)


def open_inbound(session: Session, item_no: str, location_code: str,
                 sales_line_id: reservations.Demand | int | None = None, *,
                 variant_code: str | None = None) -> list[OpenEntry]:
    """Open inbound entries of an item at a location (of one variant when ``variant_code`` is
    given), each with its total cost, less what lines planned earlier in this unit of work take
    (:func:`plan_draws`) and less what is reserved for demands other than ``sales_line_id`` (a
    sales line id or a :class:`~domain.inventory.reservations.Demand`; :mod:`domain.inventory.reservations`)."""
    ile, ve = ItemLedgerEntry, ValueEntry
    query = select(ile).where(ile.item_no == item_no, ile.location_code == location_code, ile.open.is_(True),
                              ile.positive.is_(True))
    if variant_code is not None:
        query = query.where(ile.variant_code == variant_code)
    rows = session.execute(lock(session, query.order_by(ile.posting_date, ile.entry_no))).scalars().all()
    if not rows:
        return []
    costs = dict(session.execute(
        select(ve.item_ledger_entry_no, func.sum(ve.cost_amount_actual) + func.sum(ve.cost_amount_expected))
        .where(ve.item_ledger_entry_no.in_([r.entry_no for r in rows]))
        .group_by(ve.item_ledger_entry_no)).all())
    planned = session.info.get(PLANNED_DRAWS) or {}
    reserved = reservations.reserved_by_others(session, [r.entry_no for r in rows], sales_line_id)
    entries = [OpenEntry(r.entry_no, r.posting_date, r.quantity,
                         r.remaining_quantity - planned.get(r.entry_no, ZERO) - reserved.get(r.entry_no, ZERO),
                         costs.get(r.entry_no) or ZERO, r.serial_no, r.lot_no) for r in rows]
    return [e for e in entries if e.remaining_quantity > ZERO]


def average_unit_cost(session: Session, item_no: str) -> Decimal:
    """Inventory value / quantity on hand (BC's average unit cost, item level)."""
    qty, value = session.execute(_quantity_and_value(), {"item_no": item_no}).one()
    qty, value = qty or ZERO, value or ZERO
    if qty <= ZERO:
        return ZERO
    return value / qty


@functools.cache
def _quantity_and_value():
    """Both sums in one round trip; built once and reused (statements are immutable)."""
    ile, ve = ItemLedgerEntry, ValueEntry
    return select(
        select(func.sum(ile.quantity)).where(ile.item_no == bindparam("item_no")).scalar_subquery(),
        select(func.sum(ve.cost_amount_actual) + func.sum(ve.cost_amount_expected))
        .where(ve.item_no == bindparam("item_no")).scalar_subquery())


def after_inbound(session: Session, postings, exchange_rate: Decimal) -> None:
    """BC keeps Last Direct Cost and Unit Cost on the item card: one UPDATE for every item
    of the document (the ledger rows it reads are already written)."""
    changes: dict[str, dict] = {}
    for posting in postings:
        if posting.quantity <= ZERO or posting.entry_type != "purchase" or posting.target_entry_no:
            continue
        item = session.get(Item, posting.item_no)
        direct = sum((v.cost_amount for v in posting.values if v.entry_type == "direct_cost"), ZERO)
        overhead = sum((v.cost_amount for v in posting.values if v.entry_type == "indirect_cost"), ZERO)
        last = round_unit_amount(direct / posting.quantity)
        if item.costing_method == "average":
            unit = round_unit_amount(average_unit_cost(session, item.no))
        elif item.costing_method != "standard":  # BC: direct unit cost x (1 + indirect %) + overhead rate
            unit = round_unit_amount((direct + overhead) / posting.quantity)
        else:
            unit = item.unit_cost
        changes[item.no] = {"i_no": item.no, "last": last, "unit": unit, "item": item}
    if not changes:
        return
    table = Item.__table__
    session.execute(update(table).where(table.c.no == bindparam("i_no")).values(
        last_direct_cost=bindparam("last"), unit_cost=bindparam("unit")),
        [{k: v for k, v in change.items() if k != "item"} for change in changes.values()])
    for change in changes.values():  # the loaded objects show what the database now holds
        set_committed_value(change["item"], "last_direct_cost", change["last"])
        set_committed_value(change["item"], "unit_cost", change["unit"])
