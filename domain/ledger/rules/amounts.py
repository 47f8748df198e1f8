"""Document line amounts and VAT, in the order EN 16931 prescribes.

Each line's net amount is rounded first (BR-CO-10 sums rounded line amounts),
lines are grouped per VAT identity (calculation type, rate: BR-S-08), VAT is
computed once per group and rounded. With prices including VAT the group's VAT
is taken out of the group's gross amount, and the group's net is spread back
over its lines with a largest-remainder split so that line nets add up to the
group exactly (what Business Central calls VAT rounding per document).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

from domain.money import HUNDRED, ZERO, round_amount, round_unit_amount


@dataclass(frozen=True)
class LineInput:
    key: int  # the caller's line identity (line no.)
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    vat_group: str  # VAT identity: "<calc type>|<rate>|<setup key>"
    vat_pct: Decimal
    reverse_charge: bool = False


@dataclass(frozen=True)
class LineAmounts:
    key: int
    line_amount: Decimal  # before VAT split: gross when prices include VAT, else net
    discount_amount: Decimal
    net: Decimal
    vat: Decimal  # this line's share of its group's VAT


@dataclass(frozen=True)
class VatGroupTotal:
    vat_group: str
    vat_pct: Decimal
    reverse_charge: bool
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class DocumentAmounts:
    lines: tuple[LineAmounts, ...]
    groups: tuple[VatGroupTotal, ...]
    net: Decimal
    vat: Decimal  # VAT the vendor charges (reverse-charge VAT excluded)
    gross: Decimal


def _line_amount(line: LineInput, currency: str) -> tuple[Decimal, Decimal]:
    full = round_amount(line.quantity * line.unit_price, currency)
    discount = round_amount(full * line.discount_pct / HUNDRED, currency)
    return full - discount, discount


def net_line_amount(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal, currency: str) -> Decimal:
    full = round_amount(quantity * unit_price, currency)
    return full - round_amount(full * discount_pct / HUNDRED, currency)


def split_line(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal, quantities: list[Decimal],
               currency: str) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(quantity, unit price, discount %) of each part when a line of ``quantity`` is split into
    ``quantities`` (a correction takes each part back from its own item ledger entry), so that
    the parts' net amounts add up to the whole line's to the cent. Parts keep the line's price
    and discount when they already do; otherwise each part is priced at its exact share of the
    net amount with no discount (the amounts posted are the same; only the print differs)."""
    keep = [(q, unit_price, discount_pct) for q in quantities]
    whole = net_line_amount(quantity, unit_price, discount_pct, currency)
    if len(quantities) < 2 or sum((net_line_amount(q, unit_price, discount_pct, currency)
                                   for q in quantities), ZERO) == whole:
        return keep
    priced = []
    for q, target in zip(quantities, split(whole, list(quantities), currency)):
        price = round_unit_amount(target / q)
        if round_amount(q * price, currency) != target:
            return keep  # no unit price gives the share exactly: keep the line's own figures
        priced.append((q, price, ZERO))
    return priced


def split(total: Decimal, weights: list[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` over ``weights`` so the parts are rounded and add up exactly."""
    weight_sum = sum(weights, ZERO)
    if weight_sum == ZERO:
        parts = [ZERO] * len(weights)
        if parts:
            parts[0] = total
        return parts
    parts = [round_amount(total * w / weight_sum, currency) for w in weights]
    residue = total - sum(parts, ZERO)
    if residue and parts:
        largest = max(range(len(weights)), key=lambda i: abs(weights[i]))
        parts[largest] += residue
    return parts


def compute(lines: list[LineInput], prices_including_vat: bool, currency: str) -> DocumentAmounts:
    amounts = {line.key: _line_amount(line, currency) for line in lines}
    groups: OrderedDict[str, list[LineInput]] = OrderedDict()
    for line in lines:
        groups.setdefault(line.vat_group, []).append(line)
    line_results: dict[int, LineAmounts] = {}
    group_results = []
    for key, members in groups.items():
        first = members[0]
        total = sum((amounts[m.key][0] for m in members), ZERO)
        if prices_including_vat and not first.reverse_charge:
            vat = round_amount(total * first.vat_pct / (HUNDRED + first.vat_pct), currency)
            base = total - vat
        else:
            base = total
            vat = round_amount(base * first.vat_pct / HUNDRED, currency)
        weights = [amounts[m.key][0] for m in members]
        nets = split(base, weights, currency)
        vats = split(vat, weights, currency)
        for member, net, line_vat in zip(members, nets, vats):
            gross_or_net, discount = amounts[member.key]
            line_results[member.key] = LineAmounts(member.key, gross_or_net, discount, net, line_vat)
        group_results.append(VatGroupTotal(key, first.vat_pct, first.reverse_charge, base, vat))
    net = sum((g.base for g in group_results), ZERO)
    vat = sum((g.vat for g in group_results if not g.reverse_charge), ZERO)
    ordered = tuple(line_results[line.key] for line in lines)
    return DocumentAmounts(ordered, tuple(group_results), net, vat, net + vat)
