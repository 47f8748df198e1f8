"""The setup the statutory audit files need: SAF-T grouping codes on G/L accounts, SAF-T standard
tax codes on the VAT posting setup, and the company's identity (org.nr / KvK, VAT id, contact).

``init`` fills them in for the Norwegian demo chart (only where empty: a code a user set is kept);
the use cases here set them one at a time, need setup.change and are audited.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.nl import btw as nl_btw

from domain import identifiers as ids
from domain.app import App
from domain.identity.access import audited_change
from domain.problems import DomainError, Rejected, RejectedError
from domain.setup.charts import CountryChart
from domain.setup.charts.saft_codes import (
    NO_GROUPING,
    NO_STANDARD_TAX_CODES,
    categories_of,
    grouping_codes,
    standard_tax_codes,
)
from domain.setup.demo import no_org
from domain.setup.model.company import Company, GLAccount, VATPostingSetup


def _demo_btw() -> str:
    for n in range(859000000, 859000999):
        if nl_btw.is_valid(f"NL{n}B01"):
            return f"NL{n}B01"
    raise ValueError("no valid BTW number")  # pragma: no cover


def ensure_saft_setup(session: Session, chart: CountryChart, demo: bool) -> int:
    """Fill in what ``init`` knows: the NO demo chart's grouping and standard tax codes; for a demo
    company also its org.nr (NO) or KvK number (NL), VAT id and contact. Returns rows changed."""
    n = 0
    if chart.country == "NO":
        for account in session.scalars(select(GLAccount).where(GLAccount.no.in_(NO_GROUPING))):
            if account.grouping_code is None:
                account.grouping_category, account.grouping_code = NO_GROUPING[account.no]
                n += 1
        for setup in session.scalars(select(VATPostingSetup)):
            codes = NO_STANDARD_TAX_CODES.get((setup.vat_bus_posting_group, setup.vat_prod_posting_group))
            if codes and setup.sales_standard_tax_code is None and setup.purchase_standard_tax_code is None:
                setup.sales_standard_tax_code, setup.purchase_standard_tax_code = codes
                n += 1
    company = session.get(Company, 1)
    if demo and company is not None and company.org_no is None:
        if chart.country == "NO":
            company.org_no = no_org("92000000")
            company.vat_id = f"NO{company.org_no}MVA"
        else:
            company.org_no, company.vat_id = "87654321", _demo_btw()
        n += 1
    if demo and company is not None and not company.contact_name:  # the demo data may have set the org.nr
        company.contact_name = "Kari Nordmann" if chart.country == "NO" else "Anne de Vries"
        n += 1
    return n


def set_grouping(app: App, account_no: str, code: str, category: str | None = None) -> dict:
    """Give G/L account ``account_no`` a SAF-T grouping code (the category follows from the code,
    which is unique in the v1.30 list; a given category must match it)."""
    code = code.strip()
    categories = categories_of(code)
    if category is not None:
        category = category.strip()
        if (category, code) not in grouping_codes():
            raise DomainError("SETUP-GROUPING-CODE-UNKNOWN", f"{category}/{code} is not in the SAF-T v1.30 list",
                              value=f"{category}/{code}")
    elif len(categories) != 1:
        raise DomainError("SETUP-GROUPING-CODE-UNKNOWN", f"{code} is not in the SAF-T v1.30 list", value=code)
    else:
        category = categories[0]

    def account(session) -> GLAccount:
        row = session.get(GLAccount, account_no)
        if row is None:
            raise DomainError("NOT-FOUND", f"no G/L account {account_no!r}", no=account_no)
        return row

    def change(session) -> dict:
        row = account(session)
        row.grouping_category, row.grouping_code = category, code
        return {"account_no": row.no, "grouping_category": category, "grouping_code": code}

    def snapshot(session) -> dict:
        row = account(session)
        return {"grouping_category": row.grouping_category, "grouping_code": row.grouping_code}

    return audited_change(app, "setup.change", "setup.gl-account", f"G/L account {account_no}", change, snapshot,
                          {"grouping_category": category, "grouping_code": code})


def set_standard_tax_codes(app: App, bus: str, prod: str, sales: str | None, purchase: str | None) -> dict:
    """Map VAT posting setup ``bus`` x ``prod`` to SAF-T standard tax codes (None keeps a side)."""
    known = standard_tax_codes()
    for value in (sales, purchase):
        if value is not None and value.strip() not in known:
            raise DomainError("SETUP-STANDARD-TAX-CODE-UNKNOWN", f"{value} is not a SAF-T standard tax code",
                              value=value)

    def setup(session) -> VATPostingSetup:
        row = session.scalars(select(VATPostingSetup).where(VATPostingSetup.vat_bus_posting_group == bus,
                                                            VATPostingSetup.vat_prod_posting_group == prod)).first()
        if row is None:
            raise DomainError("NOT-FOUND", f"no VAT posting setup {bus} {prod}", no=f"{bus} {prod}")
        return row

    def change(session) -> dict:
        row = setup(session)
        if sales is not None:
            row.sales_standard_tax_code = sales.strip()
        if purchase is not None:
            row.purchase_standard_tax_code = purchase.strip()
        return {"vat_bus_posting_group": bus, "vat_prod_posting_group": prod,
                "sales_standard_tax_code": row.sales_standard_tax_code,
                "purchase_standard_tax_code": row.purchase_standard_tax_code}

    def snapshot(session) -> dict:
        row = setup(session)
        return {"sales": row.sales_standard_tax_code, "purchase": row.purchase_standard_tax_code}

    return audited_change(app, "setup.change", "setup.vat", f"VAT posting setup {bus} {prod}", change, snapshot,
                          {"sales": sales, "purchase": purchase})


def set_company(app: App, name: str | None = None, org_no: str | None = None, vat_id: str | None = None,
                contact_name: str | None = None) -> dict:
    """The company's name, organisation number (NO: org.nr, checked; NL: KvK number, checked), VAT id
    (checked) and contact person; None keeps a value."""
    with app.uow() as session:
        row = _company(session)
        country, current = row.country, (row.org_no, row.vat_id)
    org_no, vat_id = checked_company_ids(country, org_no, vat_id, *current)
    values = {k: v for k, v in (("name", name), ("org_no", org_no), ("vat_id", vat_id),
                                ("contact_name", contact_name)) if v is not None}

    def change(session) -> dict:
        row = _company(session)
        for key, value in values.items():
            setattr(row, key, value.strip() if isinstance(value, str) else value)
        return {"name": row.name, "org_no": row.org_no, "vat_id": row.vat_id, "contact_name": row.contact_name}

    def snapshot(session) -> dict:
        row = _company(session)
        return {"name": row.name, "org_no": row.org_no, "vat_id": row.vat_id, "contact_name": row.contact_name}

    return audited_change(app, "setup.change", "setup.company", "company", change, snapshot, values)


def checked_company_ids(country: str, org_no: str | None, vat_id: str | None, current_org: str | None = None,
                        current_vat: str | None = None) -> tuple[str | None, str | None]:
    """The company's org.nr / KvK number and VAT id, checked together (``identifiers.company_ids``);
    every problem at once, refused before anything is written."""
    org_no, vat_id, problems = ids.company_ids(country, org_no, vat_id, current_org, current_vat)
    if problems:
        raise RejectedError(Rejected(problems))
    return org_no, vat_id


def _company(session) -> Company:
    row = session.get(Company, 1)
    if row is None:
        raise DomainError("SETUP-NO-COMPANY", "no company: run ledgerflow init first")
    return row


__all__ = ["ensure_saft_setup", "set_grouping", "set_standard_tax_codes", "set_company"]
