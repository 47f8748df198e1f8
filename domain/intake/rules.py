"""Pure rules of document intake: what blocks a draft, and what the draft's lines are.

"Checks decide, not guesses" (issue 3): a draft purchase invoice is created
only when every required field is there and passed its checks, the vendor is
known and nothing says the invoice is a duplicate. Everything else waits in
review with its problem codes. A problem on an optional field (a KID that
fails MOD10/MOD11, an IBAN that fails its check) is shown as a warning: the
vendor card fills in what is missing. Extraction keeps an identifier that fails
its check when the document itself carries it (e-invoice XML, text layer), so a
person sees what the vendor wrote; intake never uses such a value
(:func:`usable_fields`): no vendor match, proposed card, payment reference or
bank account is ever taken from it.

The draft's lines are the vendor's lines when they add up to the printed net
amount (EN 16931 BR-CO-10); otherwise one line per VAT rate with the printed
base (BR-CO-17), so that the draft always carries the printed totals, which
posting compares with its own computation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from domain import intake_contract as contract
from domain.identifiers import normalise_document_no
from domain.money import HUNDRED, ZERO, round_amount, round_quantity, round_rate, round_unit_amount
from domain.problems import Problem

#: problems that are shown but never keep a document in review
WARNING_CODES = frozenset({
    "OCR-INVALID-PAYMENT-REFERENCE", "OCR-INVALID-IBAN", "OCR-INVALID-ACCOUNT",
    "OCR-LINES-MISMATCH", "OCR-LINE-AMOUNT-MISMATCH", "INTAKE-BANK-ACCOUNT-CHANGED",
    "INTAKE-LINES-FROM-VAT-GROUPS", "PEPPOL-RULE-WARNING",
})
#: problems on the document as received (the PEPPOL BIS 3 rules, flows/inbox.py) that a person's
#: correction settles: nothing else in the intake could ever clear them
CLEARED_BY_REVIEW = frozenset({"PEPPOL-RULE-FATAL", "PEPPOL-RULES-NOT-RUN"})
#: identifier problems that only matter while the vendor is unknown
VENDOR_ID_CODES = frozenset({"OCR-INVALID-ORGNR", "OCR-INVALID-VAT-ID", "OCR-INVALID-KVK"})
#: identifier problems: the field's value failed its check digit and must not be used
INVALID_ID_CODES = frozenset({"OCR-INVALID-ORGNR", "OCR-INVALID-VAT-ID", "OCR-INVALID-KVK", "OCR-INVALID-IBAN",
                              "OCR-INVALID-ACCOUNT", "OCR-INVALID-PAYMENT-REFERENCE"})
#: a hybrid PDF's page against its embedded XML (ocr/hybrid.py): a date that differs is shown, the
#: XML's date posts (the XML is the leading part of a hybrid invoice, and a date moves neither the
#: money nor its payee); an amount, the account, the invoice number or the payment reference that
#: differs keeps the document for a person, who confirms the value by correcting the field
PAGE_XML_MISMATCH = "PDF-PAGE-XML-MISMATCH"
#: fields whose extraction problems block a draft
BLOCKING_FIELDS = frozenset(contract.REQUIRED_FIELDS) | {"net_amount", "vat_amount", "due_date"}

#: default expense account for a line nothing else maps (NS 4102 / RGS), per country
DEFAULT_EXPENSE_ACCOUNT = {"NO": "4500", "NL": "7500"}

_LEGAL_SUFFIX = re.compile(r"\b(as|asa|ans|da|sa|b\.?v\.?|n\.?v\.?|v\.?o\.?f\.?|ltd|limited|gmbh|ab|oy|inc|llc)\b\.?")


def severity(problem: Problem, vendor_known: bool) -> str:
    """``error`` keeps the document in review, ``warning`` is only shown."""
    if problem.code in WARNING_CODES:
        return "warning"
    if problem.code == PAGE_XML_MISMATCH:
        return "warning" if problem.field in contract.DATE_FIELDS else "error"
    if problem.code in VENDOR_ID_CODES:
        return "warning" if vendor_known else "error"
    if problem.code == "OCR-MISSING-FIELD" and problem.field not in BLOCKING_FIELDS:
        return "warning" if vendor_known else "error"
    if problem.code == "OCR-AMBIGUOUS-FIELD" and problem.field not in BLOCKING_FIELDS:
        return "warning"
    return "error"


def usable_fields(fields: dict[str, str | None], problems: list[tuple[str, str | None]]
                  ) -> dict[str, str | None]:
    """``fields`` without the values that failed their identifier check (``problems``: the
    document's extraction problems as (code, field)); a person's correction clears the problem."""
    invalid = {name for code, name in problems if code in INVALID_ID_CODES}
    return {name: (None if name in invalid else value) for name, value in fields.items()}


def decide(severities: list[str]) -> str:
    """``created`` when nothing blocks, else ``review``."""
    return "review" if "error" in severities else "created"


def normalise_text(text: str) -> str:
    """Line text as a mapping key: lower case, no digits or punctuation (dates and
    order numbers change from invoice to invoice, the words do not)."""
    text = re.sub(r"[\d\W_]+", " ", (text or "").lower())
    return re.sub(r"\s+", " ", text).strip()[:250]


def name_key(name: str) -> str:
    """A company name without legal-form suffixes, for fuzzy matching."""
    return re.sub(r"\s+", " ", _LEGAL_SUFFIX.sub(" ", (name or "").lower())).strip()


def bank_account_changed(invoice: set[str], card: set[str]) -> bool:
    """The invoice names a bank account and the vendor card has others, none equal."""
    invoice, card = {v for v in invoice if v}, {v for v in card if v}
    return bool(invoice and card and not invoice & card)


@dataclass(frozen=True)
class SourceLine:
    line_no: int
    description: str
    quantity: Decimal | None
    unit_price: Decimal | None
    discount_pct: Decimal | None
    vat_rate: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class DraftLine:
    """One line of the draft: which source line (None = a VAT-group line) and its money."""

    source_line_no: int | None
    description: str
    quantity: Decimal
    direct_unit_cost: Decimal
    line_discount_pct: Decimal
    vat_rate: Decimal


def _cost(line: SourceLine) -> tuple[Decimal, Decimal, Decimal]:
    """Quantity, unit cost and discount that reproduce the line's printed amount.

    A negative line (a returned item on an invoice) becomes a positive quantity
    with a negative cost: posting refuses negative quantities, as BC does on invoices.
    """
    amount, qty = line.amount, line.quantity or ZERO
    price, discount = line.unit_price, line.discount_pct or ZERO
    if qty < ZERO:
        qty, price = -qty, (-price if price is not None else None)
    if qty > ZERO and price is not None:
        computed = round_amount(qty * price * (HUNDRED - discount) / HUNDRED)
        if computed == amount:
            return qty, round_unit_amount(price), discount
    if qty > ZERO and round_amount(round_unit_amount(amount / qty) * qty) == amount:
        return qty, round_unit_amount(amount / qty), ZERO
    return Decimal(1), amount, ZERO


def _lines_usable(lines: list[SourceLine], net: Decimal | None, rates: set[Decimal]) -> bool:
    if not lines or net is None or any(ln.amount is None for ln in lines):
        return False
    if any(ln.vat_rate is None for ln in lines) and len(rates) != 1:
        return False
    return abs(sum(ln.amount for ln in lines) - net) <= Decimal("0.01")


def derive_rate(net: Decimal, vat: Decimal, legal: set[Decimal]) -> Decimal | None:
    """The legal VAT rate that turns ``net`` into exactly ``vat`` (one-rate invoices)."""
    matches = [r for r in sorted(legal, reverse=True) if round_amount(net * r / HUNDRED) == vat]
    return matches[0] if len(matches) == 1 else None


def draft_lines(lines: list[SourceLine], groups: list[tuple[Decimal, Decimal]], net: Decimal | None,
                label: str) -> list[DraftLine] | None:
    """The draft's lines: the vendor's lines if they add up, else one per VAT group
    (``groups`` = [(rate, base)]); None when neither is possible."""
    rates = {rate for rate, _ in groups} | {ln.vat_rate for ln in lines if ln.vat_rate is not None}
    if _lines_usable(lines, net, rates):
        only = next(iter(rates)) if len(rates) == 1 else None
        out = []
        for ln in lines:
            qty, cost, discount = _cost(ln)
            rate = ln.vat_rate if ln.vat_rate is not None else only
            out.append(DraftLine(ln.line_no, ln.description or label, qty, cost, discount, rate))
        return out
    if groups:
        return [DraftLine(None, f"{label} {rate.normalize():f} %", Decimal(1), base, ZERO, rate)
                for rate, base in groups]
    return None


def sign_of(document_type: str, gross: Decimal | None) -> tuple[str, Decimal]:
    """A negative invoice is a credit memo (BC): the type and the sign to apply to amounts."""
    if gross is not None and gross < ZERO:
        return ("credit_memo" if document_type == "invoice" else "invoice"), Decimal(-1)
    return document_type, Decimal(1)


def totals_problem(net: Decimal | None, vat: Decimal | None, gross: Decimal | None) -> Problem | None:
    """net + VAT = gross (EN 16931 BR-CO-15), re-checked after a user's correction."""
    if None in (net, vat, gross) or abs(net + vat - gross) <= Decimal("0.01"):
        return None
    return Problem("INTAKE-TOTALS-MISMATCH", "gross_amount", {"net": str(net), "vat": str(vat), "gross": str(gross)})


#: line attributes a user may correct: the mapping, and the texts and numbers of the contract
LINE_FIELDS = ("account", "item", *contract.LINE_LENGTHS, *contract.LINE_DIGITS)

#: how each number of a line is rounded before it is stored (domain.money's policy)
_LINE_ROUNDING = {"quantity": round_quantity, "unit_price": round_unit_amount, "discount_pct": round_rate,
                  "vat_rate": round_rate, "amount": round_amount}


def _excerpt(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def too_long(key: str, value: str | None, room: int, field: str | None = None) -> Problem | None:
    """``INTAKE-FIELD-TOO-LONG`` when ``value`` has more than ``room`` characters.

    A value is never cut to fit its column (domain/intake_contract.py): the
    document waits in review until a user corrects it. ``key`` names the value
    as ``documents correct`` takes it (``invoice_no``, ``line.3.description``);
    ``field`` is the problem's field (``lines`` for a line: correcting one clears it).
    """
    if value is None or len(value) <= room:
        return None
    return Problem("INTAKE-FIELD-TOO-LONG", field or key,
                   {"field": key, "length": len(value), "max_length": room, "value": _excerpt(value)})


def line_number(key: str, attr: str, value: Decimal | None) -> Decimal | Problem | None:
    """A line's number rounded for its column, or ``INTAKE-NUMBER-TOO-LARGE`` when it has
    more digits before the decimal point than the column holds (never a database error)."""
    if value is None:
        return None
    digits = contract.LINE_DIGITS[attr][0]
    limit = Decimal(10) ** digits
    if value.is_finite() and abs(value) < limit:
        rounded = _LINE_ROUNDING[attr](value)
        if abs(rounded) < limit:
            return rounded
    return Problem("INTAKE-NUMBER-TOO-LARGE", "lines",
                   {"field": key, "value": _excerpt(str(value)), "max_digits": digits})


def vat_prod_group(setups: list[tuple[str, str, Decimal]], rate: Decimal, preferred: str | None) -> str | None:
    """The VAT product posting group whose setup gives ``rate``, of ``setups`` (VAT product posting
    group, calculation type, VAT %) of the vendor's VAT business posting group, by group.

    The line's own default group wins when it fits; reverse charge fits a 0 %
    invoice line (the vendor charges no VAT, we account for it ourselves).
    """
    def fits(calculation: str, pct: Decimal) -> bool:
        return rate == 0 if calculation == "reverse_charge" else pct == rate

    for group, calculation, pct in setups:
        if group == preferred and fits(calculation, pct):
            return group
    normal = [group for group, calculation, pct in setups if calculation == "normal" and pct == rate]
    return normal[0] if normal else None


def invoice_no_norm(value: str | None) -> str | None:
    """The invoice no. as the duplicate check compares it (``incoming_document.invoice_no_norm``,
    as ``purchase_header.vendor_invoice_no_norm``); None when nothing is left of it."""
    return (normalise_document_no(value)[:50] or None) if value else None
