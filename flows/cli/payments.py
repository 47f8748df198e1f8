"""CLI for payments: the payment journal and bank statement (CAMT.053) import."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import typer

from domain.parse import AMOUNT, RATE
from domain.payments import bank_import as payments_import
from domain.payments import matching
from domain.payments import refund as refunds
from domain.payments import refund_rules
from domain.payments import unapply as unapplication
from domain.payments import posting as payments
from domain.payments import proposal as proposals
from domain.problems import DomainError
from flows import output
from flows.cli.common import JSON, State, handle_errors, option_choice, option_date, option_decimal, read_bytes

payments_app = typer.Typer(help="Payments (betalinger / betalingen).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(payments_app, name="payments")


@payments_app.command("import-camt")
@handle_errors
def import_camt(file: Path = typer.Argument(..., help="CAMT.053 XML bank statement."), as_json: bool = JSON):
    """Import a statement and apply each payment by reference (KID, betalingskenmerk), invoice no. or amount;
    an overpayment stays open as a credit (warned); see `payments match` for the lines left unmatched."""
    rows = payments_import.import_camt(State.app(), read_bytes(file))
    _warn([w for r in rows if r["status"] == "partial"
           for w in refund_rules.overpayment_warning(r["party_type"], r["party_no"], r["residue"],
                                                     [r["applied_document_no"]])])
    output.emit(rows, as_json, "Statement lines")


@payments_app.command("apply")
@handle_errors
def apply(customer: str = typer.Option(None, "--customer"), vendor: str = typer.Option(None, "--vendor"),
          amount: str = typer.Option(None, "--amount", help="The payment (needed unless --statement-line)."),
          to: list[str] = typer.Option(None, "--to", help="Document no. to apply to, repeatable, in order."),
          date: str = typer.Option(None, "--date", help="Posting date (default today)."),
          reference: str = typer.Option("", "--reference"),
          exchange_rate: str = typer.Option(None, "--exchange-rate", help=(
              "Rate of the applied entries' foreign currency on the payment date (local currency per unit; "
              "default the entries' own rate); the difference posts as a realized exchange gain or loss.")),
          statement_line: int = typer.Option(None, "--statement-line", help=(
              "Take a `payments match` proposal for this unmatched statement line: --to DOC, or the best one.")),
          as_json: bool = JSON):
    """Post a customer or vendor payment (local currency) and apply it to open entries (full, partial,
    payment discount; a foreign-currency entry at the payment date's rate); or apply an unmatched
    bank statement line as `payments match` proposes. An overpayment stays open as a credit (warned)."""
    if statement_line is not None:
        return _apply_statement_line(statement_line, customer, vendor, amount, to, date, exchange_rate, as_json)
    if bool(customer) == bool(vendor):
        raise DomainError("CLI-INVALID-OPTION", "give exactly one of --customer or --vendor",
                          option="--customer / --vendor")
    if amount is None:
        raise DomainError("CLI-MISSING-OPTION", "give --amount", options="--amount")
    value = option_decimal("--amount", amount, AMOUNT)
    try:
        dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise DomainError("CLI-INVALID-OPTION", f"invalid --date {date!r}", option="--date", value=date) from None
    posting_date = option_date("--date", date)
    rate = option_decimal("--exchange-rate", exchange_rate, RATE) if exchange_rate else None
    party, no = ("customer", customer) if customer else ("vendor", vendor)
    result = payments.post_payment(State.app(), party, no, value, list(to or []), posting_date, reference, rate)
    if isinstance(result, payments.PaymentResult):
        _warn(refund_rules.overpayment_warning(party, no, result.residue, list(to or [])))
        if as_json:
            output.emit(asdict(result), True)
        else:
            print(f"{result.document_no}: applied {result.applied}, discount {result.discount}, "
                  f"open residue {result.residue}" + (f"; closed {', '.join(result.closed)}" if result.closed else ""))
    return result


def _warn(problems) -> None:
    for p in problems:
        output.problem(p.code, p.message(State.language()), style="yellow")


def _apply_statement_line(line: int, customer, vendor, amount, to, date, exchange_rate, as_json: bool):
    given = [name for name, value in (("--customer", customer), ("--vendor", vendor), ("--amount", amount),
                                      ("--date", date), ("--exchange-rate", exchange_rate)) if value]
    if given or len(to or []) > 1:
        raise DomainError("CLI-INVALID-OPTION", "--statement-line takes only one --to (the proposal's document)",
                          option=", ".join(given) or "--to")
    result = matching.apply_proposal(State.app(), line, (to or [None])[0])
    if isinstance(result, dict):
        _warn(result.pop("warnings"))
        output.emit(result, as_json, f"Statement line {line}")
    return result


@payments_app.command("match")
@handle_errors
def match(as_json: bool = JSON):
    """Application proposals for unmatched statement lines: amount and name (high), amount (medium), name (low)."""
    output.emit(matching.proposals(State.app()), as_json, "Application proposals")


@payments_app.command("refund")
@handle_errors
def refund(customer: str = typer.Option(None, "--customer"), vendor: str = typer.Option(None, "--vendor"),
           amount: str = typer.Option(None, "--amount", help="Default: all the open credit (of --to)."),
           to: list[str] = typer.Option(None, "--to", help="Open credit (payment, credit memo) to close, repeatable."),
           date: str = typer.Option(None, "--date", help="Posting date (default today)."),
           reference: str = typer.Option("", "--reference"), as_json: bool = JSON):
    """Pay back a customer's (vendor's) open credit, e.g. an overpayment, and close it (BC Refund)."""
    if bool(customer) == bool(vendor):
        raise DomainError("CLI-INVALID-OPTION", "give exactly one of --customer or --vendor",
                          option="--customer / --vendor")
    value = option_decimal("--amount", amount, AMOUNT) if amount is not None else None
    posting_date = option_date("--date", date) if date else None
    party, no = ("customer", customer) if customer else ("vendor", vendor)
    result = refunds.post_refund(State.app(), party, no, value, list(to or []), posting_date, reference)
    if isinstance(result, refunds.RefundResult):
        output.emit(asdict(result), as_json, f"Refund {result.document_no}")
    return result


@payments_app.command("unapply")
@handle_errors
def unapply(entry: str = typer.Argument(..., help="Ledger entry no. (customer ledger, or vendor with --vendor) "
                                                  "or document no."),
            vendor: bool = typer.Option(False, "--vendor", help="ENTRY is a vendor ledger entry no."),
            date: str = typer.Option(None, "--date", help="Posting date (default today)."), as_json: bool = JSON):
    """Undo the entry's latest application and reopen the entries it closed (BC Unapply Entries)."""
    posting_date = option_date("--date", date) if date else None
    result = unapplication.unapply(State.app(), entry, "vendor" if vendor else None, posting_date)
    if isinstance(result, dict):
        output.emit(result if as_json else result["reopened"], as_json,
                    f"Unapplied {result['application']} ({result['party']} entry {result['entry_no']})")
    return result


