"""Vendor identity: name, org.nr / VAT id / KvK, bank account, payment reference.

An invoice carries two parties' identifiers, and taking the buyer's (our own)
org.nr as the vendor's would post the invoice to ourselves. So every
identifier found is given a role by position: inside the block under a buyer
label ("Kunde", "Faktureres til", "Klant", "Bill to", "Käufer") it is the
buyer's; under a seller label ("Leverandør", "Leverancier", "From",
"Verkäufer") it is the seller's; elsewhere (letterhead, footer) it is taken as
the seller's unless a buyer-naming label sits beside it ("Deres org.nr", "Your
VAT no"). Identifiers the caller knows as the buyer's (``buyer_ids``) are
dropped outright. Two different valid seller values mean abstain.

Matching uses the validators of domain.identifiers only to decide whether a
string *is* such an identifier. A value that fails its check is a candidate
only right after its own label ("USt-IdNr.: DE123456789", "IBAN: DE12 ..."),
only when no valid value of that kind is printed and, on a scan, only when OCR read
every word of it with high confidence: it is kept raw so that ocr/checks.py flags it
with a field problem (never repaired).
"""

from __future__ import annotations

import re
from itertools import takewhile
from dataclasses import dataclass
from decimal import Decimal

from domain import identifiers as ids
from domain.problems import Problem
from ocr import codes
from ocr.labels import BUYER_ID_LABELS, BUYER_LABELS, SELLER_LABELS, fold
from ocr.layout import Line
from ocr.pairing import Hit, below, right_of

_EU = "AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK"
PATTERNS = {
    "vendor_vat_id": re.compile(rf"\b(?:(?<!\d)\d{{3}}\s?\d{{3}}\s?\d{{3}}\s?MVA|NO\s?\d{{3}}\s?\d{{3}}\s?\d{{3}}\s?MVA|(?:{_EU})\s?[0-9A-Z][0-9A-Z .]{{6,16}})"),
    "vendor_org_no": re.compile(r"(?i)\b(?:org(?:anisasjons)?[\s.\-]*(?:nr|nummer|no)?\.?|foretaksregisteret"
                                r"|organisation\s*number)\s*:?\s*(?:NO\s?)?(\d{3}\s?\d{3}\s?\d{3})(?!\d)"),
    "vendor_kvk": re.compile(r"(?i)\b(?:k\.?v\.?k\.?|kamer\s*van\s*koophandel)[\s\-]*(?:nr|nummer|no)?\.?\s*:?\s*"
                             r"(\d{2}\s?\d{2}\s?\d{2}\s?\d{2})(?!\d)"),
    # OCR reads a check digit 0 as the letter O ("NLO4 ABNA ..."): taken only if the IBAN then passes
    "vendor_iban": re.compile(r"\b[A-Z]{2}[\dO]{2}(?:\s?[A-Z0-9]){10,32}"),
    "vendor_account_no": re.compile(r"(?<![\d.])\d{4}[ .]?\d{2}[ .]?\d{5}(?![\d])"),
}
_ACCOUNT_LABEL = re.compile(r"(?i)konto|bank|account|rekening|giro|betal")
#: the label an identifier failing its check must follow directly to be taken at all
_OWN_LABEL = {
    "vendor_vat_id": re.compile(r"(?i)\b(?:ust|mwst|vat|tva|btw|mva|uid|iva|moms)\b[\w.\- ]{0,14}[:#]?\s*$"),
    # "IBAN: DE12 ...", or the bank-details label the IBAN follows alone: "... auf folgende Bankverbindung:"
    "vendor_iban": re.compile(r"(?i)\b(?:iban|bankverbindung|bankforbindelse|bankrekening|bank\s*details)\b"
                              r"[\w.\- ]{0,6}[:#]?\s*$"),
}
_RAW_SHAPE = {"vendor_vat_id": re.compile(r"[A-Z]{2}[0-9A-Z]{8,13}"), "vendor_iban": re.compile(r"[A-Z]{2}\d{2}[0-9A-Z]{11,30}")}
_RF = re.compile(r"\bRF\d{2}(?:\s?[A-Z0-9]){1,21}\b")
_LEGAL = re.compile(r"(?i)\b(?:AS|ASA|BV|B\.V\.|N\.V\.|NV|GmbH|AG|Ltd\.?|Limited|Inc\.?|LLC|SA|SAS|SARL|KG|"
                    r"e\.K\.|ANS|DA|ENK|VOF|AB|ApS|Oy|plc|S\.A\.|GmbH\s*&\s*Co\.?\s*KG)$")
