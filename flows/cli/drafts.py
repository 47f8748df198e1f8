"""CLI for drafts you can fix (issue 17): `purchase line add|remove|set`, `purchase delete`,
`sales line add|remove|set|tracking`, `sales delete` and `sales set` (header dates).

Every value is handed to the domain as text and read there by the import's own readers, so a
line added here is checked exactly as an imported line is; a refusal prints its codes and exits 2
with nothing written."""

from __future__ import annotations

import typer

from domain.problems import DomainError
from domain.purchasing import lines as purchase_lines
from domain.sales import lines as sales_lines
from flows import output
from flows.cli.apps import purchase_app, sales_app
from flows.cli.common import State, handle_errors

purchase_line_app = typer.Typer(help="Add, remove and change the lines of a purchase draft or order.",
                                no_args_is_help=True)
sales_line_app = typer.Typer(help="Add, remove and change the lines of a sales draft, quote or order.",
                             no_args_is_help=True)
ASSIGNMENTS = typer.Argument(..., metavar="FIELD=VALUE...", help="e.g. quantity=3 direct_unit_cost=12.50")
LOCATION = typer.Option(None, "--location", help="Location code (must exist).")
DISCOUNT = typer.Option(None, "--line-discount-pct", help="Line discount, 0..100.")
DESCRIPTION = typer.Option(None, "--description", help="Default: the item's / account's.")
QUANTITY = typer.Option(..., "--quantity", help="More than 0.")
NO = typer.Option(..., "--no", help="Item, G/L account or item charge no.")


def register(root: typer.Typer) -> None:
    purchase_app.add_typer(purchase_line_app, name="line")
    purchase_app.command("delete")(purchase_delete)
    sales_app.add_typer(sales_line_app, name="line")
    sales_app.command("delete")(sales_delete)
    sales_app.command("set")(sales_set)


def say(text: str) -> None:
    output.console.print(text, soft_wrap=True, highlight=False, markup=False)


def _pairs(assignments: list[str], code: str) -> dict[str, str]:
    changes = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DomainError(code, f"expected FIELD=VALUE, got {item!r}", value=item)
        changes[name.strip()] = value
    return changes


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


def _done(no: str, result, what: str) -> None:
    note = "; approval voided" if result.approval_voided else ""
    say(f"{no} {what}; version {result.version}, status {result.status}{note}")


@purchase_line_app.command("add")
@handle_errors
def purchase_line_add(
    doc_no: str, line_type: str = typer.Option(..., "--type", help="item | gl_account | charge_item"),
    no: str = NO, quantity: str = QUANTITY,
    direct_unit_cost: str = typer.Option(None, "--direct-unit-cost", help="Default: the item's last direct cost."),
    location: str = LOCATION, line_discount_pct: str = DISCOUNT, description: str = DESCRIPTION,
    assign_to_entry: list[str] = typer.Option(None, "--assign-to-entry",
                                              help="Charge: item ledger entry it is assigned to, repeatable."),
    assignment_method: str = typer.Option(None, "--assignment-method", help="Charge: equally | by_amount."),
    applies_to_entry: str = typer.Option(None, "--applies-to-entry",
                                         help="Credit memo / return order: the receipt entry it returns."),
):
    """Add a line, checked as the import checks it; prints the line no. A released document is
    reopened and its approval voided."""
    data = _given(type=line_type, no=no, quantity=quantity, direct_unit_cost=direct_unit_cost, location=location,
                  line_discount_pct=line_discount_pct, description=description,
                  assignment_method=assignment_method, applies_to_entry=applies_to_entry)
    if assign_to_entry:
        data["assign_to_entries"] = list(assign_to_entry)
    result = purchase_lines.add_line(State.app(), doc_no, data)
    _done(doc_no, result, f"line {result.line_no} added")


@purchase_line_app.command("remove")
@handle_errors
def purchase_line_remove(doc_no: str, line_no: int = typer.Argument(..., metavar="LINE")):
    """Remove a line (not one that has been received). A draft may be left empty; it cannot post."""
    _done(doc_no, purchase_lines.remove_line(State.app(), doc_no, line_no), f"line {line_no} removed")


@purchase_line_app.command("set")
@handle_errors
def purchase_line_set(doc_no: str, line_no: int = typer.Argument(..., metavar="LINE"),
                      assignments: list[str] = ASSIGNMENTS):
    """Change a line: type, no, quantity, direct_unit_cost, line_discount_pct, location, description,
    vat_prod_posting_group, assign_to_entries (1,2), assignment_method, applies_to_entry."""
    changes = _pairs(assignments, "PURCH-EDIT-SYNTAX")
    _done(doc_no, purchase_lines.set_line(State.app(), doc_no, line_no, changes), f"line {line_no} changed")


@handle_errors
def purchase_delete(doc_no: str):
    """Delete a purchase draft or order (not posted, not waiting for approval, nothing received).
    Its number is not used again."""
    say(f"{purchase_lines.delete_document(State.app(), doc_no)} deleted")


