"""A hybrid PDF's page against its embedded e-invoice (issue 14: wrong results become problems).

A PDF with an embedded Factur-X / ZUGFeRD / XRechnung XML is read from the XML (exact; it is
what posts), but the person who approves it looks at the page. When the page shows another
invoice than the XML (another number, total, account, date) that is a vendor's mistake or the
known hybrid-invoice manipulation, where the visible and the machine-readable parts disagree.
Here the XML's key values are held against the PDF's text layer, field by field:

- the XML value is *printed* when it occurs anywhere in the text layer, in any number or date
  format the text-layer extractor reads (ocr/parsing.py), identifiers without spaces and dots;
- the page *contradicts* the XML when the text-layer extractor (ocr/fields.py, the same that
  reads a PDF without XML) reads a labelled value for the field that differs and the XML value
  is printed nowhere. Only then is there a problem, ``PDF-PAGE-XML-MISMATCH``, one per field,
  with the field, the XML's value and the page's value. A page that prints the XML's value but
  labels another one too (a correction, a second invoice quoted) is not a contradiction, and a
  field the page does not label is not compared: a false alarm on a correct invoice costs a
  person's time too.

Which disagreement stops the document is intake's decision (domain/intake/rules.py
``severity``): amounts, account, invoice number and payment reference keep it in review; a date
is a warning (the XML's date posts, and it is the legally leading part of a hybrid invoice).
Pages without a text layer are not OCRed for this (it would cost seconds per page for a check of
what the XML already states): a PDF none of whose pages has a text layer is *not checked*
(``PageCheck.checked`` False, no problem). A PDF with some text pages is checked on those, so
adding an image page does not switch the check off. A text layer pdfplumber refuses (in a PDF
pdfium opened) is not checked either; the XML is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from domain import intake_contract as contract
from domain.problems import Problem
from ocr import codes, pdf
from ocr.fields import extract_fields
from ocr.layout import Word, group_lines
from ocr.parsing import find_amounts, find_dates
from ocr.proposal import Proposal
from ocr.safety import Limits

#: fields compared, in the order problems are listed
COMPARED = ("invoice_no", "invoice_date", "due_date", "gross_amount", "net_amount", "vat_amount",
            "vendor_iban", "vendor_account_no", "payment_reference")
_IDENTIFIERS = frozenset({"invoice_no", "vendor_iban", "vendor_account_no", "payment_reference"})
#: characters of a value shown in a problem (both values are the vendor's text)
SHOWN_CHARS = 80


@dataclass(frozen=True)
class PageCheck:
    """``checked``: some page has a text layer; ``compared``: the fields both sides gave."""

    checked: bool
    compared: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def check_pdf(xml: Proposal, data: bytes, limits: Limits, country_hint: str | None = None,
              buyer_ids: frozenset[str] = frozenset()) -> PageCheck:
    """The XML proposal of the PDF ``data`` held against the PDF's text layer."""
    try:
        text = pdf.read_text(data, limits)
    except pdf.Refused:
        return PageCheck(False)
    return compare(xml, text.words, country_hint, buyer_ids)


def compare(xml: Proposal, words: dict[int, list[Word]], country_hint: str | None = None,
            buyer_ids: frozenset[str] = frozenset()) -> PageCheck:
    """``xml`` against the text-layer ``words`` (page -> words); pages without a text layer are left out."""
    flat = [w for i in sorted(words) if not pdf.needs_ocr(words[i]) for w in words[i]]
    if not flat:
        return PageCheck(False)
    lines = group_lines(flat)
    page = extract_fields(lines, "text", country_hint, buyer_ids)
    text = "\n".join(line.text for line in lines)
    compact = _compact(text)
    compared, problems = [], []
    for name in COMPARED:
        ours, theirs = xml.value(name), _labelled(page, name)
        if ours is None or theirs is None:
            continue
        compared.append(name)
        accepted = {_norm(name, ours)} | ({_norm(name, xml.value("payable_amount"))}
                                          if name == "gross_amount" and xml.value("payable_amount") else set())
        if _norm(name, theirs) in accepted or printed(name, ours, text, compact):
            continue
        problems.append(Problem(codes.PDF_PAGE_XML_MISMATCH, name, {
            "field": name, "xml_value": _shown(ours), "page_value": _shown(theirs)}))
    return PageCheck(True, tuple(compared), problems)


def _labelled(page: Proposal, name: str) -> str | None:
    """The page's own reading of ``name`` after its label; a total computed from the others is none."""
    f = page.fields.get(name)
    return f.value if f is not None and f.source == "text" else None


def printed(name: str, value: str, text: str, compact: str | None = None) -> bool:
    """Whether ``text`` prints ``value`` of field ``name`` anywhere, in any number or date format
    the text-layer extractor reads (amounts without their sign, dates day- or month-first)."""
    if name in contract.AMOUNT_FIELDS:
        wanted = _amount(value)
        return wanted is not None and any(abs(a.value) == wanted for a in find_amounts(text))
    if name in contract.DATE_FIELDS:
        return any(d.value.isoformat() == value for month_first in (False, True)
                   for d in find_dates(text, month_first))
    wanted = _compact(value)
    return bool(wanted) and wanted in (compact if compact is not None else _compact(text))


def _norm(name: str, value: str) -> str:
    if name in contract.AMOUNT_FIELDS:
        amount = _amount(value)
        return f"{amount:.2f}" if amount is not None else value
    return _compact(value) if name in _IDENTIFIERS else value.strip()


def _amount(value: str) -> Decimal | None:
    try:
        return abs(Decimal(value))
    except (InvalidOperation, ValueError):
        return None


def _compact(value: str) -> str:
    """An identifier as compared: no spaces or dots, upper case ("DE20 1234.5" -> "DE2012345")."""
    return re.sub(r"[\s.]", "", value).upper()


def _shown(value: str) -> str:
    """A value for a problem text: one line, at most ``SHOWN_CHARS`` characters (escaped where shown)."""
    flat = " ".join(value.split())
    return flat if len(flat) <= SHOWN_CHARS else flat[:SHOWN_CHARS - 1] + "…"
