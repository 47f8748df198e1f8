"""Demo master data: realistic vendors, customers, items, a location and users.

Identifiers are made valid at run time from the check-digit algorithms
(python-stdnum), so the demo never ships an identifier that fails its check.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum import iban as stdnum_iban
from stdnum.no import kontonr, orgnr

from domain.identity.model import User, UserRole
from domain.setup.charts import CountryChart
from domain.setup.model.cards import Customer, Item, Vendor
from domain.setup.model.company import Company
from domain.setup.records import ensure, ensure_location

#: the demo users' roles: admin manages everything (and is the example's approval
#: administrator); kari and ola buy, sell, keep stock, post and decide approvals, but
#: change no setup, users or approval workflows
DEMO_ROLES = {"admin": ("administrator",), "kari": ("purchasing", "sales", "inventory", "posting"),
              "ola": ("purchasing", "sales", "inventory", "posting")}


def _complete(base: str, is_valid) -> str:
    """``base`` plus the check digit that makes it valid (the next base if none does)."""
    n = int(base)
    for _ in range(100):
        digits = f"{n:0{len(base)}d}"
        for check in "0123456789":
            if is_valid(digits + check):
                return digits + check
        n += 1
    raise ValueError(f"no valid identifier near {base}")


def no_org(base8: str) -> str:
    return _complete(base8, orgnr.is_valid)


def no_account(base10: str) -> str:
    return _complete(base10, kontonr.is_valid)


def iban_for(country: str, bban: str) -> str:
    check = stdnum_iban.calc_check_digits(country + "00" + bban)
    return f"{country}{check}{bban}"


def _vendors_no():
    return [
        ("V10000", "Nordlys Kontorrekvisita AS", "NO", no_org("91234567"), "30D", "nb"),
        ("V20000", "Fjordfrakt Logistikk AS", "NO", no_org("98765432"), "14D", "nb"),
        ("V30000", "Bergen Elektro Engros AS", "NO", no_org("93456789"), "1M8D", "nb"),
        ("V40000", "Hansen Regnskap AS", "NO", no_org("92468135"), "14D", "nb"),
    ]


def _vendors_nl():
    return [
        ("V10000", "Kantoor Centraal B.V.", "NL", "NL004495445B01", "30D", "nl"),
        ("V20000", "Van Dijk Transport B.V.", "NL", "NL123456782B01", "14D", "nl"),
        ("V30000", "Elektro Groothandel Utrecht B.V.", "NL", "NL810433941B01", "1M8D", "nl"),
    ]


def _demo_company_ids(session: Session, country: str) -> None:
    """The demo company's org.nr / KvK and VAT id (e-invoices and SAF-T name them), unless set."""
    comp = session.scalars(select(Company)).first()
    if comp is not None and not comp.org_no:
        comp.org_no = no_org("92233445") if country == "NO" else "69599084"
        comp.vat_id = f"NO{comp.org_no}MVA" if country == "NO" else "NL820646660B01"


