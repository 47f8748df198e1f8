"""Vendors, customers and items: the master data documents are made from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, Qty, Rate, Text, UnitAmount


class Vendor(Base):
    __tablename__ = "vendor"
    no: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text]
    country: Mapped[str] = mapped_column(String(2))
    #: postal address (BC Address, Post Code, City): printed on documents to the party
    address: Mapped[Text] = mapped_column(default="", server_default="")
    post_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    city: Mapped[str] = mapped_column(String(60), default="", server_default="")
    org_no: Mapped[str | None] = mapped_column(String(20), index=True)
    vat_id: Mapped[str | None] = mapped_column(String(20), index=True)
    kvk_no: Mapped[str | None] = mapped_column(String(8), index=True)
    iban: Mapped[str | None] = mapped_column(String(34), index=True)
    bank_account_no: Mapped[str | None] = mapped_column(String(11))
    currency_code: Mapped[str | None] = mapped_column(String(3))  # None = local currency
    language: Mapped[str] = mapped_column(String(2), default="en")
    email: Mapped[str | None] = mapped_column(String(200))
    #: BC Blocked: "" (no), "payment", "all"
    blocked: Mapped[str] = mapped_column(String(10), default="")
    gen_bus_posting_group: Mapped[Code] = mapped_column(ForeignKey("gen_bus_posting_group.code"))
    vat_bus_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_bus_posting_group.code"))
    vendor_posting_group: Mapped[Code] = mapped_column(ForeignKey("vendor_posting_group.code"))
    payment_terms_code: Mapped[Code | None] = mapped_column(ForeignKey("payment_terms.code"))
    prices_including_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    #: BC Prepayment %: the share of an order invoiced before delivery (domain.purchasing.prepayment)
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")


class Customer(Base):
    __tablename__ = "customer"
    no: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text]
    country: Mapped[str] = mapped_column(String(2))
    #: postal address (BC Address, Post Code, City): printed on documents to the party
    address: Mapped[Text] = mapped_column(default="", server_default="")
    post_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    city: Mapped[str] = mapped_column(String(60), default="", server_default="")
    #: BC Customer "Location Code": the location a sales line without one takes
    location_code: Mapped[Code] = mapped_column(default="", server_default="")
    org_no: Mapped[str | None] = mapped_column(String(20))
    vat_id: Mapped[str | None] = mapped_column(String(20))
    currency_code: Mapped[str | None] = mapped_column(String(3))
    language: Mapped[str] = mapped_column(String(2), default="en")
    email: Mapped[str | None] = mapped_column(String(200))
    blocked: Mapped[str] = mapped_column(String(10), default="")  # "", ship, invoice, all
    credit_limit: Mapped[Amount] = mapped_column(default=Decimal(0))
    gen_bus_posting_group: Mapped[Code] = mapped_column(ForeignKey("gen_bus_posting_group.code"))
    vat_bus_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_bus_posting_group.code"))
    customer_posting_group: Mapped[Code] = mapped_column(ForeignKey("customer_posting_group.code"))
    payment_terms_code: Mapped[Code | None] = mapped_column(ForeignKey("payment_terms.code"))
    #: BC Prepayment %: the share of an order invoiced before delivery (domain.purchasing.prepayment)
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")


class Item(Base):
    """An item card. Cost fields follow BC: unit cost (current average or last),
    standard cost (Standard method), last direct cost (last purchase price)."""

    __tablename__ = "item"
    no: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text]
    #: inventory | service | non_inventory
    type: Mapped[str] = mapped_column(String(15), default="inventory")
    base_unit_of_measure: Mapped[Code] = mapped_column(default="PCS")
    #: BC Purch. Unit of Measure / Sales Unit of Measure: the unit a purchase (sales) line of
    #: the item takes when it names none; None = the base unit (domain.inventory.units)
    purch_unit_of_measure: Mapped[Code | None]
    sales_unit_of_measure: Mapped[Code | None]
    #: fifo | lifo | average | standard | specific
    costing_method: Mapped[str] = mapped_column(String(10), default="fifo")
    unit_cost: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    standard_cost: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    last_direct_cost: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    #: BC Indirect Cost % and Overhead Rate: unit cost = direct unit cost x (1 + indirect % / 100)
    #: + overhead rate; a purchase posts the indirect part as an Indirect Cost value entry
    indirect_cost_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    overhead_rate: Mapped[UnitAmount] = mapped_column(default=Decimal(0), server_default="0")
    unit_price: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    gen_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("gen_prod_posting_group.code"))
    vat_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_prod_posting_group.code"))
    inventory_posting_group: Mapped[Code | None] = mapped_column(
        ForeignKey("inventory_posting_group.code")
    )
    vendor_no: Mapped[Code | None] = mapped_column(ForeignKey("vendor.no"))
    #: indexed: intake maps invoice lines by it (domain.intake.mapping)
    vendor_item_no: Mapped[str | None] = mapped_column(String(50), index=True)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: BC Item Category Code: a node of domain.inventory.model.ItemCategory (checked by the
    #: service that sets it; no foreign key, the category table belongs to a higher area)
    item_category_code: Mapped[Code | None]
    #: BC Reorder Point / Reorder Quantity (planning parameters; kept on the card)
    reorder_point: Mapped[Qty] = mapped_column(default=Decimal(0), server_default="0")
    reorder_quantity: Mapped[Qty] = mapped_column(default=Decimal(0), server_default="0")
    #: BC Sales/Purchase Prepayment % of the item: the share of an order invoiced before delivery (domain.purchasing.prepayment)
    prepayment_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    #: BC Item Tracking Code: a row of domain.inventory.tracking_model.ItemTrackingCode (checked by
    #: the service that sets it; no foreign key, the table belongs to a higher area)
    item_tracking_code: Mapped[Code | None]
    #: BC Phys Invt Counting Period Code: a row of domain.inventory.model.PhysInvtCountingPeriod
    #: (checked by the service that sets it; no foreign key, the table belongs to a higher area),
    #: with BC Last Counting Period Update, Next Counting Start / End Date (cycle counting:
    #: domain.inventory.counting_periods) and Last Phys. Invt. Date
    counting_period_code: Mapped[Code | None]
    last_counting_period_update: Mapped[dt.date | None] = mapped_column(Date)
    next_counting_start_date: Mapped[dt.date | None] = mapped_column(Date)
    next_counting_end_date: Mapped[dt.date | None] = mapped_column(Date)
    last_phys_invt_date: Mapped[dt.date | None] = mapped_column(Date)
    #: BC Assembly Policy: stock (Assemble-to-Stock) | order (Assemble-to-Order: a sales order
    #: line assembles its whole quantity on a linked assembly order, domain.sales.assemble_to_order)
    assembly_policy: Mapped[str] = mapped_column(String(10), default="stock", server_default="stock")


class ItemTextVersion(Base):
    """One row whose ``version`` triggers renumber when an item is added, deleted, renumbered,
    renamed, blocked or unblocked (migration 0047; not on cost or price changes): the key of
    intake's per-process index of item descriptions (domain.intake.mapping.open_items)."""

    __tablename__ = "item_text_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class ItemReference(Base):
    """Another party's number for an item (BC "Item Reference"): a vendor's item number
    (``reference_type`` vendor, ``reference_type_no`` the vendor) or a bar code such as a
    GTIN/EAN (``bar_code``, no party), with the unit of measure it is counted in. Intake maps
    invoice lines to items by these first."""

    __tablename__ = "item_reference"
    __table_args__ = (UniqueConstraint("reference_type", "reference_type_no", "reference_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), index=True)
    #: vendor | bar_code
    reference_type: Mapped[str] = mapped_column(String(10))
    reference_type_no: Mapped[Code] = mapped_column(default="")
    reference_no: Mapped[str] = mapped_column(String(50))
    unit_of_measure: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[Text] = mapped_column(default="")


class ItemCharge(Base):
    """A cost that is not the item's price (freight, insurance) added to an
    item ledger entry's value: BC "Item Charges"."""

    __tablename__ = "item_charge"
    no: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text]
    gen_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("gen_prod_posting_group.code"))
    vat_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_prod_posting_group.code"))
