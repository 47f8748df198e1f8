"""Pure inventory rules: the category tree, attribute values, physical inventory lines and
counts, transfer quantities and tracking."""

import datetime as dt
from decimal import Decimal as D

from domain.inventory import availability_rules, card_rules, count_rules, transfer_rules
from domain.inventory.availability_rules import Event
from domain.inventory.count_rules import CountLine, Expected
from domain.inventory.transfer_rules import LineState, Tracking
from domain.problems import Problem


def test_a_parent_below_the_category_itself_closes_a_loop():
    parents = {"OFFICE": None, "PAPER": "OFFICE", "A4": "PAPER"}
    assert card_rules.category_cycle("OFFICE", "A4", parents) == ["OFFICE", "A4", "PAPER", "OFFICE"]
    assert card_rules.category_cycle("A4", "A4", parents) == ["A4", "A4"]
    assert card_rules.category_cycle("INK", "OFFICE", parents) is None
    assert card_rules.category_descendants("PAPER", parents) == {"PAPER", "A4"}


def test_attribute_values_are_read_as_their_type_in_one_canonical_form():
    assert card_rules.attribute_value("decimal", [], "W", "2.50") == "2.5"
    assert card_rules.attribute_value("decimal", [], "W", "1E+1") == "10"
    assert card_rules.attribute_value("integer", [], "N", "+007") == "7"
    assert card_rules.attribute_value("option", ["Red"], "C", " Red ") == "Red"
    for kind, raw, code in (("integer", "1.5", "ITEM-ATTRIBUTE-WRONG-TYPE"),
                            ("decimal", "NaN", "ITEM-ATTRIBUTE-WRONG-TYPE"),
                            ("option", "Blue", "ITEM-ATTRIBUTE-UNKNOWN-OPTION"),
                            ("text", " ", "ITEM-ATTRIBUTE-VALUE-EMPTY")):
        result = card_rules.attribute_value(kind, ["Red"], "A", raw)
        assert isinstance(result, Problem) and result.code == code
    assert [p.code for p in card_rules.option_values_problems("text", ["a"])] == [
        "ITEM-ATTRIBUTE-VALUES-ONLY-FOR-OPTION"]
    assert [p.code for p in card_rules.option_values_problems("option", ["a", "a"])] == [
        "ITEM-ATTRIBUTE-DUPLICATE-OPTION"]


def test_calculated_lines_drop_spent_lots_but_keep_an_item_with_nothing_left():
    found = [Expected("B", "L1", "", D(0)), Expected("B", "L2", "", D(2)), Expected("A", "", "", D(0)),
             Expected("C", "", "S1", D(0))]
    assert count_rules.calculated_lines(found) == [Expected("A", "", "", D(0)), Expected("B", "L2", "", D(2)),
                                                   Expected("C", "", "", D(0))]


def test_count_problems_name_what_a_tracked_count_lacks():
    def codes(*args):
        return [p.code for p in count_rules.count_problems("X", *args)]

    assert codes(D(1), "", "", True, False) == ["PHYS-TRACKING-REQUIRED"]
    assert codes(D(2), "", "S", False, True) == ["PHYS-SERIAL-QUANTITY"]
    assert codes(D(1), "L", "", False, False) == ["PHYS-ITEM-NOT-TRACKED"]
    assert count_rules.count_problems("X", D(0), "", "", False, False) == []


def test_differences_become_adjustment_rows_and_uncounted_lines_none():
    rows = count_rules.journal_rows([CountLine("A", "", "", D(5), D(7)), CountLine("B", "L", "", D(3), D(1)),
                                     CountLine("C", "", "", D(4), None), CountLine("D", "", "", D(1), D(1))],
                                    "MAIN", dt.date(2026, 11, 10), "PHYS-1")
    assert [(r["entry_type"], r["item_no"], r["quantity"], r["lot_no"]) for r in rows] == [
        ("positive_adjustment", "A", "2", ""), ("negative_adjustment", "B", "2", "L")]


def test_transfer_quantities_default_to_all_that_is_open_and_refuse_too_much():
    lines = [LineState(1, D(10), D(4), D(1)), LineState(2, D(2), D(2), D(2))]
    assert transfer_rules.quantities(lines, None, receive=False) == {1: D(6)}
    assert transfer_rules.quantities(lines, None, receive=True) == {1: D(3)}
    assert [p.code for p in transfer_rules.quantities(lines, {1: D(4)}, receive=True)] == [
        "TRANSFER-MORE-THAN-SHIPPED"]
    assert [p.code for p in transfer_rules.quantities(lines, {3: D(1)}, receive=False)] == ["TRANSFER-UNKNOWN-LINE"]
    assert [p.code for p in transfer_rules.quantities(lines, {2: D(0)}, receive=False)] == ["TRANSFER-NOTHING-TO-SHIP"]


def test_tracked_shipments_take_the_specs_in_order_less_what_was_shipped():
    specs = [Tracking("L2", "", D(3)), Tracking("L1", "", D(2))]
    assert transfer_rules.take_tracked(specs, {("L2", ""): D(2)}, D(2)) == [Tracking("L2", "", D(1)),
                                                                          Tracking("L1", "", D(1))]
    assert transfer_rules.take_in_transit([(7, D(1)), (9, D(4))], D(3)) == [(7, D(1)), (9, D(2))]


def test_location_problems_of_a_transfer():
    flags = {"MAIN": False, "EAST": False, "TRANSIT": True}
    assert transfer_rules.location_problems("MAIN", "EAST", "TRANSIT", flags) == []
    codes = [p.code for p in transfer_rules.location_problems("TRANSIT", "TRANSIT", "EAST", flags)]
    assert codes == ["TRANSFER-SAME-LOCATION", "TRANSFER-LOCATION-IS-IN-TRANSIT", "TRANSFER-LOCATION-IS-IN-TRANSIT",
                     "TRANSFER-NOT-IN-TRANSIT"]


def test_availability_by_event_and_by_period_project_the_balance_from_on_hand():
    events = [Event(dt.date(2026, 11, 3), "sales_order", "SO-1", 1, "MAIN", D(-4)),
              Event(dt.date(2026, 11, 3), "purchase_order", "PO-1", 1, "MAIN", D(6)),
              Event(dt.date(2026, 12, 1), "transfer_out", "TO-1", 1, "MAIN", D(-1))]
    rows = availability_rules.by_event(D(2), events)
    assert [(r["source"], r["projected_available"]) for r in rows] == [
        ("purchase_order", D(8)), ("sales_order", D(4)), ("transfer_out", D(3))]  # supply first on a day
    months = availability_rules.by_period(D(2), events, "month")
    assert [(r["period_start"], r["gross_requirement"], r["scheduled_receipts"], r["projected_available"])
            for r in months] == [(dt.date(2026, 11, 1), D(4), D(6), D(4)), (dt.date(2026, 12, 1), D(1), D(0), D(3))]
    assert availability_rules.period_of(dt.date(2026, 11, 15), "week") == (dt.date(2026, 11, 9),
                                                                          dt.date(2026, 11, 15))
