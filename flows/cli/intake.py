"""CLI for intake: the inbox (`ledgerflow inbox process`) and incoming documents
(`ledgerflow documents ...`; innkommende dokumenter / inkomende documenten)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from domain.identity import access
from domain.intake import documents as intake
from domain.intake.model import STATUSES
from domain.problems import DomainError
from flows import output, settings
from flows.cli.common import State, handle_errors, option_choice

inbox_app = typer.Typer(help="The inbox folder: sweep it into incoming documents.", no_args_is_help=True)
documents_app = typer.Typer(help="Incoming documents: review, correct, create drafts.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(inbox_app, name="inbox")
    root.add_typer(documents_app, name="documents")


def sweep_config(inbox: Path | None, settle: float):
    from flows.inbox import SweepConfig, inbox_folder

    s = settings.load(State.db, State.user)
    return SweepConfig(inbox=inbox_folder(inbox, s.inbox), archive=s.archive, quarantine=s.quarantine,
                       settle_s=settle)


@inbox_app.command("process")
@handle_errors
def inbox_process(
    inbox: Path = typer.Option(None, "--inbox", help="Inbox folder (default: $LEDGERFLOW_HOME/inbox)."),
    settle: float = typer.Option(2.0, "--settle", help="Seconds between the two looks for stable files."),
    as_json: bool = typer.Option(False, "--json"),
):
    """One sweep of the inbox without a Prefect server: drafts, review list, quarantine."""
    from flows.inbox import sweep

    cfg = sweep_config(inbox, settle)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=output.errors, disable=as_json or not output.show_progress()) as progress:
        task = progress.add_task("looking for stable files", total=None)
        report = sweep(State.app(), cfg,
                       on_start=lambda n: progress.update(task, total=n, description="reading documents"),
                       on_result=lambda r: progress.advance(task))
    rows = [r.row() for r in report.results]
    if as_json:
        output.emit({"files": rows, "counts": report.counts()}, True)
        return
    output.emit(rows, False, f"Inbox {cfg.inbox}")
    counts = report.counts()
    output.console.print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing to do")


@inbox_app.command("mail")
@handle_errors
def inbox_mail(
    host: str = typer.Option(None, "--host", help="IMAP server (default: $LEDGERFLOW_IMAP_HOST)."),
    port: int = typer.Option(None, "--port", help="Default 993 (ssl), 143 (starttls/none)."),
    user: str = typer.Option(None, "--user-name", help="Mailbox user (default: $LEDGERFLOW_IMAP_USER)."),
    folder: str = typer.Option(None, "--folder", help="Folder to read (default: INBOX)."),
    tls: str = typer.Option(None, "--tls", help="ssl (default), starttls, or none (only to this machine)."),
    password_file: str = typer.Option(None, "--password-file",
                                      help="File holding the password (else $LEDGERFLOW_IMAP_PASSWORD[_FILE])."),
    settle: float = typer.Option(2.0, "--settle", help="Seconds between the two looks for stable files."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Read PDF and XML attachments of new messages into incoming documents, as if dropped in the inbox."""
    from flows import mail

    mail_cfg = mail.config_from(host, port, user, folder, tls, password_file)
    access.require(State.app(), State.app().user, "intake.process")  # before the mailbox is asked
    cfg = sweep_config(None, settle)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=output.errors, disable=as_json or not output.show_progress()) as progress:
        task = progress.add_task("reading the mailbox", total=None)
        report = mail.fetch(State.app(), mail_cfg, cfg, on_message=lambda m: progress.advance(task))
    rows = [m.row() for m in report.messages]
    if as_json:
        output.emit({"messages": rows, "files": [r.row() for r in report.sweep.results],
                     "counts": report.counts()}, True)
        return
    output.emit(rows, False, f"Mailbox {mail_cfg.user}@{mail_cfg.host}/{mail_cfg.folder}")
    output.console.print(", ".join(f"{n} {k}" for k, n in sorted(report.counts().items())) or "no new messages")


