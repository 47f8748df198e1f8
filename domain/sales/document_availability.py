"""Open invoices, credit memos and return orders in availability (the issue's "open invoices").

A draft invoice or credit memo with item lines moves stock when it posts, and so does an open
return order when its return is shipped (received). Business Central counts return orders
(Qty. on Purch. Return / Qty. on Sales Return); ledgerflow also counts the drafts of invoices
and credit memos, whose posting moves stock directly: a purchase invoice is supply, a sales
invoice demand, a purchase credit memo or return order demand, a sales credit memo or return
order supply. Lines already received or shipped (an invoice of receipt or shipment lines) and
drop shipments are left out; a draft's date is its posting date. Each kind of line is one
column select of (source, document no., date, line no., location, signed quantity, unit), the
shape :func:`domain.sales.availability.order_sources` reads together with one UNION ALL.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Select, String, func, literal, select, type_coerce

from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.sales.model import SalesHeader, SalesLine

#: statuses of a document that is not posted (nor closed or converted)
OPEN = ("open", "pending_approval", "released")


def document_sources(item_no: str | None, location: str | None) -> list[Select]:
    """One select per kind of open document line (supply positive); ``item_no`` None: every item."""
    pl, ph, sl, sh = PurchaseLine, PurchaseHeader, SalesLine, SalesHeader

    def purchase(label: str, doc_type: str, sign: int, outstanding, date):
        query = select(literal(label, String), ph.no, date, pl.line_no, pl.location_code, _signed(sign, outstanding),
                       pl.unit_of_measure, pl.no.label("item_no")).join(ph).where(
            ph.document_type == doc_type, ph.status.in_(OPEN), pl.type == "item", pl.drop_shipment.is_(False),
            pl.receipt_line_id.is_(None), outstanding > 0)
        query = query.where(pl.no == item_no) if item_no is not None else query
        return query.where(pl.location_code == location) if location is not None else query

    def sales(label: str, doc_type: str, sign: int, outstanding, date):
        query = select(literal(label, String), sh.no, date, sl.line_no, sl.location_code, _signed(sign, outstanding),
                       sl.unit_of_measure, sl.no.label("item_no")).join(sh).where(
            sh.document_type == doc_type, sh.status.in_(OPEN), sl.type == "item", sl.drop_shipment.is_(False),
            sl.shipment_line_id.is_(None), outstanding > 0)
        query = query.where(sl.no == item_no) if item_no is not None else query
        return query.where(sl.location_code == location) if location is not None else query

    return [
        purchase("purchase_invoice", "invoice", 1, pl.quantity, ph.posting_date),
        purchase("purchase_credit_memo", "credit_memo", -1, pl.quantity, ph.posting_date),
        # a return order line's quantity_received is what was shipped back (Return Qty. Shipped)
        purchase("purchase_return_order", "return_order", -1, pl.quantity - pl.quantity_received, ph.document_date),
        sales("sales_invoice", "invoice", -1, sl.quantity, sh.posting_date),
        sales("sales_credit_memo", "credit_memo", 1, sl.quantity, sh.posting_date),
        # a return order line's quantity_shipped is what came back (Return Qty. Received)
        sales("sales_return_order", "return_order", 1, sl.quantity - sl.quantity_shipped, sh.document_date),
    ]


def _signed(sign: int, quantity):
    """The quantity, negated for demand (the column's own type kept: its exact-decimal storage)."""
    return quantity if sign > 0 else type_coerce(-quantity, quantity.type)


def event_sources(item_no: str, location: str | None) -> list[Select]:
    """:func:`document_sources` of one item in the event shape (without the item column)."""
    return [query.with_only_columns(*list(query.selected_columns)[:7]) for query in document_sources(item_no,
                                                                                                      location)]


def totals(session, location: str, item_no: str | None, conversions) -> tuple[dict, dict]:
    """(demand, supply) per item no. at ``location`` from open documents, in base units: one
    grouped query per kind of line. ``conversions``: (item no., unit) -> qty per unit."""
    demand: dict[str, Decimal] = {}
    supply: dict[str, Decimal] = {}
    for query in document_sources(item_no, location):
        cols = list(query.selected_columns)
        grouped = query.with_only_columns(cols[7], cols[6], func.sum(cols[5])).group_by(cols[7], cols[6])
        for no, unit, qty in session.execute(grouped):
            qty = (qty or Decimal(0)) * conversions.get((no, unit), Decimal(1))
            if qty < 0:
                demand[no] = demand.get(no, Decimal(0)) - qty
            else:
                supply[no] = supply.get(no, Decimal(0)) + qty
    return demand, supply
