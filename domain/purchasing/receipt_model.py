"""Posted purchase receipts (BC tables 120 / 121).

A receipt line records the received quantity and the item ledger entry it
made (expected cost); ``quantity_invoiced`` grows as invoices turn that
expected cost into actual cost (BC "Qty. Invoiced" on the receipt line).
Undoing a receipt line adds a correction line (negative quantity, naming the
undone line) on a new receipt: posted rows never change otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Qty, Rate, Text, UnitAmount, created_at


class PostedPurchaseReceipt(Base):
    __tablename__ = "posted_purchase_receipt"
    __append_only__ = True
    no: Mapped[Code] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_header.id"), index=True)
    order_no: Mapped[Code]
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    vendor_name: Mapped[Text]
    ship_to_customer_no: Mapped[Code | None]
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_date: Mapped[dt.date] = mapped_column(Date)
    transaction_no: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[Code | None]
    posted_at: Mapped[dt.datetime] = created_at()


class PostedPurchaseReceiptLine(Base):
    __tablename__ = "posted_purchase_receipt_line"
    __table_args__ = (UniqueConstraint("document_no", "line_no"),)
    __append_only__ = True
    __mutable_columns__ = frozenset({"quantity_invoiced"})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_no: Mapped[Code] = mapped_column(ForeignKey("posted_purchase_receipt.no"))
    line_no: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[int] = mapped_column(Integer, index=True)
    order_line_no: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    description: Mapped[Text]
    quantity: Mapped[Qty] = mapped_column()
    quantity_invoiced: Mapped[Qty] = mapped_column(default=Decimal(0))
    unit_of_measure: Mapped[Code]
    direct_unit_cost: Mapped[UnitAmount] = mapped_column()
    line_discount_pct: Mapped[Rate] = mapped_column()
    gen_prod_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    location_code: Mapped[Code]
    drop_shipment: Mapped[bool] = mapped_column(Boolean, default=False)
    item_ledger_entry_no: Mapped[int | None] = mapped_column(Integer)
    #: a correction line (undo receipt) names the receipt line it undoes
    undoes_line_id: Mapped[int | None] = mapped_column(Integer, index=True)
