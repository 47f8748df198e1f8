"""Plan the posting of a purchase invoice or credit memo (pure).

Follows Business Central's purchase posting: the vendor ledger entry carries the
amount including VAT (negative for an invoice), each line posts its net amount
to the Purch. Account of General Posting Setup (item and charge lines) or to the
line's own G/L account, VAT posts per VAT group to the Purchase VAT Account
(reverse charge: also the Reverse Chrg. VAT Acc.), and every inventory item line
creates an item ledger entry with a direct-cost value entry; a Standard-cost
item adds a variance value entry so inventory carries the standard cost. An item line with
an Indirect Cost % or an item with an Overhead Rate adds an indirect-cost value entry
(Inventory / Overhead Applied; domain.costing.rules.indirect). With
Automatic Cost Posting the value entries post Inventory / Direct Cost Applied in
the same transaction. Service and non-inventory items post G/L only.

The plan is complete when it is returned: a credit memo line's applications to
open inbound entries and an invoice line's receipt part (the receipt's entry it
invoices and the expected cost it reverses) come in with the snapshot.
"""

from __future__ import annotations

from decimal import Decimal

from domain.costing.rules import indirect
from domain.ledger.rules import amounts as amt
from domain.ledger.rules.order_posting import InterimSetup, expected_gl_lines
from domain.ledger.rules.posting import (
    GLLine,
    ItemPosting,
    PostingPlan,
    SetupTables,
    ValuePlan,
    VatEntryPlan,
    VendorEntryPlan,
    inventory_gl_lines,
)
from domain.money import ZERO, percent_of, round_amount
from domain.problems import InvariantViolation, Problem, Rejected
from domain.purchasing.rules import non_deductible as nd
from domain.purchasing.rules import tracking
from domain.purchasing.rules.snapshot import (  # noqa: F401  (the planner's inputs, importable from here)
    HUNDRED,
    ChargeTarget,
    ItemSnap,
    LineSnap,
    PurchaseSnapshot,
    ReceiptPart,
    header_problems,
    line_problems,
    value_problems,
)


def _vat_key(s: PurchaseSnapshot, line: LineSnap) -> tuple[str, str]:
    return (s.vat_bus_posting_group, line.vat_prod_posting_group)


