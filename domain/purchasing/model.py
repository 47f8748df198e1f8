"""Purchase documents: drafts (header + lines) and their posted copies.

A draft keeps its row after posting with ``status = "posted"`` and the posted
number, so that posting it again returns the first result (idempotent). Posted
headers are append-only; corrections are new documents that reference them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.orm import Amount, Base, Code, Qty, Rate, Text, UnitAmount, created_at
from domain.purchasing.prepayment_model import PrepaymentAmounts


class PurchaseHeader(Base):
    __tablename__ = "purchase_header"
    __table_args__ = (UniqueConstraint("document_type", "no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: invoice | credit_memo | order | return_order | quote
    document_type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    vendor_invoice_no: Mapped[str] = mapped_column(String(50), default="")
    vendor_invoice_no_norm: Mapped[str] = mapped_column(String(50), default="", index=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    pmt_discount_date: Mapped[dt.date | None] = mapped_column(Date)
    payment_discount_pct: Mapped[Rate] = mapped_column(default=Decimal(0))
    payment_terms_code: Mapped[Code | None]
    payment_reference: Mapped[str | None] = mapped_column(String(50))
    vendor_iban: Mapped[str | None] = mapped_column(String(34))
    currency_code: Mapped[str] = mapped_column(String(3))
    #: local currency per one unit of the document currency (1 for local currency)
    exchange_rate: Mapped[Rate] = mapped_column(default=Decimal(1))
    prices_including_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    gen_bus_posting_group: Mapped[Code]
    vat_bus_posting_group: Mapped[Code]
    vendor_posting_group: Mapped[Code]
    #: vendor's printed totals, when known (from intake), checked at posting
    vendor_amount_incl_vat: Mapped[Amount | None] = mapped_column()
    vendor_vat_amount: Mapped[Amount | None] = mapped_column()
    #: open | pending_approval | released | posted
    status: Mapped[str] = mapped_column(String(20), default="open")
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: credit memo: the posted invoice it corrects (cancels when ``is_correction``)
    applies_to_doc_no: Mapped[Code | None]
    is_correction: Mapped[bool] = mapped_column(Boolean, default=False)
    incoming_document_entry_no: Mapped[int | None] = mapped_column(Integer)
    posted_no: Mapped[Code | None]
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
    #: order: drop shipment directly to this customer (BC Ship-to / Sell-to Customer No.)
    ship_to_customer_no: Mapped[Code | None]
    #: order made from a purchase quote (request for quote): the quote's no.
    quote_no: Mapped[Code | None]
    #: the contact person of the vendor's company (BC Buy-from Contact No.)
    contact_no: Mapped[Code | None] = mapped_column(ForeignKey("contact.no"))
    #: BC Prepayment %: the default of the order's lines (from the vendor/customer card)
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    lines: Mapped[list[PurchaseLine]] = relationship(
        back_populates="header", order_by="PurchaseLine.line_no", cascade="all, delete-orphan"
    )


class PurchaseLine(PrepaymentAmounts, Base):
    __tablename__ = "purchase_line"
    __table_args__ = (UniqueConstraint("header_id", "line_no"),
                      Index("ix_purchase_line_item_location", "no", "location_code"))  # availability of an item
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    header_id: Mapped[int] = mapped_column(ForeignKey("purchase_header.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    #: item | gl_account | charge_item
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    description: Mapped[Text] = mapped_column(default="")
    quantity: Mapped[Qty] = mapped_column()
    unit_of_measure: Mapped[Code] = mapped_column(default="")
    #: BC Variant Code: a variant of the line's item ("" = none)
    variant_code: Mapped[str] = mapped_column(String(10), default="", server_default="")
    direct_unit_cost: Mapped[UnitAmount] = mapped_column()
    line_discount_pct: Mapped[Rate] = mapped_column(default=Decimal(0))
    #: BC Indirect Cost % of an item line (defaults from the item card)
    indirect_cost_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    gen_prod_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    location_code: Mapped[Code] = mapped_column(default="")
    #: fixed application of a credit memo line to an inbound item ledger entry
    applies_to_item_entry: Mapped[int | None] = mapped_column(Integer)
    #: item charge line: the item ledger entry it is assigned to
    assign_to_entry: Mapped[int | None] = mapped_column(Integer)
    #: orders (domain.purchasing.orders): BC Qty. to Receive / Quantity Received / ...
    qty_to_receive: Mapped[Qty] = mapped_column(default=Decimal(0))
    quantity_received: Mapped[Qty] = mapped_column(default=Decimal(0))
    qty_to_invoice: Mapped[Qty] = mapped_column(default=Decimal(0))
    quantity_invoiced: Mapped[Qty] = mapped_column(default=Decimal(0))
    #: invoice line made from a posted receipt line (get receipt lines)
    receipt_line_id: Mapped[int | None] = mapped_column(Integer)
    #: drop shipment: the sales order line this line ships to the customer
    drop_shipment: Mapped[bool] = mapped_column(Boolean, default=False)
    #: special order: the sales order line the received goods are reserved for
    special_order: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sales_order_no: Mapped[Code | None]
    sales_order_line_no: Mapped[int | None] = mapped_column(Integer)
    #: BC Prepayment % and Prepmt. Amt. Inv. / Prepmt Amt Deducted (document currency, in the
    #: order's price convention: including VAT when its prices include VAT); net and VAT apart
    #: in the PrepaymentAmounts columns
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amt_inv: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amt_deducted: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    #: BC Prepayment Line: a draft's prepayment (or deduction) line, its amounts in the prepmt_*_inv columns
    prepayment_line: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: item tracking (BC Item Tracking Lines): [{"serial_no"|"lot_no", "quantity", "expiration_date"}]
    #: as read (strings), or []; domain.purchasing.tracking reads and checks it
    tracking: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    header: Mapped[PurchaseHeader] = relationship(back_populates="lines")
    charge_assignments: Mapped[list[PurchaseChargeAssignment]] = relationship(
        order_by="PurchaseChargeAssignment.item_ledger_entry_no", cascade="all, delete-orphan")


class PurchaseChargeAssignment(Base):
    """BC "Item Charge Assignment (Purch)": the item ledger entries one charge line
    shares its cost over, ``equally`` or ``by_amount`` (each entry's direct cost)."""

    __tablename__ = "purchase_charge_assignment"
    __table_args__ = (UniqueConstraint("purchase_line_id", "item_ledger_entry_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_line.id", ondelete="CASCADE"),
                                                  index=True)
    item_ledger_entry_no: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10), default="equally")


