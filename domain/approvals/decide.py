"""Approval decisions: approve, reject, delegate, and the reminder/delegation sweep.

The rules (issue 4, BC "Approval Entries"): the requester and anyone who
created or edited the document may not approve it (a sole trader may, with a
mandatory reason that is flagged in the audit); one person never gives two
approvals in one request; an approver acts only on entries assigned to them,
or as the approver's substitute or an approval administrator, recorded as "on
behalf of"; a decided entry cannot be decided again. Each decision locks the
document row and the request's entries and re-reads their status inside the
transaction, so of two concurrent decisions on one entry exactly one wins.
The same-sequence siblings of an approved entry are cancelled (any one of a
level approves). A timeout never approves: the sweep only reminds and delegates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.approvals import core, rules
from domain.approvals.model import ApprovalEntry, ApprovalRequest
from domain.approvals.query import auto_post
from domain.db import lock
from domain.identity.access import require
from domain.problems import DomainError
from domain.purchasing.posting import post_document
from domain.setup.queries import company

SYSTEM = "system"


@dataclass(frozen=True)
class Decision:
    document_no: str
    action: str
    entry_id: int
    request_status: str  # open | approved | rejected
    document_status: str
    on_behalf_of: str | None = None
    next_approvers: tuple[str, ...] = ()

    @property
    def released(self) -> bool:
        return self.document_status == "released"


def approve(app: App, no: str, comment: str | None = None, flow_request_id: int | None = None) -> Decision:
    return decide(app, no, "approve", comment, flow_request_id)


def reject(app: App, no: str, comment: str | None = None, flow_request_id: int | None = None) -> Decision:
    return decide(app, no, "reject", comment, flow_request_id)


def delegate(app: App, no: str, comment: str | None = None, flow_request_id: int | None = None) -> Decision:
    return decide(app, no, "delegate", comment, flow_request_id)


def decide(app: App, no: str, action: str, comment: str | None = None,
           flow_request_id: int | None = None) -> Decision:
    """Record ``action`` by ``app.user``; a refusal raises DomainError and is audited."""
    actor = app.user
    return core.audited(app, no, actor, action,
                        lambda: _decide(app, no, action, actor, comment, flow_request_id), flow_request_id)


def _decide(app: App, no: str, action: str, actor: str | None, comment, flow_request_id) -> Decision:
    if action not in ("approve", "reject", "delegate"):
        raise DomainError("APPROVAL-UNKNOWN-DECISION", f"unknown decision {action!r}", decision=action)
    if not actor:
        raise DomainError("APPROVAL-NO-USER", "who decides? give --user", no=no)
    with app.uow() as session:
        require(session, actor, "approvals.decide")
        header = core.locked_header(session, no)
        request = core.latest_request(session, no, for_update=True)
        if request is None:
            raise DomainError("APPROVAL-NO-OPEN-REQUEST", f"{no} has no approval request", no=no)
        entries = list(session.scalars(lock(session, select(ApprovalEntry).where(
            ApprovalEntry.request_id == request.id).order_by(ApprovalEntry.id))))
        setups = core.load_setups(session)
        flagged = _check_may_decide(session, header, request, entries, actor, action, comment)
        entry, on_behalf = _pick_entry(request, entries, actor, setups)
        if action == "approve" and on_behalf is not None:
            _check_substitute_limit(request, actor, setups)
        if action == "delegate":
            decision = _delegate(session, app, header, request, entries, entry, actor, setups, comment)
        else:
            entry.status = "approved" if action == "approve" else "rejected"
            entry.decided_by, entry.on_behalf_of, entry.comment = actor, on_behalf, comment
            entry.decided_at = app.now()
            before = header.status
            core.audit(session, app.now(), actor, action, header, no, before, before, request_id=request.id,
                       entry_id=entry.id, on_behalf_of=on_behalf, comment=comment, flagged=flagged)
            advance = _after_approve if action == "approve" else _after_reject
            decision = advance(session, app, header, request, entries, entry, actor, comment)
        if flow_request_id is not None:
            core.consume_flow_input(session, flow_request_id)
        return decision


def _pick_entry(request, entries, actor: str, setups):
    """The open entry ``actor`` may act on, and whom they act for (None = themselves)."""
    open_entries = [e for e in entries if e.status == "open"]
    own = [e for e in open_entries if e.approver_id == actor]
    if own:
        return own[0], None
    substitute = [e for e in open_entries if setups.get(e.approver_id) and
                  setups[e.approver_id].substitute_id == actor]
    admin = setups.get(actor) is not None and setups[actor].administrator
    chosen = substitute[0] if substitute else (open_entries[0] if admin and open_entries else None)
    if chosen is not None:
        return chosen, chosen.approver_id
    if any(e.approver_id == actor and e.status != "created" for e in entries):
        raise DomainError("APPROVAL-ENTRY-ALREADY-DECIDED", f"your approval entry for {request.document_no} "
                          "is already decided", no=request.document_no)
    if request.status != "open":
        raise DomainError("APPROVAL-NO-OPEN-REQUEST", f"{request.document_no} has no open approval request",
                          no=request.document_no)
    raise DomainError("APPROVAL-NOT-YOUR-ENTRY", f"no open approval entry of {request.document_no} is "
                      f"assigned to {actor}", no=request.document_no, user=actor)


def _check_substitute_limit(request, actor: str, setups) -> None:
    """Approving on behalf of someone needs one's own limit to cover the amount (an approval
    administrator excepted): a substitute with a lower limit delegates or leaves the entry to
    someone who may approve it, never approves above what they may approve themselves."""
    setup = setups.get(actor)
    if setup is not None and setup.administrator:
        return
    if setup is None or not setup.may_approve or not setup.covers(request.amount_lcy):
        raise DomainError("APPROVAL-SUBSTITUTE-LIMIT", f"{actor} may not approve {request.document_no} on behalf "
                          "of its approver: the amount is above your own approval limit",
                          no=request.document_no, user=actor, amount=str(request.amount_lcy))


def _check_may_decide(session, header, request, entries, actor, action, comment) -> bool:
    """Refuse self-approval and double approval; True when a sole trader's self-approval is flagged."""
    if action == "approve" and any(e.status == "approved" and e.decided_by == actor for e in entries):
        raise DomainError("APPROVAL-ALREADY-APPROVED-BY-USER", f"{actor} has already approved "
                          f"{header.no} in this request", no=header.no, user=actor)
    if action != "approve" or actor not in core.editors(session, header) | {request.requester_id}:
        return False
    if not core.approval_settings(session).sole_trader:
        raise DomainError("APPROVAL-SELF-APPROVAL", f"{actor} requested, created or edited {header.no} and "
                          "may not approve it", no=header.no, user=actor)
    if not (comment or "").strip():
        raise DomainError("APPROVAL-REASON-REQUIRED", "a sole trader's self-approval needs a reason "
                          "(--comment)", no=header.no)
    return True


