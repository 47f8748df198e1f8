"""Approvals: configure the workflows of docs/examples/approvals.yaml once, then send,
approve (as the approver whose entry is open), reject and cancel requests; posting then
needs a released document for an invoice from 5,000 NOK or a credit memo from 20,000."""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals import setup as approvals_setup
from domain.approvals.model import ApprovalEntry
from tests.simulation.base import Base, counted
from tests.support.approvals import example_config


def as_user(app, user):
    return dataclasses.replace(app, user=user)


class ApprovalRules(Base):
    @precondition(lambda self: not self.model.approvals)
    @rule()
    @counted
    def configure_approvals(self):
        self.attempt("configure approvals", lambda: approvals_setup.configure(self.app, example_config()), {})
        self.model.approvals = True

    def _drafts(self, statuses) -> list:
        return self.model.docs_where("purchase", ("invoice", "credit_memo"), statuses)

    @precondition(lambda self: self.model.approvals and self._drafts(("open",)))
    @rule(data=st.data())
    @counted
    def send_approval_request(self, data):
        doc = data.draw(st.sampled_from(self._drafts(("open",))), label="draft")
        result = self.attempt("send approval request", lambda: approvals.send_request(self.app, doc.no), {},
                              allowed=("APPROVAL-NOT-REQUIRED",))
        if result is not None:
            doc.status = "pending_approval"

    def _open_approver(self, no: str) -> str | None:
        with self.app.uow() as s:
            return s.scalar(select(ApprovalEntry.approver_id).where(
                ApprovalEntry.document_no == no, ApprovalEntry.status == "open").order_by(ApprovalEntry.id))

    @precondition(lambda self: self._drafts(("pending_approval",)))
    @rule(data=st.data(), action=st.sampled_from(["approve", "approve", "approve", "reject", "cancel"]))
    @counted
    def decide_approval(self, data, action):
        doc = data.draw(st.sampled_from(self._drafts(("pending_approval",))), label="draft")
        if action == "cancel":
            if self.attempt("cancel approval request", lambda: approvals.cancel_request(self.app, doc.no), {}):
                doc.status = "open"
            return
        approver = self._open_approver(doc.no)
        decision = self.attempt(f"{action} approval", lambda: approvals_decide.decide(
            as_user(self.app, approver), doc.no, action, "simulated"), {})
        if decision is not None:
            doc.status = decision.document_status
