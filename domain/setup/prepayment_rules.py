"""The Prepayment % a card, an order or an order line may carry (pure).

Business Central's Prepayment % fields (Vendor, Customer, Item, Purchase / Sales Header and
Line) take a value from 0 to 100; anything else is refused with PREPMT-PCT-OUT-OF-RANGE.
"""

from __future__ import annotations

from decimal import Decimal

from domain.problems import Problem

ZERO, HUNDRED = Decimal(0), Decimal(100)


def pct_problem(value: Decimal | None, field: str) -> Problem | None:
    """PREPMT-PCT-OUT-OF-RANGE unless 0 <= ``value`` <= 100 (None: nothing to check)."""
    if value is None or ZERO <= value <= HUNDRED:
        return None
    return Problem("PREPMT-PCT-OUT-OF-RANGE", field, {"pct": str(value)})
