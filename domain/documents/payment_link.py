"""The payment link in a sent invoice's e-mail (BC "Payment Service Setup": Pay with PayPal,
WorldPay, ...; here any service whose payment page takes the amount and reference in its URL).

The company sets one service, ``setup payment-service --name Vipps --url-template
'https://pay.example/?amount={amount}&ref={kid}&inv={document_no}'``. The template is checked when
it is set, so a sent e-mail never carries a broken or dangerous link: only ``https`` URLs with a
host, only the placeholders below (``{amount}`` the invoice total as ``1250.00``, ``{kid}`` the KID /
betalingskenmerk, else the invoice no., ``{document_no}``, ``{currency}``, ``{customer_no}``), no
format specs. Filled in, every value is URL-encoded, so a document or customer no. cannot change
the link's shape.
"""

from __future__ import annotations

import string
from urllib.parse import quote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.documents.model import PaymentService
from domain.identity.access import audited_change
from domain.problems import Problem, Rejected, RejectedError
from domain.sales.model import PostedSalesHeader

PLACEHOLDERS = ("amount", "kid", "document_no", "currency", "customer_no")
NAME_LENGTH, TEMPLATE_LENGTH = 50, 500


def template_problems(name: str, template: str) -> list[Problem]:
    """Every reason ``template`` (and ``name``) cannot be the payment service's, at once."""
    problems = []
    if not name.strip() or len(name) > NAME_LENGTH or any(c in name for c in "\r\n"):
        problems.append(Problem("DOCS-PAYMENT-SERVICE-NAME", "name", {"max": str(NAME_LENGTH)}))
    if len(template) > TEMPLATE_LENGTH or any(c.isspace() for c in template):
        return problems + [Problem("DOCS-PAYMENT-URL-INVALID", "url_template", {"value": template[:80]})]
    try:
        fields = [(name_, spec, conv) for _, name_, spec, conv in string.Formatter().parse(template)
                  if name_ is not None]
    except ValueError:
        return problems + [Problem("DOCS-PAYMENT-URL-INVALID", "url_template", {"value": template[:80]})]
    for field, spec, conversion in fields:
        if field not in PLACEHOLDERS or spec or conversion:
            problems.append(Problem("DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER", "url_template",
                                    {"placeholder": field, "known": ", ".join(PLACEHOLDERS)}))
    parts = urlsplit(template.replace("{", "").replace("}", ""))
    if parts.scheme.lower() != "https":
        problems.append(Problem("DOCS-PAYMENT-URL-NOT-HTTPS", "url_template", {"value": template[:80]}))
    elif not parts.hostname:
        problems.append(Problem("DOCS-PAYMENT-URL-INVALID", "url_template", {"value": template[:80]}))
    return problems


def payment_url(template: str, values: dict[str, str]) -> str:
    """``template`` with each placeholder's value URL-encoded (nothing left unescaped)."""
    return template.format(**{key: quote(str(values.get(key, "")), safe="") for key in PLACEHOLDERS})


def current(session: Session) -> PaymentService | None:
    return session.scalar(select(PaymentService).order_by(PaymentService.id))


def _details(session: Session) -> dict:
    service = current(session)
    return {"name": service.name, "url_template": service.url_template} if service else {}


def set_payment_service(app: App, name: str | None, url_template: str | None, remove: bool = False) -> dict:
    """Show (no arguments), set or remove the payment service; needs setup.change and is audited."""
    if not remove and name is None and url_template is None:
        with app.uow() as session:
            return _details(session)
    if not remove:
        problems = template_problems(name or "", url_template or "")
        if problems:
            raise RejectedError(Rejected(problems))

    def change(session: Session) -> dict:
        service = current(session)
        if remove:
            if service is not None:
                session.delete(service)
            session.flush()
            return {}
        if service is None:
            service = PaymentService(name=name.strip(), url_template=url_template)
            session.add(service)
        service.name, service.url_template = name.strip(), url_template
        session.flush()
        return _details(session)

    return audited_change(app, "setup.change", "setup.payment_service", "payment service", change, _details,
                          {"name": name, "url_template": url_template, "remove": remove})


def email_payment(session: Session, context: dict) -> dict | None:
    """The payment link of a posted invoice's e-mail, {"name", "url"}, or None (no service, not an
    invoice, a draft, nothing to pay)."""
    service = current(session)
    if service is None or context["kind"] != "invoice" or context.get("draft") or context["totals"]["gross"] <= 0:
        return None
    document = context["document"]
    posted = session.get(PostedSalesHeader, document["no"])  # the KID, printed on the invoice or not
    reference = (posted.payment_reference if posted is not None else None) or document["no"]
    values = {"amount": f"{context['totals']['gross']:.2f}", "document_no": document["no"],
              "kid": reference, "currency": document["currency"],
              "customer_no": context["partner"]["no"]}
    return {"name": service.name, "url": payment_url(service.url_template, values)}


def with_payment(app: App, context: dict) -> dict:
    with app.uow() as session:
        return {**context, "payment": email_payment(session, context)}
