"""Checks decide: identifiers validated, totals cross-checked, problems listed.

Extraction proposes; this module decides what of it can be trusted. An
identifier failing its check digit (domain.identifiers) is reported with a
field problem (``OCR-INVALID-IBAN`` ...) and never repaired. Read by OCR it is
mostly emptied (a misread digit is the likely cause); read from the document's own
characters (e-invoice XML, a PDF's text layer) it is what the vendor wrote, so
it is kept as printed, with the problem and low confidence (from a scan only a VAT id or
IBAN that OCR read clearly right after its own label, ocr/parties.py): the field carries
the document's value, and intake never matches, proposes or pays on a value
with such a problem (domain/intake/rules.py ``usable_fields``). The
arithmetic of the document is checked the way EN 16931 states it: net + VAT
= gross (BR-CO-15), sum of line amounts = net (BR-CO-10, when there are no
document-level allowances), each VAT group's base x rate = its VAT (BR-CO-17),
quantity x price = line amount, due date not before the invoice date, and the
VAT rates legal in the vendor's country (NO: 25/15/12/0 per Merverdiavgiftsloven
kap. 5; NL: 21/9/0 per Wet OB art. 9; defined in domain/intake_contract.py,
with the required fields). Every problem is returned at once (beancount's
validation style). Confidence is lowered where a cross-check
fails and raised where it confirms the value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from domain import identifiers as ids
from domain import intake_contract as contract
from domain.money import HUNDRED, round_amount
from domain.problems import Problem
from ocr import codes
from ocr.proposal import Field, Proposal

TOLERANCE = Decimal("0.01")
_AMOUNTS = contract.AMOUNT_FIELDS


def country_of(proposal: Proposal, hint: str | None) -> str | None:
    """The vendor's country: the caller's hint, else the VAT id prefix, else NOK means NO."""
    if hint:
        return hint.upper()
    vat = proposal.value("vendor_vat_id") or ""
    if re.match(r"^[A-Z]{2}", vat):
        return vat[:2]
    if proposal.value("vendor_org_no") or proposal.value("currency") == "NOK":
        return "NO"
    if proposal.value("vendor_kvk"):
        return "NL"
    return None


def _validators(country: str | None):
    return {
        "vendor_org_no": ids.org_no,
        "vendor_vat_id": lambda v: ids.mva_no(v) if re.fullmatch(r"\d{9}(MVA)?", v) else ids.vat_id(v),
        "vendor_kvk": ids.kvk_no,
        "vendor_iban": ids.iban,
        "vendor_account_no": ids.no_bank_account,
        "payment_reference": lambda v: ids.payment_reference(v, country),
    }


#: field sources that carry the document's own characters (no misreading possible)
EXACT_SOURCES = frozenset({"xml", "text"})
#: identifiers ocr/parties.py proposes from a scan, failing their check, only when they follow
#: their own label and OCR read every word of them with high confidence (``CLEAR_OCR``)
CLEAR_OCR_FIELDS = frozenset({"vendor_vat_id", "vendor_iban"})
#: confidence of an identifier kept although it fails its check
INVALID_KEPT_CONFIDENCE = Decimal("0.2")


def _as_printed(value: str) -> str:
    """An identifier kept as printed: without spaces and dots, upper case (``DE 123.456.789``)."""
    return re.sub(r"[\s.]", "", value).upper()


def _validate_identifiers(p: Proposal, country: str | None) -> None:
    for name, validate in _validators(country).items():
        f = p.fields.get(name)
        if f is None or f.value is None:
            continue
        try:
            p.fields[name] = replace(f, value=validate(f.value))
        except ids.IdentifierError as exc:
            kept = (f.source in EXACT_SOURCES or (f.source == "ocr" and name in CLEAR_OCR_FIELDS)) \
                and _as_printed(f.value)
            p.fields[name] = Field(kept or None, INVALID_KEPT_CONFIDENCE if kept else Decimal(0), f.source)
            p.problems.append(Problem(codes.FROM_IDENTIFIER_CODE.get(exc.code, codes.OCR_MISSING_FIELD),
                                      name, {"value": f.value, "check": exc.code}))


def _dec(p: Proposal, name: str) -> Decimal | None:
    value = p.value(name)
    return Decimal(value) if value is not None else None


def _set_conf(p: Proposal, names, conf: Decimal, at_most: bool) -> None:
    for name in names:
        f = p.fields.get(name)
        # a computed total agrees with the others by construction: agreement proves nothing
        if f is not None and f.value is not None and f.source != "xml" and (at_most or f.source != "computed"):
            new = min(f.confidence, conf) if at_most else max(f.confidence, conf)
            p.fields[name] = replace(f, confidence=new)


def _check_totals(p: Proposal) -> None:
    net, vat, gross = (_dec(p, n) for n in _AMOUNTS)
    if None in (net, vat, gross):
        return
    if abs(net + vat - gross) > TOLERANCE:
        p.problems.append(Problem(codes.OCR_TOTALS_MISMATCH, "gross_amount",
                                  {"net": str(net), "vat": str(vat), "gross": str(gross)}))
        _set_conf(p, _AMOUNTS, Decimal("0.4"), at_most=True)
    else:
        _set_conf(p, _AMOUNTS, Decimal("0.9"), at_most=False)


def _check_payable(p: Proposal) -> None:
    """EN 16931 BR-CO-16: amount due = gross - prepaid + rounding."""
    gross, prepaid, rounding, payable = (_dec(p, n) for n in ("gross_amount", *contract.PAYMENT_AMOUNT_FIELDS))
    if gross is None or payable is None:
        return
    expected = gross - (prepaid or 0) + (rounding or 0)
    if abs(expected - payable) > TOLERANCE:
        p.problems.append(Problem(codes.OCR_PAYABLE_MISMATCH, "payable_amount", {
            "gross": str(gross), "prepaid": str(prepaid or 0), "rounding": str(rounding or 0),
            "payable": str(payable)}))


def _check_lines(p: Proposal) -> None:
    for i, line in enumerate(p.lines, start=1):
        if None in (line.quantity, line.unit_price, line.amount):
            continue
        factor = (HUNDRED - (line.discount_pct or 0)) / HUNDRED
        if abs(round_amount(line.quantity * line.unit_price * factor) - line.amount) > TOLERANCE:
            p.problems.append(Problem(codes.OCR_LINE_AMOUNT_MISMATCH, "lines", {"line": i}))
    net = _dec(p, "net_amount")
    amounts = [line.amount for line in p.lines]
    if net is not None and amounts and None not in amounts and abs(sum(amounts) - net) > TOLERANCE:
        p.problems.append(Problem(codes.OCR_LINES_MISMATCH, "lines",
                                  {"lines_total": str(sum(amounts)), "net": str(net)}))


def _check_vat(p: Proposal, country: str | None) -> None:
    for g in p.vat_groups:
        if abs(round_amount(g.base * g.rate / HUNDRED) - g.amount) > TOLERANCE:
            p.problems.append(Problem(codes.OCR_VAT_GROUP_MISMATCH, "vat_amount", {"rate": str(g.rate)}))
    vat = _dec(p, "vat_amount")
    if p.vat_groups and vat is not None and abs(sum(g.amount for g in p.vat_groups) - vat) > TOLERANCE:
        p.problems.append(Problem(codes.OCR_VAT_GROUP_MISMATCH, "vat_amount", {"groups": len(p.vat_groups)}))
    legal = contract.LEGAL_VAT_RATES.get(country or "")
    if legal is None:
        return
    rates = {g.rate for g in p.vat_groups} | {ln.vat_rate for ln in p.lines if ln.vat_rate is not None}
    for rate in sorted(r for r in rates if r.normalize() not in {x.normalize() for x in legal}):
        p.problems.append(Problem(codes.OCR_VAT_RATE_ILLEGAL, "vat_amount", {"rate": str(rate), "country": country}))


#: payment terms longer than this are not read from a scan: a misread year ("2048" for "2018")
MAX_OCR_TERM_DAYS = 400


def _check_dates(p: Proposal) -> None:
    inv, due = p.value("invoice_date"), p.value("due_date")
    if inv and due and date.fromisoformat(due) < date.fromisoformat(inv):
        p.problems.append(Problem(codes.OCR_DUE_BEFORE_INVOICE, "due_date", {"invoice_date": inv, "due_date": due}))
        _set_conf(p, ("due_date",), Decimal("0.4"), at_most=True)
    elif inv and due and p.fields["due_date"].source == "ocr" \
            and (date.fromisoformat(due) - date.fromisoformat(inv)).days > MAX_OCR_TERM_DAYS:
        p.problems.append(Problem(codes.OCR_DUE_IMPLAUSIBLE, "due_date", {"invoice_date": inv, "due_date": due}))
        p.fields["due_date"] = Field(None, Decimal(0), "ocr")


def _check_missing(p: Proposal) -> None:
    if not any(p.value(n) for n in ("vendor_vat_id", "vendor_org_no", "vendor_kvk")):
        p.problems.append(Problem(codes.OCR_MISSING_FIELD, "vendor_vat_id", {"field": "vendor_vat_id"}))
    for name in contract.REQUIRED_FIELDS:
        if not p.value(name) and not any(pr.field == name for pr in p.problems):
            p.problems.append(Problem(codes.OCR_MISSING_FIELD, name, {"field": name}))


def check(p: Proposal, country_hint: str | None = None) -> Proposal:
    """Validate and cross-check ``p`` in place; returns it with every problem listed."""
    country = country_of(p, country_hint)
    _validate_identifiers(p, country)
    _check_totals(p)
    _check_payable(p)
    _check_lines(p)
    _check_vat(p, country)
    _check_dates(p)
    _check_missing(p)
    unique: dict[tuple, Problem] = {}
    for problem in p.problems:  # one problem is listed once, however many steps found it
        unique.setdefault((problem.code, problem.field, repr(sorted(problem.params.items()))), problem)
    p.problems = list(unique.values())
    return p
