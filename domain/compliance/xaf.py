"""XML Auditfile Financieel 3.2 (the Dutch tax authority's audit file): ``ledgerflow export xaf``.

Header (fiscal year, period, currency, software), company (KvK number, name, BTW number), the
customers and suppliers, the general ledger accounts (with the RGS reference code as lead code),
the VAT codes (one per VAT posting setup), the periods (months), the opening balance of every
account with a balance before the period, and every G/L transaction of the period in one journal;
a receivables/payables line names its customer or supplier, a VAT line its VAT code.

Balances follow the SAF-T export (domain/compliance/saft.py): opening = every entry before the
period, closing = opening + the period's lines. Refused, with nothing written: a reversed period,
a company without a BTW number (taxRegIdent is mandatory).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from domain.app import App
from domain.compliance import auditfile as af
from domain.identity.access import require
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Customer, Vendor
from domain.setup.model.company import CustomerPostingGroup, GLAccount, VATPostingSetup, VendorPostingGroup

NS = "http://www.auditfiles.nl/XAF/3.2"


_NS = af.Namespace(NS)
q, top, sub = _NS.q, _NS.top, _NS.sub


@dataclass(frozen=True)
class Export:
    path: str
    transactions: int
    lines: int
    total_debit: Decimal
    total_credit: Decimal
    accounts: int


def problems(session, start: dt.date, end: dt.date) -> list[Problem]:
    found = af.period_problems(start, end)
    comp = af.company(session)
    if not comp.vat_id:
        found.append(Problem("AUDITFILE-COMPANY-INCOMPLETE", None, {"fields": "vat_id"}))
    return found


def export(app: App, start: dt.date, end: dt.date, out: Path) -> Export | Rejected:
    """Write the XAF 3.2 file of ``start``..``end`` to ``out`` (needs reports.read)."""
    require(app, app.user, "reports.read")
    with app.transaction() as uow:
        session = uow.session
        found = problems(session, start, end)
        if found:
            return Rejected(found)
        result: dict = {}
        af.write_atomically(out, lambda f: _write(f, session, app, start, end, result))
        return Export(str(out), **result)


def _dc(amount: Decimal) -> tuple[str, str]:
    return af.money(abs(amount)), "D" if amount >= 0 else "C"


def _write(f, session, app: App, start: dt.date, end: dt.date, result: dict) -> None:
    comp = af.company(session)
    balances = af.account_balances(session, start, end)
    totals = af.totals(session, start, end)
    setups = list(session.scalars(select(VATPostingSetup).order_by(VATPostingSetup.id)))
    vat_accounts = {(v.vat_bus_posting_group, v.vat_prod_posting_group): {
        a for a in (v.sales_vat_account, v.purchase_vat_account, v.reverse_chrg_vat_account) if a} for v in setups}
    pct = {(v.vat_bus_posting_group, v.vat_prod_posting_group): v.vat_pct for v in setups}
    receivables = {g.receivables_account for g in session.scalars(select(CustomerPostingGroup))}
    payables = {g.payables_account for g in session.scalars(select(VendorPostingGroup))}
    accounts = list(session.scalars(select(GLAccount).where(GLAccount.account_type == "posting")
                                    .order_by(GLAccount.no)))
    out = af.Stream(f)
    out.raw(f'<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="{NS}">')
    header = top("header")
    for tag, value in (("fiscalYear", str(start.year) if start.year == end.year else f"{start.year}-{end.year}"[:9]),
                       ("startDate", start.isoformat()), ("endDate", end.isoformat()), ("curCode", comp.currency),
                       ("dateCreated", app.today(comp.time_zone).isoformat()), ("softwareDesc", "ledgerflow"),
                       ("softwareVersion", af.software_version()[:20])):
        sub(header, tag, value)
    out.element(header)
    out.raw("<company>")
    if comp.org_no:
        out.raw(f"<companyIdent>{af.esc(comp.org_no, 35)}</companyIdent>")
    out.raw(f"<companyName>{af.esc(comp.name, 999)}</companyName><taxRegistrationCountry>{comp.country}"
            f"</taxRegistrationCountry><taxRegIdent>{af.esc(comp.vat_id, 30)}</taxRegIdent>")
    out.element(_parties(session))
    out.element(_ledger(accounts))
    out.element(_vat_codes(setups))
    periods = top("periods")
    for number, first, last in af.months(start, end):
        p = sub(periods, "period")
        sub(p, "periodNumber", str(number))
        sub(p, "periodDesc", first.strftime("%Y-%m"))
        sub(p, "startDatePeriod", first.isoformat())
        sub(p, "endDatePeriod", last.isoformat())
    out.element(periods)
    out.element(_opening(start, accounts, balances))
    out.raw(f"<transactions><linesCount>{totals.lines}</linesCount><totalDebit>{af.money(totals.debit)}"
            f"</totalDebit><totalCredit>{af.money(totals.credit)}</totalCredit>")
    if totals.lines:
        out.raw("<journal><jrnID>GL</jrnID><desc>Grootboek: alle boekingen</desc><jrnTp>Z</jrnTp>")
        money, groups = af.transactions(session, start, end)
        writer = _TransactionWriter(money, start, receivables, payables, vat_accounts, pct)
        for lines in groups:
            out.raw(writer.transaction(lines))
        out.raw("</journal>")
    out.raw("</transactions></company></auditfile>\n")
    out.flush()
    result.update(transactions=totals.transactions, lines=totals.lines, total_debit=totals.debit,
                  total_credit=totals.credit, accounts=len(accounts))


def _parties(session):
    parties: dict[str, tuple[object, str]] = {}
    for p in session.scalars(select(Customer).order_by(Customer.no)):
        parties[p.no] = (p, "C")
    for p in session.scalars(select(Vendor).order_by(Vendor.no)):
        parties[p.no] = (parties[p.no][0], "B") if p.no in parties else (p, "S")
    wrapper = top("customersSuppliers")
    for no, (p, kind) in sorted(parties.items()):
        el = sub(wrapper, "customerSupplier")
        sub(el, "custSupID", af.text(no, 35))
        sub(el, "custSupName", af.text(p.name, 50))
        if getattr(p, "kvk_no", None):
            sub(el, "commerceNr", af.text(p.kvk_no, 999))
        if p.vat_id:
            sub(el, "taxRegistrationCountry", p.country)
            sub(el, "taxRegIdent", af.text(p.vat_id, 30))
        sub(el, "custSupTp", kind)
        if p.address or p.city or p.post_code:
            addr = sub(el, "streetAddress")
            for tag, value, n in (("streetname", p.address, 999), ("city", p.city, 50), ("postalCode", p.post_code, 10)):
                if value:
                    sub(addr, tag, af.text(value, n))
            sub(addr, "country", p.country)
    return wrapper


def _ledger(accounts):
    gl = top("generalLedger")
    for a in accounts:
        el = sub(gl, "ledgerAccount")
        sub(el, "accID", af.text(a.no, 35))
        sub(el, "accDesc", af.text(a.name, 999) or a.no)
        sub(el, "accTp", "B" if a.income_balance == "balance_sheet" else "P")
        if a.reporting_code:
            sub(el, "leadCode", af.text(a.reporting_code, 999))
    return gl


def _vat_codes(setups):
    codes = top("vatCodes")
    for v in setups:
        el = sub(codes, "vatCode")
        sub(el, "vatID", af.text(f"{v.vat_bus_posting_group}/{v.vat_prod_posting_group}", 35))
        sub(el, "vatDesc", af.text(f"{v.vat_bus_posting_group} {v.vat_prod_posting_group} {v.vat_pct:.2f} %"
                                   f" ({v.calculation_type})", 999))
        if v.sales_vat_account:
            sub(el, "vatToPayAccID", v.sales_vat_account)
        if v.purchase_vat_account:
            sub(el, "vatToClaimAccID", v.purchase_vat_account)
    return codes


def _opening(start: dt.date, accounts, balances):
    ob = top("openingBalance")
    sub(ob, "opBalDate", start.isoformat())
    lines = [(a.no, balances[a.no].opening) for a in accounts if a.no in balances and balances[a.no].opening]
    sub(ob, "linesCount", str(len(lines)))
    sub(ob, "totalDebit", af.money(sum((x for _, x in lines if x > 0), Decimal(0))))
    sub(ob, "totalCredit", af.money(sum((-x for _, x in lines if x < 0), Decimal(0))))
    for n, (no, amount) in enumerate(lines, 1):
        el = sub(ob, "obLine")
        sub(el, "nr", str(n))
        sub(el, "accID", no)
        value, side = _dc(amount)
        sub(el, "amnt", value)
        sub(el, "amntTp", side)
    return ob


class _TransactionWriter:
    """A transaction as XAF text, from prepared fragments (escaped values cached)."""

    def __init__(self, money, start, receivables, payables, vat_accounts, pct):
        self.money, self.start, self.receivables, self.payables = money, start, receivables, payables
        self.vat_accounts, self.pct = vat_accounts, pct
        self.cache: dict = {}

    def _esc(self, value, limit):
        key = (value, limit)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = af.esc(value, limit)
        return found

    def transaction(self, lines) -> str:
        first = lines[0]
        date = first.posting_date
        period = (int(date[:4]) - self.start.year) * 12 + int(date[5:7])
        parts = [f"<transaction><nr>{first.transaction_no}</nr><desc>"
                 f"{af.esc(f'{first.document_type} {first.document_no}')}</desc><periodNumber>{period}"
                 f"</periodNumber><trDt>{date}</trDt>"]
        if first.user_id:
            parts.append(f"<sourceID>{self._esc(first.user_id, 35)}</sourceID>")
        money = self.money
        for row in lines:
            net = row.debit - row.credit
            amount, side = money(abs(net)), "D" if net >= 0 else "C"
            parts.append(f"<trLine><nr>{row.entry_no}</nr><accID>{self._esc(row.account, 35)}</accID><docRef>"
                         f"{self._esc(row.document_no, 999)}</docRef><effDate>{row.posting_date}</effDate><desc>"
                         f"{af.esc(row.description)}</desc><amnt>{amount}</amnt><amntTp>{side}</amntTp>")
            if row.source_no and ((row.source_type == "customer" and row.account in self.receivables)
                                  or (row.source_type == "vendor" and row.account in self.payables)):
                parts.append(f"<custSupID>{self._esc(row.source_no, 35)}</custSupID>")
            key = (row.vat_bus, row.vat_prod)
            if row.gen_posting_type in ("purchase", "sale") and row.account in self.vat_accounts.get(key, ()):
                parts.append(f"<vat><vatID>{self._esc(f'{key[0]}/{key[1]}', 35)}</vatID><vatPerc>{self.pct[key]:.3f}"
                             f"</vatPerc><vatAmnt>{amount}</vatAmnt><vatAmntTp>{side}</vatAmntTp></vat>")
            parts.append("</trLine>")
        parts.append("</transaction>")
        return "".join(parts)


__all__ = ["export", "problems", "Export", "NS"]
