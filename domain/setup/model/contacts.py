"""Contacts (BC Relationship Management, tables 5050 Contact and 5054 Contact Business Relation).

A contact is a company or a person; a person may work for a company contact (BC "Company No.").
A business relation links a company contact (or a person without a company) to the customer or
vendor it is: one customer / vendor has one contact, one contact is at most one customer and one
vendor. Sales and purchase documents name a contact person of their customer's / vendor's
company (BC "Sell-to Contact No." / "Buy-from Contact No.").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Text, created_at


class Contact(Base):
    __tablename__ = "contact"
    no: Mapped[Code] = mapped_column(primary_key=True)
    #: company | person
    type: Mapped[str] = mapped_column(String(10))
    name: Mapped[Text]
    #: a person: the company contact the person works for (BC Company No.)
    company_no: Mapped[Code | None] = mapped_column(ForeignKey("contact.no"), index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()


class ContactBusinessRelation(Base):
    __tablename__ = "contact_business_relation"
    __table_args__ = (UniqueConstraint("link_to_table", "link_no"), UniqueConstraint("contact_no", "link_to_table"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_no: Mapped[Code] = mapped_column(ForeignKey("contact.no"))
    #: customer | vendor (BC Link to Table)
    link_to_table: Mapped[str] = mapped_column(String(10))
    #: the customer's or vendor's no.
    link_no: Mapped[Code]
