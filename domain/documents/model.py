"""Outgoing documents: the company's printed details and files attached to outbox e-mails.

``document_setup`` holds what a printed sales document shows that the company
table does not (address, bank account, IBAN/BIC) and whether the payment
reference (KID / betalingskenmerk, made when a sales invoice is posted) is
printed: BC "Company Information" bank fields and the report layout option.
``outbox_attachment`` extends the approval outbox compatibly: a message may
carry files (the rendered PDF), written in the same transaction as the message.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Text


class DocumentSetup(Base):
    __tablename__ = "document_setup"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[Text] = mapped_column(default="")
    post_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    bic: Mapped[str] = mapped_column(String(11), default="")
    bank_account_no: Mapped[str] = mapped_column(String(20), default="")
    #: print the KID / betalingskenmerk of a posted sales invoice
    print_payment_reference: Mapped[bool] = mapped_column(Boolean, default=True)




class PaymentService(Base):
    """The payment service (Vipps, iDEAL, a card acquirer, ...) whose link a sent invoice's e-mail
    carries: BC "Payment Service Setup". ``url_template`` names its values in braces ({amount},
    {kid}, {document_no}, {currency}, {customer_no}), checked when it is set; one row."""

    __tablename__ = "payment_service"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    url_template: Mapped[str] = mapped_column(String(500))
