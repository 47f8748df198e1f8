"""Assembly orders through the domain API (SQLite and PostgreSQL): the automatic cost
adjustment carrying an item charge on a component to an Average parent and its sales
invoice, components drawn from two lots, serial-numbered output over partial postings,
and a Standard parent posted at standard with a variance (a later component cost change
adds variance, not cost)."""

from decimal import Decimal as D

from sqlalchemy import select

from domain.costing import adjustment as cost_adjustment
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.costing import revaluation
from domain.inventory import assembly, assembly_bom, items
from domain.ledger.model import ItemLedgerEntry
from domain.problems import Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from tests.support.costing import costs, new_item, post, row, value_entries
from tests.support.documents import invoice


def make_order(app, item, qty, **extra):
    no = assembly.import_order(app, {"item_no": item, "quantity": str(qty), "location": "MAIN",
                                     "due_date": "2026-11-05", **extra})
    assert isinstance(no, str), no
    return no


def entries(app, item, entry_type):
    ile = ItemLedgerEntry
    with app.uow() as s:
        return s.execute(select(ile.entry_no, ile.quantity, ile.lot_no, ile.serial_no).where(
            ile.item_no == item, ile.entry_type == entry_type).order_by(ile.entry_no)).all()


def reconciled(app) -> bool:
    return all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))


def test_an_item_charge_on_a_component_reaches_an_average_parent_and_its_sale_automatically(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="always", automatic_cost_posting=True)
    part, parent = new_item(app, "ASP1", "fifo"), new_item(app, "ASA1", "average")
    assembly_bom.add(app, parent, part, D(2))
    receipt, = post(app, row("purchase", part, 10, "10.00", "2026-11-02"))
    assembly.post(app, make_order(app, parent, 3))
    sold = sales_posting.post(app, sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "posting_date": "2026-11-20",
        "lines": [{"type": "item", "no": parent, "quantity": "1", "unit_price": "50", "location": "MAIN"}]}))
    assert not hasattr(sold, "problems"), sold
    assert [costs(app, parent)[no] for no, *_ in entries(app, parent, "sale")] == [D("-20.00")]
    doc = purchase_documents.create_document(app, invoice(lines=[
        {"type": "charge_item", "no": "FREIGHT", "quantity": "1", "direct_unit_cost": "50.00",
         "assign_to_entry": receipt}], posting_date="2026-11-10"))
    assert purchase_posting.post_document(app, doc).posted_no  # the automatic adjustment runs after it
    assert costs(app, part)[receipt] == D("150.00")
    output, = entries(app, parent, "assembly_output")
    assert costs(app, parent)[output[0]] == D("90.00")  # 6 x 15
    assert [costs(app, parent)[no] for no, *_ in entries(app, parent, "sale")] == [D("-30.00")]
    assert reconciled(app)


def test_components_are_consumed_per_lot_and_the_output_takes_its_serial_nos_in_order(app):
    part, parent = new_item(app, "ASP2", "fifo"), new_item(app, "ASA2", "fifo")
    assembly_bom.add(app, parent, part, D(2))
    post(app, row("purchase", part, 3, "10.00", lot_no="L1"), row("purchase", part, 3, "12.00", lot_no="L2"))
    no = make_order(app, parent, 2, tracking=[{"serial_no": "S-1", "quantity": "1"},
                                              {"serial_no": "S-2", "quantity": "1"}])
    assembly.post(app, no, D(1))
    assembly.post(app, no)
    consumed = [(qty, lot) for _, qty, lot, _ in entries(app, part, "assembly_consumption")]
    assert consumed == [(D(-2), "L1"), (D(-1), "L1"), (D(-1), "L2")]
    out = entries(app, parent, "assembly_output")
    assert [serial for *_, serial in out] == ["S-1", "S-2"]
    assert [costs(app, parent)[e[0]] for e in out] == [D("20.00"), D("22.00")]
    again = make_order(app, parent, 1, tracking=[{"serial_no": "S-1", "quantity": "1"}])
    post(app, row("purchase", part, 2, "10.00"))
    refused = assembly.post(app, again)
    assert isinstance(refused, Rejected) and [p.code for p in refused.problems] == ["IJ-SERIAL-ON-HAND"]
    assert assembly.show(app, again)["quantity_assembled"] == 0


