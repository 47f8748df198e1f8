"""Ledger entries: G/L, vendor, VAT, item, value and item application entries.

Every class here is append-only (refused in Python by the before_flush guard in
:mod:`domain.db` and by a trigger on PostgreSQL). Where Business Central itself
updates a ledger row (an item ledger entry's remaining quantity, a vendor
ledger entry's open flag, a value entry's "Cost Posted to G/L"), exactly those
columns are listed in ``__mutable_columns__``; everything else is frozen.
Amounts follow BC's signs: debit positive in G/L, a vendor invoice negative in
the vendor ledger, outbound item quantities negative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, text, true
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, Qty, Rate, Text, UnitAmount, UtcTime, created_at


class GLEntry(Base):
    __tablename__ = "gl_entry"
    __append_only__ = True
    __table_args__ = (Index("ix_gl_entry_account_date", "gl_account_no", "posting_date"),)
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_no: Mapped[int] = mapped_column(Integer, index=True)
    gl_account_no: Mapped[Code] = mapped_column(ForeignKey("gl_account.no"))
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_type: Mapped[str] = mapped_column(String(15))
    document_no: Mapped[Code] = mapped_column(index=True)
    external_document_no: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[Text] = mapped_column(default="")
    amount: Mapped[Amount] = mapped_column()
    debit_amount: Mapped[Amount] = mapped_column()
    credit_amount: Mapped[Amount] = mapped_column()
    vat_amount: Mapped[Amount] = mapped_column(default=Decimal(0))
    #: purchase | sale | settlement | "" (BC Gen. Posting Type)
    gen_posting_type: Mapped[str] = mapped_column(String(12), default="")
    gen_bus_posting_group: Mapped[Code | None]
    gen_prod_posting_group: Mapped[Code | None]
    vat_bus_posting_group: Mapped[Code | None]
    vat_prod_posting_group: Mapped[Code | None]
    source_type: Mapped[str] = mapped_column(String(10), default="")  # vendor|customer|item
    source_no: Mapped[Code | None]
    user_id: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()


class VendorLedgerEntry(Base):
    __tablename__ = "vendor_ledger_entry"
    __append_only__ = True
    __mutable_columns__ = frozenset({"remaining_amount", "open", "closed_by_entry_no", "closed_at_date"})
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_no: Mapped[int] = mapped_column(Integer, index=True)
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"), index=True)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_date: Mapped[dt.date] = mapped_column(Date)
    document_type: Mapped[str] = mapped_column(String(15))
    document_no: Mapped[Code] = mapped_column(index=True)
    external_document_no: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[Text] = mapped_column(default="")
    currency_code: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Amount] = mapped_column()
    amount_lcy: Mapped[Amount] = mapped_column()
    remaining_amount: Mapped[Amount] = mapped_column()
    due_date: Mapped[dt.date] = mapped_column(Date)
    pmt_discount_date: Mapped[dt.date | None] = mapped_column(Date)
    original_pmt_disc_possible: Mapped[Amount] = mapped_column(default=Decimal(0))
    payment_reference: Mapped[str | None] = mapped_column(String(50))
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_by_entry_no: Mapped[int | None] = mapped_column(Integer)
    closed_at_date: Mapped[dt.date | None] = mapped_column(Date)
    user_id: Mapped[Code | None]


class DetailedVendorLedgerEntry(Base):
    """Every change of a vendor ledger entry's amount (initial entry, application)."""

    __tablename__ = "detailed_vendor_ledger_entry"
    __append_only__ = True
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_ledger_entry_no: Mapped[int] = mapped_column(ForeignKey("vendor_ledger_entry.entry_no"), index=True)
    #: initial_entry | application
    entry_type: Mapped[str] = mapped_column(String(20))
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_no: Mapped[Code]
    amount: Mapped[Amount] = mapped_column()
    amount_lcy: Mapped[Amount] = mapped_column()
    applied_vendor_ledger_entry_no: Mapped[int | None] = mapped_column(Integer)
    transaction_no: Mapped[int] = mapped_column(Integer)


class VATEntry(Base):
    __tablename__ = "vat_entry"
    __append_only__ = True
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_no: Mapped[int] = mapped_column(Integer, index=True)
    #: purchase | sale
    type: Mapped[str] = mapped_column(String(10))
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_date: Mapped[dt.date] = mapped_column(Date)
    document_type: Mapped[str] = mapped_column(String(15))
    document_no: Mapped[Code] = mapped_column(index=True)
    external_document_no: Mapped[str | None] = mapped_column(String(50))
    bill_to_pay_to_no: Mapped[Code]
    vat_bus_posting_group: Mapped[Code]
    vat_prod_posting_group: Mapped[Code]
    vat_calculation_type: Mapped[str] = mapped_column(String(20))
    vat_pct: Mapped[Rate] = mapped_column()
    base: Mapped[Amount] = mapped_column()
    amount: Mapped[Amount] = mapped_column()
    tax_code: Mapped[str | None] = mapped_column(String(10))
    user_id: Mapped[Code | None]
    #: BC "Non-Deductible VAT Amount": the part of the VAT added to cost (``amount`` is the rest)
    non_deductible_vat_amount: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")


