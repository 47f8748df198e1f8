"""Expected cost: receipts and shipments that are not invoiced yet (pure).

Business Central ("Design Details: Expected Cost Posting"): a purchase receipt
or sales shipment makes an item ledger entry whose value entry carries *Cost
Amount (Expected)* and no actual cost; the invoice later adds a value entry to
the *same* item ledger entry that reverses the expected cost and posts the
actual cost. Only when Inventory Setup's "Expected Cost Posting to G/L" is on
does the expected cost reach the general ledger, on interim accounts:
Inventory (Interim) against Invt. Accrual Acc. (Interim) for a receipt, and
against COGS Account (Interim) for a shipment; the invoice reverses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.ledger.rules.posting import GLLine, ItemPosting, PostingPlan, SetupTables, ValuePlan
from domain.money import ZERO
from domain.problems import Problem


@dataclass
class InterimSetup:
    """The interim accounts of General and Inventory Posting Setup."""

    #: (gen. bus, gen. prod) -> (COGS Account (Interim), Invt. Accrual Acc. (Interim))
    general: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)
    #: (location, inventory posting group) -> Inventory Account (Interim)
    inventory: dict[tuple[str, str], str | None] = field(default_factory=dict)


def expected_gl_lines(posting: ItemPosting, amount: Decimal, interim: InterimSetup,
                      setup: SetupTables, problems: list[Problem]) -> list[GLLine]:
    """Inventory (Interim) ``amount`` against the accrual (purchase) or COGS (sale) interim account.

    ``amount`` is the change of expected inventory value: positive for a receipt,
    negative for a shipment, the opposite when an invoice or undo reverses them.
    """
    if amount == ZERO:
        return []
    group = posting.inventory_posting_group or ""
    inventory = setup.account(interim.inventory.get((posting.location_code, group)), problems,
                              f"inventory_posting_setup[{posting.location_code or '(blank)'},{group}]"
                              ".inventory_account_interim")
    key = (posting.gen_bus_posting_group or "", posting.gen_prod_posting_group or "")
    cogs, accrual = interim.general.get(key, (None, None))
    name = "invt_accrual_account_interim" if posting.entry_type == "purchase" else "cogs_account_interim"
    balancing = setup.account(accrual if posting.entry_type == "purchase" else cogs, problems,
                              f"general_posting_setup[{key[0]},{key[1]}].{name}")
    if inventory is None or balancing is None:
        return []
    common = dict(description=posting.description, source_type="item", source_no=posting.item_no,
                  gen_bus_posting_group=posting.gen_bus_posting_group,
                  gen_prod_posting_group=posting.gen_prod_posting_group)
    return [GLLine(inventory, amount, **common), GLLine(balancing, -amount, **common)]


@dataclass(frozen=True)
class ReceiptLine:
    """One order line's received (negative: undone) quantity and its expected cost in LCY."""

    line_no: int
    item_no: str
    description: str
    location_code: str
    quantity: Decimal
    expected_cost: Decimal
    inventory_posting_group: str | None
    gen_prod_posting_group: str
    #: undo: the receipt's item ledger entry, applied fixed
    applies_to_entry: int | None = None
    #: item tracking: the serial/lot no. (and expiration date) of this portion of the line
    serial_no: str | None = None
    lot_no: str | None = None
    expiration_date: dt.date | None = None
    variant_code: str = ""


def plan_receipt(posting_date: dt.date, document_date: dt.date, vendor_invoice_no: str | None,
                 gen_bus: str, lines: list[ReceiptLine], expected_cost_posting: bool,
                 interim: InterimSetup, setup: SetupTables) -> PostingPlan | list[Problem]:
    """A purchase receipt (or its undo): item ledger entries with expected cost only."""
    problems: list[Problem] = []
    plan = PostingPlan("receipt", posting_date, document_date, vendor_invoice_no)
    for line in lines:
        value = ValuePlan("direct_cost", ZERO, cost_amount_expected=line.expected_cost,
                          invoiced_quantity=ZERO)
        posting = ItemPosting(line.line_no, line.item_no, "purchase", line.location_code, line.quantity,
                              [value], line.inventory_posting_group, gen_bus, line.gen_prod_posting_group,
                              line.description, applies_to_entry=line.applies_to_entry,
                              invoiced_quantity=ZERO, serial_no=line.serial_no, lot_no=line.lot_no,
                              expiration_date=line.expiration_date, variant_code=line.variant_code)
        if line.applies_to_entry is not None:
            posting.applications = [(line.applies_to_entry, -line.quantity)]
            posting.fixed_application = True
        plan.item_postings.append(posting)
        if expected_cost_posting:
            plan.gl_lines += expected_gl_lines(posting, line.expected_cost, interim, setup, problems)
    if problems:
        return problems
    return plan.assert_balanced()
