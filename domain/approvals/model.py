"""Approval workflows: who approves what, the requests and entries, the audit trail, the outbox.

Business Central's model: Approval User Setup (approver, purchase amount
approval limit or unlimited, substitute, approval administrator), workflow user
groups with sequence numbers, approval workflows (an event condition and
response steps), approval requests with one approval entry per approver
(Created -> Open -> Approved / Rejected / Canceled). E-mail and language stay
on the user row; the approval columns live in their own table keyed by user id.

Audit events are append-only (``domain.db`` guard plus a trigger); entries and
requests change status, so they are ordinary rows whose every change is
mirrored by an audit event.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy import Text as SaText
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.orm import Amount, Base, Code, Rate, Text, UtcTime


class ApprovalSettings(Base):
    """One row (id 1): company-wide approval settings."""

    __tablename__ = "approval_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: a one-person company may approve its own documents, with a mandatory reason (flagged)
    sole_trader: Mapped[bool] = mapped_column(Boolean, default=False)
    #: post the document as soon as the last approval releases it
    auto_post: Mapped[bool] = mapped_column(Boolean, default=True)


class ApprovalUserSetup(Base):
    """BC Approval User Setup (table 464) for one user."""

    __tablename__ = "approval_user_setup"
    user_id: Mapped[Code] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    approver_id: Mapped[Code | None] = mapped_column(ForeignKey("app_user.id"))
    purchase_amount_limit: Mapped[Amount] = mapped_column(default=Decimal(0))
    unlimited_purchase: Mapped[bool] = mapped_column(Boolean, default=False)
    substitute_id: Mapped[Code | None] = mapped_column(ForeignKey("app_user.id"))
    approval_administrator: Mapped[bool] = mapped_column(Boolean, default=False)


class ApprovalUserGroupMember(Base):
    """BC Workflow User Group member: same sequence no. = any one of them approves."""

    __tablename__ = "approval_user_group_member"
    group_code: Mapped[Code] = mapped_column(primary_key=True)
    user_id: Mapped[Code] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    sequence_no: Mapped[int] = mapped_column(Integer, default=1)


class ApprovalWorkflow(Base):
    __tablename__ = "approval_workflow"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    #: purchase_invoice | purchase_credit_memo | incoming_document
    document_type: Mapped[str] = mapped_column(String(30))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: lower first: the first enabled workflow whose conditions all hold applies
    priority: Mapped[int] = mapped_column(Integer, default=0)
    #: list of {"kind": ..., "value": ...} (see domain.approvals.rules.CONDITION_KINDS)
    conditions: Mapped[list] = mapped_column(JSON, default=list)
    steps: Mapped[list[ApprovalWorkflowStep]] = relationship(
        order_by="ApprovalWorkflowStep.step_no", cascade="all, delete-orphan")


class ApprovalWorkflowStep(Base):
    __tablename__ = "approval_workflow_step"
    workflow_code: Mapped[Code] = mapped_column(ForeignKey("approval_workflow.code", ondelete="CASCADE"),
                                                primary_key=True)
    step_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: approver_chain | first_qualified | direct | specific | user_group
    approver_type: Mapped[str] = mapped_column(String(20))
    approver_id: Mapped[Code | None]
    group_code: Mapped[Code | None]
    due_date_formula: Mapped[str] = mapped_column(String(30), default="")
    #: automatic delegation after this many days (None = never)
    delegate_after_days: Mapped[int | None] = mapped_column(Integer)


class ApprovalRequest(Base):
    """One "send approval request" of one document version."""

    __tablename__ = "approval_request"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_no: Mapped[Code] = mapped_column(index=True)
    document_type: Mapped[str] = mapped_column(String(15))
    document_version: Mapped[int] = mapped_column(Integer)
    version_hash: Mapped[str] = mapped_column(String(64))
    workflow_code: Mapped[Code]
    requester_id: Mapped[Code | None]
    amount_lcy: Mapped[Amount] = mapped_column()
    #: open | approved | rejected | cancelled | voided
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[UtcTime] = mapped_column()
    decided_at: Mapped[UtcTime | None] = mapped_column()
    #: Prefect flow run waiting for this request, and how many UI inputs it has consumed
    flow_run_id: Mapped[str | None] = mapped_column(String(40))
    flow_inputs_consumed: Mapped[int] = mapped_column(Integer, default=0)
    entries: Mapped[list[ApprovalEntry]] = relationship(
        order_by="ApprovalEntry.id", back_populates="request")


class ApprovalEntry(Base):
    """BC Approval Entry (table 454): one approver's part of a request."""

    __tablename__ = "approval_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("approval_request.id"), index=True)
    document_no: Mapped[Code] = mapped_column(index=True)
    sequence_no: Mapped[int] = mapped_column(Integer)
    step_no: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[Code]
    #: created | open | approved | rejected | cancelled
    status: Mapped[str] = mapped_column(String(12))
    amount_lcy: Mapped[Amount] = mapped_column()
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    delegate_after_days: Mapped[int | None] = mapped_column(Integer)
    delegated_from: Mapped[Code | None]
    decided_by: Mapped[Code | None]
    #: set when ``decided_by`` acted for the assigned approver (substitute or administrator)
    on_behalf_of: Mapped[Code | None]
    comment: Mapped[str | None] = mapped_column(SaText)
    decided_at: Mapped[UtcTime | None] = mapped_column()
    last_reminder_on: Mapped[dt.date | None] = mapped_column(Date)
    request: Mapped[ApprovalRequest] = relationship(back_populates="entries")


class ApprovalDocumentFact(Base):
    """Facts about a document that only its producer knows (intake's extraction confidence)."""

    __tablename__ = "approval_document_fact"
    document_no: Mapped[Code] = mapped_column(primary_key=True)
    extraction_confidence: Mapped[Rate | None] = mapped_column()


class ApprovalAuditEvent(Base):
    """Every request, decision, delegation, edit and refusal (append-only)."""

    __tablename__ = "approval_audit_event"
    __table_args__ = (Index("ix_approval_audit_event_document", "document_no", "id"),)
    __append_only__ = True
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[UtcTime] = mapped_column()
    actor: Mapped[Code | None]
    #: request | approve | reject | delegate | cancel | release | edit | void | refuse | remind
    action: Mapped[str] = mapped_column(String(12))
    document_no: Mapped[Code]
    document_version: Mapped[int | None] = mapped_column(Integer)
    version_hash: Mapped[str | None] = mapped_column(String(64))
    status_before: Mapped[str | None] = mapped_column(String(20))
    status_after: Mapped[str | None] = mapped_column(String(20))
    request_id: Mapped[int | None] = mapped_column(Integer)
    entry_id: Mapped[int | None] = mapped_column(Integer)
    on_behalf_of: Mapped[Code | None]
    code: Mapped[str | None] = mapped_column(String(60))
    comment: Mapped[str | None] = mapped_column(SaText)
    #: needs an auditor's eye (sole-trader self-approval)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the client's network address when the decision came from the approvals page
    address: Mapped[str | None] = mapped_column(String(100))


