"""Plan the posting of a sales shipment, invoice or credit memo (pure).

Business Central's sales posting ("Design Details: Accounts in the General
Ledger", "Expected Cost Posting"): the customer ledger entry carries the amount
including VAT (positive for an invoice), each line posts its net amount to the
Sales Account of General Posting Setup (or the line's own G/L account), VAT
posts per VAT group to the Sales VAT Account, and Receivables takes the total.
Inventory item lines make a *sale* item ledger entry: a shipment only with
expected cost (interim accounts when expected cost posting is on), an invoice
of shipped quantities adds a value entry to the shipment's own entry that
reverses the expected cost and posts the actual cost (COGS / Inventory), a
direct invoice makes a fully invoiced entry at once. A credit memo's return
entry is inbound and carries exactly the cost of the sale it reverses
(applies-from entry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.ledger.rules import amounts as amt
from domain.ledger.rules.order_posting import InterimSetup, expected_gl_lines
from domain.ledger.rules.posting import (
    CustomerEntryPlan,
    GLLine,
    ItemPosting,
    PostingPlan,
    SetupTables,
    ValuePlan,
    VatEntryPlan,
    inventory_gl_lines,
    posting_date_problem,
)
from domain.money import ZERO, percent_of, round_amount
from domain.problems import Problem, Rejected


@dataclass(frozen=True)
class ShippedPart:
    """Part of a shipment's item ledger entry that this invoice invoices."""

    entry_no: int
    quantity: Decimal  # positive, in the order line's unit
    expected_cost: Decimal  # positive: the expected cost of ``quantity``
    #: base units per unit of the line: the entry counts ``quantity`` times this
    qty_per_unit: Decimal = Decimal(1)


@dataclass(frozen=True)
class SnapPortion:
    """One serial/lot no. of a direct invoice (credit memo) line of several: its own item ledger
    entry, with its quantity (base units, positive), cost (positive), the inbound entries it is
    applied to (outbound) and the expiration date the entry carries."""

    serial_no: str | None
    lot_no: str | None
    quantity: Decimal
    cost: Decimal
    applications: tuple[tuple[int, Decimal], ...] = ()
    expiration_date: dt.date | None = None


@dataclass(frozen=True)
class SalesLineSnap:
    line_no: int
    type: str  # item | gl_account
    no: str
    description: str
    quantity: Decimal  # quantity invoiced (or shipped) now, positive
    unit_price: Decimal
    line_discount_pct: Decimal
    gen_prod_posting_group: str
    vat_prod_posting_group: str
    location_code: str
    inventory: bool = False  # an inventory item: makes item ledger entries
    inventory_posting_group: str | None = None
    shipped: tuple[ShippedPart, ...] = ()
    #: a new item ledger entry (direct invoice, credit memo, shipment): its cost, positive
    cost: Decimal = ZERO
    applications: tuple[tuple[int, Decimal], ...] = ()
    applies_to_entry: int | None = None
    gl_account_known: bool = True
    #: the item card is blocked: nothing ships or invoices (BC checks at posting, not only on entry)
    item_blocked: bool = False
    #: item tracking: the serial/lot no. of the units this line sells (takes back)
    serial_no: str | None = None
    lot_no: str | None = None
    #: Prevent Negative Inventory off: the quantity not on hand, left open on the outbound entry
    open_quantity: Decimal = ZERO
    #: base units per unit of the line (BC Qty. per Unit of Measure): the item ledger counts
    #: ``quantity`` times this (a direct invoice, a shipment, a return receipt)
    qty_per_unit: Decimal = Decimal(1)
    variant_code: str = ""
    #: a prepayment line (prepayment invoice, credit memo, deduction): its amounts as decided
    fixed: amt.Fixed | None = None
    #: the lot's (unit's) expiration date, copied from the inbound entry the line is applied to
    expiration_date: dt.date | None = None
    #: a direct invoice (credit memo) line of several serial/lot nos.: one new entry per portion
    portions: tuple[SnapPortion, ...] = ()


@dataclass(frozen=True)
class SalesSnapshot:
    document_type: str  # invoice | credit_memo
    no: str
    customer_no: str
    customer_blocked: str
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
    receivables_account: str | None
    external_document_no: str
    payment_reference: str | None
    allowed_from: dt.date | None
    allowed_to: dt.date | None
    automatic_cost_posting: bool
    expected_cost_posting: bool
    lines: tuple[SalesLineSnap, ...] = field(default_factory=tuple)


@dataclass
class SalesPlan:
    plan: PostingPlan
    customer_entry: CustomerEntryPlan


