"""The issue's "done when" scenario, walked through the services on the demo company."""

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals.model import ApprovalAuditEvent, ApprovalRequest
from domain.messaging import outbox
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from tests.support.approvals import as_user, configure_example
from tests.support.documents import gl_line, invoice, item_line


def draft(app, amount: str) -> str:
    return purchase_documents.create_document(app, invoice(lines=[gl_line("6800", amount)]))


def status(app, no):
    with app.uow() as s:
        return s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no))


def test_demo_small_invoice_posts_and_large_one_goes_up_the_chain_then_posts(app, tmp_path):
    configure_example(app)
    small = draft(app, "3000.00")
    assert isinstance(purchase_posting.post_document(app, small), purchase_posting.PostResult)

    large = draft(app, "60000.00")
    refused = purchase_posting.post_document(app, large)
    assert isinstance(refused, Rejected) and refused.codes == ["APPROVAL-REQUIRED"]
    with app.uow() as s:  # the gate's refusal is on the audit trail
        event = s.scalars(select(ApprovalAuditEvent).where(ApprovalAuditEvent.document_no == large)).one()
        assert (event.action, event.code, event.actor) == ("refuse", "APPROVAL-REQUIRED", "kari")
        assert event.comment.startswith("post: ")
    sent = approvals.send_request(app, large)
    assert sent.amount_lcy == D("60000.00") and sent.approvers == [(1, "ola"), (2, "admin")]
    assert purchase_posting.post_document(app, large).codes == ["APPROVAL-PENDING"]
    with pytest.raises(DomainError) as self_approval:
        approvals_decide.approve(app, large)  # kari requested it
    assert self_approval.value.code == "APPROVAL-SELF-APPROVAL"

    first = approvals_decide.approve(as_user(app, "ola"), large, "ok")
    assert first.request_status == "open" and first.next_approvers == ("admin",)
    assert status(app, large) == "pending_approval"
    second = approvals_decide.approve(as_user(app, "admin"), large)
    assert second.released and status(app, large) == "released"
    posted = purchase_posting.post_document(as_user(app, "admin"), large)
    assert posted.posted_no == "PPI-000002" and status(app, large) == "posted"

    report = outbox.deliver_pending(app, outbox.FileTransport(tmp_path))
    files = sorted(p.name for p in tmp_path.glob("*.eml"))
    assert len(files) == len(report.sent) == 3  # ola, admin: new request; kari: approved
    to_ola = (tmp_path / files[0]).read_text()
    assert "To: ola@demo.example" in to_ola and "Godkjenning" in to_ola
    with app.uow() as s:
        actions = [e.action for e in s.scalars(select(ApprovalAuditEvent).where(
            ApprovalAuditEvent.document_no == large).order_by(ApprovalAuditEvent.id))]
    assert actions == ["refuse", "request", "refuse", "refuse", "approve", "approve", "release"]  # post, self


def test_an_edit_after_approval_voids_it_and_posting_asks_for_a_new_one(app):
    configure_example(app)
    no = draft(app, "60000.00")
    approvals.send_request(app, no)
    approvals_decide.approve(as_user(app, "ola"), no)
    approvals_decide.approve(as_user(app, "admin"), no)
    edited = purchase_edit.edit_document(app, no, {"direct_unit_cost": "61000"}, line_no=1)
    assert (edited.version, edited.status, edited.approval_voided) == (2, "open", True)
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-REQUIRED"]
    with app.uow() as s:
        assert s.scalar(select(ApprovalRequest.status).where(ApprovalRequest.document_no == no)) == "voided"


def test_a_change_that_bypasses_editing_is_caught_by_the_version_hash_at_posting(app):
    configure_example(app)
    no = draft(app, "60000.00")
    approvals.send_request(app, no)
    approvals_decide.approve(as_user(app, "ola"), no)
    approvals_decide.approve(as_user(app, "admin"), no)
    with app.uow() as s:
        s.scalar(select(PurchaseLine)).quantity = D(2)
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-VERSION-CHANGED"]


def test_a_lot_changed_behind_the_approval_is_caught_by_the_version_hash_at_posting(app):
    """Item tracking is part of what the approver saw: the lot a line receives."""
    configure_example(app)
    no = purchase_documents.create_document(app, invoice(lines=[item_line(
        "1000", quantity="5", cost="12000.00", tracking=[{"lot_no": "L1", "quantity": "5"}])]))
    approvals.send_request(app, no)
    approvals_decide.approve(as_user(app, "ola"), no)
    approvals_decide.approve(as_user(app, "admin"), no)
    with app.uow() as s:
        s.scalar(select(PurchaseLine).join(PurchaseHeader).where(PurchaseHeader.no == no)).tracking = [
            {"lot_no": "L9", "quantity": "5"}]
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-VERSION-CHANGED"]
    with app.uow() as s:  # the lot the approver saw again: the approval holds
        s.scalar(select(PurchaseLine).join(PurchaseHeader).where(PurchaseHeader.no == no)).tracking = [
            {"lot_no": "L1", "quantity": "5"}]
    assert isinstance(purchase_posting.post_document(app, no), purchase_posting.PostResult)


def test_the_served_watcher_sees_a_new_request_and_a_decision_made_outside_its_run(app):
    from flows.watcher import approvals_look

    configure_example(app)
    large = draft(app, "60000.00")
    look = approvals_look(app)
    assert look() == set()
    approvals.send_request(app, large)
    (request_id, state), = look()
    assert state == "open"
    approvals_decide.reject(as_user(app, "ola"), large, "no")
    assert look() == set()  # decided, and no run waits for it: nothing left to reconcile
