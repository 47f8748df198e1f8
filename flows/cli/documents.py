"""CLI for outgoing documents: `sales render|send|document-setup`, `purchase order render`
(printed to PDF / HTML, e-mailed through the outbox)."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.documents import out as documents_out
from domain.messaging import outbox
from domain.problems import DomainError
from flows import documents, output, settings
from flows.cli.apps import order_app, sales_app, setup_app
from flows.cli.common import State, handle_errors, option_choice

LANGUAGE = typer.Option(None, "--language", help="nb | nl | en (default: the customer's / vendor's language).")
PDF = typer.Option(None, "--pdf", help="Write the PDF here.")
HTML = typer.Option(None, "--html", help="Write the HTML here.")


def register(root: typer.Typer) -> None:
    """Adds to the sales and purchase order groups only, after their own commands."""
    sales_app.command("render")(render)
    order_app.command("render")(render_purchase_order)
    sales_app.command("send")(send)
    sales_app.command("document-setup")(document_setup)
    sales_app.command("export-ehf")(export_ehf)
    setup_app.command("payment-service")(payment_service)


def _render(no: str, pdf: Path | None, html: Path | None, language: str | None) -> None:
    if pdf is None and html is None:
        raise DomainError("CLI-MISSING-OPTION", "give --pdf OUT.pdf and/or --html OUT.html",
                          options="--pdf OUT.pdf, --html OUT.html")
    rendered = documents.render(State.app(), no, language, pdf=pdf is not None)
    documents.write(rendered, pdf, html)
    for path in (pdf, html):
        if path is not None:
            print(path)


@handle_errors
def render(doc_no: str, pdf: Path = PDF, html: Path = HTML, language: str = LANGUAGE):
    """Print a quote, order confirmation, invoice or credit memo (posted or draft) to PDF / HTML."""
    _render(doc_no, pdf, html, language)


@handle_errors
def render_purchase_order(order_no: str, pdf: Path = PDF, html: Path = HTML, language: str = LANGUAGE):
    """Print a purchase order to PDF / HTML in the vendor's language."""
    _render(order_no, pdf, html, language)


@handle_errors
def send(doc_no: str, language: str = LANGUAGE,
         resend: bool = typer.Option(False, "--resend", help="Send again although it was sent before."),
         queue_only: bool = typer.Option(False, "--queue-only", help="Queue in the outbox, do not deliver now."),
         fmt: str = typer.Option("pdf", "--format", help="pdf | ehf | both: attach the PDF, the EHF / PEPPOL "
                                 "BIS 3 XML (posted invoices and credit memos), or both.")):
    """E-mail the document's PDF and/or EHF XML to the customer through the outbox (SMTP or .eml files)."""
    option_choice("--format", fmt, documents.SEND_FORMATS)
    message_id = documents.send(State.app(), doc_no, language, resend, fmt)
    print(f"outbox message {message_id}")
    if queue_only:
        return
    transport = outbox.transport_from_env(settings.load(State.db, State.user).outbox)
    report = outbox.deliver_pending(State.app(), transport)
    output.errors.print(f"[dim]outbox: {len(report.sent)} sent, {len(report.failed)} failed[/dim]")
    if message_id in report.failed:
        raise DomainError("DOCS-SEND-FAILED", f"message {message_id} could not be delivered", no=doc_no)


@handle_errors
def export_ehf(posted_no: str = typer.Argument(..., help="Posted sales invoice (PSI-...) or credit memo (PSCM-...)."),
               out: Path = typer.Option(..., "--out", help="The XML file to write.")):
    """Write a posted sales invoice / credit memo as EHF / PEPPOL BIS Billing 3 UBL (NLCIUS for Dutch companies)."""
    from domain.documents.ehf import export_ehf as export

    print(export(State.app(), posted_no, out))


@handle_errors
def document_setup(address: str = typer.Option(None, "--address"), post_code: str = typer.Option(None, "--post-code"),
                   city: str = typer.Option(None, "--city"), phone: str = typer.Option(None, "--phone"),
                   email: str = typer.Option(None, "--email"), iban: str = typer.Option(None, "--iban"),
                   bic: str = typer.Option(None, "--bic"),
                   bank_account_no: str = typer.Option(None, "--bank-account", help="Domestic account no."),
                   print_reference: bool = typer.Option(None, "--print-reference/--no-print-reference",
                                                        help="Print the KID / betalingskenmerk on invoices."),
                   org_no: str = typer.Option(None, "--org-no", help="The company's org.nr (NO) or KvK number (NL)."),
                   vat_id: str = typer.Option(None, "--vat-id", help="The company's VAT id (NO...MVA, NL...B01)."),
                   as_json: bool = typer.Option(False, "--json")):
    """Show or change the company details printed on documents (address, bank account, IBAN, BIC)."""
    details = documents_out.set_document_setup(
        State.app(), address=address, post_code=post_code, city=city, phone=phone, email=email, iban=iban,
        bic=bic, bank_account_no=bank_account_no, print_payment_reference=print_reference,
        org_no=org_no, vat_id=vat_id)
    output.emit(details, as_json, "Printed company details")


@handle_errors
def payment_service(name: str = typer.Option(None, "--name", help="The service's name in the e-mail (Vipps, iDEAL)."),
                    url_template: str = typer.Option(None, "--url-template", help=(
                        "https URL with {amount}, {kid}, {document_no}, {currency}, {customer_no}: the payment "
                        "link in a sent invoice's e-mail.")),
                    remove: bool = typer.Option(False, "--remove", help="No payment link in e-mails any more."),
                    as_json: bool = typer.Option(False, "--json")):
    """Show or set the payment service whose link a sent invoice's e-mail carries (BC Payment Service Setup)."""
    from domain.documents.payment_link import set_payment_service

    if remove and (name is not None or url_template is not None):
        raise DomainError("CLI-INVALID-OPTION", "--remove takes no --name or --url-template", option="--remove")
    if not remove and (name is None) != (url_template is None):
        raise DomainError("CLI-INVALID-OPTION", "give --name and --url-template together",
                          option="--name / --url-template")
    output.emit(set_payment_service(State.app(), name, url_template, remove), as_json, "Payment service")
