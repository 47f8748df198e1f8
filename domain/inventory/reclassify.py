"""Lot and serial no. reclassification (BC Item Reclassification Journal, "New Lot No.",
"New Serial No.", "New Expiration Date").

One command posts a transfer-type pair of item ledger entries in one transaction: a
negative entry that takes the old lot (serial) no. out of the open inbound entries that
carry it, and a positive entry with the new no. at the same location that takes the
negative half's cost (its ``applies_to_entry`` names that half, so cost adjustment forwards
any later change, as for a transfer between locations). A lot keeps its expiration date
unless ``--new-expiration-date`` gives another. Reclassifying an expired lot is allowed:
that is how BC corrects an expiration date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing.rules import valuation as costing
from domain.identity import access
from domain.inventory import state as inventory_state
from domain.inventory import tracking_codes
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.posting import ItemPosting, PostingPlan, ValuePlan, inventory_gl_lines, posting_date_problem
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO
from domain.parse import QTY, Reader
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Item
from domain.setup.model.company import Location
from domain.setup.numbers import next_no
from domain.setup.queries import allowed_posting_range, company, setup_tables

MAX_LENGTH = 50


@dataclass(frozen=True)
class ReclassResult:
    document_no: str
    #: the negative entry (old no.), then the positive one (new no.)
    item_entries: list[int]


def reclassify(app: App, request: dict) -> ReclassResult | Rejected:
    """``request``: item_no, serial_no | lot_no, new_serial_no | new_lot_no, quantity (a lot:
    default all of it on hand at the location; a serial no.: 1), location, posting_date,
    new_expiration_date."""
    return access.command(app, "inventory.post", lambda session: _post(session, request, app.user, app.today))


def _read(session: Session, request: dict, user, today) -> tuple[dict, list[Problem]]:
    r = Reader(request)
    comp = company(session)
    item_no = r.text("item_no", required=True)
    row = {"serial_no": r.text("serial_no") or None, "lot_no": r.text("lot_no") or None,
           "new_serial_no": r.text("new_serial_no") or None, "new_lot_no": r.text("new_lot_no") or None,
           "quantity": r.decimal("quantity", places=QTY), "location": r.text("location", default=""),
           "posting_date": r.date("posting_date", default=today(comp.time_zone)),
           "new_expiration_date": r.date("new_expiration_date")}
    problems = r.problems
    item = session.get(Item, item_no) if item_no else None
    if item_no and item is None:
        problems.append(Problem("IJ-UNKNOWN-ITEM", "--item", {"item_no": item_no}))
    elif item is not None and item.type != "inventory":
        problems.append(Problem("IJ-ITEM-NOT-INVENTORY", "--item", {"item_no": item_no}))
    old = (row["serial_no"], row["lot_no"])
    new = (row["new_serial_no"], row["new_lot_no"])
    if sum(1 for v in old if v) != 1 or (row["serial_no"] and row["new_lot_no"]) or \
            (row["lot_no"] and row["new_serial_no"]):
        problems.append(Problem("RECLASS-ONE-NO", "--lot", {}))
    elif not any(new) and row["new_expiration_date"] is None:
        problems.append(Problem("RECLASS-NOTHING-CHANGES", "--new-lot", {}))
    elif any(new) and new == old:
        problems.append(Problem("RECLASS-NOTHING-CHANGES", "--new-lot", {}))
    for name in ("new_serial_no", "new_lot_no"):
        if row[name] and len(row[name]) > MAX_LENGTH:
            problems.append(Problem("SALES-TRACKING-NO-TOO-LONG", f"--{name.replace('_', '-')}", {"max": MAX_LENGTH}))
    if row["quantity"] is not None and row["quantity"] <= ZERO:
        problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", "--qty", {"value": str(row["quantity"])}))
    if row["serial_no"] and row["quantity"] is not None and row["quantity"] != 1:
        problems.append(Problem("IJ-SERIAL-QUANTITY-NOT-ONE", "--qty", {"serial_no": row["serial_no"]}))
    if row["location"] and session.get(Location, row["location"]) is None:
        problems.append(Problem("SETUP-UNKNOWN-LOCATION", "--location", {"location": row["location"]}))
    allowed = allowed_posting_range(session, user)
    date_problem = row["posting_date"] and posting_date_problem(row["posting_date"], allowed[0], allowed[1],
                                                                "--posting-date")
    if date_problem:
        problems.append(date_problem)
    if item is not None and row["new_serial_no"] and serial_on_hand(session, item.no, row["new_serial_no"]):
        problems.append(Problem("IJ-SERIAL-ON-HAND", "--new-serial", {"serial_no": row["new_serial_no"],
                                                                      "item_no": item.no}))
    row["item"] = item
    return row, problems


def serial_on_hand(session: Session, item_no: str, serial_no: str) -> bool:
    """A unit with ``serial_no`` is on hand (anywhere): it cannot be received or renamed to again."""
    ile = ItemLedgerEntry
    return session.scalar(select(ile.entry_no).where(
        ile.item_no == item_no, ile.serial_no == serial_no, ile.open.is_(True), ile.positive.is_(True))
        .limit(1)) is not None


def _post(session: Session, request: dict, user, today) -> ReclassResult | Rejected:
    row, problems = _read(session, request, user, today)
    if problems:
        return Rejected(problems)
    item: Item = row["item"]
    comp = company(session)
    entries = [e for e in inventory_state.open_inbound(session, item.no, row["location"])
               if (row["serial_no"] and e.serial_no == row["serial_no"]) or (row["lot_no"] and e.lot_no == row["lot_no"])]
    on_hand = sum((e.remaining_quantity for e in entries), ZERO)
    quantity = row["quantity"] if row["quantity"] is not None else on_hand
    if not entries or quantity > on_hand:
        return Rejected([Problem("RECLASS-NOT-ON-HAND", "--qty", {
            "item_no": item.no, "tracking_no": row["serial_no"] or row["lot_no"], "location": row["location"] or "-",
            "requested": str(quantity), "available": str(on_hand)})])
    found = costing.apply_outbound(entries, quantity, "fifo", item_no=item.no)
    applications = tuple((entry.entry_no, take) for entry, take in found)
    inventory_state.plan_draws(session, applications)
    average = inventory_state.average_unit_cost(session, item.no) if item.costing_method == "average" else ZERO
    cost = costing.outbound_cost(found, item.costing_method, quantity, average, item.standard_cost, comp.currency)
    old_expiration = tracking_codes.on_hand_expiration(session, item.no, row["serial_no"], row["lot_no"])
    expirations = (old_expiration, row["new_expiration_date"] or old_expiration)
    plan = _plan(item, row, quantity, cost, applications, expirations, session, comp)
    if isinstance(plan, Rejected):
        return plan
    document_no = next_no(session, comp.item_journal_nos)
    written = write_plan(session, plan, DocRef("item_journal", document_no, "RECLASSJNL", user, "", None),
                         comp.automatic_cost_posting)
    return ReclassResult(document_no, list(written.all_item_entries))


def _plan(item: Item, row: dict, quantity: Decimal, cost: Decimal, applications,
          expirations: tuple[dt.date | None, dt.date | None], session: Session, comp) -> PostingPlan | Rejected:
    common = (item.inventory_posting_group, "", item.gen_prod_posting_group, item.description)
    out = ItemPosting(1, item.no, "transfer", row["location"], -quantity, [ValuePlan("direct_cost", -cost)], *common,
                      serial_no=row["serial_no"], lot_no=row["lot_no"], applications=list(applications),
                      expiration_date=expirations[0])
    new_serial = row["new_serial_no"] or (row["serial_no"] if not row["new_lot_no"] else None)
    new_lot = row["new_lot_no"] or (row["lot_no"] if not row["new_serial_no"] else None)
    back = ItemPosting(1, item.no, "transfer", row["location"], quantity, [ValuePlan("direct_cost", cost)], *common,
                       serial_no=new_serial, lot_no=new_lot, applies_from_posting=0, expiration_date=expirations[1])
    plan = PostingPlan("item_journal", row["posting_date"], row["posting_date"], None, item_postings=[out, back])
    if comp.automatic_cost_posting:
        problems: list[Problem] = []
        setup = setup_tables(session)
        for one in plan.item_postings:
            for value in one.values:
                plan.gl_lines += inventory_gl_lines(one, value, setup, problems)
        if problems:
            return Rejected(problems)
    return plan.assert_balanced()


__all__ = ["ReclassResult", "reclassify", "serial_on_hand"]
