"""Reading approval state: entry lists, a document's history, the summary an
approver sees (CLI and Prefect resume form), and what the reconciliation sweep needs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from domain.app import App
from domain.approvals import core
from domain.approvals import documents as docs
from domain.approvals.documents import get as get_document
from domain.approvals.model import ApprovalAuditEvent, ApprovalEntry, ApprovalRequest
from domain.problems import DomainError
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.cards import Vendor
from domain.setup.queries import company


def list_entries(app: App, approver: str | None = None, status: str | None = "open") -> list[dict]:
    """Approval entries (open ones unless ``status`` is None), optionally only ``approver``'s."""
    with app.uow() as session:
        query = select(ApprovalEntry, ApprovalRequest).join(ApprovalRequest).order_by(ApprovalEntry.id)
        if status:
            query = query.where(ApprovalEntry.status == status)
        if approver:
            query = query.where(ApprovalEntry.approver_id == approver)
        return [{"entry": e.id, "document_no": e.document_no, "sequence": e.sequence_no, "approver": e.approver_id,
                 "status": e.status, "amount_lcy": e.amount_lcy, "due_date": e.due_date,
                 "requester": r.requester_id, "workflow": r.workflow_code, "delegated_from": e.delegated_from}
                for e, r in session.execute(query)]


def history(app: App, no: str) -> dict:
    """Every audit event, request and entry of document ``no``."""
    with app.uow() as session:
        get_document(session, no)
        events = [{"id": e.id, "at": e.at, "actor": e.actor, "action": e.action, "version": e.document_version,
                   "version_hash": e.version_hash, "status_before": e.status_before,
                   "status_after": e.status_after, "on_behalf_of": e.on_behalf_of, "code": e.code,
                   "comment": e.comment, "flagged": e.flagged}
                  for e in session.scalars(select(ApprovalAuditEvent).where(
                      ApprovalAuditEvent.document_no == no).order_by(ApprovalAuditEvent.id))]
        requests = []
        for r in session.scalars(select(ApprovalRequest).where(ApprovalRequest.document_no == no)
                                 .order_by(ApprovalRequest.id)):
            requests.append({"id": r.id, "status": r.status, "version": r.document_version,
                             "workflow": r.workflow_code, "requester": r.requester_id, "amount_lcy": r.amount_lcy,
                             "entries": [{"entry": e.id, "sequence": e.sequence_no, "approver": e.approver_id,
                                          "status": e.status, "decided_by": e.decided_by,
                                          "on_behalf_of": e.on_behalf_of, "decided_at": e.decided_at,
                                          "comment": e.comment} for e in r.entries]})
        return {"document_no": no, "requests": requests, "events": events}


def flagged(app: App, date_from=None, date_to=None) -> list[dict]:
    """The auditor's list: every event flagged for review (a sole trader approving their own
    document), oldest first, optionally within [date_from, date_to] (dates of the event)."""
    event = ApprovalAuditEvent
    with app.uow() as session:
        query = select(event).where(event.flagged.is_(True)).order_by(event.id)
        rows = []
        for e in session.scalars(query):
            day = e.at.date()
            if (date_from and day < date_from) or (date_to and day > date_to):
                continue
            rows.append({"id": e.id, "at": e.at, "document_no": e.document_no, "actor": e.actor,
                         "action": e.action, "version": e.document_version, "comment": e.comment})
        return rows


def summary(app: App, no: str) -> dict:
    """What an approver needs to decide: vendor, amounts, due date, lines, problems, the PDF."""
    with app.uow() as session:
        header = get_document(session, no)
        if docs.is_sales(header):
            return _sales_summary(session, header)
        vendor = session.get(Vendor, header.vendor_no)
        net = core.document_amount_lcy(session, header)
        request = core.latest_request(session, no)
        refusals = session.scalars(select(ApprovalAuditEvent).where(
            ApprovalAuditEvent.document_no == no, ApprovalAuditEvent.action == "refuse")
            .order_by(ApprovalAuditEvent.id.desc()).limit(5))
        problems = [f"{e.actor}: {e.code}" for e in refusals]
        if header.vendor_iban and vendor and header.vendor_iban != vendor.iban:
            problems.append(f"bank account {header.vendor_iban} is not the vendor card's ({vendor.iban})")
        return {
            "document_no": no, "document_type": header.document_type, "status": header.status,
            "created_by": header.created_by,
            "version": header.version, "vendor_no": header.vendor_no, "vendor_name": vendor.name if vendor else "",
            "vendor_invoice_no": header.vendor_invoice_no, "currency": header.currency_code,
            "amount_lcy_excl_vat": net, "lcy": company(session).currency, "due_date": header.due_date,
            "vendor_amount_incl_vat": header.vendor_amount_incl_vat,
            "lines": [{"line_no": x.line_no, "no": x.no, "description": x.description, "quantity": x.quantity,
                       "direct_unit_cost": x.direct_unit_cost} for x in header.lines],
            "problems": problems,
            "pdf": (f"incoming document {header.incoming_document_entry_no}"
                    if header.incoming_document_entry_no is not None else "none (entered without a PDF)"),
            "request_status": request.status if request else None,
            "open_approvers": [e.approver_id for e in (request.entries if request else []) if e.status == "open"],
        }


