"""Assembly rules (pure): what a BOM may hold, what an order posting takes and what it posts.

BC Assembly Management ("Assembly BOMs", "Assemble Items", "Design Details: Assembly
Order Posting"): an assembly BOM lists the components of a parent item with their
quantity per parent unit; no BOM may contain its own parent, directly or through a
component's BOM (BC refuses the circular reference). Posting an assembly order (assemble
to stock) consumes the components (item ledger entries of type Assembly Consumption,
applied to the component's stock by its costing method, valued at that stock's cost)
and outputs the parent (type Assembly Output) at the sum of the consumed cost plus the
cost of the resources the BOM uses (quantity x the resource's unit cost). A Standard
parent enters at its standard cost; the difference is a variance entry, as the item
journal posts it. G/L: each value entry against the Inventory Adjmt. account, so the
consumption and the output net to nothing there and the inventory account carries the
move; the resources' cost is debited to Inventory Adjmt. and credited to the Direct Cost
Applied account at once (BC's capacity posting), whatever the cost posting setting.
The plan is complete and balanced when it is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain.ledger.rules.posting import GLLine, ItemPosting, PostingPlan, ValuePlan, inventory_gl_lines
from domain.money import ZERO, round_amount, round_quantity
from domain.problems import Problem, Rejected
from domain.setup.posting_setup import SetupTables

CONSUMPTION = "assembly_consumption"
OUTPUT = "assembly_output"


def contains(bom: Mapping[str, list[str]], start: str, wanted: str) -> bool:
    """Whether item ``start`` is ``wanted`` or holds it in its BOM, at any depth
    (``bom``: parent -> its component item nos.)."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        no = stack.pop()
        if no == wanted:
            return True
        if no in seen:
            continue
        seen.add(no)
        stack += bom.get(no, [])
    return False


def component_problems(parent: str, component: str, component_type: str | None, quantity_per: Decimal | None,
                       bom: Mapping[str, list[str]]) -> list[Problem]:
    """A component line for ``parent``'s BOM: an inventory item, a positive quantity per, and no
    circular reference (the component is the parent, or its BOM holds the parent)."""
    problems = []
    if component_type is not None and component_type != "inventory":
        problems.append(Problem("ASM-COMPONENT-NOT-INVENTORY", "--component", {"item_no": component}))
    if quantity_per is not None and quantity_per <= ZERO:
        problems.append(Problem("ASM-QUANTITY-PER-NOT-POSITIVE", "--quantity", {"value": str(quantity_per)}))
    if component and parent and contains(bom, component, parent):
        problems.append(Problem("ASM-BOM-CYCLE", "--component", {"item_no": parent, "component": component}))
    return problems


@dataclass(frozen=True)
class Tracking:
    lot_no: str
    serial_no: str
    quantity: Decimal


def tracking_problems(quantity: Decimal, tracking: list[Tracking]) -> list[Problem]:
    """The output's tracking names each unit once: one no. per spec, a serial no. one unit,
    and the quantities add up to the order's."""
    problems = []
    for n, spec in enumerate(tracking, start=1):
        where = f"tracking[{n}]"
        if bool(spec.lot_no) == bool(spec.serial_no):
            problems.append(Problem("ASM-TRACKING-ONE-NO", where))
        if spec.serial_no and spec.quantity != 1:
            problems.append(Problem("IJ-SERIAL-QUANTITY-NOT-ONE", f"{where}.quantity", {"serial_no": spec.serial_no}))
        if spec.quantity <= ZERO:
            problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", f"{where}.quantity", {"value": str(spec.quantity)}))
    serials = [s.serial_no for s in tracking if s.serial_no]
    if len(set(serials)) != len(serials):
        problems.append(Problem("ASM-TRACKING-DUPLICATE-SERIAL", "tracking"))
    total = sum((s.quantity for s in tracking), ZERO)
    if tracking and total != quantity:
        problems.append(Problem("ASM-TRACKING-QUANTITY", "tracking",
                                {"tracked": str(total), "quantity": str(quantity)}))
    return problems


def take_tracked(tracking: list[Tracking], done: Mapping[tuple[str, str], Decimal],
                 quantity: Decimal) -> list[Tracking]:
    """The output portions a posting of ``quantity`` takes: each spec in order, less what earlier
    postings output of it (``done`` per (lot, serial)); untracked when the order names none."""
    if not tracking:
        return [Tracking("", "", quantity)]
    portions, left = [], quantity
    for spec in tracking:
        free = spec.quantity - done.get((spec.lot_no, spec.serial_no), ZERO)
        take = min(free, left)
        if take > ZERO:
            portions.append(Tracking(spec.lot_no, spec.serial_no, take))
            left -= take
    return portions


