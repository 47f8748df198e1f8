"""CLI for payments: the payment journal and bank statement (CAMT.053) import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from domain.parse import AMOUNT, RATE
from domain.payments import bank_import as payments_import
from domain.payments import posting as payments
from domain.problems import DomainError
from flows import output
from flows.cli.common import JSON, State, handle_errors, option_choice, option_date, option_decimal, read_bytes

payments_app = typer.Typer(help="Payments (betalinger / betalingen).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(payments_app, name="payments")


@payments_app.command("import-camt")
@handle_errors
def import_camt(file: Path = typer.Argument(..., help="CAMT.053 XML bank statement."), as_json: bool = JSON):
    """Import a statement and apply each payment by reference (KID, betalingskenmerk), invoice no. or amount."""
    output.emit(payments_import.import_camt(State.app(), read_bytes(file)), as_json, "Statement lines")


@payments_app.command("apply")
@handle_errors
def apply(customer: str = typer.Option(None, "--customer"), vendor: str = typer.Option(None, "--vendor"),
          amount: str = typer.Option(..., "--amount"),
          to: list[str] = typer.Option(None, "--to", help="Document no. to apply to, repeatable, in order."),
          date: str = typer.Option(None, "--date", help="Posting date (default today)."),
          reference: str = typer.Option("", "--reference"),
          exchange_rate: str = typer.Option(None, "--exchange-rate", help=(
              "Rate of the applied entries' foreign currency on the payment date (local currency per unit; "
              "default the entries' own rate); the difference posts as a realized exchange gain or loss."))):
    """Post a customer or vendor payment (local currency) and apply it to open entries (full, partial,
    payment discount; a foreign-currency entry at the payment date's rate)."""
    if bool(customer) == bool(vendor):
        raise DomainError("CLI-INVALID-OPTION", "give exactly one of --customer or --vendor",
                          option="--customer / --vendor")
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
        print(f"{result.document_no}: applied {result.applied}, discount {result.discount}, "
              f"open residue {result.residue}" + (f"; closed {', '.join(result.closed)}" if result.closed else ""))
    return result


@payments_app.command("list")
@handle_errors
def list_lines(status: str = typer.Option(None, "--status", help="applied|partial|unmatched"),
               as_json: bool = JSON):
    """Imported statement lines and what became of them (unmatched lines wait here)."""
    option_choice("--status", status, ("applied", "partial", "unmatched"))
    output.emit(payments_import.statement_lines(State.app(), status), as_json, "Statement lines")
