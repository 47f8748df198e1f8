"""What the purchase planner reads (plain, frozen snapshots of a draft and its lines) and
the checks of their values that import, edit and the planner share (BC: quantity not
negative, an item or charge line's cost not negative, a line discount within 0-100 %)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.ledger.rules.amounts import Fixed
from domain.ledger.rules.posting import posting_date_problem
from domain.money import ZERO
from domain.problems import Problem


@dataclass(frozen=True)
class ItemSnap:
    no: str
    type: str
    blocked: bool
    costing_method: str
    standard_cost: Decimal
    inventory_posting_group: str | None
    #: BC Overhead Rate (per unit; the line's Indirect Cost % is on the line)
    overhead_rate: Decimal = ZERO


@dataclass(frozen=True)
class ChargeTarget:
    entry_no: int
    item_no: str
    entry_type: str
    location_code: str
    quantity: Decimal
    inventory_posting_group: str | None
    gen_prod_posting_group: str | None
    #: the item's costing method: a charge on a Standard item's inbound entry is a variance
    costing_method: str = ""
    #: the valuation date of the entry: the charge's value entry takes it (BC)
    valuation_date: dt.date | None = None


@dataclass(frozen=True)
class ReceiptPart:
    """The posted receipt line (a credit memo: return shipment line) an invoice line invoices.

    BC "Design Details: Expected Cost Posting": the invoice does not receive again; it
    adds a value entry to the receipt's own item ledger entry that reverses the expected
    cost of the part it invoices and posts the actual cost. A drop-shipment receipt line
    may be invoiced only once its sales order line is invoiced at least as far.
    """

    #: the receipt line's item ledger entry (None: not an inventory item)
    entry_no: int | None
    #: received and not invoiced yet (shipped back and not credited), positive; None: no such line
    open_quantity: Decimal | None
    #: expected cost of the quantity invoiced now, as carried by the entry
    expected_cost: Decimal = ZERO
    drop_shipment: bool = False
    #: drop shipment: quantity invoiced on the linked sales line (None: there is none)
    sales_invoiced: Decimal | None = None
    #: drop shipment: quantity already invoiced on the purchase order line
    order_invoiced: Decimal = ZERO
    sales_order_no: str | None = None


@dataclass(frozen=True)
class LineSnap:
    line_no: int
    type: str
    no: str
    description: str
    quantity: Decimal
    direct_unit_cost: Decimal
    line_discount_pct: Decimal
    gen_prod_posting_group: str
    vat_prod_posting_group: str
    location_code: str
    applies_to_item_entry: int | None = None
    assign_to_entry: int | None = None
    item: ItemSnap | None = None
    charge_target: ChargeTarget | None = None
    #: several receipt entries sharing one charge, each with its weight (BC Item
    #: Charge Assignment: "Equally" weighs 1 each, "By Amount" the entry's cost)
    charge_targets: tuple[tuple[ChargeTarget, Decimal], ...] = ()
    gl_account_known: bool = True
    #: a credit memo item line is outbound: (open inbound entry no., quantity drawn)
    applications: tuple[tuple[int, Decimal], ...] = ()
    #: the posted receipt line this line invoices
    receipt: ReceiptPart | None = None
    #: BC Indirect Cost % of an item line (domain.costing.rules.indirect)
    indirect_cost_pct: Decimal = ZERO
    #: item tracking: one item ledger entry per portion (domain.purchasing.rules.tracking)
    tracking: tuple = ()
    #: base units per unit of the line (BC Qty. per Unit of Measure): the entry's quantity is
    #: ``quantity`` times this; the amount stays quantity x unit cost of the line's unit
    qty_per_unit: Decimal = Decimal(1)
    variant_code: str = ""
    #: a prepayment line (prepayment invoice, credit memo, deduction): its amounts as decided
    fixed: Fixed | None = None


@dataclass(frozen=True)
class PurchaseSnapshot:
    document_type: str  # invoice | credit_memo
    no: str
    vendor_no: str
    vendor_blocked: str
    vendor_invoice_no: str
    posting_date: dt.date
    document_date: dt.date
    due_date: dt.date
    pmt_discount_date: dt.date | None
    payment_discount_pct: Decimal
    currency_code: str
    lcy_code: str
    exchange_rate: Decimal
    prices_including_vat: bool
    gen_bus_posting_group: str
    vat_bus_posting_group: str
    vendor_posting_group: str
    payment_reference: str | None
    allowed_from: dt.date | None
    allowed_to: dt.date | None
    automatic_cost_posting: bool
    vat_tolerance: Decimal
    vendor_vat_amount: Decimal | None = None
    vendor_amount_incl_vat: Decimal | None = None
    duplicate_of: str | None = None
    lines: tuple[LineSnap, ...] = field(default_factory=tuple)
    #: Inventory Setup "Expected Cost Posting to G/L": invoicing a receipt reverses the interim accounts
    expected_cost_posting: bool = False


def header_problems(s: PurchaseSnapshot) -> list[Problem]:
    problems = []
    if not s.vendor_invoice_no.strip():
        code = "PURCH-VENDOR-CR-MEMO-NO-MISSING" if s.document_type == "credit_memo" else \
            "PURCH-VENDOR-INVOICE-NO-MISSING"
        problems.append(Problem(code, "vendor_invoice_no"))
    if s.duplicate_of:
        problems.append(Problem("AP-DUPLICATE-VENDOR-INVOICE", "vendor_invoice_no",
                                {"vendor_no": s.vendor_no, "vendor_invoice_no": s.vendor_invoice_no,
                                 "existing": s.duplicate_of}))
    if s.vendor_blocked == "all":
        problems.append(Problem("PURCH-VENDOR-BLOCKED", "vendor_no", {"vendor_no": s.vendor_no}))
    date_problem = posting_date_problem(s.posting_date, s.allowed_from, s.allowed_to)
    if date_problem:
        problems.append(date_problem)
    if s.currency_code != s.lcy_code and s.exchange_rate <= ZERO:
        problems.append(Problem("PURCH-EXCHANGE-RATE-MISSING", "currency", {"currency": s.currency_code}))
    if not any(line.quantity for line in s.lines):
        problems.append(Problem("PURCH-NOTHING-TO-POST", "lines"))
    return problems


HUNDRED = Decimal(100)


def value_problems(line_no: int, quantity: Decimal | None, unit_cost: Decimal | None,
                   discount_pct: Decimal | None, at_import: bool = False,
                   line_type: str = "item", indirect_pct: Decimal | None = None) -> list[Problem]:
    """A line's numbers as Business Central allows them: quantity not negative (at import
    not zero either), an item or charge line's direct unit cost not negative (a credit
    memo is the document for money back; a G/L line may carry an allowance or rounding,
    e-invoices have them, and the document total is checked at posting) and a line
    discount between 0 and 100 %; an indirect cost % only on an item line (BC: a charge or an
    account carries no overhead) and not negative. Checked at import, at edit and again by the
    planner."""
    where = f"lines[{line_no}]"
    problems = []
    if quantity is not None and quantity < ZERO:
        problems.append(Problem("PURCH-NEGATIVE-QUANTITY", where, {"line_no": line_no}))
    elif at_import and quantity is not None and quantity == ZERO:
        problems.append(Problem("PURCH-ZERO-QUANTITY", where + ".quantity", {"line_no": line_no}))
    if unit_cost is not None and unit_cost < ZERO and line_type != "gl_account":
        problems.append(Problem("PURCH-NEGATIVE-UNIT-COST", where + ".direct_unit_cost",
                                {"line_no": line_no, "cost": str(unit_cost)}))
    if discount_pct is not None and not ZERO <= discount_pct <= HUNDRED:
        problems.append(Problem("PURCH-LINE-DISCOUNT-OUT-OF-RANGE", where + ".line_discount_pct",
                                {"line_no": line_no, "pct": str(discount_pct)}))
    if indirect_pct is not None and indirect_pct < ZERO:
        problems.append(Problem("PURCH-NEGATIVE-INDIRECT-COST", where + ".indirect_cost_pct",
                                {"line_no": line_no, "pct": str(indirect_pct)}))
    elif indirect_pct and line_type != "item":
        problems.append(Problem("PURCH-INDIRECT-COST-NOT-ITEM", where + ".indirect_cost_pct",
                                {"line_no": line_no, "type": line_type}))
    return problems


def line_problems(line: LineSnap) -> list[Problem]:
    where = f"lines[{line.line_no}]"
    problems = value_problems(line.line_no, line.quantity, line.direct_unit_cost, line.line_discount_pct,
                              line_type=line.type, indirect_pct=line.indirect_cost_pct)
    if line.type == "item":
        if line.item is None:
            problems.append(Problem("PURCH-UNKNOWN-ITEM", where, {"item_no": line.no}))
        elif line.item.blocked:
            problems.append(Problem("PURCH-ITEM-BLOCKED", where, {"item_no": line.no}))
    elif line.type == "charge_item":
        if line.charge_target is None and not line.charge_targets:
            problems.append(Problem("PURCH-CHARGE-NOT-ASSIGNED", where,
                                    {"charge": line.no, "assign_to_entry": line.assign_to_entry}))
    elif line.type == "gl_account":
        if not line.gl_account_known:
            problems.append(Problem("SETUP-UNKNOWN-ACCOUNT", where, {"account": line.no}))
    else:
        problems.append(Problem("PURCH-UNKNOWN-LINE-TYPE", where, {"type": line.type}))
    return problems
