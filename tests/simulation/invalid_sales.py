"""Invalid sales commands (see :mod:`tests.simulation.invalid` for how a variant works)."""

from __future__ import annotations

from decimal import Decimal

from domain.sales import posting as sales_posting
from domain.setup.model.cards import Customer, Item
from tests.simulation.invalid import (
    LONG,
    _header,
    _line,
    _mutating,
    blocked,
    import_and_post_sales,
    sales_payload,
    stocked,
    variant,
)
from tests.simulation.rules_sales import sales_gl, sales_item

# --- sales documents -------------------------------------------------------------------------------

for _name, _mutate, _stay, _codes in (
        ("sales_negative_unit_price", _header(lines=[sales_gl("-250.00")]), True, None),
        ("sales_discount_over_100", _line(0, line_discount_pct="150"), True, None),
        ("sales_discount_negative", _line(0, line_discount_pct="-10"), True, None),
        ("sales_unknown_currency", _header(currency="XYZ", exchange_rate="1.5"), True, None),
        ("sales_date_9999", _header(posting_date="9999-12-31", document_date="9999-12-31"), True, None),
        ("sales_unknown_applies_to_doc_no", _header(applies_to_doc_no="PSI-999999"), True, None),
        ("sales_direct_posting_receivables", _header(lines=[{**sales_gl("100.00"), "no": "1500",
                                                             "vat_prod_posting_group": "ZERO"}]), True, None),
        ("sales_direct_posting_payables", _header(lines=[{**sales_gl("100.00"), "no": "2400",
                                                          "vat_prod_posting_group": "ZERO"}]), True, None),
        ("sales_negative_quantity", _header(lines=[sales_item("9000", "-2", "100.00", "MAIN")]), False,
         {"SALES-NEGATIVE-QUANTITY"}),
        ("sales_too_many_decimals", _header(lines=[sales_item("9000", "1.1234567", "100.00", "MAIN")]), False,
         None),
        ("sales_unknown_line_key", _line(0, reserve=True), False, {"IMPORT-UNKNOWN-KEY"}),
        ("sales_serial_no_on_line", _header(lines=[sales_item("9000", "1", "100.00", "MAIN", serial_no="SN-1")]),
         False, None),
        ("sales_overlong_description", _line(0, description=LONG), False, {"IMPORT-TEXT-TOO-LONG"}),
        ("sales_unknown_customer", _header(customer_no="C99999"), False, {"SALES-UNKNOWN-CUSTOMER"}),
        ("sales_unknown_item", _header(lines=[sales_item("NOPE", "1", "100.00", "MAIN")]), False,
         {"SALES-UNKNOWN-ITEM"}),
        ("sales_unknown_location", _header(lines=[sales_item("9000", "1", "100.00", "NOWHERE")]), False,
         {"SETUP-UNKNOWN-LOCATION"}),
        ("sales_invalid_date", _header(posting_date="2026-02-30"), False, {"IMPORT-INVALID-DATE"}),
):
    _mutating(_name, _mutate, stay=_stay, codes=_codes, sales=True,
              doc_type="credit_memo" if "applies_to" in _name else "invoice")


def _sale_entry(m, customer=None, other_than=None):
    for c in ("C10000", "C20000"):
        if (customer and c != customer) or c == other_than:
            continue
        entries = m.sale_entries(c)
        if entries:
            return c, entries[0]
    return None


@variant("sales_credit_memo_other_customer", stay=True, needs=lambda m: _sale_entry(m, "C20000") is not None)
def _(m, data):
    _, (entry_no, item, location, returnable) = _sale_entry(m, "C20000")
    lines = [sales_item(item, min(returnable, Decimal(1)), "100.00", location, applies_from_entry=entry_no)]
    return import_and_post_sales(m, sales_payload(m, data, "credit_memo", lines, "C10000"))


@variant("sales_credit_memo_more_than_sold", stay=True, needs=lambda m: _sale_entry(m) is not None)
def _(m, data):
    customer, (entry_no, item, location, returnable) = _sale_entry(m)
    lines = [sales_item(item, returnable + 1, "100.00", location, applies_from_entry=entry_no)]
    return import_and_post_sales(m, sales_payload(m, data, "credit_memo", lines, customer))


@variant("sales_return_other_customer", stay=True, needs=lambda m: _sale_entry(m, "C20000") is not None)
def _(m, data):
    _, (entry_no, item, location, returnable) = _sale_entry(m, "C20000")
    lines = [sales_item(item, min(returnable, Decimal(1)), "100.00", location, applies_from_entry=entry_no)]
    return import_and_post_sales(m, sales_payload(m, data, "return_order", lines, "C10000"))


@variant("sales_return_more_than_shipped", stay=True, codes={"SALES-RETURN-MORE-THAN-SHIPPED"},
         needs=lambda m: _sale_entry(m) is not None)
def _(m, data):
    customer, (entry_no, item, location, returnable) = _sale_entry(m)
    lines = [sales_item(item, returnable + 1, "100.00", location, applies_from_entry=entry_no)]
    return import_and_post_sales(m, sales_payload(m, data, "return_order", lines, customer))


def _stocked_line(m):
    item, location = stocked(m)[0]
    return sales_item(item, "1", "100.00", location)


@variant("sales_blocked_item_at_posting", stay=True, needs=lambda m: stocked(m))
def _(m, data):
    line = _stocked_line(m)
    return import_and_post_sales(m, sales_payload(m, data, lines=[line]), blocked(Item, line["no"], True))


@variant("sales_blocked_customer_at_posting", stay=True)
def _(m, data):
    return import_and_post_sales(m, sales_payload(m, data), blocked(Customer, "C10000", "all"))


@variant("sales_ship_more_than_on_hand", stay=True, codes={"SALES-INSUFFICIENT-QUANTITY"})
def _(m, data):
    qty = m.model.available("1100", "WEST") + 2
    return import_and_post_sales(m, sales_payload(m, data, "order", [sales_item("1100", qty, "100.00", "WEST")]))


def _sales_order(m):
    return next((d for d in m.model.docs_where("sales", ("order",)) if any(
        x.done < x.quantity for x in d.lines)), None)


@variant("sales_ship_unknown_line", needs=lambda m: _sales_order(m) is not None)
def _(m, data):
    doc = _sales_order(m)
    return lambda created: sales_posting.ship(m.app, doc.no, {len(doc.lines) + 1: Decimal(1)})


@variant("sales_ship_too_many_decimals", needs=lambda m: _sales_order(m) is not None)
def _(m, data):
    doc = _sales_order(m)
    return lambda created: sales_posting.ship(m.app, doc.no, {x.line_no: Decimal("0.1234567") for x in doc.lines})


@variant("sales_invoice_more_than_shipped", codes={"SALES-INVOICE-MORE-THAN-SHIPPED"},
         needs=lambda m: _sales_order(m) is not None)
def _(m, data):
    doc = _sales_order(m)
    return lambda created: sales_posting.invoice(m.app, doc.no, {
        x.line_no: x.done - x.invoiced + 1 for x in doc.lines})
