"""Which posted invoices and credit memos are an order's prepayment documents.

Business Central marks a posted purchase (sales) invoice "Prepayment Invoice" and keeps the
order's no. on it; here the posted documents are the ordinary posted invoices and credit
memos (their G/L, VAT and ledger entries are append-only as every posting's), and this table
names those that are prepayments, for both sides (``side`` purchase | sales). It is written
once per posting, in the posting's transaction, and never changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, created_at


class PrepaymentDocument(Base):
    __tablename__ = "prepayment_document"
    __table_args__ = (UniqueConstraint("side", "posted_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: purchase | sales
    side: Mapped[str] = mapped_column(String(10))
    #: invoice | credit_memo (prepayment documents) | deduction (a final invoice that deducted one)
    document_type: Mapped[str] = mapped_column(String(15))
    posted_no: Mapped[Code]
    order_no: Mapped[Code] = mapped_column(index=True)
    party_no: Mapped[Code]
    posting_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Amount] = mapped_column()
    amount_including_vat: Mapped[Amount] = mapped_column()
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