def _after_approve(session, app, header, request, entries, entry, actor, comment) -> Decision:
    for sibling in entries:
        if sibling.sequence_no == entry.sequence_no and sibling.status == "open":
            sibling.status = "cancelled"
    waiting = [e for e in entries if e.status == "created"]
    if waiting:
        level = min(e.sequence_no for e in waiting)
        today = app.today(company(session).time_zone)
        opened = [e for e in waiting if e.sequence_no == level]
        for e in opened:
            e.status, e.opened_on = "open", today
            core.notify(session, app.now(), "new_request", e.approver_id, header, request.amount_lcy,
                        requester=request.requester_id, approval_due_date=e.due_date)
        return Decision(header.no, "approve", entry.id, "open", header.status, entry.on_behalf_of,
                        tuple(e.approver_id for e in opened))
    request.status, request.decided_at = "approved", app.now()
    before, header.status = header.status, "released"
    core.audit(session, app.now(), actor, "release", header, header.no, before, "released",
               request_id=request.id)
    core.notify(session, app.now(), "approved", request.requester_id, header, request.amount_lcy,
                actor=actor, comment=comment)
    return Decision(header.no, "approve", entry.id, "approved", "released", entry.on_behalf_of)


def _after_reject(session, app, header, request, entries, entry, actor, comment) -> Decision:
    for other in entries:
        if other.status in ("open", "created"):
            other.status = "rejected"
    request.status, request.decided_at = "rejected", app.now()
    before, header.status = header.status, "open"
    core.audit(session, app.now(), actor, "reopen", header, header.no, before, "open", request_id=request.id)
    core.notify(session, app.now(), "rejected", request.requester_id, header, request.amount_lcy,
                actor=actor, comment=comment)
    return Decision(header.no, "reject", entry.id, "rejected", "open", entry.on_behalf_of)


