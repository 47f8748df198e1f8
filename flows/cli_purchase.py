"""CLI for purchase documents and the item journal."""

from __future__ import annotations

import csv
from pathlib import Path

import typer
from rich.progress import track

from domain.inventory import journal as item_journal
from domain.problems import DomainError
from domain.purchasing import correction as purchase_correction
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from flows import output
from flows.cli import State, handle_errors, read_json

purchase_app = typer.Typer(help="Purchase invoices and credit memos (innkjøp / inkoop).", no_args_is_help=True)
journal_app = typer.Typer(help="Item journal (varekladd / artikeldagboek).", no_args_is_help=True)


@purchase_app.command("import")
@handle_errors
def purchase_import(file: Path = typer.Argument(..., help="JSON document (see README).")):
    """Create a draft invoice or credit memo from JSON; prints its document no."""
    data = read_json(file)
    documents = data if isinstance(data, list) else [data]
    numbers = [purchase_documents.create_document(State.app(), doc) for doc in documents]
    for no in numbers:
        print(no)


@purchase_app.command("post")
@handle_errors
def purchase_post(doc_nos: list[str] = typer.Argument(..., help="Draft document no(s).")):
    """Post drafts; prints each posted no. Posting a posted draft again prints the same no."""
    results = []
    for no in (track(doc_nos, description="posting", console=output.errors, disable=not output.show_progress())
               if len(doc_nos) > 20 else doc_nos):
        result = purchase_posting.post_document(State.app(), no)
        if not isinstance(result, purchase_posting.PostResult):
            output.errors.print(f"[bold]{no}[/bold] was not posted:")
            return result
        results.append(result)
    for result in results:
        print(result.posted_no)


@purchase_app.command("cancel")
@handle_errors
def purchase_cancel(posted_no: str):
    """Cancel a posted unpaid invoice with a corrective credit memo; prints the credit memo no."""
    result = purchase_correction.cancel_invoice(State.app(), posted_no)
    if isinstance(result, purchase_posting.PostResult):
        print(result.posted_no)
    return result


def _header_dict(h) -> dict:
    return {"no": h.no, "document_type": h.document_type, "status": h.status, "vendor_no": h.vendor_no,
            "vendor_invoice_no": h.vendor_invoice_no, "document_date": h.document_date,
            "posting_date": h.posting_date, "due_date": h.due_date, "currency": h.currency_code,
            "prices_including_vat": h.prices_including_vat, "posted_no": h.posted_no, "version": h.version}


@purchase_app.command("list")
@handle_errors
def purchase_list(status: str = typer.Option(None, "--status", help="open|pending_approval|released|posted"),
                  as_json: bool = typer.Option(False, "--json")):
    rows = [_header_dict(h) for h in purchase_documents.list_documents(State.app(), status)]
    output.emit(rows, as_json, "Purchase documents")


@purchase_app.command("show")
@handle_errors
def purchase_show(no: str, as_json: bool = typer.Option(False, "--json")):
    with State.app().uow() as session:
        h = purchase_documents.get_document(session, no)
        data = _header_dict(h)
        data["lines"] = [{"line_no": x.line_no, "type": x.type, "no": x.no, "description": x.description,
                          "quantity": x.quantity, "unit_of_measure": x.unit_of_measure,
                          "direct_unit_cost": x.direct_unit_cost, "line_discount_pct": x.line_discount_pct,
                          "vat_prod_posting_group": x.vat_prod_posting_group, "location": x.location_code}
                         for x in h.lines]
    if as_json:
        output.emit(data, True)
        return
    output.emit(data, False, f"Purchase {data['document_type']} {no}")
    output.emit(data["lines"], False, "Lines")


@journal_app.command("post")
@handle_errors
def journal_post(file: Path = typer.Argument(..., help="CSV with columns " + ",".join(item_journal.COLUMNS))):
    """Post an item journal CSV in one transaction (all rows or none)."""
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("posting_date", "entry_type", "item_no", "quantity")
                       if c not in (reader.fieldnames or [])]
            if missing:
                raise DomainError("IJ-MISSING-COLUMN", f"{file}: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {file}") from None
    result = item_journal.post_journal(State.app(), rows)
    if isinstance(result, item_journal.JournalResult):
        output.console.print(f"posted {len(rows)} journal line(s) as {', '.join(result.document_nos)}: "
                             f"item ledger entries {', '.join(map(str, result.item_entries))}")
    return result
