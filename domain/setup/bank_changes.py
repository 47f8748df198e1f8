"""When a vendor's bank account last changed, and who changed it (read from the setup audit).

A changed bank account is the classic payment fraud ("we have a new account, please pay
there"): the approval condition ``vendor_bank_account_changed`` routes a document that pays
to another account than the card's, and ``vendor show`` and ``purchase show`` of a draft say
"bank account changed on DATE by USER" so that whoever looks at the document sees it too.
The facts come from the audited ``vendor set`` events (before and after), never from a
column someone could set without an audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.identity.model import SetupAuditEvent
from domain.setup.queries import company

#: the card fields that say where the vendor is paid
BANK_FIELDS = ("iban", "bank_account_no")


@dataclass(frozen=True)
class BankAccountChange:
    at: dt.datetime
    date: dt.date
    user: str | None
    before: dict
    after: dict

    def text(self) -> str:
        return f"bank account changed on {self.date.isoformat()} by {self.user or '?'}"


def last_change(session: Session, vendor_no: str) -> BankAccountChange | None:
    """The latest ``vendor set`` of ``vendor_no`` that changed its IBAN or bank account no."""
    events = session.scalars(select(SetupAuditEvent).where(
        SetupAuditEvent.action == "vendor.set", SetupAuditEvent.object == f"vendor {vendor_no}",
        SetupAuditEvent.outcome == "done").order_by(SetupAuditEvent.id.desc()))
    for event in events:
        before, after = event.before or {}, event.after or {}
        if any(before.get(f) != after.get(f) for f in BANK_FIELDS):
            at = event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.timezone.utc)
            zone = ZoneInfo(company(session).time_zone)
            return BankAccountChange(at, at.astimezone(zone).date(), event.user_id,
                                     {f: before.get(f) for f in BANK_FIELDS}, {f: after.get(f) for f in BANK_FIELDS})
    return None


def draft_note(session: Session, header) -> str | None:
    """The note ``purchase show`` prints on a draft of a vendor whose bank account changed after
    the draft was made, or whose card's account is not the one the draft pays to."""
    if header.status in ("posted", "closed"):
        return None
    change = last_change(session, header.vendor_no)
    if change is None:
        return None
    created = header.created_at if header.created_at.tzinfo else header.created_at.replace(tzinfo=dt.timezone.utc)
    differs = bool(header.vendor_iban) and header.vendor_iban != change.after.get("iban")
    return change.text() if change.at >= created or differs else None