def quantity_to_post(quantity: Decimal, assembled: Decimal, asked: Decimal | None) -> Decimal | Problem:
    """BC Quantity to Assemble: all that remains unless ``asked``; never more than remains."""
    remaining = quantity - assembled
    qty = remaining if asked is None else asked
    if qty <= ZERO:
        if asked is None:
            return Problem("ASM-NOTHING-TO-POST", "--qty", {"quantity": str(quantity)})
        return Problem("IJ-QUANTITY-NOT-POSITIVE", "--qty", {"value": str(qty)})
    if qty > remaining:
        return Problem("ASM-MORE-THAN-REMAINING", "--qty", {"quantity": str(qty), "remaining": str(remaining)})
    return qty


def component_need(quantity_per: Decimal, quantity: Decimal) -> Decimal:
    """What ``quantity`` parent units need of a component (BC Quantity per x Quantity)."""
    return round_quantity(quantity_per * quantity)


@dataclass(frozen=True)
class PlanItem:
    no: str
    description: str
    costing_method: str
    standard_cost: Decimal
    inventory_posting_group: str
    gen_prod_posting_group: str


@dataclass(frozen=True)
class Consumption:
    line_no: int
    item: PlanItem
    quantity: Decimal  # positive
    #: (inbound entry no., quantity) drawn and their cost, resolved by the service (costing method)
    applications: tuple[tuple[int, Decimal], ...]
    cost: Decimal
    #: the lot / serial no. of the stock drawn (a consumption is split per tracking no.)
    lot_no: str = ""
    serial_no: str = ""


def _posting(line_no: int, item: PlanItem, entry_type: str, location: str, quantity: Decimal,
             values: list[ValuePlan], tracking: Tracking | None = None) -> ItemPosting:
    return ItemPosting(line_no, item.no, entry_type, location, quantity, values, item.inventory_posting_group, "",
                       item.gen_prod_posting_group, item.description,
                       serial_no=(tracking.serial_no or None) if tracking else None,
                       lot_no=(tracking.lot_no or None) if tracking else None)


def resource_gl_lines(parent: PlanItem, amount: Decimal, setup: SetupTables,
                      problems: list[Problem]) -> list[GLLine]:
    """The resources' cost: Inventory Adjmt. debit, Direct Cost Applied credit (the parent's
    general posting setup, blank business group)."""
    if amount == ZERO:
        return []
    general = setup.general.get(("", parent.gen_prod_posting_group))
    if general is None:
        problems.append(Problem("SETUP-MISSING-GENERAL-POSTING-SETUP", None,
                                {"gen_bus": "", "gen_prod": parent.gen_prod_posting_group}))
        return []
    where = f"general_posting_setup[,{parent.gen_prod_posting_group}]"
    adjmt = setup.account(general.inventory_adjmt_account, problems, f"{where}.inventory_adjmt_account")
    applied = setup.account(general.direct_cost_applied_account, problems, f"{where}.direct_cost_applied_account")
    if adjmt is None or applied is None:
        return []
    common = dict(source_type="item", source_no=parent.no, description=parent.description,
                  gen_prod_posting_group=parent.gen_prod_posting_group)
    return [GLLine(adjmt, amount, **common), GLLine(applied, -amount, **common)]


def plan_posting(posting_date: dt.date, location: str, parent: PlanItem, quantity: Decimal,
                 consumptions: list[Consumption], output: list[Tracking], setup: SetupTables, currency: str,
                 automatic_cost_posting: bool, resource_cost: Decimal = ZERO) -> PostingPlan | Rejected:
    """Consume every component and output ``quantity`` of ``parent`` (one entry per output
    portion, the cost split by quantity, the last portion taking the rounding) at the
    consumed cost plus ``resource_cost``."""
    postings = []
    for c in consumptions:
        posting = _posting(c.line_no, c.item, CONSUMPTION, location, -c.quantity, [ValuePlan("direct_cost", -c.cost)],
                           Tracking(c.lot_no, c.serial_no, c.quantity))
        posting.applications = list(c.applications)
        postings.append(posting)
    total = sum((c.cost for c in consumptions), ZERO) + resource_cost
    left = total
    for n, portion in enumerate(output):
        last = n == len(output) - 1
        cost = left if last else round_amount(total * portion.quantity / quantity, currency)
        left -= cost
        values = [ValuePlan("direct_cost", cost)]
        if parent.costing_method == "standard":
            standard = round_amount(portion.quantity * parent.standard_cost, currency)
            if standard != cost:
                values.append(ValuePlan("variance", standard - cost))
        postings.append(_posting(0, parent, OUTPUT, location, portion.quantity, values, portion))
    plan = PostingPlan("assembly", posting_date, posting_date, None, item_postings=postings)
    problems: list[Problem] = []
    plan.gl_lines += resource_gl_lines(parent, resource_cost, setup, problems)
    if automatic_cost_posting:
        for one in postings:
            for value in one.values:
                plan.gl_lines += inventory_gl_lines(one, value, setup, problems)
    if problems:
        return Rejected(problems)
    return plan.assert_balanced()


def able_to_assemble(on_hand: Decimal, quantity_per: Decimal) -> Decimal:
    """How many whole parent units ``on_hand`` of a component covers (BC Able to Assemble)."""
    if quantity_per <= ZERO:
        return ZERO
    return Decimal(int(on_hand / quantity_per))
