"""Item journal plans (pure): what one item journal line posts.

BC Item Journal: an inbound line (purchase, positive adjustment) enters at its unit
cost (a Standard item at standard cost, the difference a variance entry); an outbound
line (sale, negative adjustment, the sending half of a transfer) leaves at the cost
of what it is applied to, which the service resolved by the costing method before
planning; a transfer's receiving half takes the sending half's cost at the new
location. With Automatic Cost Posting each value entry posts to G/L at once through
BC's account matrix. The plan is complete when it is returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from domain.ledger.rules.posting import ItemPosting, PostingPlan, ValuePlan, inventory_gl_lines
from domain.money import ZERO, round_amount
from domain.problems import Problem, Rejected
from domain.setup.posting_setup import SetupTables


@dataclass(frozen=True)
class JournalItem:
    no: str
    description: str
    costing_method: str
    unit_cost: Decimal
    standard_cost: Decimal
    unit_price: Decimal
    inventory_posting_group: str
    gen_prod_posting_group: str


@dataclass(frozen=True)
class JournalLine:
    index: int
    item: JournalItem
    entry_type: str  # purchase | sale | positive_adjmt | negative_adjmt | transfer
    posting_date: dt.date
    location: str
    new_location: str | None
    quantity: Decimal  # positive
    quantity_signed: Decimal  # negative for outbound
    unit_cost: Decimal | None
    unit_price: Decimal | None
    applies_to_entry: int | None
    serial_no: str | None
    lot_no: str | None
    #: outbound only: (inbound entry no., quantity) and their cost, resolved by the service
    applications: tuple[tuple[int, Decimal], ...] = ()
    outbound_cost: Decimal = ZERO
    #: outbound only, Prevent Negative Inventory off: the quantity not on hand (stays open)
    open_quantity: Decimal = ZERO
    #: item tracking: the lot's (unit's) expiration date, on an inbound row
    expiration_date: dt.date | None = None


def plan_journal_line(line: JournalLine, setup: SetupTables, currency: str,
                      automatic_cost_posting: bool) -> PostingPlan | Rejected:
    item, qty = line.item, line.quantity
    posting = ItemPosting(line.index, item.no, line.entry_type, line.location, line.quantity_signed, [],
                          item.inventory_posting_group, "", item.gen_prod_posting_group, item.description,
                          applies_to_entry=line.applies_to_entry, serial_no=line.serial_no, lot_no=line.lot_no,
                          expiration_date=line.expiration_date if line.quantity_signed > ZERO else None)
    if line.quantity_signed > ZERO:
        default = item.standard_cost if item.costing_method == "standard" else item.unit_cost
        cost = round_amount(qty * (line.unit_cost if line.unit_cost is not None else default), currency)
        posting.values.append(ValuePlan("direct_cost", cost,
                                        purchase_amount=cost if line.entry_type == "purchase" else ZERO))
        if item.costing_method == "standard":
            standard = round_amount(qty * item.standard_cost, currency)
            if standard != cost:
                posting.values.append(ValuePlan("variance", standard - cost))
    else:
        cost = line.outbound_cost
        posting.applications = list(line.applications)
        posting.open_quantity = line.open_quantity
        posting.fixed_application = line.applies_to_entry is not None
        price = line.unit_price if line.unit_price is not None else item.unit_price
        sales = round_amount(qty * price, currency) if line.entry_type == "sale" else ZERO
        posting.values.append(ValuePlan("direct_cost", -cost, sales_amount=sales))
    postings = [posting]
    if line.entry_type == "transfer":  # the receiving half, at the sending half's cost
        postings.append(ItemPosting(line.index, item.no, line.entry_type, line.new_location, qty,
                                    [ValuePlan("direct_cost", cost)], item.inventory_posting_group, "",
                                    item.gen_prod_posting_group, item.description, applies_from_posting=0,
                                    serial_no=line.serial_no, lot_no=line.lot_no,
                                    expiration_date=line.expiration_date))
    plan = PostingPlan("item_journal", line.posting_date, line.posting_date, None, item_postings=postings)
    if automatic_cost_posting:
        problems: list[Problem] = []
        for one in postings:
            for value in one.values:
                plan.gl_lines += inventory_gl_lines(one, value, setup, problems)
        if problems:
            return Rejected(problems)
    return plan.assert_balanced()
