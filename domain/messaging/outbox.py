"""The outbox: e-mails written in the decision's transaction, delivered afterwards.

design.md section 3.4: a side effect outside the database never happens inside
the transaction that decides it. :func:`enqueue` renders a notification
(Jinja2, the recipient's language) into an ``outbox_message`` row in the
caller's session; :func:`deliver_pending` sends rows later, at most once per
id: a row is claimed (pending -> sending) and committed *before* the send, so
a crash after the claim leaves it "sending" and it is never sent twice. The
transport is SMTP when LEDGERFLOW_SMTP_HOST is set, else one ``.eml`` file per
message in the outbox directory (created exclusively, so a second delivery of
the same id cannot overwrite the first). :func:`enqueue_message` queues an
already rendered e-mail with file attachments (``outbox_attachment``), e.g. a
sales document's PDF.
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.messaging.model import OutboxAttachment, OutboxMessage
from domain.setup.model.company import User

KINDS = ("new_request", "approved", "rejected", "delegated", "overdue")
LANGUAGES = ("nb", "nl", "en")


def templates_dir() -> Path:
    explicit = os.environ.get("LEDGERFLOW_TEMPLATES")
    return Path(explicit) if explicit else Path(__file__).resolve().parents[2] / "templates"


def render(kind: str, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of notification ``kind`` in ``language`` (English if unknown)."""
    env = Environment(loader=FileSystemLoader(templates_dir()), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    lang = language if language in LANGUAGES else "en"
    text = env.get_template(f"notifications/{kind}.{lang}.j2").render(**context)
    first, _, body = text.partition("\n")
    if not first.startswith("Subject: "):
        raise ValueError(f"template {kind}.{lang} must start with 'Subject: '")
    return first[len("Subject: "):].strip(), body.lstrip("\n")


def enqueue(session: Session, user: User | None, kind: str, context: dict, document_no: str | None,
            now) -> OutboxMessage | None:
    """Render and queue a notification to ``user``; none when the user has no e-mail."""
    if user is None or not user.email:
        return None
    language = user.language or "en"
    subject, body = render(kind, language, {**context, "recipient_name": user.name, "recipient_id": user.id})
    message = OutboxMessage(created_at=now, recipient=user.email, recipient_user=user.id, subject=subject,
                              body=body, kind=kind, language=language, document_no=document_no,
                              status="pending")
    session.add(message)
    return message


def enqueue_message(session: Session, recipient: str, subject: str, body: str, kind: str, language: str,
                    document_no: str | None, now, attachments=(), recipient_user: str | None = None,
                    body_html: str | None = None) -> OutboxMessage:
    """Queue an already rendered e-mail; ``attachments`` are (filename, content type, bytes) triples;
    ``body_html`` an HTML alternative to the plain text ``body``."""
    message = OutboxMessage(created_at=now, recipient=recipient, recipient_user=recipient_user,
                              subject=subject, body=body, body_html=body_html, kind=kind, language=language,
                              document_no=document_no, status="pending")
    session.add(message)
    session.flush()
    for filename, content_type, content in attachments:
        session.add(OutboxAttachment(message_id=message.id, filename=filename, content_type=content_type,
                                       content=content))
    return message


class FileTransport:
    """Writes ``<id>.eml`` files: the default when no SMTP server is configured."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def send(self, message_id: int, email: EmailMessage) -> None:
        """``<id>.eml``, created exclusively and owner-only (0600) in an owner-only folder:
        the mails carry invoices and bank details."""
        missing = [p for p in (self.directory, *self.directory.parents) if not p.is_dir()]
        for folder in reversed(missing):
            os.makedirs(folder, mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
        fd = os.open(self.directory / f"{message_id:08d}.eml", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(email))


class SmtpTransport:
    def __init__(self, host: str, port: int = 25, user: str | None = None, password: str | None = None,
                 starttls: bool = False):
        self.host, self.port, self.user, self.password, self.starttls = host, port, user, password, starttls

    def send(self, message_id: int, email: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(email)


def transport_from_env(outbox_dir: Path):
    """SMTP when LEDGERFLOW_SMTP_HOST is set (PORT, USER, PASSWORD, STARTTLS=1), else .eml files."""
    host = os.environ.get("LEDGERFLOW_SMTP_HOST")
    if not host:
        return FileTransport(outbox_dir)
    return SmtpTransport(host, int(os.environ.get("LEDGERFLOW_SMTP_PORT", "25")),
                         os.environ.get("LEDGERFLOW_SMTP_USER"), os.environ.get("LEDGERFLOW_SMTP_PASSWORD"),
                         os.environ.get("LEDGERFLOW_SMTP_STARTTLS") == "1")


def to_email(row: OutboxMessage, attachments=()) -> EmailMessage:
    email = EmailMessage()
    email["From"] = os.environ.get("LEDGERFLOW_SMTP_FROM", "ledgerflow@localhost")
    email["To"] = row.recipient
    email["Subject"] = row.subject
    email["Date"] = format_datetime(row.created_at)
    email["Message-ID"] = make_msgid(idstring=f"outbox-{row.id}")
    email["X-Ledgerflow-Outbox-Id"] = str(row.id)
    email.set_content(row.body)
    if row.body_html:  # multipart/alternative: the plain text first, the HTML part after it
        email.add_alternative(row.body_html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(attachment.content, maintype=maintype, subtype=subtype or "octet-stream",
                             filename=attachment.filename)
    return email


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def _claim(app: App, message_id: int) -> EmailMessage | None:
    with app.uow() as session:
        row = session.scalar(lock(session, select(OutboxMessage).where(OutboxMessage.id == message_id)))
        if row is None or row.status != "pending":
            return None
        row.status = "sending"
        attachments = session.scalars(select(OutboxAttachment).where(OutboxAttachment.message_id == row.id)
                                      .order_by(OutboxAttachment.id)).all()
        return to_email(row, attachments)


def _finish(app: App, message_id: int, error: str | None) -> None:
    with app.uow() as session:
        row = session.get(OutboxMessage, message_id)
        row.status, row.error = ("failed", error[:2000]) if error else ("sent", None)
        row.sent_at = app.now()


def deliver_pending(app: App, transport, limit: int = 200) -> DeliveryReport:
    """Send pending messages, each at most once; a failed send is marked failed, not retried."""
    report = DeliveryReport()
    with app.uow() as session:
        ids = list(session.scalars(select(OutboxMessage.id).where(OutboxMessage.status == "pending")
                                   .order_by(OutboxMessage.id).limit(limit)))
    for message_id in ids:
        email = _claim(app, message_id)
        if email is None:
            continue  # another deliverer claimed it
        try:
            transport.send(message_id, email)
        except (OSError, smtplib.SMTPException) as exc:
            _finish(app, message_id, f"{type(exc).__name__}: {exc}")
            report.failed.append(message_id)
            continue
        _finish(app, message_id, None)
        report.sent.append(message_id)
    return report
