"""CLI for item tracking (BC Item Tracking Codes, Item Reclassification Journal), added to the
``item`` group: ``item tracking-code add|list``; ``item reclassify --item NO --lot OLD --new-lot NEW
[--qty Q] [--location L] [--new-expiration-date D]`` (or ``--serial``/``--new-serial``)."""

from __future__ import annotations

import typer

from domain.inventory import reclassify as reclass
from domain.inventory import tracking_codes
from domain.problems import Rejected
from flows import output
from flows.cli.apps import item_app
from flows.cli.common import JSON, State, handle_errors

code_app = typer.Typer(help="Item tracking codes (varesporingskoder / artikeltraceringscodes).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    item_app.add_typer(code_app, name="tracking-code")
    item_app.command("reclassify")(item_reclassify)


@code_app.command("add")
@handle_errors
def code_add(code: str = typer.Option(..., "--code"), serial: str = typer.Option(..., "--serial", help="yes | no"),
             lot: str = typer.Option(..., "--lot", help="yes | no"),
             expiration_required: str = typer.Option("no", "--expiration-required",
                                                     help="yes | no: lots need an expiration date"),
             strict_expiration: str = typer.Option(None, "--strict-expiration",
                                                   help="yes | no (BC Strict Expiration Posting): an expired lot "
                                                        "cannot go out; default: as --expiration-required"),
             description: str = typer.Option("", "--description"), as_json: bool = JSON):
    """Add an item tracking code (again: change it); give items it with `item set NO --tracking-code`."""
    card = tracking_codes.add_code(State.app(), code, serial, lot, expiration_required, description,
                                   strict_expiration)
    if as_json:
        output.emit(card, True, f"Item tracking code {code}")
    else:
        output.console.print(f"item tracking code {code} added")


@code_app.command("list")
@handle_errors
def code_list(as_json: bool = JSON):
    output.emit(tracking_codes.list_codes(State.app()), as_json, "Item tracking codes")


@handle_errors
def item_reclassify(item: str = typer.Option(..., "--item"), lot: str = typer.Option(None, "--lot"),
                    new_lot: str = typer.Option(None, "--new-lot"), serial: str = typer.Option(None, "--serial"),
                    new_serial: str = typer.Option(None, "--new-serial"),
                    qty: str = typer.Option(None, "--qty", help="Default: all of the lot at the location."),
                    location: str = typer.Option("", "--location"),
                    new_expiration_date: str = typer.Option(None, "--new-expiration-date"),
                    posting_date: str = typer.Option(None, "--posting-date", help="Default: today."),
                    as_json: bool = JSON):
    """Give a lot (serial no.) on hand a new no. or expiration date (BC Item Reclassification
    Journal): one negative and one positive transfer entry at the same cost, in one transaction."""
    result = reclass.reclassify(State.app(), {
        "item_no": item, "lot_no": lot, "new_lot_no": new_lot, "serial_no": serial, "new_serial_no": new_serial,
        "quantity": qty, "location": location, "new_expiration_date": new_expiration_date,
        "posting_date": posting_date})
    if isinstance(result, Rejected):
        return result
    if as_json:
        output.emit({"document_no": result.document_no, "item_entries": result.item_entries}, True)
    else:
        output.console.print(f"reclassified as {result.document_no}: item ledger entries "
                             f"{', '.join(map(str, result.item_entries))}")
    return result
