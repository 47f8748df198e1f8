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

from lxml import etree
from sqlalchemy import select

from domain.app import App
from domain.compliance import auditfile as af
from domain.identity.access import require
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Customer, Vendor
from domain.setup.model.company import CustomerPostingGroup, GLAccount, VATPostingSetup, VendorPostingGroup

NS = "http://www.auditfiles.nl/XAF/3.2"
_Q: dict[str, str] = {}


def q(tag: str) -> str:
    name = _Q.get(tag)
    if name is None:
        name = _Q[tag] = f"{{{NS}}}{tag}"
    return name


def top(tag: str):
    return etree.Element(q(tag), nsmap={None: NS})


def leaf(xf, tag: str, value: str) -> None:
    """A text element written straight to the stream."""
    with xf.element(q(tag)):
        xf.write(value)


def sub(parent, tag: str, value=None):
    el = etree.SubElement(parent, q(tag))
    if value is not None:
        el.text = value
    return el


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
    with etree.xmlfile(f, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(q("auditfile"), nsmap={None: NS}):
            header = top("header")
            for tag, value in (("fiscalYear", str(start.year) if start.year == end.year
                                else f"{start.year}-{end.year}"[:9]),
                               ("startDate", start.isoformat()), ("endDate", end.isoformat()),
                               ("curCode", comp.currency), ("dateCreated", app.today(comp.time_zone).isoformat()),
                               ("softwareDesc", "ledgerflow"), ("softwareVersion", af.software_version()[:20])):
                sub(header, tag, value)
            xf.write(header)
            with xf.element(q("company")):
                head = []
                if comp.org_no:
                    head.append(("companyIdent", af.text(comp.org_no, 35)))
                head += [("companyName", af.text(comp.name, 999)), ("taxRegistrationCountry", comp.country),
                         ("taxRegIdent", af.text(comp.vat_id, 30))]
                for tag, value in head:
                    leaf(xf, tag, value)
                xf.write(_parties(session))
                xf.write(_ledger(accounts))
                xf.write(_vat_codes(setups))
                periods = top("periods")
                for number, first, last in af.months(start, end):
                    p = sub(periods, "period")
                    sub(p, "periodNumber", str(number))
                    sub(p, "periodDesc", first.strftime("%Y-%m"))
                    sub(p, "startDatePeriod", first.isoformat())
                    sub(p, "endDatePeriod", last.isoformat())
                xf.write(periods)
                xf.write(_opening(start, accounts, balances))
                with xf.element(q("transactions")):
                    for tag, value in (("linesCount", str(totals.lines)), ("totalDebit", af.money(totals.debit)),
                                       ("totalCredit", af.money(totals.credit))):
                        leaf(xf, tag, value)
                    if totals.lines:
                        with xf.element(q("journal")):
                            for tag, value in (("jrnID", "GL"), ("desc", "Grootboek: alle boekingen"), ("jrnTp", "Z")):
                                leaf(xf, tag, value)
                            for lines in af.transactions(session, start, end):
                                xf.write(_transaction(lines, start, receivables, payables, vat_accounts, pct))
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


def _transaction(lines, start, receivables, payables, vat_accounts, pct):
    first = lines[0]
    t = top("transaction")
    sub(t, "nr", str(first.transaction_no))
    sub(t, "desc", af.text(f"{first.document_type} {first.document_no}"))
    sub(t, "periodNumber", str(af.period_number(start, first.posting_date)))
    sub(t, "trDt", first.posting_date.isoformat())
    if first.user_id:
        sub(t, "sourceID", af.text(first.user_id, 35))
    for row in lines:
        line = sub(t, "trLine")
        sub(line, "nr", str(row.entry_no))
        sub(line, "accID", row.gl_account_no)
        sub(line, "docRef", af.text(row.document_no, 999))
        sub(line, "effDate", row.posting_date.isoformat())
        sub(line, "desc", af.text(row.description))
        value, side = _dc(row.amount)
        sub(line, "amnt", value)
        sub(line, "amntTp", side)
        if row.source_no and ((row.source_type == "customer" and row.gl_account_no in receivables)
                              or (row.source_type == "vendor" and row.gl_account_no in payables)):
            sub(line, "custSupID", af.text(row.source_no, 35))
        key = (row.vat_bus_posting_group, row.vat_prod_posting_group)
        if row.gen_posting_type in ("purchase", "sale") and row.gl_account_no in vat_accounts.get(key, ()):
            vat = sub(line, "vat")
            sub(vat, "vatID", af.text(f"{key[0]}/{key[1]}", 35))
            sub(vat, "vatPerc", f"{pct[key]:.3f}")
            sub(vat, "vatAmnt", value)
            sub(vat, "vatAmntTp", side)
    return t


__all__ = ["export", "problems", "Export", "NS"]
