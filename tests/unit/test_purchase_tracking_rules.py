"""Item tracking on purchase lines (pure): portions are checked, a posting splits exactly,
and receipts take the portions in order after what earlier receipts took."""

from decimal import Decimal as D

from domain.ledger.rules.posting import ItemPosting, ValuePlan
from domain.purchasing.rules.tracking import Portion, portion_problems, split_posting, take_portions


def serials(n):
    return [Portion(f"S{i}", None, D(1)) for i in range(1, n + 1)]


def test_a_line_of_three_units_split_over_three_serials_keeps_its_amount_to_the_cent():
    posting = ItemPosting(1, "I", "purchase", "MAIN", D(3), [ValuePlan("direct_cost", D("100.00"),
                                                                        purchase_amount=D("100.00"))],
                          "RESALE", "DOMESTIC", "RETAIL")
    parts = split_posting(posting, serials(3), "NOK")
    assert [p.serial_no for p in parts] == ["S1", "S2", "S3"]
    assert [p.quantity for p in parts] == [1, 1, 1]
    assert sum(p.values[0].cost_amount for p in parts) == D("100.00")
    assert sorted(p.values[0].cost_amount for p in parts) == [D("33.33"), D("33.33"), D("33.34")]


def test_an_outbound_split_keeps_the_sign_and_each_portions_applications():
    posting = ItemPosting(1, "I", "purchase", "MAIN", D(-2), [ValuePlan("direct_cost", D("-21"))],
                          "RESALE", "DOMESTIC", "RETAIL", applications=[(9, D(2))])
    parts = split_posting(posting, [Portion("A", None, D(1), applications=((5, D(1)),)),
                                    Portion("B", None, D(1), applications=((6, D(1)),))], "NOK")
    assert [(p.quantity, p.values[0].cost_amount, p.applications) for p in parts] == [
        (D(-1), D("-10.50"), [(5, D(1))]), (D(-1), D("-10.50"), [(6, D(1))])]


def test_receipts_take_the_portions_in_order_less_what_earlier_receipts_took_of_each_no():
    lots = [Portion(None, "L1", D(4)), Portion(None, "L2", D(3))]
    assert [(p.lot_no, p.quantity) for p in take_portions(lots, {}, D(2))] == [("L1", D(2))]
    assert [(p.lot_no, p.quantity) for p in take_portions(lots, {(None, "L1"): D(2)}, D(3))] == [
        ("L1", D(2)), ("L2", D(1))]
    # an undone receipt of L1 gave it back: it is taken again before L2's rest
    assert [(p.lot_no, p.quantity) for p in take_portions(lots, {(None, "L1"): D(0), (None, "L2"): D(1)},
                                                           D(5))] == [("L1", D(4)), ("L2", D(1))]


def test_portion_problems_name_serial_quantity_duplicates_and_a_total_that_does_not_add_up():
    codes = [p.code for p in portion_problems("lines[1]", 1, D(4), [
        Portion("S1", None, D(2)), Portion("S1", None, D(1)), Portion(None, None, D(1))])]
    assert codes == ["PURCH-SERIAL-QUANTITY-NOT-ONE", "PURCH-SERIAL-TWICE", "PURCH-TRACKING-ONE-NO"]
    assert [p.code for p in portion_problems("lines[1]", 1, D(3), serials(2))] == [
        "PURCH-TRACKING-QUANTITY-MISMATCH"]
    assert portion_problems("lines[1]", 1, D(2), serials(2)) == []


def test_sales_lines_are_checked_by_the_same_rules_under_their_own_codes_and_refuse_a_lot_twice():
    lots = [Portion(None, "L1", D(2)), Portion(None, "L1", D(1)), Portion("S1", None, D(2))]
    assert [p.code for p in portion_problems("lines[1]", 1, D(5), lots, "SALES", unique_lots=True)] == [
        "SALES-LOT-TWICE", "SALES-SERIAL-QUANTITY-NOT-ONE"]
    assert [p.code for p in portion_problems("lines[1]", 1, D(5), lots)] == ["PURCH-SERIAL-QUANTITY-NOT-ONE"]
    assert [p.code for p in portion_problems("lines[1]", 1, D(4), lots[:2] + [Portion(None, None, D(0))],
                                             "SALES", unique_lots=True)] == [
        "SALES-LOT-TWICE", "SALES-TRACKING-ONE-NO", "SALES-TRACKING-QUANTITY-NOT-POSITIVE",
        "SALES-TRACKING-QUANTITY-MISMATCH"]
