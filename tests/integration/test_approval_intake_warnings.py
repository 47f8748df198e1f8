"""An approver sees what intake flagged on the vendor's document and let through (issue 14): a
hybrid PDF whose page shows another due date than its embedded XML becomes a draft with a warning,
and that warning, with its severity and in the approver's language, is in the Prefect resume form's
summary, in ``ledgerflow approvals show`` and on the document page, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from typer.testing import CliRunner

from domain.approvals import core as approvals
from domain.approvals import setup as approvals_setup
from domain.intake import page as intake_page
from domain.intake.model import IncomingDocument, IncomingDocumentProblem
from domain.purchasing.model import PurchaseHeader
from flows import inbox
from flows.cli import app as cli
from flows.approval_flow import summary_markdown
from tests.fixtures.hybrid_samples import cii_xml, with_attachment
from tests.fixtures.ocr_samples import Line
from tests.support.approvals import as_user, configure_example
from tests.support.intake import config, documents, no_sleep, vendor_invoice

MISMATCH = "PDF-PAGE-XML-MISMATCH"
HOSTILE = "[link=http://e.x]A[/link] [bold]paid[/bold]"
CHAIRS = Line("Kontorstoler", Decimal(4), Decimal("2500.00"), Decimal(25))


def draft_waiting_for_approval(app, tmp_path) -> str:
    """A hybrid invoice whose page shows a due date 20 days earlier than its XML, sent for approval."""
    configure_example(app)
    page_pdf, page = vendor_invoice(app, lines=[CHAIRS])  # over 5,000 NOK: PI-LARGE applies
    xml = dataclasses.replace(page, due_date=page.due_date + timedelta(days=20))
    cfg = config(tmp_path)
    (cfg.inbox / "faktura.pdf").write_bytes(with_attachment(page_pdf, cii_xml(xml)))
    [result] = inbox.sweep(app, cfg, sleep=no_sleep).results
    assert result.status == "created", result
    no = documents(app)[-1].purchase_document_no
    approvals.send_request(as_user(app, "kari"), no)
    return no


def speaks(app, user: str, language: str) -> None:
    approvals_setup.setup_user(as_user(app, "admin"), {"id": user, "language": language})


def test_the_approver_sees_the_date_warning_in_their_language_in_the_resume_form(app, tmp_path):
    no = draft_waiting_for_approval(app, tmp_path)
    approver = intake_page.approval_summary(app, no)["open_approvers"][0]

    speaks(app, approver, "nb")
    data = intake_page.approval_summary(app, no)
    [warning] = [p for p in data["intake_problems"] if p["code"] == MISMATCH]
    assert warning["severity"] == "warning"
    assert warning["message"].startswith("PDF-siden viser") and "sjekk med leverandøren" in warning["message"]
    markdown = summary_markdown(data)
    assert "**Found when the vendor's document was read:**" in markdown
    assert f"- **warning** {warning['message']}" in markdown.replace("\\", "") and f"`{MISMATCH}`" in markdown

    speaks(app, approver, "en")
    [warning] = [p for p in intake_page.approval_summary(app, no)["intake_problems"] if p["code"] == MISMATCH]
    assert warning["severity"] == "warning" and warning["message"].startswith("The PDF's page shows")


def test_the_document_page_lists_the_warning_with_its_severity(app, tmp_path):
    no = draft_waiting_for_approval(app, tmp_path)
    approver = intake_page.approval_summary(app, no)["open_approvers"][0]
    shown = intake_page.document_page(app, approver, no)
    [warning] = [p for p in shown["problems"] if p["code"] == MISMATCH]
    assert warning["severity"] == "warning" and warning["problem"].field == "due_date"
    assert shown["can_decide"]


def test_approvals_show_prints_the_warnings_as_plain_text_in_the_users_language(app, db_url, tmp_path, monkeypatch):
    no = draft_waiting_for_approval(app, tmp_path)
    approver = intake_page.approval_summary(app, no)["open_approvers"][0]
    speaks(app, approver, "nb")
    with app.uow() as s:  # a PEPPOL rule's text quotes the vendor's value: here it holds rich markup
        entry_no = s.scalar(select(PurchaseHeader.incoming_document_entry_no).where(PurchaseHeader.no == no))
        s.add(IncomingDocumentProblem(entry_no=entry_no, code="PEPPOL-RULE-WARNING", severity="warning",
                                      params=json.dumps({"rule": "R1", "message": HOSTILE})))
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("LEDGERFLOW_USER", approver)
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.delenv("LEDGERFLOW_LANG", raising=False)
    out = CliRunner().invoke(cli, ["approvals", "show", no])
    assert out.exit_code == 0, out.output
    flat = " ".join(out.stdout.split())
    # the field by its Norwegian name, not its key
    assert "PDF-siden viser Forfallsdato" in flat and "PDF-PAGE-XML-MISMATCH" in flat and "warning" in flat
    assert HOSTILE in flat  # never read as rich markup
    monkeypatch.setenv("LEDGERFLOW_LANG", "en")
    as_json = json.loads(CliRunner().invoke(cli, ["approvals", "show", no, "--json"]).stdout)
    [warning] = [p for p in as_json["intake_problems"] if p["code"] == MISMATCH]
    assert warning["severity"] == "warning" and warning["message"].startswith("The PDF's page shows Due Date")
    assert warning["field"] == "due_date"  # the raw key, for scripts: only the message is translated


def test_an_unknown_document_has_no_intake_problems(app):
    assert intake_page.open_problems(app, "NO-SUCH-DOCUMENT", "ola") == []


def test_the_approval_e_mail_lists_the_warning_in_the_approvers_language_one_line_each(app, tmp_path):
    from domain.messaging.model import OutboxMessage

    no = draft_waiting_for_approval(app, tmp_path)
    with app.uow() as session:
        mails = session.scalars(select(OutboxMessage).where(OutboxMessage.document_no == no,
                                                            OutboxMessage.kind == "new_request")).all()
        assert mails, "the approvers of the example configuration have e-mail addresses"
        for mail in mails:
            heading, severity = {"nb": ("Funnet da leverandørens dokument ble lest:", "Advarsel"),
                                 "en": ("Found when the vendor's document was read:", "Warning")}[mail.language]
            lines = mail.body.splitlines()
            assert heading in lines
            [note] = [line for line in lines if line.endswith(f"({MISMATCH})")]
            assert note.startswith(f"  - {severity}: ")


def test_a_note_from_the_vendors_document_cannot_forge_lines_of_the_e_mail(app, tmp_path):
    from domain.approvals.core import _notes
    from domain.intake.page import MAIL_NOTE_CHARS

    no = draft_waiting_for_approval(app, tmp_path)
    forged = "x\nApprove:  ledgerflow --user ola approvals approve EVIL\r\n\x1b[31m" + "y" * 400
    with app.uow() as session:
        header = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        [row] = [p for p in session.get(IncomingDocument, header.incoming_document_entry_no).problems
                 if p.code == MISMATCH]
        row.params = json.dumps({**json.loads(row.params), "page_value": forged, "xml_value": forged})
    with app.uow() as session:
        header = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        notes = _notes(session, header, "en")["notes"]
    [note] = [n for n in notes if n["code"] == MISMATCH]
    assert "\n" not in note["message"] and "\r" not in note["message"] and "\x1b" not in note["message"]
    assert len(note["message"]) <= MAIL_NOTE_CHARS and note["severity"] == "Warning"
