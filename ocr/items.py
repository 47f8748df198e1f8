"""Invoice line items from a table under a recognised column header.

A header line is one naming at least a description and an amount or price
column in any of the five languages. Rows are the lines below it until the
first totals label. Each row's numbers are read with the locale rules of
ocr/parsing.py; the row amount is the last amount, and quantity and unit price
are the pair whose product (less a discount percentage, if printed) gives that
amount. Rows where no such pair exists are kept with low confidence so that
ocr/checks.py can flag ``OCR-LINE-AMOUNT-MISMATCH``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import permutations

from domain.money import HUNDRED, round_amount
from ocr.layout import Line
from ocr.pairing import Hit
from ocr.parsing import find_amounts, find_dates
from ocr.proposal import ProposalLine

_COLUMNS = {
    "desc": r"beskrivelse|varetekst|tekst|produkt|omschrijving|artikel|description|item|bezeichnung|"
            r"beschreibung|leistung|d[ée]signation|article|vare|ytelse",
    "qty": r"antall|ant\.?|mengde|aantal|qty|quantity|menge|anzahl|qt[ée]|quantit[ée]",
    "price": r"pris|enhetspris|a-?pris|prijs|stukprijs|unit\s*price|price|einzelpreis|preis|prix",
    "amount": r"bel[øo]p|sum|bedrag|totaal|amount|total|betrag|gesamt|entgelt|montant",
}
_HEADER = {k: re.compile(rf"(?i)(?<!\w)(?:{v})(?!\w)") for k, v in _COLUMNS.items()}
_UNIT = re.compile(r"(?i)\b(stk|stk\.|st|pcs|pc|ea|stück|stuks|h|t|timer|uur|hours?|kg|m|l|mnd|md|x)\b")
_TOTALS = {"net_amount", "vat_amount", "gross_amount"}
TOL = Decimal("0.011")


def _is_header(line: Line) -> bool:
    if not _HEADER["desc"].search(line.text):
        return False
    found = {k for k, p in _HEADER.items() if p.search(line.text)}
    return bool(found & {"amount", "price"}) and len(found) >= 3


def _row(line: Line) -> ProposalLine | None:
    dates = find_dates(line.text)
    found = [a for a in find_amounts(line.text) if not any(d.start <= a.start < d.end for d in dates)]
    money = [a for a in found if not a.is_percent]
    if not money or not money[-1].has_decimals:
        return None
    amount = money[-1].value
    pcts = [a for a in found if a.is_percent]
    # quantity and unit price are the rightmost pair of numbers that gives the amount: the
    # numbers further left belong to the description ("Kopipapir A4 80 g, 5 x 500 ark")
    pairs = sorted(permutations(money[:-1], 2), key=lambda qp: -min(qp[0].start, qp[1].start))
    for qty, price in pairs:
        start = min(qty.start, price.start)
        for disc in [None] + [p for p in pcts if p.start > start]:
            pct = disc.value if disc is not None else Decimal(0)
            if qty.value != 0 and abs(round_amount(qty.value * price.value * (HUNDRED - pct) / HUNDRED)
                                      - amount) <= TOL:
                vat = next((p.value for p in pcts if p is not disc), None)
                unit = _UNIT.search(line.text[start:])
                return ProposalLine(description=_description(line.text, start), quantity=qty.value,
                                    unit=unit.group(1) if unit else None, unit_price=price.value,
                                    discount_pct=pct or None, vat_rate=vat, amount=amount,
                                    confidence=Decimal("0.9"))
    description = _description(line.text, (pcts[0].start if pcts and pcts[0].start < money[-1].start
                                           else money[-1].start))
    if re.search(r"[A-Za-zÆØÅæøå]{3}", description) and len(money) == 1:
        return ProposalLine(description=description, amount=amount,
                            vat_rate=pcts[0].value if pcts else None, confidence=Decimal("0.5"))
    return None


def _description(text: str, end: int) -> str:
    """The row's text left of its numeric columns."""
    head = " ".join(text[:end].split()).strip(" -:")
    return head or text


def extract_items(lines: list[Line], hits: list[Hit]) -> list[ProposalLine]:
    total_lines = {h.line.index for h in hits if h.field in _TOTALS and h.start < 3}
    items: list[ProposalLine] = []
    in_table = False
    for line in lines:
        if _is_header(line):
            in_table = True
            continue
        if not in_table:
            continue
        if line.index in total_lines:
            in_table = False
            continue
        row = _row(line)
        if row is not None:
            items.append(row)
    return items
