"""Roles, permissions and the access check, as pure functions and tables.

A role is a named set of permissions, in the spirit of Business Central's
permission sets (D365 BASIC, D365 PURCH DOC, POST, ...): a user holds any
number of roles and may do what any of them permits. The tables here are the
whole truth; ``ledgerflow user roles`` prints them.

Which use case checks which permission is listed in :data:`CHECKED_BY` (and in
the README); a permission listed without use cases is granted already so that
the approvals web page can check it, but no command refuses on it yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from domain.problems import InvariantViolation, Problem

#: the administrator ``ledgerflow init`` makes; who acts when the CLI names nobody
DEFAULT_ADMINISTRATOR = "admin"
#: the service account the Prefect flows act as when LEDGERFLOW_USER names nobody: not a
#: person, so a document its inbox sweep drafted can be approved by anyone in the chain
FLOW_USER = "prefect"

PERMISSIONS: dict[str, str] = {
    "setup.change": "change company setup: allowed posting dates, inventory setup, document setup, "
                    "closing VAT periods",
    "users.manage": "add users, set their roles and passwords, disable and enable them",
    "approvals.configure": "change approval workflows, user groups and approval user setup",
    "approvals.decide": "approve, reject or delegate approval entries",
    "purchase.edit": "create, import and change purchase documents, send them for approval",
    "vendors.edit": "add, change and block vendors",
    "customers.edit": "add, change and block customers",
    "items.edit": "add, change and block items, item charges, locations and resources",
    "purchase.post": "post purchase invoices, credit memos, orders and return orders; undo, cancel",
    "sales.edit": "create and change sales documents, send them for approval and to customers",
    "sales.post": "post sales shipments, invoices and credit memos; cancel",
    "inventory.post": "post item journals, physical inventory batches, transfer shipments and receipts, "
                      "assembly orders",
    "inventory.edit": "change item cards, item categories and attributes; calculate and count physical "
                      "inventory; create transfer orders",
    "costing.run": "adjust costs, post inventory cost to G/L, revalue, close inventory periods",
    "payments.post": "post payments and import bank statements",
    "intake.process": "process the inbox: read, correct and file incoming documents",
    "approvals.run": "run the approval sweep (reminders, automatic delegation) and deliver notifications",
    "reports.read": "read reports, ledgers and lists",
    "audit.read": "read the audit of setup changes",
}

_EVERYDAY_READ = ("reports.read",)

ROLES: dict[str, frozenset[str]] = {
    "administrator": frozenset(PERMISSIONS),
    "approval_administrator": frozenset(("approvals.configure", "approvals.decide", "approvals.run",
                                         "audit.read", *_EVERYDAY_READ)),
    "purchasing": frozenset(("purchase.edit", "vendors.edit", "intake.process", "approvals.decide",
                             *_EVERYDAY_READ)),
    "sales": frozenset(("sales.edit", "customers.edit", "approvals.decide", *_EVERYDAY_READ)),
    "inventory": frozenset(("inventory.post", "inventory.edit", "items.edit", "costing.run", *_EVERYDAY_READ)),
    "posting": frozenset(("purchase.post", "sales.post", "inventory.post", "payments.post", "costing.run",
                          *_EVERYDAY_READ)),
    "auditor": frozenset(("audit.read", *_EVERYDAY_READ)),
    "automation": frozenset(("intake.process", "purchase.edit", "purchase.post", "costing.run",
                             "approvals.run", *_EVERYDAY_READ)),
}

ROLE_DESCRIPTIONS: dict[str, str] = {
    "administrator": "everything, including users and setup (BC SUPER)",
    "approval_administrator": "approval workflows and approval user setup; decides approvals",
    "purchasing": "purchase documents, vendors and the inbox; decides approvals",
    "sales": "sales documents and customers; decides approvals",
    "inventory": "items, item cards, item journals, physical inventory, transfer orders and costing",
    "posting": "posts purchase, sales, item journal and payments",
    "auditor": "reads reports and the audit (read-only)",
    "automation": "the Prefect flows: inbox, drafts, posting released purchase documents, costing, "
                  "approval reminders",
}

#: the use cases that refuse without the permission (every write command checks one; reads need
#: only a known, enabled user; tests/integration/test_permissions_cli.py walks every command)
CHECKED_BY: dict[str, tuple[str, ...]] = {
    "setup.change": ("setup posting-range", "setup inventory", "setup vendor-posting-group",
                     "sales document-setup", "setup company", "setup gl-account", "setup vat",
                     "setup default-location", "report vat-return --close", "setup payment-service",
                     "setup prepayments (with options)"),
    "purchase.edit": ("purchase import", "purchase set", "purchase get-receipt-lines",
                      "purchase order|return-order import", "approvals send|cancel (purchase documents)",
                      "sales create-purchase-orders|create-purchase-invoice", "sales send (purchase order)",
                      "item reference add", "purchase quote import|make-order", "purchase copy"),
    "vendors.edit": ("vendor add|set|block", "documents accept-vendor", "contact add|make-vendor"),
    "customers.edit": ("customer add|set|block", "contact add|make-customer"),
    "items.edit": ("item add|block", "item-charge add", "location add", "resource add"),
    "sales.edit": ("sales quote|order|invoice|credit-memo|return-order import", "sales make-order",
                   "sales quote make-invoice", "sales order confirm --email", "sales send",
                   "approvals send|cancel (sales documents)", "sales copy", "sales reserve|unreserve",
                   "sales get-shipment-lines"),
    "intake.process": ("inbox process|mail", "documents correct|accept-vendor|create-invoice"),
    "costing.run": ("costs adjust", "costs post-to-gl", "revalue", "periods close",
                    "costs standard-worksheet suggest|implement", "costs application remove|apply"),
    "approvals.run": ("approvals sweep", "approvals deliver"),
    "users.manage": ("user add", "user roles --set", "user disable", "user enable",
                     "user set-password (of someone else)"),
    "approvals.configure": ("approvals configure", "approvals setup-user",
                            "user add with approval options"),
    "approvals.decide": ("approvals approve", "approvals reject", "approvals delegate"),
    "purchase.post": ("purchase post", "purchase order receive|invoice", "purchase return-order ship|invoice",
                      "purchase cancel|correct", "purchase order undo-receipt",
                      "purchase order prepayment-invoice|prepayment-credit-memo"),
    "sales.post": ("sales ship|invoice|post|cancel|correct", "sales return-order receive|invoice",
                   "sales order prepayment-invoice|prepayment-credit-memo"),
    "inventory.post": ("journal post", "item reclassify", "physical-inventory post", "transfer-order ship|receive",
                       "assembly order post"),
    "inventory.edit": ("item set", "item tracking-code add", "item category add", "item attribute add|set",
                       "physical-inventory calculate|count", "transfer-order import", "assembly bom add|remove",
                       "assembly order import"),
    "payments.post": ("payments apply", "payments import-camt", "payments refund", "payments unapply"),
    "audit.read": ("audit setup",),
    "reports.read": ("export saft", "export xaf", "report kpi", "the /kpi page"),
}

#: consecutive failed log-ins that lock a user out, and for how long
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class Actor:
    """What the access check needs to know about a user."""

    id: str
    roles: frozenset[str]
    disabled: bool = False


def permissions_of(roles: Iterable[str]) -> frozenset[str]:
    """Every permission any of ``roles`` grants (an unknown role grants nothing)."""
    granted: set[str] = set()
    for role in roles:
        granted |= ROLES.get(role, frozenset())
    return frozenset(granted)


def access_problem(user_id: str | None, actor: Actor | None, permission: str | None) -> Problem | None:
    """Why ``actor`` (the user named ``user_id``; None if no such user) may not act
    with ``permission`` (None: only be a known, enabled user), or None if they may."""
    if permission is not None and permission not in PERMISSIONS:
        raise InvariantViolation(f"unknown permission {permission!r}")
    if actor is None:
        return Problem("AUTH-UNKNOWN-USER", "user", {"user": user_id or "-"})
    if actor.disabled:
        return Problem("AUTH-USER-DISABLED", "user", {"user": actor.id})
    if permission is not None and permission not in permissions_of(actor.roles):
        return Problem("AUTH-PERMISSION-DENIED", "user", {"user": actor.id, "permission": permission})
    return None


def parse_roles(value: str | Iterable[str] | None) -> tuple[list[str], list[Problem]]:
    """Role names from ``a,b`` or a list; ``approval-administrator`` means ``approval_administrator``."""
    if value is None:
        return [], []
    names = value.split(",") if isinstance(value, str) else list(value)
    roles, problems = [], []
    for raw in names:
        name = str(raw).strip().lower().replace("-", "_")
        if not name:
            continue
        if name not in ROLES:
            problems.append(Problem("AUTH-UNKNOWN-ROLE", "roles", {"role": name, "allowed": ", ".join(ROLES)}))
        elif name not in roles:
            roles.append(name)
    return roles, problems


def password_problems(password: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem("AUTH-PASSWORD-TOO-SHORT", "password", {"min": MIN_PASSWORD_LENGTH})]
    return []


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back without a zone; they are stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def is_locked(locked_until: dt.datetime | None, now: dt.datetime) -> bool:
    return locked_until is not None and as_utc(now) < as_utc(locked_until)


def after_failed_login(failed_logins: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """The failed count and lock-out time after one more failure: the fifth failure in a
    row locks the user out for :data:`LOCKOUT` and starts the count again."""
    failed = failed_logins + 1
    if failed >= MAX_FAILED_LOGINS:
        return 0, as_utc(now) + LOCKOUT
    return failed, None


def roles_table() -> list[dict]:
    """Every role with its description and permissions (for `ledgerflow user roles`)."""
    return [{"role": role, "description": ROLE_DESCRIPTIONS[role],
             "permissions": sorted(permissions)} for role, permissions in ROLES.items()]
