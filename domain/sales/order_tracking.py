"""Order tracking from a sales order line to its supply (BC "Order Tracking" page).

For one line it shows first what is reserved for it (the item ledger entries on hand, the
purchase, transfer and assembly orders it is reserved against), then the unreserved supply
that would cover the rest of what the line has to ship, in the order it would be reserved:
free stock at the line's location, then open purchase order lines, inbound transfer order lines
and assembly orders by expected date (:mod:`domain.sales.reservation_supply`), each as far as
it is not reserved for another demand; whatever nothing covers is shown as ``untracked``
(BC's "Untracked Quantity"). A read: nothing is reserved or changed.
"""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.identity import access
from domain.inventory import units
from domain.inventory.reservation_model import ReservationEntry
from domain.inventory.reservations import Demand
from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.problems import DomainError, NotFound
from domain.purchasing.model import PurchaseLine
from domain.sales import reservation_supply as supply_rules
from domain.sales.model import SalesHeader, SalesLine


def order_tracking(app: App, no: str, line_no: int) -> list[dict]:
    """The rows of ``report order-tracking``: reserved supply, then the supply that would cover the rest."""
    with app.uow() as session:
        access.require(session, app.user, "reports.read")
        header = session.scalar(select(SalesHeader).where(SalesHeader.no == no))
        if header is None:
            raise NotFound("SALES-DOCUMENT-NOT-FOUND", f"no sales document {no!r}", no=no)
        line = session.scalar(select(SalesLine).where(SalesLine.header_id == header.id, SalesLine.line_no == line_no))
        if line is None:
            raise DomainError("SALES-RESERVE-UNKNOWN-LINE", f"{no} has no line {line_no}", no=no, line_no=line_no)
        base = {"sales_order_no": no, "line_no": line_no, "item_no": line.no, "location": line.location_code}
        outstanding = (units.line_base(session, line, line.quantity - line.quantity_shipped) if line.type == "item"
                       else ZERO)
        rows, left = [], outstanding
        r = ReservationEntry
        for entry in session.scalars(select(r).where(r.sales_line_id == line.id).order_by(r.id)):
            rows.append({**base, "kind": "reserved", **_ref(session, _columns(entry)),
                         "expected_date": supply_rules.expected_date(session, entry), "quantity": entry.quantity})
            left -= entry.quantity
        if left > ZERO and not (line.drop_shipment or line.special_order):
            need = supply_rules.Need(line.no, line.location_code, Demand.sales(line.id), line.serial_no, line.lot_no)
            dates = {_key(cols): date for (date, *_), cols, _ in supply_rules.inbound(session, need)}
            for cols, free in supply_rules.candidates(session, need):
                if left <= ZERO:
                    break
                take = min(free, left)
                left -= take
                rows.append({**base, "kind": "tracked", **_ref(session, cols),
                             "expected_date": dates.get(_key(cols)), "quantity": take})
        if left > ZERO:
            rows.append({**base, "kind": "untracked", **_ref(session, {}), "expected_date": None, "quantity": left})
        return rows


def _key(columns: dict) -> tuple:
    return tuple(sorted(columns.items()))


def _columns(entry: ReservationEntry) -> dict:
    names = ("item_ledger_entry_no", "purchase_line_id", "transfer_order_no", "transfer_line_no", "assembly_order_no")
    return {name: getattr(entry, name) for name in names if getattr(entry, name) is not None}


def _ref(session, columns: dict) -> dict:
    """The supply as (source, document no., document line no., item ledger entry no.)."""
    ref = {"source": None, "document_no": None, "document_line_no": None, "item_ledger_entry_no": None}
    if "item_ledger_entry_no" in columns:
        entry = session.get(ItemLedgerEntry, columns["item_ledger_entry_no"])
        ref.update(source="item_ledger_entry", document_no=entry.document_no,
                   item_ledger_entry_no=entry.entry_no)
    elif "purchase_line_id" in columns:
        po_line = session.get(PurchaseLine, columns["purchase_line_id"])
        ref.update(source="purchase_order_line", document_no=po_line.header.no, document_line_no=po_line.line_no)
    elif "transfer_order_no" in columns:
        ref.update(source="transfer_order_line", document_no=columns["transfer_order_no"],
                   document_line_no=columns["transfer_line_no"])
    elif "assembly_order_no" in columns:
        ref.update(source="assembly_order", document_no=columns["assembly_order_no"])
    return ref

