"""The prepayment setup: the prepayment accounts of the general posting setup and "Check
Prepmt. when Posting" (``setup prepayments``).

Business Central keeps the Sales Prepayments Account and Purch. Prepayments Account on each
General Posting Setup row and the check on Sales & Receivables / Purchases & Payables
Setup. ``init`` fills the accounts for its charts; a database made before them (migration
0026) sets them here, on every row (or the rows of one general product posting group).
Needs setup.change; audited, refusals too.
"""

from __future__ import annotations

from sqlalchemy import select

from domain.app import App
from domain.identity.access import audited_change
from domain.problems import Problem, Rejected, RejectedError
from domain.setup.model.company import GeneralPostingSetup, GLAccount
from domain.setup.queries import company

ACCOUNTS = {"sales_account": "sales_prepayments_account", "purchase_account": "purch_prepayments_account"}
CHECKS = {"sales_check": "sales_check_prepmt", "purchase_check": "purch_check_prepmt"}


def _read(session) -> dict:
    comp = company(session)
    rows = session.scalars(select(GeneralPostingSetup).order_by(
        GeneralPostingSetup.gen_bus_posting_group, GeneralPostingSetup.gen_prod_posting_group)).all()
    return {"sales_check": comp.sales_check_prepmt, "purchase_check": comp.purch_check_prepmt,
            "general_posting_setup": [
                {"gen_bus": row.gen_bus_posting_group, "gen_prod": row.gen_prod_posting_group,
                 "sales_prepayments_account": row.sales_prepayments_account,
                 "purch_prepayments_account": row.purch_prepayments_account} for row in rows]}


def show(app: App) -> dict:
    with app.uow() as session:
        return _read(session)


def change(app: App, gen_prod: str | None = None, **values) -> dict:
    """Set what ``values`` names (``sales_check`` / ``purchase_check``: bool; ``sales_account`` /
    ``purchase_account``: a G/L account no.) and return the setup as it is now."""
    given = {k: v for k, v in values.items() if v is not None}

    def run(session) -> dict:
        problems = [Problem("SETUP-UNKNOWN-ACCOUNT", name, {"account": no})
                    for name, no in given.items() if name in ACCOUNTS and no and session.get(GLAccount, no) is None]
        rows = session.scalars(select(GeneralPostingSetup).where(
            GeneralPostingSetup.gen_prod_posting_group == gen_prod) if gen_prod
            else select(GeneralPostingSetup)).all()
        if gen_prod and not rows:
            problems.append(Problem("SETUP-UNKNOWN-POSTING-GROUP", "gen_prod",
                                    {"field": "gen_prod_posting_group", "code": gen_prod}))
        if problems:
            raise RejectedError(Rejected(problems))
        comp = company(session)
        for name, value in given.items():
            if name in CHECKS:
                setattr(comp, CHECKS[name], value)
            else:
                for row in rows:
                    setattr(row, ACCOUNTS[name], value or None)  # '' clears it
        session.flush()
        return _read(session)

    return audited_change(app, "setup.change", "setup.prepayments", gen_prod or "all", run, _read,
                          {"gen_prod": gen_prod, **given})