class ItemLedgerEntry(Base):
    """Quantity only; value lives in value entries (BC "Design Details: Item Ledger")."""

    __tablename__ = "item_ledger_entry"
    __append_only__ = True
    __mutable_columns__ = frozenset(
        {"remaining_quantity", "open", "invoiced_quantity", "completely_invoiced", "applied_entry_to_adjust"}
    )
    __table_args__ = (Index("ix_ile_item_open", "item_no", "location_code", "open", "positive"),
                      Index("ix_ile_item_posting_date", "item_no", "posting_date"))
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"))
    posting_date: Mapped[dt.date] = mapped_column(Date)
    #: purchase | sale | positive_adjmt | negative_adjmt | transfer
    entry_type: Mapped[str] = mapped_column(String(20))
    document_type: Mapped[str] = mapped_column(String(20), default="")
    document_no: Mapped[Code] = mapped_column(index=True)
    document_line_no: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[Text] = mapped_column(default="")
    location_code: Mapped[Code] = mapped_column(default="")
    quantity: Mapped[Qty] = mapped_column()
    remaining_quantity: Mapped[Qty] = mapped_column()
    invoiced_quantity: Mapped[Qty] = mapped_column()
    positive: Mapped[bool] = mapped_column(Boolean)
    open: Mapped[bool] = mapped_column(Boolean)
    completely_invoiced: Mapped[bool] = mapped_column(Boolean, default=True)
    applies_to_entry: Mapped[int | None] = mapped_column(Integer)
    applied_entry_to_adjust: Mapped[bool] = mapped_column(Boolean, default=False)
    source_type: Mapped[str] = mapped_column(String(10), default="")
    source_no: Mapped[Code | None]
    serial_no: Mapped[str | None] = mapped_column(String(50))
    lot_no: Mapped[str | None] = mapped_column(String(50))
    transaction_no: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[Code | None]
    #: the lot's (unit's) expiration date (BC Item Ledger Entry "Expiration Date")
    expiration_date: Mapped[dt.date | None] = mapped_column(Date)
    #: BC Variant Code ("" = none): availability counts per variant
    variant_code: Mapped[str] = mapped_column(String(10), default="", server_default="")


class ValueEntry(Base):
    __tablename__ = "value_entry"
    __append_only__ = True
    __mutable_columns__ = frozenset({"cost_posted_to_gl", "expected_cost_posted_to_gl"})
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_ledger_entry_no: Mapped[int] = mapped_column(ForeignKey("item_ledger_entry.entry_no"), index=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), index=True)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    valuation_date: Mapped[dt.date] = mapped_column(Date)
    #: direct_cost | indirect_cost | variance | revaluation | rounding
    entry_type: Mapped[str] = mapped_column(String(15))
    item_ledger_entry_type: Mapped[str] = mapped_column(String(20))
    document_type: Mapped[str] = mapped_column(String(20), default="")
    document_no: Mapped[Code]
    document_line_no: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[Text] = mapped_column(default="")
    location_code: Mapped[Code] = mapped_column(default="")
    inventory_posting_group: Mapped[Code | None]
    gen_bus_posting_group: Mapped[Code | None]
    gen_prod_posting_group: Mapped[Code | None]
    source_type: Mapped[str] = mapped_column(String(10), default="")
    source_no: Mapped[Code | None]
    valued_quantity: Mapped[Qty] = mapped_column()
    item_ledger_entry_quantity: Mapped[Qty] = mapped_column()
    invoiced_quantity: Mapped[Qty] = mapped_column()
    cost_per_unit: Mapped[UnitAmount] = mapped_column()
    cost_amount_actual: Mapped[Amount] = mapped_column(default=Decimal(0))
    cost_amount_expected: Mapped[Amount] = mapped_column(default=Decimal(0))
    cost_posted_to_gl: Mapped[Amount] = mapped_column(default=Decimal(0))
    expected_cost_posted_to_gl: Mapped[Amount] = mapped_column(default=Decimal(0))
    sales_amount_actual: Mapped[Amount] = mapped_column(default=Decimal(0))
    purchase_amount_actual: Mapped[Amount] = mapped_column(default=Decimal(0))
    discount_amount: Mapped[Amount] = mapped_column(default=Decimal(0))
    adjustment: Mapped[bool] = mapped_column(Boolean, default=False)
    applies_to_entry: Mapped[int | None] = mapped_column(Integer)
    item_charge_no: Mapped[Code | None]
    transaction_no: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[Code | None]


