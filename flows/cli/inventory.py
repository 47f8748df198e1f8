"""CLI for the item journal: `ledgerflow journal post FILE.csv` (purchases, sales,
adjustments and transfers between locations, in one transaction), and the item cards:
`item set`, `item category add|list`, `item attribute add|set|list` (added to the setup
area's `item` group). Physical inventory and transfer orders: flows.cli.warehouse."""

from __future__ import annotations

from pathlib import Path

import typer

from domain.inventory import items as item_cards
from domain.inventory import journal as item_journal
from domain.inventory import nonstock, units
from domain.problems import DomainError, Rejected
from flows import output
from flows.cli.apps import item_app
from flows.cli.common import JSON, State, handle_errors, read_csv

journal_app = typer.Typer(help="Item journal (varekladd / artikeldagboek).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(journal_app, name="journal")
    _register_items()


@journal_app.command("post")
@handle_errors
def journal_post(file: Path = typer.Argument(..., help="CSV with columns " + ",".join(item_journal.COLUMNS))):
    """Post an item journal CSV in one transaction (all rows or none)."""
    columns, rows = read_csv(file)
    missing = [c for c in ("posting_date", "entry_type", "item_no", "quantity") if c not in columns]
    if missing:
        raise DomainError("IJ-MISSING-COLUMN", f"{file}: missing column(s) {', '.join(missing)}",
                          file=str(file), columns=", ".join(missing))
    unknown = item_journal.unknown_columns(columns)
    if unknown:
        return Rejected(unknown)
    result = item_journal.post_journal(State.app(), rows)
    if isinstance(result, item_journal.JournalResult):
        output.console.print(f"posted {len(rows)} journal line(s) as {', '.join(result.document_nos)}: "
                             f"item ledger entries {', '.join(map(str, result.item_entries))}")
    return result


# -- item cards: item set, item category, item attribute (domain.inventory.items) ----------------

category_app = typer.Typer(help="Item categories, a tree (varekategorier / artikelcategorieën).", no_args_is_help=True)
variant_app = typer.Typer(help="Item variants (varevarianter / artikelvarianten).", no_args_is_help=True)
unit_app = typer.Typer(help="Item units of measure (vareenheter / artikeleenheden).", no_args_is_help=True)
nonstock_app = typer.Typer(help="Nonstock (catalog) items (katalogvarer / catalogusartikelen).",
                           no_args_is_help=True)
attribute_app = typer.Typer(help="Item attributes (vareattributter / artikelkenmerken).", no_args_is_help=True)


def _register_items() -> None:
    item_app.command("set")(item_set)
    item_app.add_typer(category_app, name="category")
    item_app.add_typer(attribute_app, name="attribute")
    item_app.add_typer(variant_app, name="variant")
    item_app.add_typer(unit_app, name="unit")
    item_app.add_typer(nonstock_app, name="nonstock")


@handle_errors
def item_set(
    no: str,
    description: str = typer.Option(None, "--description"),
    unit_price: str = typer.Option(None, "--unit-price"),
    unit_cost: str = typer.Option(None, "--unit-cost"),
    standard_cost: str = typer.Option(None, "--standard-cost"),
    indirect_cost_pct: str = typer.Option(None, "--indirect-cost-pct", help="BC Indirect Cost % (of the direct cost)."),
    overhead_rate: str = typer.Option(None, "--overhead-rate", help="BC Overhead Rate (per unit)."),
    vendor_no: str = typer.Option(None, "--vendor-no", help="'' clears it."),
    vendor_item_no: str = typer.Option(None, "--vendor-item-no"),
    reorder_point: str = typer.Option(None, "--reorder-point"),
    reorder_quantity: str = typer.Option(None, "--reorder-quantity"),
    category: str = typer.Option(None, "--category", help="Item category code ('' clears it)."),
    blocked: str = typer.Option(None, "--blocked", help="yes | no"),
    prepayment_pct: str = typer.Option(None, "--prepayment-pct", help="Prepayment % its order lines take (0-100)."),
    tracking_code: str = typer.Option(None, "--tracking-code", help="Item tracking code ('' clears it)."),
    base_unit: str = typer.Option(None, "--base-unit", help="Base unit of measure (only while the item has no "
                                  "entries)."),
    purch_unit: str = typer.Option(None, "--purch-unit", help="Unit purchase invoice lines default to ('' clears)."),
    sales_unit: str = typer.Option(None, "--sales-unit", help="Unit sales invoice lines default to ('' clears)."),
    counting_period: str = typer.Option(None, "--counting-period", help="Counting period for cycle counts "
                                        "('' clears it); sets the next counting period."),
    assembly_policy: str = typer.Option(None, "--assembly-policy", help="stock | order (BC Assembly Policy: "
                                        "order lines of an assembly item assemble to order)."),
    as_json: bool = JSON,
):
    """Change an item card (audited; needs inventory.edit): only the options given change."""
    given = {"description": description, "unit_price": unit_price, "unit_cost": unit_cost,
             "standard_cost": standard_cost, "indirect_cost_pct": indirect_cost_pct,
             "overhead_rate": overhead_rate, "vendor_no": vendor_no, "vendor_item_no": vendor_item_no,
             "reorder_point": reorder_point, "reorder_quantity": reorder_quantity,
             "item_category_code": category, "blocked": blocked, "prepayment_pct": prepayment_pct,
             "item_tracking_code": tracking_code, "base_unit_of_measure": base_unit,
             "purch_unit_of_measure": purch_unit, "sales_unit_of_measure": sales_unit,
             "counting_period_code": counting_period, "assembly_policy": assembly_policy}
    data = {k: v for k, v in given.items() if v is not None}
    if not data:
        raise DomainError("CLI-MISSING-OPTION", "give at least one field to change (see --help)",
                          options="--description, --unit-price, --unit-cost, --standard-cost, --blocked, …")
    card = item_cards.set_item(State.app(), no, data)
    if as_json:
        output.emit({"no": no, **card}, True, f"Item {no}")
    else:
        output.console.print(f"item {no} changed: {', '.join(sorted(data))}")


@category_app.command("add")
@handle_errors
def category_add(code: str, parent: str = typer.Option(None, "--parent"),
                 description: str = typer.Option("", "--description")):
    """Add an item category (again: give it a new parent / description). A loop is refused."""
    item_cards.add_category(State.app(), code, parent, description)
    output.console.print(f"item category {code} added" + (f" under {parent}" if parent else ""))


@category_app.command("list")
@handle_errors
def category_list(as_json: bool = JSON):
    output.emit(item_cards.list_categories(State.app()), as_json, "Item categories")


@attribute_app.command("add")
@handle_errors
def attribute_add(name: str, type_: str = typer.Option(..., "--type", help="text | integer | decimal | option"),
                  values: str = typer.Option(None, "--values", help="Option values: a,b,c.")):
    """Add an item attribute; an option attribute lists its values."""
    item_cards.add_attribute(State.app(), name, type_, values.split(",") if values is not None else [])
    output.console.print(f"item attribute {name} added")


@attribute_app.command("set")
@handle_errors
def attribute_set(item_no: str, name: str, value: str):
    """Give an item a value of an attribute (checked against the attribute's type)."""
    stored = item_cards.set_attribute_value(State.app(), item_no, name, value)
    output.console.print(f"item {item_no}: {name} = {stored}")


@attribute_app.command("list")
@handle_errors
def attribute_list(as_json: bool = JSON):
    rows = [{**a, "values": ",".join(a["values"])} for a in item_cards.list_attributes(State.app())]
    output.emit(rows, as_json, "Item attributes")


@variant_app.command("add")
@handle_errors
def variant_add(item: str = typer.Option(..., "--item"), code: str = typer.Option(..., "--code"),
                description: str = typer.Option("", "--description")):
    """Add a variant to an item (document lines name it in variant_code)."""
    item_cards.add_variant(State.app(), item, code, description)
    output.console.print(f"item {item} variant {code} added")


@variant_app.command("list")
@handle_errors
def variant_list(item: str = typer.Option(None, "--item"), as_json: bool = JSON):
    output.emit(item_cards.list_variants(State.app(), item), as_json, "Item variants")


@unit_app.command("add")
@handle_errors
def unit_add(item: str = typer.Option(..., "--item"), code: str = typer.Option(..., "--code"),
             qty_per_base: str = typer.Option(..., "--qty-per-base", help="Base units in one of this unit (> 0)."),
             rounding_precision: str = typer.Option(None, "--rounding-precision",
                                                    help="BC Qty. Rounding Precision (1: whole units).")):
    """Add a unit of measure to an item with its conversion (BC Item Unit of Measure)."""
    units.add_unit(State.app(), item, code, qty_per_base, rounding_precision)
    output.console.print(f"item {item} unit {code} added: {qty_per_base} base unit(s) each")


@unit_app.command("set")
@handle_errors
def unit_set(item: str = typer.Option(..., "--item"), code: str = typer.Option(..., "--code"),
             rounding_precision: str = typer.Option(..., "--rounding-precision",
                                                    help="BC Qty. Rounding Precision (1: whole units, 0: none).")):
    """Change a unit's rounding precision; on the base unit it says which base quantities lines may give."""
    units.set_rounding_precision(State.app(), item, code, rounding_precision)
    output.console.print(f"item {item} unit {code}: rounding precision {rounding_precision}")


@unit_app.command("list")
@handle_errors
def unit_list(item: str = typer.Option(..., "--item"), as_json: bool = JSON):
    """The item's units, the base unit first."""
    output.emit(units.list_units(State.app(), item), as_json, f"Units of measure of {item}")


@nonstock_app.command("add")
@handle_errors
def nonstock_add(vendor: str = typer.Option(..., "--vendor"), vendor_item_no: str = typer.Option(..., "--vendor-item-no"),
                 description: str = typer.Option(..., "--description"),
                 unit_cost: str = typer.Option("0", "--unit-cost"), unit_price: str = typer.Option("0", "--unit-price"),
                 unit: str = typer.Option("PCS", "--unit", help="Unit of measure (the made item's base unit)."),
                 item_template: str = typer.Option(None, "--item-template",
                                                   help="Item whose type, costing method and groups it copies.")):
    """Add a nonstock (catalog) item; a sales or purchase line of type nonstock makes its item card."""
    entry_no = nonstock.add_nonstock(State.app(), {
        "vendor_no": vendor, "vendor_item_no": vendor_item_no, "description": description, "unit_cost": unit_cost,
        "unit_price": unit_price, "unit_of_measure": unit, "item_template": item_template})
    print(entry_no)


@nonstock_app.command("list")
@handle_errors
def nonstock_list(as_json: bool = JSON):
    output.emit(nonstock.list_nonstock(State.app()), as_json, "Nonstock items")
