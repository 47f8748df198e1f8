"""Incoming documents: files from the inbox on their way to a purchase draft.

Business Central's Incoming Document (table 130) with its OCR data: one row
per distinct file (``sha256`` is unique, so the same bytes are registered
once; each further copy is an :class:`IncomingDocumentCopy` row), the fields
the extraction proposed (one :class:`IncomingDocumentField` per field, with
confidence and who corrected it), the proposed lines, the problems that keep
the document in review, and the link to the draft it created.

:class:`VendorMapping` is the learned line mapping (BC "Text-to-Account
Mapping"): vendor + normalised line text -> item or G/L account, written when
a user corrects a line and read for the vendor's next invoice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy import Text as SqlText
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.orm import Amount, Base, Code, Qty, Rate, Text, UnitAmount, created_at

#: new -> created | review | rejected; created -> posted (BC statuses, plus review/rejected)
STATUSES = ("new", "created", "review", "rejected", "posted")


class IncomingDocument(Base):
    __tablename__ = "incoming_document"
    entry_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="new", index=True)
    #: pdf-text | pdf-ocr | pdf-hybrid | ubl | cii | cii-embedded (None for refused files)
    source_kind: Mapped[str | None] = mapped_column(String(20))
    #: invoice | credit_memo
    document_type: Mapped[str] = mapped_column(String(15), default="invoice")
    #: None only for a file that was never read (a symlink)
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    original_name: Mapped[Text] = mapped_column(default="")
    archive_path: Mapped[str | None] = mapped_column(String(500))
    #: where the file came from (relative to the inbox), its size and mtime: lets a
    #: sweep that crashed after commit recognise the very same file, not a new copy
    source_path: Mapped[str] = mapped_column(String(500), default="")
    source_mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    quarantine_path: Mapped[str | None] = mapped_column(String(500))
    quarantine_code: Mapped[str | None] = mapped_column(String(40))
    vendor_no: Mapped[Code | None] = mapped_column(ForeignKey("vendor.no"))
    #: how the vendor was found: vat_id | org_no | kvk | iban | account | name | user
    vendor_match: Mapped[str | None] = mapped_column(String(20))
    #: JSON: the vendor card ``accept-vendor`` creates for an unknown vendor
    proposed_vendor: Mapped[str | None] = mapped_column(SqlText)
    #: JSON: the VAT breakdown [{rate, base, amount, category}]
    vat_groups: Mapped[str] = mapped_column(SqlText, default="[]")
    #: another incoming document with the same vendor + vendor invoice no.
    duplicate_of: Mapped[int | None] = mapped_column(Integer)
    #: the invoice no. field normalised (domain.identifiers.normalise_document_no), indexed with
    #: vendor_no for the duplicate check (migration 0048)
    invoice_no_norm: Mapped[str | None] = mapped_column(String(50))
    purchase_header_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_header.id"))
    purchase_document_no: Mapped[Code | None]
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
    fields: Mapped[list[IncomingDocumentField]] = relationship(
        back_populates="document", order_by="IncomingDocumentField.id", cascade="all, delete-orphan")
    lines: Mapped[list[IncomingDocumentLine]] = relationship(
        back_populates="document", order_by="IncomingDocumentLine.line_no", cascade="all, delete-orphan")
    problems: Mapped[list[IncomingDocumentProblem]] = relationship(
        back_populates="document", order_by="IncomingDocumentProblem.id", cascade="all, delete-orphan")
    copies: Mapped[list[IncomingDocumentCopy]] = relationship(
        back_populates="document", order_by="IncomingDocumentCopy.id", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_incoming_document_vendor_invoice_no_norm", "vendor_no", "invoice_no_norm"),)


class IncomingDocumentField(Base):
    __tablename__ = "incoming_document_field"
    __table_args__ = (UniqueConstraint("entry_no", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_no: Mapped[int] = mapped_column(ForeignKey("incoming_document.entry_no", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(String(250))
    confidence: Mapped[Rate] = mapped_column(default=Decimal(0))
    #: xml | text | ocr | computed | user
    source: Mapped[str] = mapped_column(String(10), default="")
    corrected_by: Mapped[Code | None]
    document: Mapped[IncomingDocument] = relationship(back_populates="fields")


class IncomingDocumentLine(Base):
    """A proposed invoice line and what it maps to (item or G/L account)."""

    __tablename__ = "incoming_document_line"
    __table_args__ = (UniqueConstraint("entry_no", "line_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_no: Mapped[int] = mapped_column(ForeignKey("incoming_document.entry_no", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    description: Mapped[Text] = mapped_column(default="")
    quantity: Mapped[Qty | None] = mapped_column()
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[UnitAmount | None] = mapped_column()
    discount_pct: Mapped[Rate | None] = mapped_column()
    vat_rate: Mapped[Rate | None] = mapped_column()
    amount: Mapped[Amount | None] = mapped_column()
    vendor_item_no: Mapped[str | None] = mapped_column(String(50))
    #: the item's standard identifier printed on the line (GTIN/EAN, UBL StandardItemIdentification)
    standard_item_no: Mapped[str | None] = mapped_column(String(50))
    confidence: Mapped[Rate] = mapped_column(default=Decimal(0))
    #: item | gl_account (None until mapped)
    type: Mapped[str | None] = mapped_column(String(15))
    no: Mapped[Code | None]
    #: item_reference | bar_code | vendor_item_no | learned | description | vendor_default |
    #: company_default | user
    mapped_by: Mapped[str | None] = mapped_column(String(20))
    corrected_by: Mapped[Code | None]
    document: Mapped[IncomingDocument] = relationship(back_populates="lines")


class IncomingDocumentProblem(Base):
    __tablename__ = "incoming_document_problem"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_no: Mapped[int] = mapped_column(ForeignKey("incoming_document.entry_no", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    field: Mapped[str | None] = mapped_column(String(60))
    #: JSON object of the problem's parameters
    params: Mapped[str] = mapped_column(SqlText, default="{}")
    #: error (keeps the document in review) | warning (shown, does not block)
    severity: Mapped[str] = mapped_column(String(10), default="error")
    #: extract (found by ocr; cleared when the user corrects the field) | check (recomputed)
    stage: Mapped[str] = mapped_column(String(10), default="check")
    document: Mapped[IncomingDocument] = relationship(back_populates="problems")


class IncomingDocumentCopy(Base):
    """A further copy of the same bytes: recorded, never a second document."""

    __tablename__ = "incoming_document_copy"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_no: Mapped[int] = mapped_column(ForeignKey("incoming_document.entry_no", ondelete="CASCADE"))
    original_name: Mapped[Text] = mapped_column(default="")
    source_path: Mapped[str] = mapped_column(String(500), default="")
    source_mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    received_at: Mapped[dt.datetime] = created_at()
    document: Mapped[IncomingDocument] = relationship(back_populates="copies")


class VendorLayout(Base):
    """Where one vendor prints a header field, learned from a person's correction
    (ocr/learned.py): the label before the value on its line, or above it (``below``)."""

    __tablename__ = "vendor_layout"
    __table_args__ = (UniqueConstraint("vendor_no", "field"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    field: Mapped[str] = mapped_column(String(40))
    label: Mapped[Text]
    below: Mapped[bool] = mapped_column(Boolean, default=False)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()


class VendorMapping(Base):
    """Learned line mapping: vendor + normalised line text -> item or G/L account.

    ``match_text`` "" is the vendor's default for lines nothing else maps.
    """

    __tablename__ = "vendor_mapping"
    __table_args__ = (UniqueConstraint("vendor_no", "match_text"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_no: Mapped[Code] = mapped_column(ForeignKey("vendor.no"))
    match_text: Mapped[Text] = mapped_column(default="")
    #: item | gl_account
    type: Mapped[str] = mapped_column(String(15))
    no: Mapped[Code]
    uses: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