@sales_line_app.command("add")
@handle_errors
def sales_line_add(
    doc_no: str, line_type: str = typer.Option(..., "--type", help="item | gl_account"),
    no: str = typer.Option(..., "--no", help="Item or G/L account no."), quantity: str = QUANTITY,
    unit_price: str = typer.Option(None, "--unit-price", help="Default: the item's unit price."),
    location: str = LOCATION, line_discount_pct: str = DISCOUNT, description: str = DESCRIPTION,
    applies_from_entry: str = typer.Option(None, "--applies-from-entry",
                                           help="Credit memo / return order: the sale entry it takes back."),
):
    """Add a line, checked as the sales import checks it; prints the line no."""
    data = _given(type=line_type, no=no, quantity=quantity, unit_price=unit_price, location=location,
                  line_discount_pct=line_discount_pct, description=description,
                  applies_from_entry=applies_from_entry)
    result = sales_lines.add_line(State.app(), doc_no, data)
    _done(doc_no, result, f"line {result.line_no} added")


@sales_line_app.command("remove")
@handle_errors
def sales_line_remove(doc_no: str, line_no: int = typer.Argument(..., metavar="LINE")):
    """Remove a line (not one that has shipped). A draft may be left empty; it cannot post."""
    _done(doc_no, sales_lines.remove_line(State.app(), doc_no, line_no), f"line {line_no} removed")


@sales_line_app.command("set")
@handle_errors
def sales_line_set(doc_no: str, line_no: int = typer.Argument(..., metavar="LINE"),
                   assignments: list[str] = typer.Argument(..., metavar="FIELD=VALUE...",
                                                           help="e.g. quantity=3 unit_price=99")):
    """Change a line: type, no, quantity, unit_price, line_discount_pct, location, description,
    vat_prod_posting_group, applies_from_entry."""
    changes = _pairs(assignments, "SALES-EDIT-SYNTAX")
    _done(doc_no, sales_lines.set_line(State.app(), doc_no, line_no, changes), f"line {line_no} changed")


@sales_line_app.command("tracking")
@handle_errors
def sales_line_tracking(
    doc_no: str, line_no: int = typer.Argument(..., metavar="LINE"),
    lot: list[str] = typer.Option(None, "--lot", help="Lot no., repeatable; each with its --qty, in order."),
    qty: list[str] = typer.Option(None, "--qty", help="The quantity of each --lot, in order."),
    serial: list[str] = typer.Option(None, "--serial", help="Serial no. (one unit), repeatable."),
    expiration_date: list[str] = typer.Option(None, "--expiration-date",
                                              help="Credit memo: the expiration date of each --lot, in order."),
    clear: bool = typer.Option(False, "--clear", help="Remove the line's serial/lot nos."),
):
    """Set a line's serial/lot nos. (BC Item Tracking Lines): they replace the line's, add up to
    its quantity, and an order or invoice line's must be on hand at its location."""
    lots, quantities, dates = lot or [], qty or [], expiration_date or []
    if not clear and not lots and not serial:
        raise DomainError("SALES-TRACKING-CLI-NOTHING", "give --lot L --qty Q, --serial S or --clear")
    if clear and (lots or serial):
        raise DomainError("SALES-TRACKING-CLI-NOTHING", "--clear takes no --lot or --serial")
    if len(quantities) != len(lots) or len(dates) > len(lots):
        raise DomainError("SALES-TRACKING-CLI-QTY-PER-LOT", "give one --qty per --lot (and at most one "
                          "--expiration-date per --lot)", lots=len(lots), quantities=len(quantities))
    entries = [{"lot_no": no, "quantity": q, **({"expiration_date": dates[i]} if i < len(dates) else {})}
               for i, (no, q) in enumerate(zip(lots, quantities))]
    entries += [{"serial_no": no, "quantity": "1"} for no in serial or []]
    result = sales_lines.set_tracking(State.app(), doc_no, line_no, entries)
    _done(doc_no, result, f"line {line_no} tracking set" if entries else f"line {line_no} tracking cleared")


@handle_errors
def sales_delete(doc_no: str):
    """Delete a sales draft, quote or order (not posted, not waiting for approval, nothing shipped).
    Its number is not used again."""
    say(f"{sales_lines.delete_document(State.app(), doc_no)} deleted")


@handle_errors
def sales_set(doc_no: str, assignments: list[str] = typer.Argument(..., metavar="FIELD=VALUE...")):
    """Change a sales document's header: posting_date, document_date (moves the due date by the
    payment terms), due_date, external_document_no, exchange_rate. An order's later shipments and
    invoices post on its posting date."""
    changes = _pairs(assignments, "SALES-EDIT-SYNTAX")
    _done(doc_no, sales_lines.set_header(State.app(), doc_no, changes), "changed")