def plan_purchase(s: PurchaseSnapshot, setup: SetupTables,
                  interim: InterimSetup | None = None) -> PostingPlan | Rejected:
    """The complete posting of ``s``, or every reason it cannot be posted.

    ``interim``: the interim accounts, needed when lines invoice receipts with expected
    cost posting on."""
    receipt_problems = [p for line in s.lines for p in _receipt_problems(line)]
    problems = header_problems(s)
    lines = [line for line in s.lines if line.quantity != ZERO]
    for line in lines:
        problems += line_problems(line)
        if _vat_key(s, line) not in setup.vat:
            problems.append(Problem("SETUP-MISSING-VAT-POSTING-SETUP", f"lines[{line.line_no}]", {
                "vat_bus": s.vat_bus_posting_group, "vat_prod": line.vat_prod_posting_group}))
    if problems:
        return Rejected(receipt_problems + problems)
    inputs = [_line_input(s, line, setup) for line in lines]
    computed = amt.compute(inputs, s.prices_including_vat, s.currency_code)
    problems += _total_problems(s, computed)
    if computed.gross < ZERO:
        # BC: "The total amount for the invoice must be 0 or greater" (a credit memo refunds)
        return Rejected(receipt_problems + problems + [Problem("PURCH-NEGATIVE-TOTAL", "lines", {
            "total": str(computed.gross)})])
    plan = PostingPlan(s.document_type, s.posting_date, s.document_date, s.vendor_invoice_no,
                       amount=computed.net, amount_including_vat=computed.gross)
    sign = Decimal(1) if s.document_type == "invoice" else Decimal(-1)
    lcy_total = ZERO
    non_deductible = nd.per_line(computed, inputs, lambda group: setup.vat[
        (s.vat_bus_posting_group, group.split("|", 2)[2])].non_deductible_pct, s.currency_code)
    nd_of_group: dict[str, Decimal] = {}
    for line, result, given in zip(lines, computed.lines, inputs):
        plan.line_amounts[line.line_no] = (result.net, result.net + result.vat, given.vat_pct)
        net_lcy = result.net_lcy(lambda amount: _lcy(s, amount))
        lcy_total += net_lcy
        # the non-deductible VAT is part of the line's cost (BC Non-Deductible VAT)
        nd_lcy = _lcy(s, non_deductible.get(line.line_no, ZERO))
        nd_of_group[given.vat_group] = nd_of_group.get(given.vat_group, ZERO) + nd_lcy
        net_lcy += nd_lcy
        plan.gl_lines += _line_gl(s, line, sign * net_lcy, setup, problems)
        for posting in _item_postings(s, line, sign, net_lcy, _lcy(s, result.discount_amount)):
            plan.item_postings.append(posting)
            if s.automatic_cost_posting:
                for value in posting.values:
                    plan.gl_lines += inventory_gl_lines(posting, value, setup, problems)
    plan.gl_lines += _vat_gl_and_entries(s, computed, sign, setup, plan, problems, nd_of_group)
    lcy_total += sum((g.lcy(lambda amount: _lcy(s, amount))[1] for g in computed.groups if not g.reverse_charge),
                     ZERO)
    payables = setup.account(setup.payables.get(s.vendor_posting_group), problems,
                             f"vendor_posting_group[{s.vendor_posting_group}].payables_account")
    if problems or receipt_problems:
        return Rejected(receipt_problems + problems)
    plan.gl_lines.append(GLLine(payables, -sign * lcy_total, f"{s.vendor_no} {s.vendor_invoice_no}",
                                source_type="vendor", source_no=s.vendor_no))
    gross = computed.gross
    plan.vendor_entry = VendorEntryPlan(
        s.vendor_no, s.document_type, -sign * gross, -sign * lcy_total, s.due_date,
        s.pmt_discount_date, -sign * percent_of(gross, s.payment_discount_pct, s.currency_code),
        f"{s.document_type.replace('_', ' ')} {s.vendor_invoice_no}", s.payment_reference)
    plan.gl_lines += _expected_reversal(s, lines, plan, setup, interim, problems)
    if problems:
        return Rejected(problems)
    return plan.assert_balanced()


def _receipt_problems(line: LineSnap) -> list[Problem]:
    part, where = line.receipt, f"lines[{line.line_no}]"
    if part is None:
        return []
    if part.open_quantity is None or line.quantity > part.open_quantity:
        return [Problem("PURCH-INVOICE-MORE-THAN-RECEIVED", where, {
            "line_no": line.line_no, "qty": str(line.quantity),
            "received_not_invoiced": str(ZERO if part.open_quantity is None else part.open_quantity)})]
    if part.drop_shipment and (part.sales_invoiced is None
                               or part.sales_invoiced < part.order_invoiced + line.quantity):
        return [Problem("PURCH-DROP-SHIPMENT-SALES-NOT-INVOICED", where, {
            "line_no": line.line_no, "sales_order_no": part.sales_order_no})]
    return []


def _expected_reversal(s: PurchaseSnapshot, lines, plan: PostingPlan, setup: SetupTables,
                       interim: InterimSetup | None, problems: list[Problem]) -> list[GLLine]:
    """With expected cost posting: the interim accounts of the invoiced receipt parts, reversed."""
    if not s.expected_cost_posting:
        return []
    receipts = {line.line_no: line.receipt for line in lines if _invoices_receipt_entry(line)}
    gl: list[GLLine] = []
    for posting in plan.item_postings:
        part = receipts.get(posting.line_no)
        if part is None:
            continue
        if interim is None:
            raise InvariantViolation("planning an invoice of receipt lines needs the interim accounts")
        gl += expected_gl_lines(posting, -part.expected_cost, interim, setup, problems)
    return gl


def _invoices_receipt_entry(line: LineSnap) -> bool:
    return line.type == "item" and line.receipt is not None and line.receipt.entry_no is not None


def _lcy(s: PurchaseSnapshot, amount: Decimal) -> Decimal:
    if s.currency_code == s.lcy_code:
        return amount
    return round_amount(amount * s.exchange_rate, s.lcy_code)