class PostedPurchaseHeader(Base):
    """A posted purchase invoice or credit memo (BC tables 122 / 124)."""

    __tablename__ = "posted_purchase_header"
    __table_args__ = (
        UniqueConstraint("vendor_no", "document_type", "vendor_invoice_no_norm"),
    )
    __append_only__ = True
    __mutable_columns__ = frozenset({"cancelled"})
    no: Mapped[Code] = mapped_column(primary_key=True)
    document_type: Mapped[str] = mapped_column(String(15))
    source_header_id: Mapped[int] = mapped_column(ForeignKey("purchase_header.id"), unique=True)
    source_no: Mapped[Code]
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    vendor_name: Mapped[Text]
    vendor_invoice_no: Mapped[str] = mapped_column(String(50))
    vendor_invoice_no_norm: Mapped[str] = mapped_column(String(50))
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


class PostedPurchaseLine(Base):
    __tablename__ = "posted_purchase_line"
    __table_args__ = (UniqueConstraint("document_no", "line_no"),)
    __append_only__ = True
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_no: Mapped[Code] = mapped_column(ForeignKey("posted_purchase_header.no"))
    line_no: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    description: Mapped[Text]
    quantity: Mapped[Qty] = mapped_column()
    unit_of_measure: Mapped[Code]
    direct_unit_cost: Mapped[UnitAmount] = mapped_column()
    line_discount_pct: Mapped[Rate] = mapped_column()
    amount: Mapped[Amount] = mapped_column()
    amount_including_vat: Mapped[Amount] = mapped_column()
    vat_pct: Mapped[Rate] = mapped_column()
    gen_prod_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    location_code: Mapped[Code]
    item_ledger_entry_no: Mapped[int | None] = mapped_column(Integer)
