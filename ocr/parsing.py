"""Locale-aware reading of amounts and dates printed on invoices.

Norwegian, Dutch, German and French invoices write "1 234,50" or "1.234,50",
English ones "1,234.50", Norwegian ones also "kr 1 234,-". The rule used: the
last separator followed by one or two digits is the decimal mark; a separator
followed by exactly three digits groups thousands. A space may group thousands
only when the number also has a decimal part (otherwise "10 300" in a table is
two numbers). Dates are day-first (as in all three countries) unless the year
comes first or the day can only be the second number; month names are known
in nb, nl, en, de and fr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(
    r"(?<![\w.,/:-])(?P<neg>[-\u2212–]\s?)?(?P<cur>(?:kr\.?|nok|eur|€|\$|£|usd)\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,](?:\d{2}|-{1,2})(?!\d)"
    r"|\d{1,3}(?P<sep>[.,'])\d{3}(?:(?P=sep)\d{3})*(?:[.,](?:\d{2}|-{1,2})(?!\d))?(?![\d.,]\d)"
    r"|\d+(?:[.,](?:\d{1,2}|-{1,2}))?(?!\d))"
    r"(?P<trail>-)?(?P<pct>\s?%)?(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AmountMatch:
    value: Decimal
    start: int
    end: int
    has_decimals: bool
    is_percent: bool


_FRACTION = re.compile(r"[.,](\d{1,2}|-{1,2})$")
_GROUPING = re.compile(r"[ .,']")


def _number(num: str, sep: str | None) -> tuple[Decimal, bool] | None:
    num = num.replace("\u00a0", " ").replace("\u202f", " ")
    frac = ""
    m = _FRACTION.search(num)
    if m and not (sep in (".", ",") and len(m.group(1)) == 3):
        frac = "" if "-" in m.group(1) else m.group(1)
        num = num[: m.start()]
        decimals = True
    else:
        decimals = False
    whole = _GROUPING.sub("", num)
    try:
        return Decimal(f"{whole}.{frac}" if frac else whole), decimals
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[AmountMatch]:
    """Every number in ``text`` read as an amount (percentages flagged)."""
    found = []
    for m in _AMOUNT.finditer(text):
        parsed = _number(m.group("num"), m.group("sep"))
        end = m.end()
        if parsed is None:
            continue
        value, decimals = parsed
        if m.group("neg") or m.group("trail"):
            value = -value
        found.append(AmountMatch(value, m.start(), end, decimals or bool(m.group("cur")),
                                 bool(m.group("pct"))))
    return found


#: OCR's readings of a decimal comma: a colon ("215:07"), or none at all before the cents
#: of an amount under one ("059" for "0,59": no amount is printed with a leading zero)
_COLON_MARK = re.compile(r"(?<=\d):(?=\d\d(?![\d.,:]))")
_LOST_MARK = re.compile(r"(?<![\d.,:/-])0(\d\d)(?![\d.,:/])")


def ocr_decimal_mark(text: str) -> str:
    """``text`` with OCR's misreadings of a decimal comma put right; for the value of an
    amount label that holds no amount with decimals as read."""
    return _LOST_MARK.sub(r"0,\1", _COLON_MARK.sub(",", text))


def parse_amount(text: str) -> Decimal | None:
    """The single amount in ``text`` (None when there is none or several)."""
    found = [a for a in find_amounts(text) if not a.is_percent]
    return found[0].value if len(found) == 1 else None


_MONTHS = {
    1: ("januar", "january", "januari", "janvier", "jänner", "jan"),
    2: ("februar", "february", "februari", "février", "fevrier", "feb", "febr"),
    3: ("mars", "march", "maart", "märz", "maerz", "marz", "mar", "mrt", "mär", "mrz"),
    4: ("april", "avril", "apr", "avr"),
    5: ("mai", "may", "mei"),
    6: ("juni", "june", "juin", "jun"),
    7: ("juli", "july", "juillet", "jul", "juil"),
    8: ("august", "augustus", "août", "aout", "aug"),
    9: ("september", "septembre", "sep", "sept"),
    10: ("oktober", "october", "octobre", "okt", "oct"),
    11: ("november", "novembre", "nov"),
    12: ("desember", "december", "dezember", "décembre", "decembre", "des", "dec", "dez", "déc"),
}
_MONTH_OF = {name: n for n, names in _MONTHS.items() for name in names}
_MONTH_RE = "|".join(sorted((re.escape(n) for n in _MONTH_OF), key=len, reverse=True))

_DATE_PATTERNS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\s?[-./]\s?(\d{1,2})\s?[-./]\s?(\d{4}|\d{2})(?![\d])")),
    ("dMy", re.compile(rf"(?<!\d)(\d{{1,2}})\.?[\s-]*({_MONTH_RE})\.?[\s-]*(\d{{4}})(?!\d)", re.I)),
    ("Mdy", re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})\s?,?\s+(\d{{4}})(?!\d)", re.I)),
)


#: what every match of a date pattern with a month name holds, searched first (cheap: no
#: month names), as most texts hold none: a month name ends in a letter ("mai 2014", "Mai 24, 2014",
#: "August 3 , 2014" as some US layouts print it)
_NEEDS = {"dMy": re.compile(r"[^\W\d_]\.?[\s-]*\d{4}(?!\d)"),
          "Mdy": re.compile(r"[^\W\d_]\.?\s+\d{1,2}\s?,?\s+\d{4}(?!\d)")}


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int


def _make(y: int, m: int, d: int) -> date | None:
    if y < 100:
        y += 2000
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def month_first_document(text: str) -> bool:
    """Whether the document writes slash dates month-first (US style).

    Only when some slash date can only be month-first (11/17/2017) and none
    can only be day-first (17/11/2017); dotted and dashed dates are always
    day-first in Europe.
    """
    pairs = [(int(a), int(b)) for a, b, _ in _SLASH_DATE.findall(text)]
    return any(b > 12 >= a for a, b in pairs) and not any(a > 12 >= b for a, b in pairs)


#: date labels of an English document, and those of the other languages read here
_ENGLISH_DATES = re.compile(r"(?i)\b(?:invoice|due|issue|payment)\s+date\b|\bdate\s+of\s+issue\b")
_OTHER_DATES = re.compile(r"(?i)datum|\bdato\b|date\s+de\b|[ée]ch[ée]ance|f[äa]llig|forfall|\bvom\b")


def slash_dates_unknown(text: str) -> bool:
    """Whether an ambiguous slash date (03/11/2017) cannot be read in this document: it is
    labelled in English only (US month-first and UK day-first alike) and no slash date
    shows the order. Elsewhere day-first is the convention of every language read here."""
    pairs = [(int(a), int(b)) for a, b, _ in _SLASH_DATE.findall(text)]
    evidence = any(b > 12 >= a or a > 12 >= b for a, b in pairs)
    return not evidence and bool(_ENGLISH_DATES.search(text)) and not _OTHER_DATES.search(text)


def ambiguous_slash(text: str) -> bool:
    """``text`` (one date as printed) is a slash date whose day and month could swap."""
    m = _SLASH_DATE.search(text)
    return bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2)


def _build(kind: str, g: tuple[str, ...], month_first: bool = False) -> date | None:
    if kind == "ymd":
        return _make(int(g[0]), int(g[1]), int(g[2]))
    if kind == "dmy":
        d, m = int(g[0]), int(g[1])
        if (m > 12 and d <= 12) or (month_first and d <= 12 and m <= 12):
            d, m = m, d
        return _make(int(g[2]), m, d)
    if kind == "dMy":
        return _make(int(g[2]), _MONTH_OF[g[1].lower()], int(g[0]))
    return _make(int(g[2]), _MONTH_OF[g[0].lower()], int(g[1]))


def find_dates(text: str, month_first: bool = False) -> list[DateMatch]:
    """Every date in ``text``, in order of position (``month_first``: see above)."""
    found: list[DateMatch] = []
    taken: list[range] = []
    for kind, pattern in _DATE_PATTERNS:
        needs = _NEEDS.get(kind)
        if needs is not None and needs.search(text) is None:
            continue
        for m in pattern.finditer(text):
            if any(m.start() in r or m.end() - 1 in r for r in taken):
                continue
            value = _build(kind, m.groups(), month_first and "/" in m.group(0))
            if value is not None:
                found.append(DateMatch(value, m.start(), m.end()))
                taken.append(range(m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> date | None:
    found = find_dates(text)
    return found[0].value if found else None
