"""Assembly management's tables (BC "Assembly BOM", "Assembly Header", "Assembly Line",
and a plain "Resource" card: the work a BOM line adds at a unit cost).
Declarations only; the rules are in :mod:`domain.inventory.assembly_rules`, the use
cases in :mod:`domain.inventory.assembly`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Qty, Text, UnitAmount


class Resource(Base):
    """BC Resource, as far as assembly needs it: a person or machine whose time an assembly
    BOM uses, at a unit cost (per hour, or whatever unit the BOM counts in)."""

    __tablename__ = "resource"
    no: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text] = mapped_column(default="")
    unit_cost: Mapped[UnitAmount] = mapped_column(default=Decimal(0))


class AssemblyBomComponent(Base):
    """One line of an item's assembly BOM: an inventory item (BC Type Item) or a resource
    (Type Resource), and its quantity per parent unit."""

    __tablename__ = "assembly_bom_component"
    parent_item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: item | resource
    type: Mapped[str] = mapped_column(String(10), default="item")
    component_item_no: Mapped[Code | None] = mapped_column(ForeignKey("item.no"), index=True)
    resource_no: Mapped[Code | None] = mapped_column(ForeignKey("resource.no"))
    quantity_per: Mapped[Qty]


class AssemblyHeader(Base):
    """BC Assembly Header (Document Type Order): the parent item to output at a location, how
    much and how much is assembled so far; assemble to stock, or to order for a sales line."""

    __tablename__ = "assembly_header"
    no: Mapped[Code] = mapped_column(primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"))
    description: Mapped[Text] = mapped_column(default="")
    quantity: Mapped[Qty]
    quantity_assembled: Mapped[Qty] = mapped_column(default=Decimal(0))
    location_code: Mapped[Code] = mapped_column(default="")
    due_date: Mapped[dt.date] = mapped_column(Date)
    #: open | assembled (all of it)
    status: Mapped[str] = mapped_column(String(10), default="open")
    #: the output's [{"lot_no"|"serial_no": ..., "quantity": "..."}] as imported (strings), or []
    tracking: Mapped[list] = mapped_column(JSON, default=list)
    #: assemble to order (BC Assemble-to-Order Link): the sales order line this order assembles
    #: for; such an order follows the line and posts only with the line's shipment
    sales_order_no: Mapped[Code | None] = mapped_column(index=True)
    sales_order_line_no: Mapped[int | None] = mapped_column(Integer)


class AssemblyLine(Base):
    """BC Assembly Line: a component copied from the BOM when the order was made, with the
    quantity the whole order needs and what postings consumed of it."""

    __tablename__ = "assembly_line"
    order_no: Mapped[Code] = mapped_column(ForeignKey("assembly_header.no"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: item | resource
    type: Mapped[str] = mapped_column(String(10), default="item")
    item_no: Mapped[Code | None] = mapped_column(ForeignKey("item.no"))
    resource_no: Mapped[Code | None] = mapped_column(ForeignKey("resource.no"))
    description: Mapped[Text] = mapped_column(default="")
    quantity_per: Mapped[Qty]
    quantity: Mapped[Qty]
    consumed_quantity: Mapped[Qty] = mapped_column(default=Decimal(0))
