"""CLI for the item and location cards of the setup: `item add|list|block`, `item-charge
add|list`, `item reference add|list`, `location add|set|list`, `setup default-location`,
`setup posting-range`, `setup vendor-posting-group` (the company and master data: flows.cli.setup)."""

from __future__ import annotations

import typer

from domain.inventory import items as item_cards
from domain.problems import DomainError
from domain.setup import masterdata as md
from domain.setup.model.cards import Item, ItemCharge
from domain.setup.model.company import Location
from flows import output
from flows.cli.apps import item_app, location_app, setup_app
from flows.cli.common import State, drop_none, handle_errors, option_choice, option_date

charge_app = typer.Typer(help="Item charges (freight, landed cost).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(charge_app, name="item-charge")


@item_app.command("add")
@handle_errors
def item_add(
    no: str = typer.Option(..., "--no"), description: str = typer.Option(..., "--description"),
    type: str = typer.Option("inventory", "--type", help="inventory | service | non_inventory"),
    costing_method: str = typer.Option("fifo", "--costing-method", help="fifo|lifo|average|standard|specific"),
    unit_cost: str = typer.Option(None, "--unit-cost"), standard_cost: str = typer.Option(None, "--standard-cost"),
    unit_price: str = typer.Option(None, "--unit-price"), vendor_no: str = typer.Option(None, "--vendor-no"),
    vendor_item_no: str = typer.Option(None, "--vendor-item-no"),
    base_unit: str = typer.Option(None, "--base-unit", help="Base unit of measure (default PCS)."),
    vat_prod_posting_group: str = typer.Option(None, "--vat-group", help="VAT product posting group."),
    gen_prod_posting_group: str = typer.Option(None, "--gen-prod-group"),
):
    item = md.add_item(State.app(), drop_none(
        no=no, description=description, type=type, costing_method=costing_method, unit_cost=unit_cost,
        standard_cost=standard_cost, unit_price=unit_price, vendor_no=vendor_no,
        vendor_item_no=vendor_item_no, base_unit_of_measure=base_unit,
        vat_prod_posting_group=vat_prod_posting_group, gen_prod_posting_group=gen_prod_posting_group))
    output.console.print(f"item {item.no} added")


@item_app.command("list")
@handle_errors
def item_list(as_json: bool = typer.Option(False, "--json"),
              attribute: list[str] = typer.Option(None, "--attribute", help="NAME=VALUE (repeatable; all must hold)."),
              category: str = typer.Option(None, "--category", help="This item category and those below it.")):
    """Items; filtered by attribute values and category (BC Filter by Attributes)."""
    columns = ["no", "description", "type", "base_unit_of_measure", "costing_method", "unit_cost",
               "standard_cost", "last_direct_cost", "unit_price", "vat_prod_posting_group", "vendor_no",
               "vendor_item_no", "blocked", "item_category_code", "reorder_point", "reorder_quantity"]
    items = md.list_rows(State.app(), Item)
    if attribute or category:
        wanted = {row["no"] for row in item_cards.list_items(State.app(), _pairs(attribute), category)}
        items = [x for x in items if x.no in wanted]
    rows = [{c: getattr(x, c) for c in columns} for x in items]
    output.emit(rows, as_json, "Items")


def _pairs(values: list[str] | None) -> dict[str, str]:
    """``["Colour=Red"]`` -> ``{"Colour": "Red"}``; a value without ``=`` is refused."""
    pairs = {}
    for value in values or []:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise DomainError("CLI-INVALID-OPTION", f"--attribute wants NAME=VALUE, not {value!r}",
                              option="--attribute", value=value)
        pairs[name.strip()] = text
    return pairs


@item_app.command("block")
@handle_errors
def item_block(no: str, unblock: bool = typer.Option(False, "--unblock")):
    md.set_flag(State.app(), Item, no, blocked=not unblock)
    output.console.print(f"item {no} {'unblocked' if unblock else 'blocked'}")


@charge_app.command("add")
@handle_errors
def charge_add(no: str = typer.Option(..., "--no"), description: str = typer.Option(..., "--description"),
               gen_prod: str = typer.Option("FREIGHT", "--gen-prod-group"),
               vat_prod: str = typer.Option("HIGH", "--vat-group")):
    md.add_item_charge(State.app(), no, description, gen_prod, vat_prod)
    output.console.print(f"item charge {no} added")


@charge_app.command("list")
@handle_errors
def charge_list(as_json: bool = typer.Option(False, "--json")):
    columns = ["no", "description", "gen_prod_posting_group", "vat_prod_posting_group"]
    rows = [{c: getattr(x, c) for c in columns} for x in md.list_rows(State.app(), ItemCharge)]
    output.emit(rows, as_json, "Item charges")


@location_app.command("add")
@handle_errors
def location_add(code: str = typer.Option(..., "--code"), name: str = typer.Option("", "--name"),
                 in_transit: bool = typer.Option(False, "--in-transit",
                                                 help="Use as in-transit location (transfer orders).")):
    """Add a location; its inventory accounts start as the blank location's."""
    md.add_location(State.app(), code, name, in_transit)
    output.console.print(f"location {code} added")


@location_app.command("set")
@handle_errors
def location_set(code: str, in_transit: str = typer.Option(..., "--in-transit", help="yes | no")):
    """BC Use As In-Transit: only such a location carries a transfer order's goods in transit."""
    flag = option_choice("--in-transit", in_transit, ("yes", "no")) == "yes"
    md.set_location_in_transit(State.app(), code, flag)
    output.console.print(f"location {code} in-transit={'yes' if flag else 'no'}")


@location_app.command("list")
@handle_errors
def location_list(as_json: bool = typer.Option(False, "--json")):
    rows = [{"code": x.code, "name": x.name, "use_as_in_transit": x.use_as_in_transit}
            for x in md.list_rows(State.app(), Location)]
    output.emit(rows, as_json, "Locations")


@setup_app.command("default-location")
@handle_errors
def default_location(code: str = typer.Argument(..., help="A location code; '' clears it."),
                     customer: str = typer.Option(None, "--customer", help="Set this customer's own default.")):
    """The location a sales line without one takes: the customer's, else the company's (BC Location Code)."""
    md.set_default_location(State.app(), code, customer)
    output.console.print(f"default location {code or '-'}" + (f" for customer {customer}" if customer else
                                                               " for the company"))


@setup_app.command("posting-range")
@handle_errors
def posting_range(date_from: str = typer.Option(None, "--from"), date_to: str = typer.Option(None, "--to"),
                  for_user: str = typer.Option(None, "--for-user", help="Set the user's own range.")):
    """Allowed posting dates (BC Allow Posting From/To) for the company or one user."""
    start, end = option_date("--from", date_from), option_date("--to", date_to)
    md.set_posting_range(State.app(), start, end, for_user)
    output.console.print(f"allowed posting dates {start or '-'} .. {end or '-'}"
                         + (f" for {for_user}" if for_user else ""))


@setup_app.command("vendor-posting-group")
@handle_errors
def vendor_posting_group(code: str = typer.Argument(..., help="Vendor posting group, e.g. DOMESTIC"),
                         prepayment_account: str = typer.Option(None, "--prepayment-account",
                                                                help="G/L account of prepaid amounts"),
                         invoice_rounding_account: str = typer.Option(None, "--invoice-rounding-account",
                                                                      help="G/L account of invoice rounding")):
    """Accounts where an e-invoice's prepaid amount (BT-113) and payable rounding (BT-114) post."""
    md.set_vendor_posting_group_accounts(State.app(), code, prepayment_account=prepayment_account,
                                         invoice_rounding_account=invoice_rounding_account)
    output.console.print(f"vendor posting group {code}: prepayment account {prepayment_account or '(unchanged)'}, "
                         f"invoice rounding account {invoice_rounding_account or '(unchanged)'}")


item_reference_app = typer.Typer(help="Item references: vendors' item numbers and bar codes (GTIN/EAN).",
                                 no_args_is_help=True)
item_app.add_typer(item_reference_app, name="reference")


@item_reference_app.command("add")
@handle_errors
def item_reference_add(item_no: str = typer.Option(..., "--item"),
                       reference_no: str = typer.Option(..., "--reference", help="The vendor's item no. or the GTIN"),
                       vendor_no: str = typer.Option(None, "--vendor", help="Whose item number it is"),
                       bar_code: bool = typer.Option(False, "--bar-code", help="The reference is a GTIN/EAN"),
                       unit: str = typer.Option(None, "--unit", help="The unit of measure it counts in"),
                       description: str = typer.Option("", "--description")):
    """Map a vendor's item number (--vendor V) or a bar code (--bar-code) to an item; intake maps
    invoice lines by these before anything else."""
    md.add_item_reference(State.app(), item_no, reference_no, "bar_code" if bar_code else "vendor",
                          vendor_no, unit, description)
    output.console.print(f"item {item_no}: reference {reference_no} added")


@item_reference_app.command("list")
@handle_errors
def item_reference_list(item_no: str = typer.Option(None, "--item"), as_json: bool = typer.Option(False, "--json")):
    output.emit(md.list_item_references(State.app(), item_no), as_json, "Item references")

