"""`ledgerflow init`: a company that is ready to post, and optional demo data.

Safe to run twice: every row is inserted only when missing, nothing a user
changed is overwritten, and a second run with another country is refused.
It makes the user ``admin`` with the administrator role (the CLI acts as
``admin`` when no --user is given); it needs no permission itself, because
whoever runs it holds the database file or URL anyway.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.services import ensure_administrator
from domain.problems import DomainError
from domain.setup.charts import NUMBER_SERIES, CountryChart
from domain.setup.charts.netherlands import CHART as NL
from domain.setup.charts.norway import CHART as NO
from domain.setup.demo import ensure_demo
from domain.setup.model.cards import ItemCharge
from domain.setup.model.company import (
    Company,
    CustomerPostingGroup,
    GenBusPostingGroup,
    GeneralPostingSetup,
    GenProdPostingGroup,
    GLAccount,
    InventoryPostingGroup,
    InventoryPostingSetup,
    NumberSeries,
    PaymentTerms,
    VATBusPostingGroup,
    VATPostingSetup,
    VATProdPostingGroup,
    VendorPostingGroup,
)
from domain.setup.records import ensure, ensure_location, ensure_unique  # noqa: F401  (ensure_location: public API)
from domain.setup.saft_setup import ensure_saft_setup

CHARTS = {"NO": NO, "NL": NL}


def initialize(app: App, country: str, demo: bool = False, company_name: str | None = None) -> dict:
    country = country.upper()
    if country not in CHARTS:
        raise DomainError("INIT-UNSUPPORTED-COUNTRY", f"country must be NO or NL, not {country!r}",
                          country=country)
    chart = CHARTS[country]
    with app.uow() as session:
        existing = session.scalars(select(Company)).first()
        if existing is not None and existing.country != country:
            raise DomainError("INIT-COUNTRY-MISMATCH",
                              f"this database already holds a {existing.country} company", country=country,
                              existing=existing.country)
        created = _ensure_setup(session, chart, company_name)
        if demo:
            created += ensure_demo(session, chart)
        created += ensure_saft_setup(session, chart, demo)
        created += ensure_administrator(session)
    return {"country": country, "rows_created": created, "demo": demo}


def _ensure_setup(session: Session, chart: CountryChart, company_name: str | None) -> int:
    n = 0
    if session.scalars(select(Company)).first() is None:
        name = company_name or ("Demo Handel AS" if chart.country == "NO" else "Demo Handel B.V.")
        session.add(Company(id=1, name=name, country=chart.country, currency=chart.currency,
                              time_zone=chart.time_zone, automatic_cost_posting=True))
        n += 1
    for code, description, prefix in NUMBER_SERIES:
        n += ensure(session, NumberSeries, code, code=code, description=description, prefix=prefix,
                     width=6, last_no=0, gap_free=True)
    for code, description in chart.vat_bus:
        n += ensure(session, VATBusPostingGroup, code, code=code, description=description)
    for code, description in chart.vat_prod:
        n += ensure(session, VATProdPostingGroup, code, code=code, description=description)
    for code, description, vat in chart.gen_bus:
        n += ensure(session, GenBusPostingGroup, code, code=code, description=description,
                     default_vat_bus_posting_group=vat)
    for code, description, vat in chart.gen_prod:
        n += ensure(session, GenProdPostingGroup, code, code=code, description=description,
                     default_vat_prod_posting_group=vat)
    for no, name, kind, gen_prod, vat_prod, reporting in chart.accounts:
        n += ensure(session, GLAccount, no, no=no, name=name, income_balance=kind,
                     gen_prod_posting_group=gen_prod, vat_prod_posting_group=vat_prod,
                     reporting_code=reporting,
                     direct_posting=no not in chart.no_direct_posting)
    for bus, prod, pct, calc, purch, sales, reverse, tax in chart.vat_setup:
        n += ensure_unique(session, VATPostingSetup,
                            {"vat_bus_posting_group": bus, "vat_prod_posting_group": prod},
                            vat_pct=pct, calculation_type=calc, vat_identifier=f"{prod}{pct}",
                            purchase_vat_account=purch, sales_vat_account=sales,
                            reverse_chrg_vat_account=reverse, tax_code=tax)
    for bus in [""] + [code for code, _, _ in chart.gen_bus]:
        for prod, accounts in chart.general_setup.items():
            values = {**accounts, **chart.general_bus_overrides.get(bus, {}),
                      "purch_prepayments_account": chart.prepayment_account,
                      "sales_prepayments_account": chart.sales_prepayment_account}
            n += ensure_unique(session, GeneralPostingSetup,
                                {"gen_bus_posting_group": bus, "gen_prod_posting_group": prod}, **values)
    n += ensure(session, InventoryPostingGroup, "RESALE", code="RESALE", description="Resale items")
    n += ensure_unique(session, InventoryPostingSetup,
                        {"location_code": "", "inventory_posting_group": "RESALE"},
                        inventory_account=chart.inventory_account,
                        inventory_account_interim=chart.inventory_account_interim)
    for code, _, _ in chart.gen_bus:
        n += ensure(session, VendorPostingGroup, code, code=code, description=code,
                     payables_account=chart.payables_account, prepayment_account=chart.prepayment_account,
                     invoice_rounding_account=chart.invoice_rounding_account)
        n += ensure(session, CustomerPostingGroup, code, code=code, description=code,
                     receivables_account=chart.receivables_account)
    for code, description, due, disc_formula, disc in chart.payment_terms:
        n += ensure(session, PaymentTerms, code, code=code, description=description,
                     due_date_formula=due, discount_date_formula=disc_formula,
                     discount_pct=Decimal(disc))
    n += ensure(session, ItemCharge, "FREIGHT", no="FREIGHT", description="Freight / frakt",
                 gen_prod_posting_group="FREIGHT", vat_prod_posting_group="HIGH")
    return n
