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


def inventory_valuation(app: App, as_of: dt.date, item: str | None = None, by_location: bool = False,
                        start: dt.date | None = None) -> list[dict]:
    """Per item (and location, with ``by_location``): quantity and value at the end of
    ``as_of`` (by posting date, as BC's Inventory Valuation report). With ``start`` it is BC's
    report for the period ``start``..``as_of``: also the quantity and value before ``start``
    (``opening_*``), and what came in and went out in the period (``increase_*``, ``decrease_*``,
    both positive: an entry of positive quantity and its later cost changes increase, an entry of
    negative quantity and its cost changes decrease), so opening + increase - decrease = the end."""
    ile, ve = ItemLedgerEntry, ValueEntry
    ile_keys = (ile.item_no, ile.location_code) if by_location else (ile.item_no,)
    ve_keys = (ve.item_no, ve.location_code) if by_location else (ve.item_no,)
    width = len(ile_keys)
    with app.uow() as session:
        def quantities(query) -> dict:
            query = query.where(ile.item_no == item) if item else query
            return {tuple(r[:width]): r[width] or ZERO for r in session.execute(query.group_by(*ile_keys))}

        def values(query) -> dict:
            query = query.where(ve.item_no == item) if item else query
            return {tuple(r[:width]): (_amount(r[width]), _amount(r[width + 1]))
                    for r in session.execute(query.group_by(*ve_keys))}

        qty_sum, value_sums = func.sum(ile.quantity), (func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected))
        closing_qty = quantities(select(*ile_keys, qty_sum).where(ile.posting_date <= as_of))
        closing = values(select(*ve_keys, *value_sums).where(ve.posting_date <= as_of))
        moves = _period_moves(session, start, as_of, quantities, values, ile_keys, ve_keys) if start else {}
        keys = sorted(set(closing_qty) | set(closing) | set(moves))
        items = {no: (description, method) for no, description, method in session.execute(
            select(Item.no, Item.description, Item.costing_method)
            .where(Item.no.in_({k[0] for k in keys})))}
        rows = []
        for key in keys:
            actual, expected = closing.get(key, (_amount(None), _amount(None)))
            description, method = items[key[0]]
            row = {"item_no": key[0], "description": description, "costing_method": method}
            if by_location:
                row["location"] = key[1]
            row.update({"quantity": closing_qty.get(key) or ZERO, "cost_amount_actual": actual,
                        "cost_amount_expected": expected, "value": actual + expected})
            if start:
                row.update(moves.get(key) or _no_moves())
            rows.append(row)
        return rows


def _period_moves(session, start, end, quantities, values, ile_keys, ve_keys) -> dict[tuple, dict]:
    """Per key: opening quantity and value (before ``start``), increases and decreases in the period."""
    ile, ve = ItemLedgerEntry, ValueEntry
    qty_sum, value_sum = func.sum(ile.quantity), (func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected))
    in_period = (ile.posting_date >= start, ile.posting_date <= end)
    opening_qty = quantities(select(*ile_keys, qty_sum).where(ile.posting_date < start))
    opening = values(select(*ve_keys, *value_sum).where(ve.posting_date < start))
    qty_in = quantities(select(*ile_keys, qty_sum).where(*in_period, ile.quantity > 0))
    qty_out = quantities(select(*ile_keys, qty_sum).where(*in_period, ile.quantity < 0))
    moved = select(*ve_keys, *value_sum).join(ile, ile.entry_no == ve.item_ledger_entry_no).where(
        ve.posting_date >= start, ve.posting_date <= end)
    value_in, value_out = values(moved.where(ile.quantity > 0)), values(moved.where(ile.quantity <= 0))
    result = {}
    for key in set(opening_qty) | set(opening) | set(qty_in) | set(qty_out) | set(value_in) | set(value_out):
        row = _no_moves()
        row["opening_quantity"] = opening_qty.get(key) or ZERO
        row["opening_value"] = sum(opening.get(key, ()), _amount(None))
        row["increase_quantity"] = qty_in.get(key) or ZERO
        row["increase_value"] = sum(value_in.get(key, ()), _amount(None))
        row["decrease_quantity"] = -(qty_out.get(key) or ZERO)
        row["decrease_value"] = -sum(value_out.get(key, ()), _amount(None))
        result[key] = row
    return result


def _no_moves() -> dict:
    zero = _amount(None)
    return {"opening_quantity": ZERO, "opening_value": zero, "increase_quantity": ZERO, "increase_value": zero,
            "decrease_quantity": ZERO, "decrease_value": zero}


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
