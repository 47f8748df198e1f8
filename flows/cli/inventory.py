"""CLI for the item journal: `ledgerflow journal post FILE.csv` (purchases, sales,
adjustments and transfers between locations, in one transaction)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.inventory import journal as item_journal
from domain.problems import DomainError, Rejected
from flows import output
from flows.cli.common import State, handle_errors, read_csv

journal_app = typer.Typer(help="Item journal (varekladd / artikeldagboek).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(journal_app, name="journal")


@journal_app.command("post")
@handle_errors
def journal_post(file: Path = typer.Argument(..., help="CSV with columns " + ",".join(item_journal.COLUMNS))):
    """Post an item journal CSV in one transaction (all rows or none)."""
    columns, rows = read_csv(file)
    missing = [c for c in ("posting_date", "entry_type", "item_no", "quantity") if c not in columns]
    if missing:
        raise DomainError("IJ-MISSING-COLUMN", f"{file}: missing column(s) {', '.join(missing)}",
                          file=str(file), columns=", ".join(missing))
    unknown = item_journal.unknown_columns(columns)
    if unknown:
        return Rejected(unknown)
    result = item_journal.post_journal(State.app(), rows)
    if isinstance(result, item_journal.JournalResult):
        output.console.print(f"posted {len(rows)} journal line(s) as {', '.join(result.document_nos)}: "
                             f"item ledger entries {', '.join(map(str, result.item_entries))}")
    return result
