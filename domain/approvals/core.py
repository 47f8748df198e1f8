"""Approval requests for purchase and sales documents: send, cancel, the posting gate, queries.

Business Central semantics ("Use Approval Workflows", "Approval User Setup"):
sending a request creates one approval entry per approver, the first level
Open and the rest Created, and sets the document to Pending Approval, which
locks it against edits. The last approval releases it; a rejection rejects
every open entry and reopens the document; the requester may cancel. Posting
refuses a document whose *current version* (number and content hash) lacks the
approval its enabled workflow requires; with no workflow applying, documents
post without approval. Every request, decision and refusal is an append-only
audit event. Decisions live in :mod:`domain.approvals.decide`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import dateformula
from domain.app import APP_KEY, App
from domain.approvals import documents as docs
from domain.approvals import rules
from domain.approvals.model import (
    ApprovalAuditEvent,
    ApprovalDocumentFact,
    ApprovalEntry,
    ApprovalRequest,
    ApprovalSettings,
    ApprovalUserGroupMember,
    ApprovalUserSetup,
    ApprovalWorkflow,
)
from domain.db import lock
from domain.identity import links
from domain.identity.access import require, require_any
from domain.ledger.rules import amounts
from domain.messaging import formats
from domain.messaging.outbox import enqueue
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.setup.model.cards import Vendor
from domain.setup.model.company import User
from domain.setup.queries import company

#: the document numbered ``no``, purchase or sales, locked; its fingerprint
locked_header = docs.locked
version_hash = docs.version_hash


#: purchase documents posted when approved (auto-post); an approved order or return order is
#: released for receiving (shipping back) and invoicing, which stay steps of their own (BC)
POSTED_ON_RELEASE = ("invoice", "credit_memo")


@dataclass(frozen=True)
class RequestSummary:
    request_id: int
    document_no: str
    workflow_code: str
    amount_lcy: Decimal
    approvers: list[tuple[int, str]]  # (sequence no., approver)


# --- reading the document ---------------------------------------------------------------------


def approval_settings(session: Session) -> ApprovalSettings:
    row = session.get(ApprovalSettings, 1)
    return row if row is not None else ApprovalSettings(id=1, sole_trader=False, auto_post=True)


def document_amount_lcy(session: Session, header: docs.Header) -> Decimal:
    """The amount excluding VAT in local currency, computed exactly as posting does."""
    return docs.amount_lcy(session, header)


def document_amounts(session: Session, header: docs.Header) -> amounts.DocumentAmounts:
    """Line amounts, VAT per group and totals in the document's currency, as posting computes them."""
    return docs.document_amounts(session, header)


def document_facts(session: Session, header: docs.Header) -> rules.DocumentFacts:
    if docs.is_sales(header):
        return rules.DocumentFacts(
            document_type=docs.kind(header), amount_lcy=docs.amount_lcy(session, header), vendor_no="",
            vendor_posting_group="", customer_no=header.customer_no,
            customer_posting_group=header.customer_posting_group,
            credit_limit_exceeded=docs.credit_limit_exceeded(session, header))
    vendor = session.get(Vendor, header.vendor_no)
    fact = session.get(ApprovalDocumentFact, header.no)
    changed = bool(header.vendor_iban) and (vendor is None or header.vendor_iban != vendor.iban)
    return rules.DocumentFacts(
        document_type=f"purchase_{header.document_type}", amount_lcy=document_amount_lcy(session, header),
        vendor_no=header.vendor_no, vendor_posting_group=header.vendor_posting_group,
        from_incoming_document=header.incoming_document_entry_no is not None, bank_account_changed=changed,
        extraction_confidence=fact.extraction_confidence if fact else None)


def load_workflows(session: Session) -> list[rules.Workflow]:
    rows = session.scalars(select(ApprovalWorkflow).order_by(ApprovalWorkflow.priority,
                                                               ApprovalWorkflow.code))
    return [rules.Workflow(
        w.code, w.document_type, tuple(rules.Condition(c["kind"], c.get("value")) for c in w.conditions or []),
        tuple(rules.Step(s.approver_type, s.approver_id, s.group_code, s.due_date_formula,
                         s.delegate_after_days) for s in w.steps), w.enabled) for w in rows]


def load_setups(session: Session) -> dict[str, rules.ApproverSetup]:
    return {s.user_id: rules.ApproverSetup(s.user_id, s.approver_id, s.purchase_amount_limit,
                                           s.unlimited_purchase, s.substitute_id, s.approval_administrator)
            for s in session.scalars(select(ApprovalUserSetup))}


