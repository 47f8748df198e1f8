"""Learned vendor layouts (issue 14): store the anchors a person's correction taught
(ocr/learned.py computes them) and hand every vendor's anchors to the extractor, keyed by
each identifier of the vendor, so the next invoice of that vendor is read by them first."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.intake.model import VendorLayout
from domain.setup.model.cards import Vendor

#: header fields a correction can teach (ocr/learned.py LEARNABLE)
LEARNABLE = ("invoice_no", "invoice_date", "due_date", "net_amount", "vat_amount", "gross_amount",
             "payment_reference", "vendor_iban", "vendor_account_no")


def _compact(value: str | None) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value or "").upper()


def remember(app: App, vendor_no: str, anchors: list[dict]) -> int:
    """Store (or replace) the vendor's anchor per field; returns how many were stored."""
    stored = 0
    with app.uow() as session:
        require(session, app.user, "intake.process")
        for anchor in anchors:
            field, label = anchor.get("field"), str(anchor.get("label") or "")[:250]
            if field not in LEARNABLE or not label:
                continue
            row = session.scalars(select(VendorLayout).where(
                VendorLayout.vendor_no == vendor_no, VendorLayout.field == field)).first()
            if row is None:
                session.add(VendorLayout(vendor_no=vendor_no, field=field, label=label,
                                         below=bool(anchor.get("below")), uses=0, created_by=app.user))
            else:
                row.label, row.below, row.created_by = label, bool(anchor.get("below")), app.user
            stored += 1
    return stored


def anchors_by_identifier(session: Session) -> dict[str, list[dict]]:
    """Compact identifier (org.nr, VAT id, KvK, IBAN, account no.) -> that vendor's anchors."""
    by_vendor: dict[str, list[dict]] = {}
    for row in session.scalars(select(VendorLayout).order_by(VendorLayout.vendor_no, VendorLayout.field)):
        by_vendor.setdefault(row.vendor_no, []).append({"field": row.field, "label": row.label,
                                                        "below": row.below})
    out: dict[str, list[dict]] = {}
    if not by_vendor:
        return out
    for vendor in session.scalars(select(Vendor).where(Vendor.no.in_(by_vendor))):
        for value in (vendor.org_no, vendor.vat_id, vendor.kvk_no, vendor.iban, vendor.bank_account_no):
            if _compact(value):
                out[_compact(value)] = by_vendor[vendor.no]
        if vendor.vat_id and _compact(vendor.vat_id).startswith("NO"):
            out[_compact(vendor.vat_id)[2:11]] = by_vendor[vendor.no]  # the org.nr inside a NO VAT id
    return out


def for_extraction(app: App) -> dict[str, list[dict]]:
    with app.uow() as session:
        return anchors_by_identifier(session)


def learnable_corrections(shown: dict) -> dict[str, str]:
    """The header fields a person corrected on a document (``documents show``), by value."""
    return {f["name"]: f["value"] for f in shown.get("fields", [])
            if f["name"] in LEARNABLE and f.get("corrected_by") and f.get("value")}


def list_layouts(app: App, vendor_no: str | None = None) -> list[dict]:
    with app.uow() as session:
        query = select(VendorLayout).order_by(VendorLayout.vendor_no, VendorLayout.field)
        if vendor_no:
            query = query.where(VendorLayout.vendor_no == vendor_no)
        return [{"vendor_no": r.vendor_no, "field": r.field, "label": r.label, "below": r.below,
                 "created_by": r.created_by or ""} for r in session.scalars(query)]
