"""Reservation entries (BC table 337 "Reservation Entry", status Reservation). Declarations only.

One row is one reservation: ``quantity`` of an item at a location held for a demand line
(a sales order line) against one supply: an inbound item ledger entry with remaining
quantity (stock on hand), a purchase order line not yet received or a transfer order line inbound to
the location (BC pairs a positive
and a negative entry; one row with both ends says the same). Receiving the purchase (transfer)
line moves the row onto the receipt's item ledger entry; shipping the demand line consumes it;
deleting either line deletes it (``ON DELETE CASCADE``). Rows are working data, not posted:
they change and disappear as BC's do.
"""

from __future__ import annotations

import datetime as dt
from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Qty, created_at


#: exactly one supply: an item ledger entry, a purchase order line or an inbound transfer order line
ONE_SUPPLY = ("(CASE WHEN item_ledger_entry_no IS NULL THEN 0 ELSE 1 END) + (CASE WHEN purchase_line_id IS NULL "
              "THEN 0 ELSE 1 END) + (CASE WHEN transfer_order_no IS NULL THEN 0 ELSE 1 END) = 1")


class ReservationEntry(Base):
    __tablename__ = "reservation_entry"
    __table_args__ = (
        CheckConstraint(ONE_SUPPLY, name="one_supply"),
        ForeignKeyConstraint(["transfer_order_no", "transfer_line_no"], ["transfer_line.order_no", "transfer_line.line_no"],
                             ondelete="CASCADE"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_no: Mapped[Code] = mapped_column(ForeignKey("item.no"), index=True)
    location_code: Mapped[Code] = mapped_column(default="")
    quantity: Mapped[Qty] = mapped_column()
    #: the demand: the sales order line the quantity is held for
    sales_line_id: Mapped[int] = mapped_column(ForeignKey("sales_line.id", ondelete="CASCADE"), index=True)
    #: the supply: an inbound item ledger entry (on hand) ...
    item_ledger_entry_no: Mapped[int | None] = mapped_column(ForeignKey("item_ledger_entry.entry_no"), index=True)
    #: ... or a purchase order line (inbound, not yet received)
    purchase_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_line.id", ondelete="CASCADE"),
                                                         index=True)
    #: ... or a transfer order line inbound to the location (shipped or not, not yet received)
    transfer_order_no: Mapped[Code | None] = mapped_column(index=True)
    transfer_line_no: Mapped[int | None] = mapped_column(Integer)
    serial_no: Mapped[str | None] = mapped_column(String(50))
    lot_no: Mapped[str | None] = mapped_column(String(50))
    created_by: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = created_at()

