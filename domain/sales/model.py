"""Sales documents, their posted copies and the customer ledger.

A sales document (quote, order, invoice, credit memo) is a draft that keeps its
row: an order tracks what has been shipped and invoiced per line (BC "Qty. to
Ship", "Quantity Shipped", "Qty. to Invoice", "Quantity Invoiced") and is
closed when everything is shipped and invoiced; a quote converted to an order
keeps its row with status ``converted`` and the order names it (``quote_no``).
Posted shipments, invoices and credit memos share one append-only header
table keyed by the posted number, distinguished by ``document_type``
(BC tables 110/112/114). Customer ledger entries mirror the vendor ones: an
invoice is positive, a payment or credit memo negative; every change of an
entry's amount is a detailed entry (initial entry, application, payment
discount).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.orm import Amount, Base, Code, Qty, Rate, Text, UnitAmount, created_at
from domain.purchasing.prepayment_model import PrepaymentAmounts


class SalesHeader(Base):
    __tablename__ = "sales_header"
    __table_args__ = (UniqueConstraint("document_type", "no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: quote | order | invoice | credit_memo
    document_type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    customer_no: Mapped[Code] = mapped_column(ForeignKey("customer.no"))
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    pmt_discount_date: Mapped[dt.date | None] = mapped_column(Date)
    payment_discount_pct: Mapped[Rate] = mapped_column(default=Decimal(0))
    payment_terms_code: Mapped[Code | None]
    currency_code: Mapped[str] = mapped_column(String(3))
    exchange_rate: Mapped[Rate] = mapped_column(default=Decimal(1))
    prices_including_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    gen_bus_posting_group: Mapped[Code]
    vat_bus_posting_group: Mapped[Code]
    customer_posting_group: Mapped[Code]
    external_document_no: Mapped[str] = mapped_column(String(50), default="")
    #: open | released | converted (quote) | closed (order) | posted (invoice, credit memo)
    status: Mapped[str] = mapped_column(String(20), default="open")
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: order made from a quote: the quote's no.
    quote_no: Mapped[Code | None]
    #: the contact person of the customer's company (BC Sell-to Contact No.): "Attn:" on documents
    contact_no: Mapped[Code | None] = mapped_column(ForeignKey("contact.no"))
    #: credit memo: the posted invoice it corrects (cancels when ``is_correction``)
    applies_to_doc_no: Mapped[Code | None]
    is_correction: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_no: Mapped[Code | None]
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
    #: BC Prepayment %: the default of the order's lines (from the customer card)
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    lines: Mapped[list[SalesLine]] = relationship(
        back_populates="header", order_by="SalesLine.line_no", cascade="all, delete-orphan"
    )


class SalesLine(PrepaymentAmounts, Base):
    __tablename__ = "sales_line"
    __table_args__ = (UniqueConstraint("header_id", "line_no"),
                      Index("ix_sales_line_item_location", "no", "location_code"))  # availability of an item
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    header_id: Mapped[int] = mapped_column(ForeignKey("sales_header.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    #: item | gl_account
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    description: Mapped[Text] = mapped_column(default="")
    quantity: Mapped[Qty] = mapped_column()
    unit_of_measure: Mapped[Code] = mapped_column(default="")
    #: BC Variant Code: a variant of the line's item ("" = none)
    variant_code: Mapped[str] = mapped_column(String(10), default="", server_default="")
    unit_price: Mapped[UnitAmount] = mapped_column()
    line_discount_pct: Mapped[Rate] = mapped_column(default=Decimal(0))
    gen_prod_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    location_code: Mapped[Code] = mapped_column(default="")
    qty_to_ship: Mapped[Qty] = mapped_column(default=Decimal(0))
    quantity_shipped: Mapped[Qty] = mapped_column(default=Decimal(0))
    qty_to_invoice: Mapped[Qty] = mapped_column(default=Decimal(0))
    quantity_invoiced: Mapped[Qty] = mapped_column(default=Decimal(0))
    drop_shipment: Mapped[bool] = mapped_column(Boolean, default=False)
    #: special order (BC Special Order): bought on a purchase order delivered to our location,
    #: received goods reserved for this line; linked like a drop shipment (purchase_order_no)
    special_order: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: drop shipment / special order: the purchase order line that ships to the customer / to us
    purchase_order_no: Mapped[Code | None]
    purchase_order_line_no: Mapped[int | None] = mapped_column(Integer)
    #: credit memo: the outbound item ledger entry whose cost is reversed exactly
    applies_from_item_entry: Mapped[int | None] = mapped_column(Integer)
    #: an invoice line made by Get Shipment Lines: the posted shipment line (id) it invoices
    shipment_line_id: Mapped[int | None] = mapped_column(Integer)
    #: item tracking (BC Item Tracking Lines): the serial or lot no. this line sells (takes back)
    serial_no: Mapped[str | None] = mapped_column(String(50))
    lot_no: Mapped[str | None] = mapped_column(String(50))
    expiration_date: Mapped[dt.date | None] = mapped_column(Date)
    #: item tracking (BC Item Tracking Lines): every serial/lot portion of the line, the purchase
    #: line's shape ([{"serial_no"|"lot_no", "quantity", "expiration_date"}]); one portion is also
    #: in serial_no / lot_no / expiration_date above; domain.sales.tracking reads and checks it
    tracking: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    #: BC Prepayment % and Prepmt. Amt. Inv. / Prepmt Amt Deducted (document currency, in the
    #: order's price convention: including VAT when its prices include VAT); net and VAT apart
    #: in the PrepaymentAmounts columns
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amt_inv: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amt_deducted: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    #: BC Qty. to Assemble to Order: the part of the line assembled on its linked assembly order
    #: (``assembly_order_no``, one per line) when it ships (domain.sales.assemble_to_order)
    qty_to_assemble_to_order: Mapped[Qty] = mapped_column(default=Decimal(0), server_default="0")
    assembly_order_no: Mapped[Code | None]
    header: Mapped[SalesHeader] = relationship(back_populates="lines")


class PostedSalesHeader(Base):
    """A posted sales shipment, invoice or credit memo (BC tables 110 / 112 / 114)."""

    __tablename__ = "posted_sales_header"
    __append_only__ = True
    __mutable_columns__ = frozenset({"cancelled"})
    no: Mapped[Code] = mapped_column(primary_key=True)
    #: shipment | invoice | credit_memo
    document_type: Mapped[str] = mapped_column(String(15))
    source_header_id: Mapped[int] = mapped_column(ForeignKey("sales_header.id"), index=True)
    source_no: Mapped[Code]
    order_no: Mapped[Code | None]
    customer_no: Mapped[Code] = mapped_column(ForeignKey("customer.no"))
    customer_name: Mapped[Text]
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    currency_code: Mapped[str] = mapped_column(String(3))
    exchange_rate: Mapped[Rate] = mapped_column()
    prices_including_vat: Mapped[bool] = mapped_column(Boolean)
    amount: Mapped[Amount] = mapped_column()
    amount_including_vat: Mapped[Amount] = mapped_column()
    payment_reference: Mapped[str | None] = mapped_column(String(50))
    applies_to_doc_no: Mapped[Code | None]
    is_correction: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    transaction_no: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[Code | None]
    posted_at: Mapped[dt.datetime] = created_at()


class PostedSalesLine(Base):
    __tablename__ = "posted_sales_line"
    __table_args__ = (UniqueConstraint("document_no", "line_no"),)
    __append_only__ = True
    #: a shipment line records how much of it has been invoiced since (BC "Qty. Invoiced")
    __mutable_columns__ = frozenset({"quantity_invoiced"})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_no: Mapped[Code] = mapped_column(ForeignKey("posted_sales_header.no"))
    line_no: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    description: Mapped[Text]
    quantity: Mapped[Qty] = mapped_column()
    quantity_invoiced: Mapped[Qty] = mapped_column(default=Decimal(0))
    unit_of_measure: Mapped[Code]
    unit_price: Mapped[UnitAmount] = mapped_column()
    line_discount_pct: Mapped[Rate] = mapped_column()
    amount: Mapped[Amount] = mapped_column()
    amount_including_vat: Mapped[Amount] = mapped_column()
    vat_pct: Mapped[Rate] = mapped_column()
    gen_prod_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    location_code: Mapped[Code]
    drop_shipment: Mapped[bool] = mapped_column(Boolean, default=False)
    order_line_id: Mapped[int | None] = mapped_column(Integer, index=True)
    item_ledger_entry_no: Mapped[int | None] = mapped_column(Integer)


