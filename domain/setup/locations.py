"""Locations (BC Location: lager / locatie, with Use As In-Transit), the default location a
sales line takes, and the allowed posting dates of the company or a user (BC General Ledger
Setup / User Setup "Allow Posting From/To")."""

from __future__ import annotations

from domain.app import App
from domain.identity.access import audited_change, require
from domain.parse import Reader
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.setup.checks import refuse
from domain.setup.model.cards import Customer
from domain.setup.model.company import Location, User
from domain.setup.queries import company


def add_location(app: App, code: str, name: str = "", in_transit: bool = False) -> Location:
    """A location (lager / locatie) with its inventory posting setup copied from the blank
    location's, so stock there posts to the same inventory accounts until set otherwise.
    ``in_transit``: BC Use As In-Transit (goods of transfer orders travel there)."""
    from domain.setup.records import ensure_location

    with app.uow() as session:
        require(session, app.user, "items.edit")
        r = Reader({"code": code, "name": name})
        code = r.text("code", required=True) or ""
        if len(code) > 20:
            r.problems.append(Problem("LOCATION-CODE-TOO-LONG", "code", {"code": code, "max": 20}))
        if code and session.get(Location, code) is not None:
            r.problems.append(Problem("LOCATION-EXISTS", "code", {"code": code}))
        refuse(r.problems)
        ensure_location(session, code, r.text("name") or code)
        location = session.get(Location, code)
        location.use_as_in_transit = in_transit
        return location


def set_location_in_transit(app: App, code: str, in_transit: bool) -> None:
    """BC Use As In-Transit on a location; needs setup.change and is audited."""

    def change(session) -> None:
        location = session.get(Location, code)
        if location is None:
            raise RejectedError(Rejected([Problem("SETUP-UNKNOWN-LOCATION", "code", {"location": code})]))
        location.use_as_in_transit = in_transit

    def snapshot(session) -> dict | None:
        location = session.get(Location, code)
        return {"use_as_in_transit": location.use_as_in_transit} if location else None

    audited_change(app, "setup.change", "setup.location", f"location {code}", change, snapshot,
                   {"code": code, "use_as_in_transit": in_transit})


def posting_range_problems(date_from, date_to) -> list[Problem]:
    """A range that ends before it starts would refuse every posting date: refused
    (SETUP-POSTING-RANGE-REVERSED), as BC refuses Allow Posting To before Allow Posting From."""
    if date_from is not None and date_to is not None and date_to < date_from:
        return [Problem("SETUP-POSTING-RANGE-REVERSED", "allow_posting_to",
                        {"from": date_from.isoformat(), "to": date_to.isoformat()})]
    return []


def set_posting_range(app: App, date_from, date_to, user_id: str | None = None) -> None:
    """Allowed posting dates for the company, or for one user (overrides the company's);
    needs setup.change and is audited. A reversed range is refused."""
    refuse(posting_range_problems(date_from, date_to))

    def target(session):
        row = session.get(User, user_id) if user_id else company(session)
        if row is None:
            raise DomainError("USER-NOT-FOUND", f"no user {user_id!r}", id=user_id)
        return row

    def change(session) -> None:
        row = target(session)
        row.allow_posting_from, row.allow_posting_to = date_from, date_to

    def snapshot(session) -> dict:
        row = target(session)
        return {"from": row.allow_posting_from, "to": row.allow_posting_to}

    audited_change(app, "setup.change", "setup.posting-range", f"user {user_id}" if user_id else "company",
                   change, snapshot, {"from": date_from, "to": date_to})


def set_default_location(app: App, code: str, customer_no: str | None = None) -> None:
    """The location a sales line without one takes (BC Customer / Company Information
    "Location Code"): the customer's, else the company's; ``""`` clears it. Needs
    setup.change and is audited."""
    code = (code or "").strip()

    def target(session):
        row = session.get(Customer, customer_no) if customer_no else company(session)
        if row is None:
            raise DomainError("SALES-UNKNOWN-CUSTOMER", f"no customer {customer_no!r}", customer_no=customer_no)
        return row

    def change(session) -> None:
        if code and session.get(Location, code) is None:
            refuse([Problem("SETUP-UNKNOWN-LOCATION", "location", {"location": code})])
        target(session).location_code = code

    audited_change(app, "setup.change", "setup.default-location",
                   f"customer {customer_no}" if customer_no else "company", change,
                   lambda session: {"location": target(session).location_code}, {"location": code})
