"""Read-only reports over the ledgers. Rows are plain dicts (Decimal, date) that
the CLI prints as a table, as JSON with numbers as strings, or as CSV/XLSX. A ``period``
(DateRange) keeps the entries whose posting date is in it."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from domain.app import App
from domain.date_range import ALL, DateRange
from domain.ledger.model import GLEntry, ItemApplicationEntry, ItemLedgerEntry, ValueEntry, VATEntry, VendorLedgerEntry
from domain.money import ZERO
from domain.setup.model.cards import Item
from domain.setup.model.company import GLAccount


def trial_balance(app: App, period: DateRange = ALL) -> list[dict]:
    """BC's Trial Balance by period: per account the debit, credit and balance of every entry up to
    the end of ``period`` (the balance at date) and the net change within it. Accounts without an
    entry up to that date are left out. Without a period both are over every entry."""
    g = GLEntry
    with app.uow() as session:
        def sums(within: DateRange) -> dict:
            query = select(g.gl_account_no, func.sum(g.debit_amount), func.sum(g.credit_amount))
            for clause in within.where(g.posting_date):
                query = query.where(clause)
            return {row[0]: row[1:] for row in session.execute(query.group_by(g.gl_account_no))}

        at_date, changes = sums(period.until_end()), sums(period)
        rows = []
        for account in session.scalars(select(GLAccount).order_by(GLAccount.no)):
            if account.no not in at_date:
                continue
            debit, credit = at_date[account.no]
            change_debit, change_credit = changes.get(account.no, (ZERO, ZERO))
            rows.append({"account_no": account.no, "name": account.name, "debit": debit,
                         "credit": credit, "balance": debit - credit, "net_change_debit": change_debit,
                         "net_change_credit": change_credit, "net_change": change_debit - change_credit})
        return rows


def _rows(app: App, cls, columns: list[str], order, where=()) -> list[dict]:
    with app.uow() as session:
        query = select(cls).order_by(order)
        for clause in where:
            query = query.where(clause)
        return [{c: getattr(row, c) for c in columns} for row in session.scalars(query)]


def gl_entries(app: App, account: str | None = None, document_no: str | None = None,
               period: DateRange = ALL) -> list[dict]:
    g = GLEntry
    where = [g.gl_account_no == account] if account else []
    where += period.where(g.posting_date)
    if document_no:
        where.append(g.document_no == document_no)
    return _rows(app, g, ["entry_no", "transaction_no", "posting_date", "document_type", "document_no",
                          "gl_account_no", "description", "debit_amount", "credit_amount", "amount",
                          "source_type", "source_no"], g.entry_no, where)


def vendor_ledger(app: App, vendor: str | None = None, period: DateRange = ALL) -> list[dict]:
    v = VendorLedgerEntry
    return _rows(app, v, ["entry_no", "vendor_no", "posting_date", "document_type", "document_no",
                          "external_document_no", "amount", "remaining_amount", "due_date", "open"],
                 v.entry_no, ([v.vendor_no == vendor] if vendor else []) + period.where(v.posting_date))


def vat_entries(app: App, period: DateRange = ALL) -> list[dict]:
    v = VATEntry
    return _rows(app, v, ["entry_no", "type", "posting_date", "document_type", "document_no",
                          "vat_bus_posting_group", "vat_prod_posting_group", "vat_calculation_type",
                          "vat_pct", "base", "amount", "tax_code"], v.entry_no, period.where(v.posting_date))


def item_ledger(app: App, item: str | None = None, period: DateRange = ALL) -> list[dict]:
    ile, ve = ItemLedgerEntry, ValueEntry
    with app.uow() as session:
        costs = select(ve.item_ledger_entry_no.label("ile"),
                       func.sum(ve.cost_amount_actual).label("actual"),
                       func.sum(ve.cost_amount_expected).label("expected"),
                       func.sum(ve.sales_amount_actual).label("sales"),
                       func.sum(case((ve.adjustment.is_(True), ve.cost_amount_actual + ve.cost_amount_expected),
                                     else_=0)).label("adjusted")).group_by(ve.item_ledger_entry_no)
        costs = costs.subquery()
        query = select(ile, costs.c.actual, costs.c.expected, costs.c.sales, costs.c.adjusted).outerjoin(
            costs, costs.c.ile == ile.entry_no).order_by(ile.entry_no)
        if item:
            query = query.where(ile.item_no == item)
        for clause in period.where(ile.posting_date):
            query = query.where(clause)
        amount = ve.cost_amount_actual.type
        rows = []
        for entry, actual, expected, sales, adjusted in session.execute(query):
            actual, expected = _dec(actual, amount, session), _dec(expected, amount, session)
            adjusted = _dec(adjusted, amount, session)
            rows.append({"entry_no": entry.entry_no, "posting_date": entry.posting_date,
                         "entry_type": entry.entry_type, "item_no": entry.item_no,
                         "location": entry.location_code, "quantity": entry.quantity,
                         "remaining_quantity": entry.remaining_quantity, "open": entry.open,
                         "cost_amount_actual": actual, "cost_amount_expected": expected,
                         "sales_amount_actual": _dec(sales, amount, session),
                         "applies_to_entry": entry.applies_to_entry, "document_no": entry.document_no,
                         "serial_no": entry.serial_no, "lot_no": entry.lot_no,
                         "expiration_date": entry.expiration_date,
                         # BC shows the cost as first posted (e.g. a sale at the item card's unit
                         # cost) and what cost adjustment added to it
                         "cost_posted": actual + expected - adjusted, "cost_adjusted": adjusted})
        return rows


def item_applications(app: App, item: str, period: DateRange = ALL) -> list[dict]:
    """BC "Item Application Entries" of ``item``: which inbound entry each outbound entry took,
    how much, and whether the application is fixed (applies-to entry) or by costing method; with
    ``period``, the applications posted in it."""
    a, outbound, inbound = ItemApplicationEntry, aliased(ItemLedgerEntry), aliased(ItemLedgerEntry)
    with app.uow() as session:
        query = select(a.entry_no, a.outbound_item_entry_no, outbound.entry_type, outbound.posting_date,
                       a.inbound_item_entry_no, inbound.entry_type, inbound.posting_date, a.quantity, a.fixed,
                       a.posting_date).join(outbound, outbound.entry_no == a.outbound_item_entry_no).join(
            inbound, inbound.entry_no == a.inbound_item_entry_no).where(outbound.item_no == item, *period.where(a.posting_date)).order_by(a.entry_no)
        return [{"entry_no": r[0], "outbound_entry_no": r[1], "outbound_entry_type": r[2],
                 "outbound_posting_date": r[3], "inbound_entry_no": r[4], "inbound_entry_type": r[5],
                 "inbound_posting_date": r[6], "quantity": -r[7], "fixed": bool(r[8]), "posting_date": r[9]}
                for r in session.execute(query)]


def _dec(value, type_, session) -> Decimal:
    """Aggregates from a subquery come back raw on SQLite: convert with the column type."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    return type_.process_result_value(value, session.get_bind().dialect)


