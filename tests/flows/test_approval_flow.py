"""An approval request as a suspended Prefect run: decided from the resume form, a wrong
approver refused (the run waits again), the last decision made with the CLI, the run
completed and the document posted by the reconciliation sweep."""

from __future__ import annotations

import os

import pyotp
import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from prefect.client.orchestration import get_client  # noqa: E402
from prefect.exceptions import Pause  # noqa: E402
from prefect.flow_engine import run_flow  # noqa: E402
from prefect.flow_runs import resume_flow_run  # noqa: E402
from sqlalchemy import select  # noqa: E402

from domain.approvals import decide as approvals_decide
from domain.approvals.model import ApprovalAuditEvent
from domain.purchasing import documents as purchase_documents  # noqa: E402
from domain.purchasing.model import PurchaseHeader
from flows import settings  # noqa: E402
from tests.support.approvals import as_user, configure_example  # noqa: E402
from tests.support.documents import gl_line, invoice  # noqa: E402


def run_until_suspended(flow, run_id):
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(run_id)
        with pytest.raises(Pause):
            run_flow(flow, flow_run=flow_run)
        flow_run = client.read_flow_run(run_id)
        assert flow_run.state.is_paused() and flow_run.state.name == "Suspended"
        return flow_run


def resume(run_id, approver: str, decision: str = "approve", comment: str = "", code: str | None = None):
    resume_flow_run(run_id, run_input={"approver_id": approver, "decision": decision, "comment": comment,
                                       "one_time_code": code if code is not None else SECRETS[approver].now()})


SECRETS: dict[str, pyotp.TOTP] = {}


def enrol(app, *users: str) -> None:
    from domain.identity import one_time_codes

    for user in users:
        SECRETS[user] = pyotp.TOTP(one_time_codes.enrol(as_user(app, "admin"), user)["secret"])




@pytest.mark.prefect
def test_request_suspends_takes_decisions_from_the_form_and_the_cli_and_posts(harness, app, db_url, tmp_path,
                                                                               monkeypatch):
    from flows import approval_flow

    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    settings._cached_app.cache_clear()
    configure_example(app)
    enrol(app, "kari", "ola")
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "60000.00")]))
    approval_flow.request_approval.to_deployment(name="approval-request").apply()
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("approval-request/approval-request")
        run_id = client.create_flow_run_from_deployment(
            deployment.id, parameters={"document_no": no, "requester": "kari"}).id
    suspended = run_until_suspended(approval_flow.request_approval, run_id)
    with get_client(sync_client=True) as client:
        keyset = suspended.state.state_details.run_input_keyset
        form = client.read_flow_run_input(run_id, keyset["description"])
    assert "Nordlys Kontorrekvisita AS" in form and "60000.00 NOK" in form and "ola" in form

    resume(run_id, "kari")  # the requester: refused, the run waits again
    run_until_suspended(approval_flow.request_approval, run_id)
    resume(run_id, "ola", comment="typed ola without ola's code", code="000000")  # not proven: refused
    run_until_suspended(approval_flow.request_approval, run_id)
    resume(run_id, "ola", comment="ok from the UI")
    run_until_suspended(approval_flow.request_approval, run_id)  # now waits for admin

    approvals_decide.approve(as_user(app, "admin"), no, "from the CLI")
    result = approval_flow.approval_reconcile(start_runs=False)
    assert result["posted"] == ["PPI-000001"] and result["completed"] == [no]
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(run_id).state.is_completed()
    with app.uow() as s:
        events = [(e.actor, e.action, e.code) for e in s.scalars(select(ApprovalAuditEvent).where(
            ApprovalAuditEvent.document_no == no).order_by(ApprovalAuditEvent.id))]
        assert s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no)) == "posted"
    assert events == [("kari", "request", None), ("kari", "refuse", "APPROVAL-SELF-APPROVAL"),
                      ("ola", "refuse", "APPROVAL-CODE-INVALID"), ("ola", "approve", None), ("admin", "approve", None), ("admin", "release", None)]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3
