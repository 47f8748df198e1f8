"""Helpers for intake tests: invoices from demo vendors, a sweep configuration, row counts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from domain.intake.model import IncomingDocument
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.cards import Vendor
from flows.inbox import SweepConfig
from tests.fixtures.ocr_samples import render_pdf, sample

CORPUS = Path("/work/shared/corpus")
EHF_INVOICE = CORPUS / "ehf/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml"


def config(tmp_path: Path) -> SweepConfig:
    for name in ("inbox", "archive", "quarantine"):
        (tmp_path / name).mkdir(exist_ok=True)
    return SweepConfig(tmp_path / "inbox", tmp_path / "archive", tmp_path / "quarantine", settle_s=0)


def no_sleep(_seconds: float) -> None:
    return None


def vendor_invoice(app, vendor_no: str = "V10000", seed: int = 3, layout: int = 0, **changes) -> tuple[bytes, object]:
    """A Norwegian text PDF from a demo vendor (its name, org.nr and account), with its truth."""
    with app.uow() as session:
        v = session.get(Vendor, vendor_no)
        identity = dict(vendor_name=v.name, vendor_org_no=v.org_no, vendor_vat_id=f"NO{v.org_no}MVA",
                        vendor_account_no=v.bank_account_no, vendor_iban=None)
    s = dataclasses.replace(sample(seed, "nb"), **{**identity, **changes})
    return render_pdf(s, layout=layout), s


def count(app, cls, *where) -> int:
    with app.uow() as session:
        return session.scalar(select(func.count()).select_from(cls).where(*where))


def documents(app) -> list[IncomingDocument]:
    with app.uow() as session:
        return list(session.scalars(select(IncomingDocument).order_by(IncomingDocument.entry_no)))


def header(app, no: str) -> PurchaseHeader:
    with app.uow() as session:
        return session.scalar(select(PurchaseHeader).options(selectinload(PurchaseHeader.lines))
                              .where(PurchaseHeader.no == no))
