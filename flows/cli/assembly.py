"""CLI for assembly management (BC Assembly BOMs and Assembly Orders, assemble to stock):

- ``assembly bom add --item PARENT --component NO --quantity Q`` (sets the quantity per; a
  resource line with ``--resource R`` instead of ``--component``),
  ``assembly bom remove --item PARENT --component NO | --resource R``, ``assembly bom list --item PARENT``.
- ``resource add --no R --name N --unit-cost C`` (or changes it), ``resource list``.
- ``assembly order import FILE.json`` (item_no, quantity, location, due_date, optional
  tracking) prints the order no.; ``assembly order post NO [--qty Q] [--posting-date D]``;
  ``assembly order list``; ``assembly order show NO`` (each component's need and availability
  on the due date, and the sales order line an assemble-to-order order belongs to);
  ``assembly order set NO [--quantity Q] [--due-date D] [--location L]``.
  ``assembly order reserve NO [--line N] [--qty Q] [--from …]`` / ``unreserve NO [--line N] [--qty Q]``
  (the components' demand at the order's location; posting consumes the reserved entries).
"""

from __future__ import annotations

from pathlib import Path

import typer

from domain.inventory import assembly, assembly_bom, assembly_to_order
from domain.parse import QTY, UNIT
from domain.sales import assembly_order_availability
from domain.problems import DomainError
from domain.sales import order_reservations, reservation_supply
from flows import output
from flows.cli.common import JSON, State, handle_errors, option_date, option_decimal, read_json

