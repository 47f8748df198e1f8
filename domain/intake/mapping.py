"""Vendor matching and line mapping for incoming documents (BC OCR / Text-to-Account Mapping).

A vendor is found by an identifier printed on the invoice, exactly (VAT id,
org.nr, KvK, IBAN, Norwegian account no.), and only then by its name, fuzzily
(rapidfuzz), and never by name when the invoice carries a valid identifier
that belongs to nobody we know: a similar name with another org.nr is another
company. Lines map to items by the vendor's item numbers, else to an account
by what users taught us for this vendor (exact text, then fuzzy), else to the
vendor's default account, else to the company default.

Runs inside the caller's transaction (the register or correct service).
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session
from stdnum.exceptions import ValidationError
from stdnum.no import kontonr

from domain.intake import rules
from domain.intake.model import IncomingDocument, IncomingDocumentLine, VendorMapping
from domain.problems import Problem
from domain.setup.model.cards import Item, ItemReference, Vendor
from domain.setup.model.company import Company, GLAccount

NAME_SCORE = 90
TEXT_SCORE = 90
_ID_FIELDS = (("vendor_vat_id", "vat_id"), ("vendor_org_no", "org_no"), ("vendor_kvk", "kvk_no"),
              ("vendor_iban", "iban"), ("vendor_account_no", "bank_account_no"))


def _compact(value: str | None) -> str | None:
    return re.sub(r"[\s.\-]", "", value).upper() if value else None


def invoice_ids(fields: dict[str, str | None]) -> dict[str, str]:
    """Vendor-card column -> compact identifier printed on the invoice (derived ones too)."""
    out = {column: _compact(fields.get(name)) for name, column in _ID_FIELDS if fields.get(name)}
    vat = out.get("vat_id", "")
    if "org_no" not in out and re.fullmatch(r"NO\d{9}(MVA)?", vat):
        out["org_no"] = vat[2:11]
    iban = out.get("iban", "")
    if "bank_account_no" not in out and iban.startswith("NO") and len(iban) == 15:
        out["bank_account_no"] = iban[4:]
    if "iban" not in out and out.get("bank_account_no"):
        try:
            out["iban"] = kontonr.to_iban(out["bank_account_no"])
        except ValidationError:  # an invalid account has no IBAN: leave it out
            pass
    return out


_REGISTRATION = ("vat_id", "org_no", "kvk_no")
_BANK = ("iban", "bank_account_no")


def match_vendor(session: Session, fields: dict[str, str | None]
                 ) -> tuple[Vendor | None, str | None, dict | None]:
    """(vendor, how it was found, None), or (None, None, conflict) when the identifiers
    printed on the invoice point at different companies, or (None, None, None).

    A registration (VAT id, org.nr, KvK) names the company; a bank account only says
    where money goes. So registrations of two vendors, a bank account on another vendor's
    card than the registration's, or a registration we do not know beside a known bank
    account are conflicts for a person to resolve (``INTAKE-VENDOR-ID-CONFLICT``), never a match."""
    ids = invoice_ids(fields)
    printed = {column: ids[column] for column in (*_REGISTRATION, *_BANK) if ids.get(column)}
    found: dict[str, Vendor] = {}
    if printed:  # one query for every identifier; per identifier the lowest vendor no. that has it
        for vendor in session.scalars(select(Vendor).where(
                or_(*(getattr(Vendor, column) == value for column, value in printed.items())))
                .order_by(Vendor.no)):
            for column, value in printed.items():
                if column not in found and getattr(vendor, column) == value:
                    found[column] = vendor
    printed_registration = [c for c in _REGISTRATION if ids.get(c)]
    by_registration = {found[c].no for c in printed_registration if c in found}
    by_bank = {found[c].no for c in _BANK if c in found}
    conflict = None
    if len(by_registration) > 1 or (by_registration and by_bank - by_registration):
        conflict = sorted(by_registration | by_bank)
    elif by_bank and printed_registration and not by_registration:
        conflict = sorted(by_bank)
    if conflict is not None:
        printed = ", ".join(f"{c}={ids[c]}" for c in (*_REGISTRATION, *_BANK) if ids.get(c))
        return None, None, {"vendors": ", ".join(conflict), "printed": printed}
    for column in (*_REGISTRATION, *_BANK):
        if column in found:
            return found[column], column, None
    if printed_registration:
        return None, None, None  # a registered company we do not know: never a name look-alike
    return _by_name(session, fields.get("vendor_name")), "name", None


def _by_name(session: Session, name: str | None) -> Vendor | None:
    key = rules.name_key(name or "")
    if not key:
        return None
    vendors = list(session.scalars(select(Vendor).order_by(Vendor.no)))
    choices = {v.no: rules.name_key(v.name) for v in vendors}
    best = process.extract(key, choices, scorer=fuzz.token_sort_ratio, limit=2)
    if not best or best[0][1] < NAME_SCORE or (len(best) > 1 and best[1][1] >= NAME_SCORE):
        return None
    return next(v for v in vendors if v.no == best[0][2])


def proposed_vendor_card(session: Session, fields: dict[str, str | None], comp: Company) -> dict:
    """The vendor card ``accept-vendor`` would create (input of masterdata.add_vendor)."""
    ids = invoice_ids(fields)
    vat = ids.get("vat_id") or ""
    country = vat[:2] if re.match(r"^[A-Z]{2}", vat) else (
        "NO" if ids.get("org_no") else ("NL" if ids.get("kvk_no") else comp.country))
    card = {"no": _next_vendor_no(session), "name": (fields.get("vendor_name") or "").strip(),
            "country": country, "vat_id": ids.get("vat_id"), "org_no": ids.get("org_no"),
            "kvk_no": ids.get("kvk_no"), "iban": ids.get("iban"),
            "bank_account_no": ids.get("bank_account_no") if country == "NO" else None,
            "currency": None if fields.get("currency") in (None, comp.currency) else fields.get("currency")}
    return {k: v for k, v in card.items() if v}


def _next_vendor_no(session: Session) -> str:
    numbers = [int(no[1:]) for no in session.scalars(select(Vendor.no)) if re.fullmatch(r"V\d{5}", no)]
    n = (max(numbers, default=0) // 10 + 1) * 10
    while session.get(Vendor, f"V{n:05d}") is not None:
        n += 10
    return f"V{n:05d}"


def card_bank_ids(vendor: Vendor) -> set[str]:
    return {v for v in (_compact(vendor.iban), _compact(vendor.bank_account_no)) if v}


def _item_for(session: Session, vendor: Vendor, ref: str | None) -> Item | None:
    if not ref:
        return None
    item = session.scalars(select(Item).where(
        Item.vendor_item_no == ref, or_(Item.vendor_no == vendor.no, Item.vendor_no.is_(None)))
        .order_by(Item.no)).first()
    if item is None:
        candidate = session.get(Item, ref)
        item = candidate if candidate is not None and candidate.vendor_no == vendor.no else None
    return item if item is not None and not item.blocked else None


def _mappings(session: Session, vendor_no: str) -> dict[str, VendorMapping]:
    rows = session.scalars(select(VendorMapping).where(VendorMapping.vendor_no == vendor_no))
    return {row.match_text: row for row in rows}


def _learned(known: dict[str, VendorMapping], text: str) -> VendorMapping | None:
    key = rules.normalise_text(text)
    if not key:
        return None
    if key in known:
        return known[key]
    choices = {k: k for k in known if k}
    best = process.extractOne(key, choices, scorer=fuzz.token_set_ratio) if choices else None
    return known[best[2]] if best and best[1] >= TEXT_SCORE else None


@functools.cache
def _vendor_default_query():
    """Built once (statements are immutable): every registration asks, this spares the cache key."""
    return select(VendorMapping).where(VendorMapping.vendor_no == bindparam("vendor_no"),
                                       VendorMapping.match_text == "")


@functools.cache
def _open_items_query():
    """(no., description) of every item not blocked: plain rows, no ORM objects to build."""
    return select(Item.no, Item.description).where(Item.blocked.is_(False)).order_by(Item.no)


def default_account(session: Session, vendor_no: str, country: str) -> tuple[str, str] | None:
    """(account, how) for a line nothing else maps: the vendor's default, else the company's."""
    row = session.scalars(_vendor_default_query(), {"vendor_no": vendor_no}).first()
    if row is not None:
        return row.no, "vendor_default"
    account = rules.DEFAULT_EXPENSE_ACCOUNT.get(country)
    if account and session.get(GLAccount, account) is not None:
        return account, "company_default"
    return None


#: a line maps to an item by its description alone at this similarity (0-100) or more; between
#: ITEM_DOUBT and ITEM_SCORE it is a problem for a person, never a guess
ITEM_SCORE = 92
ITEM_DOUBT = 75


def _referenced(session: Session, vendor: Vendor, line: IncomingDocumentLine) -> tuple[Item | None, str | None]:
    """The item an item reference names (BC Item Reference): the vendor's number, then a bar code."""
    wanted = [("vendor", vendor.no, line.vendor_item_no), ("bar_code", "", line.standard_item_no)]
    for kind, party, ref in wanted:
        if not ref:
            continue
        row = session.scalars(select(ItemReference).where(
            ItemReference.reference_type == kind, ItemReference.reference_type_no == party,
            ItemReference.reference_no == ref.strip())).first()
        item = session.get(Item, row.item_no) if row is not None else None
        if item is not None and not item.blocked:
            return item, "item_reference" if kind == "vendor" else "bar_code"
    return None, None


