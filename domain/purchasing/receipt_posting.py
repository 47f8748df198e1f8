"""Posting a purchase receipt or return shipment (expected cost) and its posted rows.

:func:`post_receipt` plans the lines (item ledger entries with expected cost only), takes the
number and writes; the caller inserts its posted document rows with :func:`insert_receipt`.
Orders (:mod:`domain.purchasing.orders`), receipts and return orders post through here.
"""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from domain.inventory import costs as inventory_costs
from domain.ledger.rules.order_posting import ReceiptLine, plan_receipt
from domain.ledger.writer import DocRef, WriteResult, write_plan
from domain.money import ZERO
from domain.problems import Problem, Rejected
from domain.purchasing.model import PurchaseHeader
from domain.purchasing.receipt_model import PostedPurchaseReceipt, PostedPurchaseReceiptLine
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import Company
from domain.setup.numbers import next_no
from domain.setup.queries import setup_tables


def post_receipt(session: Session, comp: Company, order: PurchaseHeader, lines: list[ReceiptLine],
                 series: str, document_type: str, user: str | None,
                 external_no: str | None) -> tuple[str, WriteResult] | Rejected:
    """Plan ``lines`` (item ledger entries with expected cost only), take the number, write.
    The caller inserts its posted document rows with the number and the write result.
    A vendor blocked for all and a blocked item are refused here too, not only at import
    (BC checks Blocked when a receipt or return shipment posts)."""
    blocked = receipt_blocked(session, order, lines)
    if blocked:
        return Rejected(blocked)
    plan = plan_receipt(order.posting_date, order.document_date, external_no, order.gen_bus_posting_group,
                        lines, comp.expected_cost_posting, inventory_costs.interim_setup(session),
                        setup_tables(session))
    if isinstance(plan, list):
        return Rejected(plan)
    no = next_no(session, series)
    written = write_plan(session, plan, DocRef(document_type, no, "PURCHASES", user, "vendor", order.vendor_no),
                         comp.automatic_cost_posting)
    if comp.expected_cost_posting:
        inventory_costs.mark_expected_posted(session, written.transaction_no)
    return no, written


def receipt_blocked(session: Session, order: PurchaseHeader, lines: list[ReceiptLine]) -> list[Problem]:
    problems = []
    vendor = session.get(Vendor, order.vendor_no)
    if vendor is not None and vendor.blocked == "all":
        problems.append(Problem("PURCH-VENDOR-BLOCKED", "vendor_no", {"vendor_no": order.vendor_no}))
    for line in lines:
        item = session.get(Item, line.item_no)
        if item is not None and item.blocked:
            problems.append(Problem("PURCH-ITEM-BLOCKED", f"lines[{line.line_no}]", {"item_no": line.item_no}))
    return problems


def insert_receipt(session, header: PurchaseHeader, receipt_no: str, taken, written: WriteResult, user,
                   ship_to: str | None) -> None:
    """The posted receipt (return shipment: negative quantities) of ``taken`` (order line, qty)."""
    vendor = session.get(Vendor, header.vendor_no)
    session.execute(insert(PostedPurchaseReceipt), {
        "no": receipt_no, "order_id": header.id, "order_no": header.no, "vendor_no": header.vendor_no,
        "vendor_name": vendor.name, "ship_to_customer_no": ship_to or header.ship_to_customer_no,
        "posting_date": header.posting_date, "document_date": header.document_date,
        "transaction_no": written.transaction_no, "user_id": user})
    session.execute(insert(PostedPurchaseReceiptLine), [
        {"document_no": receipt_no, "line_no": no[0] if no else line.line_no, "order_line_id": line.id,
         "order_line_no": line.line_no, "type": line.type, "no": line.no, "description": line.description,
         "quantity": qty, "quantity_invoiced": ZERO, "unit_of_measure": line.unit_of_measure,
         "direct_unit_cost": line.direct_unit_cost, "line_discount_pct": line.line_discount_pct,
         "gen_prod_posting_group": line.gen_prod_posting_group,
         "vat_prod_posting_group": line.vat_prod_posting_group, "location_code": line.location_code,
         "drop_shipment": line.drop_shipment, "undoes_line_id": None,
         "item_ledger_entry_no": written.item_entries.get(no[0] if no else line.line_no)}
        for line, qty, *no in taken])
