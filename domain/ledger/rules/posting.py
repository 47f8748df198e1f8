"""Posting plans: what a posting will write, computed before anything is written.

A plan is plain data: G/L lines, at most one vendor (or customer) ledger entry,
VAT entries and item postings. ``PostingPlan.assert_balanced`` is the last thing
a planner does: a plan whose G/L lines do not sum to exactly zero is a broken
invariant, never a business rejection.

The account matrix is Business Central's ("Design Details: Accounts in the
General Ledger"): the inventory side of every value entry posts Inventory
against Direct Cost Applied (purchase), COGS (sale), Inventory Adjustment
(positive/negative adjustment, revaluation, rounding), Overhead Applied
(indirect cost) or Purchase Variance (variance).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.money import ZERO
from domain.problems import InvariantViolation, Problem
from domain.setup.posting_setup import (  # noqa: F401  (plan inputs, re-exported for planners)
    AccountInfo,
    GeneralSetup,
    SetupTables,
    VatSetup,
    posting_date_problem,
)


@dataclass
class GLLine:
    account_no: str
    amount: Decimal
    description: str = ""
    gen_posting_type: str = ""
    gen_bus_posting_group: str | None = None
    gen_prod_posting_group: str | None = None
    vat_bus_posting_group: str | None = None
    vat_prod_posting_group: str | None = None
    vat_amount: Decimal = ZERO
    source_type: str = ""
    source_no: str | None = None


@dataclass
class VendorEntryPlan:
    vendor_no: str
    document_type: str
    amount: Decimal
    amount_lcy: Decimal
    due_date: dt.date
    pmt_discount_date: dt.date | None
    discount_possible: Decimal
    description: str
    payment_reference: str | None


@dataclass
class CustomerEntryPlan:
    customer_no: str
    document_type: str
    amount: Decimal
    amount_lcy: Decimal
    due_date: dt.date
    pmt_discount_date: dt.date | None
    discount_possible: Decimal
    description: str
    payment_reference: str | None


@dataclass
class VatEntryPlan:
    type: str
    vat_bus_posting_group: str
    vat_prod_posting_group: str
    calculation_type: str
    vat_pct: Decimal
    base: Decimal
    amount: Decimal
    tax_code: str | None
    #: BC Non-Deductible VAT Amount (not in ``amount``: that is what may be deducted)
    non_deductible_amount: Decimal = ZERO


@dataclass
class ValuePlan:
    """One value entry: ``entry_type`` direct_cost, variance, ... with LCY cost."""

    entry_type: str
    cost_amount: Decimal  # actual cost (LCY)
    purchase_amount: Decimal = ZERO
    sales_amount: Decimal = ZERO
    discount_amount: Decimal = ZERO
    item_charge_no: str | None = None
    #: expected cost (receipt/shipment not yet invoiced), BC "Cost Amount (Expected)"
    cost_amount_expected: Decimal = ZERO
    #: None = the posting date (BC sets later valuation dates for some entries)
    valuation_date: dt.date | None = None
    #: written by cost adjustment
    adjustment: bool = False
    #: None = valued quantity for direct cost, 0 otherwise; a receipt sets 0
    invoiced_quantity: Decimal | None = None
    #: None = the item posting's quantity (item charges/revaluation value other entries)
    valued_quantity: Decimal | None = None
    #: the plan itself carries the interim G/L lines of ``cost_amount_expected`` (an invoice
    #: reversing a receipt's or shipment's expected cost): written as already posted to G/L
    expected_posted: bool = False


@dataclass
class ItemPosting:
    line_no: int
    item_no: str
    entry_type: str  # purchase | sale | positive_adjmt | negative_adjmt | transfer
    location_code: str
    quantity: Decimal  # signed: inbound positive
    values: list[ValuePlan]
    inventory_posting_group: str | None
    gen_bus_posting_group: str | None
    gen_prod_posting_group: str | None
    description: str = ""
    applies_to_entry: int | None = None
    #: item charge: add the values to this existing entry instead of a new one
    target_entry_no: int | None = None
    serial_no: str | None = None
    lot_no: str | None = None
    #: outbound only: (inbound entry no., quantity drawn), from rules.costing
    applications: list[tuple[int, Decimal]] = field(default_factory=list)
    fixed_application: bool = False
    #: None = fully invoiced at posting (invoices, journals); receipts/shipments set 0
    invoiced_quantity: Decimal | None = None
    drop_shipment: bool = False
    #: inbound only: index in the plan's item postings of the outbound posting whose cost this
    #: entry takes (the receiving half of a transfer); written as its ``applies_to_entry``
    applies_from_posting: int | None = None
    #: outbound only, Prevent Negative Inventory off: the quantity not applied (more out than on
    #: hand); the entry stays open until an inbound entry closes it
    open_quantity: Decimal = ZERO
    #: item tracking: the lot's (unit's) expiration date, written on the item ledger entry
    expiration_date: dt.date | None = None
    #: BC Variant Code of the entry ("" = none)
    variant_code: str = ""


@dataclass
class PostingPlan:
    document_type: str
    posting_date: dt.date
    document_date: dt.date
    external_document_no: str | None
    gl_lines: list[GLLine] = field(default_factory=list)
    vendor_entry: VendorEntryPlan | None = None
    vat_entries: list[VatEntryPlan] = field(default_factory=list)
    item_postings: list[ItemPosting] = field(default_factory=list)
    amount: Decimal = ZERO
    amount_including_vat: Decimal = ZERO
    #: document line no. -> (net, amount including VAT, VAT %), in document currency
    line_amounts: dict[int, tuple[Decimal, Decimal, Decimal]] = field(default_factory=dict)

    def assert_balanced(self) -> PostingPlan:
        total = sum((line.amount for line in self.gl_lines), ZERO)
        if total != ZERO:
            raise InvariantViolation(f"unbalanced posting plan: G/L lines sum to {total}")
        return self


#: per value-entry type and item ledger entry type: the balancing account's
#: field in General Posting Setup (the other side is always Inventory)
_BALANCING = {
    ("direct_cost", "purchase"): "direct_cost_applied_account",
    ("direct_cost", "sale"): "cogs_account",
    ("direct_cost", "positive_adjmt"): "inventory_adjmt_account",
    ("direct_cost", "negative_adjmt"): "inventory_adjmt_account",
    ("direct_cost", "transfer"): "inventory_adjmt_account",
    # assembly (BC Assembly Order posting): consumption and output both against Inventory Adjmt.
    ("direct_cost", "assembly_consumption"): "inventory_adjmt_account",
    ("direct_cost", "assembly_output"): "inventory_adjmt_account",
    ("indirect_cost", "purchase"): "overhead_applied_account",
    ("variance", "purchase"): "purchase_variance_account",
    # a Standard item's positive adjustment or charge off standard: BC's Variance Type Purchase
    ("variance", "*"): "purchase_variance_account",
    ("revaluation", "*"): "inventory_adjmt_account",
    ("rounding", "*"): "inventory_adjmt_account",
}


def inventory_gl_lines(
    posting: ItemPosting, value: ValuePlan, setup: SetupTables, problems: list[Problem]
) -> list[GLLine]:
    """The two G/L lines that carry one value entry's cost to the ledger."""
    if value.cost_amount == ZERO:
        return []
    inventory = setup.inventory.get((posting.location_code, posting.inventory_posting_group or ""))
    inv_account = setup.account(
        inventory, problems, f"inventory_posting_setup[{posting.location_code or '(blank)'},"
        f"{posting.inventory_posting_group}].inventory_account",
    )
    key = (posting.gen_bus_posting_group or "", posting.gen_prod_posting_group or "")
    general = setup.general.get(key)
    field_name = _BALANCING.get((value.entry_type, posting.entry_type)) or _BALANCING.get(
        (value.entry_type, "*")
    )
    if general is None:
        problems.append(Problem("SETUP-MISSING-GENERAL-POSTING-SETUP", None,
                                {"gen_bus": key[0], "gen_prod": key[1]}))
        return []
    balancing = setup.account(
        getattr(general, field_name or "", None), problems,
        f"general_posting_setup[{key[0]},{key[1]}].{field_name}",
    )
    if inv_account is None or balancing is None:
        return []
    common = dict(source_type="item", source_no=posting.item_no, description=posting.description,
                  gen_bus_posting_group=posting.gen_bus_posting_group,
                  gen_prod_posting_group=posting.gen_prod_posting_group)
    return [
        GLLine(inv_account, value.cost_amount, **common),
        GLLine(balancing, -value.cost_amount, **common),
    ]
