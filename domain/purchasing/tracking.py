"""Item tracking on purchase lines (BC Item Tracking Lines on purchase documents).

A purchase line (invoice, order, credit memo, return order) takes ``tracking``: a list of
``{serial_no | lot_no, quantity, expiration_date}``, several per line (ten serial numbers on
a line of quantity 10). Read and checked at import (:func:`read_tracking`), checked again
against the stock when the document posts (:func:`posting_portions`): an item with an item
tracking code needs its serial/lot no. (and expiration date when the code requires one) on
every line; a serial no. on hand cannot be received again; a credit memo or return order
takes back only serial/lot nos. on hand at the line's location, each portion applied to the
entries that carry it. Items without a code are tracked as before (nothing required on
purchases; serial/lot optional).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.costing.rules import valuation as costing
from domain.inventory import costs as inventory_costs
from domain.inventory import reclassify, tracking_codes
from domain.inventory import state as inventory_state
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.order_posting import ReceiptLine
from domain.parse import QTY, Reader, unknown_keys
from domain.problems import Problem
from domain.purchasing.receipt_model import PostedPurchaseReceiptLine
from domain.purchasing.rules.tracking import Portion, from_stored, portion_problems, take_portions
from domain.setup.model.cards import Item

MAX_LENGTH = 50
#: documents whose lines send items back to the vendor
OUTBOUND = ("credit_memo", "return_order")


def read_tracking(r: Reader, line_no: int, single_quantity: Decimal | None = None) -> list[Portion]:
    """The line's ``tracking`` portions as read; problems go to ``r``. The one reader of the
    ``tracking`` key for purchase and sales lines (:mod:`domain.sales.tracking` reads it here);
    ``single_quantity``: the quantity of a lone lot portion that names none (the sales line's)."""
    where = f"lines[{line_no}]"
    raw = r.raw("tracking")
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        r.problems.append(Problem("IMPORT-NOT-AN-OBJECT", f"{where}.tracking"))
        return []
    portions = []
    for n, one in enumerate(raw, start=1):
        t = Reader(one, f"{where}.tracking[{n}]")
        t.problems += unknown_keys(one, ("serial_no", "lot_no", "quantity", "expiration_date"),
                                   f"{where}.tracking[{n}]")
        default = Decimal(1) if one.get("serial_no") else single_quantity if len(raw) == 1 else None
        portion = Portion(t.text("serial_no") or None, t.text("lot_no") or None,
                          t.decimal("quantity", default=default, required=default is None, places=QTY)
                          or Decimal(0),
                          t.date("expiration_date"))
        for name in ("serial_no", "lot_no"):
            value = getattr(portion, name)
            if value and len(value) > MAX_LENGTH:
                t.problems.append(Problem("SALES-TRACKING-NO-TOO-LONG", f"{where}.tracking[{n}].{name}",
                                          {"max": MAX_LENGTH}))
        r.problems.extend(t.problems)
        portions.append(portion)
    return portions


def line_problems(session: Session, doc_type: str, line_no: int, line_type: str, item: Item | None,
                  quantity: Decimal | None, portions: list[Portion], fixed_entry: int | None) -> list[Problem]:
    """At import: tracking only on inventory items; the portions add up; a tracked item's line
    names what its code requires."""
    where = f"lines[{line_no}]"
    if portions and (line_type != "item" or item is None or item.type != "inventory"):
        return [Problem("PURCH-TRACKING-NOT-INVENTORY", f"{where}.tracking", {"line_no": line_no})]
    if item is None or item.type != "inventory" or line_type != "item":
        return []
    problems = portion_problems(where, line_no, quantity, portions)
    req = tracking_codes.requirement(session, item)
    if not req.coded or (doc_type in OUTBOUND and fixed_entry is not None):
        return problems
    lacking = {tracking_codes.missing(req, p.serial_no, p.lot_no) for p in portions} - {None}
    if not portions or lacking:
        what = "serial" if req.serial else "lot"
        problems.append(Problem("PURCH-TRACKING-REQUIRED", f"{where}.tracking", {
            "line_no": line_no, "item_no": item.no, "tracking": next(iter(lacking), what)}))
    if req.expiration and doc_type not in OUTBOUND and any(p.expiration_date is None for p in portions):
        problems.append(Problem("PURCH-EXPIRATION-REQUIRED", f"{where}.tracking", {
            "line_no": line_no, "item_no": item.no}))
    return problems


def inbound_problems(session: Session, line_no: int, item_no: str, portions: list[Portion]) -> list[Problem]:
    """A serial no. on hand cannot come in again (BC: "Serial No. is already on inventory")."""
    return [Problem("PURCH-SERIAL-ON-HAND", f"lines[{line_no}].tracking",
                    {"line_no": line_no, "item_no": item_no, "serial_no": p.serial_no})
            for p in portions if p.serial_no and reclassify.serial_on_hand(session, item_no, p.serial_no)]


def outbound_portions(session: Session, line_no: int, item: Item, location: str, portions: list[Portion],
                      problems: list[Problem], posting_date: dt.date | None = None) -> list[Portion]:
    """Each portion of a line that sends items back, applied to the open entries carrying its
    serial/lot no. at ``location``; one not on hand is a problem, and so is one that expired
    before ``posting_date`` when the item's code has Strict Expiration Posting. Each carries
    the expiration date of the entries it is applied to."""
    out = []
    req = tracking_codes.requirement(session, item) if posting_date is not None else None
    for p in portions:
        if req is not None and (late := _expired(session, line_no, item, p, req, posting_date)):
            problems.append(late)
            continue
        entries = inventory_state.open_inbound(session, item.no, location)
        found = costing.apply_outbound(entries, p.quantity, item.costing_method, None, p.serial_no, p.lot_no,
                                       item_no=item.no)
        if isinstance(found, Problem):
            problems.append(Problem("PURCH-TRACKING-NOT-ON-HAND", f"lines[{line_no}].tracking", {
                "line_no": line_no, "item_no": item.no, "tracking_no": p.number, "location": location or "-"}))
            continue
        applications = tuple((entry.entry_no, qty) for entry, qty in found)
        inventory_state.plan_draws(session, applications)
        expires = tracking_codes.entries_expiration(session, (no for no, _ in applications))
        out.append(Portion(p.serial_no, p.lot_no, p.quantity, expires or p.expiration_date, applications))
    return out


def _expired(session: Session, line_no: int, item: Item, p: Portion, req, posting_date: dt.date) -> Problem | None:
    date = tracking_codes.on_hand_expiration(session, item.no, p.serial_no, p.lot_no)
    if not tracking_codes.expired(req, date, posting_date):
        return None
    return Problem("PURCH-TRACKING-EXPIRED", f"lines[{line_no}].tracking", {
        "line_no": line_no, "item_no": item.no, "tracking_no": p.number, "expiration_date": date.isoformat(),
        "posting_date": posting_date.isoformat()})


def missing_problems(session: Session, doc_type: str, line, item: Item) -> list[Problem]:
    """At posting: a line without tracking of an item whose code requires it (the code was
    given after the draft was made, or the draft came from elsewhere) does not post."""
    if line.tracking or (doc_type in OUTBOUND and line.applies_to_item_entry is not None):
        return []
    req = tracking_codes.requirement(session, item)
    if not req.coded or not req.tracked:
        return []
    return [Problem("PURCH-TRACKING-REQUIRED", f"lines[{line.line_no}].tracking", {
        "line_no": line.line_no, "item_no": item.no, "tracking": "serial" if req.serial else "lot"})]


def posting_portions(session: Session, doc_type: str, line, item: Item, problems: list[Problem]) -> list[Portion]:
    """The line's portions as posting needs them, checked against the stock now."""
    portions = from_stored(line.tracking)
    if not portions:
        return []
    mismatch = portion_problems(f"lines[{line.line_no}]", line.line_no, line.quantity, portions)
    if mismatch:  # the line was edited after its tracking was given
        problems += mismatch
        return []
    if doc_type in OUTBOUND:
        return outbound_portions(session, line.line_no, item, line.location_code, portions, problems,
                                 line.header.posting_date)
    problems += inbound_problems(session, line.line_no, item.no, portions)
    return portions


def taken_before(session: Session, line, sign: Decimal = Decimal(1)) -> dict:
    """Per (serial, lot) no., how much of order line ``line`` earlier receipts (``sign`` -1:
    return shipments) took, less what undoing them gave back."""
    rl, ile = PostedPurchaseReceiptLine, ItemLedgerEntry
    rows = session.execute(select(ile.serial_no, ile.lot_no, func.sum(rl.quantity)).join(
        ile, ile.entry_no == rl.item_ledger_entry_no).where(rl.order_line_id == line.id)
        .group_by(ile.serial_no, ile.lot_no)).all()
    return {(serial, lot): sign * qty for serial, lot, qty in rows}


def receipt_rows(session: Session, header, taken) -> list[tuple]:
    """A receipt's lines: (order line, quantity, receipt line no., portion or None). An untracked
    line is one receipt line numbered as the order line; a tracked line is one receipt line per
    portion it takes now (BC: one item ledger entry per serial/lot), the first numbered as the
    order line, the others after the order's last line no., so that every receipt line (and
    the item ledger entry it wrote) is invoiced on its own."""
    rows, extra = [], max((line.line_no for line in header.lines), default=0)
    for line, qty in taken:
        portions = take_portions(from_stored(line.tracking), taken_before(session, line), qty) \
            if line.tracking else []
        if not portions:
            rows.append((line, qty, line.line_no, None))
            continue
        for index, portion in enumerate(portions):
            if index:
                extra += 1
            rows.append((line, portion.quantity, extra if index else line.line_no, portion))
    return rows


def return_lines(session: Session, line, qty: Decimal, currency: str, numbers: list[int],
                 problems: list[Problem]) -> list[ReceiptLine]:
    """A return shipment of ``qty`` of a tracked return order line: the portions it takes now,
    each applied to the open entries carrying its serial/lot no. at the line's location, one
    shipment line (and item ledger entry) per entry drawn, at that entry's exact cost.
    ``numbers`` holds the last shipment line no. used (the first row keeps the order line's no.)."""
    item = session.get(Item, line.no)
    portions = take_portions(from_stored(line.tracking), taken_before(session, line, Decimal(-1)), qty)
    out = []
    for portion in outbound_portions(session, line.line_no, item, line.location_code, portions, problems,
                                     line.header.posting_date):
        for entry_no, take in portion.applications:
            actual, expected = inventory_costs.entry_cost(session, entry_no)
            entry_qty = session.get(ItemLedgerEntry, entry_no).quantity
            cost = inventory_costs.share(actual + expected, take, entry_qty, currency)
            if out:
                numbers[0] += 1
            out.append(ReceiptLine(numbers[0] if out else line.line_no, item.no, line.description,
                                   line.location_code, -take, -cost, item.inventory_posting_group,
                                   line.gen_prod_posting_group, applies_to_entry=entry_no,
                                   serial_no=portion.serial_no, lot_no=portion.lot_no,
                                   expiration_date=portion.expiration_date))
    return out


__all__ = ["missing_problems", "return_lines", "receipt_rows", "read_tracking", "line_problems", "inbound_problems", "outbound_portions", "posting_portions"]
