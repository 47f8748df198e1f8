"""The state machine's common ground: running a command and judging its outcome.

Every command goes through :meth:`Base.attempt` (a valid command) or
:meth:`Base.refuse` (an invalid one). Both take a fingerprint of the books first;
a refusal (a returned ``Rejected`` or a raised ``DomainError``, nothing else) must
leave it unchanged. A valid command that succeeds must take exactly the numbers the
caller expects from each number series (so nothing is posted twice and no number is
skipped); one refused with a code the caller did not allow fails the run, because
then the machine's picture of what is valid is wrong or the service refuses what it
should post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import wraps

from hypothesis import strategies as st
from sqlalchemy import select

from domain.problems import DomainError, Rejected, RejectedError
from domain.setup.model.company import NumberSeries
from tests.simulation import harness
from tests.simulation.model import Model

#: tables a refused command that was allowed to create a draft may change
DRAFT_KEYS = ("purchase_header", "purchase_line", "purchase_charge_assignment", "sales_header", "sales_line")
DRAFT_SERIES = {"PI", "PCM", "PO", "PRO", "SQ", "SO", "SI", "SCM", "SRO"}


class CommandFailed(AssertionError):
    """A command broke a rule of the simulation (accepted when invalid, wrote when refused, ...)."""


def codes_of(outcome) -> list[str]:
    if isinstance(outcome, RejectedError):
        return outcome.rejected.codes
    if isinstance(outcome, DomainError):
        return [outcome.code]
    return outcome.codes


def counted(fn):
    """Count a rule's run in the figures (a step of the sequence)."""
    @wraps(fn)
    def run(self, *args, **kwargs):
        self.figures.step(fn.__name__)
        return fn(self, *args, **kwargs)
    return run


def decimals(lo: str, hi: str, places: int = 2):
    return st.decimals(min_value=Decimal(lo), max_value=Decimal(hi), places=places,
                       allow_nan=False, allow_infinity=False)


class Base:
    app = None
    model: Model
    figures = None

    # --- drawing values that fit the current state ---------------------------------------

    def same_currency(self, area: str, party: str, invoices: list) -> list:
        """The posted invoices a credit memo of ``party`` may name: those in the currency the credit
        memo takes (the card's, else the company's); BC applies no entries between currencies."""
        from domain.purchasing.model import PostedPurchaseHeader
        from domain.sales.model import PostedSalesHeader
        from domain.setup.model.cards import Customer, Vendor
        from domain.setup.model.company import Company

        posted, card = (PostedSalesHeader, Customer) if area == "sales" else (PostedPurchaseHeader, Vendor)
        with self.app.uow() as session:
            currency = (session.get(card, party).currency_code or session.scalar(select(Company.currency)))
            same = set(session.scalars(select(posted.no).where(posted.no.in_([p.no for p in invoices]),
                                                               posted.currency_code == currency)))
        return [p for p in invoices if p.no in same]


    def draw_date(self, data) -> dt.date:
        return data.draw(st.sampled_from(self.model.open_dates()), label="posting_date")

    @staticmethod
    def draw_qty(data, maximum: Decimal = Decimal(10)) -> Decimal:
        options = [q for q in (Decimal(1), Decimal(2), Decimal(3), Decimal(5), Decimal(8), Decimal("0.5"),
                               Decimal("2.25")) if q <= maximum]
        if not options:
            return maximum
        return data.draw(st.sampled_from(options + ([maximum] if maximum <= 20 else [])), label="quantity")

    # --- running commands ------------------------------------------------------------------

    def series(self) -> dict[str, int]:
        with self.app.uow() as s:
            return dict(s.execute(select(NumberSeries.code, NumberSeries.last_no)).all())

    def attempt(self, name: str, fn: Callable, expect: dict[str, int] | None = None, allowed=()):
        """Run a valid command; returns its result, or None when it was refused (allowed codes only)."""
        before = harness.fingerprint(self.app)
        series = {k: int(v) for k, v in before["number_series"]}
        try:
            result = fn()
        except DomainError as error:
            result = error
        if isinstance(result, (Rejected, DomainError)):
            codes = codes_of(result)
            self._unchanged(name, before, codes)
            self.figures.refusal(codes)
            unexpected = [c for c in codes if c not in allowed]
            if unexpected:
                raise CommandFailed(f"{name}: a valid command was refused with {codes} ({result!r})")
            return None
        self.figures.accepted[name] += 1
        if expect is not None:
            after = self.series()
            delta = {k: after[k] - series.get(k, 0) for k in after if after[k] != series.get(k, 0)}
            wanted = {k: v for k, v in expect.items() if v}
            if delta != wanted:
                raise CommandFailed(f"{name}: number series moved by {delta}, expected {wanted} ({result!r})")
        return result

    def refuse(self, name: str, fn: Callable, drafts_may_stay: bool = False, codes=None):
        """Run an invalid command: it must be refused with a code and write nothing (with
        ``drafts_may_stay``: nothing but a draft that was then refused at posting).
        Returns the created draft numbers the command reports (may be empty)."""
        before = harness.fingerprint(self.app)
        created: list[str] = []
        try:
            result = fn(created)
        except DomainError as error:
            result = error
        if not isinstance(result, (Rejected, DomainError)):
            raise CommandFailed(f"invalid command {name} was accepted: {result!r}")
        found = codes_of(result)
        allowed_drafts = drafts_may_stay and bool(created)
        self._unchanged(f"invalid command {name}", before, found, allowed_drafts)
        if codes is not None and not set(found) & set(codes):
            raise CommandFailed(f"invalid command {name} was refused with {found}, expected one of {sorted(codes)}")
        self.figures.refusal(found, name)
        return created

    def _unchanged(self, name: str, before: dict, codes, drafts_allowed: bool = False) -> None:
        after = harness.fingerprint(self.app)
        changed = harness.difference(before, after)
        if drafts_allowed:
            changed = {k: v for k, v in changed.items() if not k.startswith(DRAFT_KEYS)}
            if "number_series" in changed:
                b, a = ({c: n for c, n in rows if c not in DRAFT_SERIES} for rows in changed["number_series"])
                if a == b:
                    del changed["number_series"]
        if changed:
            raise CommandFailed(f"{name} was refused with {codes} but changed the books: {changed}")
