"""The outbox: e-mails written in the transaction that decides them, delivered afterwards
at most once (design.md section 3.4), and the files attached to them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy import Text as SaText
from sqlalchemy.orm import Mapped, mapped_column

from domain.orm import Base, Code, Text, UtcTime


class OutboxMessage(Base):
    """An e-mail written in the decision's transaction, delivered afterwards at most once."""

    __tablename__ = "outbox_message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[UtcTime] = mapped_column()
    recipient: Mapped[str] = mapped_column(String(200))
    recipient_user: Mapped[Code | None]
    subject: Mapped[Text]
    body: Mapped[str] = mapped_column(SaText)
    #: the HTML part, when the e-mail has one (``body`` is its plain text part)
    body_html: Mapped[str | None] = mapped_column(SaText)
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2))
    document_no: Mapped[Code | None] = mapped_column(index=True)
    #: pending | sending | sent | failed ("sending" is never retried: at most once)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    sent_at: Mapped[UtcTime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(SaText)


class OutboxAttachment(Base):
    __tablename__ = "outbox_attachment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
