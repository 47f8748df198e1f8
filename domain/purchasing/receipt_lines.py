"""What the receipt of part of a purchase order line posts: its item ledger line at expected cost.

BC "Design Details: Expected Cost Posting": a receipt's entry is expected at the line's net
amount in LCY (a Standard item: at standard cost). The quantity received is in the line's unit
of measure (BC Qty. to Receive), the entry's in the item's base unit (Qty. to Receive (Base),
:mod:`domain.inventory.units`); the line's direct unit cost is per its unit, so the expected
amount is the same either way and the cost per base unit follows (3 BOX of 12 at 120.00 =
36 PCS at 10.00). Moved out of :mod:`domain.purchasing.orders`, which posts the receipt.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.costing.rules import indirect
from domain.inventory import units
from domain.ledger.rules import amounts as amt
from domain.ledger.rules.order_posting import ReceiptLine
from domain.money import ZERO, round_amount
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup.model.cards import Item
from domain.setup.model.company import VATPostingSetup


def receipt_plan_line(session, header, line: PurchaseLine, qty, comp, no=None, portion=None) -> ReceiptLine | None:
    item = session.get(Item, line.no) if line.type == "item" else None
    if item is None or item.type != "inventory":
        return None
    # BC "Design Details: Expected Cost Posting": a Standard item is received at its standard
    # cost; the invoice posts the difference to the purchase price as variance. Any other item
    # is expected at its direct cost plus its indirect share (BC: Unit Cost (LCY) x quantity);
    # the line's quantity and cost are in its unit, the entry's quantity in the base unit
    base = units.line_base(session, line, qty)
    if item.costing_method == "standard":
        expected = round_amount(item.standard_cost * base, comp.currency)
    else:
        direct = expected_cost(session, header, line, qty, comp)
        expected = direct + indirect.indirect_cost(direct, base, line.indirect_cost_pct or ZERO,
                                                   item.overhead_rate, comp.currency)
    return ReceiptLine(no or line.line_no, item.no, line.description, line.location_code, base,
                       expected, item.inventory_posting_group, line.gen_prod_posting_group,
                       serial_no=portion and portion.serial_no, lot_no=portion and portion.lot_no,
                       expiration_date=portion and portion.expiration_date, variant_code=line.variant_code)


def expected_cost(session, header: PurchaseHeader, line: PurchaseLine, qty: Decimal, comp) -> Decimal:
    """Expected cost of ``qty``: the line's net amount in LCY (VAT taken out when prices include it)."""
    vat = session.scalar(select(VATPostingSetup).where(
        VATPostingSetup.vat_bus_posting_group == header.vat_bus_posting_group,
        VATPostingSetup.vat_prod_posting_group == line.vat_prod_posting_group))
    pct = vat.vat_pct if vat is not None else ZERO
    reverse = vat is not None and vat.calculation_type == "reverse_charge"
    net = amt.compute([amt.LineInput(line.line_no, qty, line.direct_unit_cost, line.line_discount_pct,
                                     "line", pct, reverse)], header.prices_including_vat, header.currency_code).net
    if header.currency_code != comp.currency:
        return round_amount(net * header.exchange_rate, comp.currency)
    return net
