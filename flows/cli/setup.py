"""CLI for setting up: `init`, `db` migrations, the company setup and master data
(vendors, customers). Items, item charges, item references, locations and posting
dates: flows.cli.item_cards. Users: flows.cli.identity."""

from __future__ import annotations

import typer

from domain.problems import DomainError
from domain.setup import bank_changes
from domain.setup import masterdata as md
from domain.setup.model.cards import Customer, Vendor
from flows import output
from flows.cli.apps import item_app, location_app, setup_app
from flows.cli.common import JSON, State, drop_none, handle_errors, option_choice

db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
vendor_app = typer.Typer(help="Vendors (leverandører / leveranciers).", no_args_is_help=True)
customer_app = typer.Typer(help="Customers (kunder / klanten).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.command("init")(init)
    for group, name in ((db_app, "db"), (vendor_app, "vendor"), (customer_app, "customer"), (item_app, "item"),
                        (location_app, "location"), (setup_app, "setup")):
        root.add_typer(group, name=name)


@handle_errors
def init(
    country: str = typer.Option(..., "--country", help="NO or NL."),
    demo: bool = typer.Option(False, "--demo", help="Add demo vendors, customers, items, a location, users."),
    name: str = typer.Option(None, "--name", help="Company name."),
    org_no: str = typer.Option(None, "--org-no", help="NO: org.nr; NL: KvK number (printed on every document)."),
    vat_id: str = typer.Option(None, "--vat-id", help="NO: NO<org.nr>MVA; NL: btw-id (printed on every document)."),
):
    """Create (or bring up to date) the database and a company ready to post."""
    from domain.setup import saft_setup
    from domain.setup.initialize import initialize

    if org_no is not None or vat_id is not None:  # checked before anything is written
        saft_setup.checked_company_ids(country.upper(), org_no, vat_id)
    result = initialize(State.app(migrate=True), country, demo, name)
    if org_no is not None or vat_id is not None:
        saft_setup.set_company(State.app(), org_no=org_no, vat_id=vat_id)
    output.console.print(f"company ready ({result['country']}), {result['rows_created']} rows created"
                         + (" with demo data" if demo else ""))


@db_app.command("upgrade")
@handle_errors
def db_upgrade():
    """Apply all migrations."""
    import migrations

    State.app(migrate=True)
    output.console.print(f"database at revision {', '.join(migrations.current_revisions(State.app().engine))}")


@db_app.command("current")
def db_current():
    """Show the applied and the newest migration."""
    import migrations

    engine = State.app().engine
    current, heads = migrations.current_revisions(engine), migrations.head_revisions()
    state = "up to date" if set(current) == set(heads) else "behind: run `ledgerflow db upgrade`"
    output.console.print(f"current {', '.join(current) or '-'}; newest {', '.join(heads)} ({state})")


@db_app.command("grant-app-role")
@handle_errors
def db_grant_app_role(
    role: str = typer.Option(..., "--role", help="The role the application connects as (created when missing)."),
    sql: bool = typer.Option(False, "--sql", help="Print the SQL for a database administrator instead of running it."),
):
    """PostgreSQL, as the tables' owner: let ROLE post but never delete, truncate or rewrite a ledger.
    Run it again after every `db upgrade` (docs/operations.md, "Production database roles")."""
    import domain.schema  # noqa: F401  (every model: which tables are ledgers)
    from domain.db_roles import AppRole, grant_app_role
    from domain.problems import Problem, Rejected
    from flows import settings

    url = settings.database_url(State.db)
    if settings.sqlite_path(url) is not None or url.startswith("sqlite"):
        return Rejected([Problem("DB-ROLE-POSTGRESQL-ONLY", "db", {"dialect": "sqlite"})])
    result = grant_app_role(State.app().engine, role, execute=not sql)
    if not isinstance(result, AppRole):
        return result
    if sql:
        print("".join(f"{statement};\n" for statement in result.statements), end="")
        return None
    print(f"role {role} {'created and granted' if result.created else 'granted'}\n"
          f"ledger tables: {len(result.ledger_tables)} (SELECT, INSERT, UPDATE of maintained columns)\n"
          f"working tables: {len(result.working_tables)} (SELECT, INSERT, UPDATE, DELETE)\n"
          f"other tables: {len(result.other_tables)} (SELECT)")
    return None


@vendor_app.command("add")
@handle_errors
def vendor_add(
    no: str = typer.Option(..., "--no"), name: str = typer.Option(..., "--name"),
    country: str = typer.Option(None, "--country", help="ISO country code (default: the company's)."),
    org_no: str = typer.Option(None, "--org-no", help="Organisation number (validated for NO)."),
    vat_id: str = typer.Option(None, "--vat-id", help="VAT id, e.g. NO999999999MVA or NL...B01."),
    kvk_no: str = typer.Option(None, "--kvk", help="Dutch KvK number."),
    iban: str = typer.Option(None, "--iban"),
    bank_account_no: str = typer.Option(None, "--bank-account", help="Norwegian 11-digit account."),
    payment_terms: str = typer.Option(None, "--payment-terms", help="Payment terms code (default 30D)."),
    currency: str = typer.Option(None, "--currency"), email: str = typer.Option(None, "--email"),
    language: str = typer.Option(None, "--language"),
    prices_including_vat: bool = typer.Option(False, "--prices-including-vat"),
    address: str = typer.Option(None, "--address"), post_code: str = typer.Option(None, "--post-code"),
    city: str = typer.Option(None, "--city"),
):
    """Add a vendor; identifiers are validated and stored compact."""
    vendor = md.add_vendor(State.app(), drop_none(
        address=address, post_code=post_code, city=city,
        no=no, name=name, country=country, org_no=org_no, vat_id=vat_id, kvk_no=kvk_no, iban=iban,
        bank_account_no=bank_account_no, payment_terms=payment_terms, currency=currency, email=email,
        language=language, prices_including_vat=prices_including_vat))
    output.console.print(f"vendor {vendor.no} added")


VENDOR_COLUMNS = ["no", "name", "address", "post_code", "city", "country", "org_no", "vat_id", "kvk_no", "iban", "payment_terms_code",
                  "vendor_posting_group", "blocked", "bank_account_no"]


@vendor_app.command("list")
@handle_errors
def vendor_list(as_json: bool = typer.Option(False, "--json")):
    rows = [{c: getattr(v, c) for c in VENDOR_COLUMNS} for v in md.list_rows(State.app(), Vendor)]
    output.emit(rows, as_json, "Vendors")


@vendor_app.command("block")
@handle_errors
def vendor_block(no: str, blocked: str = typer.Option("all", "--blocked", help="all | payment | none")):
    """Block a vendor (BC Blocked: all refuses documents, payment refuses payments)."""
    option_choice("--blocked", blocked, ("all", "payment", "none"))
    md.set_flag(State.app(), Vendor, no, blocked="" if blocked == "none" else blocked)
    output.console.print(f"vendor {no} blocked={blocked}")


def _changes(**given) -> dict:
    """The options given (None: not given; '' clears an optional field)."""
    data = {k: v for k, v in given.items() if v is not None}
    if not data:
        raise DomainError("CLI-MISSING-OPTION", "give at least one field to change (see --help)",
                          options="--name, --address, --payment-terms, --blocked, …")
    return data


def _print_card(kind: str, no: str, card: dict, as_json: bool, changed: list[str] | None = None) -> None:
    if as_json or changed is None:
        output.emit(card, as_json, f"{kind.capitalize()} {no}")
    else:
        output.console.print(f"{kind} {no} changed: {', '.join(sorted(changed))}", markup=False)


@vendor_app.command("set")
@handle_errors
def vendor_set(
    no: str,
    name: str = typer.Option(None, "--name"), address: str = typer.Option(None, "--address"),
    post_code: str = typer.Option(None, "--post-code"), city: str = typer.Option(None, "--city"),
    country: str = typer.Option(None, "--country", help="ISO country code."),
    org_no: str = typer.Option(None, "--org-no", help="Organisation number (validated for NO); '' clears it."),
    vat_id: str = typer.Option(None, "--vat-id"), kvk_no: str = typer.Option(None, "--kvk"),
    iban: str = typer.Option(None, "--iban", help="Bank account (IBAN); '' clears it."),
    bank_account_no: str = typer.Option(None, "--bank-account", help="Norwegian 11-digit account."),
    payment_terms: str = typer.Option(None, "--payment-terms"),
    currency: str = typer.Option(None, "--currency", help="'' makes it the local currency."),
    email: str = typer.Option(None, "--email"), language: str = typer.Option(None, "--language", help="nb | nl | en"),
    blocked: str = typer.Option(None, "--blocked", help="none | payment | all"),
    prepayment_pct: str = typer.Option(None, "--prepayment-pct", help="Prepayment % its orders take (0-100)."),
    as_json: bool = JSON,
):
    """Change a vendor card (audited; needs vendors.edit): only the options given change, each
    checked as `vendor add` checks it. A new bank account makes documents carrying the old one
    need approval (condition vendor_bank_account_changed)."""
    data = _changes(name=name, address=address, post_code=post_code, city=city, country=country,
                    org_no=org_no, vat_id=vat_id, kvk_no=kvk_no, iban=iban, bank_account_no=bank_account_no,
                    payment_terms=payment_terms, currency=currency, email=email, language=language,
                    blocked=blocked, prepayment_pct=prepayment_pct)
    _print_card("vendor", no, md.set_vendor(State.app(), no, data), as_json, list(data))


@vendor_app.command("show")
@handle_errors
def vendor_show(no: str, as_json: bool = JSON):
    """A vendor card, with its bank account (IBAN / Norwegian account no.) and when it last changed."""
    card = md.show_card(State.app(), Vendor, no)
    with State.app().uow() as session:
        change = bank_changes.last_change(session, no)
    card["bank_account_changed"] = change.text() if change else None
    _print_card("vendor", no, card, as_json)


@customer_app.command("add")
@handle_errors
def customer_add(
    no: str = typer.Option(..., "--no"), name: str = typer.Option(..., "--name"),
    country: str = typer.Option(None, "--country"), org_no: str = typer.Option(None, "--org-no"),
    vat_id: str = typer.Option(None, "--vat-id"), email: str = typer.Option(None, "--email"),
    payment_terms: str = typer.Option(None, "--payment-terms"),
    credit_limit: str = typer.Option(None, "--credit-limit"), language: str = typer.Option(None, "--language"),
    address: str = typer.Option(None, "--address"), post_code: str = typer.Option(None, "--post-code"),
    city: str = typer.Option(None, "--city"),
    location: str = typer.Option(None, "--location", help="Location its sales lines take when they name none."),
):
    """Add a customer; the postal address is printed on documents sent to them."""
    customer = md.add_customer(State.app(), drop_none(
        no=no, name=name, country=country, org_no=org_no, vat_id=vat_id, email=email,
        payment_terms=payment_terms, credit_limit=credit_limit, language=language, address=address,
        post_code=post_code, city=city, location=location))
    output.console.print(f"customer {customer.no} added")


@customer_app.command("list")
@handle_errors
def customer_list(as_json: bool = typer.Option(False, "--json")):
    columns = ["no", "name", "address", "post_code", "city", "country", "org_no", "vat_id", "payment_terms_code",
               "credit_limit", "blocked", "location_code"]
    rows = [{c: getattr(x, c) for c in columns} for x in md.list_rows(State.app(), Customer)]
    output.emit(rows, as_json, "Customers")


@customer_app.command("block")
@handle_errors
def customer_block(no: str, blocked: str = typer.Option("all", "--blocked", help="all | ship | invoice | none")):
    """Block a customer (BC Blocked: all refuses documents, ship refuses shipments, invoice refuses invoices)."""
    option_choice("--blocked", blocked, ("all", "ship", "invoice", "none"))
    md.set_flag(State.app(), Customer, no, blocked="" if blocked == "none" else blocked)
    output.console.print(f"customer {no} blocked={blocked}")


@customer_app.command("set")
@handle_errors
def customer_set(
    no: str,
    name: str = typer.Option(None, "--name"), address: str = typer.Option(None, "--address"),
    post_code: str = typer.Option(None, "--post-code"), city: str = typer.Option(None, "--city"),
    country: str = typer.Option(None, "--country"), org_no: str = typer.Option(None, "--org-no"),
    vat_id: str = typer.Option(None, "--vat-id"), email: str = typer.Option(None, "--email"),
    payment_terms: str = typer.Option(None, "--payment-terms"),
    credit_limit: str = typer.Option(None, "--credit-limit"),
    currency: str = typer.Option(None, "--currency"),
    language: str = typer.Option(None, "--language", help="nb | nl | en"),
    blocked: str = typer.Option(None, "--blocked", help="none | ship | invoice | all"),
    location: str = typer.Option(None, "--location", help="Location its sales lines take; '' clears it."),
    prepayment_pct: str = typer.Option(None, "--prepayment-pct", help="Prepayment % its orders take (0-100)."),
    as_json: bool = JSON,
):
    """Change a customer card (audited; needs customers.edit): only the options given change,
    each checked as `customer add` checks it."""
    data = _changes(name=name, address=address, post_code=post_code, city=city, country=country,
                    org_no=org_no, vat_id=vat_id, email=email, payment_terms=payment_terms,
                    credit_limit=credit_limit, currency=currency, language=language, blocked=blocked,
                    location=location, prepayment_pct=prepayment_pct)
    _print_card("customer", no, md.set_customer(State.app(), no, data), as_json, list(data))


@customer_app.command("show")
@handle_errors
def customer_show(no: str, as_json: bool = JSON):
    """A customer card."""
    _print_card("customer", no, md.show_card(State.app(), Customer, no), as_json)


@setup_app.command("company")
@handle_errors
def company(name: str = typer.Option(None, "--name"),
            org_no: str = typer.Option(None, "--org-no", help="NO: organisasjonsnummer; NL: KvK number."),
            vat_id: str = typer.Option(None, "--vat-id", help="MVA / BTW number."),
            contact_name: str = typer.Option(None, "--contact-name", help="Contact person of the audit files.")):
    """The company's name, org.nr / KvK number, VAT id and contact (SAF-T and XAF headers)."""
    from domain.setup import saft_setup

    output.emit(saft_setup.set_company(State.app(), name, org_no, vat_id, contact_name), False, "Company")


@setup_app.command("gl-account")
@handle_errors
def gl_account(no: str = typer.Argument(..., help="G/L account number."),
               grouping_code: str = typer.Option(..., "--grouping-code",
                                                 help="SAF-T v1.30 grouping code (næringsspesifikasjon), e.g. 4005."),
               grouping_category: str = typer.Option(None, "--grouping-category",
                                                     help="Its category (optional: the code decides it).")):
    """Map a G/L account to its SAF-T grouping (GroupingCategory + GroupingCode)."""
    from domain.setup import saft_setup

    output.emit(saft_setup.set_grouping(State.app(), no, grouping_code, grouping_category), False, "G/L account")


@setup_app.command("vat")
@handle_errors
def vat(bus: str = typer.Argument(..., help="VAT business posting group."),
        prod: str = typer.Argument(..., help="VAT product posting group."),
        sales: str = typer.Option(None, "--sales-standard-tax-code", help="SAF-T standard tax code on sales."),
        purchase: str = typer.Option(None, "--purchase-standard-tax-code",
                                     help="SAF-T standard tax code on purchases."),
        non_deductible_pct: str = typer.Option(None, "--non-deductible-pct",
                                               help="BC Non-Deductible VAT %: added to the cost of purchases.")):
    """Map a VAT posting setup to SAF-T standard tax codes; set its non-deductible VAT %."""
    from domain.setup import non_deductible_vat, saft_setup

    if non_deductible_pct is not None:
        output.emit(non_deductible_vat.set_non_deductible_pct(State.app(), bus, prod, non_deductible_pct), False,
                    "VAT posting setup")
        if sales is None and purchase is None:
            return
    output.emit(saft_setup.set_standard_tax_codes(State.app(), bus, prod, sales, purchase), False, "VAT posting setup")