def _delegate(session, app, header, request, entries, entry, actor, setups, comment) -> Decision:
    excluded = core.editors(session, header) | {request.requester_id} | {
        e.decided_by for e in entries if e.status == "approved"} | {
        e.approver_id for e in entries if e.status in ("open", "created") and e.id != entry.id}
    target = rules.delegation_target(entry.approver_id, setups, {x for x in excluded if x})
    if target is None:
        raise DomainError("APPROVAL-NO-DELEGATE", f"no substitute, approver or administrator can take over "
                          f"{entry.approver_id}'s approval of {header.no}", no=header.no)
    before_approver = entry.approver_id
    entry.delegated_from, entry.approver_id = before_approver, target
    entry.opened_on = app.today(company(session).time_zone)
    core.audit(session, app.now(), actor, "delegate", header, header.no, header.status, header.status,
               request_id=request.id, entry_id=entry.id, on_behalf_of=before_approver,
               comment=comment or f"{before_approver} -> {target}")
    core.notify(session, app.now(), "delegated", target, header, request.amount_lcy,
                delegated_from=before_approver, approval_due_date=entry.due_date)
    return Decision(header.no, "delegate", entry.id, request.status, header.status, before_approver, (target,))


@dataclass
class SweepReport:
    reminded: list[int] = field(default_factory=list)
    delegated: list[int] = field(default_factory=list)
    not_delegated: list[int] = field(default_factory=list)


def sweep(app: App) -> SweepReport:
    """Automatic delegation after the step's delegate-after days; one overdue reminder a day."""
    report = SweepReport()
    with app.uow() as session:
        require(session, app.user, "approvals.run")
        today = app.today(company(session).time_zone)
        open_ids = list(session.scalars(select(ApprovalEntry.id).where(ApprovalEntry.status == "open")
                                        .order_by(ApprovalEntry.id)))
    for entry_id in open_ids:
        _sweep_entry(app, entry_id, today, report)
    return report


def _sweep_entry(app: App, entry_id: int, today, report: SweepReport) -> None:
    with app.uow() as session:
        entry = session.get(ApprovalEntry, entry_id)
        header = core.locked_header(session, entry.document_no)
        session.refresh(entry)
        if entry.status != "open":
            return
        days = entry.delegate_after_days
        if days and entry.opened_on and (today - entry.opened_on).days >= days:
            if _auto_delegate(session, app, header, entry):
                report.delegated.append(entry_id)
                return
            report.not_delegated.append(entry_id)
        if entry.due_date and entry.due_date < today and entry.last_reminder_on != today:
            entry.last_reminder_on = today
            core.notify(session, app.now(), "overdue", entry.approver_id, header, entry.amount_lcy,
                        approval_due_date=entry.due_date)
            core.audit(session, app.now(), SYSTEM, "remind", header, header.no, header.status, header.status,
                       request_id=entry.request_id, entry_id=entry.id, on_behalf_of=entry.approver_id)
            report.reminded.append(entry_id)


def _auto_delegate(session: Session, app: App, header, entry: ApprovalEntry) -> bool:
    request = session.get(ApprovalRequest, entry.request_id)
    entries = list(request.entries)
    try:
        _delegate(session, app, header, request, entries, entry, SYSTEM, core.load_setups(session),
                  "automatic delegation")
    except DomainError:
        return False
    return True


@dataclass(frozen=True)
class Outcome:
    """A decision and, when it released the document under auto-post, the posting."""

    decision: Decision
    posted_no: str | None = None
    posting_problems: tuple = ()


def decide_and_post(app: App, no: str, action: str, comment: str | None = None) -> Outcome:
    """``decide``; when the last approval releases the document and the approval settings
    say auto-post, post it at once as the deciding user (BC: "Post after approval"). A
    posting refusal (for example a closed posting date) leaves the document released for
    the auto-post sweep and is returned, not raised: the decision itself stands."""
    decision = decide(app, no, action, comment)
    if not (decision.released and auto_post(app, no)):
        return Outcome(decision)
    try:
        result = post_document(app, no)
    except DomainError as exc:
        return Outcome(decision, None, (exc,))
    if hasattr(result, "problems"):
        return Outcome(decision, None, tuple(result.problems))
    return Outcome(decision, result.posted_no)
