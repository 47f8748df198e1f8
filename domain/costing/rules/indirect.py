"""Indirect cost and overhead (pure): Business Central's Indirect Cost % and Overhead Rate.

BC (item card, purchase line "Unit Cost (LCY)"): unit cost = direct unit cost x (1 + Indirect
Cost % / 100) + Overhead Rate. Posting splits the inbound cost into shares ("Design Details:
Cost Components"; codeunit Cost Calculation Management ``CalcOvhdCost``): the direct cost
(what the vendor is paid) and the indirect cost = direct cost x Indirect Cost % / 100 +
Overhead Rate x quantity, posted as its own value entry (entry type Indirect Cost) on
Inventory against Overhead Applied. A Standard item stays at standard: its variance is
standard - direct - indirect ("Design Details: Variance": actual cost - standard cost).
"""

from __future__ import annotations

from decimal import Decimal

from domain.money import ZERO, round_amount
from domain.problems import Problem

HUNDRED = Decimal(100)


def indirect_cost(direct: Decimal, quantity: Decimal, indirect_pct: Decimal, overhead_rate: Decimal,
                  currency: str) -> Decimal:
    """The indirect share of an inbound cost whose direct share is ``direct`` (signed like it)."""
    if not indirect_pct and not overhead_rate:
        return ZERO
    return round_amount(direct * indirect_pct / HUNDRED + overhead_rate * quantity, currency)


def unit_cost(direct_unit_cost: Decimal, indirect_pct: Decimal, overhead_rate: Decimal) -> Decimal:
    """BC Unit Cost from a direct unit cost (not rounded: the caller rounds to its unit precision)."""
    return direct_unit_cost * (1 + indirect_pct / HUNDRED) + overhead_rate


def indirect_problems(where: str, indirect_pct: Decimal | None,
                      overhead_rate: Decimal | None = None) -> list[Problem]:
    """BC allows neither share negative (a negative overhead would be a discount on the cost)."""
    problems = []
    for name, value in (("indirect_cost_pct", indirect_pct), ("overhead_rate", overhead_rate)):
        if value is not None and value < ZERO:
            problems.append(Problem("ITEM-NEGATIVE-AMOUNT", f"{where}{name}", {"value": str(value)}))
    return problems