def ensure_demo(session: Session, chart: CountryChart) -> int:
    n = ensure_location(session, "MAIN", "Hovedlager" if chart.country == "NO" else "Hoofdmagazijn")
    streets = ["Industriveien 7", "Havnegata 12", "Sandviksveien 40", "Torggata 3"]
    if chart.country == "NO":
        towns = [("0580", "Oslo"), ("7042", "Trondheim"), ("5035", "Bergen"), ("0181", "Oslo")]
        for i, (no, name, country, org, terms, lang) in enumerate(_vendors_no()):
            account = no_account(f"{1503 + i}{123456 + i:06d}")
            n += ensure(session, Vendor, no, no=no, name=name, country=country, org_no=org,
                         address=streets[i], post_code=towns[i][0], city=towns[i][1],
                         vat_id=f"NO{org}MVA", bank_account_no=account,
                         iban=iban_for("NO", account), payment_terms_code=terms, language=lang,
                         gen_bus_posting_group="DOMESTIC", vat_bus_posting_group="DOMESTIC",
                         vendor_posting_group="DOMESTIC", email=f"faktura@{no.lower()}.example")
    else:
        towns = [("3511 AB", "Utrecht"), ("3011 TA", "Rotterdam"), ("3542 AD", "Utrecht")]
        for i, (no, name, country, vat, terms, lang) in enumerate(_vendors_nl()):
            n += ensure(session, Vendor, no, no=no, name=name, country=country, vat_id=vat,
                         address=streets[i], post_code=towns[i][0], city=towns[i][1],
                         kvk_no=f"{12345670 + i:08d}", iban=iban_for("NL", f"ABNA{417164300 + i:010d}"),
                         payment_terms_code=terms, language=lang, gen_bus_posting_group="DOMESTIC",
                         vat_bus_posting_group="DOMESTIC", vendor_posting_group="DOMESTIC",
                         email=f"facturen@{no.lower()}.example")
    n += ensure(session, Vendor, "V90000", no="V90000", name="Cloudware GmbH", country="DE",
                 vat_id="DE136695976", iban="DE89370400440532013000", payment_terms_code="14D",
                 language="en", gen_bus_posting_group="FOREIGN", vat_bus_posting_group="FOREIGN",
                 vendor_posting_group="FOREIGN", currency_code=None)
    food = "MEDIUM" if chart.country == "NO" else "LOW"
    items = [
        ("1000", "Kaffe, hele bønner 1 kg" if chart.country == "NO" else "Koffiebonen 1 kg", "fifo",
         "189", "0", "279", food, "V10000"),
        ("1100", "Kopipapir A4 80 g, 5 x 500 ark" if chart.country == "NO" else "Kopieerpapier A4 80 g",
         "fifo", "245", "0", "349", "HIGH", "V10000"),
        ("1200", "Toner HP 59A svart", "average", "1150", "0", "1590", "HIGH", "V10000"),
        ("1300", "LED-panel 60x60 36 W", "standard", "410", "400", "690", "HIGH", "V30000"),
        ("1400", "Kontorstol ergonomisk" if chart.country == "NO" else "Bureaustoel ergonomisch",
         "lifo", "2100", "0", "3490", "HIGH", "V30000"),
    ]
    for no, description, method, cost, standard, price, vat, vendor in items:
        n += ensure(session, Item, no, no=no, description=description, type="inventory",
                     base_unit_of_measure="PCS", costing_method=method, unit_cost=Decimal(cost),
                     standard_cost=Decimal(standard), last_direct_cost=Decimal(cost),
                     unit_price=Decimal(price), gen_prod_posting_group="RETAIL",
                     vat_prod_posting_group=vat, inventory_posting_group="RESALE",
                     vendor_no=vendor, vendor_item_no=f"{vendor[-5:]}-{no}")
    n += ensure(session, Item, "9000", no="9000", description="Installasjon, time", type="service",
                 base_unit_of_measure="HOUR", costing_method="fifo", unit_cost=Decimal("450"),
                 standard_cost=Decimal(0), last_direct_cost=Decimal("450"), unit_price=Decimal("950"),
                 gen_prod_posting_group="SERVICES", vat_prod_posting_group="HIGH")
    _demo_company_ids(session, chart.country)
    if chart.country == "NO":
        customers = [("C10000", "Solberg Bakeri AS", "Bakkegata 4", "0650", "Oslo", no_org("97531864")),
                     ("C20000", "Eik Arkitekter AS", "Strandveien 21", "5003", "Bergen", no_org("96420975"))]
    else:  # a Dutch customer's org_no is its KvK number (the e-invoice address, ICD 0106)
        customers = [("C10000", "Bakkerij de Vries", "Oudegracht 112", "3511 AW", "Utrecht", "30123456"),
                     ("C20000", "Architectenbureau Eik", "Keizersgracht 300", "1016 EX", "Amsterdam", "34567890")]
    for no, name, address, post_code, city, org in customers:
        n += ensure(session, Customer, no, no=no, name=name, address=address, post_code=post_code, city=city,
                     country=chart.country, org_no=org,
                     vat_id=f"NO{org}MVA" if chart.country == "NO" else None,
                     language=chart.language, credit_limit=Decimal("100000"),
                     gen_bus_posting_group="DOMESTIC", vat_bus_posting_group="DOMESTIC",
                     customer_posting_group="DOMESTIC", payment_terms_code="14D")
    for uid, name, lang in (("admin", "Administrator", "en"), ("kari", "Kari Nordmann", chart.language),
                            ("ola", "Ola Hansen", chart.language)):
        made = ensure(session, User, uid, id=uid, name=name, email=f"{uid}@demo.example", language=lang,
                      disabled=False, failed_logins=0)
        if made:
            session.add_all(UserRole(user_id=uid, role=role) for role in DEMO_ROLES[uid])
        n += made
    return n
