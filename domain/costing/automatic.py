"""Automatic Cost Adjustment (BC Inventory Setup "Automatic Cost Adjustment"):
after a posting commits, the items it marked are adjusted at once, in their own
transactions, when the setting (Never / Day / Week / Month / Quarter / Year /
Always) covers the posting date as seen from today.

"Today" is the App's clock (design.md section 2: one injectable clock), so a test
that pins the date pins this too. Wired as an ``after_commit`` port by
:mod:`domain.bootstrap`; a failure never undoes the posting (the item stays marked
for the next scheduled run).
"""

from __future__ import annotations

import datetime as dt

from domain.app import App
from domain.costing import adjustment
from domain.costing.periods import inventory_setup
from domain.costing.rules.adjust import automatic_adjustment_covers
from domain.setup.queries import company


def adjust_marked(app: App, marked: dict[str, dt.date]):
    """Adjust the ``marked`` items whose posting date the setting covers."""
    with app.uow() as session:
        setting = inventory_setup(session).automatic_cost_adjustment
        zone = company(session).time_zone
    if setting == "never":
        return None
    today = app.today(zone)
    items = sorted(i for i, date in marked.items() if automatic_adjustment_covers(setting, date, today))
    if not items:
        return None
    return adjustment.adjust(app, items=items, trigger="automatic")
