"""CLI for corrections on posted documents, as Business Central has them: `purchase|sales
correct` (cancel a posted invoice and open a new draft copy of it), `purchase|sales cancel` of a
corrective credit memo (in purchasing / sales: a posted invoice or credit memo), `purchase|sales
copy` (Copy Document) and `purchase|sales posted show` (a posted document with its entries)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.purchasing import copy as purchase_copy
from domain.purchasing import corrective as purchase_corrective
from domain.purchasing import posted as purchase_posted
from domain.sales import copy as sales_copy
from domain.sales import corrective as sales_corrective
from domain.sales import posted as sales_posted
from domain.problems import DomainError
from flows import documents, output
from flows.cli.apps import purchase_app, sales_app
from flows.cli.common import JSON, State, handle_errors, option_choice

TO = typer.Option(None, "--to", help="With --no-header: the open draft the lines are added to.")
NO_HEADER = typer.Option(False, "--no-header", help="Copy the lines only (BC Include Header off), into --to.")
RECALCULATE = typer.Option(False, "--recalculate", help="Prices / costs, descriptions and posting groups "
                           "from the item and account cards (BC Recalculate Lines).")
TYPE = typer.Option(None, "--type", help="invoice | credit_memo | order | quote | return_order: the new "
                    "document (default: the source's type; purchase has no quotes).")
TYPES = ("invoice", "credit_memo", "order", "quote", "return_order")

purchase_posted_app = typer.Typer(help="Posted purchase invoices and credit memos.", no_args_is_help=True)
sales_posted_app = typer.Typer(help="Posted sales invoices, credit memos and shipments.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Adds to the purchase and sales groups (their own areas hang them on the root)."""
    purchase_app.command("correct")(purchase_correct)
    purchase_app.command("copy")(purchase_copy_command)
    purchase_app.add_typer(purchase_posted_app, name="posted")
    sales_app.command("correct")(sales_correct)
    sales_app.command("copy")(sales_copy_command)
    sales_app.add_typer(sales_posted_app, name="posted")


def _corrected(result):
    if isinstance(result, (purchase_corrective.CorrectResult, sales_corrective.CorrectResult)):
        print(result.credit_memo_no)
        for no in result.reopened_orders or (result.draft_no,):  # an order's invoice: the order(s) reopened
            print(no)
    return result


@handle_errors
def purchase_correct(posted_no: str = typer.Argument(..., help="Posted purchase invoice (PPI-...).")):
    """BC Correct: cancel an unpaid posted invoice with a corrective credit memo and open a new
    draft invoice with its lines; prints the credit memo no., then the new draft no. (an order's
    invoice: the order gets its lines back and its no. is printed instead)."""
    return _corrected(purchase_corrective.correct_invoice(State.app(), posted_no))


@handle_errors
def sales_correct(posted_no: str = typer.Argument(..., help="Posted sales invoice (PSI-...).")):
    """BC Correct: cancel an unpaid posted invoice with a corrective credit memo and open a new
    draft invoice with its lines; prints the credit memo no., then the new draft no. (an order's
    invoice: the order gets its lines back and its no. is printed instead)."""
    return _corrected(sales_corrective.correct_invoice(State.app(), posted_no))


@handle_errors
def purchase_copy_command(from_no: str = typer.Argument(..., help="Posted or draft purchase document."),
                          to: str = TO, no_header: bool = NO_HEADER, document_type: str = TYPE,
                          recalculate: bool = RECALCULATE):
    """BC Copy Document: a new draft from a posted or open document (or its lines into --to);
    prints the draft's no."""
    option_choice("--type", document_type, TYPES)
    print(purchase_copy.copy_document(State.app(), from_no, to, not no_header, document_type, recalculate))


@handle_errors
def sales_copy_command(from_no: str = typer.Argument(..., help="Posted or draft sales document."),
                       to: str = TO, no_header: bool = NO_HEADER, document_type: str = TYPE,
                       recalculate: bool = RECALCULATE):
    """BC Copy Document: a new draft from a posted or open document (or its lines into --to);
    prints the draft's no."""
    option_choice("--type", document_type, TYPES)
    print(sales_copy.copy_document(State.app(), from_no, to, not no_header, document_type, recalculate))


def _show(data: dict, as_json: bool, side: str) -> None:
    if as_json:
        output.emit(data, True)
        return
    header = {k: v for k, v in data.items() if k not in ("lines", "entries")}
    output.emit(header, False, f"Posted {side} {data['document_type']} {data['no']}")
    output.emit(data["lines"], False, "Lines")
    for name, rows in data["entries"].items():
        if rows:
            output.emit(rows, False, name.replace("_", " ").capitalize())


@purchase_posted_app.command("show")
@handle_errors
def purchase_posted_show(no: str, as_json: bool = JSON):
    """A posted invoice or credit memo: totals, lines with the quantity received and invoiced, and
    the G/L, VAT, vendor ledger and item ledger entries it made (value entries summed)."""
    _show(purchase_posted.posted_document(State.app(), no), as_json, "purchase")


@sales_posted_app.command("show")
@handle_errors
def sales_posted_show(no: str, as_json: bool = JSON):
    """A posted invoice, credit memo or shipment: totals, lines with the quantity shipped and
    invoiced, and the G/L, VAT, customer ledger and item ledger entries it made."""
    _show(sales_posted.posted_document(State.app(), no), as_json, "sales")


@purchase_posted_app.command("render")
@handle_errors
def purchase_posted_render(no: str, pdf: Path = typer.Option(None, "--pdf", help="Write the PDF here."),
                           html: Path = typer.Option(None, "--html", help="Write the HTML here."),
                           language: str = typer.Option(None, "--language", help="nb | nl | en (default: the "
                                                        "vendor's language).")):
    """Print a posted invoice or credit memo (a corrective credit memo names the invoice it corrects)."""
    if pdf is None and html is None:
        raise DomainError("CLI-MISSING-OPTION", "give --pdf OUT.pdf and/or --html OUT.html",
                          options="--pdf OUT.pdf, --html OUT.html")
    purchase_posted.check_posted(State.app(), no)
    rendered = documents.render(State.app(), no, language, pdf=pdf is not None)
    documents.write(rendered, pdf, html)
    for path in (pdf, html):
        if path is not None:
            print(path)
