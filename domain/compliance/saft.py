"""SAF-T Financial, Norway, schema v1.30 (Skatteetaten): ``ledgerflow export saft``.

The file holds the header (company with org.nr and contact, software, selection), the master
files (G/L accounts with their grouping code and opening/closing balances, customers and
suppliers with their balance on the receivables/payables account, the tax table with the
standard tax codes) and every G/L transaction of the period in one journal, each line with the
customer or supplier of a receivables/payables line and the tax information of a VAT line (and of
a base line at 0 %). Source documents (optional in the schema) are not written.

Balances: opening = every G/L entry before the period (ledgerflow has no year-end closing yet, so
income statement accounts carry earlier years too); closing = opening + the period's debits -
credits, so a period reaching the last entry closes on the trial balance.

Refused, with nothing written: a period that ends before it starts, a company without org.nr or
contact, G/L accounts without a grouping code, VAT posting setups without standard tax codes
(each problem names them).
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

NS = "urn:StandardAuditFile-Taxation-Financial:NO"
VERSION = "1.30"


_NS = af.Namespace(NS)
q, top, sub = _NS.q, _NS.top, _NS.sub


@dataclass(frozen=True)
class TaxCode:
    code: str  # the company's own code in the file: bus/prod/S|P
    standard: str
    pct: Decimal
    description: str


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
    missing = [name for name, value in (("org_no", comp.org_no), ("contact_name", comp.contact_name)) if not value]
    if missing:
        found.append(Problem("AUDITFILE-COMPANY-INCOMPLETE", None, {"fields": ", ".join(missing)}))
    accounts = session.scalars(select(GLAccount.no).where(GLAccount.account_type == "posting",
                                                          (GLAccount.grouping_code.is_(None))
                                                          | (GLAccount.grouping_category.is_(None)))
                               .order_by(GLAccount.no)).all()
    if accounts:
        found.append(Problem("AUDITFILE-GROUPING-CODE-MISSING", None, {"accounts": ", ".join(accounts)}))
    setups = [f"{v.vat_bus_posting_group} {v.vat_prod_posting_group}" for v in session.scalars(
        select(VATPostingSetup).order_by(VATPostingSetup.vat_bus_posting_group, VATPostingSetup.vat_prod_posting_group))
        if not v.sales_standard_tax_code or not v.purchase_standard_tax_code]
    if setups:
        found.append(Problem("AUDITFILE-STANDARD-TAX-CODE-MISSING", None, {"setups": ", ".join(setups)}))
    return found


def export(app: App, start: dt.date, end: dt.date, out: Path) -> Export | Rejected:
    """Write the SAF-T file of ``start``..``end`` to ``out`` (needs reports.read)."""
    require(app, app.user, "reports.read")
    with app.transaction() as uow:
        session = uow.session
        found = problems(session, start, end)
        if found:
            return Rejected(found)
        result: dict = {}
        af.write_atomically(out, lambda f: _write(f, session, app, start, end, result))
        return Export(str(out), **result)


def _name_parts(name: str) -> tuple[str, str]:
    first, _, last = af.text(name).rpartition(" ")
    return (first or last)[:35], last[:70]


def _write(f, session, app: App, start: dt.date, end: dt.date, result: dict) -> None:
    comp = af.company(session)
    balances = af.account_balances(session, start, end)
    totals = af.totals(session, start, end)
    setups = list(session.scalars(select(VATPostingSetup)))
    tax_codes = {}
    for v in setups:
        for side, standard in (("S", v.sales_standard_tax_code), ("P", v.purchase_standard_tax_code)):
            tax_codes[(v.vat_bus_posting_group, v.vat_prod_posting_group, side)] = TaxCode(
                f"{v.vat_bus_posting_group}/{v.vat_prod_posting_group}/{side}"[:70], standard, v.vat_pct,
                f"{v.vat_bus_posting_group} {v.vat_prod_posting_group} {'sales' if side == 'S' else 'purchases'}")
    vat_accounts = {(v.vat_bus_posting_group, v.vat_prod_posting_group): {
        a for a in (v.sales_vat_account, v.purchase_vat_account, v.reverse_chrg_vat_account) if a} for v in setups}
    pct = {(v.vat_bus_posting_group, v.vat_prod_posting_group): v.vat_pct for v in setups}
    receivables = {g.code: g.receivables_account for g in session.scalars(select(CustomerPostingGroup))}
    payables = {g.code: g.payables_account for g in session.scalars(select(VendorPostingGroup))}
    accounts = list(session.scalars(select(GLAccount).where(GLAccount.account_type == "posting")
                                    .order_by(GLAccount.no)))
    out = af.Stream(f)
    out.raw(f'<?xml version="1.0" encoding="UTF-8"?>\n<AuditFile xmlns="{NS}">')
    out.element(_header(comp, app, start, end))
    out.element(_master_files(session, accounts, balances, receivables, payables, tax_codes, start, end))
    out.raw(f"<GeneralLedgerEntries><NumberOfEntries>{totals.transactions}</NumberOfEntries>"
            f"<TotalDebit>{af.money(totals.debit)}</TotalDebit><TotalCredit>{af.money(totals.credit)}</TotalCredit>")
    if totals.transactions:
        out.raw("<Journal><JournalID>GL</JournalID><Description>Hovedbok: alle bilag</Description><Type>GL</Type>")
        money, groups = af.transactions(session, start, end)
        writer = _TransactionWriter(money, set(receivables.values()), set(payables.values()), vat_accounts, pct,
                                    tax_codes)
        for lines in groups:
            out.raw(writer.transaction(lines))
        out.raw("</Journal>")
    out.raw("</GeneralLedgerEntries></AuditFile>\n")
    out.flush()
    result.update(transactions=totals.transactions, lines=totals.lines, total_debit=totals.debit,
                  total_credit=totals.credit, accounts=len(accounts))


def _header(comp, app: App, start: dt.date, end: dt.date):
    h = top("Header")
    for tag, value in (("AuditFileVersion", VERSION), ("AuditFileCountry", "NO"),
                       ("AuditFileDateCreated", app.today(comp.time_zone).isoformat()),
                       ("SoftwareCompanyName", "ledgerflow"), ("SoftwareID", "ledgerflow"),
                       ("SoftwareVersion", af.software_version()[:18])):
        sub(h, tag, value)
    c = sub(h, "Company")
    sub(c, "RegistrationNumber", af.text(comp.org_no, 35))
    sub(c, "Name", af.text(comp.name, 256))
    contact = sub(sub(c, "Contact"), "ContactPerson")
    first, last = _name_parts(comp.contact_name)
    sub(contact, "FirstName", first)
    sub(contact, "LastName", last)
    if comp.vat_id:
        tax = sub(c, "TaxRegistration")
        sub(tax, "TaxRegistrationNumber", af.text(comp.vat_id, 35))
        sub(tax, "TaxAuthority", "Skatteetaten")
    sub(h, "DefaultCurrencyCode", comp.currency)
    sel = sub(h, "SelectionCriteria")
    sub(sel, "SelectionStartDate", start.isoformat())
    sub(sel, "SelectionEndDate", end.isoformat())
    sub(h, "TaxAccountingBasis", "A")
    if app.user:
        sub(h, "UserID", af.text(app.user, 256))
    return h


def _balance(parent, prefix: str, amount: Decimal) -> None:
    sub(parent, f"{prefix}{'Debit' if amount >= 0 else 'Credit'}Balance", af.money(abs(amount)))


def _master_files(session, accounts, balances, receivables, payables, tax_codes, start, end):
    m = top("MasterFiles")
    gl = sub(m, "GeneralLedgerAccounts")
    for a in accounts:
        b = balances.get(a.no, af.Balance())
        el = sub(gl, "Account")
        sub(el, "AccountID", af.text(a.no, 70))
        sub(el, "AccountDescription", af.text(a.name, 256) or a.no)
        sub(el, "GroupingCategory", a.grouping_category)
        sub(el, "GroupingCode", a.grouping_code)
        sub(el, "AccountType", "GL")
        _balance(el, "Opening", b.opening)
        _balance(el, "Closing", b.closing)
    for party, model, tag, id_tag, groups, group_of in (
            ("customer", Customer, "Customer", "CustomerID", receivables, lambda p: p.customer_posting_group),
            ("vendor", Vendor, "Supplier", "SupplierID", payables, lambda p: p.vendor_posting_group)):
        rows = list(session.scalars(select(model).order_by(model.no)))
        if not rows:
            continue
        party_balances = af.party_balances(session, party, start, end)
        wrapper = sub(m, "Customers" if party == "customer" else "Suppliers")
        for p in rows:
            el = sub(wrapper, tag)
            if p.org_no:
                sub(el, "RegistrationNumber", af.text(p.org_no, 35))
            sub(el, "Name", af.text(p.name, 256) or p.no)
            if p.address or p.city or p.post_code:
                addr = sub(el, "Address")
                for t, v, n in (("StreetName", p.address, 256), ("City", p.city, 256),
                                ("PostalCode", p.post_code, 70)):
                    if v:
                        sub(addr, t, af.text(v, n))
                sub(addr, "Country", p.country)
            if p.vat_id:
                sub(sub(el, "TaxRegistration"), "TaxRegistrationNumber", af.text(p.vat_id, 35))
            sub(el, id_tag, af.text(p.no, 35))
            b = party_balances.get(p.no, af.Balance())
            acc = sub(el, "BalanceAccount")
            sub(acc, "AccountID", groups.get(group_of(p)))
            _balance(acc, "Opening", b.opening)
            _balance(acc, "Closing", b.closing)
    table = sub(sub(m, "TaxTable"), "TaxTableEntry")
    sub(table, "TaxType", "MVA")
    sub(table, "Description", "Merverdiavgift")
    for t in tax_codes.values():
        d = sub(table, "TaxCodeDetails")
        sub(d, "TaxCode", t.code)
        sub(d, "Description", af.text(t.description, 256))
        sub(d, "TaxPercentage", f"{t.pct:.2f}")
        sub(d, "Country", "NO")
        sub(d, "StandardTaxCode", t.standard)
        sub(d, "BaseRate", "100")
    return m


class _TransactionWriter:
    """A transaction as SAF-T text, from prepared fragments (escaped values cached per account,
    party and tax code: they repeat on every line)."""

    def __init__(self, money, receivables, payables, vat_accounts, pct, tax_codes):
        self.money, self.receivables, self.payables = money, receivables, payables
        self.vat_accounts, self.pct, self.tax_codes = vat_accounts, pct, tax_codes
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
        parts = [f"<Transaction><TransactionID>{first.transaction_no}</TransactionID><Period>{int(date[5:7])}"
                 f"</Period><PeriodYear>{date[:4]}</PeriodYear><TransactionDate>{date}</TransactionDate>"]
        if first.user_id:
            parts.append(f"<SourceID>{self._esc(first.user_id, 35)}</SourceID>")
        parts.append(f"<VoucherType>{self._esc(first.document_type, 70)}</VoucherType><Description>"
                     f"{af.esc(f'{first.document_type} {first.document_no}', 256)}</Description><SystemEntryDate>"
                     f"{first.created}</SystemEntryDate><GLPostingDate>{date}</GLPostingDate>")
        money = self.money
        for row in lines:
            document = self._esc(row.document_no, 35)
            parts.append(f"<Line><RecordID>{row.entry_no}</RecordID><AccountID>{self._esc(row.account, 70)}"
                         f"</AccountID><SourceDocumentID>{document}</SourceDocumentID>")
            if row.source_no and row.source_type == "customer" and row.account in self.receivables:
                parts.append(f"<CustomerID>{self._esc(row.source_no, 35)}</CustomerID>")
            elif row.source_no and row.source_type == "vendor" and row.account in self.payables:
                parts.append(f"<SupplierID>{self._esc(row.source_no, 35)}</SupplierID>")
            parts.append(f"<Description>{af.esc(row.description, 256) or document}</Description>")
            if row.debit != 0 or row.credit == 0:
                parts.append(f"<DebitAmount><Amount>{money(row.debit)}</Amount></DebitAmount>")
            else:
                parts.append(f"<CreditAmount><Amount>{money(row.credit)}</Amount></CreditAmount>")
            if row.gen_posting_type in ("purchase", "sale") and row.vat_bus and row.vat_prod:
                parts.append(self._tax(row))
            parts.append("</Line>")
        parts.append("</Transaction>")
        return "".join(parts)

    def _tax(self, row) -> str:
        key = (row.vat_bus, row.vat_prod)
        code = self.tax_codes.get((*key, "S" if row.gen_posting_type == "sale" else "P"))
        if code is None:
            return ""
        is_vat_line = row.account in self.vat_accounts.get(key, ())
        if not is_vat_line and self.pct.get(key) != 0:
            return ""
        net = row.debit - row.credit
        head = (f"<TaxInformation><TaxType>MVA</TaxType><TaxCode>{self._esc(code.code, 70)}</TaxCode>"
                f"<TaxPercentage>{code.pct:.2f}</TaxPercentage><Country>NO</Country>")
        if is_vat_line:
            tax = self.money(abs(net))
        else:
            head += f"<TaxBase>{self.money(abs(net))}</TaxBase>"
            tax = "0.00"
        side = "DebitTaxAmount" if net >= 0 else "CreditTaxAmount"
        return f"{head}<{side}><Amount>{tax}</Amount></{side}></TaxInformation>"


__all__ = ["export", "problems", "Export", "NS", "VERSION"]
