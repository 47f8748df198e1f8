"""What the approvals page shows: the lists of one person and a document's page.

A read model over approvals (entries, requests, history, the amounts posting would
compute) and intake (the vendor's PDF and the problems found while reading it), so
it lives in intake, the area above both. Who may see a document: a person involved
in its approval (requester, approver, substitute of an approver, delegated from,
decided by), its creator, or a user holding ``purchase.edit`` (``sales.edit`` for a sales
document) or ``audit.read``;
anyone else gets WEB-DOCUMENT-NOT-VISIBLE (the same answer as for a document that
does not exist, so numbers cannot be probed).
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.approvals import core
from domain.approvals import documents as docs
from domain.approvals.model import ApprovalEntry, ApprovalRequest, ApprovalUserSetup
from domain.approvals.query import summary
from domain.identity.access import actor as load_actor
from domain.identity.rules import access_problem
from domain.intake.model import IncomingDocument
from domain.problems import DomainError, Problem
from domain.setup.queries import company, preferred_language

SEE_ALL = ("purchase.edit", "audit.read")
SEE_ALL_SALES = ("sales.edit", "audit.read")


def _substituted(session: Session, user_id: str) -> list[str]:
    """The approvers ``user_id`` stands in for."""
    return list(session.scalars(select(ApprovalUserSetup.user_id).where(ApprovalUserSetup.substitute_id == user_id)))


def _row(session: Session, entry: ApprovalEntry, header: docs.Header | None) -> dict:
    return {"document_no": entry.document_no, "vendor_name": docs.partner(session, header)[2] if header else "",
            "amount_lcy": entry.amount_lcy, "due_date": entry.due_date, "approver": entry.approver_id,
            "status": entry.status, "document_status": header.status if header else ""}


def waiting_for(app: App, user_id: str) -> list[dict]:
    """Open approval entries of ``user_id`` and of the approvers they substitute."""
    with app.uow() as session:
        approvers = [user_id, *_substituted(session, user_id)]
        query = (select(ApprovalEntry).where(ApprovalEntry.status == "open", ApprovalEntry.approver_id.in_(approvers))
                 .order_by(ApprovalEntry.due_date, ApprovalEntry.id))
        rows = [(e, docs.find(session, e.document_no)) for e in session.scalars(query)]
        return [{**_row(session, e, h), "as_substitute": e.approver_id != user_id} for e, h in rows if h is not None]


def sent_by(app: App, user_id: str, limit: int = 50) -> list[dict]:
    """The latest approval requests ``user_id`` sent, newest first."""
    with app.uow() as session:
        query = (select(ApprovalRequest).where(ApprovalRequest.requester_id == user_id)
                 .order_by(ApprovalRequest.id.desc()).limit(limit))
        rows = []
        for request in session.scalars(query):
            header = docs.find(session, request.document_no)
            if header is None:
                continue
            rows.append({"document_no": header.no, "vendor_name": docs.partner(session, header)[2],
                         "amount_lcy": request.amount_lcy, "status": request.status,
                         "document_status": header.status, "posted_no": header.posted_no,
                         "open_approvers": [e.approver_id for e in request.entries if e.status == "open"]})
        return rows


def _visible_header(session: Session, user_id: str, no: str) -> docs.Header:
    header = docs.find(session, no)
    hidden = DomainError("WEB-DOCUMENT-NOT-VISIBLE", f"no document {no} for {user_id}", no=no)
    if header is None:
        raise hidden
    who = load_actor(session, user_id)
    see_all = SEE_ALL_SALES if docs.is_sales(header) else SEE_ALL
    if any(access_problem(user_id, who, p) is None for p in see_all) or header.created_by == user_id:
        return header
    people = [user_id, *_substituted(session, user_id)]
    involved = session.scalar(select(ApprovalEntry.id).join(ApprovalRequest).where(
        ApprovalEntry.document_no == no, or_(ApprovalEntry.approver_id.in_(people), ApprovalEntry.decided_by == user_id,
                                             ApprovalEntry.delegated_from == user_id,
                                             ApprovalRequest.requester_id == user_id)).limit(1))
    if involved is None:
        raise hidden
    return header


def _incoming(session: Session, header: docs.Header) -> IncomingDocument | None:
    """The incoming document (the vendor's PDF) a purchase draft was read from, if any."""
    entry_no = getattr(header, "incoming_document_entry_no", None)
    return session.get(IncomingDocument, entry_no) if entry_no is not None else None


def _problems(document: IncomingDocument | None) -> list[dict]:
    """The open problems of the vendor's document, errors first: each row still on it is open (a
    correction or a re-check deletes what it settles). ``problem`` is the code with the vendor's
    values as parameters: text from outside, escaped wherever it is shown."""
    if document is None:
        return []
    rows = sorted(document.problems, key=lambda p: (p.severity != "error", p.id))
    return [{"severity": p.severity, "code": p.code,
             "problem": Problem(p.code, p.field, json.loads(p.params or "{}"))} for p in rows]


def open_problems(app: App, no: str, reader: str | None = None, language: str | None = None) -> list[dict]:
    """What intake flagged on the vendor's document behind purchase document ``no`` and did not
    settle (warnings that let the draft through, errors a person overrode), for the approver
    ``reader``: severity, code, and the message in ``language``, else in ``reader``'s (their own,
    else the company's country's), else in English. Empty for a document entered without one."""
    with app.uow() as session:
        header = docs.find(session, no)
        if header is None:
            return []
        language = language or preferred_language(session, reader) or "en"
        return [{"severity": p["severity"], "code": p["code"], "field": p["problem"].field,
                 "message": p["problem"].message(language)} for p in _problems(_incoming(session, header))]


#: the longest note in an approval e-mail
MAIL_NOTE_CHARS = 300


def document_notes(session: Session, header: docs.Header, language: str) -> list[dict]:
    """The open problems of the vendor's document behind ``header`` for an approval e-mail
    (:class:`domain.app.Ports` ``document_notes``), errors first, messages in ``language``. The
    e-mail is plain text and the vendor's values are outside text: each message is one line
    (control characters and line breaks become spaces, so a value cannot forge a line of its own)
    and at most MAIL_NOTE_CHARS long."""
    notes = []
    for p in _problems(_incoming(session, header)):
        text = " ".join("".join(c if c.isprintable() else " " for c in p["problem"].message(language)).split())
        if len(text) > MAIL_NOTE_CHARS:
            text = text[:MAIL_NOTE_CHARS - 1] + "…"
        notes.append({"severity": p["severity"], "code": p["code"], "message": text})
    return notes


def approval_summary(app: App, no: str, language: str | None = None) -> dict:
    """The summary an approver decides on (:func:`domain.approvals.query.summary`: the Prefect
    resume form, ``ledgerflow approvals show``) with ``intake_problems``: :func:`open_problems`
    in ``language``, else in the language of the first approver waited for."""
    data = summary(app, no)
    reader = data["open_approvers"][0] if data["open_approvers"] else None
    return {**data, "intake_problems": open_problems(app, no, reader, language)}


def document_page(app: App, user_id: str, no: str) -> dict:
    """Everything the document page shows; WEB-DOCUMENT-NOT-VISIBLE when ``user_id`` may not see it."""
    with app.uow() as session:
        header = _visible_header(session, user_id, no)
        totals = core.document_amounts(session, header)
        role, partner_no, partner_name = docs.partner(session, header)
        sales = docs.is_sales(header)
        incoming = _incoming(session, header)
        request = core.latest_request(session, no)
        people = [user_id, *_substituted(session, user_id)]
        mine = [e for e in (request.entries if request else []) if e.status == "open" and e.approver_id in people]
        by_line = {a.key: a for a in totals.lines}
        return {
            "document_no": no, "document_type": header.document_type, "kind": docs.kind(header),
            "status": header.status, "posted_no": header.posted_no, "partner_role": role,
            # the vendor (a customer on a sales document) under the keys the page has always used
            "vendor_no": partner_no, "vendor_name": partner_name,
            "vendor_invoice_no": header.external_document_no if sales else header.vendor_invoice_no,
            "document_date": header.document_date, "due_date": header.due_date, "currency": header.currency_code,
            "lcy": company(session).currency, "net": totals.net, "vat": totals.vat, "gross": totals.gross,
            "vendor_amount_incl_vat": None if sales else header.vendor_amount_incl_vat,
            "vat_groups": [{"vat_pct": g.vat_pct, "base": g.base, "vat": g.vat, "reverse_charge": g.reverse_charge}
                           for g in totals.groups],
            "lines": [{"line_no": x.line_no, "no": x.no, "description": x.description, "quantity": x.quantity,
                       "unit_cost": x.unit_price if sales else x.direct_unit_cost,
                       "net": by_line[x.line_no].net if x.line_no in by_line else None}
                      for x in header.lines],
            "problems": _problems(incoming), "page_count": incoming.page_count if incoming else 0,
            "has_pdf": bool(incoming and incoming.archive_path),
            "request_status": request.status if request else None, "requester": request.requester_id if request else None,
            "can_decide": bool(mine) and header.status == "pending_approval",
        }


def pdf_path(app: App, user_id: str, no: str) -> Path:
    """The archived PDF of document ``no`` if ``user_id`` may see it; WEB-NO-PDF when there is none."""
    with app.uow() as session:
        header = _visible_header(session, user_id, no)
        incoming = _incoming(session, header)
        path = Path(incoming.archive_path) if incoming and incoming.archive_path else None
        if path is None or path.suffix.lower() != ".pdf" or not path.is_file():
            raise DomainError("WEB-NO-PDF", f"{no} has no PDF", no=no)
        return path