def test_a_standard_parent_enters_at_standard_cost_with_the_difference_as_variance(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=True)
    part, parent = new_item(app, "ASP3", "fifo"), new_item(app, "ASA3", "standard", standard_cost="25")
    assembly_bom.add(app, parent, part, D(2))
    post(app, row("purchase", part, 4, "11.00"))
    assembly.post(app, make_order(app, parent, 2))
    out, = entries(app, parent, "assembly_output")
    assert costs(app, parent)[out[0]] == D("50.00")
    assert [(v.entry_type, v.cost_amount_actual) for v in value_entries(app, parent)] == [
        ("direct_cost", D("44.00")), ("variance", D("6.00"))]
    assert reconciled(app)


def test_a_component_cost_change_after_output_reaches_a_standard_parent_as_variance_not_as_cost(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_posting=True)
    part, parent = new_item(app, "ASP7", "fifo"), new_item(app, "ASA7", "standard", standard_cost="25")
    assembly_bom.add(app, parent, part, D(2))
    post(app, row("purchase", part, 4, "11.00", "2026-11-01"))
    assembly.post(app, make_order(app, parent, 2))  # 44 consumed, 50 at standard: variance 6
    sold = sales_posting.post(app, sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "posting_date": "2026-11-20",
        "lines": [{"type": "item", "no": parent, "quantity": "1", "unit_price": "60", "location": "MAIN"}]}))
    assert not hasattr(sold, "problems"), sold
    # the part turns out to have cost 12 a unit: the 4 consumed cost 48, 4 more
    assert revaluation.revalue(app, [{"posting_date": "2026-11-02", "item_no": part, "new_unit_cost": "12"}]).entries
    cost_adjustment.adjust(app)
    consumed = sum(costs(app, part)[no] for no, *_ in entries(app, part, "assembly_consumption"))
    assert consumed == D("-48.00")
    out, = entries(app, parent, "assembly_output")
    assert costs(app, parent)[out[0]] == D("50.00")  # still at standard
    assert [(v.entry_type, v.cost_amount_actual, v.adjustment) for v in value_entries(app, parent)
            if v.item_ledger_entry_no == out[0]] == [
        ("direct_cost", D("44.00"), False), ("variance", D("6.00"), False),
        ("direct_cost", D("4.00"), True), ("variance", D("-4.00"), True)]
    assert [costs(app, parent)[no] for no, *_ in entries(app, parent, "sale")] == [D("-25.00")]
    assert cost_adjustment.adjust(app).entries_created == 0
    assert reconciled(app)


def test_a_blocked_component_and_a_specific_component_without_tracking_are_refused_at_posting(app):
    part, special, parent = new_item(app, "ASP4", "fifo"), new_item(app, "ASP5", "specific"), new_item(app, "ASA4",
                                                                                                      "fifo")
    assembly_bom.add(app, parent, part, D(1))
    assembly_bom.add(app, parent, special, D(1))
    post(app, row("purchase", part, 5, "10.00"), row("purchase", special, 5, "10.00", lot_no="SP1"))
    no = make_order(app, parent, 1)
    items.set_item(app, part, {"blocked": "yes"})
    refused = assembly.post(app, no)
    assert isinstance(refused, Rejected)
    assert sorted(p.code for p in refused.problems) == ["IJ-ITEM-BLOCKED", "INV-SPECIFIC-NEEDS-APPLICATION"]
    assert entries(app, parent, "assembly_output") == []


def test_one_adjustment_run_carries_a_component_change_up_two_levels_and_counts_each_item_once(app):
    part, sub, kit = new_item(app, "ASP6", "fifo"), new_item(app, "ASS6", "lifo"), new_item(app, "ASK6", "fifo")
    assembly_bom.add(app, sub, part, D(1))
    assembly_bom.add(app, kit, sub, D(2))
    post(app, row("purchase", part, 4, "10.00", "2026-11-01"))
    assembly.post(app, make_order(app, sub, 4))
    assembly.post(app, make_order(app, kit, 2))
    cost_adjustment.adjust(app)
    assert revaluation.revalue(app, [{"posting_date": "2026-11-02", "item_no": part, "new_unit_cost": "12"}]).entries
    result = cost_adjustment.adjust(app)
    assert sorted(o.item_no for o in result.outcomes) == sorted({o.item_no for o in result.outcomes})
    assert {o.item_no: o.status for o in result.outcomes}[kit] == "adjusted"
    out, = entries(app, kit, "assembly_output")
    assert costs(app, kit)[out[0]] == D("48.00")  # 2 x 2 x 12
    assert cost_adjustment.adjust(app).entries_created == 0
    assert reconciled(app)