_LABEL_PREFIX = re.compile(r"(?i)^\s*:?\s*(?:name|navn|naam|firma|company)\s*:\s*")
_TITLE = re.compile(r"(?i)^(?:faktura|factuur|invoice|rechnung|facture|kreditnota|creditnota|credit note)\b")


@dataclass(frozen=True)
class Region:
    page: int
    y0: float
    y1: float
    x0: float
    x1: float

    def contains(self, line: Line, x: float) -> bool:
        return line.page == self.page and self.y0 - 1 <= line.y <= self.y1 + 1 and self.x0 <= x <= self.x1


def is_block_label(pattern: re.Pattern[str], text: str) -> bool:
    """A block heading: the label alone in its cell, or followed by ':' or '/' (accents folded:
    OCR reads "Käufer" as "Kåufer")."""
    text = fold(text)
    m = pattern.match(text)
    return bool(m) and (not text[m.end():].strip() or text[m.end():].lstrip()[:1] in (":", "/"))


def _block(lines: list[Line], line: Line, x0: float, page_right: float) -> Region:
    h = line.height
    x1 = x0 + 0.48 * page_right
    last_y = line.y
    for nxt in lines[line.index + 1: line.index + 9]:
        inside = [w for w in nxt.words if x0 - h <= w.x0 <= x1]
        if nxt.page != line.page or nxt.y - last_y > 2.6 * h:
            break
        text = " ".join(w.text for w in inside)
        if inside and (is_block_label(SELLER_LABELS, text) or is_block_label(BUYER_LABELS, text)):
            break
        if inside:
            last_y = nxt.y
    return Region(line.page, line.y, last_y, x0 - 2 * h, x1)


def regions(lines: list[Line]) -> tuple[list[Region], list[Region]]:
    """(buyer regions, seller regions) from block labels at the start of a cell."""
    right = {}
    for line in lines:
        right[line.page] = max(right.get(line.page, 0.0), line.words[-1].x1)
    buyers, sellers = [], []
    for line in lines:
        for cell in line.cells:
            for pattern, target in ((BUYER_LABELS, buyers), (SELLER_LABELS, sellers)):
                if is_block_label(pattern, cell.text):
                    target.append(_block(lines, line, cell.x0, right[line.page]))
    return buyers, sellers


def _x_at(line: Line, offset: int) -> float:
    for w, start in zip(line.words, line.word_offsets()):
        if start + len(w.text) >= offset:
            return w.x0
    return line.words[-1].x0


def _valid(name: str, raw: str) -> str | None:
    compact = re.sub(r"[\s.]", "", raw).upper()
    if re.fullmatch(r"\d{9}MVA", compact):
        compact = "NO" + compact
    try:
        if name == "vendor_vat_id":
            tokens = raw.split()  # the pattern may run into the next word: cut only between words
            for end in range(len(tokens), 0, -1):
                candidate = re.sub(r"[\s.]", "", " ".join(tokens[:end])).upper()
                candidate = "NO" + candidate if re.fullmatch(r"\d{9}MVA", candidate) else candidate
                try:
                    return ids.vat_id(candidate)
                except ids.IdentifierError:
                    continue
            return None
        if name == "vendor_iban":
            compact = compact[:2] + compact[2:4].replace("O", "0") + compact[4:]
            for end in range(min(len(compact), 34), 14, -1):
                try:
                    return ids.iban(compact[:end])
                except ids.IdentifierError:
                    continue
            return None
        check = {"vendor_org_no": ids.org_no, "vendor_kvk": ids.kvk_no,
                 "vendor_account_no": ids.no_bank_account}[name]
        return check(compact)
    except ids.IdentifierError:
        return None


def _labelled_raw(name: str, line: Line, m: re.Match, previous: Line | None = None) -> str | None:
    """A value failing its check, as printed, when its own label is right before it (or ends
    the previous line of running text, the value wrapped to the start of this one): the
    match's tokens up to the first without a digit (the pattern may run into the next word)."""
    label, shape = _OWN_LABEL.get(name), _RAW_SHAPE.get(name)
    before = line.text[max(0, m.start() - 30):m.start()]
    if not before.strip() and previous is not None and previous.page == line.page:
        before = previous.text[-30:]
    if label is None or not label.search(before):
        return None
    tokens = m.group(0).split()
    kept = tokens[:1] + list(takewhile(lambda t: any(c.isdigit() for c in t), tokens[1:]))
    compact = re.sub(r"[\s.]", "", " ".join(kept)).upper()
    return compact if shape.fullmatch(compact) else None