def value_entries(app: App, item: str | None = None, period: DateRange = ALL) -> list[dict]:
    v = ValueEntry
    return _rows(app, v, ["entry_no", "item_ledger_entry_no", "item_no", "posting_date", "valuation_date",
                          "entry_type", "item_ledger_entry_type", "document_no", "valued_quantity",
                          "cost_per_unit", "cost_amount_actual", "cost_amount_expected",
                          "cost_posted_to_gl", "sales_amount_actual", "item_charge_no", "adjustment"],
                 v.entry_no, ([v.item_no == item] if item else []) + period.where(v.posting_date))


def inventory(app: App, item: str | None = None) -> list[dict]:
    ile, ve = ItemLedgerEntry, ValueEntry
    with app.uow() as session:
        qty = dict(session.execute(select(ile.item_no, func.sum(ile.quantity)).group_by(ile.item_no)).all())
        value = dict(session.execute(select(ve.item_no, func.sum(ve.cost_amount_actual) +
                                            func.sum(ve.cost_amount_expected)).group_by(ve.item_no)).all())
        query = select(Item).where(Item.type == "inventory").order_by(Item.no)
        if item:
            query = query.where(Item.no == item)
        rows = []
        for it in session.scalars(query):
            q, v = qty.get(it.no) or ZERO, value.get(it.no) or ZERO
            rows.append({"item_no": it.no, "description": it.description, "costing_method": it.costing_method,
                         "quantity": q, "value": v, "unit_cost": it.unit_cost})
        return rows


__all__ = ["trial_balance", "gl_entries", "vendor_ledger", "vat_entries", "item_ledger", "value_entries",
           "inventory"]
