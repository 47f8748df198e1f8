"""Reservation entries (BC table 337 "Reservation Entry", status Reservation). Declarations only.

One row is one reservation: ``quantity`` of an item at a location held for one demand line
against one supply (BC pairs a positive and a negative entry; one row with both ends says the
same). The demand is a sales order line, a transfer order line (outbound from its
Transfer-from location) or an assembly order's component line; the supply is an inbound item
ledger entry with remaining quantity (stock on hand), a purchase order line not yet received,
a transfer order line inbound to the location or an assembly order's output. Receiving
(posting) the supply moves the row onto the new item ledger entry; shipping (consuming) the
demand line consumes it; deleting either line deletes it (``ON DELETE CASCADE``). Rows are
working data, not posted: they change and disappear as BC's do.
"""

from __future__ import annotations

import datetime as dt
from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Qty, created_at


def _one_of(*columns: str) -> str:
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


#: exactly one supply: an item ledger entry, a purchase order line, an inbound transfer order line
#: or an assembly order's output
ONE_SUPPLY = _one_of("item_ledger_entry_no", "purchase_line_id", "transfer_order_no", "assembly_order_no")
#: exactly one demand: a sales order line, an outbound transfer order line or an assembly component line
ONE_DEMAND = _one_of("sales_line_id", "outbound_transfer_order_no", "component_order_no")


class ReservationEntry(Base):
    __tablename__ = "reservation_entry"
    __table_args__ = (
        CheckConstraint(ONE_SUPPLY, name="one_supply"),
        CheckConstraint(ONE_DEMAND, name="one_demand"),
        ForeignKeyConstraint(["transfer_order_no", "transfer_line_no"], ["transfer_line.order_no", "transfer_line.line_no"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["outbound_transfer_order_no", "outbound_transfer_line_no"],
                             ["transfer_line.order_no", "transfer_line.line_no"], ondelete="CASCADE"),
        ForeignKeyConstraint(["component_order_no", "component_line_no"],
                             ["assembly_line.order_no", "assembly_line.line_no"], ondelete="CASCADE"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), index=True)
    location_code: Mapped[Code] = mapped_column(default="")
    quantity: Mapped[Qty] = mapped_column()
    #: the demand: a sales order line the quantity is held for ...
    sales_line_id: Mapped[int | None] = mapped_column(ForeignKey("sales_line.id", ondelete="CASCADE"), index=True)
    #: ... or a transfer order line, outbound from its Transfer-from location ...
    outbound_transfer_order_no: Mapped[Code | None] = mapped_column(index=True)
    outbound_transfer_line_no: Mapped[int | None] = mapped_column(Integer)
    #: ... or an assembly order's component line (consumed at the order's location)
    component_order_no: Mapped[Code | None] = mapped_column(index=True)
    component_line_no: Mapped[int | None] = mapped_column(Integer)
    #: the supply: an inbound item ledger entry (on hand) ...
    item_ledger_entry_no: Mapped[int | None] = mapped_column(ForeignKey("item_ledger_entry.entry_no"), index=True)
    #: ... or a purchase order line (inbound, not yet received)
    purchase_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_line.id", ondelete="CASCADE"),
                                                         index=True)
    #: ... or a transfer order line inbound to the location (shipped or not, not yet received)
    transfer_order_no: Mapped[Code | None] = mapped_column(index=True)
    transfer_line_no: Mapped[int | None] = mapped_column(Integer)
    #: ... or an assembly order's output (not yet assembled)
    assembly_order_no: Mapped[Code | None] = mapped_column(ForeignKey("assembly_header.no", ondelete="CASCADE"),
                                                           index=True)
    serial_no: Mapped[str | None] = mapped_column(String(50))
    lot_no: Mapped[str | None] = mapped_column(String(50))
    created_by: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = created_at()