def _similar_item(items: dict[str, str], text: str) -> tuple[str | None, int]:
    """(item no., score) of the item whose description is most like ``text``; no. None when two
    items are equally close (ambiguous)."""
    key = rules.normalise_text(text)
    if not key or not items:
        return None, 0
    best = process.extract(key, items, scorer=fuzz.token_set_ratio, limit=2)
    if not best:
        return None, 0
    score = int(best[0][1])
    if len(best) > 1 and int(best[1][1]) == score:
        return None, score
    return best[0][2], score


def map_lines(session: Session, doc: IncomingDocument, vendor: Vendor, country: str,
              fallback: tuple[str, str] | None | bool = False) -> list[Problem]:
    """Set type/no on every line the user has not mapped himself, in Business Central's order:
    item references (the vendor's item no., then the GTIN), the item card's vendor item no.,
    what users taught us for this vendor, an item whose description is close enough, then the
    vendor's or the company's default account. A line whose description is like an item's
    but not close enough is a problem (``INTAKE-LINE-UNCERTAIN``), not a guess."""
    known = _mappings(session, vendor.no)
    if fallback is False:  # not looked up by the caller
        fallback = default_account(session, vendor.no, country)
    items = {no: rules.normalise_text(text) for no, text in session.execute(_open_items_query())}
    problems = []
    for line in doc.lines:
        if line.mapped_by == "user":
            continue
        negative = line.amount is not None and line.amount < 0
        item, how = (None, None) if negative else _referenced(session, vendor, line)
        if item is None and not negative:
            item, how = _item_for(session, vendor, line.vendor_item_no), "vendor_item_no"
        learned = _learned(known, line.description)
        similar, score = (None, 0) if negative else _similar_item(items, line.description)
        if item is not None:
            line.type, line.no, line.mapped_by = "item", item.no, how
        elif learned is not None and not (negative and learned.type == "item"):
            line.type, line.no, line.mapped_by = learned.type, learned.no, "learned"
        elif similar is not None and score >= ITEM_SCORE:
            line.type, line.no, line.mapped_by = "item", similar, "description"
        elif fallback is not None:
            line.type, line.no, line.mapped_by = "gl_account", fallback[0], fallback[1]
        else:
            line.type = line.no = line.mapped_by = None
        if line.mapped_by in (fallback and fallback[1], None) and score >= ITEM_DOUBT and not negative:
            problems.append(Problem("INTAKE-LINE-UNCERTAIN", f"lines[{line.line_no}]", {
                "line": line.line_no, "description": line.description[:80], "item_no": similar or "?",
                "score": score}))
    return problems


def learn(session: Session, vendor_no: str, text: str, line_type: str, no: str, user: str | None) -> None:
    """Remember a user's mapping for this vendor ("" text = the vendor's default account)."""
    key = rules.normalise_text(text) if text else ""
    row = session.scalars(select(VendorMapping).where(
        VendorMapping.vendor_no == vendor_no, VendorMapping.match_text == key)).first()
    if row is None:
        session.add(VendorMapping(vendor_no=vendor_no, match_text=key, type=line_type, no=no,
                                    uses=1, created_by=user))
    else:
        row.type, row.no, row.uses = line_type, no, row.uses + 1
