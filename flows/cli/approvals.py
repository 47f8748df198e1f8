"""CLI for approval workflows (`ledgerflow approvals ...`) and `ledgerflow purchase set`.

The acting user comes from the global ``--user`` option. Commands that change
state deliver the outbox afterwards (SMTP when LEDGERFLOW_SMTP_HOST is set,
else .eml files in $LEDGERFLOW_HOME/outbox).
"""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals import query as approvals_query
from domain.approvals import setup as approvals_setup
from domain.identity import access
from domain.intake import page as intake_page
from domain.messaging import outbox
from domain.parse import RATE
from domain.problems import DomainError, Rejected
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from flows import output, settings
from flows.cli.apps import purchase_app
from flows.cli.common import EXIT_REFUSED, State, handle_errors, option_decimal, report

approvals_app = typer.Typer(help="Approval workflows (godkjenning / goedkeuring).", no_args_is_help=True)
COMMENT = typer.Option(None, "--comment", help="Comment or reason recorded with the decision.")


def register(root: typer.Typer) -> None:
    root.add_typer(approvals_app, name="approvals")
    purchase_app.command("set")(purchase_set)


def say(text: str) -> None:
    output.console.print(text, soft_wrap=True, highlight=False)


def deliver() -> None:
    transport = outbox.transport_from_env(settings.load(State.db, State.user).outbox)
    report = outbox.deliver_pending(State.app(), transport)
    if report.sent or report.failed:
        output.errors.print(f"[dim]notifications: {len(report.sent)} sent, {len(report.failed)} failed[/dim]")


@approvals_app.command("setup-user")
@handle_errors
def setup_user(user_id: str = typer.Argument(..., metavar="ID"),
               approver: str = typer.Option(None, "--approver", help="Next approver up the chain."),
               purchase_limit: str = typer.Option(None, "--purchase-limit", help="Amount excl. VAT, LCY."),
               unlimited: bool = typer.Option(None, "--unlimited/--limited"),
               substitute: str = typer.Option(None, "--substitute"), email: str = typer.Option(None, "--email"),
               language: str = typer.Option(None, "--language", help="nb | nl | en"),
               admin: bool = typer.Option(None, "--admin/--no-admin", help="Approval administrator.")):
    """Approval User Setup for one user (BC)."""
    approvals_setup.setup_user(State.app(), {k: v for k, v in {
        "id": user_id, "approver": approver, "purchase_limit": purchase_limit, "unlimited": unlimited,
        "substitute": substitute, "email": email, "language": language, "administrator": admin}.items()
        if v is not None})
    say(f"approval setup for {user_id} saved")


@approvals_app.command("users")
@handle_errors
def users(as_json: bool = typer.Option(False, "--json")):
    """Approval user setup of every user."""
    output.emit(approvals_setup.list_setup(State.app()), as_json, "Approval user setup")