def load_groups(session: Session) -> dict[str, list[tuple[int, str]]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for member in session.scalars(select(ApprovalUserGroupMember)):
        groups.setdefault(member.group_code, []).append((member.sequence_no, member.user_id))
    return groups


def editors(session: Session, header: docs.Header) -> set[str]:
    """Whoever created or edited the document: none of them may approve it."""
    found = set(session.scalars(select(ApprovalAuditEvent.actor).where(
        ApprovalAuditEvent.document_no == header.no, ApprovalAuditEvent.action == "edit")))
    if header.created_by:
        found.add(header.created_by)
    found.discard(None)
    return found


def latest_request(session: Session, no: str, for_update: bool = False) -> ApprovalRequest | None:
    stmt = select(ApprovalRequest).where(ApprovalRequest.document_no == no) \
        .order_by(ApprovalRequest.id.desc()).limit(1)
    return session.scalar(lock(session, stmt) if for_update else stmt)


# --- audit and notifications --------------------------------------------------------------------


def audit(session: Session, now: dt.datetime, actor: str | None, action: str, header: docs.Header | None,
          document_no: str, before: str | None = None, after: str | None = None, **extra) -> None:
    session.add(ApprovalAuditEvent(
        at=now, actor=actor, action=action, document_no=document_no,
        document_version=header.version if header is not None else None,
        version_hash=version_hash(header) if header is not None else None,
        status_before=before, status_after=after, address=_address(session), **extra))


def _address(session: Session) -> str | None:
    """The client address of the App whose unit of work this is (the approvals page sets it)."""
    address = getattr(session.info.get(APP_KEY), "address", None)
    return address[:100] if address else None


#: notifications that ask the recipient to act carry a signed link to the document's page
LINKED_KINDS = ("new_request", "overdue", "delegated")


#: the most notes (``document_notes`` port) an approval e-mail lists; the rest are counted
MAIL_NOTES = 10


#: the document's name after "innkjøps" / "inkoop" in the nb / nl notifications
DOCUMENT_NAMES_NB = {"invoice": "faktura", "credit_memo": "kreditnota", "order": "ordre",
                     "return_order": "returordre"}
DOCUMENT_NAMES_NL = {"invoice": "factuur", "credit_memo": "creditnota", "order": "order",
                     "return_order": "retourorder"}


#: "Vendor:" / "Customer:" padded to the notifications' column, and "from" / "for" before the name
PARTNER_LABELS = {("vendor", "en"): "Vendor:", ("vendor", "nb"): "Leverandør:", ("vendor", "nl"): "Leverancier:",
                  ("customer", "en"): "Customer:", ("customer", "nb"): "Kunde:", ("customer", "nl"): "Klant:"}
FROM_WORDS = {("vendor", "en"): "from", ("vendor", "nb"): "fra", ("vendor", "nl"): "van",
              ("customer", "en"): "for", ("customer", "nb"): "til", ("customer", "nl"): "voor"}


#: notifications that ask their reader to decide: they list what higher areas noted on the document
NOTED_KINDS = ("new_request", "delegated", "overdue")


def _notes(session: Session, header: docs.Header, language: str | None) -> dict:
    """``notes`` (severity word, code, one-line message; at most MAIL_NOTES) and ``more_notes`` (how
    many were left out) from the ``document_notes`` port, for a notification in ``language``."""
    app = session.info.get(APP_KEY)
    port = app.ports.document_notes if app is not None and language is not None else None
    found = port(session, header, language) if port is not None else []
    notes = [{**n, "severity": docs.severity_word(n["severity"], language)} for n in found[:MAIL_NOTES]]
    return {"notes": notes, "more_notes": max(0, len(found) - MAIL_NOTES)}


def notify(session: Session, now: dt.datetime, kind: str, user_id: str | None, header: docs.Header,
           amount: Decimal, **extra) -> None:
    user = session.get(User, user_id) if user_id else None
    role, partner_no, partner_name = docs.partner(session, header)

    def name(uid):
        row = session.get(User, uid) if uid else None
        return row.name if row else (uid or "-")

    language = user.language if user is not None else "en"
    label_language = language if language in ("nb", "nl") else "en"
    context = {
        "document_no": header.no, "document_type": header.document_type.replace("_", " "),
        "document_type_nb": DOCUMENT_NAMES_NB.get(header.document_type, header.document_type),
        "document_type_nl": DOCUMENT_NAMES_NL.get(header.document_type, header.document_type),
        "document_title": docs.title(header, "en"), "document_title_nb": docs.title(header, "nb"),
        "document_title_nl": docs.title(header, "nl"),
        "partner_label": PARTNER_LABELS[(role, label_language)].ljust(21),
        "from_word": FROM_WORDS[(role, label_language)],
        # the partner (vendor or customer) under the keys the templates have always used
        "vendor_no": partner_no, "vendor_name": partner_name,
        "amount": formats.amount(amount, language), "currency": company(session).currency,
        "due_date": formats.date(header.due_date, language),
        "approval_due_date": str(extra.pop("approval_due_date", None) or "-"),
        "requester_name": name(extra.pop("requester", None)), "actor_name": name(extra.pop("actor", None)),
        "delegated_from_name": name(extra.pop("delegated_from", None)), "comment": extra.pop("comment", None),
    }
    context.update(_notes(session, header, language if kind in NOTED_KINDS else None))
    if user is not None and kind in LINKED_KINDS:
        context["link"] = links.document_link(header.no, user.id)
        context["pdf_link"] = (f"{links.base_url()}/documents/{header.no}/pdf"
                               if getattr(header, "incoming_document_entry_no", None) is not None else None)
    enqueue(session, user, kind, context, header.no, now)


def record_refusal(app: App, no: str, actor: str | None, action: str, error: DomainError,
                   flow_request_id: int | None = None) -> None:
    """A refused command leaves an audit event (written after the refused transaction rolled back)."""
    with app.uow() as session:
        header = docs.find(session, no)
        status = header.status if header is not None else None
        audit(session, app.now(), actor, "refuse", header, no, status, status, code=error.code,
              comment=f"{action}: {error}"[:2000])
        if flow_request_id is not None:
            consume_flow_input(session, flow_request_id)


def consume_flow_input(session: Session, request_id: int) -> None:
    request = session.scalar(lock(session, select(ApprovalRequest).where(ApprovalRequest.id == request_id)))
    request.flow_inputs_consumed += 1


def audited(app: App, no: str, actor: str | None, action: str, fn, flow_request_id: int | None = None):
    """Run ``fn`` (one transaction); on refusal record it, then re-raise."""
    try:
        return fn()
    except DomainError as exc:
        record_refusal(app, no, actor, action, exc, flow_request_id)
        raise


# --- send / cancel ------------------------------------------------------------------------------


def edit_permission(header: docs.Header) -> str:
    """Who may send (or cancel) a document's approval request: whoever may edit it."""
    return "sales.edit" if docs.is_sales(header) else "purchase.edit"


def send_request(app: App, no: str, confidence: Decimal | None = None) -> RequestSummary:
    """BC "Send Approval Request": route the document and open the first level of entries."""
    actor = app.user
    return audited(app, no, actor, "request", lambda: _send(app, no, actor, confidence))


def _send(app: App, no: str, actor: str | None, confidence: Decimal | None) -> RequestSummary:
    with app.uow() as session:
        require_any(session, actor, ("purchase.edit", "sales.edit"))
        header = locked_header(session, no)
        require(session, actor, edit_permission(header))
        if confidence is not None:
            record_confidence(session, no, confidence)
        if header.status in ("posted", "converted", "closed"):
            raise DomainError("APPROVAL-DOCUMENT-POSTED", f"{no} is posted", no=no)
        if header.status == "pending_approval":
            raise DomainError("APPROVAL-ALREADY-PENDING", f"{no} already waits for approval", no=no)
        if header.status == "released":
            raise DomainError("APPROVAL-ALREADY-RELEASED", f"{no} is approved and released", no=no)
        if actor is None:
            raise DomainError("APPROVAL-NO-USER", "who sends the request? give --user", no=no)
        facts = document_facts(session, header)
        workflow = rules.select_workflow(load_workflows(session), facts)
        if workflow is None:
            raise DomainError("APPROVAL-NOT-REQUIRED", f"no enabled workflow applies to {no}: it may be "
                              "posted without approval", no=no)
        ctx = rules.RoutingContext(actor, facts.amount_lcy, load_setups(session), load_groups(session),
                                   approval_settings(session).sole_trader)
        planned = rules.route(workflow.steps, ctx)
        if planned and isinstance(planned[0], Problem):
            raise RejectedError(Rejected(planned))
        request = _create_request(session, app, header, workflow, planned, actor, facts.amount_lcy)
        return RequestSummary(request.id, no, workflow.code, facts.amount_lcy,
                              [(p.sequence_no, p.approver_id) for p in planned])


def _create_request(session: Session, app: App, header, workflow: rules.Workflow, planned, actor, amount):
    now, today = app.now(), app.today(company(session).time_zone)
    request = ApprovalRequest(document_no=header.no, document_type=header.document_type,
                                document_version=header.version, version_hash=version_hash(header),
                                workflow_code=workflow.code, requester_id=actor, amount_lcy=amount,
                                status="open", created_at=now, flow_inputs_consumed=0)
    session.add(request)
    session.flush()
    first = min(p.sequence_no for p in planned)
    for p in planned:
        step = workflow.steps[p.step_no - 1]
        due = dateformula.apply(step.due_date_formula, today) if step.due_date_formula else None
        entry = ApprovalEntry(request_id=request.id, document_no=header.no, sequence_no=p.sequence_no,
                                step_no=p.step_no, approver_id=p.approver_id, amount_lcy=amount, due_date=due,
                                delegate_after_days=step.delegate_after_days,
                                status="open" if p.sequence_no == first else "created",
                                opened_on=today if p.sequence_no == first else None)
        session.add(entry)
        if entry.status == "open":
            notify(session, now, "new_request", p.approver_id, header, amount, requester=actor,
                   approval_due_date=due)
    before, header.status = header.status, "pending_approval"
    session.flush()
    audit(session, now, actor, "request", header, header.no, before, header.status, request_id=request.id)
    return request


def cancel_request(app: App, no: str, comment: str | None = None) -> str:
    actor = app.user
    return audited(app, no, actor, "cancel", lambda: _cancel(app, no, actor, comment))


def _cancel(app: App, no: str, actor: str | None, comment: str | None) -> str:
    with app.uow() as session:
        # the requester (who may edit the document) or an approval administrator cancels
        require_any(session, actor, ("purchase.edit", "sales.edit", "approvals.configure"))
        header = locked_header(session, no)
        require_any(session, actor, (edit_permission(header), "approvals.configure"))
        request = latest_request(session, no, for_update=True)
        if request is None or request.status != "open":
            raise DomainError("APPROVAL-NO-OPEN-REQUEST", f"{no} has no open approval request", no=no)
        setup = load_setups(session).get(actor or "")
        if actor != request.requester_id and not (setup and setup.administrator):
            raise DomainError("APPROVAL-ONLY-REQUESTER-CAN-CANCEL", "only the requester or an approval "
                              "administrator can cancel", no=no, requester=request.requester_id)
        for entry in request.entries:
            if entry.status in ("open", "created"):
                entry.status = "cancelled"
        request.status, request.decided_at = "cancelled", app.now()
        before, header.status = header.status, "open"
        audit(session, app.now(), actor, "cancel", header, no, before, "open", request_id=request.id,
              comment=comment)
        return header.status


def record_confidence(session: Session, no: str, confidence: Decimal) -> None:
    """Intake tells the extraction confidence of a document (for "confidence below" conditions)."""
    fact = session.get(ApprovalDocumentFact, no)
    if fact is None:
        session.add(ApprovalDocumentFact(document_no=no, extraction_confidence=confidence))
    else:
        fact.extraction_confidence = confidence


# --- posting gate -------------------------------------------------------------------------------


def posting_gate(session: Session, header: docs.Header, user: str | None) -> list[Problem]:
    """Problems that stop posting ``header`` for want of approval (empty when none is needed).

    A pending document is refused by posting itself (APPROVAL-PENDING)."""
    if header.status == "pending_approval":
        return []
    workflows = load_workflows(session)
    if not any(w.enabled for w in workflows):
        return []
    workflow = rules.select_workflow(workflows, document_facts(session, header))
    if workflow is None:
        return []
    request = latest_request(session, header.no)
    params = {"no": header.no, "workflow": workflow.code}
    if request is None or request.status in ("cancelled", "voided"):
        return [Problem("APPROVAL-REQUIRED", "status", params)]
    if request.status == "rejected":
        return [Problem("APPROVAL-REJECTED", "status", params)]
    if request.status != "approved":
        return [Problem("APPROVAL-PENDING", "status", params)]
    if request.document_version != header.version or request.version_hash != version_hash(header):
        return [Problem("APPROVAL-VERSION-CHANGED", "version", {**params, "approved_version":
                                                                request.document_version,
                                                                "version": header.version})]
    return []
