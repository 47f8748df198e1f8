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
from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session
from stdnum.exceptions import ValidationError
from stdnum.no import kontonr

from domain.intake import item_index, rules
from domain.intake.model import IncomingDocument, IncomingDocumentLine, VendorMapping
from domain.problems import Problem
from domain.setup.model.cards import Item, ItemReference, Vendor
from domain.setup.model.company import Company, GLAccount
from domain.setup.queries import cached_items

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
        for vendor in session.scalars(_vendors_query(tuple(printed)), printed):
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


@functools.cache
def _vendors_query(columns: tuple[str, ...]):
    """Built once per set of printed identifiers (statements are immutable): asked for every
    document, this spares building the statement and its cache key."""
    return select(Vendor).where(or_(*(getattr(Vendor, column) == bindparam(column) for column in columns))
                                ).order_by(Vendor.no)


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


@functools.cache
def _vendor_default_query():
    """Built once (statements are immutable): every registration asks, this spares the cache key."""
    return select(VendorMapping).where(VendorMapping.vendor_no == bindparam("vendor_no"),
                                       VendorMapping.match_text == "")


@functools.cache
def _open_items_query():
    """(no., description) of every item not blocked: plain rows, no ORM objects to build."""
    return select(Item.no, Item.description).where(Item.blocked.is_(False)).order_by(Item.no)


def _load_open_items(session: Session) -> item_index.ItemTextIndex:
    return item_index.item_text_index(
        {no: rules.normalise_text(text) for no, text in session.execute(_open_items_query())})


def open_items(session: Session) -> item_index.ItemTextIndex:
    """The word index of every unblocked item's description. Read once per process and kept
    until an item is added, deleted, renamed or (un)blocked (``cached_items``: the
    ``item_text_version`` row its triggers renumber), so a document's lines are compared
    with the few items that share their words, not with the whole catalogue read again."""
    return cached_items(session, _load_open_items)


@functools.cache
def _references_query():
    """The items the lines' item references name: the vendor's numbers and bar codes, at once."""
    ref = ItemReference
    return select(ref.reference_type, ref.reference_no, Item.no, Item.blocked).join(
        Item, Item.no == ref.item_no).where(or_(
            and_(ref.reference_type == "vendor", ref.reference_type_no == bindparam("vendor_no"),
                 ref.reference_no.in_(bindparam("vendor_refs", expanding=True))),
            and_(ref.reference_type == "bar_code", ref.reference_type_no == "",
                 ref.reference_no.in_(bindparam("bar_codes", expanding=True)))))


@functools.cache
def _cards_query():
    """Items whose card names one of the numbers (vendor item no., else the item no. itself)."""
    return select(Item.no, Item.vendor_item_no, Item.vendor_no, Item.blocked).where(or_(
        and_(Item.vendor_item_no.in_(bindparam("refs", expanding=True)),
             or_(Item.vendor_no == bindparam("vendor_no"), Item.vendor_no.is_(None))),
        Item.no.in_(bindparam("refs", expanding=True)))).order_by(Item.no)


@functools.cache
def _learned_query():
    return select(VendorMapping.match_text, VendorMapping.type, VendorMapping.no).where(
        VendorMapping.vendor_no == bindparam("vendor_no"),
        VendorMapping.match_text.in_(bindparam("texts", expanding=True)))


@functools.cache
def _vendor_mappings_query():
    return select(VendorMapping.match_text, VendorMapping.type, VendorMapping.no).where(
        VendorMapping.vendor_no == bindparam("vendor_no"), VendorMapping.match_text != "").order_by(
        VendorMapping.id)


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


