"""The VAT return of a period: Norway's MVA-melding by standard tax code, the Netherlands'
btw-aangifte by rubriek; and closing a VAT period.

Amounts come from the VAT entries of the period (posting date in the period), never from
documents. Each entry is classified by ONE mapping, :func:`classify` (country, sale/purchase,
normal/reverse charge, rate, the partner's country), into the return's boxes:

- Norway (codes of the SAF-T standard tax code list, which the MVA-melding uses): sales 3 / 31 /
  33 (25 / 15 / 12 %), 5 (domestic zero-rated), 52 (export); deductible domestic purchases 1 /
  11 / 13; services bought from abroad (reverse charge) 86 / 88, both as computed output VAT and
  as its deduction. Purchases without VAT (code 0) are not part of the return.
- the Netherlands: 1a / 1b / 1c (21 % / 9 % / other), 1e (0 % or not taxed here), 2a (domestic
  reverse charge), 3a / 3b (supplies outside / inside the EU), 4a / 4b (reverse charge on
  purchases from outside / inside the EU), 5a (owed), 5b (input VAT), 5c (to pay).

The return must agree with the VAT accounts: the balance moved on every VAT account of the VAT
posting setup in the period equals minus the VAT to pay (checked and shown as ``agrees``).
Closing a period records the period's last day on the company (``vat_closed_through``); the
ledger writer then refuses VAT entries dated on or before it (VAT-PERIOD-CLOSED).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import audited_change
from domain.ledger.model import GLEntry, VATEntry
from domain.money import ZERO
from domain.problems import DomainError
from domain.setup.model.cards import Customer, Vendor
from domain.setup.model.company import VATPostingSetup
from domain.setup.queries import company

EU = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())

#: box code -> description, in the order the return shows them
NO_CODES = OrderedDict([
    ("3", "Utgående merverdiavgift, alminnelig sats (25 %)"),
    ("31", "Utgående merverdiavgift, redusert sats, middels (15 %)"),
    ("33", "Utgående merverdiavgift, redusert sats, lav (12 %)"),
    ("5", "Innenlands omsetning fritatt for merverdiavgift"),
    ("52", "Utførsel av varer og tjenester"),
    ("86", "Tjenester kjøpt fra utlandet, beregnet merverdiavgift (25 %)"),
    ("88", "Tjenester kjøpt fra utlandet, beregnet merverdiavgift (12 %)"),
    ("1", "Fradragsberettiget innenlands inngående merverdiavgift (25 %)"),
    ("11", "Fradragsberettiget innenlands inngående merverdiavgift (15 %)"),
    ("13", "Fradragsberettiget innenlands inngående merverdiavgift (12 %)"),
    ("86-D", "Tjenester kjøpt fra utlandet, fradrag (25 %)"),
    ("88-D", "Tjenester kjøpt fra utlandet, fradrag (12 %)"),
])
NL_RUBRIEKEN = OrderedDict([
    ("1a", "Leveringen/diensten belast met hoog tarief"),
    ("1b", "Leveringen/diensten belast met laag tarief"),
    ("1c", "Leveringen/diensten belast met overige tarieven, behalve 0%"),
    ("1e", "Leveringen/diensten belast met 0% of niet bij u belast"),
    ("2a", "Leveringen/diensten waarbij de heffing van omzetbelasting naar u is verlegd"),
    ("3a", "Leveringen naar landen buiten de EU (uitvoer)"),
    ("3b", "Leveringen naar of diensten in landen binnen de EU"),
    ("4a", "Leveringen/diensten uit landen buiten de EU"),
    ("4b", "Leveringen/diensten uit landen binnen de EU"),
    ("5a", "Verschuldigde omzetbelasting (rubrieken 1a t/m 4b)"),
    ("5b", "Voorbelasting"),
    ("5c", "Subtotaal (rubriek 5a min 5b)"),
])


@dataclass(frozen=True)
class Share:
    """What one VAT entry adds to one box: the base and the VAT, signed as the return shows them
    (output VAT positive, a deduction positive in its own box and subtracted in the total)."""

    code: str
    base: Decimal
    vat: Decimal
    deduction: bool = False


def classify(country: str, entry_type: str, calculation: str, vat_pct: Decimal, domestic: bool,
             partner_in_eu: bool, base: Decimal, amount: Decimal) -> list[Share]:
    """THE mapping from a VAT entry to the boxes of the return (see the module docstring).
    Sales entries are negative (credit), purchase entries positive (debit), as posted."""
    reverse = calculation == "reverse_charge"
    if country == "NO":
        if entry_type == "sale":
            if vat_pct == 0:
                return [Share("5" if domestic else "52", -base, ZERO)]
            return [Share(_no_rate(vat_pct, "3", "31", "33"), -base, -amount)]
        if reverse:
            code = "88" if vat_pct == Decimal(12) else "86"
            return [Share(code, base, amount), Share(f"{code}-D", base, amount, deduction=True)]
        if vat_pct == 0:
            return []  # code 0: no VAT treatment, not in the MVA-melding
        return [Share(_no_rate(vat_pct, "1", "11", "13"), base, amount, deduction=True)]
    if entry_type == "sale":
        if vat_pct == 0:
            return [Share("1e" if domestic else ("3b" if partner_in_eu else "3a"), -base, ZERO)]
        return [Share({Decimal(21): "1a", Decimal(9): "1b"}.get(vat_pct.normalize(), "1c"), -base, -amount)]
    if reverse:
        box = "2a" if domestic else ("4b" if partner_in_eu else "4a")
        return [Share(box, base, amount), Share("5b", ZERO, amount, deduction=True)]
    return [Share("5b", ZERO, amount, deduction=True)] if amount else []


def _no_rate(vat_pct: Decimal, high: str, middle: str, low: str) -> str:
    return {Decimal(15): middle, Decimal(12): low}.get(vat_pct.normalize(), high)


@dataclass(frozen=True)
class Period:
    label: str
    date_from: dt.date
    date_to: dt.date


def parse_period(text: str) -> Period:
    """YYYY-MM (a month), YYYY-Qn (a quarter, the usual Dutch aangifte) or YYYY-Tn (a Norwegian
    two-month term, termin 1..6)."""
    value = (text or "").strip().upper()
    match = re.fullmatch(r"(\d{4})-(\d{2})|(\d{4})-([QT])([1-6])", value)
    if match:
        if match.group(1):
            year, first, months = int(match.group(1)), int(match.group(2)), 1
        else:
            year, n = int(match.group(3)), int(match.group(5))
            months = 3 if match.group(4) == "Q" else 2
            first = (n - 1) * months + 1
        if 1 <= first and first + months - 1 <= 12:
            last = first + months - 1
            return Period(value, dt.date(year, first, 1),
                          dt.date(year, last, calendar.monthrange(year, last)[1]))
    raise DomainError("VAT-INVALID-PERIOD", f"period {text!r}: use YYYY-MM, YYYY-Qn or YYYY-Tn", period=text)


@dataclass
class VatReturn:
    country: str
    period: Period
    boxes: list[dict] = field(default_factory=list)
    output_vat: Decimal = ZERO
    deductible_vat: Decimal = ZERO
    vat_accounts_movement: Decimal = ZERO
    closed: bool = False
    entries: int = 0

    @property
    def payable(self) -> Decimal:
        return self.output_vat - self.deductible_vat

    @property
    def agrees(self) -> bool:
        return self.vat_accounts_movement == -self.payable

    def as_dict(self) -> dict:
        return {"country": self.country, "period": self.period.label, "from": self.period.date_from,
                "to": self.period.date_to, "boxes": self.boxes, "output_vat": self.output_vat,
                "deductible_vat": self.deductible_vat, "payable": self.payable,
                "vat_accounts_movement": self.vat_accounts_movement, "agrees_with_vat_accounts": self.agrees,
                "closed": self.closed, "vat_entries": self.entries}


def vat_accounts(session: Session) -> set[str]:
    accounts = set()
    for setup in session.scalars(select(VATPostingSetup)):
        accounts.update(a for a in (setup.sales_vat_account, setup.purchase_vat_account,
                                    setup.reverse_chrg_vat_account) if a)
    return accounts


def build(session: Session, period: Period) -> VatReturn:
    comp = company(session)
    result = VatReturn(comp.country, period)
    countries = {("sale", c.no): c.country for c in session.scalars(select(Customer))}
    countries.update({("purchase", v.no): v.country for v in session.scalars(select(Vendor))})
    names = NO_CODES if comp.country == "NO" else NL_RUBRIEKEN
    sums: dict[str, list[Decimal]] = {code: [ZERO, ZERO] for code in names}
    entries = session.scalars(select(VATEntry).where(VATEntry.posting_date >= period.date_from,
                                                     VATEntry.posting_date <= period.date_to)
                              .order_by(VATEntry.entry_no))
    for e in entries:
        result.entries += 1
        partner = countries.get((e.type, e.bill_to_pay_to_no), comp.country)
        for share in classify(comp.country, e.type, e.vat_calculation_type, e.vat_pct,
                              partner == comp.country, partner in EU, e.base, e.amount):
            sums[share.code][0] += share.base
            sums[share.code][1] += share.vat
            if share.deduction:
                result.deductible_vat += share.vat
            else:
                result.output_vat += share.vat
    if comp.country == "NL":
        sums["5a"] = [ZERO, result.output_vat]
        sums["5b"] = [ZERO, result.deductible_vat]
        sums["5c"] = [ZERO, result.payable]
    for code, description in names.items():
        base, vat = sums[code]
        if comp.country == "NO" and base == 0 and vat == 0:
            continue  # the MVA-melding lists the codes used
        result.boxes.append({"code": code, "description": description, "base": base, "vat": vat})
    accounts = vat_accounts(session)
    result.vat_accounts_movement = session.scalar(
        select(func.sum(GLEntry.amount)).where(
            GLEntry.gl_account_no.in_(accounts), GLEntry.posting_date >= period.date_from,
            GLEntry.posting_date <= period.date_to)) or ZERO
    closed = comp.vat_closed_through
    result.closed = closed is not None and period.date_to <= closed
    return result


def vat_return(app: App, period: str) -> VatReturn:
    parsed = parse_period(period)
    with app.uow() as session:
        return build(session, parsed)


def close_period(app: App, period: str) -> VatReturn:
    """Close the VAT period (needs setup.change; audited): refused while the period has not ended,
    when a later period is closed already, or when the return does not agree with the VAT accounts."""
    parsed = parse_period(period)

    def change(session: Session) -> VatReturn:
        comp = company(session)
        today = app.today(comp.time_zone)
        if parsed.date_to >= today:
            raise DomainError("VAT-PERIOD-NOT-ENDED", f"{parsed.label} ends {parsed.date_to}",
                              period=parsed.label, date_to=parsed.date_to.isoformat())
        if comp.vat_closed_through is not None and parsed.date_to <= comp.vat_closed_through:
            raise DomainError("VAT-PERIOD-ALREADY-CLOSED", f"closed through {comp.vat_closed_through}",
                              period=parsed.label, closed_through=comp.vat_closed_through.isoformat())
        built = build(session, parsed)
        if not built.agrees:
            raise DomainError("VAT-RETURN-DISAGREES", "the VAT entries do not agree with the VAT accounts",
                              period=parsed.label, payable=str(built.payable),
                              accounts=str(-built.vat_accounts_movement))
        comp.vat_closed_through = parsed.date_to
        built.closed = True
        return built

    def snapshot(session: Session) -> dict:
        closed = company(session).vat_closed_through
        return {"vat_closed_through": closed.isoformat() if closed else None}

    return audited_change(app, "setup.change", "setup.vat_period", parsed.label, change, snapshot,
                          {"period": parsed.label})
