"""The posting setup as plain values, loaded once per transaction and handed to planners.

Business Central's General Posting Setup, VAT Posting Setup, Inventory Posting Setup,
vendor posting groups and the chart's posting/blocked flags, as frozen dataclasses
(no SQLAlchemy): :func:`domain.setup.queries.setup_tables` loads them, the pure
planners of every area look accounts up in them, and the setup check reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from domain.problems import Problem


def posting_date_problem(date: dt.date, allowed_from: dt.date | None, allowed_to: dt.date | None,
                         field_name: str | None = "posting_date") -> Problem | None:
    """POST-DATE-NOT-ALLOWED when ``date`` is outside BC's Allow Posting From/To (either
    end may be open); the one check every posting kind uses."""
    if (allowed_from and date < allowed_from) or (allowed_to and date > allowed_to):
        return Problem("POST-DATE-NOT-ALLOWED", field_name, {
            "posting_date": date.isoformat(),
            "from": allowed_from.isoformat() if allowed_from else "",
            "to": allowed_to.isoformat() if allowed_to else ""})
    return None


@dataclass(frozen=True)
class GeneralSetup:
    purch_account: str | None = None
    sales_account: str | None = None
    cogs_account: str | None = None
    inventory_adjmt_account: str | None = None
    direct_cost_applied_account: str | None = None
    overhead_applied_account: str | None = None
    purchase_variance_account: str | None = None


@dataclass(frozen=True)
class VatSetup:
    vat_pct: Decimal
    calculation_type: str  # normal | reverse_charge
    purchase_vat_account: str | None
    sales_vat_account: str | None
    reverse_chrg_vat_account: str | None
    tax_code: str | None = None
    #: BC Non-Deductible VAT %: the part of purchase VAT not deducted, added to the cost
    non_deductible_pct: Decimal = Decimal(0)


@dataclass(frozen=True)
class AccountInfo:
    blocked: bool
    posting: bool  # account_type == "posting"
    #: BC "Direct Posting": off on control accounts (receivables, payables), which only
    #: their subledgers post to, so the account keeps equalling its subledger
    direct_posting: bool = True


@dataclass
class SetupTables:
    """Everything posting looks accounts up in, loaded once per transaction."""

    general: dict[tuple[str, str], GeneralSetup] = field(default_factory=dict)
    vat: dict[tuple[str, str], VatSetup] = field(default_factory=dict)
    inventory: dict[tuple[str, str], str | None] = field(default_factory=dict)
    payables: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, AccountInfo] = field(default_factory=dict)

    def account(self, no: str | None, problems: list[Problem], what: str) -> str | None:
        """``no`` if it is a usable posting account; otherwise record why not."""
        if not no:
            problems.append(Problem("SETUP-MISSING-ACCOUNT", what, {"setup": what}))
            return None
        info = self.accounts.get(no)
        if info is None:
            problems.append(Problem("SETUP-UNKNOWN-ACCOUNT", what, {"account": no}))
            return None
        if info.blocked or not info.posting:
            problems.append(Problem("GL-ACCOUNT-BLOCKED", what, {"account": no}))
            return None
        return no

    def direct_account(self, no: str | None, problems: list[Problem], what: str) -> str | None:
        """``no`` if a document line may post to it directly (a G/L account line)."""
        account = self.account(no, problems, what)
        if account is not None and not self.accounts[account].direct_posting:
            problems.append(Problem("GL-ACCOUNT-NO-DIRECT-POSTING", what, {"account": account}))
            return None
        return account
