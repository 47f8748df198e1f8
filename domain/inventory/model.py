"""Inventory's own tables: item categories and attributes, physical inventory batches,
transfer orders (BC "Item Categories", "Item Attributes", "Phys. Inventory Journal",
"Transfer Orders", "Item Variants"). Declarations only.

A lot or serial no. is stored as "" when there is none (not NULL), so that the unique
constraints of counting lines hold on both databases.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Qty, Text, UnitAmount


class ItemCategory(Base):
    """A node of the item category tree (BC Item Category, with Parent Category)."""

    __tablename__ = "item_category"
    code: Mapped[Code] = mapped_column(primary_key=True)
    parent_code: Mapped[Code | None] = mapped_column(ForeignKey("item_category.code"))
    description: Mapped[Text] = mapped_column(default="")


class ItemAttribute(Base):
    """BC Item Attribute: a name, a type (text | integer | decimal | option) and, for an
    option attribute, the values it allows."""

    __tablename__ = "item_attribute"
    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    type: Mapped[str] = mapped_column(String(10))
    #: option values in the order given (an empty list for other types)
    option_values: Mapped[list] = mapped_column(JSON, default=list)


class ItemAttributeValue(Base):
    """The value of one attribute on one item, stored in its canonical text form."""

    __tablename__ = "item_attribute_value"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    attribute_name: Mapped[str] = mapped_column(String(30), ForeignKey("item_attribute.name"), primary_key=True)
    value: Mapped[Text]


class ItemVariant(Base):
    """BC Item Variant: a variation of an item (colour, size) under its own code. Document
    lines and item ledger entries carry it (``variant_code``); cost stays per item."""

    __tablename__ = "item_variant"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[Text] = mapped_column(default="")


class PhysInvtCountingPeriod(Base):
    """BC Phys. Invt. Counting Period: how often a year the items that carry it are counted."""

    __tablename__ = "phys_invt_counting_period"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    count_frequency: Mapped[int] = mapped_column(Integer)


class PhysInventoryBatch(Base):
    """A physical inventory journal batch: the expected quantities at one location on one
    date (BC Calculate Inventory), the counts entered, and the posting of the differences."""

    __tablename__ = "phys_inventory_batch"
    name: Mapped[Code] = mapped_column(primary_key=True)
    location_code: Mapped[Code]
    posting_date: Mapped[dt.date] = mapped_column(Date)
    #: open | posted
    status: Mapped[str] = mapped_column(String(10), default="open")
    document_no: Mapped[Code | None]
    #: made by ``calculate --counting-period`` (BC Calculate Counting Period): posting moves each
    #: counted item's next counting period on
    counting_period: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PhysInventoryLine(Base):
    """One item (and lot or serial no. where tracked) of a batch: BC Qty. (Calculated) and
    Qty. (Phys. Inventory); an uncounted line (None) posts no difference."""

    __tablename__ = "phys_inventory_line"
    __table_args__ = (UniqueConstraint("batch_name", "item_no", "lot_no", "serial_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: no index of its own: the unique constraint's index starts with it (one index less to fill
    #: for each of the 10,000 lines a calculation writes)
    batch_name: Mapped[Code] = mapped_column(ForeignKey("phys_inventory_batch.name"))
    line_no: Mapped[int] = mapped_column(Integer)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"))
    lot_no: Mapped[str] = mapped_column(String(50), default="")
    serial_no: Mapped[str] = mapped_column(String(50), default="")
    qty_calculated: Mapped[Qty] = mapped_column(default=Decimal(0))
    qty_counted: Mapped[Qty | None]


class TransferHeader(Base):
    """BC Transfer Order: from a location to another through an in-transit location."""

    __tablename__ = "transfer_header"
    no: Mapped[Code] = mapped_column(primary_key=True)
    from_location: Mapped[Code]
    to_location: Mapped[Code]
    in_transit_location: Mapped[Code]
    shipment_date: Mapped[dt.date] = mapped_column(Date)
    #: open | shipped (all shipped) | received (all received)
    status: Mapped[str] = mapped_column(String(10), default="open")


class TransferLine(Base):
    __tablename__ = "transfer_line"
    __table_args__ = (Index("ix_transfer_line_item", "item_no"),)  # availability of an item
    order_no: Mapped[Code] = mapped_column(ForeignKey("transfer_header.no"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"))
    description: Mapped[Text] = mapped_column(default="")
    quantity: Mapped[Qty]
    quantity_shipped: Mapped[Qty] = mapped_column(default=Decimal(0))
    quantity_received: Mapped[Qty] = mapped_column(default=Decimal(0))
    #: [{"lot_no"|"serial_no": ..., "quantity": "..."}] as imported (strings), or []
    tracking: Mapped[list] = mapped_column(JSON, default=list)


class TransferEntry(Base):
    """The item ledger entries a shipment or receipt of a transfer line wrote: the
    in-transit entries of a shipment are what its receipts are applied to."""

    __tablename__ = "transfer_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_no: Mapped[Code] = mapped_column(ForeignKey("transfer_header.no"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    #: ship | receive
    kind: Mapped[str] = mapped_column(String(10))
    document_no: Mapped[Code]
    #: the inbound entry written (in transit on shipment, at the destination on receipt)
    entry_no: Mapped[int] = mapped_column(ForeignKey("item_ledger_entry.entry_no"))
    quantity: Mapped[Qty]


class ItemUnitOfMeasure(Base):
    """BC Item Unit of Measure: a unit an item is bought or sold in and how many base units
    one of it holds (the base unit itself: 1). Added, never changed: a line's quantity in the
    item ledger (BC Quantity (Base)) is its quantity times this, read when the line posts."""

    __tablename__ = "item_unit_of_measure"
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    code: Mapped[Code] = mapped_column(primary_key=True)
    qty_per_unit_of_measure: Mapped[Qty]
    #: BC Qty. Rounding Precision (0: none): on the base unit, the step a line's Quantity (Base)
    #: must fall on (1: whole pieces; domain.inventory.units)
    qty_rounding_precision: Mapped[Qty] = mapped_column(default=Decimal(0), server_default="0")


class NonstockItem(Base):
    """BC Nonstock Item (catalog item): a vendor's item that is not an item card until it is
    first ordered; then the card is made (BC "Make Item") and ``item_no`` names it."""

    __tablename__ = "nonstock_item"
    __table_args__ = (UniqueConstraint("vendor_no", "vendor_item_no"),)
    entry_no: Mapped[Code] = mapped_column(primary_key=True)
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    vendor_item_no: Mapped[str] = mapped_column(String(20))
    description: Mapped[Text] = mapped_column(default="")
    unit_cost: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    unit_price: Mapped[UnitAmount] = mapped_column(default=Decimal(0))
    unit_of_measure: Mapped[Code] = mapped_column(default="PCS")
    #: the item card the new item copies its type, costing method and posting groups from
    item_template: Mapped[Code | None]
    item_no: Mapped[Code | None] = mapped_column(ForeignKey("item.no"))