@payments_app.command("list")
@handle_errors
def list_lines(status: str = typer.Option(None, "--status", help="applied|partial|unmatched"),
               as_json: bool = JSON):
    """Imported statement lines and what became of them (unmatched lines wait here)."""
    option_choice("--status", status, ("applied", "partial", "unmatched"))
    output.emit(payments_import.statement_lines(State.app(), status), as_json, "Statement lines")


def _debtor() -> proposals.Debtor:
    from domain.documents.out import company_details

    with State.app().uow() as session:
        details = company_details(session)
    return proposals.Debtor(details["name"], details["org_no"], details["iban"], details["bank_account_no"],
                            details["bic"])


def _write_file(no: str, out: Path, debtor: proposals.Debtor | None = None) -> None:
    from domain.documents.ehf import write_atomically

    write_atomically(out, proposals.payment_file(State.app(), no, debtor or _debtor()))
    output.errors.print(f"[dim]wrote {out}[/dim]")


@payments_app.command("suggest")
@handle_errors
def suggest(due_by: str = typer.Option(..., "--due-by", help="Pay the open vendor invoices due by this date."),
            execution_date: str = typer.Option(None, "--date", help="Requested execution date (default today)."),
            vendor: list[str] = typer.Option(None, "--vendor", help="Only these vendors, repeatable."),
            out: Path = typer.Option(None, "--out", help="Write the pain.001 credit transfer file here."),
            as_json: bool = JSON):
    """Propose the vendor payments due (less open credit memos, with KID) and write the bank's pain.001 file."""
    due = option_date("--due-by", due_by)
    execution = option_date("--date", execution_date) if execution_date else None
    debtor = _debtor() if out is not None else None
    if debtor is not None and not (debtor.iban or debtor.bank_account_no):  # refuse before proposing
        raise DomainError("PAY-NO-DEBTOR-ACCOUNT", "the company has no bank account or IBAN to pay from")
    proposal = proposals.suggest(State.app(), due, execution, list(vendor or []) or None)
    if out is not None:
        _write_file(proposal["no"], out, debtor)
    output.emit(proposal if as_json else proposal["lines"], as_json,
                f"Payment proposal {proposal['no']} ({proposal['total']})")


@payments_app.command("proposal")
@handle_errors
def show_proposal(no: str, out: Path = typer.Option(None, "--out", help="Write its pain.001 file here."),
                  as_json: bool = JSON):
    """Show a payment proposal; with --out write its pain.001 file again."""
    proposal = proposals.show(State.app(), no)
    if out is not None:
        _write_file(no, out)
    output.emit(proposal if as_json else proposal["lines"], as_json, f"Payment proposal {no} ({proposal['status']})")


@payments_app.command("confirm")
@handle_errors
def confirm(no: str, as_json: bool = JSON):
    """Post the payments of a proposal (all or nothing) once the bank has the file."""
    proposal = proposals.confirm(State.app(), no)
    output.emit(proposal if as_json else proposal["lines"], as_json, f"Payment proposal {no} confirmed")
