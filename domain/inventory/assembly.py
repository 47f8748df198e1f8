"""Assembly orders (BC "Assemble Items", assemble to stock): import, show, post.

An order names the parent item, the quantity, the location and the due date (optionally
the output's lot / serial nos.); its lines are the parent's BOM copied when the order is
made (BC copies the BOM into the Assembly Lines), each with the quantity the order needs.
Posting (all that remains, or ``qty``) consumes each component at the order's location,
applied to its stock by the component's costing method (split per lot / serial no. of the
stock drawn, so item tracing follows the lot), and outputs the parent at the consumed
cost. The consumption and output entries of a posting carry the order's no. as their
document no. (document type ``assembly``) and share one transaction no.: that is the link
cost adjustment (:mod:`domain.costing.assembly_link`) and item tracing follow from the
components to the output. A component short at the location
refuses the posting (ASM-COMPONENT-SHORT), naming what is needed and what is there.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.costing.rules import valuation as costing
from domain.db import lock
from domain.identity import access
from domain.inventory import assembly_bom as boms
from domain.inventory import assembly_rules as rules
from domain.inventory import reservations, reserved_draws, series
from domain.inventory import state as inventory_state
from domain.inventory.assembly_model import AssemblyHeader, AssemblyLine, Resource
from domain.ledger.model import ItemLedgerEntry
from domain.ledger.rules.posting import posting_date_problem
from domain.ledger.writer import DocRef, write_plan
from domain.money import ZERO, round_amount, round_unit_amount
from domain.parse import QTY, Reader, Shape
from domain.problems import NotFound, Problem, Rejected
from domain.setup.model.cards import Item
from domain.setup.model.company import Location
from domain.setup.queries import allowed_posting_range, company, setup_tables

ORDERS = ("ASSEMBLY", "Assembly orders", "AO-")
SHAPE = Shape(("item_no", "quantity", "location", "due_date", "tracking"), AssemblyHeader,
              {"location": "location_code"})
TRACKING_SHAPE = Shape(("lot_no", "serial_no", "quantity"), ItemLedgerEntry)


def _tracking(r: Reader) -> list[rules.Tracking]:
    raw = r.raw("tracking")
    if raw is None:
        return []
    if not isinstance(raw, list):
        r.problems.append(Problem("ASM-TRACKING-NOT-A-LIST", "tracking"))
        return []
    specs = []
    for n, one in enumerate(raw, start=1):
        t = Reader(one, f"tracking[{n}]", TRACKING_SHAPE)
        specs.append(rules.Tracking(t.text("lot_no", default="") or "", t.text("serial_no", default="") or "",
                                    t.decimal("quantity", required=True, default=ZERO, places=QTY)))
        r.problems += t.problems
    return specs


def import_order(app: App, data: dict) -> str | Rejected:
    """An assembly order from a JSON object; its number. Every problem at once, nothing written."""

    def run(session: Session):
        r = Reader(data, "", SHAPE)
        item_no = r.text("item_no", required=True)
        quantity = r.decimal("quantity", required=True, default=ZERO, places=QTY)
        location = r.text("location", default="") or ""
        due_date = r.date("due_date", required=True)
        tracking = _tracking(r)
        item = session.get(Item, item_no) if item_no else None
        if item_no and item is None:
            r.problems.append(Problem("IJ-UNKNOWN-ITEM", "item_no", {"item_no": item_no}))
        elif item is not None and item.blocked:
            r.problems.append(Problem("IJ-ITEM-BLOCKED", "item_no", {"item_no": item_no}))
        elif item is not None and item.type != "inventory":
            r.problems.append(Problem("IJ-ITEM-NOT-INVENTORY", "item_no", {"item_no": item_no}))
        elif item is not None and not boms.has_bom(session, item.no):
            r.problems.append(Problem("ASM-NO-BOM", "item_no", {"item_no": item_no}))
        if location and session.get(Location, location) is None:
            r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", "location", {"location": location}))
        if quantity is not None and quantity <= ZERO:
            r.problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", "quantity", {"value": str(quantity)}))
        elif quantity is not None:
            r.problems += rules.tracking_problems(quantity, tracking)
        if r.problems:
            return Rejected(r.problems)
        return new_order(session, item, quantity, location, due_date, [
            {"lot_no": t.lot_no, "serial_no": t.serial_no, "quantity": str(t.quantity)} for t in tracking])

    return access.command(app, "inventory.edit", run)


def new_order(session: Session, item: Item, quantity: Decimal, location: str, due_date: dt.date,
              tracking: list[dict] | None = None, **link) -> str:
    """An open order for ``quantity`` of ``item`` with its BOM copied into its lines (checked
    by the caller); ``link``: the sales order line of an assemble-to-order order."""
    no = series.next_document_no(session, *ORDERS)
    session.add(AssemblyHeader(no=no, item_no=item.no, description=item.description, quantity=quantity,
                               quantity_assembled=ZERO, location_code=location, due_date=due_date, status="open",
                               tracking=tracking or [], **link))
    session.flush()
    for line in boms.components(session, item.no):
        if line.type == "resource":
            description = session.get(Resource, line.resource_no).name
        else:
            description = session.get(Item, line.component_item_no).description
        session.add(AssemblyLine(order_no=no, line_no=line.line_no, type=line.type,
                                 item_no=line.component_item_no, resource_no=line.resource_no,
                                 description=description, quantity_per=line.quantity_per,
                                 quantity=rules.component_need(line.quantity_per, quantity),
                                 consumed_quantity=ZERO))
    return no


def order(session: Session, no: str, for_update: bool = False) -> AssemblyHeader:
    query = select(AssemblyHeader).where(AssemblyHeader.no == no)
    header = session.scalars(lock(session, query) if for_update else query).first()
    if header is None:
        raise NotFound("ASM-ORDER-NOT-FOUND", f"no assembly order {no!r}", no=no)
    return header


def order_lines(session: Session, no: str) -> list[AssemblyLine]:
    return list(session.scalars(select(AssemblyLine).where(AssemblyLine.order_no == no)
                                .order_by(AssemblyLine.line_no)))


def available(session: Session, item_no: str, location: str) -> Decimal:
    """On hand of ``item_no`` at ``location`` (open inbound entries' remaining quantity)."""
    ile = ItemLedgerEntry
    return session.scalar(select(func.sum(ile.remaining_quantity)).where(
        ile.item_no == item_no, ile.location_code == location, ile.open.is_(True),
        ile.positive.is_(True))) or ZERO


def _plan_item(item: Item) -> rules.PlanItem:
    return rules.PlanItem(item.no, item.description, item.costing_method, item.standard_cost,
                          item.inventory_posting_group, item.gen_prod_posting_group)


def _consume(session: Session, line: AssemblyLine, item: Item, quantity: Decimal, location: str,
             currency: str) -> list[rules.Consumption] | Problem:
    """What consuming ``quantity`` of a component takes: per lot / serial no. of the stock drawn
    (costing method order), its applications and cost."""
    if item.blocked:  # BC: a blocked item cannot be consumed
        return Problem("IJ-ITEM-BLOCKED", f"lines[{line.line_no}]", {"item_no": item.no})
    found = reserved_draws.apply_reserved_first(session, item, location, quantity,
                                                reservations.Demand.assembly(line.order_no, line.line_no))
    if isinstance(found, Problem) and found.code != "INV-INSUFFICIENT-QUANTITY":
        return Problem(found.code, f"lines[{line.line_no}]", {**found.params, "item_no": item.no})
    if isinstance(found, Problem):
        return Problem("ASM-COMPONENT-SHORT", f"lines[{line.line_no}]", {
            "item_no": item.no, "location": location or "-", "needed": str(quantity),
            "available": str(available(session, item.no, location))})
    groups: dict[tuple[str, str], list] = {}
    for entry, take in found:
        groups.setdefault((entry.lot_no or "", entry.serial_no or ""), []).append((entry, take))
    average = inventory_state.average_unit_cost(session, item.no) if item.costing_method == "average" else ZERO
    result = []
    for (lot, serial), drawn in groups.items():
        qty = sum((take for _, take in drawn), ZERO)
        applications = tuple((entry.entry_no, take) for entry, take in drawn)
        inventory_state.plan_draws(session, applications)
        cost = costing.outbound_cost(drawn, item.costing_method, qty, average, item.standard_cost, currency)
        result.append(rules.Consumption(line.line_no, _plan_item(item), qty, applications, cost, lot, serial))
    return result


def _take_lines(session: Session, header: AssemblyHeader, lines: list[AssemblyLine], take: Decimal, currency: str,
                problems: list[Problem]) -> tuple[list[rules.Consumption], dict[int, Decimal], Decimal]:
    """What posting ``take`` consumes per component line, the resource lines' quantities and
    their cost; the last posting takes what the lines have left (no rounding residue)."""
    consumptions: list[rules.Consumption] = []
    used: dict[int, Decimal] = {}
    resource_cost = ZERO
    last = take == header.quantity - header.quantity_assembled
    for line in lines:
        need = line.quantity - line.consumed_quantity if last else rules.component_need(line.quantity_per, take)
        if line.type == "resource":
            used[line.line_no] = need
            resource_cost += round_amount(need * session.get(Resource, line.resource_no).unit_cost, currency)
            continue
        found = _consume(session, line, session.get(Item, line.item_no), need, header.location_code, currency)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            consumptions += found
    return consumptions, used, resource_cost


def post(app: App, no: str, qty: Decimal | None = None, posting_date: dt.date | None = None) -> dict | Rejected:
    """Post all that remains of order ``no`` (or ``qty`` of it): what was posted."""

    def run(session: Session):
        header = order(session, no, for_update=True)
        if header.sales_order_no:  # BC: an assemble-to-order order posts with its sales line's shipment
            return Rejected([Problem("ASM-ORDER-ASSEMBLE-TO-ORDER", "no", {
                "no": no, "sales_order_no": header.sales_order_no, "line_no": header.sales_order_line_no})])
        take = rules.quantity_to_post(header.quantity, header.quantity_assembled, qty)
        if isinstance(take, Problem):
            return Rejected([take])
        return post_take(session, header, take, posting_date or header.due_date, app.user, "--posting-date")

    return access.command(app, "inventory.post", run)


def post_take(session: Session, header: AssemblyHeader, take: Decimal, date: dt.date, user: str | None,
              date_field: str = "posting_date") -> dict | Rejected:
    """Post ``take`` of the locked order ``header`` on ``date`` in the caller's transaction:
    what was posted (``outputs``: the output entries' (entry no., quantity)), or every problem."""
    start, end = allowed_posting_range(session, user)
    problems = [p for p in [posting_date_problem(date, start, end, date_field)] if p]
    comp, lines = company(session), order_lines(session, header.no)
    consumptions, used, resource_cost = _take_lines(session, header, lines, take, comp.currency, problems)
    parent = session.get(Item, header.item_no)
    output = rules.take_tracked(tracking_specs(header), _output_done(session, header), take)
    problems += _serial_problems(session, parent.no, output)
    if problems:
        return Rejected(problems)
    plan = rules.plan_posting(date, header.location_code, _plan_item(parent), take, consumptions, output,
                              setup_tables(session), comp.currency, comp.automatic_cost_posting, resource_cost)
    if isinstance(plan, Rejected):
        return plan
    written = write_plan(session, plan, DocRef("assembly", header.no, "ASSEMBLY", user, "item", parent.no),
                         comp.automatic_cost_posting)
    for line in lines:
        line.consumed_quantity += used.get(line.line_no) or sum(
            (c.quantity for c in consumptions if c.line_no == line.line_no), ZERO)
    _follow_reservations(session, header, lines, consumptions, written.all_item_entries)
    header.quantity_assembled += take
    if header.quantity_assembled == header.quantity:
        header.status = "assembled"
    if parent.costing_method == "average":
        session.flush()
        parent.unit_cost = round_unit_amount(inventory_state.average_unit_cost(session, parent.no))
    entries = list(written.all_item_entries)
    outputs = [(e.entry_no, e.quantity) for e in session.scalars(
        select(ItemLedgerEntry).where(ItemLedgerEntry.entry_no.in_(entries), ItemLedgerEntry.entry_type == rules.OUTPUT)
        .order_by(ItemLedgerEntry.entry_no))]
    return {"no": header.no, "quantity_posted": take, "quantity_assembled": header.quantity_assembled,
            "status": header.status, "item_entries": entries, "outputs": outputs}


def _follow_reservations(session: Session, header: AssemblyHeader, lines: list[AssemblyLine],
                         consumptions: list[rules.Consumption], entry_nos) -> None:
    """The components' reservations shrink by what was consumed (and to what is still needed);
    the reservations against the order's output move onto the output entries."""
    for c in consumptions:
        reservations.consume(session, reservations.Demand.assembly(header.no, c.line_no), c.applications)
    for line in lines:
        if line.type == "item":
            reservations.trim(session, reservations.Demand.assembly(header.no, line.line_no),
                              line.quantity - line.consumed_quantity)
    ile = ItemLedgerEntry
    outputs = session.execute(select(ile.entry_no, ile.quantity).where(
        ile.entry_no.in_(list(entry_nos)), ile.entry_type == rules.OUTPUT).order_by(ile.entry_no)).all()
    reservations.receive_assembly(session, header.no, [(no, qty) for no, qty in outputs])


def tracking_specs(header: AssemblyHeader) -> list[rules.Tracking]:
    return [rules.Tracking(t.get("lot_no") or "", t.get("serial_no") or "", Decimal(t["quantity"]))
            for t in header.tracking or []]


def _output_done(session: Session, header: AssemblyHeader) -> dict[tuple[str, str], Decimal]:
    """What earlier postings of the order output, per (lot, serial)."""
    ile = ItemLedgerEntry
    done: dict[tuple[str, str], Decimal] = {}
    for lot, serial, qty in session.execute(
            select(ile.lot_no, ile.serial_no, ile.quantity).where(
                ile.entry_type == rules.OUTPUT, ile.document_type == "assembly", ile.document_no == header.no)):
        key = (lot or "", serial or "")
        done[key] = done.get(key, ZERO) + qty
    return done


def _serial_problems(session: Session, item_no: str, output: list[rules.Tracking]) -> list[Problem]:
    ile, problems = ItemLedgerEntry, []
    for portion in output:
        if portion.serial_no and session.scalar(select(func.count()).select_from(ile).where(
                ile.item_no == item_no, ile.serial_no == portion.serial_no, ile.open.is_(True),
                ile.positive.is_(True))):
            problems.append(Problem("IJ-SERIAL-ON-HAND", "tracking", {"serial_no": portion.serial_no,
                                                                      "item_no": item_no}))
    return problems


def _header(h: AssemblyHeader) -> dict:
    return {"no": h.no, "item_no": h.item_no, "description": h.description, "quantity": h.quantity,
            "quantity_assembled": h.quantity_assembled, "remaining": h.quantity - h.quantity_assembled,
            "location": h.location_code, "due_date": h.due_date, "status": h.status,
            "assemble_to_order": bool(h.sales_order_no), "sales_order_no": h.sales_order_no,
            "sales_order_line_no": h.sales_order_line_no}


def list_orders(app: App) -> list[dict]:
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        return [_header(h) for h in session.scalars(select(AssemblyHeader).order_by(AssemblyHeader.no))]


def show(app: App, no: str) -> dict:
    """The order and, per component, what the rest of the order needs and what is available
    at its location (BC Assembly Availability: Able to Assemble, the shortage per line)."""
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        return describe(session, no)


def describe(session: Session, no: str) -> dict:
    """:func:`show` in the caller's session."""
    header = order(session, no)
    remaining = header.quantity - header.quantity_assembled
    lines, able = [], remaining
    for x in order_lines(session, no):
        need = x.quantity - x.consumed_quantity
        row = {"line_no": x.line_no, "type": x.type, "item_no": x.item_no, "resource_no": x.resource_no,
               "description": x.description, "quantity_per": x.quantity_per, "quantity": x.quantity,
               "consumed_quantity": x.consumed_quantity, "remaining_quantity": need,
               "available": None, "shortage": ZERO}
        if x.type == "item":  # a resource's time is not stock: never short
            on_hand = available(session, x.item_no, header.location_code)
            row.update(available=on_hand, shortage=need - min(need, on_hand))
            able = min(able, rules.able_to_assemble(on_hand, x.quantity_per))
        lines.append(row)
    return {**_header(header), "able_to_assemble": max(able, ZERO), "tracking": list(header.tracking or []),
            "lines": lines}
