"""Approval lifecycle rules on SQLite and PostgreSQL: reject, cancel, on-behalf, delegation,
editors, locking, sole trader, the reminder sweep."""

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals import query as approvals_query
from domain.approvals import setup as approvals_setup
from domain.approvals.model import ApprovalAuditEvent, ApprovalEntry
from domain.identity import services as identity
from domain.messaging.model import OutboxMessage
from domain.problems import DomainError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from tests.support.approvals import as_user, configure_example, example_config
from tests.support.documents import gl_line, invoice


def draft(app, amount: str = "60000.00") -> str:
    return purchase_documents.create_document(app, invoice(lines=[gl_line("6800", amount)]))


def refused(fn, *args) -> str:
    with pytest.raises(DomainError) as err:
        fn(*args)
    return err.value.code


def entries(app, no):
    with app.uow() as s:
        return [(e.approver_id, e.status, e.on_behalf_of) for e in s.scalars(
            select(ApprovalEntry).where(ApprovalEntry.document_no == no).order_by(ApprovalEntry.id))]


def add_user(app, uid, **setup):
    identity.add_user(app, uid, uid.title(), f"{uid}@demo.example", "nl", ["purchasing"])
    approvals_setup.setup_user(app, {"id": uid, **setup})


def test_reject_rejects_all_open_entries_reopens_and_blocks_posting_until_sent_again(app):
    configure_example(app)
    no = draft(app)
    approvals.send_request(app, no)
    decision = approvals_decide.reject(as_user(app, "ola"), no, "wrong cost centre")
    assert (decision.request_status, decision.document_status) == ("rejected", "open")
    assert [e[1] for e in entries(app, no)] == ["rejected", "rejected"]
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-REJECTED"]
    assert approvals.send_request(app, no).approvers == [(1, "ola"), (2, "admin")]


def test_only_the_requester_or_an_administrator_can_cancel(app):
    configure_example(app)
    no = draft(app)
    approvals.send_request(app, no)
    assert refused(approvals.cancel_request, as_user(app, "ola"), no) == "APPROVAL-ONLY-REQUESTER-CAN-CANCEL"
    assert approvals.cancel_request(app, no) == "open"
    assert [e[1] for e in entries(app, no)] == ["cancelled", "cancelled"]
    assert purchase_posting.post_document(app, no).codes == ["APPROVAL-REQUIRED"]


def test_an_administrator_approves_on_behalf_and_then_cannot_approve_a_second_time(app):
    configure_example(app)
    no = draft(app)
    approvals.send_request(app, no)
    admin = as_user(app, "admin")
    assert approvals_decide.approve(admin, no).on_behalf_of == "ola"
    assert entries(app, no) == [("ola", "approved", "ola"), ("admin", "open", None)]
    assert refused(approvals_decide.approve, admin, no) == "APPROVAL-ALREADY-APPROVED-BY-USER"


def test_an_approver_acts_only_on_entries_assigned_to_them_and_a_decided_entry_stays_decided(app):
    configure_example(app)
    add_user(app, "per", approver="admin", purchase_limit="1000")
    no = draft(app)
    approvals.send_request(app, no)
    assert refused(approvals_decide.approve, as_user(app, "per"), no) == "APPROVAL-NOT-YOUR-ENTRY"
    approvals_decide.approve(as_user(app, "ola"), no)
    assert refused(approvals_decide.reject, as_user(app, "ola"), no) == "APPROVAL-ENTRY-ALREADY-DECIDED"
    with app.uow() as s:
        codes = list(s.scalars(select(ApprovalAuditEvent.code).where(ApprovalAuditEvent.action == "refuse")
                               .order_by(ApprovalAuditEvent.id)))
    assert codes == ["APPROVAL-NOT-YOUR-ENTRY", "APPROVAL-ENTRY-ALREADY-DECIDED"]


def test_someone_who_edited_the_document_may_not_approve_it(app):
    configure_example(app)
    no = draft(app)
    purchase_edit.edit_document(as_user(app, "ola"), no, {"payment_reference": "1234567890128"})
    approvals.send_request(app, no)
    assert refused(approvals_decide.approve, as_user(app, "ola"), no) == "APPROVAL-SELF-APPROVAL"


def test_a_pending_document_is_locked_against_edits_and_the_refusal_is_audited(app):
    configure_example(app)
    no = draft(app)
    approvals.send_request(app, no)
    assert refused(purchase_edit.edit_document, app, no, {"quantity": "2"}, 1) == "APPROVAL-DOCUMENT-LOCKED"
    with app.uow() as s:
        event = s.scalars(select(ApprovalAuditEvent).where(ApprovalAuditEvent.action == "refuse")).one()
        assert (event.actor, event.code, event.status_before) == ("kari", "APPROVAL-DOCUMENT-LOCKED",
                                                                    "pending_approval")


