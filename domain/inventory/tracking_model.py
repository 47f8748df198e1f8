"""Item tracking codes (BC "Item Tracking Codes"): how an item's units are identified.

A code says whether each unit carries its own serial no. (``serial_specific``), whether
units come in lots (``lot_specific``), and whether a lot/unit needs an expiration date
(``expiration_required``: BC "Man. Expiration Date Entry Reqd."), and whether an outbound
posting may take a lot that expired before the posting date (``strict_expiration``: BC
"Strict Expiration Posting": it may not). An item names its code on the card (``item.item_tracking_code``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Text


class ItemTrackingCode(Base):
    __tablename__ = "item_tracking_code"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="", server_default="")
    serial_specific: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    lot_specific: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    expiration_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    strict_expiration: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