assembly_app = typer.Typer(help="Assembly (montering / assemblage).", no_args_is_help=True)
bom_app = typer.Typer(help="Assembly BOMs (monteringsstykklister / assemblagestuklijsten).", no_args_is_help=True)
order_app = typer.Typer(help="Assembly orders (monteringsordrer / assemblageorders).", no_args_is_help=True)
resource_app = typer.Typer(help="Resources on assembly BOMs (ressurser / resources).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    assembly_app.add_typer(bom_app, name="bom")
    assembly_app.add_typer(order_app, name="order")
    root.add_typer(assembly_app, name="assembly")
    root.add_typer(resource_app, name="resource")


@bom_app.command("add")
@handle_errors
def bom_add(item: str = typer.Option(..., "--item", help="The parent item."),
            component: str = typer.Option(None, "--component", help="An inventory item."),
            resource: str = typer.Option(None, "--resource", help="A resource (instead of --component)."),
            quantity: str = typer.Option(..., "--quantity", help="Quantity per parent unit.")):
    """Put a component (or a resource) in an item's assembly BOM, or change its quantity per."""
    qty = option_decimal("--quantity", quantity, QTY)
    line_no = assembly_bom.add(State.app(), item, component, qty, resource)
    print(f"{item} line {line_no}: {component or resource} x {qty}")


@bom_app.command("remove")
@handle_errors
def bom_remove(item: str = typer.Option(..., "--item"), component: str = typer.Option(None, "--component"),
               resource: str = typer.Option(None, "--resource")):
    """Take a component (or a resource) out of an item's assembly BOM."""
    assembly_bom.remove(State.app(), item, component, resource)
    print(f"{item}: {component or resource} removed")


@bom_app.command("list")
@handle_errors
def bom_list(item: str = typer.Option(..., "--item"), as_json: bool = JSON):
    """An item's assembly BOM: components, quantity per, unit cost."""
    output.emit(assembly_bom.list_bom(State.app(), item), as_json, f"Assembly BOM {item}")


@order_app.command("import")
@handle_errors
def order_import(file: Path):
    """Create an assembly order from JSON (item_no, quantity, location, due_date, tracking:
    [{lot_no|serial_no, quantity}] for the output); prints the order no."""
    result = assembly.import_order(State.app(), read_json(file))
    if isinstance(result, str):
        print(result)
    return result


@order_app.command("post")
@handle_errors
def order_post(no: str,
               qty: str = typer.Option(None, "--qty", help="Quantity to assemble (default: all that remains)."),
               posting_date: str = typer.Option(None, "--posting-date", help="Default: the due date."),
               as_json: bool = JSON):
    """Consume the components and output the parent item; prints the order no. and what was posted."""
    result = assembly.post(State.app(), no, option_decimal("--qty", qty, QTY) if qty is not None else None,
                           option_date("--posting-date", posting_date))
    if hasattr(result, "problems"):
        return result
    if as_json:
        output.emit(result, True)
    else:
        print(f"{result['no']}: assembled {result['quantity_posted']} ({result['status']})")
    return result


@order_app.command("set")
@handle_errors
def order_set(no: str, quantity: str = typer.Option(None, "--quantity"),
              due_date: str = typer.Option(None, "--due-date"), location: str = typer.Option(None, "--location")):
    """Change an open assembly order's quantity (its lines follow), due date or location; an
    assemble-to-order order is changed through its sales line instead."""
    data = {k: v for k, v in {"quantity": quantity, "due_date": due_date, "location": location}.items()
            if v is not None}
    if not data:
        raise DomainError("CLI-MISSING-OPTION", "give --quantity, --due-date or --location",
                          options="--quantity, --due-date, --location")
    result = assembly_to_order.set_order(State.app(), no, data)
    print(f"{result['no']}: quantity {result['quantity']}, due {result['due_date']}, "
          f"location {result['location'] or '-'}")


@order_app.command("list")
@handle_errors
def order_list(as_json: bool = JSON):
    output.emit(assembly.list_orders(State.app()), as_json, "Assembly orders")


@order_app.command("show")
@handle_errors
def order_show(no: str, as_json: bool = JSON):
    """An order (and the sales order line it assembles for) and each component's need, what is
    on hand at its location and what is expected available there on the due date."""
    order = assembly_order_availability.order_availability(State.app(), no)
    if as_json:
        output.emit(order, True)
        return
    output.emit({k: v for k, v in order.items() if k not in ("lines", "tracking")}, False, f"Assembly order {no}")
    output.emit(order["lines"], False, "Components")


@order_app.command("reserve")
@handle_errors
def order_reserve(no: str, supply_ref: str = typer.Argument(None, metavar="[ORDER[:LINE]]", show_default=False,
                                                           help="With --from …-order: the order (line)."),
                  line: int = typer.Option(None, "--line", help="One component line (default: all)."),
                  qty: str = typer.Option(None, "--qty", help="With --line (default: all not consumed nor reserved)."),
                  source: str = typer.Option(None, "--from", help="stock | purchase-order PO-…:LINE | transfer-order "
                                             "TO-…:LINE | assembly-order AO-… (default: stock at the order's "
                                             "location, then inbound orders by date)."),
                  as_json: bool = JSON):
    """Reserve stock or inbound supply for an assembly order's components; prints what is reserved."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    result = order_reservations.reserve_assembly(State.app(), no, line, quantity,
                                                 reservation_supply.parse_supply(source, supply_ref))
    if isinstance(result, list):
        output.emit(result, as_json, f"Reserved for {no}")
    return result


@order_app.command("unreserve")
@handle_errors
def order_unreserve(no: str, line: int = typer.Option(None, "--line", help="One component line (default: all)."),
                    qty: str = typer.Option(None, "--qty", help="With --line (default: all that is reserved)."),
                    as_json: bool = JSON):
    """Cancel what is reserved for an assembly order's components; prints what stays reserved."""
    quantity = None if qty is None else option_decimal("--qty", qty, QTY)
    result = order_reservations.unreserve_assembly(State.app(), no, line, quantity)
    if isinstance(result, list):
        output.emit(result, as_json, f"Still reserved for {no}")
    return result


@resource_app.command("add")
@handle_errors
def resource_add(no: str = typer.Option(..., "--no"), name: str = typer.Option("", "--name"),
                 unit_cost: str = typer.Option("0", "--unit-cost")):
    """Add a resource (or change its name and unit cost)."""
    assembly_bom.add_resource(State.app(), no, name, option_decimal("--unit-cost", unit_cost, UNIT))
    print(f"resource {no} saved")


@resource_app.command("list")
@handle_errors
def resource_list(as_json: bool = JSON):
    output.emit(assembly_bom.list_resources(State.app()), as_json, "Resources")
