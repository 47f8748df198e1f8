"""Approval configuration: Approval User Setup, user groups, workflows, settings.

`ledgerflow approvals configure FILE.yaml` hands the parsed YAML to
:func:`configure` (shape: docs/examples/approvals.yaml). The file is the whole
configuration: workflows, user groups and the approval setup of users not in it
are removed, users in it get exactly what the file says (what it leaves out is
BC's blank value), settings it leaves out go back to their defaults. Everything
is checked first and every problem reported at once; nothing is written unless
all of it is valid. Changing any of it needs the approvals.configure permission
and is audited (domain.identity).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain import dateformula
from domain.app import App
from domain.approvals import rules
from domain.approvals.model import (
    ApprovalSettings,
    ApprovalUserGroupMember,
    ApprovalUserSetup,
    ApprovalWorkflow,
    ApprovalWorkflowStep,
)
from domain.identity.access import audited_change
from domain.money import ZERO
from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.company import User


def setup_user(app: App, data: dict) -> ApprovalUserSetup:
    """Create or change one user's approval setup (and their e-mail / language);
    needs approvals.configure and is audited."""
    user_id = str(data.get("id")) if isinstance(data, dict) else "-"

    def change(session: Session) -> ApprovalUserSetup:
        problems: list[Problem] = []
        row = _apply_user(session, data, problems, "user")
        if problems:
            raise RejectedError(Rejected(problems))
        return row

    return audited_change(app, "approvals.configure", "approvals.setup-user", f"approval user setup {user_id}",
                          change, lambda session: _user_snapshot(session, user_id), data)


def _apply_user(session: Session, data: dict, problems: list[Problem], where: str) -> ApprovalUserSetup | None:
    r = Reader(data, where)
    user_id = r.text("id", required=True)
    user = session.get(User, user_id) if user_id else None
    if user_id and user is None:
        r.problems.append(Problem("USER-NOT-FOUND", f"{where}.id", {"id": user_id}))
    row = session.get(ApprovalUserSetup, user_id) if user is not None else None
    if user is not None and row is None:
        row = ApprovalUserSetup(user_id=user_id, purchase_amount_limit=ZERO, unlimited_purchase=False,
                                  approval_administrator=False)
        session.add(row)
    values = {"approver_id": r.text("approver"), "substitute_id": r.text("substitute"),
              "purchase_amount_limit": r.decimal("purchase_limit", places=2),
              "unlimited_purchase": r.boolean("unlimited", None),
              "approval_administrator": r.boolean("administrator", None)}
    for key in ("approver_id", "substitute_id"):
        other = values[key]
        if other and session.get(User, other) is None:
            r.problems.append(Problem("USER-NOT-FOUND", f"{where}.{key[:-3]}", {"id": other}))
        if other and other == user_id:
            r.problems.append(Problem("APPROVAL-SETUP-SELF-REFERENCE", f"{where}.{key[:-3]}", {"id": other}))
    if values["purchase_amount_limit"] is not None and values["purchase_amount_limit"] < ZERO:
        r.problems.append(Problem("APPROVAL-NEGATIVE-LIMIT", f"{where}.purchase_limit"))
    language = r.choice("language", ("nb", "nl", "en"))
    problems += r.problems
    if r.problems or row is None:
        return None
    for key, value in values.items():
        if value is not None:
            setattr(row, key, value)
    if values["unlimited_purchase"] and values["purchase_amount_limit"] is None:
        row.purchase_amount_limit = ZERO
    user.email = r.text("email") or user.email
    user.language = language or user.language
    return row


def configure(app: App, data: dict) -> dict:
    """Make ``data`` the whole approval configuration (needs approvals.configure; audited
    with the configuration before and after); returns counts of what it set up."""
    return audited_change(app, "approvals.configure", "approvals.configure", "approval configuration",
                          lambda session: _configure(session, data), snapshot, data)


def _configure(session: Session, data: dict) -> dict:
    if not isinstance(data, dict):
        raise RejectedError(Rejected([Problem("APPROVAL-CONFIG-INVALID", None, {"reason": "not a mapping"})]))
    problems: list[Problem] = []
    _settings(session, data.get("settings") or {}, problems)
    users = data.get("users") or []
    _reset_user_setups(session, users)
    for i, raw in enumerate(users):
        _apply_user(session, raw if isinstance(raw, dict) else {}, problems, f"users[{i}]")
    session.flush()
    groups = _groups(session, data.get("user_groups") or {}, problems)
    workflows = [_workflow(raw if isinstance(raw, dict) else {}, i, groups, problems, session)
                 for i, raw in enumerate(data.get("workflows") or [])]
    if problems:
        raise RejectedError(Rejected(problems))
    session.execute(delete(ApprovalWorkflowStep))
    session.execute(delete(ApprovalWorkflow))
    session.flush()
    session.add_all(workflows)
    return {"users": len(users), "user_groups": len(groups), "workflows": len(workflows)}


def _reset_user_setups(session: Session, users: list) -> None:
    """The file is the whole setup: users not in it lose their approval setup, users in
    it start from BC's blank Approval User Setup (no approver, limit 0, not unlimited,
    no substitute, not administrator) and get exactly what the file gives them."""
    listed = {str(raw["id"]).strip() for raw in users if isinstance(raw, dict) and raw.get("id")}
    session.execute(delete(ApprovalUserSetup).where(ApprovalUserSetup.user_id.not_in(listed)),
                    execution_options={"synchronize_session": "fetch"})
    for row in session.scalars(select(ApprovalUserSetup)):
        row.approver_id = row.substitute_id = None
        row.purchase_amount_limit = ZERO
        row.unlimited_purchase = row.approval_administrator = False


def _settings(session: Session, raw: dict, problems: list[Problem]) -> None:
    """Settings the file leaves out go back to their defaults (not sole trader, auto-post)."""
    r = Reader(raw, "settings")
    row = session.get(ApprovalSettings, 1)
    if row is None:
        row = ApprovalSettings(id=1, sole_trader=False, auto_post=True)
        session.add(row)
    row.sole_trader = r.boolean("sole_trader", False)
    row.auto_post = r.boolean("auto_post", True)
    problems += r.problems


def _groups(session: Session, raw: dict, problems: list[Problem]) -> set[str]:
    session.execute(delete(ApprovalUserGroupMember))
    for code, members in raw.items():
        for i, member in enumerate(members or []):
            r = Reader(member if isinstance(member, dict) else {}, f"user_groups.{code}[{i}]")
            user_id = r.text("user", required=True)
            sequence = r.integer("sequence") or 1
            if user_id and session.get(User, user_id) is None:
                r.problems.append(Problem("USER-NOT-FOUND", f"user_groups.{code}[{i}].user", {"id": user_id}))
            problems += r.problems
            if not r.problems:
                session.add(ApprovalUserGroupMember(group_code=str(code), user_id=user_id, sequence_no=sequence))
    return {str(code) for code in raw}


def _workflow(raw: dict, i: int, groups: set[str], problems: list[Problem], session) -> ApprovalWorkflow:
    where = f"workflows[{i}]"
    r = Reader(raw, where)
    workflow = ApprovalWorkflow(
        code=r.text("code", required=True, default=f"WF{i + 1}"), description=r.text("description", default=""),
        document_type=r.choice("document_type", rules.DOCUMENT_TYPES, required=True, default="purchase_invoice"),
        enabled=r.boolean("enabled", True), priority=r.integer("priority") or i + 1,
        conditions=_conditions(raw.get("conditions") or [{"always": True}], where, problems))
    steps = raw.get("steps") or []
    if not steps:
        problems.append(Problem("APPROVAL-CONFIG-NO-STEPS", f"{where}.steps"))
    workflow.steps = [_step(s if isinstance(s, dict) else {}, n, f"{where}.steps[{n}]", groups, problems, session)
                      for n, s in enumerate(steps, start=1)]
    problems += r.problems
    return workflow


def _conditions(raw: list, where: str, problems: list[Problem]) -> list[dict]:
    found = []
    for n, condition in enumerate(raw if isinstance(raw, list) else [raw]):
        if not isinstance(condition, dict) or len(condition) != 1:
            problems.append(Problem("APPROVAL-CONFIG-INVALID", f"{where}.conditions[{n}]",
                                    {"reason": "one `kind: value` per condition"}))
            continue
        (kind, value), = condition.items()
        if kind not in rules.CONDITION_KINDS:
            problems.append(Problem("APPROVAL-CONFIG-UNKNOWN-CONDITION", f"{where}.conditions[{n}]",
                                    {"kind": kind}))
            continue
        if kind in ("amount_at_least", "confidence_below"):
            try:
                value = str(Decimal(str(value)))
            except ArithmeticError:
                problems.append(Problem("IMPORT-INVALID-NUMBER", f"{where}.conditions[{n}]", {"value": value}))
                continue
        found.append({"kind": kind, "value": value})
    return found


def _step(raw: dict, n: int, where: str, groups: set[str], problems: list[Problem], session):
    r = Reader(raw, where)
    kind = r.choice("approver_type", rules.APPROVER_TYPES, required=True, default="approver_chain")
    step = ApprovalWorkflowStep(step_no=n, approver_type=kind, approver_id=r.text("approver"),
                                  group_code=r.text("group"), due_date_formula=r.text("due", default="") or "")
    delegate_after = str(raw.get("delegate_after", "never"))
    if delegate_after not in rules.DELEGATE_AFTER:
        r.problems.append(Problem("APPROVAL-CONFIG-DELEGATE-AFTER", f"{where}.delegate_after",
                                  {"value": delegate_after, "allowed": ", ".join(rules.DELEGATE_AFTER)}))
    step.delegate_after_days = rules.DELEGATE_AFTER.get(delegate_after)
    if step.due_date_formula:
        try:
            dateformula.validate(step.due_date_formula)
        except dateformula.DateFormulaError:
            r.problems.append(Problem("APPROVAL-CONFIG-DUE-FORMULA", f"{where}.due",
                                      {"value": step.due_date_formula}))
    if kind == "specific" and (not step.approver_id or session.get(User, step.approver_id) is None):
        r.problems.append(Problem("USER-NOT-FOUND", f"{where}.approver", {"id": step.approver_id}))
    if kind == "user_group" and step.group_code not in groups:
        r.problems.append(Problem("APPROVAL-UNKNOWN-USER-GROUP", f"{where}.group", {"group": step.group_code}))
    problems += r.problems
    return step


def _user_snapshot(session: Session, user_id: str) -> dict | None:
    user = session.get(User, user_id)
    if user is None:
        return None
    row = session.get(ApprovalUserSetup, user_id)
    return {"email": user.email, "language": user.language, **(_setup_row(row) if row else {})}


def _setup_row(row: ApprovalUserSetup) -> dict:
    return {"approver": row.approver_id, "purchase_limit": row.purchase_amount_limit,
            "unlimited": row.unlimited_purchase, "substitute": row.substitute_id,
            "administrator": row.approval_administrator}


def snapshot(session: Session) -> dict:
    """The whole approval configuration in the shape of the YAML file (for the audit)."""
    settings = session.get(ApprovalSettings, 1)
    return {
        "settings": {"sole_trader": settings.sole_trader, "auto_post": settings.auto_post} if settings else {},
        "users": [{"id": row.user_id, **_setup_row(row)} for row in
                  session.scalars(select(ApprovalUserSetup).order_by(ApprovalUserSetup.user_id))],
        "user_groups": [{"group": m.group_code, "user": m.user_id, "sequence": m.sequence_no} for m in
                        session.scalars(select(ApprovalUserGroupMember).order_by(
                            ApprovalUserGroupMember.group_code, ApprovalUserGroupMember.user_id))],
        "workflows": [{"code": w.code, "document_type": w.document_type, "enabled": w.enabled,
                       "priority": w.priority, "conditions": w.conditions,
                       "steps": [{"approver_type": st.approver_type, "approver": st.approver_id,
                                  "group": st.group_code, "due": st.due_date_formula,
                                  "delegate_after_days": st.delegate_after_days} for st in w.steps]}
                      for w in session.scalars(select(ApprovalWorkflow).order_by(ApprovalWorkflow.priority,
                                                                                ApprovalWorkflow.code))],
    }


def configuration(app: App) -> dict:
    """The approval configuration now, in the shape the audit records it."""
    with app.uow() as session:
        return snapshot(session)


def list_setup(app: App) -> list[dict]:
    with app.uow() as session:
        rows = session.execute(select(User, ApprovalUserSetup).outerjoin(
            ApprovalUserSetup, ApprovalUserSetup.user_id == User.id).order_by(User.id)).all()
        return [{"id": u.id, "name": u.name, "email": u.email, "language": u.language,
                 "approver": s.approver_id if s else None,
                 "purchase_limit": s.purchase_amount_limit if s else None,
                 "unlimited": bool(s and s.unlimited_purchase), "substitute": s.substitute_id if s else None,
                 "administrator": bool(s and s.approval_administrator)} for u, s in rows]
