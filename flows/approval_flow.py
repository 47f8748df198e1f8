"""Prefect flows for approvals: one suspended run per request, and two sweeps.

``request_approval`` sends (or picks up) a document's approval request and
suspends with ``suspend_flow_run(wait_for_input=...)``: the run holds no
process while it waits, and its resume form in the Prefect UI shows the
document (vendor, amounts, due date, lines, problems, the PDF) and asks for
the decision, the approver's user id and a comment. A resumed run records the
decision through the domain, by the same rules as the CLI; a refused input
(wrong approver, self-approval) is audited and the run suspends again. The
domain holds all state: the suspend key is the number of inputs the request
has consumed (stored with the decision), so a re-run never replays an input
and never loses one. When the last approval releases the document and the
auto-post setting is on, the run posts it.

``approval_reconcile`` keeps Prefect and the domain in step after CLI
decisions and restarts: it posts released documents (auto-post), completes
runs still waiting for a request decided elsewhere, and starts a run for open
requests that no live run waits for. ``approval_reminder_sweep`` sends overdue
reminders and delegates automatically.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput
from pydantic import Field

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals import query as approvals_query
from domain.identity import one_time_codes
from domain.intake import page as intake_page
from domain.messaging import outbox
from domain.money import fmt
from domain.problems import DomainError, Rejected
from domain.purchasing import posting as purchase_posting
from flows import markdown as md
from flows import settings

REQUEST_DEPLOYMENT = "approval-request/approval-request"


class ApprovalDecisionInput(RunInput):
    approver_id: str = Field(description="Your ledgerflow user id (the approver).")
    decision: Literal["approve", "reject", "delegate"] = Field("approve", description="Your decision.")
    comment: str = Field("", description="Comment; required for a rejection reason or a sole trader.")
    one_time_code: str = Field("", description="The six-digit code of your authenticator app "
                               "(enrol with `ledgerflow user totp --id YOU`): it proves you are the approver.")


def current_app(user: str | None = None):
    return settings.flow_app(user)


@task(cache_policy=NO_CACHE)
def ensure_request(document_no: str, requester: str | None, run_id: str | None) -> int:
    """The document's open request (or the one this run already decided), else a new one."""
    app = current_app()
    request_id = approvals_query.open_request_id(app, document_no)
    if request_id is None:
        history = approvals_query.history(app, document_no)["requests"]
        latest = history[-1] if history else None
        if latest is not None and run_id and approvals_query.request_state(app, latest["id"]).flow_run_id == run_id:
            return latest["id"]
        who = requester or approvals_query.summary(app, document_no).get("created_by")
        request_id = approvals.send_request(current_app(who), document_no).request_id
    if run_id:
        approvals_query.attach_flow_run(app, request_id, run_id)
    return request_id


@task(cache_policy=NO_CACHE)
def record_decision(document_no: str, request_id: int, decision: ApprovalDecisionInput) -> dict:
    """Decide as the approver the form names, only if the one-time code proves them: a typed
    user id alone proves nothing (anyone who reaches the UI can type one)."""
    claimed = decision.approver_id.strip() or None
    app = current_app(claimed)
    try:
        if not one_time_codes.verify(app, claimed or "", decision.one_time_code):
            raise DomainError("APPROVAL-CODE-INVALID", f"the one-time code does not prove {claimed!r}",
                              user=claimed or "-")
    except DomainError as exc:
        approvals.record_refusal(app, document_no, claimed, decision.decision, exc, flow_request_id=request_id)
        get_run_logger().warning("%s refused for %s: %s", decision.decision, claimed, exc.code)
        return {"refused": exc.code}
    try:
        result = approvals_decide.decide(app, document_no, decision.decision, decision.comment or None,
                                         flow_request_id=request_id)
    except DomainError as exc:
        get_run_logger().warning("%s refused for %s: %s", decision.decision, decision.approver_id, exc)
        return {"refused": exc.code}
    return {"decision": result.action, "request_status": result.request_status}


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30])
def deliver_notifications() -> int:
    app = current_app()
    report = outbox.deliver_pending(app, outbox.transport_from_env(settings.load().outbox))
    return len(report.sent)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
def post_released(document_no: str) -> dict:
    result = purchase_posting.post_document(current_app(), document_no)
    if isinstance(result, Rejected):
        return {"document_no": document_no, "posted_no": None, "problems": result.codes}
    return {"document_no": document_no, "posted_no": result.posted_no, "problems": []}


