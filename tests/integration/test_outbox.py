"""Notifications: rendered in the recipient's language, delivered at most once per outbox id,
by SMTP (a local aiosmtpd server) or as .eml files."""

import datetime as dt
import socket
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.messaging import outbox
from domain.messaging.model import OutboxMessage
from domain.purchasing import documents as purchase_documents
from tests.support.approvals import configure_example
from tests.support.documents import gl_line, invoice

CONTEXT = {"document_no": "PI-000007", "document_type": "invoice", "document_type_nb": "faktura",
           "document_type_nl": "factuur", "document_title": "purchase invoice",
           "document_title_nb": "innkjøpsfaktura", "document_title_nl": "inkoopfactuur",
           "partner_label": "Vendor:".ljust(21), "from_word": "from", "vendor_no": "V10000", "vendor_name": "Nordlys Kontorrekvisita AS",
           "amount": "60000.00", "currency": "NOK", "due_date": "2026-12-20", "approval_due_date": "2026-11-22",
           "requester_name": "Kari Nordmann", "actor_name": "Ola Hansen", "delegated_from_name": "Ola Hansen",
           "comment": "ok", "recipient_name": "Per", "recipient_id": "per"}
SUBJECT_WORDS = {
    "new_request": {"en": "Approval requested", "nb": "Godkjenning ønskes", "nl": "Goedkeuring gevraagd"},
    "approved": {"en": "Approved", "nb": "Godkjent", "nl": "Goedgekeurd"},
    "rejected": {"en": "Rejected", "nb": "Avvist", "nl": "Afgewezen"},
    "delegated": {"en": "Delegated to you", "nb": "Delegert til deg", "nl": "Aan u gedelegeerd"},
    "overdue": {"en": "Overdue approval", "nb": "Forfalt godkjenning", "nl": "Achterstallige goedkeuring"},
}


@pytest.mark.parametrize("kind", outbox.KINDS)
@pytest.mark.parametrize("language", outbox.LANGUAGES)
def test_every_notification_renders_in_every_language(kind, language):
    subject, body = outbox.render(kind, language, CONTEXT)
    assert subject.startswith(SUBJECT_WORDS[kind][language]) and "PI-000007" in subject
    assert "Nordlys Kontorrekvisita AS" in body and "60000.00" in body and "{{" not in body


def pending_request(app) -> str:
    configure_example(app)
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "60000.00")]))
    approvals.send_request(app, no)
    return no


def test_delivering_twice_sends_each_message_once_as_eml_files(app, tmp_path):
    pending_request(app)
    first = outbox.deliver_pending(app, outbox.FileTransport(tmp_path))
    second = outbox.deliver_pending(app, outbox.FileTransport(tmp_path))
    assert len(first.sent) == 1 and second.sent == [] and second.failed == []
    (eml,) = tmp_path.glob("*.eml")
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail["To"] == "ola@demo.example" and mail["X-Ledgerflow-Outbox-Id"] == str(first.sent[0])
    assert "ledgerflow --user ola approvals approve" in mail.get_content()


def test_a_message_claimed_before_a_crash_is_never_sent_again(app, tmp_path):
    pending_request(app)
    with app.uow() as s:
        s.scalars(select(OutboxMessage)).one().status = "sending"  # claimed, then the process died
    assert outbox.deliver_pending(app, outbox.FileTransport(tmp_path)).sent == []
    assert list(tmp_path.glob("*.eml")) == []


def test_a_failed_send_is_recorded_and_not_retried(app, tmp_path):
    pending_request(app)
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the directory should be")
    report = outbox.deliver_pending(app, outbox.FileTransport(blocker))
    assert len(report.failed) == 1
    with app.uow() as s:
        row = s.scalars(select(OutboxMessage)).one()
        assert row.status == "failed" and row.error
    assert outbox.deliver_pending(app, outbox.FileTransport(tmp_path)).sent == []


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_smtp_delivery_through_a_local_server_when_configured(app, tmp_path, monkeypatch):
    from aiosmtpd.controller import Controller  # test dependency (pyproject [test])

    collector = Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("LEDGERFLOW_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("LEDGERFLOW_SMTP_PORT", str(port))
        pending_request(app)
        transport = outbox.transport_from_env(tmp_path)
        assert isinstance(transport, outbox.SmtpTransport)
        assert len(outbox.deliver_pending(app, transport).sent) == 1
        assert outbox.deliver_pending(app, transport).sent == []
    finally:
        controller.stop()
    ((recipients, content),) = collector.messages
    assert recipients == ["ola@demo.example"] and b"Godkjenning" in content
    with app.uow() as s:
        row = s.scalars(select(OutboxMessage)).one()
        assert row.status == "sent" and isinstance(row.sent_at, dt.datetime)
