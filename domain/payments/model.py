"""Imported bank statement lines (CAMT.053) and what became of them.

A statement line is kept whatever happens to it: ``applied`` (a payment was
posted and applied in full), ``partial`` (posted and applied, a residue stays
open on the payment entry) or ``unmatched`` (posted to no entry: waits for a
person). ``(account_iban, entry_reference)`` is unique, so importing the same
statement twice posts nothing twice.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Amount, Base, Code, Text, created_at


class BankStatementLine(Base):
    __tablename__ = "bank_statement_line"
    __table_args__ = (UniqueConstraint("account_iban", "entry_reference"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[str] = mapped_column(String(50))
    account_iban: Mapped[str] = mapped_column(String(34))
    entry_reference: Mapped[str] = mapped_column(String(60))
    booking_date: Mapped[dt.date] = mapped_column(Date)
    #: positive = money in (customer payment), negative = money out (vendor payment)
    amount: Mapped[Amount] = mapped_column()
    currency: Mapped[str] = mapped_column(String(3))
    counterparty_name: Mapped[Text] = mapped_column(default="")
    counterparty_iban: Mapped[str | None] = mapped_column(String(34))
    reference: Mapped[str] = mapped_column(String(140), default="")
    remittance_text: Mapped[Text] = mapped_column(default="")
    #: applied | partial | unmatched
    status: Mapped[str] = mapped_column(String(10))
    #: customer | vendor | "" (unmatched)
    party_type: Mapped[str] = mapped_column(String(10), default="")
    party_no: Mapped[Code | None]
    payment_document_no: Mapped[Code | None]
    applied_document_no: Mapped[Code | None]
    #: the part of the amount left open on the payment entry
    residue: Mapped[Amount] = mapped_column()
    imported_at: Mapped[dt.datetime] = created_at()


class PaymentProposal(Base):
    """A vendor payment proposal (BC "Suggest Vendor Payments" into a payment journal): made by
    ``payments suggest``, written to the bank as a pain.001 file, posted by ``payments confirm``."""

    __tablename__ = "payment_proposal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    no: Mapped[str] = mapped_column(String(20), unique=True)
    due_by: Mapped[dt.date] = mapped_column(Date)
    execution_date: Mapped[dt.date] = mapped_column(Date)
    #: proposed | confirmed
    status: Mapped[str] = mapped_column(String(10), default="proposed")
    message_id: Mapped[str] = mapped_column(String(35))
    created_by: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
    confirmed_by: Mapped[Code | None]
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PaymentProposalLine(Base):
    """One credit transfer of a proposal: a vendor's due invoice (with its KID), or a vendor's due
    invoices less its open credit memos in one transfer."""

    __tablename__ = "payment_proposal_line"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("payment_proposal.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    vendor_no: Mapped[Code]
    vendor_name: Mapped[Text]
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Amount] = mapped_column()
    discount: Mapped[Amount] = mapped_column()
    iban: Mapped[str] = mapped_column(String(34), default="")
    bank_account_no: Mapped[str] = mapped_column(String(20), default="")
    #: structured creditor reference (KID, betalingskenmerk) or "" (then ``remittance`` is sent)
    reference: Mapped[str] = mapped_column(String(50), default="")
    remittance: Mapped[Text] = mapped_column(default="")
    #: the vendor ledger entries' document nos, comma-separated: invoices then credit memos
    applies_to: Mapped[str] = mapped_column(String(2000))
    payment_document_no: Mapped[Code | None]


class LedgerUnapplication(Base):
    """An application of customer or vendor ledger entries that was undone (BC "Unapply Entries"):
    the application's transaction no. and the transaction whose detailed entries reversed it.
    One per application: an application is unapplied once."""

    __tablename__ = "ledger_unapplication"
    __table_args__ = (UniqueConstraint("party", "application_transaction_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: customer | vendor
    party: Mapped[str] = mapped_column(String(10))
    #: the ledger entry the user named
    entry_no: Mapped[int] = mapped_column(Integer)
    application_transaction_no: Mapped[int] = mapped_column(Integer)
    transaction_no: Mapped[int] = mapped_column(Integer)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    user_id: Mapped[Code | None]
    created_at: Mapped[dt.datetime] = created_at()
