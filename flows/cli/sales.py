"""CLI for the sales cycle (salg / verkoop): quotes, orders, shipments, invoices, credit
memos, sales return orders (`ledgerflow sales return-order ...`), purchasing for a sale,
and the customer ledger and availability reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer

from domain.inventory import units
from domain.problems import DomainError
from domain.sales import corrective as sales_corrective
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale, reservations, shipment_invoicing
from domain.sales import stockout
from flows import output
from flows.cli.apps import report_app, sales_app, sales_order_app, sales_quote_app
from flows.cli.common import (
    CSV_FILE,
    FROM,
    JSON,
    TO,
    XLSX_FILE,
    State,
    check_targets,
    emit_report,
    handle_errors,
    option_choice,
    option_date,
    option_period,
    parse_pairs,
    read_json,
    write_tables,
)

QTY = typer.Option(None, "--qty", help="LINE=QTY, repeatable: quantity to ship/invoice for that line.")
ASSIGN_LOTS = typer.Option(False, "--assign-lots", help="Lines of tracked items without serial/lot nos. take "
                                                        "them from stock first, first expired first out (FEFO).")
RETURN_QTY = typer.Option(None, "--qty", help="LINE=QTY, repeatable.")
POSTING_DATE = typer.Option(None, "--posting-date", help="YYYY-MM-DD: the order takes this posting date first "
                            "(an audited edit, as `sales set`); shipments and invoices post on it.")
return_order_app = typer.Typer(help="Sales return orders: return receipt, then credit memo.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(sales_app, name="sales")
    report_app.command("customer-ledger")(customer_ledger)
    report_app.command("availability")(availability)


def _warn(problems) -> None:
    for p in problems:
        output.problem(p.code, p.message(State.language()), style="yellow")


def _create(file: Path, document_type: str, force: bool = False) -> list[str]:
    """Drafts from a JSON object, or from a list all or none (any problem creates nothing);
    ``document_type`` is the default, or with ``force`` the type of every document."""
    data = read_json(file)
    for doc in data if isinstance(data, list) else [data]:
        if isinstance(doc, dict):
            doc["document_type"] = document_type if force else doc.get("document_type", document_type)
    if isinstance(data, list):
        return sales_documents.create_documents(State.app(), data)
    return [sales_documents.create_document(State.app(), data)]


def _import(file: Path, expected: str) -> None:
    for no in _create(file, expected):
        _warn(sales_documents.check_credit_limit(State.app(), no))
        _warn(stockout.check_availability(State.app(), no))
        print(no)


@sales_app.command("check-availability")
@handle_errors
def check_availability(doc_no: str, as_json: bool = JSON):
    """BC's stockout warning: lines that would take more than is projected to be available on the
    document's shipment date (inventory + scheduled receipts - gross requirements), with the
    earliest date each quantity is available. Exit status 0 either way: it warns, never refuses."""
    warnings = stockout.check_availability(State.app(), doc_no)
    if as_json:
        output.emit({"document_no": doc_no, "warnings": [
            {"code": w.code, **w.params, "message": w.message(State.language())} for w in warnings]}, True)
        return
    _warn(warnings)
    if not warnings:
        print(f"{doc_no}: every line is available")


# `sales invoice` is both "invoice import FILE" and "invoice DOC_NO" (issue 6's CLI): see invoice()
for _kind, _command in (("quote", "quote"), ("order", "order"), ("credit_memo", "credit-memo")):
    _group = {"quote": sales_quote_app, "order": sales_order_app}.get(_kind) or typer.Typer(
        help=f"Sales {_command}s.", no_args_is_help=True)

    def _make(kind: str):
        @handle_errors
        def imported(file: Path = typer.Argument(..., help="JSON document (see README).")):
            """Create draft(s) from JSON; prints each document no."""
            _import(file, kind)
        return imported

    _group.command("import")(_make(_kind))
    sales_app.add_typer(_group, name=_command)

sales_app.add_typer(return_order_app, name="return-order")


@sales_app.command("make-order")
@handle_errors
def make_order(quote_no: str):
    """Convert a quote into an order (linked); prints the order no."""
    print(sales_documents.make_order(State.app(), quote_no))


def _result(result) -> None:
    if isinstance(result, sales_posting.SalesResult):
        _warn(result.warnings)
        for label, no in (("shipment", result.shipment_no), ("invoice", result.invoice_no)):
            if no:
                print(f"{label} {no}" + (" (already posted)" if result.already_posted else ""))
        if result.closed:
            print("order closed")


@sales_app.command("ship")
@handle_errors
def ship(doc_no: str, qty: list[str] = QTY, posting_date: str = POSTING_DATE, assign_lots: bool = ASSIGN_LOTS,
         lot_qty: list[str] = typer.Option(None, "--lot-qty", help="LINE:LOT=QTY (or LINE:SERIAL=1), repeatable: "
                                           "what this shipment takes of that lot of the line.")):
    """Post a shipment of a sales order (partial with --qty, or per lot with --lot-qty)."""
    result = sales_posting.ship(State.app(), doc_no, parse_pairs(qty), option_date("--posting-date", posting_date),
                                assign_lots, _lot_pairs(lot_qty))
    _result(result)
    return result


def _lot_pairs(values: list[str] | None) -> dict[int, dict[str, Decimal]]:
    """``["1:L-B=2"]`` -> ``{1: {"L-B": Decimal("2")}}``."""
    out: dict[int, dict[str, Decimal]] = {}
    for value in values or []:
        line, _, rest = value.partition(":")
        number, sep, qty = rest.rpartition("=")
        if not sep or not number.strip():
            raise DomainError("CLI-INVALID-OPTION", f"--lot-qty wants LINE:LOT=QTY, not {value!r}",
                              option="--lot-qty", value=value)
        pair = parse_pairs([f"{line}={qty}"], "--lot-qty")
        for line_no, amount in pair.items():
            out.setdefault(line_no, {})[number.strip()] = amount
    return out


@sales_app.command("invoice")
@handle_errors
def invoice(doc_no: str = typer.Argument(..., help="Document no., or `import` followed by a JSON file."),
            file: Path = typer.Argument(None, help="With `import`: the JSON document."), qty: list[str] = QTY,
            posting_date: str = POSTING_DATE):
    """Invoice what an order has shipped, or post an invoice / credit memo; `invoice import FILE` creates drafts."""
    if doc_no == "import":
        if file is None:
            raise DomainError("CLI-MISSING-FILE", "sales invoice import needs a JSON file")
        _import(file, "invoice")
        return None
    result = sales_posting.invoice(State.app(), doc_no, parse_pairs(qty), option_date("--posting-date", posting_date))
    _result(result)
    return result


@sales_app.command("post")
@handle_errors
def post(doc_no: str, qty: list[str] = QTY, posting_date: str = POSTING_DATE, assign_lots: bool = ASSIGN_LOTS):
    """Ship and invoice an order; post an invoice or credit memo."""
    result = sales_posting.post(State.app(), doc_no, parse_pairs(qty), option_date("--posting-date", posting_date),
                                assign_lots)
    _result(result)
    return result


@sales_app.command("get-shipment-lines")
@handle_errors
def get_shipment_lines(invoice_no: str, shipments: list[str] = typer.Argument(..., help="Posted shipment no(s).")):
    """BC Get Shipment Lines: add the open lines of posted shipments to a draft sales invoice; post it
    with `sales post` (it invoices the shipments and deducts their order's prepayment)."""
    added = shipment_invoicing.get_shipment_lines(State.app(), invoice_no, shipments)
    print(f"{added} line(s) added to {invoice_no}")


@sales_app.command("cancel")
@handle_errors
def cancel(posted_no: str):
    """Cancel a posted unpaid invoice with a corrective credit memo, or a corrective credit memo
    with an invoice (BC Cancel); prints the credit memo (invoice) no."""
    result = sales_corrective.cancel(State.app(), posted_no)
    _result(result)
    return result


def _header_dict(h) -> dict:
    return {"no": h.no, "document_type": h.document_type, "status": h.status, "customer_no": h.customer_no,
            "posting_date": h.posting_date, "due_date": h.due_date, "currency": h.currency_code,
            "quote_no": h.quote_no, "contact_no": h.contact_no, "posted_no": h.posted_no}


@sales_app.command("list")
@handle_errors
def list_documents(document_type: str = typer.Option(None, "--type", help="quote|order|invoice|credit_memo"),
                   as_json: bool = JSON):
    option_choice("--type", document_type, sales_documents.DOCUMENT_TYPES)
    output.emit([_header_dict(h) for h in sales_documents.list_documents(State.app(), document_type)],
                as_json, "Sales documents")


@sales_app.command("show")
@handle_errors
def show(no: str, as_json: bool = JSON):
    with State.app().uow() as session:
        h = sales_documents.get_document(session, no)
        data = _header_dict(h)
        reserved = reservations.line_reservations(session, [x.id for x in h.lines])
        data["lines"] = [{"line_no": x.line_no, "type": x.type, "no": x.no, "description": x.description,
                          "quantity": x.quantity, "unit_of_measure": x.unit_of_measure,
                          **units.base_fields(session, x, "quantity_shipped"),
                          "unit_price": x.unit_price, "qty_to_ship": x.qty_to_ship,
                          "quantity_shipped": x.quantity_shipped, "qty_to_invoice": x.qty_to_invoice,
                          "quantity_invoiced": x.quantity_invoiced, "drop_shipment": x.drop_shipment,
                          "special_order": x.special_order, "purchase_order_no": x.purchase_order_no,
                          "purchase_order_line_no": x.purchase_order_line_no, "location": x.location_code,
                          "serial_no": x.serial_no, "lot_no": x.lot_no, "tracking": list(x.tracking or []),
                          "qty_to_assemble_to_order": x.qty_to_assemble_to_order,
                          "assembly_order_no": x.assembly_order_no,
                          "reservations": reserved.get(x.id, [])} for x in h.lines]
    output.emit(data, as_json, f"Sales {data['document_type']} {no}")
    if not as_json:
        output.emit([{**x, "reservations": sum(r["quantity"] for r in x["reservations"]),
                      "tracking": ", ".join(f"{t.get('serial_no') or t.get('lot_no')} x {t['quantity']}"
                                            for t in x["tracking"])} for x in data["lines"]],
                    False, "Lines")


@sales_app.command("create-purchase-orders")
@handle_errors
def create_purchase_orders(order_no: str, dry_run: bool = typer.Option(False, "--dry-run"),
                           qty: list[str] = typer.Option(None, "--qty", help="LINE=QTY: edit the proposal."),
                           as_json: bool = JSON):
    """Purchase what the order needs: one purchase order per vendor, only the unavailable quantity."""
    rows = purchase_for_sale.create_purchase_orders(State.app(), order_no, dry_run, parse_pairs(qty))
    if not as_json and not dry_run:
        rows = [{"purchase_order_no": r["purchase_order_no"], "vendor_no": r["vendor_no"],
                 "drop_shipment": r["drop_shipment"], "special_order": r["special_order"],
                 "lines": len(r["lines"])} for r in rows]
    output.emit(rows, as_json, "Proposal" if dry_run else "Purchase orders created")


@sales_app.command("create-purchase-invoice")
@handle_errors
def create_purchase_invoice(doc_no: str, vendor: str = typer.Option(..., "--vendor"),
                            lines: str = typer.Option(None, "--lines", help="e.g. 1,3 (default: all)")):
    """A purchase invoice draft for VENDOR with the chosen lines' full sales quantity; prints its no."""
    try:
        chosen = [int(x) for x in lines.split(",")] if lines else None
    except ValueError:
        raise DomainError("CLI-INVALID-OPTION", f"--lines wants numbers like 1,3, not {lines!r}",
                          option="--lines", value=lines) from None
    print(purchase_for_sale.create_purchase_invoice(State.app(), doc_no, vendor, chosen))


@handle_errors
def customer_ledger(customer: str = typer.Option(None, "--customer"), date_from: str = FROM, date_to: str = TO,
                    as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    from domain.sales.reports import customer_ledger as rows

    entries = rows(State.app(), customer, option_period(date_from, date_to))
    emit_report(entries, as_json, "Customer ledger entries", csv_file, xlsx_file)


@handle_errors
def availability(item: str = typer.Option(None, "--item"), location: str = typer.Option(None, "--location",
                 help="Default: MAIN; with --by, all locations."),
                 by: str = typer.Option(None, "--by", help="event | day | week | month (needs --item): the "
                                        "projected available balance (BC Item Availability by Event / Period)."),
                 variant: str = typer.Option(None, "--variant", help="One variant of --item (counted apart)."),
                 as_json: bool = JSON, csv_file: Path = CSV_FILE, xlsx_file: Path = XLSX_FILE):
    """What is on hand and projected (a snapshot and a projection, so no --from/--to); with --by,
    --csv and --xlsx hold the rows by event or period."""
    from domain.sales.availability import item_availability
    from domain.sales.reports import availability as rows

    check_targets(csv_file, xlsx_file)
    if variant is not None:
        from domain.sales.variant_availability import variant_availability

        if not item or by is not None:
            raise DomainError("CLI-MISSING-OPTION", "--variant needs --item (and no --by)", options="--item")
        emit_report([variant_availability(State.app(), item, variant, location)], as_json,
                    f"Availability of {item} variant {variant}", csv_file, xlsx_file)
        return
    if by is None:
        emit_report(rows(State.app(), item, location or "MAIN"), as_json, "Availability", csv_file, xlsx_file)
        return
    option_choice("--by", by, ("event", "day", "week", "month"))
    if not item:
        raise DomainError("CLI-MISSING-OPTION", "--by needs --item", options="--item")
    result = item_availability(State.app(), item, location, by)
    write_tables(result["rows"], f"Availability of {item} by {by}", csv_file, xlsx_file)
    if as_json:
        output.emit(result, True)
        return
    output.emit({k: v for k, v in result.items() if k != "rows"}, False, f"Availability of {item}")
    output.emit(result["rows"], False, f"By {by}")


@return_order_app.command("import")
@handle_errors
def return_order_import(file: Path = typer.Argument(..., help="Sales JSON; item lines name applies_from_entry.")):
    """Create sales return order(s) from JSON; prints each return order no."""
    for no in _create(file, "return_order", force=True):
        print(no)


@return_order_app.command("receive")
@handle_errors
def return_order_receive(doc_no: str, qty: list[str] = RETURN_QTY, posting_date: str = POSTING_DATE):
    """Post a return receipt (partial with --qty); prints the posted return receipt no."""
    result = sales_posting.ship(State.app(), doc_no, parse_pairs(qty), option_date("--posting-date", posting_date))
    _result(result)
    return result


@return_order_app.command("invoice")
@handle_errors
def return_order_invoice(doc_no: str, qty: list[str] = RETURN_QTY, posting_date: str = POSTING_DATE):
    """Post the credit memo of what has been received back; prints the posted credit memo no."""
    result = sales_posting.invoice(State.app(), doc_no, parse_pairs(qty), option_date("--posting-date", posting_date))
    _result(result)
    return result