@documents_app.command("list")
@handle_errors
def documents_list(status: str = typer.Option(None, "--status", help="new|created|review|rejected|posted"),
                   as_json: bool = typer.Option(False, "--json")):
    option_choice("--status", status, STATUSES)
    output.emit(intake.list_documents(State.app(), status), as_json, "Incoming documents")


@documents_app.command("show")
@handle_errors
def documents_show(entry_no: int, as_json: bool = typer.Option(False, "--json")):
    """Fields with confidence, lines and their mapping, problems, the linked draft."""
    data = intake.show_document(State.app(), entry_no, State.language())
    if as_json:
        output.emit(data, True)
        return
    output.emit(data, False, f"Incoming document {entry_no}")
    output.emit(data["fields"], False, "Fields")
    if data["lines"]:
        output.emit(data["lines"], False, "Lines")
    if data["problems"]:
        output.emit([{k: p[k] for k in ("severity", "code", "message")} for p in data["problems"]], False,
                    "Problems")
    if data["proposed_vendor"]:
        output.emit(data["proposed_vendor"], False, "Proposed vendor (documents accept-vendor)")


def _changes(assignments: list[str]) -> dict[str, str]:
    changes = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DomainError("INTAKE-INVALID-CORRECTION", f"{item!r}: use FIELD=VALUE", value=item)
        changes[name.strip()] = value
    return changes


@documents_app.command("correct")
@handle_errors
def documents_correct(entry_no: int, assignments: list[str] = typer.Argument(
        ..., help="FIELD=VALUE: invoice_no, invoice_date, due_date, gross_amount, ..., vendor_no, "
                  "line.N.account, line.N.item, account (all lines)")):
    """Correct fields or line mappings; line mappings are remembered for the vendor, and where a
    corrected header field stands on a PDF is learned for the vendor's next invoices."""
    from flows.learning import learn_from_corrections

    intake.correct(State.app(), entry_no, _changes(assignments))
    for anchor in learn_from_corrections(State.app(), entry_no):
        where = "under" if anchor["below"] else "after"
        output.console.print(Text(f"learned: {anchor['field']} {where} '{output.cell(anchor['label'])}'"))
    _report(intake.show_document(State.app(), entry_no, State.language()))


def _report(data: dict) -> None:
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    for p in data["problems"]:
        output.problem(p["code"], p["message"], style="red" if p["severity"] == "error" else "yellow")
    if not errors and data["status"] == "review":
        output.console.print(f"document {data['entry_no']} is ready: "
                             f"`ledgerflow documents create-invoice {data['entry_no']}`")


@documents_app.command("layouts")
@handle_errors
def documents_layouts(vendor_no: str = typer.Option(None, "--vendor"), as_json: bool = typer.Option(False, "--json")):
    """What was learned of each vendor's layout: the label each header field follows (or stands under)."""
    from domain.intake import layouts

    output.emit(layouts.list_layouts(State.app(), vendor_no), as_json, "Learned vendor layouts")


@documents_app.command("accept-vendor")
@handle_errors
def documents_accept_vendor(entry_no: int,
                            no: str = typer.Option(None, "--no", help="Vendor no. (default: proposed)."),
                            name: str = typer.Option(None, "--name", help="Vendor name (default: from invoice).")):
    """Create the proposed vendor card, link the document to it and, when nothing else blocks,
    create its draft invoice; prints the vendor no."""
    overrides = {k: v for k, v in (("no", no), ("name", name)) if v}
    print(intake.accept_vendor(State.app(), entry_no, overrides))
    _report(intake.show_document(State.app(), entry_no, State.language()))


@documents_app.command("create-invoice")
@handle_errors
def documents_create_invoice(entry_no: int):
    """Create the draft invoice / credit memo when every check passes; prints its no."""
    result = intake.create_invoice(State.app(), entry_no)
    if isinstance(result, str):
        print(result)
    return result


@documents_app.command("file")
@handle_errors
def documents_file(entry_no: int):
    """Print the path of the original file (archive, or quarantine for a refused file)."""
    print(intake.file_path(State.app(), entry_no))