def _line_input(s: PurchaseSnapshot, line: LineSnap, setup: SetupTables) -> amt.LineInput:
    vat = setup.vat[_vat_key(s, line)]
    reverse = vat.calculation_type == "reverse_charge"
    return amt.LineInput(line.line_no, line.quantity, line.direct_unit_cost, line.line_discount_pct,
                         f"{vat.calculation_type}|{vat.vat_pct}|{line.vat_prod_posting_group}",
                         vat.vat_pct, reverse, line.fixed)


def _line_gl(s, line: LineSnap, amount: Decimal, setup: SetupTables, problems) -> list[GLLine]:
    if line.type == "gl_account":
        account = setup.direct_account(line.no, problems, f"lines[{line.line_no}].no")
    else:
        general = setup.general.get((s.gen_bus_posting_group, line.gen_prod_posting_group))
        if general is None:
            problems.append(Problem("SETUP-MISSING-GENERAL-POSTING-SETUP", f"lines[{line.line_no}]", {
                "gen_bus": s.gen_bus_posting_group, "gen_prod": line.gen_prod_posting_group}))
            return []
        account = setup.account(general.purch_account, problems, f"general_posting_setup["
                                f"{s.gen_bus_posting_group},{line.gen_prod_posting_group}].purch_account")
    if account is None:
        return []
    return [GLLine(account, amount, line.description, "purchase", s.gen_bus_posting_group,
                   line.gen_prod_posting_group, s.vat_bus_posting_group, line.vat_prod_posting_group,
                   source_type="vendor", source_no=s.vendor_no)]


def _charge_postings(s, line: LineSnap, sign: Decimal, net_lcy: Decimal) -> list[ItemPosting]:
    """An item charge adds cost to the entries it is assigned to, split by weight so
    the parts are rounded and add up to the charge exactly; no new quantity."""
    targets = line.charge_targets or ((line.charge_target, Decimal(1)),)
    parts = amt.split(net_lcy, [weight for _, weight in targets], s.lcy_code)
    return [ItemPosting(line.line_no, t.item_no, t.entry_type, t.location_code, ZERO,
                        _charge_values(line, t, sign * part), t.inventory_posting_group,
                        s.gen_bus_posting_group, t.gen_prod_posting_group, line.description,
                        target_entry_no=t.entry_no)
            for (t, _), part in zip(targets, parts)]


def _charge_values(line: LineSnap, t, amount: Decimal) -> list[ValuePlan]:
    """The charge's direct cost on the target entry, valued at the entry's valuation date (BC);
    on an inbound entry of a Standard item the same amount back as purchase variance, so the
    entry stays at standard cost ("Design Details: Variance")."""
    values = [ValuePlan("direct_cost", amount, item_charge_no=line.no, valued_quantity=t.quantity,
                        invoiced_quantity=ZERO, valuation_date=t.valuation_date)]
    if t.costing_method == "standard" and t.quantity > ZERO:
        values.append(ValuePlan("variance", -amount, item_charge_no=line.no, valued_quantity=t.quantity,
                                invoiced_quantity=ZERO, valuation_date=t.valuation_date))
    return values


