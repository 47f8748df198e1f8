"""The application worksheet (BC "Application Worksheet"): remove an outbound entry's item
applications and apply it again, to other inbound entries, after posting.

``remove`` takes every application of an outbound entry back (BC "Remove Application"): the
inbound entries get their quantity back and the outbound entry stays open, its remaining
quantity negative, until ``apply`` applies it to inbound entries of the same item and location
with quantity open (BC "Reapply"). A fixed application (an applies-to entry: a return to its
receipt, a sale of a specific entry) is refused, as are transfer entries (their two halves are
one movement), entries in a closed inventory period and a quantity that would leave either entry
with more applied than it has. Each change marks the item for cost adjustment from the earlier
date it touches, so the next ``costs adjust`` (or the automatic one) values the outbound entry
by its new applications; while an outbound entry is open, adjustment leaves its cost alone.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import command
from domain.ledger import item_applications, marks, writer
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.parse import QTY, Reader
from domain.problems import Problem, Rejected

PERMISSION = "costing.run"


def remove(app: App, entry_no: int | str) -> list[dict] | Rejected:
    """Remove the applications of outbound entry ``entry_no``; returns what was removed."""

    def run(session: Session) -> list[dict] | Rejected:
        r = Reader({"entry": str(entry_no)})
        no = _required(r, "entry")
        if r.problems:
            return Rejected(r.problems)
        outbound, problems = _outbound(session, no, "entry")
        if problems:
            return Rejected(problems)
        applied = item_applications.net_applications(session, no)
        if any(fixed for _, _, fixed in applied):
            return Rejected([Problem("COST-APPL-FIXED", "entry", {"entry_no": no})])
        if not applied:
            return Rejected([Problem("COST-APPL-NOTHING-APPLIED", "entry", {"entry_no": no})])
        transaction_no = writer.new_transaction(session, "APPLNWKSH", f"APPL-{no}", app.user)
        inbound_dates = []
        for inbound_no, qty, _ in applied:
            item_applications.change(session, no, inbound_no, -qty, outbound.posting_date, transaction_no)
            inbound_dates.append(session.get(ItemLedgerEntry, inbound_no).posting_date)
        marks.mark_changed(session, {outbound.item_no}, min([outbound.posting_date, *inbound_dates]))
        return [{"outbound_entry_no": no, "inbound_entry_no": i, "quantity": q} for i, q, _ in applied]

    return command(app, PERMISSION, run)


def apply(app: App, outbound_no: int | str, inbound_no: int | str, quantity: str | None = None) -> dict | Rejected:
    """Apply open outbound entry ``outbound_no`` to inbound ``inbound_no``: ``quantity`` or as
    much as both have open."""

    def run(session: Session) -> dict | Rejected:
        r = Reader({"outbound": str(outbound_no), "inbound": str(inbound_no), "qty": quantity})
        out_no, in_no = _required(r, "outbound"), _required(r, "inbound")
        qty = r.decimal("qty", places=QTY)
        if qty is not None and qty <= ZERO:
            r.problems.append(Problem("COST-APPL-BAD-QUANTITY", "qty", {"qty": str(qty)}))
        if r.problems:
            return Rejected(r.problems)
        outbound, problems = _outbound(session, out_no, "outbound")
        if problems:
            return Rejected(problems)
        inbound = session.get(ItemLedgerEntry, in_no)
        session.refresh(outbound)
        if outbound.remaining_quantity >= ZERO:
            return Rejected([Problem("COST-APPL-OUTBOUND-NOT-OPEN", "outbound", {"entry_no": out_no})])
        if inbound is None or inbound.quantity <= ZERO or inbound.item_no != outbound.item_no \
                or inbound.location_code != outbound.location_code:
            return Rejected([Problem("COST-APPL-NOT-INBOUND", "inbound", {
                "entry_no": in_no, "item_no": outbound.item_no, "location": outbound.location_code})])
        session.refresh(inbound)
        take = qty if qty is not None else min(-outbound.remaining_quantity, inbound.remaining_quantity)
        if take <= ZERO or take > inbound.remaining_quantity or take > -outbound.remaining_quantity:
            return Rejected([Problem("COST-APPL-QUANTITY-NOT-OPEN", "qty", {
                "qty": str(take), "outbound_open": str(-outbound.remaining_quantity),
                "inbound_open": str(inbound.remaining_quantity)})])
        closed = marks.closed_through(session)
        if closed is not None and inbound.posting_date <= closed:
            return Rejected([Problem("COST-APPL-CLOSED-PERIOD", "inbound", {
                "entry_no": in_no, "closed_through": str(closed)})])
        transaction_no = writer.new_transaction(session, "APPLNWKSH", f"APPL-{out_no}", app.user)
        item_applications.change(session, out_no, in_no, take, outbound.posting_date, transaction_no)
        marks.mark_changed(session, {outbound.item_no}, min(outbound.posting_date, inbound.posting_date))
        return {"outbound_entry_no": out_no, "inbound_entry_no": in_no, "quantity": take,
                "outbound_open": -(outbound.remaining_quantity + take)}

    return command(app, PERMISSION, run)


def _required(r: Reader, name: str) -> int | None:
    value = r.integer(name)
    if value is None and not any(p.field == name for p in r.problems):
        r.problems.append(Problem("IMPORT-MISSING-FIELD", name))
    return value


def _outbound(session: Session, no: int, field: str) -> tuple[ItemLedgerEntry | None, list[Problem]]:
    entry = session.get(ItemLedgerEntry, no)
    if entry is None or entry.quantity >= ZERO:
        return None, [Problem("COST-APPL-NOT-OUTBOUND", field, {"entry_no": no})]
    if entry.entry_type == "transfer":
        return None, [Problem("COST-APPL-TRANSFER", field, {"entry_no": no})]
    closed = marks.closed_through(session)
    if closed is not None and entry.posting_date <= closed:
        return None, [Problem("COST-APPL-CLOSED-PERIOD", field, {"entry_no": no, "closed_through": str(closed)})]
    return entry, []

