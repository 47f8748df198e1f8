"""Non-deductible VAT on purchases (pure): Business Central's "Non-Deductible VAT" feature.

A VAT posting setup's Non-Deductible VAT % is the part of the purchase VAT the company may not
deduct. BC does not post that part to the Purchase VAT Account; it adds it to the cost of what
was bought: the G/L line of an account line or the item's direct cost (value entry) and the
Purch. Account of an item line. The VAT entry's Amount is the deductible part (what the VAT
return deducts) and its Non-Deductible VAT Amount the rest. Per VAT group the non-deductible
VAT is rounded once and split over the group's lines by their VAT, so the parts add up exactly.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from domain.ledger.rules import amounts as amt
from domain.money import round_amount

HUNDRED = Decimal(100)


def per_line(computed: amt.DocumentAmounts, inputs: list[amt.LineInput], pct_of_group,
             currency: str) -> dict[int, Decimal]:
    """Line no. -> the non-deductible VAT of the line (document currency); ``pct_of_group``
    gives a VAT group's Non-Deductible VAT % (a group: ``LineInput.vat_group``)."""
    members: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
    for given, result in zip(inputs, computed.lines):
        if given.fixed is None:  # a prepayment line's VAT is reversed as it was posted, in full
            members[given.vat_group].append((given.key, result.vat))
    found: dict[int, Decimal] = {}
    for group in computed.groups:
        pct = pct_of_group(group.vat_group)
        computed_vat = group.vat - group.fixed.vat
        if not pct or not computed_vat:
            continue
        total = round_amount(computed_vat * pct / HUNDRED, currency)
        keys = [key for key, _ in members[group.vat_group]]
        found.update(zip(keys, amt.split(total, [vat for _, vat in members[group.vat_group]], currency)))
    return found