def _item_postings(s, line: LineSnap, sign: Decimal, net_lcy: Decimal, discount_lcy: Decimal):
    if line.type == "charge_item" and (line.charge_target is not None or line.charge_targets):
        return _charge_postings(s, line, sign, net_lcy)
    if line.type != "item" or line.item is None or line.item.type != "inventory":
        return []
    quantity = sign * line.quantity * line.qty_per_unit
    # invoicing a receipt: the values go onto the receipt's entry, valued at the invoiced
    # quantity, and the direct cost reverses the expected cost of that part
    part = line.receipt if _invoices_receipt_entry(line) else None
    valued = quantity if part is not None else None
    values = [ValuePlan("direct_cost", sign * net_lcy, purchase_amount=sign * net_lcy,
                        discount_amount=sign * discount_lcy, valued_quantity=valued,
                        cost_amount_expected=-part.expected_cost if part is not None else ZERO,
                        expected_posted=part is not None and s.expected_cost_posting,
                        invoiced_quantity=quantity if part is not None else None)]
    # BC CalcOvhdCost: the indirect share (Indirect Cost % of the direct cost + Overhead Rate per unit)
    overhead = indirect.indirect_cost(net_lcy, line.quantity * line.qty_per_unit, line.indirect_cost_pct,
                                      line.item.overhead_rate, s.lcy_code)
    if overhead:
        values.append(ValuePlan("indirect_cost", sign * overhead, valued_quantity=valued))
    if line.item.costing_method == "standard" and part is not None:
        # the receipt was valued at standard (its expected cost, revalued or not): the variance
        # takes the entry from the invoiced amount back to it
        values.append(ValuePlan("variance", part.expected_cost - sign * (net_lcy + overhead),
                                valued_quantity=valued))
    elif line.item.costing_method == "standard":
        standard = round_amount(line.item.standard_cost * line.quantity * line.qty_per_unit, s.lcy_code)
        values.append(ValuePlan("variance", sign * (standard - net_lcy - overhead), valued_quantity=valued))
    posting = ItemPosting(line.line_no, line.no, "purchase", line.location_code, quantity,
                          values, line.item.inventory_posting_group, s.gen_bus_posting_group,
                          line.gen_prod_posting_group, line.description,
                          applies_to_entry=line.applies_to_item_entry,
                          target_entry_no=part.entry_no if part is not None else None,
                          applications=list(line.applications),
                          fixed_application=line.applies_to_item_entry is not None,
                          variant_code=line.variant_code)
    if line.tracking and part is None:  # one entry per serial/lot portion, each with its share
        return tracking.split_posting(posting, list(line.tracking), s.lcy_code)
    return [posting]


def _vat_gl_and_entries(s, computed, sign, setup: SetupTables, plan: PostingPlan, problems, nd_of_group):
    gl = []
    for group in computed.groups:
        prod = group.vat_group.split("|", 2)[2]
        vat = setup.vat[(s.vat_bus_posting_group, prod)]
        base_lcy, vat_lcy = group.lcy(lambda amount: _lcy(s, amount))
        base, amount = sign * base_lcy, sign * vat_lcy
        not_deducted = sign * nd_of_group.get(group.vat_group, ZERO)  # in the lines' cost instead
        plan.vat_entries.append(VatEntryPlan("purchase", s.vat_bus_posting_group, prod,
                                             vat.calculation_type, vat.vat_pct, base, amount - not_deducted,
                                             vat.tax_code, not_deducted))
        if amount == ZERO:
            continue
        where = f"vat_posting_setup[{s.vat_bus_posting_group},{prod}]"
        account = setup.account(vat.purchase_vat_account, problems, where + ".purchase_vat_account")
        if account and amount != not_deducted:
            gl.append(GLLine(account, amount - not_deducted, "VAT", "purchase",
                             vat_bus_posting_group=s.vat_bus_posting_group,
                             vat_prod_posting_group=prod, source_type="vendor", source_no=s.vendor_no))
        if vat.calculation_type == "reverse_charge":
            rc = setup.account(vat.reverse_chrg_vat_account, problems, where + ".reverse_chrg_vat_account")
            if rc:
                gl.append(GLLine(rc, -amount, "Reverse charge VAT", "purchase",
                                 vat_bus_posting_group=s.vat_bus_posting_group,
                                 vat_prod_posting_group=prod, source_type="vendor", source_no=s.vendor_no))
    return gl


def _total_problems(s: PurchaseSnapshot, computed: amt.DocumentAmounts) -> list[Problem]:
    problems = []
    if s.vendor_vat_amount is not None and abs(s.vendor_vat_amount - computed.vat) > s.vat_tolerance:
        problems.append(Problem("PURCH-VAT-MISMATCH", "vat_amount", {
            "printed": str(s.vendor_vat_amount), "computed": str(computed.vat)}))
    if s.vendor_amount_incl_vat is not None and \
            abs(s.vendor_amount_incl_vat - computed.gross) > s.vat_tolerance:
        problems.append(Problem("PURCH-TOTAL-MISMATCH", "amount_including_vat", {
            "printed": str(s.vendor_amount_incl_vat), "computed": str(computed.gross)}))
    return problems