#: the least OCR word confidence (tesseract, 0-100) at which a scanned identifier is taken:
#: one failing its check must read at least CLEAR_OCR (clean scans of such values read
#: 85-93, digit misreads far lower); one passing it at least PLAUSIBLE_OCR (a misread
#: that still passes a check digit, "DE232567891" for "DE234567891", read at 20)
CLEAR_OCR = 80.0
PLAUSIBLE_OCR = 50.0


def _clearly_read(line: Line, start: int, end: int, floor: float) -> bool:
    """Every word with a digit in ``line.text[start:end]`` is the text layer's own or read
    by OCR with at least ``floor`` confidence."""
    spans = zip(line.words, line.word_offsets())
    confs = [w.conf for w, off in spans if off < end and off + len(w.text) > start and w.conf is not None
             and any(ch.isdigit() for ch in w.text)]
    return min(confs, default=100.0) >= floor


def _role(line: Line, x: float, start: int, buyers: list[Region], sellers: list[Region]) -> str:
    if BUYER_ID_LABELS.search(line.text[max(0, start - 30):start + 2]):
        return "buyer"
    if any(r.contains(line, x) for r in sellers):
        return "seller"
    if any(r.contains(line, x) for r in buyers):
        return "buyer"
    return "neutral"


def _candidates(lines, name, buyers, sellers):
    out = []
    for line in lines:
        previous = lines[line.index - 1] if line.index else None
        for m in PATTERNS[name].finditer(line.text):
            raw = m.group(1) if m.groups() else m.group(0)
            if name == "vendor_account_no" and not (_ACCOUNT_LABEL.search(line.text) or "." in raw):
                continue
            value, valid = _valid(name, raw), True
            if value is None:
                value, valid = _labelled_raw(name, line, m, previous), False
            if value is not None:
                clear = _clearly_read(line, m.start(), m.end(), PLAUSIBLE_OCR if valid else CLEAR_OCR)
                out.append((value, _role(line, _x_at(line, m.start()), m.start(), buyers, sellers), line.index,
                            valid, clear))
    return out


def _choose(name: str, cands, buyer_ids, problems) -> tuple[str, Decimal] | None:
    """The one seller (else neutral) value; abstain on two, or when OCR read it unclearly
    (an unclear candidate still counts as a different value: it may be the right one)."""
    usable = [c for c in cands if c[1] != "buyer" and c[0] not in buyer_ids]
    if any(c[3] and c[4] for c in usable):  # a value failing its check only when nothing valid is printed
        usable = [c for c in usable if c[3] or not c[4]]
    for role, conf in (("seller", Decimal("0.95")), ("neutral", Decimal("0.85"))):
        values = {c[0] for c in usable if c[1] == role}
        if len(values) == 1:
            value = values.pop()
            return (value, conf) if all(c[4] for c in usable if c[1] == role) else None
        if len(values) > 1:
            problems.append(Problem(codes.OCR_AMBIGUOUS_FIELD, name, {"values": sorted(values)}))
            return None
    return None


def _reference_value(text: str) -> str | None:
    """A KID/kenmerk as digits; a free-text reference (German Verwendungszweck) as printed."""
    first = re.split(r"\s{2,}", text.strip(" :;—–-|"))[0]
    m = re.match(r"(\d[\d -]{0,30}\d-?)(?=\s\D|$)", first)
    if m:
        return re.sub(r"\s", "", m.group(1))  # a dash is kept: "2013-471102" is not "2013471102"
    return first[:35].strip() if re.search(r"\d", first) and len(first) <= 35 else None


def _payment_reference(lines: list[Line], hits: list[Hit]) -> tuple[str, Decimal] | None:
    for line in lines:
        m = _RF.search(line.text)
        if m:
            return re.sub(r"\s", "", m.group(0)), Decimal("0.9")
    for hit in (h for h in hits if h.field == "payment_reference"):
        texts = [(right_of(hit, hits, free_text=True), Decimal("0.85"))] + [(c.text, Decimal("0.8")) for c in below(hit, lines)]
        for text, conf in texts:
            value = _reference_value(text) if text.strip() else None
            if value and re.search(r"\d", value):
                return value, conf
    return _quoted_when_paying(lines)