def header_problems(s: SalesSnapshot, blocked_for: tuple[str, ...]) -> list[Problem]:
    problems = []
    if s.customer_blocked in blocked_for:
        problems.append(Problem("SALES-CUSTOMER-BLOCKED", "customer_no",
                                {"customer_no": s.customer_no, "blocked": s.customer_blocked}))
    date_problem = posting_date_problem(s.posting_date, s.allowed_from, s.allowed_to)
    if date_problem:
        problems.append(date_problem)
    if s.currency_code != s.lcy_code and s.exchange_rate <= ZERO:
        problems.append(Problem("SALES-EXCHANGE-RATE-MISSING", "currency", {"currency": s.currency_code}))
    if not any(line.quantity for line in s.lines):
        problems.append(Problem("SALES-NOTHING-TO-POST", "lines"))
    return problems


def _lcy(s: SalesSnapshot, amount: Decimal) -> Decimal:
    if s.currency_code == s.lcy_code:
        return amount
    return round_amount(amount * s.exchange_rate, s.lcy_code)


def plan_shipment(s: SalesSnapshot, setup: SetupTables, interim: InterimSetup) -> PostingPlan | Rejected:
    """Sale item ledger entries with expected cost only (nothing invoiced)."""
    problems = header_problems(s, ("ship", "all")) + [
        problem for line in s.lines if line.quantity != ZERO for problem in _blocked_item(line)]
    if problems:
        return Rejected(problems)
    plan = PostingPlan("shipment", s.posting_date, s.document_date, s.external_document_no or None)
    for line in s.lines:
        if not line.inventory or line.quantity == ZERO:
            continue
        value = ValuePlan("direct_cost", ZERO, cost_amount_expected=-line.cost, invoiced_quantity=ZERO)
        posting = _posting(s, line, -line.quantity * line.qty_per_unit, [value], invoiced_quantity=ZERO)
        plan.item_postings.append(posting)
        if s.expected_cost_posting:
            plan.gl_lines += expected_gl_lines(posting, -line.cost, interim, setup, problems)
    if problems:
        return Rejected(problems)
    return plan.assert_balanced()


def _posting(s: SalesSnapshot, line: SalesLineSnap, quantity: Decimal, values, **kw) -> ItemPosting:
    posting = ItemPosting(line.line_no, line.no, "sale", line.location_code, quantity, values,
                          line.inventory_posting_group, s.gen_bus_posting_group,
                          line.gen_prod_posting_group, line.description,
                          applies_to_entry=line.applies_to_entry, serial_no=line.serial_no,
                          lot_no=line.lot_no, variant_code=line.variant_code,
                          expiration_date=line.expiration_date, **kw)
    posting.applications = list(line.applications)
    posting.fixed_application = line.applies_to_entry is not None and quantity < ZERO
    if quantity < ZERO:
        posting.open_quantity = line.open_quantity
    return posting


def plan_sales(s: SalesSnapshot, setup: SetupTables, interim: InterimSetup) -> SalesPlan | Rejected:
    """The complete posting of an invoice or credit memo, or every reason it cannot be posted."""
    problems = header_problems(s, ("invoice", "all"))
    lines = [line for line in s.lines if line.quantity != ZERO]
    for line in lines:
        problems += _line_problems(s, line, setup)
    if problems:
        return Rejected(problems)
    inputs = [_line_input(s, line, setup) for line in lines]
    computed = amt.compute(inputs, s.prices_including_vat, s.currency_code)
    if computed.gross < ZERO:
        # BC: "The total amount for the invoice must be 0 or greater" (a credit memo refunds)
        return Rejected([Problem("SALES-NEGATIVE-TOTAL", "lines", {"total": str(computed.gross)})])
    plan = PostingPlan(s.document_type, s.posting_date, s.document_date, s.external_document_no or None,
                       amount=computed.net, amount_including_vat=computed.gross)
    sign = Decimal(1) if s.document_type == "invoice" else Decimal(-1)
    lcy_total = ZERO
    for line, result, given in zip(lines, computed.lines, inputs):
        plan.line_amounts[line.line_no] = (result.net, result.net + result.vat, given.vat_pct)
        net_lcy = result.net_lcy(lambda amount: _lcy(s, amount))
        lcy_total += net_lcy
        plan.gl_lines += _line_gl(s, line, -sign * net_lcy, setup, problems)
        if line.inventory:
            _item_postings(s, line, sign, net_lcy, plan, setup, interim, problems)
    plan.gl_lines += _vat(s, computed, sign, setup, plan, problems)
    lcy_total += sum((g.lcy(lambda amount: _lcy(s, amount))[1] for g in computed.groups if not g.reverse_charge),
                     ZERO)
    receivables = setup.account(s.receivables_account, problems, "customer_posting_group.receivables_account")
    if problems:
        return Rejected(problems)
    plan.gl_lines.append(GLLine(receivables, sign * lcy_total, f"{s.customer_no} {s.no}",
                                source_type="customer", source_no=s.customer_no))
    entry = CustomerEntryPlan(
        s.customer_no, s.document_type, sign * computed.gross, sign * lcy_total, s.due_date,
        s.pmt_discount_date, sign * percent_of(computed.gross, s.payment_discount_pct, s.currency_code),
        f"{s.document_type.replace('_', ' ')} {s.no}", s.payment_reference)
    return SalesPlan(plan.assert_balanced(), entry)


