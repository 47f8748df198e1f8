"""Posting against purchase receipts: invoices of receipt lines, undo receipt, drop shipments.

An invoice line that names a receipt line does not receive again: its item
posting targets the receipt's item ledger entry and carries one value entry
with the reversal of that part's expected cost and the actual cost at the
invoice's price (BC "Design Details: Expected Cost Posting"); with expected
cost posting to G/L the interim accounts are reversed too. A drop-shipment
receipt line may be invoiced only once the sales order line it ships has been
invoiced at least as far (BC: "the purchase order can be invoiced only after
the sales order"). Each invoiced line's receipt part goes into the snapshot
(:class:`domain.purchasing.rules.ReceiptPart`), so the planner returns the
complete plan; the kernel posts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.app import App, required_port
from domain.db import lock
from domain.identity import access
from domain.inventory import costs as sales_costing
from domain.inventory import units
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.order_posting import ReceiptLine
from domain.money import ZERO, round_unit_amount
from domain.problems import Problem, Rejected
from domain.purchasing import kernel, receipt_posting
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.receipt_model import PostedPurchaseReceipt, PostedPurchaseReceiptLine
from domain.purchasing.rules import ReceiptPart
from domain.setup.model.cards import Item
from domain.setup.queries import company


@dataclass(frozen=True)
class _Part:
    row: PostedPurchaseReceiptLine
    quantity: Decimal
    entry_no: int | None
    #: -1 when a credit memo invoices a return shipment line (negative quantities)
    sign: Decimal = Decimal(1)
    #: ``quantity`` (in the line's unit) in the item's base unit: what the entry counts
    base: Decimal | None = None


def post_receipt_invoice(session: Session, header: PurchaseHeader, user) -> PostResult | Rejected:
    """Post an invoice (credit memo) whose lines name posted receipt (return shipment) lines."""
    comp = company(session)
    sign = Decimal(1) if header.document_type == "invoice" else Decimal(-1)
    parts, facts = {}, {}
    for line in header.lines:
        if line.receipt_line_id is not None:
            parts[line.line_no], facts[line.line_no] = _part(session, line, comp, sign)
    planned = kernel.plan_document(session, header, user, facts)
    if isinstance(planned, Rejected):
        return planned
    result = kernel.post_plan(session, planned, user)
    _record(session, parts, planned.plan)
    return result


def _part(session, line: PurchaseLine, comp, sign=Decimal(1)) -> tuple[_Part | None, ReceiptPart]:
    """The receipt line ``line`` invoices: what to update after posting, and what the planner needs."""
    row = session.get(PostedPurchaseReceiptLine, line.receipt_line_id)
    if row is None:
        return None, ReceiptPart(None, None)
    open_qty = sign * (row.quantity - row.quantity_invoiced)
    if line.quantity > open_qty:
        return None, ReceiptPart(row.item_ledger_entry_no, open_qty)
    drop = {}
    if row.drop_shipment:
        order_line = session.get(PurchaseLine, row.order_line_id)
        drop = {"drop_shipment": True, "order_invoiced": order_line.quantity_invoiced,
                "sales_invoiced": required_port(session, "drop_shipment_sales_line")(session, order_line),
                "sales_order_no": order_line.sales_order_no}
    expected = ZERO
    if row.item_ledger_entry_no is not None:
        _, open_expected = sales_costing.entry_cost(session, row.item_ledger_entry_no)
        expected = sales_costing.share(open_expected, line.quantity, open_qty, comp.currency)
    base = units.line_base(session, line, line.quantity)  # the entry counts in the base unit
    return (_Part(row, line.quantity, row.item_ledger_entry_no, sign, base),
            ReceiptPart(row.item_ledger_entry_no, open_qty, expected, **drop))


def _record(session, parts: dict[int, _Part | None], plan) -> None:
    """After posting: item cards, invoiced quantities of receipt lines, entries and order lines."""
    orders = set()
    for posting in plan.item_postings:
        part = parts.get(posting.line_no)
        if part is not None and posting.target_entry_no is not None and posting.quantity:
            item = session.get(Item, posting.item_no)
            item.last_direct_cost = round_unit_amount(posting.values[0].cost_amount / posting.quantity)
            if item.costing_method not in ("standard", "average"):  # with its indirect share (BC)
                overhead = sum((v.cost_amount for v in posting.values if v.entry_type == "indirect_cost"), ZERO)
                item.unit_cost = round_unit_amount((posting.values[0].cost_amount + overhead) / posting.quantity)
    for part in parts.values():
        if part is None:
            continue
        part.row.quantity_invoiced = part.row.quantity_invoiced + part.sign * part.quantity
        if part.entry_no is not None:
            sales_costing.invoice_entry(session, part.entry_no, part.sign * part.base)
        order_line = session.get(PurchaseLine, part.row.order_line_id)
        order_line.quantity_invoiced = order_line.quantity_invoiced + part.quantity
        order_line.qty_to_invoice = order_line.quantity_received - order_line.quantity_invoiced
        orders.add(order_line.header)
    for order in orders:
        if all(line.quantity_invoiced == line.quantity for line in order.lines):
            order.status = "closed"


def undo_receipt(app: App, receipt_no: str) -> PostResult | Rejected:
    """BC "Undo Receipt": a correction receipt, applied fixed to the original entries."""
    return access.command(app, "purchase.post", lambda session: _undo(session, receipt_no, app.user))


def _undo(session, receipt_no: str, user) -> PostResult | Rejected:
    receipt = session.scalar(select(PostedPurchaseReceipt).where(PostedPurchaseReceipt.no == receipt_no))
    if receipt is None:
        return Rejected([Problem("PURCH-RECEIPT-NOT-FOUND", "no", {"no": receipt_no})])
    # the order is the lock (receiving and undoing its receipts queue on it), not the posted
    # receipt: FOR UPDATE needs UPDATE privilege, which the application role has on no posted receipt
    order = session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.id == receipt.order_id)))
    rows = session.scalars(select(PostedPurchaseReceiptLine).where(
        PostedPurchaseReceiptLine.document_no == receipt_no,
        PostedPurchaseReceiptLine.quantity > ZERO)).all()
    problems = [p for row in rows for p in _undo_problems(session, row)]
    if problems or not rows:
        return Rejected(problems or [Problem("PURCH-NOTHING-TO-UNDO", "no", {"no": receipt_no})])
    comp = company(session)
    lines = []
    for row in rows:
        if row.item_ledger_entry_no is None:
            continue
        item = session.get(Item, row.no)
        _, expected = sales_costing.entry_cost(session, row.item_ledger_entry_no)
        entry = session.get(ItemLedgerEntry, row.item_ledger_entry_no)  # a tracked receipt: its serial/lot back
        lines.append(ReceiptLine(row.line_no, row.no, row.description, row.location_code, -entry.quantity,
                                 -expected, item.inventory_posting_group, row.gen_prod_posting_group,
                                 applies_to_entry=row.item_ledger_entry_no, serial_no=entry.serial_no,
                                 lot_no=entry.lot_no, expiration_date=entry.expiration_date,
                                 variant_code=entry.variant_code))
    posted = receipt_posting.post_receipt(session, comp, order, lines, "PRCPT", "receipt", user, None)
    if isinstance(posted, Rejected):
        return posted
    undo_no, written = posted
    _insert_undo(session, receipt, rows, undo_no, written, user)
    for row in rows:
        line = session.get(PurchaseLine, row.order_line_id)
        line.quantity_received = line.quantity_received - row.quantity
        line.qty_to_receive = line.quantity - line.quantity_received
    return PostResult(undo_no, transaction_no=written.transaction_no)


def _undo_problems(session, row: PostedPurchaseReceiptLine) -> list[Problem]:
    where, params = f"lines[{row.line_no}]", {"line_no": row.line_no, "receipt_no": row.document_no}
    if session.scalar(select(PostedPurchaseReceiptLine.id).where(
            PostedPurchaseReceiptLine.undoes_line_id == row.id)) is not None:
        return [Problem("PURCH-RECEIPT-ALREADY-UNDONE", where, params)]
    if row.quantity_invoiced != ZERO:
        return [Problem("PURCH-UNDO-RECEIPT-INVOICED", where, params)]
    if row.drop_shipment:
        return [Problem("PURCH-UNDO-DROP-SHIPMENT", where, params)]
    entry = session.get(ItemLedgerEntry, row.item_ledger_entry_no) if row.item_ledger_entry_no else None
    if entry is not None and entry.remaining_quantity != entry.quantity:
        return [Problem("PURCH-UNDO-RECEIPT-ITEM-USED", where, {**params, "entry_no": entry.entry_no})]
    return []


def _insert_undo(session, receipt: PostedPurchaseReceipt, rows, undo_no, written, user) -> None:
    session.execute(insert(PostedPurchaseReceipt), {
        "no": undo_no, "order_id": receipt.order_id, "order_no": receipt.order_no,
        "vendor_no": receipt.vendor_no, "vendor_name": receipt.vendor_name,
        "ship_to_customer_no": receipt.ship_to_customer_no, "posting_date": receipt.posting_date,
        "document_date": receipt.document_date, "transaction_no": written.transaction_no, "user_id": user})
    session.execute(insert(PostedPurchaseReceiptLine), [
        {**{c.key: getattr(row, c.key) for c in PostedPurchaseReceiptLine.__table__.columns if c.key != "id"},
         "document_no": undo_no, "quantity": -row.quantity, "quantity_invoiced": ZERO,
         "item_ledger_entry_no": written.item_entries.get(row.line_no), "undoes_line_id": row.id}
        for row in rows])
