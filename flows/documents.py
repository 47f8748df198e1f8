"""Rendering printed documents: Jinja2 templates to HTML, WeasyPrint to PDF, and e-mailing them.

``templates/`` renders (design.md section 1): the render context comes from
``domain.documents.out``; this module only chooses the template
(``templates/documents/<kind>.html.j2``), binds the language's labels and
number formats, and calls WeasyPrint (which needs Pango and the DejaVu fonts
that ``scripts/setup.sh`` installs). Sending queues the PDF in the outbox
through the domain and delivers it like approval notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from domain.app import App
from domain.documents import out as documents_out
from domain.documents.i18n import LABELS, format_amount, format_date, format_quantity
from domain.documents.payment_link import with_payment
from domain.documents.units import unit_name
from domain.identity import access
from domain.messaging import outbox


@dataclass(frozen=True)
class Rendered:
    context: dict
    html: str
    pdf: bytes | None = None


def environment(language: str) -> Environment:
    env = Environment(loader=FileSystemLoader(outbox.templates_dir()), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2"]), keep_trailing_newline=True)
    env.filters["amount"] = lambda value: format_amount(value, language)
    env.filters["qty"] = lambda value: format_quantity(value, language)
    env.filters["date"] = lambda value: format_date(value, language)
    env.filters["uom"] = lambda code: unit_name(code, language)
    env.globals["L"] = LABELS[language]
    return env


def render_html(context: dict) -> str:
    env = environment(context["language"])
    return env.get_template(f"documents/{context['kind']}.html.j2").render(**context)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango is not free

    return HTML(string=html, base_url=str(outbox.templates_dir() / "documents")).write_pdf()


def render(app: App, no: str, language: str | None = None, pdf: bool = True) -> Rendered:
    return render_context(documents_out.document_context(app, no, language), pdf)


def render_context(context: dict, pdf: bool = True) -> Rendered:
    html = render_html(context)
    return Rendered(context, html, html_to_pdf(html) if pdf else None)


def email_text(context: dict) -> tuple[str, str]:
    """(subject, body) of the covering e-mail, in the document's language."""
    context = {"payment": None, **context}
    text = environment(context["language"]).get_template(f"documents/email.{context['language']}.j2") \
        .render(**context)
    first, _, body = text.partition("\n")
    return first.removeprefix("Subject: ").strip(), body.lstrip("\n")


def email_html(context: dict) -> str:
    """The HTML part of the covering e-mail (autoescaped: names and line texts are data)."""
    return environment(context["language"]).get_template(f"documents/email.{context['language']}.html.j2") \
        .render(**{"payment": None, **context})


def write(rendered: Rendered, pdf_path: Path | None, html_path: Path | None) -> None:
    if pdf_path is not None:
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        pdf_path.write_bytes(rendered.pdf)
    if html_path is not None:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(rendered.html, encoding="utf-8")


SEND_FORMATS = ("pdf", "ehf", "both")


def send(app: App, no: str, language: str | None = None, resend: bool = False, fmt: str = "pdf") -> int:
    """Render ``no`` to PDF and/or EHF (PEPPOL BIS 3 UBL, posted sales invoices and credit memos)
    and queue it for the customer / vendor; returns the outbox message id. Needs sales.edit (a
    sales document) or purchase.edit (a purchase order), checked again when queued."""
    from domain.documents.ehf import ehf_bytes

    access.require_any(app, app.user, ("sales.edit", "purchase.edit"))
    context = documents_out.document_context(app, no, language)
    documents_out.check_sendable(context)  # a draft invoice is refused before it is rendered
    files = []
    if fmt in ("pdf", "both"):
        rendered = render_context(context)
        context = rendered.context
        files.append((f"{no}.pdf", "application/pdf", rendered.pdf))
    if fmt in ("ehf", "both"):
        files.append((f"{no}.xml", "application/xml", ehf_bytes(app, context["document"]["no"])))
    context = with_payment(app, context)  # a posted invoice: the payment service's link, if one is set
    subject, body = email_text(context)
    return documents_out.queue_email(app, context, subject, body, files, resend, email_html(context))
