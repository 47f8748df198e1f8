"""Which posted invoices and credit memos are an order's prepayment documents.

Business Central marks a posted purchase (sales) invoice "Prepayment Invoice" and keeps the
order's no. on it; here the posted documents are the ordinary posted invoices and credit
memos (their G/L, VAT and ledger entries are append-only as every posting's), and this table
names those that are prepayments, for both sides (``side`` purchase | sales). It is written
once per posting, in the posting's transaction, and never changed.
"""

from __future__ import annotations

import datetime as dt

from decimal import Decimal

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, created_at


class PrepaymentAmounts:
    """An order line's prepayment, net and VAT apart (a mixin of purchase and sales lines).

    Business Central keeps next to Prepmt. Amt. Inv. (in the order's price convention) what the
    prepayment invoices took as net and as VAT, in the document currency and in LCY (Prepmt.
    VAT Base Amt., Prepmt. Amount Inv. Incl. VAT, Prepmt. Amount Inv. (LCY), Prepmt. VAT
    Amount Inv. (LCY)), and the final invoices deduct exactly those: the prepayment account and
    the VAT on prepayments end at zero to the cent, whatever the exchange rates. ``*_inv`` is
    what the prepayment invoices took less the credit memos, ``*_deducted`` what the final
    invoices deducted. On a purchase draft's prepayment line (``prepayment_line``) the ``*_inv``
    columns hold the line's own amounts (BC's temporary prepayment line does the same).
    """

    prepmt_vat_base_inv: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_vat_amount_inv: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amount_inv_lcy: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_vat_amount_inv_lcy: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_vat_base_deducted: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_vat_amount_deducted: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_amount_deducted_lcy: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")
    prepmt_vat_amount_deducted_lcy: Mapped[Amount] = mapped_column(default=Decimal(0), server_default="0")


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
