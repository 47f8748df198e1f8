"""Pure assembly rules: BOM cycles and component checks, the output's tracking, the
quantity a posting takes, and the plan that consumes components and outputs the parent."""

import datetime as dt
from decimal import Decimal as D

from domain.inventory import assembly_rules as rules
from domain.inventory.assembly_rules import Consumption, PlanItem, Tracking
from domain.problems import Problem


def codes(problems):
    return [p.code for p in problems]


def test_a_bom_that_would_contain_itself_directly_or_through_another_bom_is_a_cycle():
    bom = {"KIT": ["SUB", "P2"], "SUB": ["P1"]}
    assert rules.contains(bom, "KIT", "P1")
    assert not rules.contains(bom, "SUB", "KIT")
    assert codes(rules.component_problems("SUB", "KIT", "inventory", D(1), bom)) == ["ASM-BOM-CYCLE"]
    assert codes(rules.component_problems("KIT", "KIT", "inventory", D(1), bom)) == ["ASM-BOM-CYCLE"]
    assert codes(rules.component_problems("P1", "P2", "inventory", D(1), bom)) == []


def test_a_component_is_an_inventory_item_with_a_positive_quantity_per():
    assert codes(rules.component_problems("KIT", "9000", "service", D(0), {})) == [
        "ASM-COMPONENT-NOT-INVENTORY", "ASM-QUANTITY-PER-NOT-POSITIVE"]


def test_the_outputs_tracking_names_each_unit_once_and_adds_up_to_the_order():
    good = [Tracking("", "S-1", D(1)), Tracking("", "S-2", D(1))]
    assert rules.tracking_problems(D(2), good) == []
    bad = [Tracking("L1", "S-1", D(1)), Tracking("", "S-1", D(2))]
    assert codes(rules.tracking_problems(D(2), bad)) == [
        "ASM-TRACKING-ONE-NO", "IJ-SERIAL-QUANTITY-NOT-ONE", "ASM-TRACKING-DUPLICATE-SERIAL", "ASM-TRACKING-QUANTITY"]


def test_a_posting_takes_what_remains_or_what_is_asked_and_never_more():
    assert rules.quantity_to_post(D(5), D(2), None) == D(3)
    assert rules.quantity_to_post(D(5), D(2), D(1)) == D(1)
    assert rules.quantity_to_post(D(5), D(2), D(4)).code == "ASM-MORE-THAN-REMAINING"
    assert rules.quantity_to_post(D(5), D(5), None).code == "ASM-NOTHING-TO-POST"
    assert isinstance(rules.quantity_to_post(D(5), D(0), D(0)), Problem)
    assert rules.take_tracked([Tracking("A", "", D(2)), Tracking("B", "", D(3))], {("A", ""): D(1)}, D(3)) == [
        Tracking("A", "", D(1)), Tracking("B", "", D(2))]
    assert rules.able_to_assemble(D(7), D(2)) == D(3)


def test_the_output_takes_the_consumed_cost_split_by_quantity_and_a_standard_parent_a_variance():
    part = PlanItem("P1", "Part", "fifo", D(0), "RESALE", "RETAIL")
    consumed = [Consumption(10000, part, D(3), ((1, D(3)),), D("10.00"), "L1")]
    plan = rules.plan_posting(dt.date(2026, 11, 5), "MAIN", PlanItem("KIT", "Kit", "fifo", D(0), "RESALE", "RETAIL"),
                              D(3), consumed, [Tracking("", f"S-{n}", D(1)) for n in (1, 2, 3)], None, "NOK", False)
    out = [p for p in plan.item_postings if p.entry_type == rules.OUTPUT]
    assert [p.values[0].cost_amount for p in out] == [D("3.33"), D("3.33"), D("3.34")]
    assert [p.serial_no for p in out] == ["S-1", "S-2", "S-3"]
    consumption, = [p for p in plan.item_postings if p.entry_type == rules.CONSUMPTION]
    assert (consumption.quantity, consumption.lot_no, consumption.applications) == (D(-3), "L1", [(1, D(3))])
    standard = PlanItem("STD", "Kit", "standard", D("4.00"), "RESALE", "RETAIL")
    plan = rules.plan_posting(dt.date(2026, 11, 5), "MAIN", standard, D(3), consumed, [Tracking("", "", D(3))],
                              None, "NOK", False)
    out, = [p for p in plan.item_postings if p.entry_type == rules.OUTPUT]
    assert [(v.entry_type, v.cost_amount) for v in out.values] == [("direct_cost", D("10.00")), ("variance", D("2.00"))]
