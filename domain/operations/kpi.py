"""The role center's KPIs read from the ledgers (Business Central's Business Manager role
center: activities and KPI tiles), for ``ledgerflow report kpi``, the nightly ``kpi``
flow and the ``/kpi`` page.

Every amount comes from a ledger and is a Decimal, in the company's currency:

- purchases / sales per month: the G/L entries of purchase and sales *lines* (general
  posting type purchase/sale with a gen. product posting group; VAT lines have none),
  so they equal the balances of the purchase and sales accounts in the trial balance;
- cost of goods sold: the actual cost of the sales' value entries in the month; gross
  profit is sales minus that cost (BC "Profit (LCY)");
- inventory value at each month end: actual cost of every value entry posted up to that day
  (the inventory account's balance once cost is posted to G/L), expected cost beside it;
- payables and receivables due: each ledger entry's remaining amount on the as-of date, rebuilt
  from its detailed entries posted up to that day (BC "Aged Accounts Payable"), by due date;
- documents waiting: incoming documents not yet posted, approval requests still open.

Reads only; needs ``reports.read``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.approvals.model import ApprovalRequest
from domain.identity.access import require
from domain.intake.model import IncomingDocument
from domain.ledger.model import (
    CustomerLedgerEntry,
    DetailedCustomerLedgerEntry,
    DetailedVendorLedgerEntry,
    GLEntry,
    ValueEntry,
    VendorLedgerEntry,
)
from domain.money import ZERO
from domain.operations import kpi_rules as rules
from domain.problems import Problem, Rejected
from domain.setup.queries import company

#: months shown when none are asked for (a year, like BC's trend charts)
DEFAULT_MONTHS = 12
MAX_MONTHS = 60


def _by_date(session: Session, date_column, amount_column, *where) -> dict[dt.date, Decimal]:
    rows = session.execute(select(date_column, func.sum(amount_column)).where(*where).group_by(date_column))
    return {day: Decimal(total or 0) for day, total in rows}


def _line_sums(session: Session, kind: str, start: dt.date, end: dt.date) -> dict[dt.date, Decimal]:
    g = GLEntry
    return _by_date(session, g.posting_date, g.amount, g.gen_posting_type == kind,
                    g.gen_prod_posting_group.is_not(None), g.posting_date >= start, g.posting_date <= end)


def _inventory_sums(session: Session, column, start: dt.date, end: dt.date) -> dict[dt.date, Decimal]:
    """Sums per date within the window, everything before it as one sum on the day before."""
    ve = ValueEntry
    sums = _by_date(session, ve.posting_date, column, ve.posting_date >= start, ve.posting_date <= end)
    opening = session.scalar(select(func.sum(column)).where(ve.posting_date < start))
    sums[start - dt.timedelta(days=1)] = Decimal(opening or 0)
    return sums


def _remaining(session: Session, entry, detailed, link, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
    """(due date, remaining amount LCY on ``as_of``) of every entry posted by then."""
    rows = session.execute(
        select(entry.due_date, func.sum(detailed.amount_lcy))
        .join(detailed, link == entry.entry_no)
        .where(entry.posting_date <= as_of, detailed.posting_date <= as_of,
               # an entry closed on or before the day has nothing left then (vendor entries keep no date)
               or_(entry.open.is_(True), entry.closed_at_date.is_(None), entry.closed_at_date > as_of))
        .group_by(entry.entry_no, entry.due_date))
    return [(due, Decimal(total or 0)) for due, total in rows]


def _counts(session: Session, column, *where) -> dict[str, int]:
    return {key: count for key, count in session.execute(select(column, func.count()).where(*where)
                                                         .group_by(column).order_by(column))}


def read_kpis(session: Session, as_of: dt.date, months: int) -> rules.Kpis:
    """The figures on ``as_of`` (the caller checked permission and values)."""
    window = rules.months_ending(as_of, months)
    start = window[0].first
    figures = rules.month_figures(
        window, _line_sums(session, "purchase", start, as_of), _line_sums(session, "sale", start, as_of),
        _by_date(session, ValueEntry.posting_date, ValueEntry.cost_amount_actual,
                 ValueEntry.item_ledger_entry_type == "sale", ValueEntry.posting_date >= start,
                 ValueEntry.posting_date <= as_of),
        _inventory_sums(session, ValueEntry.cost_amount_actual, start, as_of),
        _inventory_sums(session, ValueEntry.cost_amount_expected, start, as_of))
    v, dv, c, dc = VendorLedgerEntry, DetailedVendorLedgerEntry, CustomerLedgerEntry, DetailedCustomerLedgerEntry
    payables = rules.age(_remaining(session, v, dv, dv.vendor_ledger_entry_no, as_of), as_of, sign=-1)
    receivables = rules.age(_remaining(session, c, dc, dc.customer_ledger_entry_no, as_of), as_of)
    intake = {status: 0 for status in rules.INTAKE_WAITING}
    intake.update(_counts(session, IncomingDocument.status, IncomingDocument.status.in_(rules.INTAKE_WAITING)))
    approval = _counts(session, ApprovalRequest.document_type, ApprovalRequest.status == "open")
    waiting_amount = session.scalar(select(func.sum(ApprovalRequest.amount_lcy))
                                    .where(ApprovalRequest.status == "open"))
    return rules.Kpis(as_of, company(session).currency, figures, payables, receivables, intake, approval,
                      Decimal(waiting_amount or ZERO))


def months_problem(months: int) -> Problem | None:
    if not 1 <= months <= MAX_MONTHS:
        return Problem("KPI-MONTHS-OUT-OF-RANGE", "months", {"months": months, "max": MAX_MONTHS})
    return None


def role_center_kpis(app: App, as_of: dt.date | None = None, months: int = DEFAULT_MONTHS) -> rules.Kpis | Rejected:
    """The KPIs on ``as_of`` (today in the company's time zone when None) over ``months`` months."""
    problem = months_problem(months)
    if problem is not None:
        return Rejected([problem])
    with app.uow() as session:
        require(session, app.user, "reports.read")
        day = as_of or app.today(company(session).time_zone)
        return read_kpis(session, day, months)
