"""Transfer orders (BC Transfer Order): import, ship and receive through an in-transit location.

A shipment posts, per line (and lot / serial no.), a transfer from the Transfer-from
location to the in-transit location; a receipt posts a transfer from the in-transit
location to the Transfer-to location, applied (fixed) to that line's in-transit
entries. Both go through the item journal's transfer posting
(:func:`domain.inventory.journal.post_rows`): the outbound half is valued by the
costing method and the inbound half takes its cost and names it as its
``applies_to_entry``, so cost adjustment forwards a later change of the source's cost
through in-transit to the destination, as BC's transfer entries do.

The posting date of a shipment and a receipt is the order's shipment date unless given.
A line with stock reserved for it (:mod:`domain.sales.order_reservations`) ships its reserved
entries first (fixed application) and may take them; shipping consumes the reservations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.inventory import reservations, series
from domain.inventory import transfer_rules as rules
from domain.inventory.journal import post_rows
from domain.inventory.model import TransferEntry, TransferHeader, TransferLine
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.parse import QTY, Reader, Shape
from domain.problems import NotFound, Problem, Rejected
from domain.setup.model.cards import Item
from domain.setup.model.company import Location

ORDERS = ("TRANSFER", "Transfer orders", "TO-")
SHIPMENTS = ("TRSHIP", "Posted transfer shipments", "TS-")
RECEIPTS = ("TRRCPT", "Posted transfer receipts", "TR-")

#: what an imported transfer order may carry (any other key is refused: IMPORT-UNKNOWN-KEY)
HEADER_SHAPE = Shape({"from_location", "to_location", "in_transit_location", "shipment_date", "lines"},
                     TransferHeader)
LINE_SHAPE = Shape({"item_no", "quantity", "tracking"}, TransferLine)
TRACKING_SHAPE = Shape({"lot_no", "serial_no", "quantity"}, ItemLedgerEntry)


def _tracking(r: Reader, where: str) -> list[rules.Tracking]:
    raw = r.raw("tracking")
    if raw is None:
        return []
    if not isinstance(raw, list):
        r.problems.append(Problem("TRANSFER-TRACKING-NOT-A-LIST", f"{where}.tracking"))
        return []
    specs = []
    for n, one in enumerate(raw, start=1):
        t = Reader(one, f"{where}.tracking[{n}]", TRACKING_SHAPE)
        specs.append(rules.Tracking(t.text("lot_no", default="") or "", t.text("serial_no", default="") or "",
                                    t.decimal("quantity", required=True, default=ZERO, places=QTY)))
        r.problems += t.problems
    return specs


def _read_lines(session: Session, r: Reader) -> list[dict]:
    raw = r.raw("lines", required=True)
    if raw is not None and (not isinstance(raw, list) or not raw):
        r.problems.append(Problem("TRANSFER-NO-LINES", "lines"))
        return []
    lines = []
    for n, data in enumerate(raw or [], start=1):
        where = f"lines[{n}]"
        lr = Reader(data, where, LINE_SHAPE)
        item_no = lr.text("item_no", required=True)
        quantity = lr.decimal("quantity", required=True, default=ZERO, places=QTY)
        tracking = _tracking(lr, where)
        item = session.get(Item, item_no) if item_no else None
        if item_no and item is None:
            lr.problems.append(Problem("IJ-UNKNOWN-ITEM", f"{where}.item_no", {"item_no": item_no}))
        elif item is not None and item.blocked:
            lr.problems.append(Problem("IJ-ITEM-BLOCKED", f"{where}.item_no", {"item_no": item_no}))
        elif item is not None and item.type != "inventory":
            lr.problems.append(Problem("IJ-ITEM-NOT-INVENTORY", f"{where}.item_no", {"item_no": item_no}))
        if quantity is not None and quantity <= ZERO:
            lr.problems.append(Problem("IJ-QUANTITY-NOT-POSITIVE", f"{where}.quantity", {"value": str(quantity)}))
        elif quantity is not None:
            lr.problems += rules.tracking_problems(where, quantity, tracking)
        r.problems += lr.problems
        lines.append({"line_no": n, "item": item, "quantity": quantity, "tracking": tracking})
    return lines


def import_order(app: App, data: dict) -> str | Rejected:
    """A transfer order from a JSON object; its number. Every problem at once, nothing written."""

    def run(session: Session):
        r = Reader(data, shape=HEADER_SHAPE)
        header = {name: r.text(name, required=True, default="") for name in
                  ("from_location", "to_location", "in_transit_location")}
        shipment_date = r.date("shipment_date", required=True)
        flags = dict(session.execute(select(Location.code, Location.use_as_in_transit).where(
            Location.code.in_([v for v in header.values() if v]))).all())
        r.problems += rules.location_problems(header["from_location"], header["to_location"],
                                              header["in_transit_location"], flags)
        lines = _read_lines(session, r)
        if r.problems:
            return Rejected(r.problems)
        no = series.next_document_no(session, *ORDERS)
        session.add(TransferHeader(no=no, shipment_date=shipment_date, status="open", **header))
        session.flush()
        for line in lines:
            session.add(TransferLine(
                order_no=no, line_no=line["line_no"], item_no=line["item"].no, description=line["item"].description,
                quantity=line["quantity"],
                tracking=[{"lot_no": t.lot_no, "serial_no": t.serial_no, "quantity": str(t.quantity)}
                          for t in line["tracking"]]))
        return no

    return access.command(app, "inventory.edit", run)


def _order(session: Session, no: str, for_update: bool = False) -> TransferHeader:
    query = select(TransferHeader).where(TransferHeader.no == no)
    header = session.scalars(lock(session, query) if for_update else query).first()
    if header is None:
        raise NotFound("TRANSFER-NOT-FOUND", f"no transfer order {no!r}", no=no)
    return header


def _lines(session: Session, no: str) -> list[TransferLine]:
    return list(session.scalars(select(TransferLine).where(TransferLine.order_no == no)
                                .order_by(TransferLine.line_no)))


def _states(lines: list[TransferLine]) -> list[rules.LineState]:
    return [rules.LineState(x.line_no, x.quantity, x.quantity_shipped, x.quantity_received) for x in lines]


def _specs(line: TransferLine) -> list[rules.Tracking]:
    return [rules.Tracking(t.get("lot_no") or "", t.get("serial_no") or "", Decimal(t["quantity"]))
            for t in line.tracking or []]


def _entries(session: Session, no: str, line_no: int, kind: str):
    te, ile = TransferEntry, ItemLedgerEntry
    return session.execute(select(te.entry_no, te.quantity, ile.remaining_quantity, ile.lot_no, ile.serial_no,
                                  ile.posting_date)
                           .join(ile, ile.entry_no == te.entry_no)
                           .where(te.order_no == no, te.line_no == line_no, te.kind == kind)
                           .order_by(te.entry_no)).all()


def _available(session: Session, item_no: str, location: str, lot: str, serial: str) -> Decimal:
    ile = ItemLedgerEntry
    query = select(func.sum(ile.remaining_quantity)).where(
        ile.item_no == item_no, ile.location_code == location, ile.open.is_(True), ile.positive.is_(True))
    if lot:
        query = query.where(ile.lot_no == lot)
    if serial:
        query = query.where(ile.serial_no == serial)
    return session.scalar(query) or ZERO


def _row(line: TransferLine, frm: str, to: str, qty: Decimal, date: dt.date,
         document_no: str, lot: str = "", serial: str = "", applies_to: int | None = None) -> dict:
    return {"posting_date": date.isoformat(), "entry_type": "transfer", "item_no": line.item_no, "location": frm,
            "new_location": to, "quantity": str(qty), "document_no": document_no, "lot_no": lot or "",
            "serial_no": serial or "", "applies_to_entry": applies_to}


def ship(app: App, no: str, asked: dict[int, Decimal] | None = None, posting_date: dt.date | None = None):
    """Ship all that is outstanding, or ``asked`` per line no.; the shipment no."""

    def run(session: Session):
        header = _order(session, no, for_update=True)
        lines = _lines(session, no)
        wanted = rules.quantities(_states(lines), asked, receive=False)
        if isinstance(wanted, list):
            return Rejected(wanted)
        date = posting_date or header.shipment_date
        problems: list[Problem] = []
        plan: list[tuple[TransferLine, list[rules.Tracking]]] = []
        for line in lines:
            if line.line_no not in wanted:
                continue
            specs = _specs(line)
            if specs:
                done: dict[tuple[str, str], Decimal] = {}
                for _, qty, _, lot, serial, _ in _entries(session, no, line.line_no, "ship"):
                    done[(lot or "", serial or "")] = done.get((lot or "", serial or ""), ZERO) + qty
                portions = rules.take_tracked(specs, done, wanted[line.line_no])
            else:
                portions = [rules.Tracking("", "", wanted[line.line_no])]
            for portion in portions:
                available = _available(session, line.item_no, header.from_location, portion.lot_no,
                                       portion.serial_no)
                if portion.quantity > available:
                    problems.append(Problem("TRANSFER-MORE-THAN-AVAILABLE", f"--qty {line.line_no}", {
                        "item_no": line.item_no, "location": header.from_location, "quantity": str(portion.quantity),
                        "available": str(available), "tracking": portion.lot_no or portion.serial_no or "-"}))
            plan.append((line, portions))
        if problems:
            return Rejected(problems)
        document_no = series.next_document_no(session, *SHIPMENTS)
        rows, owners, demands, used = [], [], [], {}
        for line, portions in plan:
            demand = reservations.Demand.transfer(no, line.line_no)
            for portion in portions:  # the line's reserved entries first (fixed application), then the rest
                for entry_no, qty in reservations.split_reserved(session, demand, portion.quantity, portion.lot_no,
                                                                 portion.serial_no, used):
                    rows.append(_row(line, header.from_location, header.in_transit_location, qty, date,
                                     document_no, portion.lot_no, portion.serial_no, applies_to=entry_no))
                    owners.append((line, qty))
                    demands.append(demand)
        result = _post(session, app, header, lines, rows, owners, document_no, "ship", demands)
        if not isinstance(result, Rejected):
            for row, demand in zip(rows, demands, strict=True):
                if row["applies_to_entry"] is not None:
                    reservations.consume(session, demand, [(row["applies_to_entry"], Decimal(row["quantity"]))])
            for line, _ in plan:
                reservations.trim(session, reservations.Demand.transfer(no, line.line_no),
                                  line.quantity - line.quantity_shipped)
        return result

    return access.command(app, "inventory.post", run)


def receive(app: App, no: str, asked: dict[int, Decimal] | None = None, posting_date: dt.date | None = None):
    """Receive all that is shipped and not yet received, or ``asked`` per line no.; the receipt no."""

    def run(session: Session):
        header = _order(session, no, for_update=True)
        lines = _lines(session, no)
        wanted = rules.quantities(_states(lines), asked, receive=True)
        if isinstance(wanted, list):
            return Rejected(wanted)
        date = posting_date or header.shipment_date
        document_no = series.next_document_no(session, *RECEIPTS)
        rows, owners = [], []
        for line in lines:
            if line.line_no not in wanted:
                continue
            in_transit = _entries(session, no, line.line_no, "ship")
            tracking = {entry_no: (lot or "", serial or "") for entry_no, _, _, lot, serial, _ in in_transit}
            shipped_on = {entry_no: shipped for entry_no, _, _, _, _, shipped in in_transit}
            open_entries = [(entry_no, remaining) for entry_no, _, remaining, *_ in in_transit if remaining > ZERO]
            for entry_no, qty in rules.take_in_transit(open_entries, wanted[line.line_no]):
                if shipped_on[entry_no] > date:
                    return Rejected([Problem("TRANSFER-RECEIPT-BEFORE-SHIPMENT", "--posting-date", {
                        "date": date.isoformat(), "shipped": shipped_on[entry_no].isoformat()})])
                lot, serial = tracking[entry_no]
                rows.append(_row(line, header.in_transit_location, header.to_location, qty, date,
                                 document_no, lot, serial, applies_to=entry_no))
                owners.append((line, qty))
        return _post(session, app, header, lines, rows, owners, document_no, "receive")

    return access.command(app, "inventory.post", run)


def _post(session: Session, app: App, header: TransferHeader, lines: list[TransferLine], rows: list[dict],
          owners: list[tuple[TransferLine, Decimal]], document_no: str, kind: str, demands: list | None = None):
    document_type = "transfer_ship" if kind == "ship" else "transfer_rcpt"
    result = post_rows(session, rows, app.user, document_type, "TRANSFER", demands)
    if isinstance(result, Rejected):
        return result
    for (line, qty), entries in zip(owners, result.row_entries, strict=True):
        session.add(TransferEntry(order_no=header.no, line_no=line.line_no, kind=kind, document_no=document_no,
                                  entry_no=entries[-1], quantity=qty))
        if kind == "ship":
            line.quantity_shipped = line.quantity_shipped + qty
        else:
            line.quantity_received = line.quantity_received + qty
            reservations.receive_transfer(session, [(header.no, line.line_no, entries[-1], qty)])
    if all(x.quantity_received == x.quantity for x in lines):
        header.status = "received"
    elif all(x.quantity_shipped == x.quantity for x in lines):
        header.status = "shipped"
    return document_no


def list_orders(app: App) -> list[dict]:
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        headers = list(session.scalars(select(TransferHeader).order_by(TransferHeader.no)))
        return [_header(h) for h in headers]


def _header(h: TransferHeader) -> dict:
    return {"no": h.no, "from_location": h.from_location, "to_location": h.to_location,
            "in_transit_location": h.in_transit_location, "shipment_date": h.shipment_date, "status": h.status}


def show(app: App, no: str) -> dict:
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        header = _order(session, no)
        return {**_header(header), "lines": [
            {"line_no": x.line_no, "item_no": x.item_no, "description": x.description, "quantity": x.quantity,
             "quantity_shipped": x.quantity_shipped, "quantity_received": x.quantity_received,
             "in_transit": x.quantity_shipped - x.quantity_received, "tracking": list(x.tracking or [])}
            for x in _lines(session, no)]}
