"""Cost reads for order and sales posting: interim accounts, outbound cost, open expected cost.

Outbound cost follows the item journal (``domain.inventory.journal``):
open inbound entries by costing method (or the fixed applies-to entry), valued
by :mod:`domain.costing.rules.valuation`. Expected cost still open on an item ledger
entry is the sum of its value entries' expected cost (BC keeps it that way:
an invoice adds the reversal, nothing is overwritten).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from domain.costing.rules import valuation as costing
from domain.inventory import reservations
from domain.inventory import state as inventory_state
from domain.ledger import item_applications
from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.ledger.rules.order_posting import InterimSetup
from domain.money import ZERO, round_amount
from domain.problems import Problem
from domain.setup.model.cards import Item
from domain.setup.model.company import CustomerPostingGroup, GeneralPostingSetup, InventoryPostingSetup
from domain.setup.queries import cached_setup


def interim_setup(session: Session) -> InterimSetup:
    """Interim (expected cost) accounts, cached with the rest of the posting setup."""
    return cached_setup(session, _load_interim_setup)


def _load_interim_setup(session: Session) -> InterimSetup:
    result = InterimSetup()
    g, i = GeneralPostingSetup, InventoryPostingSetup
    for row in session.execute(select(g.gen_bus_posting_group, g.gen_prod_posting_group,
                                      g.cogs_account_interim, g.invt_accrual_account_interim)):
        result.general[(row[0], row[1])] = (row[2], row[3])
    for row in session.execute(select(i.location_code, i.inventory_posting_group, i.inventory_account_interim)):
        result.inventory[(row[0], row[1])] = row[2]
    return result


def receivables_account(session: Session, posting_group: str) -> str | None:
    group = session.get(CustomerPostingGroup, posting_group)
    return group.receivables_account if group else None


def outbound(session: Session, item: Item, location: str, quantity: Decimal, currency: str,
             applies_to: int | None = None, serial_no: str | None = None, lot_no: str | None = None,
             exclude: frozenset[int] = frozenset(), sales_line_id: reservations.Demand | int | None = None,
             variant_code: str | None = None):
    """(cost, applications) of taking ``quantity`` out (of the units with ``serial_no`` /
    ``lot_no`` when given, as the item journal applies them), or the Problem why not.
    ``exclude``: inbound entries reserved for another line (a special order's receipt);
    quantities reserved for demands other than ``sales_line_id`` (a sales line id or a
    reservation Demand) are never taken. With
    Prevent Negative Inventory off the applications may cover less than ``quantity``: the
    caller leaves the rest open on the outbound entry (``ItemPosting.open_quantity``).
    ``variant_code``: only that variant's entries (BC applies within a variant)."""
    entries = [e for e in inventory_state.open_inbound(session, item.no, location, sales_line_id,
                                                           variant_code=variant_code)
               if e.entry_no not in exclude]
    found = costing.apply_outbound(entries, quantity, item.costing_method, applies_to, serial_no, lot_no,
                                   item_no=item.no,
                                   allow_short=not item_applications.prevent_negative_inventory(session))
    if isinstance(found, Problem):
        return reservations.refusal(session, found, item.no, location, sales_line_id)
    average = inventory_state.average_unit_cost(session, item.no) if item.costing_method == "average" else ZERO
    cost = costing.outbound_cost(found, item.costing_method, quantity, average, item.standard_cost, currency)
    applications = tuple((entry.entry_no, take) for entry, take in found)
    short = quantity - sum((take for _, take in applications), ZERO)
    if short and item.costing_method not in ("average", "standard"):  # Prevent Negative Inventory off:
        cost += round_amount(short * item.unit_cost, currency)  # the rest at the unit cost until applied
    inventory_state.plan_draws(session, applications)
    return cost, applications


def entry_cost(session: Session, entry_no: int) -> tuple[Decimal, Decimal]:
    """(actual, expected) cost of one item ledger entry."""
    ve = ValueEntry
    actual, expected = session.execute(select(func.sum(ve.cost_amount_actual), func.sum(ve.cost_amount_expected))
                                       .where(ve.item_ledger_entry_no == entry_no)).one()
    return actual or ZERO, expected or ZERO


def share(total: Decimal, part: Decimal, whole: Decimal, currency: str) -> Decimal:
    """``total`` * part / whole, rounded; exactly ``total`` when the part is the whole."""
    if part == whole:
        return total
    return round_amount(total * part / whole, currency)


def exact_return_cost(session: Session, entry_no: int, quantity: Decimal, currency: str) -> Decimal | None:
    """Cost of returning ``quantity`` of outbound entry ``entry_no`` (positive), BC exact cost reversal."""
    entry = session.get(ItemLedgerEntry, entry_no)
    if entry is None or entry.positive:
        return None
    actual, expected = entry_cost(session, entry_no)
    return share(-(actual + expected), quantity, -entry.quantity, currency)


def mark_expected_posted(session: Session, transaction_no: int) -> None:
    """Record on the value entries of ``transaction_no`` that their expected cost is in G/L."""
    ve = ValueEntry
    session.execute(update(ve).where(ve.transaction_no == transaction_no, ve.cost_amount_expected != ZERO)
                    .values(expected_cost_posted_to_gl=ve.cost_amount_expected)
                    .execution_options(synchronize_session=False))


def invoice_entry(session: Session, entry_no: int, invoiced: Decimal) -> None:
    """Add ``invoiced`` (signed like the entry) to an item ledger entry's invoiced quantity."""
    entry = session.get(ItemLedgerEntry, entry_no)
    entry.invoiced_quantity = entry.invoiced_quantity + invoiced
    entry.completely_invoiced = entry.invoiced_quantity == entry.quantity