HUNDRED = Decimal(100)


def value_problems(line_no: int, quantity: Decimal | None, unit_price: Decimal | None,
                   discount_pct: Decimal | None, at_import: bool = False,
                   line_type: str = "item") -> list[Problem]:
    """A line's numbers as Business Central allows them: quantity not negative (at import
    not zero either), unit price not negative (a credit memo is the document for money
    back; a G/L line may carry an allowance, the total is checked at posting) and a line
    discount between 0 and 100 %; at import and in the planner."""
    where = f"lines[{line_no}]"
    problems = []
    if quantity is not None and quantity < ZERO:
        problems.append(Problem("SALES-NEGATIVE-QUANTITY", where + ".quantity", {"line_no": line_no}))
    elif at_import and quantity is not None and quantity == ZERO:
        problems.append(Problem("SALES-ZERO-QUANTITY", where + ".quantity", {"line_no": line_no}))
    if unit_price is not None and unit_price < ZERO and line_type != "gl_account":
        problems.append(Problem("SALES-NEGATIVE-UNIT-PRICE", where + ".unit_price",
                                {"line_no": line_no, "price": str(unit_price)}))
    if discount_pct is not None and not ZERO <= discount_pct <= HUNDRED:
        problems.append(Problem("SALES-LINE-DISCOUNT-OUT-OF-RANGE", where + ".line_discount_pct",
                                {"line_no": line_no, "pct": str(discount_pct)}))
    return problems


def _line_problems(s: SalesSnapshot, line: SalesLineSnap, setup: SetupTables) -> list[Problem]:
    where = f"lines[{line.line_no}]"
    problems = value_problems(line.line_no, line.quantity, line.unit_price, line.line_discount_pct,
                              line_type=line.type)
    problems += _blocked_item(line)
    if not line.gl_account_known:
        problems.append(Problem("SETUP-UNKNOWN-ACCOUNT", where, {"account": line.no}))
    if (s.vat_bus_posting_group, line.vat_prod_posting_group) not in setup.vat:
        problems.append(Problem("SETUP-MISSING-VAT-POSTING-SETUP", where, {
            "vat_bus": s.vat_bus_posting_group, "vat_prod": line.vat_prod_posting_group}))
    return problems


def _blocked_item(line: SalesLineSnap) -> list[Problem]:
    if line.item_blocked:
        return [Problem("SALES-ITEM-BLOCKED", f"lines[{line.line_no}]", {"item_no": line.no})]
    return []


def _line_input(s: SalesSnapshot, line: SalesLineSnap, setup: SetupTables) -> amt.LineInput:
    vat = setup.vat[(s.vat_bus_posting_group, line.vat_prod_posting_group)]
    return amt.LineInput(line.line_no, line.quantity, line.unit_price, line.line_discount_pct,
                         f"normal|{vat.vat_pct}|{line.vat_prod_posting_group}", vat.vat_pct, False, line.fixed)


def _line_gl(s: SalesSnapshot, line: SalesLineSnap, amount: Decimal, setup: SetupTables, problems):
    if line.type == "gl_account":
        account = setup.direct_account(line.no, problems, f"lines[{line.line_no}].no")
    else:
        key = (s.gen_bus_posting_group, line.gen_prod_posting_group)
        general = setup.general.get(key)
        if general is None:
            problems.append(Problem("SETUP-MISSING-GENERAL-POSTING-SETUP", f"lines[{line.line_no}]",
                                    {"gen_bus": key[0], "gen_prod": key[1]}))
            return []
        account = setup.account(general.sales_account, problems,
                                f"general_posting_setup[{key[0]},{key[1]}].sales_account")
    if account is None:
        return []
    return [GLLine(account, amount, line.description, "sale", s.gen_bus_posting_group,
                   line.gen_prod_posting_group, s.vat_bus_posting_group, line.vat_prod_posting_group,
                   source_type="customer", source_no=s.customer_no)]


