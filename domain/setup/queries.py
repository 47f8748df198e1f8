"""Read company and posting setup into the plain structures rules work on."""

from __future__ import annotations

import functools
from decimal import Decimal
import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.problems import DomainError
from domain.setup.model.cards import ItemTextVersion
from domain.setup.model.company import (
    Company,
    GeneralPostingSetup,
    GLAccount,
    InventoryPostingSetup,
    SetupVersion,
    User,
    VATPostingSetup,
    VendorPostingGroup,
)
from domain.setup.posting_setup import AccountInfo, GeneralSetup, SetupTables, VatSetup


def company(session: Session) -> Company:
    row = session.scalars(_company_query()).first()
    if row is None:
        raise DomainError("SETUP-NO-COMPANY", "no company: run `ledgerflow init --country NO|NL` first")
    return row


@functools.cache
def _company_query():
    """Built once (statements are immutable): nearly every service asks, this spares the cache key."""
    return select(Company).limit(1)


#: the language a company's country speaks, for people without a language of their own
COUNTRY_LANGUAGE = {"NO": "nb", "NL": "nl"}


def preferred_language(session: Session, user_id: str | None) -> str | None:
    """The language to tell ``user_id`` things in: the user's own, else the company's
    country's; None when there is neither (no such user and no company)."""
    user = session.get(User, user_id) if user_id else None
    if user is not None and user.language:
        return user.language
    row = session.scalars(select(Company).limit(1)).first()
    return COUNTRY_LANGUAGE.get(row.country) if row is not None else None


def _rows(session: Session, cls, *names: str):
    """Plain rows of the named columns: no ORM objects, which posting does not need
    and which cost more to build than the query itself."""
    return session.execute(_select(cls, names)).all()


@functools.cache
def _select(cls, names: tuple[str, ...]):
    """Built once and reused (statements are immutable): spares rebuilding the cache key."""
    table = cls.__table__
    return select(*(table.c[name] for name in names))


#: (engine, loader name) -> (setup version, what the loader returned)
_CACHE: dict[tuple[int, str], tuple[int, object]] = {}
_CACHE_LOCK = threading.Lock()


def cached_setup(session: Session, load):
    """``load(session)``, reused while the posting setup is unchanged.

    The key is the ``setup_version`` row, which triggers renumber on any change of
    the setup tables (:data:`domain.db.SETUP_VERSION_TABLES`), committed or not: a
    transaction that changes setup sees its own new number and reads afresh. The
    value must be treated as read-only: it is shared by every session of the engine.
    """
    return _cached(session, load, _version_query())


def cached_items(session: Session, load):
    """``load(session)``, reused while no item is added, deleted, renumbered, renamed, blocked or
    unblocked: as :func:`cached_setup`, keyed by the ``item_text_version`` row (migration 0047),
    which cost and price updates leave alone. Read-only for the caller, like the setup's."""
    return _cached(session, load, _item_version_query())


def _cached(session: Session, load, version_query):
    version = session.execute(version_query).scalar()
    if version is None:  # a database without the row: read every time
        return load(session)
    key = (id(session.get_bind()), load.__qualname__)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = load(session)
    with _CACHE_LOCK:
        _CACHE[key] = (version, value)
    return value


@functools.cache
def _version_query():
    return select(SetupVersion.version).where(SetupVersion.id == 1)


@functools.cache
def _item_version_query():
    return select(ItemTextVersion.version).where(ItemTextVersion.id == 1)


def setup_tables(session: Session) -> SetupTables:
    """Accounts and posting setup as plain structures (cached; see :func:`cached_setup`)."""
    return cached_setup(session, _load_setup_tables)


def _load_setup_tables(session: Session) -> SetupTables:
    tables = SetupTables()
    for g in _rows(session, GeneralPostingSetup, "gen_bus_posting_group", "gen_prod_posting_group",
                   "purch_account", "sales_account", "cogs_account", "inventory_adjmt_account",
                   "direct_cost_applied_account", "overhead_applied_account", "purchase_variance_account"):
        tables.general[(g.gen_bus_posting_group, g.gen_prod_posting_group)] = GeneralSetup(
            purch_account=g.purch_account, sales_account=g.sales_account,
            cogs_account=g.cogs_account, inventory_adjmt_account=g.inventory_adjmt_account,
            direct_cost_applied_account=g.direct_cost_applied_account,
            overhead_applied_account=g.overhead_applied_account,
            purchase_variance_account=g.purchase_variance_account,
        )
    for v in _rows(session, VATPostingSetup, "vat_bus_posting_group", "vat_prod_posting_group", "vat_pct",
                   "calculation_type", "purchase_vat_account", "sales_vat_account", "reverse_chrg_vat_account",
                   "tax_code", "non_deductible_pct"):
        tables.vat[(v.vat_bus_posting_group, v.vat_prod_posting_group)] = VatSetup(
            v.vat_pct, v.calculation_type, v.purchase_vat_account, v.sales_vat_account,
            v.reverse_chrg_vat_account, v.tax_code, v.non_deductible_pct or Decimal(0),
        )
    for i in _rows(session, InventoryPostingSetup, "location_code", "inventory_posting_group",
                   "inventory_account"):
        tables.inventory[(i.location_code, i.inventory_posting_group)] = i.inventory_account
    for p in _rows(session, VendorPostingGroup, "code", "payables_account"):
        tables.payables[p.code] = p.payables_account
    for a in _rows(session, GLAccount, "no", "blocked", "account_type", "direct_posting"):
        tables.accounts[a.no] = AccountInfo(a.blocked, a.account_type == "posting", a.direct_posting)
    return tables


def allowed_posting_range(session: Session, user_id: str | None):
    """The user's own allowed range when set (BC User Setup), else the company's."""
    return posting_range(session, company(session), user_id)


def own_posting_range(session: Session, user_id: str | None):
    """The user's own allowed range (BC User Setup) when one end is set, else None."""
    user = session.get(User, user_id) if user_id else None
    if user and (user.allow_posting_from or user.allow_posting_to):
        return user.allow_posting_from, user.allow_posting_to
    return None


def posting_range(session: Session, comp: Company, user_id: str | None):
    """:func:`allowed_posting_range` for a caller that has loaded the company already."""
    user = session.get(User, user_id) if user_id else None
    if user and (user.allow_posting_from or user.allow_posting_to):
        return user.allow_posting_from, user.allow_posting_to
    return comp.allow_posting_from, comp.allow_posting_to