def test_delegation_goes_to_the_substitute_who_then_approves(app):
    configure_example(app)
    add_user(app, "per", approver="admin", purchase_limit="60000")
    approvals_setup.setup_user(app, {"id": "ola", "substitute": "per"})
    no = draft(app)
    approvals.send_request(app, no)
    assert approvals_decide.delegate(as_user(app, "ola"), no, "on holiday").next_approvers == ("per",)
    approvals_decide.approve(as_user(app, "per"), no)
    assert entries(app, no)[0] == ("per", "approved", None)
    with app.uow() as s:
        mail = s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "delegated")).one()
        assert mail.recipient == "per@demo.example" and mail.language == "nl"


def test_a_sole_trader_self_approves_only_with_a_reason_which_is_flagged(app):
    config = example_config()
    config["settings"]["sole_trader"] = True
    config["workflows"] = [{"code": "ALL", "document_type": "purchase_invoice",
                            "steps": [{"approver_type": "specific", "approver": "admin"}]}]
    approvals_setup.configure(app, config)
    admin = as_user(app, "admin")
    no = draft(admin, "100.00")
    approvals.send_request(admin, no)
    assert refused(approvals_decide.approve, admin, no) == "APPROVAL-REASON-REQUIRED"
    assert approvals_decide.approve(admin, no, "I am the only person in the company").released
    with app.uow() as s:
        event = s.scalars(select(ApprovalAuditEvent).where(ApprovalAuditEvent.action == "approve")).one()
        assert event.flagged and event.actor == "admin"
    [listed] = approvals_query.flagged(app)  # the auditor's list
    assert (listed["document_no"], listed["actor"], listed["comment"]) == (
        no, "admin", "I am the only person in the company")
    assert approvals_query.flagged(app, date_to=event.at.date() - dt.timedelta(days=1)) == []


def test_the_sweep_delegates_after_the_step_days_and_reminds_once_a_day_but_never_approves(app):
    config = example_config()
    config["workflows"] = [{"code": "ALL", "document_type": "purchase_invoice", "steps": [
        {"approver_type": "approver_chain", "due": "1D", "delegate_after": "2D"}]}]
    approvals_setup.configure(app, config)
    no = draft(app, "20000.00")
    approvals.send_request(app, no)
    later = dataclasses.replace(app, now=lambda: app.now() + dt.timedelta(days=1, hours=12))
    first = approvals_decide.sweep(later)
    assert (first.reminded, first.delegated) == ([], [])  # due 2026-11-21, today 2026-11-21
    much_later = dataclasses.replace(app, now=lambda: app.now() + dt.timedelta(days=2))
    second = approvals_decide.sweep(much_later)
    assert len(second.delegated) == 1 and entries(app, no) == [("admin", "open", None)]
    reminder = approvals_decide.sweep(dataclasses.replace(app, now=lambda: app.now() + dt.timedelta(days=3)))
    again = approvals_decide.sweep(dataclasses.replace(app, now=lambda: app.now() + dt.timedelta(days=3)))
    assert len(reminder.reminded) == 1 and again.reminded == []
    with app.uow() as s:
        assert s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no)) == "pending_approval"
        kinds = list(s.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)))
    assert kinds == ["new_request", "delegated", "overdue"]


def test_amounts_compare_excluding_vat_in_local_currency(app):
    configure_example(app)
    eur = purchase_documents.create_document(app, invoice(
        "V90000", currency="EUR", exchange_rate="11.5", lines=[gl_line("6800", "4000.00")]))
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == eur))
        assert approvals.document_amount_lcy(s, header) == D("46000.00")
    assert approvals.send_request(app, eur).approvers == [(1, "ola")]


def test_an_administrator_at_the_top_of_the_chain_gets_a_large_invoice_approved_only_as_a_sole_trader(app):
    admin = as_user(app, "admin")
    configure_example(admin)
    no = draft(admin, "90000.00")
    assert refused(approvals.send_request, admin, no) == "APPROVAL-NO-APPROVER"
    config = example_config()
    config["settings"]["sole_trader"] = True
    approvals_setup.configure(admin, config)
    approvals.send_request(admin, no)
    assert refused(approvals_decide.approve, admin, no) == "APPROVAL-REASON-REQUIRED"
    assert approvals_decide.approve(admin, no, "nobody above me: sole trader").released
    [listed] = approvals_query.flagged(app)
    assert listed["document_no"] == no and listed["actor"] == "admin"


def test_a_substitute_cannot_approve_on_behalf_above_their_own_limit_but_may_reject(app):
    configure_example(app)
    add_user(app, "intern", approver="ola", purchase_limit="1000")
    approvals_setup.setup_user(as_user(app, "admin"), {"id": "ola", "approver": "admin",
                                                       "purchase_limit": "50000", "substitute": "intern"})
    no = draft(app, "20000.00")
    approvals.send_request(app, no)
    intern = as_user(app, "intern")
    assert refused(approvals_decide.approve, intern, no) == "APPROVAL-SUBSTITUTE-LIMIT"
    assert entries(app, no)[0] == ("ola", "open", None)
    assert approvals_decide.reject(intern, no, "wrong vendor").on_behalf_of == "ola"