def _referenced(session: Session, vendor_no: str, lines: list[IncomingDocumentLine]) -> dict[int, tuple[str, str]]:
    """id(line) -> (item no., how) for the lines an item reference names (BC Item Reference):
    the vendor's number, then the bar code (GTIN); else an item card with the vendor's item
    no. (the lowest item no. of this vendor or of none), else this vendor's item of that no.
    A blocked item maps nothing. Two queries for all lines, by index."""
    vendor_refs = sorted({ln.vendor_item_no.strip() for ln in lines if ln.vendor_item_no})
    bar_codes = sorted({ln.standard_item_no.strip() for ln in lines if ln.standard_item_no})
    named = {(kind, ref): (no, blocked) for kind, ref, no, blocked in session.execute(
        _references_query(), {"vendor_no": vendor_no, "vendor_refs": vendor_refs, "bar_codes": bar_codes})
    } if vendor_refs or bar_codes else {}
    found: dict[int, tuple[str, str]] = {}
    for line in lines:
        for kind, ref, how in (("vendor", line.vendor_item_no, "item_reference"),
                               ("bar_code", line.standard_item_no, "bar_code")):
            hit = named.get((kind, ref.strip())) if ref else None
            if hit is not None and not hit[1]:
                found[id(line)] = (hit[0], how)
                break
    refs = sorted({ln.vendor_item_no for ln in lines if id(ln) not in found and ln.vendor_item_no})
    cards = session.execute(_cards_query(), {"vendor_no": vendor_no, "refs": refs}).all() if refs else []
    for line in lines:
        ref = line.vendor_item_no
        if id(line) in found or not ref:
            continue
        item = next((c for c in cards if c.vendor_item_no == ref and c.vendor_no in (vendor_no, None)), None)
        if item is None:
            item = next((c for c in cards if c.no == ref and c.vendor_no == vendor_no), None)
        if item is not None and not item.blocked:
            found[id(line)] = (item.no, "vendor_item_no")
    return found


def _learned(session: Session, vendor_no: str, texts: set[str]) -> dict[str, tuple[str, str]]:
    """line text -> (type, no.) users taught for this vendor (BC Text-to-Account Mapping): its
    normalised text exactly (one indexed query for all lines), else the most similar learned
    text at TEXT_SCORE or more (the vendor's learned texts, read only when needed)."""
    keys = {text: rules.normalise_text(text) for text in texts}
    wanted = sorted({key for key in keys.values() if key})
    known = {row.match_text: (row.type, row.no) for row in session.execute(
        _learned_query(), {"vendor_no": vendor_no, "texts": wanted})} if wanted else {}
    missing = [key for key in wanted if key not in known]
    if missing:
        taught = {row.match_text: (row.type, row.no) for row in session.execute(
            _vendor_mappings_query(), {"vendor_no": vendor_no})}
        choices = list(taught)
        for key in missing if choices else ():
            best = process.extractOne(key, choices, scorer=fuzz.token_set_ratio, score_cutoff=TEXT_SCORE)
            if best is not None:
                known[key] = taught[best[0]]
    return {text: known[key] for text, key in keys.items() if key in known}


def map_lines(session: Session, doc: IncomingDocument, vendor: Vendor, country: str,
              fallback: tuple[str, str] | None | bool = False) -> list[Problem]:
    """Set type/no on every line the user has not mapped himself, in Business Central's order:
    item references (the vendor's item no., then the GTIN), the item card's vendor item no.,
    what users taught us for this vendor, an item whose description is close enough, then the
    vendor's or the company's default account. A line whose description is like an item's
    but not close enough is a problem (``INTAKE-LINE-UNCERTAIN``), not a guess.

    Each step looks up all lines at once by index, and only for the lines the steps before
    left; descriptions are compared with the candidates of :func:`open_items`, so the cost
    does not grow with the number of items."""
    lines = [line for line in doc.lines if line.mapped_by != "user"]
    if fallback is False:  # not looked up by the caller
        fallback = default_account(session, vendor.no, country)
    negative = {id(ln) for ln in lines if ln.amount is not None and ln.amount < 0}
    items = _referenced(session, vendor.no, [ln for ln in lines if id(ln) not in negative])
    learned = _learned(session, vendor.no, {ln.description for ln in lines if id(ln) not in items})
    index = None
    problems = []
    for line in lines:
        item, taught, similar, score = items.get(id(line)), learned.get(line.description), None, 0
        if item is not None:
            line.type, line.no, line.mapped_by = "item", item[0], item[1]
            continue
        if taught is not None and not (id(line) in negative and taught[0] == "item"):
            line.type, line.no, line.mapped_by = taught[0], taught[1], "learned"
            continue
        if id(line) not in negative:
            index = index if index is not None else open_items(session)
            similar, score = item_index.similar_item(index, rules.normalise_text(line.description))
        if similar is not None and score >= ITEM_SCORE:
            line.type, line.no, line.mapped_by = "item", similar, "description"
        elif fallback is not None:
            line.type, line.no, line.mapped_by = "gl_account", fallback[0], fallback[1]
        else:
            line.type = line.no = line.mapped_by = None
        if line.mapped_by in (fallback and fallback[1], None) and score >= ITEM_DOUBT:
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
