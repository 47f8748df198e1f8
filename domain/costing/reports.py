"""Costing reports: inventory-G/L reconciliation, inventory valuation, adjustment runs.

The reconciliation projects every value entry onto the inventory account its
location and inventory posting group post to (BC "Inventory - G/L
Reconciliation"), and the expected cost onto the interim account when Expected
Cost Posting is on, and sets that beside the G/L balance of the account: once
post-to-G/L has run, the difference is zero unless something else posted to an
inventory account directly. Valuation follows BC's Inventory Valuation report:
quantities and values by posting date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from domain.app import App
from domain.costing.model import CostAdjustmentRun, CostAdjustmentRunItem
from domain.ledger.model import GLEntry, ItemLedgerEntry, ValueEntry
from domain.money import ZERO
from domain.setup.model.cards import Item
from domain.setup.model.company import GLAccount, InventoryPostingSetup
from domain.setup.queries import company

NO_SETUP = "(no setup)"


def inventory_reconciliation(app: App) -> list[dict]:
    ve, inv, gl = ValueEntry, InventoryPostingSetup, GLEntry
    with app.uow() as session:
        expected_on = company(session).expected_cost_posting
        accounts = {(r.location_code, r.inventory_posting_group): (r.inventory_account, r.inventory_account_interim)
                    for r in session.execute(select(inv.location_code, inv.inventory_posting_group,
                                                    inv.inventory_account, inv.inventory_account_interim))}
        projected: dict[str, list] = defaultdict(lambda: [ZERO, ZERO])
        for r in session.execute(select(
                ve.location_code, ve.inventory_posting_group, func.sum(ve.cost_amount_actual),
                func.sum(ve.cost_posted_to_gl), func.sum(ve.cost_amount_expected),
                func.sum(ve.expected_cost_posted_to_gl)).group_by(ve.location_code, ve.inventory_posting_group)):
            actual_account, interim_account = accounts.get((r[0], r[1] or ""), (None, None))
            _add(projected[actual_account or NO_SETUP], r[2], r[3])
            if expected_on:
                _add(projected[interim_account or NO_SETUP], r[4], r[5])
        names = dict(session.execute(select(GLAccount.no, GLAccount.name)).all())
        balances = dict(session.execute(select(gl.gl_account_no, func.sum(gl.amount))
                                        .where(gl.gl_account_no.in_(list(projected)))
                                        .group_by(gl.gl_account_no)).all())
        rows = []
        for account in sorted(projected):
            value, posted = projected[account]
            balance = balances.get(account) or ZERO
            rows.append({"account_no": account, "name": names.get(account, ""), "inventory_value": value,
                         "posted_to_gl": posted, "not_posted": value - posted, "gl_balance": balance,
                         "difference": value - balance})
        return rows


def _add(target: list, value, posted) -> None:
    target[0] += value or ZERO
    target[1] += posted or ZERO


def _amount(value) -> Decimal:
    """A summed amount with its two decimals (a zero sum stays 0.00; no rows is 0.00 too)."""
    return (ZERO if value is None else Decimal(value)).quantize(Decimal("0.01"))


def inventory_valuation(app: App, as_of: dt.date, item: str | None = None, by_location: bool = False) -> list[dict]:
    """Per item (and location, with ``by_location``): quantity and value at the end of
    ``as_of`` (by posting date, as BC's Inventory Valuation report)."""
    ile, ve = ItemLedgerEntry, ValueEntry
    ile_keys = (ile.item_no, ile.location_code) if by_location else (ile.item_no,)
    ve_keys = (ve.item_no, ve.location_code) if by_location else (ve.item_no,)
    with app.uow() as session:
        qty_query = select(*ile_keys, func.sum(ile.quantity)).where(ile.posting_date <= as_of)
        value_query = select(*ve_keys, func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected)) \
            .where(ve.posting_date <= as_of)
        if item:
            qty_query, value_query = qty_query.where(ile.item_no == item), value_query.where(ve.item_no == item)
        width = len(ile_keys)
        quantities = {tuple(r[:width]): r[width] for r in session.execute(qty_query.group_by(*ile_keys))}
        values = {tuple(r[:width]): (_amount(r[width]), _amount(r[width + 1]))
                  for r in session.execute(value_query.group_by(*ve_keys))}
        keys = sorted(set(quantities) | set(values))
        items = {no: (description, method) for no, description, method in session.execute(
            select(Item.no, Item.description, Item.costing_method)
            .where(Item.no.in_({k[0] for k in keys})))}
        rows = []
        for key in keys:
            actual, expected = values.get(key, (_amount(None), _amount(None)))
            description, method = items[key[0]]
            row = {"item_no": key[0], "description": description, "costing_method": method}
            if by_location:
                row["location"] = key[1]
            row.update({"quantity": quantities.get(key) or ZERO, "cost_amount_actual": actual,
                        "cost_amount_expected": expected, "value": actual + expected})
            rows.append(row)
        return rows


def cost_adjustment_runs(app: App, run_id: int | None = None, limit: int = 20) -> list[dict]:
    """The latest runs; with ``run_id`` the per-item results of that run."""
    with app.uow() as session:
        if run_id is not None:
            item = CostAdjustmentRunItem
            return [{"run_id": r.run_id, "item_no": r.item_no, "status": r.status,
                     "entries_created": r.entries_created, "amount": r.amount, "error_code": r.error_code,
                     "error_message": r.error_message}
                    for r in session.scalars(select(item).where(item.run_id == run_id).order_by(item.item_no))]
        run = CostAdjustmentRun
        return [{"run_id": r.id, "trigger": r.trigger, "status": r.status, "started_at": r.started_at,
                 "finished_at": r.finished_at, "items_total": r.items_total, "items_adjusted": r.items_adjusted,
                 "items_failed": r.items_failed, "entries_created": r.entries_created}
                for r in session.scalars(select(run).order_by(run.id.desc()).limit(limit))]
