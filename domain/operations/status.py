"""What the operator needs to see: work waiting, and setup that would stop posting.

Read-only queries for ``ledgerflow status`` and ``ledgerflow doctor`` and the
list of released documents the posting flow works through. Tables from
features that are not migrated into this database yet are reported as
``None`` ("not known here"), never as an error: status must work on any
database that the running version can open.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session

from domain.app import App
from domain.problems import Problem
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.cards import Item, ItemCharge, Vendor
from domain.setup.model.company import Company, GLAccount, Location
from domain.setup.queries import setup_tables
from domain.setup.rules import SetupUsage, setup_gaps

#: tables the cost-adjustment runs may be recorded in (the first one present is read)
COST_RUN_TABLES = ("cost_adjustment_run", "cost_adjustment_log", "adjust_cost_run", "costing_run")


def released_documents(app: App, limit: int = 500) -> list[str]:
    """Numbers of drafts released for posting (approved, or needing no approval), oldest first."""
    with app.uow() as session:
        return list(session.scalars(
            select(PurchaseHeader.no).where(PurchaseHeader.status == "released",
                                            PurchaseHeader.document_type.in_(("invoice", "credit_memo")))
            .order_by(PurchaseHeader.id).limit(limit)))


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _count(session: Session, tables: set[str], table: str, where: str, **params) -> int | None:
    if table not in tables:
        return None
    return session.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {where}"), params).scalar_one()


def _last_row(session: Session, tables: set[str], candidates) -> dict | None:
    for table in candidates:
        if table in tables:
            row = session.execute(text(f"SELECT * FROM {table} ORDER BY 1 DESC LIMIT 1")).mappings().first()
            return dict(row) if row is not None else None
    return None


def status_counts(app: App) -> dict:
    """Counts of waiting work; ``None`` for a table this database does not have."""
    tables = _tables(app.engine)
    with app.uow() as session:
        # the column alone: an older database lacks later columns of the company row
        time_zone = session.scalars(select(Company.time_zone).limit(1)).first()
        today = app.today(time_zone or "Europe/Oslo")
        return {
            "documents_in_review": _count(session, tables, "incoming_document", "status = 'review'"),
            "approvals_waiting": _count(session, tables, "approval_request", "status = 'open'"),
            "approvals_overdue": _count(session, tables, "approval_entry",
                                        "status = 'open' AND due_date < :today", today=today),
            "released_unposted": _count(session, tables, "purchase_header",
                                        "status = 'released' AND document_type IN ('invoice', 'credit_memo')"),
            "last_cost_adjustment": _last_row(session, tables, COST_RUN_TABLES),
            # items whose outbound cost may be out of date until the next adjustment run
            "items_to_adjust": _count(session, tables, "item_to_adjust", "1 = 1"),
            # value entries whose cost is not yet on the G/L (post-to-G/L will carry them)
            "value_entries_not_on_gl": _count(session, tables, "value_entry",
                                              "cost_amount_actual <> cost_posted_to_gl"),
        }


def setup_usage(session: Session) -> SetupUsage:
    """The posting-group combinations master data can bring together on a purchase."""
    v, i, c, a = Vendor, Item, ItemCharge, GLAccount
    vendors = frozenset(tuple(r) for r in session.execute(
        select(v.gen_bus_posting_group, v.vat_bus_posting_group, v.vendor_posting_group)
        .where(v.blocked != "all").distinct()))
    items = session.execute(select(i.gen_prod_posting_group, i.vat_prod_posting_group, i.type,
                                   i.inventory_posting_group).where(i.blocked.is_(False)).distinct()).all()
    charges = session.execute(select(c.gen_prod_posting_group, c.vat_prod_posting_group).distinct()).all()
    account_vat = session.scalars(select(a.vat_prod_posting_group).where(
        a.vat_prod_posting_group.is_not(None), a.blocked.is_(False), a.account_type == "posting",
        a.direct_posting.is_(True)).distinct()).all()
    locations = [""] + list(session.scalars(select(Location.code)))
    groups = {row.inventory_posting_group for row in items
              if row.type == "inventory" and row.inventory_posting_group}
    return SetupUsage(
        vendors=vendors,
        gen_prod=frozenset(r.gen_prod_posting_group for r in [*items, *charges]),
        inventory_gen_prod=frozenset(r.gen_prod_posting_group for r in items if r.type == "inventory"),
        vat_prod=frozenset([*(r.vat_prod_posting_group for r in [*items, *charges]), *account_vat]),
        inventory=frozenset((loc, g) for loc in locations for g in groups),
    )


def setup_problems(app: App) -> list[Problem]:
    """Every gap in posting setup that would reject a purchase posting later."""
    with app.uow() as session:
        return setup_gaps(setup_tables(session), setup_usage(session))
