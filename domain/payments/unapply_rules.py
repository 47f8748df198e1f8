"""The G/L of undoing an application (pure): BC "Unapply Entries" reverses what the application
posted besides the entries themselves, here the payment discount it took.

The payment posted the discount as discount account against Receivables (a customer: the discount
account debited, Receivables credited) or Payables (a vendor: Payables debited, the discount account
credited). ``discount`` is the sum of the application's ``payment_discount`` detailed entries, with
their sign (customer: below zero, vendor: above); the reversal moves each account back by it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.ledger.rules.posting import GLLine, PostingPlan
from domain.problems import Problem, Rejected
from domain.setup.posting_setup import SetupTables


def discount_reversal(party: str, party_no: str, discount: Decimal, posting_date: dt.date, control: str | None,
                      discount_account: str | None, setup: SetupTables) -> PostingPlan | Rejected:
    problems: list[Problem] = []
    control = setup.account(control, problems, "receivables" if party == "customer" else "payables")
    discount_account = setup.account(discount_account, problems, "payment discount account")
    if problems:
        return Rejected(problems)
    common = dict(source_type=party, source_no=party_no)
    return PostingPlan("unapply", posting_date, posting_date, None, gl_lines=[
        GLLine(control, -discount, f"unapplied payment discount {party_no}", **common),
        GLLine(discount_account, discount, f"unapplied payment discount {party_no}", **common)]).assert_balanced()
