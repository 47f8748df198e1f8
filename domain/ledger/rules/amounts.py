"""Document line amounts and VAT, in the order EN 16931 prescribes.

Each line's net amount is rounded first (BR-CO-10 sums rounded line amounts),
lines are grouped per VAT identity (calculation type, rate: BR-S-08), VAT is
computed once per group and rounded. With prices including VAT the group's VAT
is taken out of the group's gross amount, and the group's net is spread back
over its lines with a largest-remainder split so that line nets add up to the
group exactly (what Business Central calls VAT rounding per document).

A prepayment line (BC "Prepayment Line": a prepayment invoice's, credit memo's or a final
invoice's deduction line) carries its amounts already decided (:class:`Fixed`: net and VAT in the
document currency and in LCY, as the order line's Prepmt. Amount Inv. / Prepmt. VAT Amount Inv.
(LCY) keep them): it joins its VAT group with exactly those amounts, and the group's VAT is
computed on its other lines only, so a deduction reverses the prepaid net and VAT to the cent
(BC Sales-Post / Purch.-Post: the deduction posts the prepayment's VAT and its LCY amounts).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

from domain.money import HUNDRED, ZERO, round_amount, round_unit_amount


@dataclass(frozen=True)
class Fixed:
    """A prepayment line's amounts, decided before the document is planned (signed as posted)."""

    net: Decimal
    vat: Decimal
    net_lcy: Decimal
    vat_lcy: Decimal

    def __neg__(self) -> Fixed:
        return Fixed(-self.net, -self.vat, -self.net_lcy, -self.vat_lcy)


@dataclass(frozen=True)
class LineInput:
    key: int  # the caller's line identity (line no.)
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    vat_group: str  # VAT identity: "<calc type>|<rate>|<setup key>"
    vat_pct: Decimal
    reverse_charge: bool = False
    #: a prepayment line: its amounts as given (quantity, price and discount only shown)
    fixed: Fixed | None = None


@dataclass(frozen=True)
class LineAmounts:
    key: int
    line_amount: Decimal  # before VAT split: gross when prices include VAT, else net
    discount_amount: Decimal
    net: Decimal
    vat: Decimal  # this line's share of its group's VAT
    fixed: Fixed | None = None

    def net_lcy(self, to_lcy) -> Decimal:
        """The line's net in LCY: a prepayment line's own, else ``to_lcy(net)``."""
        return self.fixed.net_lcy if self.fixed is not None else to_lcy(self.net)


@dataclass(frozen=True)
class VatGroupTotal:
    vat_group: str
    vat_pct: Decimal
    reverse_charge: bool
    base: Decimal
    vat: Decimal
    #: the part of ``base`` / ``vat`` that prepayment lines carry, and its LCY amounts
    fixed: Fixed = Fixed(ZERO, ZERO, ZERO, ZERO)

    def lcy(self, to_lcy) -> tuple[Decimal, Decimal]:
        """(base, VAT) in LCY: the computed part converted, the prepayment lines' part as it is."""
        f = self.fixed
        return to_lcy(self.base - f.net) + f.net_lcy, to_lcy(self.vat - f.vat) + f.vat_lcy


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
    amounts = {line.key: _line_amount(line, currency) for line in lines if line.fixed is None}
    for line in lines:
        if line.fixed is not None:  # shown in the document's price convention
            shown = line.fixed.net + (line.fixed.vat if prices_including_vat and not line.reverse_charge else ZERO)
            amounts[line.key] = (shown, ZERO)
    groups: OrderedDict[str, list[LineInput]] = OrderedDict()
    for line in lines:
        groups.setdefault(line.vat_group, []).append(line)
    line_results: dict[int, LineAmounts] = {}
    group_results = []
    for key, everyone in groups.items():
        first = everyone[0]
        members = [m for m in everyone if m.fixed is None]
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
        fixed = Fixed(ZERO, ZERO, ZERO, ZERO)
        for member in everyone:
            if (f := member.fixed) is not None:
                line_results[member.key] = LineAmounts(member.key, amounts[member.key][0], ZERO, f.net, f.vat, f)
                fixed = Fixed(fixed.net + f.net, fixed.vat + f.vat, fixed.net_lcy + f.net_lcy,
                              fixed.vat_lcy + f.vat_lcy)
        group_results.append(VatGroupTotal(key, first.vat_pct, first.reverse_charge, base + fixed.net,
                                           vat + fixed.vat, fixed))
    net = sum((g.base for g in group_results), ZERO)
    vat = sum((g.vat for g in group_results if not g.reverse_charge), ZERO)
    ordered = tuple(line_results[line.key] for line in lines)
    return DocumentAmounts(ordered, tuple(group_results), net, vat, net + vat)
