"""What purchasing (and later sales) ask of the approval workflows, as one port object.

Documents sit below approvals (approvals reads their amounts, vendors and lines),
so a document service cannot import approvals; it calls this object through
``domain.app.Ports.approvals`` instead (wired by :mod:`domain.bootstrap`). BC does
the same with its integration events: Purch.-Post asks Approvals Mgmt. whether the
document may be posted (``PrePostApprovalCheckPurch``), and a change to a released
document reopens it and voids the approval.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.app import App, app_of
from domain.approvals import core
from domain.problems import DomainError, Problem


class DocumentApprovals:
    """The approvals port: gate, edits and refused commands."""

    def gate(self, session: Session, header, user: str | None) -> list[Problem]:
        """Problems that stop posting ``header`` for want of approval (empty when none is needed)."""
        return core.posting_gate(session, header, user)

    def edited(self, session: Session, header, actor: str | None, status_before: str, comment: str) -> bool:
        """A document changed: its approval (if any) no longer counts; the edit names the editor,
        who may then not approve it (segregation of duties). True when an approval was voided."""
        now = app_of(session).now()
        request = core.latest_request(session, header.no, for_update=True)
        voided = request is not None and request.status == "approved"
        if voided:
            request.status = "voided"
            core.audit(session, now, actor, "void", header, header.no, status_before, "open",
                       request_id=request.id, comment="document edited after approval")
        core.audit(session, now, actor, "edit", header, header.no, status_before, "open", comment=comment)
        return voided

    def deleted(self, session: Session, header, actor: str | None) -> None:
        """A draft is deleted (BC: delete the document): an approval it had no longer counts
        (voided), and the deletion is audited with the version deleted."""
        now = app_of(session).now()
        request = core.latest_request(session, header.no, for_update=True)
        if request is not None and request.status == "approved":
            request.status = "voided"
            core.audit(session, now, actor, "void", header, header.no, header.status, "deleted",
                       request_id=request.id, comment="document deleted after approval")
        core.audit(session, now, actor, "delete", header, header.no, header.status, "deleted",
                   comment=f"{header.document_type} {header.no} deleted ({len(header.lines)} lines)")

    def refused(self, app: App, no: str, actor: str | None, action: str, error: DomainError) -> None:
        """Audit a refused command (after the refused transaction rolled back)."""
        core.record_refusal(app, no, actor, action, error)