def _item_postings(s, line: SalesLineSnap, sign, net_lcy, plan: PostingPlan, setup, interim, problems):
    """Invoice shipped parts on their own entries; the rest (direct invoice, return) as a new entry.

    A credit memo of a return order credits its return receipt parts the same way (``sign`` -1).
    """
    shipped_qty = sum((part.quantity for part in line.shipped), ZERO)
    remaining_sales = net_lcy
    for index, part in enumerate(line.shipped):
        last = index == len(line.shipped) - 1 and shipped_qty == line.quantity
        sales = remaining_sales if last else round_amount(net_lcy * part.quantity / line.quantity, s.lcy_code)
        remaining_sales -= sales
        base = part.quantity * part.qty_per_unit  # the entry counts in the base unit
        value = ValuePlan("direct_cost", -part.expected_cost, sales_amount=sign * sales,
                          cost_amount_expected=part.expected_cost, invoiced_quantity=-sign * base,
                          valued_quantity=-sign * base,
                          expected_posted=s.expected_cost_posting and part.expected_cost != ZERO)
        posting = _posting(s, line, -sign * base, [value])
        posting.target_entry_no = part.entry_no
        plan.item_postings.append(posting)
        _cost_gl(s, posting, value, plan, setup, interim, problems, part.expected_cost)
    rest = line.quantity - shipped_qty
    if rest == ZERO:
        return
    if line.portions:
        _portion_postings(s, line, sign, remaining_sales, plan, setup, interim, problems)
        return
    value = ValuePlan("direct_cost", -sign * line.cost, sales_amount=sign * remaining_sales)
    posting = _posting(s, line, -sign * rest * line.qty_per_unit, [value])
    plan.item_postings.append(posting)
    _cost_gl(s, posting, value, plan, setup, interim, problems, ZERO)


def _portion_postings(s, line: SalesLineSnap, sign, sales: Decimal, plan: PostingPlan, setup, interim,
                      problems) -> None:
    """A line of several serial/lot nos.: one entry per portion, each with its own cost and its
    share of the line's sales amount (the shares add up to the line's exactly)."""
    shares = amt.split(sales, [p.quantity for p in line.portions], s.lcy_code)
    for portion, share in zip(line.portions, shares):
        value = ValuePlan("direct_cost", -sign * portion.cost, sales_amount=sign * share)
        posting = _posting(s, line, -sign * portion.quantity, [value])
        posting.serial_no, posting.lot_no = portion.serial_no, portion.lot_no
        posting.expiration_date = portion.expiration_date
        posting.applications = list(portion.applications)
        posting.open_quantity = ZERO
        plan.item_postings.append(posting)
        _cost_gl(s, posting, value, plan, setup, interim, problems, ZERO)


def _cost_gl(s, posting, value, plan, setup, interim, problems, reversed_expected: Decimal) -> None:
    if s.automatic_cost_posting:
        plan.gl_lines += inventory_gl_lines(posting, value, setup, problems)
    if s.expected_cost_posting and reversed_expected:
        plan.gl_lines += expected_gl_lines(posting, reversed_expected, interim, setup, problems)


def _vat(s: SalesSnapshot, computed, sign, setup: SetupTables, plan: PostingPlan, problems) -> list[GLLine]:
    gl = []
    for group in computed.groups:
        prod = group.vat_group.split("|", 2)[2]
        vat = setup.vat[(s.vat_bus_posting_group, prod)]
        base_lcy, vat_lcy = group.lcy(lambda amount: _lcy(s, amount))
        base, amount = -sign * base_lcy, -sign * vat_lcy
        plan.vat_entries.append(VatEntryPlan("sale", s.vat_bus_posting_group, prod, vat.calculation_type,
                                             vat.vat_pct, base, amount, vat.tax_code))
        if amount == ZERO:
            continue
        account = setup.account(vat.sales_vat_account, problems,
                                f"vat_posting_setup[{s.vat_bus_posting_group},{prod}].sales_vat_account")
        if account:
            gl.append(GLLine(account, amount, "VAT", "sale", vat_bus_posting_group=s.vat_bus_posting_group,
                             vat_prod_posting_group=prod, source_type="customer", source_no=s.customer_no))
    return gl
