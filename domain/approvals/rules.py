"""Approval routing: which workflow applies and who approves, as pure functions.

Business Central's approver types (Approval User Setup, workflow response
"Create approval request for the record using approver type"):

- approver chain: the requester's approver, then that approver's approver, up
  the chain until an approver's purchase amount approval limit covers the
  amount (or the approver is unlimited); every one of them approves in turn;
- first qualified approver: only the first approver up the chain whose limit
  covers the amount;
- direct approver: the requester's approver, whatever the limit;
- specific approver: a named user;
- workflow user group: one entry per member, in sequence-no. order; members
  with the same sequence no. form one level where any one of them approves.

A user with limit 0 who is not unlimited may not approve (the chain passes
over them); the requester never approves their own request (unless the
company is a sole trader) and one person never holds two approvals in one
request. Limits compare the document amount excluding VAT in local currency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.money import ZERO
from domain.problems import Problem

#: BC's approval workflow templates per document (Purchase Invoice/Credit Memo/Order/Return Order
#: Approval Workflow; an incoming document's workflow applies to the draft made from it)
DOCUMENT_TYPES = ("purchase_invoice", "purchase_credit_memo", "purchase_order", "purchase_return_order",
                  "sales_quote", "sales_order", "sales_invoice", "sales_credit_memo", "incoming_document")
APPROVER_TYPES = ("approver_chain", "first_qualified", "direct", "specific", "user_group")
CONDITION_KINDS = ("always", "amount_at_least", "vendor", "vendor_posting_group",
                   "vendor_bank_account_changed", "confidence_below", "customer", "customer_posting_group",
                   "customer_credit_limit_exceeded")
DELEGATE_AFTER = {"never": None, "1D": 1, "2D": 2, "5D": 5}


@dataclass(frozen=True)
class ApproverSetup:
    user_id: str
    approver_id: str | None = None
    limit: Decimal = ZERO
    unlimited: bool = False
    substitute_id: str | None = None
    administrator: bool = False

    @property
    def may_approve(self) -> bool:
        return self.unlimited or self.limit > ZERO

    def covers(self, amount: Decimal) -> bool:
        return self.unlimited or (self.limit > ZERO and amount <= self.limit)


@dataclass(frozen=True)
class DocumentFacts:
    document_type: str  # one of DOCUMENT_TYPES except incoming_document
    amount_lcy: Decimal
    vendor_no: str
    vendor_posting_group: str
    from_incoming_document: bool = False
    bank_account_changed: bool = False
    extraction_confidence: Decimal | None = None
    customer_no: str = ""
    customer_posting_group: str = ""
    #: BC "Customer credit limit exceeded": balance + open orders/invoices + this document > limit
    credit_limit_exceeded: bool = False


@dataclass(frozen=True)
class Condition:
    kind: str
    value: object = None


@dataclass(frozen=True)
class Step:
    approver_type: str
    approver_id: str | None = None
    group_code: str | None = None
    due_date_formula: str = ""
    delegate_after_days: int | None = None


@dataclass(frozen=True)
class Workflow:
    code: str
    document_type: str
    conditions: tuple[Condition, ...]
    steps: tuple[Step, ...]
    enabled: bool = True


@dataclass(frozen=True)
class PlannedEntry:
    sequence_no: int
    step_no: int
    approver_id: str


@dataclass
class RoutingContext:
    requester: str | None
    amount: Decimal
    setups: dict[str, ApproverSetup]
    groups: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    sole_trader: bool = False


def condition_holds(condition: Condition, facts: DocumentFacts) -> bool:
    kind, value = condition.kind, condition.value
    if kind == "always":
        return True
    if kind == "amount_at_least":
        return facts.amount_lcy >= Decimal(str(value))
    if kind == "vendor":
        return facts.vendor_no in _as_list(value)
    if kind == "vendor_posting_group":
        return facts.vendor_posting_group in _as_list(value)
    if kind == "vendor_bank_account_changed":
        return facts.bank_account_changed == bool(value)
    if kind == "customer":
        return facts.customer_no in _as_list(value)
    if kind == "customer_posting_group":
        return facts.customer_posting_group in _as_list(value)
    if kind == "customer_credit_limit_exceeded":
        return facts.credit_limit_exceeded == bool(value)
    if kind == "confidence_below":
        return facts.extraction_confidence is not None and facts.extraction_confidence < Decimal(str(value))
    raise ValueError(f"unknown condition {kind!r}")


def _as_list(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def applies_to(workflow: Workflow, facts: DocumentFacts) -> bool:
    if not workflow.enabled:
        return False
    if workflow.document_type == "incoming_document":
        if not facts.from_incoming_document:
            return False
    elif workflow.document_type != facts.document_type:
        return False
    return all(condition_holds(c, facts) for c in workflow.conditions)


def select_workflow(workflows: list[Workflow], facts: DocumentFacts) -> Workflow | None:
    """The first enabled workflow (in the given priority order) whose conditions all hold."""
    return next((w for w in workflows if applies_to(w, facts)), None)


def route(steps: tuple[Step, ...], ctx: RoutingContext) -> list[PlannedEntry] | list[Problem]:
    """Approval entries for ``steps``, or every problem that stops routing."""
    planned: list[PlannedEntry] = []
    problems: list[Problem] = []
    sequence = 0
    for step_no, step in enumerate(steps, start=1):
        taken = {p.approver_id for p in planned}
        found = _route_step(step, ctx, taken)
        if isinstance(found, Problem):
            problems.append(Problem(found.code, f"steps[{step_no}]", found.params))
            continue
        for offset, approver in found:
            planned.append(PlannedEntry(sequence + offset, step_no, approver))
        sequence += max((offset for offset, _ in found), default=0)
    return problems if problems else planned


def _excluded(user: str, ctx: RoutingContext, taken: set[str]) -> bool:
    return user in taken or (user == ctx.requester and not ctx.sole_trader)


def _route_step(step: Step, ctx: RoutingContext, taken: set[str]):
    kind = step.approver_type
    if kind in ("approver_chain", "first_qualified", "direct"):
        requester = ctx.setups.get(ctx.requester or "")
        if requester is None:
            return Problem("APPROVAL-USER-NOT-SET-UP", None, {"user": ctx.requester})
        if not requester.approver_id:
            # the top of the chain (an administrator with nobody above): only a sole trader may
            # approve their own document, with a reason, flagged for the auditor (decide.py)
            if ctx.sole_trader and requester.may_approve and requester.covers(ctx.amount):
                return [(1, ctx.requester)]
            return Problem("APPROVAL-NO-APPROVER", None, {"user": ctx.requester})
        if kind == "direct":
            return _single(requester.approver_id, ctx, taken)
        return _chain(requester.approver_id, ctx, taken, first_only=kind == "first_qualified")
    if kind == "specific":
        return _single(step.approver_id or "", ctx, taken)
    if kind == "user_group":
        return _group(step.group_code or "", ctx, taken)
    return Problem("APPROVAL-UNKNOWN-APPROVER-TYPE", None, {"type": kind})


def _single(user: str, ctx: RoutingContext, taken: set[str]):
    setup = ctx.setups.get(user)
    if setup is None or not setup.may_approve:
        return Problem("APPROVAL-APPROVER-NOT-ALLOWED", None, {"user": user})
    if _excluded(user, ctx, taken):
        return Problem("APPROVAL-SELF-APPROVAL" if user == ctx.requester else "APPROVAL-DUPLICATE-APPROVER",
                       None, {"user": user})
    return [(1, user)]


def _chain(start: str, ctx: RoutingContext, taken: set[str], first_only: bool):
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    current: str | None = start
    while current and current not in seen:
        seen.add(current)
        setup = ctx.setups.get(current)
        if setup is None:
            return Problem("APPROVAL-USER-NOT-SET-UP", None, {"user": current})
        usable = setup.may_approve and not _excluded(current, ctx, taken)
        if usable and setup.covers(ctx.amount):
            found.append((len(found) + 1, current))
            return [(1, current)] if first_only else found
        if usable and not first_only:
            found.append((len(found) + 1, current))
        current = setup.approver_id
    return Problem("APPROVAL-LIMIT-NOT-COVERED", None, {"amount": str(ctx.amount)})


def _group(code: str, ctx: RoutingContext, taken: set[str]):
    members = sorted(ctx.groups.get(code, []))
    if not members:
        return Problem("APPROVAL-UNKNOWN-USER-GROUP", None, {"group": code})
    usable = [(seq, user) for seq, user in members
              if user in ctx.setups and ctx.setups[user].may_approve and not _excluded(user, ctx, taken)]
    if not usable:
        return Problem("APPROVAL-NO-APPROVER", None, {"group": code})
    levels = sorted({seq for seq, _ in usable})
    return [(levels.index(seq) + 1, user) for seq, user in usable]


def delegation_target(approver: str, setups: dict[str, ApproverSetup], excluded: set[str]) -> str | None:
    """BC delegation: the approver's substitute, else the approver's own approver, else an
    approval administrator; never someone in ``excluded`` (requester, editors, earlier approvers)."""
    setup = setups.get(approver)
    candidates = []
    if setup is not None:
        candidates += [setup.substitute_id, setup.approver_id]
    candidates += sorted(uid for uid, s in setups.items() if s.administrator)
    for candidate in candidates:
        if candidate and candidate != approver and candidate not in excluded:
            target = setups.get(candidate)
            if target is not None and target.may_approve:
                return candidate
    return None
