"""Post an item journal (BC Item Journal): purchases, sales, adjustments and transfers.

The whole journal posts in one transaction or not at all; every problem of
every row is reported at once. Outbound rows are applied to open inbound
entries by the item's costing method (or fixed, with ``applies_to_entry``) and
valued as :mod:`domain.costing.rules.valuation` says. With Automatic Cost Posting each
value entry posts to G/L at once through BC's account matrix. An item journal
posts cost only: a sale here carries its sales amount on the value entry but
no revenue or receivable (that is the sales document's job, as in BC).

A ``transfer`` row (BC Item Reclassification Journal) moves stock from
``location`` to ``new_location``: an outbound transfer entry applied there by
the costing method and an inbound transfer entry at the new location that takes
its cost (its ``applies_to_entry`` names the outbound half), so cost adjustment
forwards any later change of the source's cost through the transfer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing.rules import valuation as costing
from domain.identity import access
from domain.inventory import reservations, rules, tracking_codes
from domain.inventory import state as inventory_state
from domain.ledger import item_applications
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.posting import PostingPlan, posting_date_problem
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO, round_amount, round_unit_amount
from domain.parse import QTY, UNIT, Reader, Shape, unknown_keys
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Item
from domain.setup.model.company import Location
from domain.setup.numbers import next_no
from domain.setup.queries import allowed_posting_range, company, setup_tables

COLUMNS = ("posting_date", "entry_type", "item_no", "location", "quantity", "unit_cost", "unit_price",
           "applies_to_entry", "document_no", "new_location", "serial_no", "lot_no", "expiration_date")
#: a row's keys (CSV columns): any other is refused (IMPORT-UNKNOWN-KEY); its text is bounded by
#: the item ledger entry's columns. (variant_code and unit_of_measure are not read yet: refused.)
ROW_SHAPE = Shape(COLUMNS, ItemLedgerEntry, {"location": "location_code", "new_location": "location_code"})
ENTRY_TYPES = {"purchase": "purchase", "sale": "sale", "positive_adjustment": "positive_adjmt",
               "negative_adjustment": "negative_adjmt", "transfer": "transfer"}


@dataclass(frozen=True)
class JournalResult:
    document_nos: list[str]
    item_entries: list[int]
    #: per row, the item ledger entries it wrote (a transfer: the sending half, then the receiving half)
    row_entries: list[list[int]] = field(default_factory=list)


def post_journal(app: App, rows: list[dict]) -> JournalResult | Rejected:
    return access.command(app, "inventory.post", lambda session: post_rows(session, rows, app.user))


def unknown_columns(columns) -> list[Problem]:
    """The columns of a journal file that are not journal columns: one problem per column
    (``journal post`` checks the file's header once instead of every row)."""
    return unknown_keys(columns, ROW_SHAPE.keys)


def post_rows(session: Session, rows: list[dict], user: str | None, document_type: str = "item_journal",
              source_code: str = "ITEMJNL", reserved_for: list | None = None) -> JournalResult | Rejected:
    """Post ``rows`` in the caller's unit of work. Physical inventory and transfer orders
    post through here too, with their own document type and source code (BC PHYSINVJNL,
    TRANSFER), so that their entries are valued and applied exactly like the journal's.
    ``reserved_for``: per row, the reservation demand (:class:`domain.inventory.reservations.Demand`)
    whose reserved stock the row may take (a transfer order line's), or None."""
    comp = company(session)
    setup = setup_tables(session)
    allowed = allowed_posting_range(session, user)
    parsed, problems = [], []
    for index, raw in enumerate(rows, start=1):
        row = _parse(session, index, raw, allowed, problems)
        parsed.append(row)
    if not rows:
        problems.append(Problem("IJ-EMPTY-JOURNAL", "rows"))
    if problems:
        return Rejected(problems)
    default_no = None
    docs, entries, per_row = [], [], []
    for index, row in enumerate(parsed, start=1):
        if not row["document_no"]:
            default_no = default_no or next_no(session, comp.item_journal_nos)
            row["document_no"] = default_no
        demand = reserved_for[index - 1] if reserved_for else None
        plan = _plan(session, index, row, comp, setup, problems, demand)
        if plan is None:
            continue
        ref = DocRef(document_type, row["document_no"], source_code, user, "", None)
        written = write_plan(session, plan, ref, comp.automatic_cost_posting)
        entries += written.all_item_entries
        per_row.append(list(written.all_item_entries))
        if row["document_no"] not in docs:
            docs.append(row["document_no"])
        if row["quantity_signed"] > ZERO and row["item"].costing_method == "average":
            session.flush()
            row["item"].unit_cost = round_unit_amount(
                inventory_state.average_unit_cost(session, row["item"].no))
    if problems:
        return Rejected(problems)
    return JournalResult(docs, entries, per_row)


def _parse(session: Session, index: int, raw: dict, allowed, problems: list[Problem]) -> dict:
    r = Reader(raw, f"rows[{index}]", ROW_SHAPE)
    entry_type = r.choice("entry_type", tuple(ENTRY_TYPES), required=True)
    item_no = r.text("item_no", required=True)
    quantity = r.decimal("quantity", required=True, default=ZERO, places=QTY)
    row = {"posting_date": r.date("posting_date", required=True), "entry_type": ENTRY_TYPES.get(entry_type or ""),
           "location": r.text("location", default=""), "quantity": quantity,
           "unit_cost": r.decimal("unit_cost", places=UNIT), "unit_price": r.decimal("unit_price", places=UNIT),
           "applies_to_entry": r.integer("applies_to_entry"), "document_no": r.text("document_no", default=""),
           "new_location": r.text("new_location", default=""),
           "serial_no": r.text("serial_no") or None, "lot_no": r.text("lot_no") or None,
           "expiration_date": r.date("expiration_date")}
    item = session.get(Item, item_no) if item_no else None
    where = f"rows[{index}]"
    if item_no and item is None:
        r.problems.append(Problem("IJ-UNKNOWN-ITEM", f"{where}.item_no", {"item_no": item_no}))
    elif item is not None and item.blocked:
        r.problems.append(Problem("IJ-ITEM-BLOCKED", f"{where}.item_no", {"item_no": item_no}))
    elif item is not None and item.type != "inventory":
        r.problems.append(Problem("IJ-ITEM-NOT-INVENTORY", f"{where}.item_no", {"item_no": item_no}))
    if quantity is not None and quantity <= ZERO:
        r.problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", f"{where}.quantity", {"value": str(quantity)}))
    for name in ("location", "new_location"):
        if row[name] and session.get(Location, row[name]) is None:
            r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", f"{where}.{name}", {"location": row[name]}))
    if row["entry_type"] == "transfer" and (not row["new_location"] or row["new_location"] == row["location"]):
        r.problems.append(Problem("IJ-TRANSFER-SAME-LOCATION" if row["new_location"] else
                                  "IJ-TRANSFER-NEEDS-NEW-LOCATION", f"{where}.new_location",
                                  {"location": row["location"]}))
    elif row["entry_type"] not in (None, "transfer") and row["new_location"]:
        r.problems.append(Problem("IJ-NEW-LOCATION-ONLY-FOR-TRANSFER", f"{where}.new_location",
                                  {"entry_type": entry_type}))
    date = row["posting_date"]
    date_problem = date and posting_date_problem(date, allowed[0], allowed[1], f"{where}.posting_date")
    if date_problem:
        r.problems.append(date_problem)
    _check_tracking(session, row, item, where, r.problems)
    for name in ("unit_cost", "unit_price"):
        if row[name] is not None and row[name] < ZERO:
            r.problems.append(Problem("IJ-NEGATIVE-AMOUNT", f"{where}.{name}", {"value": str(row[name])}))
    problems += r.problems
    inbound = row["entry_type"] in ("purchase", "positive_adjmt")
    row["item"] = item
    row["quantity_signed"] = quantity if inbound else -quantity
    return row


def _check_tracking(session: Session, row: dict, item, where: str, problems: list[Problem]) -> None:
    """BC item tracking, as far as costing needs it: a serial no. is one unit, and only one
    unit with that serial no. can be on hand."""
    serial = row["serial_no"]
    if item is not None:  # an item with an item tracking code needs the numbers its code names
        req = tracking_codes.requirement(session, item)
        lacking = tracking_codes.missing(req, serial, row["lot_no"]) if req.coded else None
        if lacking:
            problems.append(Problem("IJ-TRACKING-REQUIRED", f"{where}.{lacking}_no",
                                    {"item_no": item.no, "tracking": lacking}))
        elif req.coded and req.expiration and row["entry_type"] in ("purchase", "positive_adjmt") \
                and row["expiration_date"] is None:
            problems.append(Problem("IJ-EXPIRATION-REQUIRED", f"{where}.expiration_date", {"item_no": item.no}))
    if not serial:
        return
    if row["quantity"] is not None and row["quantity"] != 1:
        problems.append(Problem("IJ-SERIAL-QUANTITY-NOT-ONE", f"{where}.quantity", {"serial_no": serial}))
    inbound = row["entry_type"] in ("purchase", "positive_adjmt")
    if inbound and item is not None:
        ile = ItemLedgerEntry
        on_hand = session.scalar(select(func.count()).select_from(ile).where(
            ile.item_no == item.no, ile.serial_no == serial, ile.open.is_(True), ile.positive.is_(True)))
        if on_hand:
            problems.append(Problem("IJ-SERIAL-ON-HAND", f"{where}.serial_no",
                                    {"serial_no": serial, "item_no": item.no}))


def _plan(session, index: int, row: dict, comp, setup, problems, demand=None) -> PostingPlan | None:
    """Resolve what the pure planner needs from the database, then plan the line."""
    item: Item = row["item"]
    applications, cost, short = (), ZERO, ZERO
    if row["quantity_signed"] <= ZERO:
        found = _outbound(session, index, row, item, comp, problems, demand)
        if found is None:
            return None
        applications, cost, short = found
    line = rules.JournalLine(
        index, rules.JournalItem(item.no, item.description, item.costing_method, item.unit_cost,
                                 item.standard_cost, item.unit_price, item.inventory_posting_group,
                                 item.gen_prod_posting_group),
        row["entry_type"], row["posting_date"], row["location"], row["new_location"], row["quantity"],
        row["quantity_signed"], row["unit_cost"], row["unit_price"], row["applies_to_entry"], row["serial_no"],
        row["lot_no"], applications, cost, short, row["expiration_date"] or _carried_expiration(session, row))
    plan = rules.plan_journal_line(line, setup, comp.currency, comp.automatic_cost_posting)
    if isinstance(plan, Rejected):
        problems += plan.problems
        return None
    return plan


def _carried_expiration(session, row: dict):
    """A transfer of a lot (unit) keeps its expiration date at the new location."""
    if row["entry_type"] != "transfer" or not (row["serial_no"] or row["lot_no"]):
        return None
    return tracking_codes.on_hand_expiration(session, row["item"].no, row["serial_no"], row["lot_no"])


def _outbound(session, index, row, item: Item, comp, problems, demand=None) -> tuple[tuple, Decimal, Decimal] | None:
    """The inbound entries an outbound line is applied to (by the costing method, or fixed), its
    cost and (Prevent Negative Inventory off) the quantity left open, valued at the unit cost."""
    entries = inventory_state.open_inbound(session, item.no, row["location"], demand)
    short_allowed = row["entry_type"] != "transfer" and not item_applications.prevent_negative_inventory(session)
    found = costing.apply_outbound(entries, row["quantity"], item.costing_method, row["applies_to_entry"],
                                   row["serial_no"], row["lot_no"], item_no=item.no, allow_short=short_allowed)
    if isinstance(found, Problem):
        found = reservations.refusal(session, found, item.no, row["location"], demand)
        problems.append(Problem(found.code, f"rows[{index}]", {**found.params, "item_no": item.no}))
        return None
    applications = tuple((entry.entry_no, take) for entry, take in found)
    inventory_state.plan_draws(session, applications)
    average = inventory_state.average_unit_cost(session, item.no) if item.costing_method == "average" else ZERO
    cost = costing.outbound_cost(found, item.costing_method, row["quantity"], average, item.standard_cost,
                                 comp.currency)
    short = row["quantity"] - sum((take for _, take in applications), ZERO)
    if short and item.costing_method not in ("average", "standard"):
        cost += round_amount(short * item.unit_cost, comp.currency)
    return applications, cost, short
