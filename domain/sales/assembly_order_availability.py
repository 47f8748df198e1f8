"""Component availability of an assembly order on its due date (BC "Assembly Availability":
per component the inventory, the gross requirement and scheduled receipts up to the due
date, the expected available inventory and how many parents that covers, Able to Assemble).

It lives here, not in inventory, because the requirement and receipts come from purchase
and sales orders (:func:`domain.sales.availability.order_events`) besides transfers and
other assembly orders; the order's own component lines are what the figures are compared
with, so they are not counted as requirement.
"""

from __future__ import annotations

from decimal import Decimal

from domain.app import App
from domain.identity.access import require
from domain.inventory import assembly, assembly_availability
from domain.inventory import assembly_rules as rules
from domain.inventory import availability as inventory_availability
from domain.money import ZERO
from domain.sales.availability import order_events


def _on_due_date(session, item_no: str, location: str, due_date, own_no: str) -> dict:
    events = order_events(session, item_no, location)
    events += inventory_availability.transfer_events(session, item_no, location)
    events += assembly_availability.assembly_events(session, item_no, location)
    events = [e for e in events if e.date <= due_date and e.document_no != own_no]
    on_hand = inventory_availability.on_hand(session, item_no, location)
    gross = sum((-e.quantity for e in events if e.quantity < ZERO), ZERO)
    scheduled = sum((e.quantity for e in events if e.quantity > ZERO), ZERO)
    return {"inventory": on_hand, "gross_requirement": gross, "scheduled_receipts": scheduled,
            "expected_available": on_hand + scheduled - gross}


def order_availability(app: App, no: str) -> dict:
    """``assembly order show``: the order (:func:`domain.inventory.assembly.describe`) with, per
    component line, what is expected available at the order's location on its due date."""
    with app.uow() as session:
        require(session, app.user, "reports.read")
        shown = assembly.describe(session, no)
        able: Decimal = shown["remaining"]
        for line in shown["lines"]:
            if line["type"] != "item":
                continue
            figures = _on_due_date(session, line["item_no"], shown["location"], shown["due_date"], no)
            expected = max(figures["expected_available"], ZERO)
            need = line["remaining_quantity"]
            line.update(figures, shortage_on_due_date=need - min(need, expected))
            able = min(able, rules.able_to_assemble(expected, line["quantity_per"]))
        shown["able_to_assemble_on_due_date"] = max(able, ZERO)
        return shown