@approvals_app.command("configure")
@handle_errors
def configure(file: Path = typer.Argument(..., help="YAML (see docs/examples/approvals.yaml).")):
    """Replace the approval configuration with FILE."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {file}", path=str(file)) from None
    except yaml.YAMLError as exc:
        raise DomainError("APPROVAL-CONFIG-INVALID", f"{file}: {exc}", reason=str(exc)) from None
    counts = approvals_setup.configure(State.app(), data)
    say(f"approvals configured: {counts['workflows']} workflow(s), {counts['users']} user(s), "
                         f"{counts['user_groups']} user group(s)")


@approvals_app.command("send")
@handle_errors
def send(doc_no: str, confidence: str = typer.Option(None, "--confidence", help="Extraction confidence.")):
    """Send an approval request for a draft."""
    sent = approvals.send_request(State.app(), doc_no,
                                  option_decimal("--confidence", confidence, RATE) if confidence else None)
    levels = ", ".join(f"{seq}:{who}" for seq, who in sent.approvers)
    say(f"{doc_no} pending approval (workflow {sent.workflow_code}, "
                         f"{sent.amount_lcy} excl. VAT): {levels}")
    deliver()


@approvals_app.command("list")
@handle_errors
def list_entries(mine: bool = typer.Option(False, "--mine", help="Only entries assigned to --user."),
                 all_: bool = typer.Option(False, "--all", help="Every status, not only open."),
                 as_json: bool = typer.Option(False, "--json")):
    """Open approval entries."""
    user = State.app().user
    if mine and not user:
        raise DomainError("APPROVAL-NO-USER", "--mine needs --user (or LEDGERFLOW_USER)")
    rows = approvals_query.list_entries(State.app(), user if mine else None, None if all_ else "open")
    output.emit(rows, as_json, "Approval entries")


def _decide(action: str, doc_no: str, comment: str | None):
    app = State.app()
    decision = approvals_decide.decide(app, doc_no, action, comment)
    who = f" on behalf of {decision.on_behalf_of}" if decision.on_behalf_of and action != "delegate" else ""
    if action == "delegate":
        say(f"{doc_no}: approval delegated to {', '.join(decision.next_approvers)}")
    elif decision.released:
        say(f"{doc_no} approved{who}: released")
    elif action == "approve":
        say(f"{doc_no} approved{who}; waiting for {', '.join(decision.next_approvers)}")
    else:
        say(f"{doc_no} rejected{who}: reopened")
    deliver()
    if decision.released and approvals_query.auto_post(app, doc_no):
        result = purchase_posting.post_document(app, doc_no)
        if isinstance(result, Rejected):  # released, not posted: each problem names the document
            report(result, prefix=f"{doc_no}: ")
            raise typer.Exit(EXIT_REFUSED)
        say(f"{doc_no} posted as {result.posted_no}")


@approvals_app.command("approve")
@handle_errors
def approve(doc_no: str, comment: str = COMMENT):
    """Approve your open entry (or as substitute / administrator)."""
    return _decide("approve", doc_no, comment)


@approvals_app.command("reject")
@handle_errors
def reject(doc_no: str, comment: str = COMMENT):
    """Reject: every open entry is rejected and the document reopens."""
    return _decide("reject", doc_no, comment)


@approvals_app.command("delegate")
@handle_errors
def delegate(doc_no: str, comment: str = COMMENT):
    """Hand your entry to your substitute, else your approver, else an administrator."""
    return _decide("delegate", doc_no, comment)


@approvals_app.command("cancel")
@handle_errors
def cancel(doc_no: str, comment: str = COMMENT):
    """Cancel your own request (requester or approval administrator)."""
    approvals.cancel_request(State.app(), doc_no, comment)
    say(f"{doc_no}: approval request cancelled, document open")


@approvals_app.command("flagged")
@handle_errors
def flagged(date_from: str = typer.Option(None, "--from", help="First date (YYYY-MM-DD)."),
            date_to: str = typer.Option(None, "--to", help="Last date (YYYY-MM-DD)."),
            as_json: bool = typer.Option(False, "--json")):
    """For the auditor: every decision flagged for review (self-approval by a sole trader)."""
    from domain.parse import Reader
    from domain.problems import Rejected, RejectedError

    r = Reader({"from": date_from, "to": date_to})
    first, last = r.date("from"), r.date("to")
    if r.problems:
        raise RejectedError(Rejected(r.problems))
    output.emit(approvals_query.flagged(State.app(), first, last), as_json, "Flagged approval events")


@approvals_app.command("history")
@handle_errors
def history(doc_no: str, as_json: bool = typer.Option(False, "--json")):
    """The audit trail of a document: requests, entries, every event."""
    data = approvals_query.history(State.app(), doc_no)
    if as_json:
        output.emit(data, True)
        return
    output.emit([{k: e[k] for k in ("at", "actor", "action", "version", "status_before", "status_after",
                                    "on_behalf_of", "code", "comment", "flagged")} for e in data["events"]],
                False, f"Approval history of {doc_no}")


@approvals_app.command("show")
@handle_errors
def show(doc_no: str, as_json: bool = typer.Option(False, "--json")):
    """What you decide on: vendor, amounts, lines, problems, and what intake flagged on the vendor's
    document (warnings that let it through), in your language."""
    data = intake_page.approval_summary(State.app(), doc_no, State.language())
    if as_json:
        output.emit(data, True)
        return
    output.emit({**data, "problems": "; ".join(data["problems"]) or None}, False, f"Approval of {data['document_no']}")
    output.emit(data["lines"], False, "Lines")
    if data["intake_problems"]:
        output.emit(data["intake_problems"], False, "Found when the vendor's document was read")


@approvals_app.command("sweep")
@handle_errors
def sweep():
    """Send overdue reminders and delegate automatically (what the scheduled flow does)."""
    report = approvals_decide.sweep(State.app())
    say(f"{len(report.reminded)} reminder(s), {len(report.delegated)} delegation(s)")
    deliver()


@approvals_app.command("deliver")
@handle_errors
def deliver_command():
    """Deliver pending notifications now."""
    access.require(State.app(), State.app().user, "approvals.run")
    deliver()


@handle_errors
def purchase_set(doc_no: str, assignments: list[str] = typer.Argument(..., metavar="FIELD=VALUE..."),
                 line: int = typer.Option(None, "--line", help="Change this line instead of the header.")):
    """Edit a draft; a released document is reopened and its approval voided."""
    changes = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:
            raise DomainError("PURCH-EDIT-SYNTAX", f"expected FIELD=VALUE, got {item!r}", value=item)
        changes[name.strip()] = value
    result = purchase_edit.edit_document(State.app(), doc_no, changes, line)
    note = "; approval voided" if result.approval_voided else ""
    say(f"{doc_no} version {result.version}, status {result.status}{note}")