class ItemApplicationEntry(Base):
    """Links an outbound item ledger entry to the inbound one it draws from."""

    __tablename__ = "item_application_entry"
    __append_only__ = True
    #: cost adjustment's read of applications per item (migration 0009; PostgreSQL only)
    __table_args__ = (Index("ix_item_application_entry_outbound_cover", "item_ledger_entry_no",
                            postgresql_include=["outbound_item_entry_no", "inbound_item_entry_no", "quantity",
                                                "fixed"],
                            postgresql_where=text("outbound_item_entry_no IS NOT NULL")).ddl_if(dialect="postgresql"),)
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_ledger_entry_no: Mapped[int] = mapped_column(ForeignKey("item_ledger_entry.entry_no"), index=True)
    inbound_item_entry_no: Mapped[int] = mapped_column(Integer, index=True)
    outbound_item_entry_no: Mapped[int | None] = mapped_column(Integer, index=True)
    quantity: Mapped[Qty] = mapped_column()
    posting_date: Mapped[dt.date] = mapped_column(Date)
    #: fixed application (applies-to entry) as opposed to automatic by method
    fixed: Mapped[bool] = mapped_column(Boolean, default=False)
    transaction_no: Mapped[int] = mapped_column(Integer)


class TransactionRegister(Base):
    """One row per posting transaction (BC G/L Register): who posted what, when."""

    __tablename__ = "transaction_register"
    __append_only__ = True
    transaction_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_code: Mapped[str] = mapped_column(String(20))  # PURCHASES, ITEMJNL, ...
    document_no: Mapped[Code]
    user_id: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()


class CustomerLedgerEntry(Base):
    __tablename__ = "customer_ledger_entry"
    __append_only__ = True
    __mutable_columns__ = frozenset({"remaining_amount", "open", "closed_by_entry_no", "closed_at_date"})
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_no: Mapped[int] = mapped_column(Integer, index=True)
    customer_no: Mapped[Code] = mapped_column(ForeignKey("customer.no"), index=True)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_date: Mapped[dt.date] = mapped_column(Date)
    #: invoice | credit_memo | payment | refund
    document_type: Mapped[str] = mapped_column(String(15))
    document_no: Mapped[Code] = mapped_column(index=True)
    external_document_no: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[Text] = mapped_column(default="")
    currency_code: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Amount] = mapped_column()
    amount_lcy: Mapped[Amount] = mapped_column()
    remaining_amount: Mapped[Amount] = mapped_column()
    due_date: Mapped[dt.date] = mapped_column(Date)
    pmt_discount_date: Mapped[dt.date | None] = mapped_column(Date)
    original_pmt_disc_possible: Mapped[Amount] = mapped_column(default=Decimal(0))
    payment_reference: Mapped[str | None] = mapped_column(String(50), index=True)
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_by_entry_no: Mapped[int | None] = mapped_column(Integer)
    closed_at_date: Mapped[dt.date | None] = mapped_column(Date)
    user_id: Mapped[Code | None]


class DetailedCustomerLedgerEntry(Base):
    """Every change of a customer ledger entry's amount (initial entry, application, discount)."""

    __tablename__ = "detailed_customer_ledger_entry"
    __append_only__ = True
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_ledger_entry_no: Mapped[int] = mapped_column(
        ForeignKey("customer_ledger_entry.entry_no"), index=True)
    #: initial_entry | application | payment_discount
    entry_type: Mapped[str] = mapped_column(String(20))
    posting_date: Mapped[dt.date] = mapped_column(Date)
    document_no: Mapped[Code]
    amount: Mapped[Amount] = mapped_column()
    amount_lcy: Mapped[Amount] = mapped_column()
    applied_customer_ledger_entry_no: Mapped[int | None] = mapped_column(Integer)
    transaction_no: Mapped[int] = mapped_column(Integer)


class InventorySetup(Base):
    __tablename__ = "inventory_setup"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: day | week | month | quarter | year (BC "Average Cost Period")
    average_cost_period: Mapped[str] = mapped_column(String(10), default="day")
    #: item | item_location_variant (BC "Average Cost Calc. Type")
    average_cost_calc_type: Mapped[str] = mapped_column(String(25), default="item")
    #: never | day | week | month | quarter | year | always (BC "Automatic Cost Adjustment")
    automatic_cost_adjustment: Mapped[str] = mapped_column(String(10), default="never")
    #: BC "Prevent Negative Inventory": on, an outbound posting needs the quantity on hand; off, it
    #: may take more: the entry stays open and the next inbound entry is applied to it
    prevent_negative_inventory: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class InventoryPeriod(Base):
    """An inventory period ending on ``ending_date``; closed periods refuse postings
    and push adjustment entries to the first open date (BC "Inventory Periods")."""

    __tablename__ = "inventory_period"
    ending_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_by: Mapped[Code | None]
    closed_at: Mapped[UtcTime | None]


class ItemToAdjust(Base):
    """An item whose cost is not adjusted since ``from_date`` (BC Cost is Adjusted = No).

    ``generation`` grows with every mark so that an adjustment removes only the
    mark it has seen: a posting that marks the item again meanwhile stays marked.
    """

    __tablename__ = "item_to_adjust"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    from_date: Mapped[dt.date] = mapped_column(Date)
    generation: Mapped[int] = mapped_column(Integer, default=1)
