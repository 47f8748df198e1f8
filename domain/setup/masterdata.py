"""Vendors and customers (their cards), blocking any card, line defaults from the cards.

Items, item charges and item references: :mod:`domain.setup.item_cards`; locations and
allowed posting dates: :mod:`domain.setup.locations` (both importable from here too).

Users are added by :mod:`domain.identity.services` (with their roles).

Identifiers are validated on the way in (python-stdnum through
:mod:`domain.identifiers`) and stored in compact form; a bad one is refused
with its code, never stored half-right. Posting groups default from the
company: a partner in the company's own country is DOMESTIC, others FOREIGN
(reverse charge), as the country charts set them up.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from domain import identifiers as ids
from domain.app import App
from domain.identity.access import audited_change, require
from domain.money import ZERO
from domain.parse import AMOUNT, RATE, Reader, column_length, unknown_keys
from domain.problems import DomainError, NotFound, Problem
from domain.setup.model.cards import Customer, Item, Vendor
from domain.setup.model.company import (
    Company,
    GenBusPostingGroup,
    GLAccount,
    Location,
    PaymentTerms,
    VendorPostingGroup,
)
from domain.setup.checks import check_exists, refuse
from domain.setup.currencies import currency_problems
from domain.setup.queries import company
from domain.setup.rules import pct_problem
# moved to their own modules; the names stay importable from here for existing callers
from domain.setup.item_cards import (  # noqa: F401
    COSTING_METHODS,
    ITEM_TYPES,
    REFERENCE_TYPES,
    add_item,
    add_item_charge,
    add_item_reference,
    list_item_references,
)
from domain.setup.locations import (  # noqa: F401
    add_location,
    posting_range_problems,
    set_default_location,
    set_location_in_transit,
    set_posting_range,
)


def _identifier(r: Reader, name: str, validate) -> str | None:
    value = r.text(name)
    if value is None:
        return None
    try:
        return validate(value)
    except ids.IdentifierError as exc:
        r.problems.append(Problem(exc.code, name, {"value": value}))
        return None


_ADDRESS_LENGTHS = {"address": 250, "post_code": 20, "city": 60}


def _address(r: Reader) -> dict:
    """Postal address fields, each within its column (too long is a problem, never cut)."""
    values = {}
    for name, limit in _ADDRESS_LENGTHS.items():
        value = r.text(name, default="") or ""
        if len(value) > limit:
            r.problems.append(Problem("MASTER-FIELD-TOO-LONG", name, {"field": name, "max": limit}))
        values[name] = value
    return values


#: the card fields ``vendor set`` / ``customer set`` change (input key -> column); ``add``
#: reads the same keys with the same readers (:func:`_read_card`)
VENDOR_FIELDS = {"name": "name", "address": "address", "post_code": "post_code", "city": "city",
                 "country": "country", "org_no": "org_no", "vat_id": "vat_id", "kvk_no": "kvk_no",
                 "iban": "iban", "bank_account_no": "bank_account_no", "currency": "currency_code",
                 "language": "language", "email": "email", "blocked": "blocked",
                 "payment_terms": "payment_terms_code", "prices_including_vat": "prices_including_vat",
                 "prepayment_pct": "prepayment_pct"}
CUSTOMER_FIELDS = {"name": "name", "address": "address", "post_code": "post_code", "city": "city",
                   "country": "country", "org_no": "org_no", "vat_id": "vat_id", "currency": "currency_code",
                   "language": "language", "email": "email", "blocked": "blocked",
                   "credit_limit": "credit_limit", "payment_terms": "payment_terms_code",
                   "location": "location_code", "prepayment_pct": "prepayment_pct"}
#: card fields a blank value clears (the others are required: a blank one is a problem)
_CLEARABLE = {"address": "", "post_code": "", "city": "", "org_no": None, "vat_id": None, "kvk_no": None,
              "iban": None, "bank_account_no": None, "currency": None, "email": None, "location": ""}
#: a card's languages (the documents and e-mails sent to the party are written in it)
CARD_LANGUAGES = ("nb", "nl", "en")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_card(session, comp: Company, cls, r: Reader, keys, country: str) -> dict:
    """The card fields ``keys`` (input keys of VENDOR_FIELDS / CUSTOMER_FIELDS) read from ``r``
    and checked, as {column: value}; problems go to ``r``. ``country`` is the card's country
    (a Norwegian org.nr is validated as one). Both ``add`` and ``set`` read through here."""
    fields = VENDOR_FIELDS if cls is Vendor else CUSTOMER_FIELDS
    values: dict = {}
    for key in keys:
        column = fields[key]
        known = len(r.problems)
        if key in _CLEARABLE and _blank(r.data.get(key)):
            values[column] = _CLEARABLE[key]
            continue
        if key == "org_no":
            value = _identifier(r, key, ids.org_no if country == "NO" else (lambda v: v.strip()))
        elif key == "vat_id":
            value = _identifier(r, key, ids.vat_id)
        elif key == "kvk_no":
            value = _identifier(r, key, ids.kvk_no)
        elif key == "iban":
            value = _identifier(r, key, ids.iban)
        elif key == "bank_account_no":
            value = _identifier(r, key, ids.no_bank_account)
        elif key == "blocked":
            allowed = BLOCKED_VALUES[cls]
            value = r.choice(key, ("none", *allowed[1:]), required=True)
            value = "" if value == "none" else value
        elif key == "language":
            value = r.choice(key, CARD_LANGUAGES, required=True)
        elif key == "credit_limit":
            value = r.decimal(key, required=True, places=AMOUNT)
        elif key == "prepayment_pct":  # BC Prepayment %: what the party's orders take by default
            value = r.decimal(key, required=True, places=RATE)
            if (problem := pct_problem(value, key)) is not None:
                r.problems.append(problem)
        elif key == "prices_including_vat":
            value = r.boolean(key)
        elif key == "country":
            value = (r.text(key, required=True) or "").upper() or None
            if value and not re.fullmatch(r"[A-Z]{2}", value):
                r.problems.append(Problem("MASTER-INVALID-COUNTRY", key, {"value": value}))
        else:
            value = r.text(key, required=True)
        if isinstance(value, str) and len(r.problems) == known:
            limit = column_length(cls, column)
            if limit is not None and len(value) > limit:
                r.problems.append(Problem("MASTER-FIELD-TOO-LONG", key, {"field": key, "max": limit}))
        if key == "currency":
            r.problems.extend(currency_problems(value, comp.currency))
        elif key == "payment_terms":
            check_exists(session, PaymentTerms, value, key, r, "SETUP-UNKNOWN-PAYMENT-TERMS")
        elif key == "location" and value and session.get(Location, value) is None:
            r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", key, {"location": value}))
        values[column] = value
    return values


def _card_defaults(data: dict, defaults: dict) -> dict:
    """``data`` with ``defaults`` for the keys it leaves blank (what ``add`` assumes)."""
    return {**data, **{k: v for k, v in defaults.items() if _blank(data.get(k))}}


def add_vendor(app: App, data: dict) -> Vendor:
    with app.uow() as session:
        require(session, app.user, "vendors.edit")
        return new_vendor(session, data)


def new_vendor(session, data: dict) -> Vendor:
    """A vendor card from ``data`` (checked as ``vendor add`` checks it), added to ``session``."""
    comp = company(session)
    data = _card_defaults(data if isinstance(data, dict) else {}, {
        "country": comp.country, "language": comp_language(comp), "payment_terms": "30D"})
    r = Reader(data)
    no = r.text("no", required=True)
    country = str(data["country"]).strip().upper()  # read (and checked) with the card below
    group = "DOMESTIC" if country == comp.country else "FOREIGN"
    keys = [k for k in VENDOR_FIELDS if k in ("name", "country", "language", "payment_terms")
            or not _blank(data.get(k))]
    vendor = Vendor(
        no=no, address="", post_code="", city="", blocked="",
        gen_bus_posting_group=r.text("gen_bus_posting_group", default=group),
        vat_bus_posting_group=r.text("vat_bus_posting_group", default=group),
        vendor_posting_group=r.text("vendor_posting_group", default=group),
    )
    for column, value in _read_card(session, comp, Vendor, r, keys, country).items():
        setattr(vendor, column, value)
    check_exists(session, GenBusPostingGroup, vendor.gen_bus_posting_group, "gen_bus_posting_group",
                  r, "SETUP-UNKNOWN-POSTING-GROUP")
    check_exists(session, VendorPostingGroup, vendor.vendor_posting_group, "vendor_posting_group",
                  r, "SETUP-UNKNOWN-POSTING-GROUP")
    if no and session.get(Vendor, no) is not None:
        r.problems.append(Problem("VENDOR-EXISTS", "no", {"no": no}))
    refuse(r.problems)
    session.add(vendor)
    return vendor


def comp_language(comp: Company) -> str:
    return "nb" if comp.country == "NO" else "nl"


def add_customer(app: App, data: dict) -> Customer:
    with app.uow() as session:
        require(session, app.user, "customers.edit")
        return new_customer(session, data)


def new_customer(session, data: dict) -> Customer:
    """A customer card from ``data`` (checked as ``customer add`` checks it), added to ``session``."""
    comp = company(session)
    data = _card_defaults(data if isinstance(data, dict) else {}, {
        "country": comp.country, "language": comp_language(comp), "payment_terms": "14D"})
    r = Reader(data)
    no = r.text("no", required=True)
    country = str(data["country"]).strip().upper()  # read (and checked) with the card below
    group = "DOMESTIC" if country == comp.country else "FOREIGN"
    keys = [k for k in CUSTOMER_FIELDS if k in ("name", "country", "language", "payment_terms")
            or not _blank(data.get(k))]
    customer = Customer(
        no=no, address="", post_code="", city="", blocked="", credit_limit=ZERO, location_code="",
        gen_bus_posting_group=group, vat_bus_posting_group=group, customer_posting_group=group,
    )
    for column, value in _read_card(session, comp, Customer, r, keys, country).items():
        setattr(customer, column, value)
    if no and session.get(Customer, no) is not None:
        r.problems.append(Problem("CUSTOMER-EXISTS", "no", {"no": no}))
    refuse(r.problems)
    session.add(customer)
    return customer


def _card_row(session, cls, no: str):
    row = session.get(cls, no) if no else None
    if row is None:
        if cls is Vendor:
            raise NotFound("PURCH-UNKNOWN-VENDOR", f"no vendor {no!r}", vendor_no=no)
        raise NotFound("SALES-UNKNOWN-CUSTOMER", f"no customer {no!r}", customer_no=no)
    return row


def card(row) -> dict:
    """A vendor's or customer's card as ``show`` prints it (and the audit records it)."""
    fields = VENDOR_FIELDS if isinstance(row, Vendor) else CUSTOMER_FIELDS
    columns = ["no", *fields.values(), "gen_bus_posting_group", "vat_bus_posting_group",
               "vendor_posting_group" if isinstance(row, Vendor) else "customer_posting_group"]
    return {column: getattr(row, column) for column in columns}


def _set_card(app: App, cls, permission: str, action: str, no: str, data: dict) -> dict:
    fields = VENDOR_FIELDS if cls is Vendor else CUSTOMER_FIELDS
    data = data if isinstance(data, dict) else {}

    def change(session) -> dict:
        row = _card_row(session, cls, no)
        r = Reader(data)
        r.problems += unknown_keys(data, fields)
        country = (r.text("country") or row.country or "").upper()
        keys = [k for k in fields if k in data]
        if not keys and not r.problems:
            r.problems.append(Problem("MASTER-NOTHING-TO-CHANGE", None, {"fields": ", ".join(fields)}))
        values = _read_card(session, company(session), cls, r, keys, country)
        refuse(r.problems)
        for column, value in values.items():
            setattr(row, column, value)
        return card(row)

    def snapshot(session) -> dict | None:
        row = session.get(cls, no)
        return card(row) if row is not None else None

    return audited_change(app, permission, action, f"{cls.__name__.lower()} {no}", change, snapshot,
                          {"no": no, **data})


def set_vendor(app: App, no: str, data: dict) -> dict:
    """Change a vendor card (BC Vendor Card): only the keys ``data`` names, each read and
    checked as :func:`add_vendor` reads it; a blank optional value clears it. Needs
    vendors.edit; audited with the card before and after. Returns the card as it is now.
    A changed bank account makes a document that still carries the old one differ from the
    card, which the approval condition ``vendor_bank_account_changed`` catches."""
    return _set_card(app, Vendor, "vendors.edit", "vendor.set", no, data)


def set_customer(app: App, no: str, data: dict) -> dict:
    """Change a customer card (BC Customer Card): as :func:`set_vendor`, needs customers.edit."""
    return _set_card(app, Customer, "customers.edit", "customer.set", no, data)


def show_card(app: App, cls, no: str) -> dict:
    """A vendor's or customer's card (``vendor show`` / ``customer show``)."""
    with app.uow() as session:
        return card(_card_row(session, cls, no))


def list_rows(app: App, cls) -> list:
    with app.uow() as session:
        key = list(cls.__table__.primary_key.columns)[0]
        return list(session.scalars(select(cls).order_by(key)))


#: the values a card's ``blocked`` takes (BC "Blocked": a vendor " ", Payment, All; a customer
#: " ", Ship, Invoice, All; an item a Boolean); anything else would be stored and then read as
#: not blocked
BLOCKED_VALUES: dict[type, tuple] = {Vendor: ("", "payment", "all"), Customer: ("", "ship", "invoice", "all"),
                                     Item: (False, True)}


#: the permission that changes a card (set_flag: block, unblock)
CARD_PERMISSIONS = {"Vendor": "vendors.edit", "Customer": "customers.edit", "Item": "items.edit"}


def set_flag(app: App, cls, key, **values) -> None:
    allowed = BLOCKED_VALUES.get(cls)
    if "blocked" in values and allowed is not None and (
            type(values["blocked"]) is not type(allowed[0]) or values["blocked"] not in allowed):
        shown = ", ".join(str(v).lower() if v != "" else "none" for v in allowed)
        raise DomainError("IMPORT-INVALID-CHOICE", f"blocked {values['blocked']!r}: use one of {shown}",
                          field="blocked", value=str(values["blocked"]), allowed=shown)
    with app.uow() as session:
        require(session, app.user, CARD_PERMISSIONS.get(cls.__name__, "setup.change"))
        row = session.get(cls, key)
        if row is None:
            raise DomainError("NOT-FOUND", f"no {cls.__name__} {key!r}", no=key)
        for name, value in values.items():
            setattr(row, name, value)


__all__ = ["add_vendor", "add_customer", "set_vendor", "set_customer", "show_card", "add_item", "add_item_charge", "add_location", "set_location_in_transit",
           "list_rows", "set_posting_range", "set_default_location", "set_flag"]


def item_line_defaults(session, no: str, r: Reader, prefix: str) -> dict:
    """An item's card values a document line defaults to (``prefix``: PURCH or SALES
    for the problem codes); problems go to ``r``."""
    item = session.get(Item, no)
    if item is None:
        r.problems.append(Problem(f"{prefix}-UNKNOWN-ITEM", f"{r.where}.no", {"item_no": no}))
        return {}
    if item.blocked:
        r.problems.append(Problem(f"{prefix}-ITEM-BLOCKED", f"{r.where}.no", {"item_no": no}))
    return {"description": item.description, "unit": item.base_unit_of_measure, "purch_unit": item.purch_unit_of_measure,
            "sales_unit": item.sales_unit_of_measure, "cost": item.last_direct_cost,
            "price": item.unit_price, "gen_prod": item.gen_prod_posting_group,
            "vat_prod": item.vat_prod_posting_group, "indirect_pct": item.indirect_cost_pct}


def account_line_defaults(session, no: str, r: Reader) -> dict:
    """A G/L account's default posting groups for a document line."""
    account = session.get(GLAccount, no)
    if account is None:
        r.problems.append(Problem("SETUP-UNKNOWN-ACCOUNT", f"{r.where}.no", {"account": no}))
        return {}
    if not account.direct_posting:
        r.problems.append(Problem("GL-ACCOUNT-NO-DIRECT-POSTING", f"{r.where}.no", {"account": no}))
    return {"description": account.name, "gen_prod": account.gen_prod_posting_group or "",
            "vat_prod": account.vat_prod_posting_group}


def set_vendor_posting_group_accounts(app: App, code: str, **accounts: str | None) -> None:
    """The prepayment and invoice rounding accounts of a vendor posting group (the accounts an
    e-invoice's prepaid amount and payable rounding post to); needs setup.change, audited
    (refusals too)."""
    given = {name: no for name, no in accounts.items() if no is not None}

    def change(session) -> None:
        row = session.get(VendorPostingGroup, code)
        problems = [] if row is not None else [Problem("SETUP-UNKNOWN-POSTING-GROUP", "vendor_posting_group", {
            "field": "vendor_posting_group", "code": code})]
        problems += [Problem("SETUP-UNKNOWN-ACCOUNT", name, {"account": no})
                     for name, no in given.items() if no and session.get(GLAccount, no) is None]
        refuse(problems)
        for name, no in given.items():
            setattr(row, name, no or None)

    def snapshot(session) -> dict:
        row = session.get(VendorPostingGroup, code)
        return {name: getattr(row, name) for name in given} if row is not None else {}

    audited_change(app, "setup.change", "setup.vendor-posting-group", code, change, snapshot, given)


