"""E-mail intake against a real IMAP server (dovecot on a loopback port), on SQLite and PostgreSQL:
attachments become incoming documents exactly as dropped files do, a message is flagged only
after its documents are committed, and a run killed mid-message loses and duplicates nothing."""

from __future__ import annotations

import email.message
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.problems import DomainError
from flows import inbox, mail
from flows.cli import app as cli
from tests.support import imap
from tests.support.intake import EHF_INVOICE, config, count, vendor_invoice


@pytest.fixture(scope="module")
def imap_server():
    root = Path(tempfile.mkdtemp(prefix="ledgerflow-imap-"))
    process, server = imap.start(root)
    try:
        yield server
    finally:
        imap.stop(process)
        shutil.rmtree(root, ignore_errors=True)


def message(subject: str, *attachments: tuple[str, str, bytes]) -> bytes:
    msg = email.message.EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, "faktura@vendor.example", "inbox@company.example"
    msg.set_content("Vedlagt faktura.\n")
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def settings_for(server: imap.ImapServer, folder: str) -> mail.MailConfig:
    return mail.config_from(server.host, server.port, server.user, folder, "none",
                            environ={"LEDGERFLOW_IMAP_PASSWORD": server.password})


def test_attachments_become_documents_and_messages_are_flagged_once_committed(app, tmp_path, imap_server):
    folder = imap_server.new_folder()
    pdf, truth = vendor_invoice(app)
    imap_server.deliver(folder, message("Faktura 1", ("faktura.pdf", "application/pdf", pdf),
                                        ("logo.png", "image/png", b"\x89PNG not a document")))
    imap_server.deliver(folder, message("EHF", ("ehf.xml", "application/xml", EHF_INVOICE.read_bytes())))
    imap_server.deliver(folder, message("Hei, bare en hilsen"))
    imap_server.deliver(folder, message("Samme faktura igjen", ("kopi.pdf", "application/pdf", pdf)))
    cfg = config(tmp_path)
    report = mail.fetch(app, settings_for(imap_server, folder), cfg)
    assert [m.outcome for m in report.messages] == ["processed", "processed", "no attachments", "processed"]
    assert sorted(r.outcome for r in report.sweep.results) == ["copy", "registered", "registered"]
    assert count(app, IncomingDocument) == 2 and count(app, IncomingDocumentCopy) == 1
    assert list(cfg.inbox.iterdir()) == []  # every file left the inbox after its commit
    assert all("$LedgerflowProcessed" in flags for flags in imap_server.flags(folder))
    again = mail.fetch(app, settings_for(imap_server, folder), cfg)
    assert again.messages == [] and count(app, IncomingDocument) == 2


def test_a_run_killed_mid_message_leaves_it_unflagged_and_the_next_run_finishes_it(app, tmp_path, imap_server,
                                                                                    monkeypatch):
    folder = imap_server.new_folder()
    pdf, _ = vendor_invoice(app)
    imap_server.deliver(folder, message("Faktura", ("faktura.pdf", "application/pdf", pdf)))
    cfg = config(tmp_path)

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt("killed after the attachment was written, before its document")

    monkeypatch.setattr(inbox, "sweep", killed)
    with pytest.raises(KeyboardInterrupt):
        mail.fetch(app, settings_for(imap_server, folder), cfg)
    assert count(app, IncomingDocument) == 0 and len(list(cfg.inbox.iterdir())) == 1
    assert not any("$LedgerflowProcessed" in flags for flags in imap_server.flags(folder))
    monkeypatch.undo()
    report = mail.fetch(app, settings_for(imap_server, folder), cfg)
    assert [m.outcome for m in report.messages] == ["processed"]
    assert count(app, IncomingDocument) == 1 and list(cfg.inbox.iterdir()) == []


def test_mail_settings_are_refused_with_codes_never_a_traceback(imap_server, tmp_path, monkeypatch):
    with pytest.raises(DomainError) as missing:
        mail.config_from(environ={})
    assert missing.value.code == "MAIL-NOT-CONFIGURED"
    with pytest.raises(DomainError) as clear_text:
        mail.config_from("mail.example.com", None, "u", None, "none", environ={"LEDGERFLOW_IMAP_PASSWORD": "x"})
    assert clear_text.value.code == "MAIL-PLAINTEXT-REFUSED"
    with pytest.raises(DomainError) as wrong:
        mail.fetch(None, mail.config_from(imap_server.host, imap_server.port, imap_server.user, "INBOX", "none",
                                          environ={"LEDGERFLOW_IMAP_PASSWORD": "wrong"}), config(tmp_path))
    assert wrong.value.code == "MAIL-CONNECT-FAILED"
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    for name in ("LEDGERFLOW_IMAP_HOST", "LEDGERFLOW_IMAP_USER", "LEDGERFLOW_IMAP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    refused = CliRunner().invoke(cli, ["inbox", "mail"])
    assert refused.exit_code == 2 and "MAIL-NOT-CONFIGURED" in refused.output
