"""What the law wants printed on a sales or purchase document, added to its render context.

- The seller's own registration (NO: bokføringsforskriften § 5-1-1 and foretaksregisterloven § 10-2:
  "Org.nr 999 999 999 MVA" when registered for VAT, and "Foretaksregisteret" for a registered
  company; NL: Handelsregisterbesluit art. 20 and Wet OB art. 35a: "KvK 12345678" and the
  "btw-id NL…B01"), on every invoice, credit memo, quote and order, in the head of the page.
- The delivery date (NO: leveringstidspunkt, § 5-1-1 nr. 5; NL: art. 35a lid 1 sub g, the
  "datum van levering"): the date of the order's last posted shipment, else the invoice's
  posting date (an invoice posted without an order ships when it posts, as in BC).
- Units of measure in the document's language (``units``), each line's, the item's base unit
  when the line names none.
- A drop shipment's purchase order: the customer's address the vendor ships to (BC "Ship-to"
  of a drop shipment purchase order is the sales order's customer).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.purchasing.model import PurchaseHeader
from domain.sales.model import PostedSalesHeader
from domain.setup.model.cards import Customer, Item


def legal_lines(country: str, org_no: str, vat_id: str) -> list[str]:
    """The seller's registration lines as the company's country prints them (never translated:
    they are statutory wording)."""
    if country == "NO":
        if not org_no:
            return [vat_id] if vat_id else []
        grouped = " ".join(org_no[i:i + 3] for i in range(0, len(org_no), 3))
        return [f"Org.nr {grouped}" + (" MVA" if vat_id else ""), "Foretaksregisteret"]
    if country == "NL":
        return [line for line in (f"KvK {org_no}" if org_no else "", f"btw-id {vat_id}" if vat_id else "") if line]
    return [line for line in (org_no, vat_id) if line]


def enrich(session: Session, context: dict) -> dict:
    comp = context["company"]
    comp["legal"] = legal_lines(comp["country"], comp["org_no"], comp["vat_id"])
    document = context["document"]
    document["delivery_date"] = _delivery_date(session, context) if context["kind"] == "invoice" else None
    document["ship_to_address"] = _ship_to_address(session, context)
    _fill_units(session, context["lines"])
    return context


def _delivery_date(session: Session, context: dict):
    document = context["document"]
    order_no = document.get("order_no")
    if order_no:
        shipped = session.scalar(select(func.max(PostedSalesHeader.posting_date)).where(
            PostedSalesHeader.document_type == "shipment", PostedSalesHeader.order_no == order_no))
        if shipped is not None:
            return shipped
    return document["posting_date"]


def _ship_to_address(session: Session, context: dict) -> dict | None:
    if context["kind"] != "purchase_order":
        return None
    order = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == context["document"]["no"],
                                                        PurchaseHeader.document_type == "order"))
    customer = session.get(Customer, order.ship_to_customer_no) if order and order.ship_to_customer_no else None
    if customer is None:
        return None
    return {"name": customer.name, "address": customer.address or "", "post_code": customer.post_code or "",
            "city": customer.city or "", "country": customer.country or ""}


def _fill_units(session: Session, lines: list[dict]) -> None:
    for line in lines:
        if not line["unit_of_measure"] and line["type"] == "item":
            item = session.get(Item, line["no"])
            line["unit_of_measure"] = item.base_unit_of_measure if item else ""


__all__ = ["enrich", "legal_lines"]
