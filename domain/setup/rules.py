"""Is the posting setup complete for what the master data uses? (pure)

Business Central only finds a missing General / VAT / Inventory Posting Setup
when a document is posted ("General Posting Setup does not exist..."). The
doctor asks earlier: for every combination of posting groups that vendors,
items, item charges and G/L accounts can bring together on a purchase
document, the setup row must exist and name the accounts purchase posting
needs. Every gap is returned at once, with the same codes posting uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.problems import Problem
from domain.setup.posting_setup import SetupTables


@dataclass(frozen=True)
class SetupUsage:
    """The posting groups in use, collected from master data."""

    #: (gen_bus, vat_bus, vendor_posting_group) of every vendor that is not blocked
    vendors: frozenset[tuple[str, str, str]]
    #: gen_prod groups of items and item charges (need a purchase account)
    gen_prod: frozenset[str]
    #: gen_prod groups of inventory items (also need the direct cost applied account)
    inventory_gen_prod: frozenset[str]
    #: vat_prod groups of items, item charges and G/L accounts
    vat_prod: frozenset[str]
    #: (location, inventory posting group) pairs inventory items can be received at
    inventory: frozenset[tuple[str, str]]


def _account_problems(setup: SetupTables, no: str | None, what: str) -> list[Problem]:
    problems: list[Problem] = []
    setup.account(no, problems, what)
    return problems


def _general(setup: SetupTables, usage: SetupUsage, gen_bus: str) -> list[Problem]:
    problems: list[Problem] = []
    for gen_prod in sorted(usage.gen_prod | usage.inventory_gen_prod):
        general = setup.general.get((gen_bus, gen_prod))
        if general is None:
            problems.append(Problem("SETUP-MISSING-GENERAL-POSTING-SETUP", "general_posting_setup",
                                    {"gen_bus": gen_bus, "gen_prod": gen_prod}))
            continue
        where = f"general_posting_setup[{gen_bus},{gen_prod}]"
        problems += _account_problems(setup, general.purch_account, f"{where}.purch_account")
        if gen_prod in usage.inventory_gen_prod:
            problems += _account_problems(setup, general.direct_cost_applied_account,
                                          f"{where}.direct_cost_applied_account")
    return problems


def _vat(setup: SetupTables, usage: SetupUsage, vat_bus: str) -> list[Problem]:
    problems: list[Problem] = []
    for vat_prod in sorted(usage.vat_prod):
        vat = setup.vat.get((vat_bus, vat_prod))
        if vat is None:
            problems.append(Problem("SETUP-MISSING-VAT-POSTING-SETUP", "vat_posting_setup",
                                    {"vat_bus": vat_bus, "vat_prod": vat_prod}))
            continue
        where = f"vat_posting_setup[{vat_bus},{vat_prod}]"
        if vat.vat_pct:
            problems += _account_problems(setup, vat.purchase_vat_account, f"{where}.purchase_vat_account")
        if vat.calculation_type == "reverse_charge":
            problems += _account_problems(setup, vat.reverse_chrg_vat_account,
                                          f"{where}.reverse_chrg_vat_account")
    return problems


def _inventory(setup: SetupTables, usage: SetupUsage) -> list[Problem]:
    problems: list[Problem] = []
    for location, group in sorted(usage.inventory):
        where = f"inventory_posting_setup[{location or '(blank)'},{group}].inventory_account"
        if (location, group) not in setup.inventory:
            problems.append(Problem("SETUP-MISSING-INVENTORY-POSTING-SETUP", "inventory_posting_setup",
                                    {"location": location or "(blank)", "group": group}))
            continue
        problems += _account_problems(setup, setup.inventory[(location, group)], where)
    return problems


def setup_gaps(setup: SetupTables, usage: SetupUsage) -> list[Problem]:
    """Every missing setup row or account, each reported once."""
    problems: list[Problem] = []
    for gen_bus in sorted({v[0] for v in usage.vendors}):
        problems += _general(setup, usage, gen_bus)
    for vat_bus in sorted({v[1] for v in usage.vendors}):
        problems += _vat(setup, usage, vat_bus)
    for group in sorted({v[2] for v in usage.vendors}):
        problems += _account_problems(setup, setup.payables.get(group),
                                      f"vendor_posting_group[{group}].payables_account")
    problems += _inventory(setup, usage)
    unique: dict[tuple, Problem] = {}
    for p in problems:
        unique.setdefault((p.code, p.field, tuple(sorted(p.params.items()))), p)
    return list(unique.values())


#: BC's Prepayment % fields (Vendor, Customer, Item, Purchase / Sales Header and Line) take 0 to 100
HUNDRED = Decimal(100)


def pct_problem(value: Decimal | None, field: str) -> Problem | None:
    """PREPMT-PCT-OUT-OF-RANGE unless 0 <= ``value`` <= 100 (None: nothing to check)."""
    if value is None or Decimal(0) <= value <= HUNDRED:
        return None
    return Problem("PREPMT-PCT-OUT-OF-RANGE", field, {"pct": str(value)})