def summary_markdown(data: dict) -> str:
    """The Resume form's description: what an approver needs, every document value escaped."""
    kind = data["document_type"].replace("_", " ")
    kind = kind if kind.startswith("sales") else f"purchase {kind}"
    lines = [f"## Approve {md.text(kind)} {md.text(data['document_no'])}", "",
             f"**Vendor:** {md.text(data['vendor_name'])} ({md.text(data['vendor_no'])}), "
             f"invoice {md.text(data['vendor_invoice_no'])}",
             f"**Amount excl. VAT:** {md.text(fmt(data['amount_lcy_excl_vat']))} {md.text(data['lcy'])}"
             f" (document currency {md.text(data['currency'])})",
             f"**Due date:** {md.text(data['due_date'])}  ",
             f"**Waiting for:** {md.text(', '.join(data['open_approvers']) or '-')}",
             f"**PDF:** {md.text(data['pdf'])}", ""]
    lines += md.table(["line", "no.", "description", "quantity", "unit cost"],
                      [[x["line_no"], x["no"], x["description"], fmt(x["quantity"]), fmt(x["direct_unit_cost"])]
                       for x in data["lines"]])
    if data["problems"]:
        lines += ["", "**Problems:**"] + [f"- {md.text(p)}" for p in data["problems"]]
    if data.get("intake_problems"):
        lines += ["", "**Found when the vendor's document was read:**"]
        lines += [f"- **{md.text(p['severity'])}** {md.text(p['message'])} ({md.code(p['code'])})"
                  for p in data["intake_problems"]]
    lines += ["", "Fill in your user id as `approver_id` and the current code of your authenticator app as "
              "`one_time_code`, choose the decision and add a comment."]
    return "\n".join(lines)


def _run_id() -> str | None:
    from prefect.runtime import flow_run

    return str(flow_run.id) if flow_run.id else None


@flow(name="approval-request", flow_run_name="approval {document_no}")
def request_approval(document_no: str, requester: str | None = None) -> dict:
    """Wait (suspended) for the approval of ``document_no``; post it when released."""
    app = current_app()
    request_id = ensure_request(document_no, requester, _run_id())
    deliver_notifications()
    while True:
        state = approvals_query.request_state(app, request_id)
        if state.status != "open":
            break
        summary = summary_markdown(intake_page.approval_summary(app, document_no))
        form = ApprovalDecisionInput.with_initial_data(description=summary, approver_id="", comment="")
        decision = suspend_flow_run(wait_for_input=form, key=f"request-{request_id}-input-{state.inputs_consumed}")
        record_decision(document_no, request_id, decision)
        deliver_notifications()
    result = {"document_no": document_no, "request_status": state.status, "posted_no": None}
    if state.document_status == "released" and approvals_query.auto_post(app, document_no):
        result.update(post_released(document_no))
    return result


@flow(name="approval-reminders", flow_run_name="approval reminders")
def approval_reminder_sweep() -> dict:
    """Overdue reminders and automatic delegation (a timeout never approves)."""
    report = approvals_decide.sweep(current_app())
    deliver_notifications()
    return {"reminded": len(report.reminded), "delegated": len(report.delegated)}


@flow(name="approval-reconcile", flow_run_name="approval reconcile")
def approval_reconcile(start_runs: bool = True, deployment: str = REQUEST_DEPLOYMENT) -> dict:
    """Bring Prefect in line with the domain after CLI decisions and restarts."""
    app = current_app()
    posted = [post_released(no) for no in approvals_query.released_unposted(app)]
    completed, started = [], []
    for request in approvals_query.requests_with_runs(app):
        run = _read_run(request.flow_run_id)
        waiting = run is not None and run.state is not None and run.state.is_paused()
        if request.status != "open" and waiting:
            _complete(run.id, f"request {request.request_id} {request.status} outside this run")
            completed.append(request.document_no)
        elif request.status == "open" and start_runs and (run is None or run.state.is_final()):
            run_id = _start(deployment, request.document_no)
            if run_id:
                approvals_query.attach_flow_run(app, request.request_id, run_id)
                started.append(request.document_no)
    deliver_notifications()
    return {"posted": [p["posted_no"] for p in posted if p["posted_no"]], "completed": completed,
            "started": started}


def _read_run(run_id: str | None):
    if not run_id:
        return None
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            return client.read_flow_run(UUID(run_id))
        except (ObjectNotFound, ValueError):
            return None


def _complete(run_id, message: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.states import Completed

    with get_client(sync_client=True) as client:
        client.set_flow_run_state(run_id, Completed(message=message), force=True)


def _start(deployment: str, document_no: str) -> str | None:
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    try:
        run = run_deployment(deployment, parameters={"document_no": document_no}, timeout=0, as_subflow=False)
    except ObjectNotFound:
        get_run_logger().warning("deployment %s not found: no run started for %s", deployment, document_no)
        return None
    return str(run.id)