def _sales_summary(session, header) -> dict:
    """The summary of a sales document, under the keys the purchase summary uses (the customer
    in the vendor's place; lines show the unit price)."""
    _, customer_no, customer_name = docs.partner(session, header)
    request = core.latest_request(session, header.no)
    return {
        "document_no": header.no, "document_type": f"sales {header.document_type}", "status": header.status,
        "created_by": header.created_by, "version": header.version, "vendor_no": customer_no,
        "vendor_name": customer_name, "vendor_invoice_no": header.external_document_no,
        "currency": header.currency_code, "amount_lcy_excl_vat": core.document_amount_lcy(session, header),
        "lcy": company(session).currency, "due_date": header.due_date, "vendor_amount_incl_vat": None,
        "lines": [{"line_no": x.line_no, "no": x.no, "description": x.description, "quantity": x.quantity,
                   "direct_unit_cost": x.unit_price} for x in header.lines],
        "problems": ([f"customer {customer_no} is over its credit limit"]
                     if docs.credit_limit_exceeded(session, header) else []),
        "pdf": "none (a sales document)",
        "request_status": request.status if request else None,
        "open_approvers": [e.approver_id for e in (request.entries if request else []) if e.status == "open"],
    }


@dataclass(frozen=True)
class RequestState:
    request_id: int
    document_no: str
    status: str
    inputs_consumed: int
    flow_run_id: str | None
    document_status: str


def request_state(app: App, request_id: int) -> RequestState:
    with app.uow() as session:
        r = session.get(ApprovalRequest, request_id)
        if r is None:
            raise DomainError("APPROVAL-NO-OPEN-REQUEST", f"no approval request {request_id}",
                              no=f"#{request_id}")
        header = get_document(session, r.document_no)
        return RequestState(r.id, r.document_no, r.status, r.flow_inputs_consumed, r.flow_run_id, header.status)


def open_request_id(app: App, no: str) -> int | None:
    with app.uow() as session:
        r = core.latest_request(session, no)
        return r.id if r is not None and r.status == "open" else None


def attach_flow_run(app: App, request_id: int, flow_run_id: str) -> None:
    with app.uow() as session:
        session.get(ApprovalRequest, request_id).flow_run_id = flow_run_id


def requests_with_runs(app: App) -> list[RequestState]:
    """Requests that a Prefect run waits (or waited) for, and open requests no run waits for."""
    with app.uow() as session:
        rows = session.scalars(select(ApprovalRequest).where(
            (ApprovalRequest.flow_run_id.is_not(None)) | (ApprovalRequest.status == "open"))
            .order_by(ApprovalRequest.id))
        return [RequestState(r.id, r.document_no, r.status, r.flow_inputs_consumed, r.flow_run_id, "")
                for r in rows]


def released_unposted(app: App) -> list[str]:
    """Released documents whose approval still holds: the auto-post sweep posts them."""
    with app.uow() as session:
        if not core.approval_settings(session).auto_post:
            return []
        return list(session.scalars(select(PurchaseHeader.no).where(
            PurchaseHeader.status == "released", PurchaseHeader.document_type.in_(core.POSTED_ON_RELEASE))
            .order_by(PurchaseHeader.id)))


def auto_post(app: App, document_no: str | None = None) -> bool:
    """Whether an approved document is posted at once (the approval settings' auto-post); never
    an order or return order, whose release lets it be received (shipped) and invoiced (BC)."""
    with app.uow() as session:
        if document_no is not None:
            # a sales document's approval releases it for posting by its user (BC), never posts it
            kind = session.scalar(select(PurchaseHeader.document_type).where(PurchaseHeader.no == document_no))
            if kind not in core.POSTED_ON_RELEASE:
                return False
        return core.approval_settings(session).auto_post