#: "(Bei Schriftwechsel und Zahlung bitte angeben)", "(please quote with your payment)",
#: "(oppgis ved betaling)", "(vermelden bij betaling)", "(à rappeler lors du paiement)"
_QUOTE_WHEN_PAYING = re.compile(
    r"(?i)\(\s*(?:bei\s+(?:[a-zäöüß]+\s+und\s+)?zahlung(?:en)?\s+(?:bitte\s+)?angeben"
    r"|please\s+quote\s+(?:\w+\s+){0,3}(?:with|on|when)\s+(?:\w+\s+)?pay\w*"
    r"|(?:må\s+)?oppgis\s+ved\s+betaling|(?:te\s+)?vermelden\s+bij\s+(?:de\s+)?betaling"
    r"|[àa]\s+rappeler\s+lors\s+du\s+paiement)")
#: the labelled value an instruction refers to: "VSNR: 01.234.567.8", "Policy no. 12-345"
_LABELLED_TOKEN = re.compile(r"(?i)[a-zäöüß][\w.\-]{1,20}\s*(?::|nr\.?|no\.?)\s*([A-Z0-9][A-Z0-9.\-/]{2,30})\s*$")


def _quoted_when_paying(lines: list[Line]) -> tuple[str, Decimal] | None:
    """A labelled number the document asks to quote when paying: the instruction in
    brackets right after it or alone on the next line ("VSNR: 01.234.567.8" over
    "(Bei Schriftwechsel und Zahlung bitte angeben.)")."""
    for line in lines:
        m = _QUOTE_WHEN_PAYING.search(line.text)
        if not m:
            continue
        before = line.text[:m.start()].rstrip()
        if not before and line.index > 0 and lines[line.index - 1].page == line.page:
            before = lines[line.index - 1].text.rstrip()
        token = _LABELLED_TOKEN.search(before)
        if token and re.search(r"\d", token.group(1)):
            return token.group(1).rstrip(".-/"), Decimal("0.75")
    return None


def _vendor_name(lines: list[Line], buyers: list[Region], sellers: list[Region]) -> tuple[str, Decimal] | None:
    for region in sellers:
        for line in lines:
            if line.page == region.page and region.y0 - 1 <= line.y <= region.y1 + 1:
                for cell in line.cells:
                    text = cell.text
                    if is_block_label(SELLER_LABELS, text):
                        text = SELLER_LABELS.sub("", text, count=1)
                    text = _LABEL_PREFIX.sub("", text).strip(" :")
                    if region.x0 <= cell.x0 <= region.x1 and _LEGAL.search(text):
                        return text, Decimal("0.9")
    first_page = [ln for ln in lines if ln.page == 0]
    for line in sorted(first_page, key=lambda ln: (-ln.height, ln.y))[:12]:
        for cell in line.cells:
            text = re.split(r"\s[|,·•]\s?|,\s", cell.text)[0].strip()
            if _LEGAL.search(text) and not _TITLE.match(text) and not any(
                    r.contains(line, cell.x0) for r in buyers):
                return text, Decimal("0.8")
    return None


def extract_parties(lines: list[Line], hits: list[Hit], buyer_ids: frozenset[str],
                    problems: list[Problem]) -> dict[str, tuple[str, Decimal]]:
    """Vendor identity fields with confidences (raw values; checks validate)."""
    buyers, sellers = regions(lines)
    out: dict[str, tuple[str, Decimal]] = {}
    for name in PATTERNS:
        chosen = _choose(name, _candidates(lines, name, buyers, sellers), buyer_ids, problems)
        if chosen:
            out[name] = chosen
    vat = out.get("vendor_vat_id", ("", 0))[0]
    if "vendor_org_no" not in out and vat.startswith("NO"):
        out["vendor_org_no"] = (vat[2:11], out["vendor_vat_id"][1])
    if "vendor_iban" in out and out["vendor_iban"][0].startswith("NO") and "vendor_account_no" not in out:
        out["vendor_account_no"] = (out["vendor_iban"][0][4:], out["vendor_iban"][1])
    for name, found in (("payment_reference", _payment_reference(lines, hits)),
                        ("vendor_name", _vendor_name(lines, buyers, sellers))):
        if found:
            out[name] = found
    return out
