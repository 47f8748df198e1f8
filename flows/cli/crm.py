"""CLI for relationship management and document conversions: contacts (`ledgerflow contact ...`),
sales quote to invoice (`sales quote make-invoice`), order confirmations (`sales order confirm`)
and purchase quotes (`purchase quote import|make-order`)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.documents import out as documents_out
from domain.identity.access import require
from domain.messaging import outbox
from domain.problems import DomainError
from domain.purchasing import quotes as purchase_quotes
from domain.sales import quotes as sales_quotes
from domain.setup import contacts
from flows import documents, output, settings
from flows.cli.apps import purchase_app, purchase_quote_app, sales_order_app, sales_quote_app
from flows.cli.common import JSON, State, handle_errors, read_json

contact_app = typer.Typer(help="Contacts: companies and persons (kontakter / contactpersonen).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(contact_app, name="contact")
    purchase_app.add_typer(purchase_quote_app, name="quote")
    sales_quote_app.command("make-invoice")(make_invoice)
    sales_order_app.command("confirm")(confirm)
    purchase_quote_app.command("import")(purchase_quote_import)
    purchase_quote_app.command("make-order")(purchase_quote_make_order)


@contact_app.command("add")
@handle_errors
def contact_add(kind: str = typer.Option(..., "--type", help="company | person"),
                name: str = typer.Option(..., "--name"),
                company: str = typer.Option(None, "--company", help="A person: the company contact (CT-...)."),
                customer: str = typer.Option(None, "--customer", help="The customer this company contact is."),
                vendor: str = typer.Option(None, "--vendor", help="The vendor this company contact is."),
                email: str = typer.Option(None, "--email"), phone: str = typer.Option(None, "--phone")):
    """Add a company or person contact (a business relation with --customer / --vendor); prints its no."""
    print(contacts.add_contact(State.app(), {"type": kind, "name": name, "company": company, "customer": customer,
                                             "vendor": vendor, "email": email, "phone": phone}))


@contact_app.command("list")
@handle_errors
def contact_list(as_json: bool = JSON):
    rows = contacts.list_contacts(State.app())
    if not as_json:
        rows = [{k: v for k, v in row.items() if k != "persons"} for row in rows]
    output.emit(rows, as_json, "Contacts")


@contact_app.command("show")
@handle_errors
def contact_show(no: str, as_json: bool = JSON):
    data = contacts.show_contact(State.app(), no)
    if not as_json:
        data["persons"] = ", ".join(data["persons"])
    output.emit(data, as_json, f"Contact {no}")


@contact_app.command("make-customer")
@handle_errors
def contact_make_customer(contact_no: str,
                          no: str = typer.Option(None, "--no", help="Customer no. (default: the contact's).")):
    """Create a customer from a company contact (BC Create as Customer), linked to it; prints the customer no."""
    print(contacts.make_card(State.app(), contact_no, "customer", no))


@contact_app.command("make-vendor")
@handle_errors
def contact_make_vendor(contact_no: str,
                        no: str = typer.Option(None, "--no", help="Vendor no. (default: the contact's).")):
    """Create a vendor from a company contact (BC Create as Vendor), linked to it; prints the vendor no."""
    print(contacts.make_card(State.app(), contact_no, "vendor", no))


@handle_errors
def make_invoice(quote_no: str):
    """Convert a quote into an invoice (BC Make Invoice; the quote is consumed); prints the invoice no."""
    print(sales_quotes.make_invoice(State.app(), quote_no))


@handle_errors
def confirm(order_no: str, pdf: Path = typer.Option(None, "--pdf", help="Write the order confirmation PDF here."),
            email: bool = typer.Option(False, "--email", help="E-mail it to the customer through the outbox."),
            language: str = typer.Option(None, "--language", help="nb | nl | en (default: the customer's)."),
            resend: bool = typer.Option(False, "--resend", help="E-mail again although it was sent before.")):
    """Print (--pdf) and/or e-mail (--email) the order confirmation of a sales order."""
    if pdf is None and not email:
        raise DomainError("CLI-MISSING-OPTION", "give --pdf OUT.pdf and/or --email", options="--pdf OUT.pdf, --email")
    if email:  # before anything is rendered: e-mailing is a write
        require(State.app(), State.app().user, "sales.edit")
    context = documents_out.document_context(State.app(), order_no, language)
    if context["kind"] != "order_confirmation":
        raise DomainError("SALES-NOT-AN-ORDER", f"{order_no} is not a sales order", no=order_no)
    if pdf is not None:
        documents.write(documents.render_context(context), pdf, None)
        print(pdf)
    if email:
        message_id = documents.send(State.app(), order_no, language, resend, "pdf")
        print(f"outbox message {message_id}")
        transport = outbox.transport_from_env(settings.load(State.db, State.user).outbox)
        report = outbox.deliver_pending(State.app(), transport)
        output.errors.print(f"[dim]outbox: {len(report.sent)} sent, {len(report.failed)} failed[/dim]")
        if message_id in report.failed:
            raise DomainError("DOCS-SEND-FAILED", f"message {message_id} could not be delivered", no=order_no)


@handle_errors
def purchase_quote_import(file: Path = typer.Argument(..., help="Purchase order JSON (document_type quote).")):
    """Create purchase quote(s) (requests for quote) from JSON; prints each quote no."""
    data = read_json(file)
    for doc in data if isinstance(data, list) else [data]:
        print(purchase_quotes.create_quote(State.app(), doc))


@handle_errors
def purchase_quote_make_order(quote_no: str):
    """Convert a purchase quote into a purchase order (the quote is consumed); prints the order no."""
    print(purchase_quotes.make_order(State.app(), quote_no))
