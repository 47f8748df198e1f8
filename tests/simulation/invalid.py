"""The invalid commands the simulation throws at the services (issue 12's holes and more).

Each :class:`Variant` builds, from the machine's current state, a command that must be
refused with a coded problem (``Rejected`` or ``DomainError``) and write nothing. A
command that imports a document and then posts it may leave the draft behind when
``stay`` is set (the refusal may come at posting); otherwise the import itself must
refuse it. ``codes``: the refusal must name one of them (checks that the command is
refused for the reason it is meant to test, not another). ``needs``: when the variant
applies (there is an open order, a closed period, ...). The names double as the keys
of :data:`tests.simulation.holes.KNOWN_HOLES`.

The purchasing variants live here, the sales ones in :mod:`tests.simulation.invalid_sales`,
those of journals, revaluation, payments, setup and approvals in
:mod:`tests.simulation.invalid_more`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing import returns as purchase_returns
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale
from domain.setup import masterdata
from domain.setup.model.cards import Item, Vendor
from tests.simulation.model import ZERO
from tests.simulation.rules_purchasing import gl_line, item_line, purchase_data
from tests.simulation.rules_sales import sales_data, sales_gl


@dataclass(frozen=True)
class Variant:
    name: str
    build: Callable  # (machine, data) -> command(created: list) -> outcome
    stay: bool = False
    codes: frozenset | None = None
    needs: Callable = lambda m: True
    group: str = "other"  # purchasing | sales | other: one rule of the machine each


VARIANTS: dict[str, Variant] = {}


def variant(name: str, *, stay: bool = False, codes=None, needs=None):
    def register(fn):
        group = "other" if fn.__module__.endswith("invalid_more") else "sales" if name.startswith("sales_") \
            else "purchasing"
        VARIANTS[name] = Variant(name, fn, stay, frozenset(codes) if codes else None, needs or (lambda m: True), group)
        return fn
    return register


# --- building blocks ---------------------------------------------------------------------------


def purchase_payload(m, data, doc_type="invoice", lines=None, vendor="V10000", **header) -> dict:
    lines = lines or [item_line("1000", 2, "50.00", "MAIN"), gl_line("6800", "100.00", "HIGH")]
    return purchase_data(m.model, doc_type, vendor, lines, m.draw_date(data), **header)


def import_and_post(m, payload: dict, before_post: Callable | None = None):
    def run(created):
        no = purchase_documents.create_document(m.app, payload)
        created.append(no)
        if before_post is None:
            return purchase_posting.post_document(m.app, no)
        with before_post(m):
            return purchase_posting.post_document(m.app, no)
    return run


def sales_payload(m, data, doc_type="invoice", lines=None, customer="C10000", **header) -> dict:
    return sales_data(doc_type, customer, lines or [sales_gl("250.00")], m.draw_date(data), **header)


def import_and_post_sales(m, payload: dict, before_post: Callable | None = None, quantities=None):
    def run(created):
        no = sales_documents.create_document(m.app, payload)
        created.append(no)
        if before_post is None:
            return sales_posting.post(m.app, no, quantities)
        with before_post(m):
            return sales_posting.post(m.app, no, quantities)
    return run


class blocked:
    """Block a card for the duration of one command, then unblock it."""

    def __init__(self, cls, key, value):
        self.cls, self.key, self.value = cls, key, value

    def __call__(self, m):
        self.app = m.app
        return self

    def __enter__(self):
        with self.app.uow() as session:
            self.before = session.get(self.cls, self.key).blocked
        masterdata.set_flag(self.app, self.cls, self.key, blocked=self.value)

    def __exit__(self, *exc):
        masterdata.set_flag(self.app, self.cls, self.key, blocked=self.before)


def stocked(m) -> list[tuple[str, str]]:
    return sorted(k for k, v in m.model.on_hand.items() if v > ZERO)


def _mutating(name: str, mutate: Callable[[dict], None], *, stay=False, codes=None, sales=False, doc_type="invoice"):
    def build(m, data):
        payload = (sales_payload if sales else purchase_payload)(m, data, doc_type)
        mutate(payload)
        return (import_and_post_sales if sales else import_and_post)(m, payload)
    variant(name, stay=stay, codes=codes)(build)


def _line(index: int, **values):
    return lambda p: p["lines"][index].update(values)


def _header(**values):
    return lambda p: p.update(values)


LONG = "Kaffe " * 60  # 360 characters; descriptions hold 250

# --- purchase import: the import must refuse ------------------------------------------------------

for _name, _mutate, _codes in (
        ("purchase_negative_quantity", _line(0, quantity="-5"), None),
        ("purchase_zero_quantity", _line(0, quantity="0"), None),
        ("purchase_negative_exchange_rate", _header(currency="EUR", exchange_rate="-11.5"), None),
        ("purchase_unknown_header_key", _header(prepayment_pct="10"), {"IMPORT-UNKNOWN-KEY"}),
        ("purchase_unknown_line_key", _line(0, special_order=True), {"IMPORT-UNKNOWN-KEY"}),
        ("purchase_misspelled_line_key", lambda p: p["lines"][0].update(
            direct_unit_cst=p["lines"][0].pop("direct_unit_cost")), {"IMPORT-MISSPELLED-KEY"}),
        ("purchase_overlong_description", _line(0, description=LONG), {"IMPORT-TEXT-TOO-LONG"}),
        ("purchase_overlong_vendor_invoice_no", _header(vendor_invoice_no="X" * 60), {"IMPORT-TEXT-TOO-LONG"}),
        ("purchase_overlong_unit_of_measure", _line(0, unit_of_measure="U" * 25), {"IMPORT-TEXT-TOO-LONG"}),
        ("purchase_nul_character", _line(0, description="Kaffe\x00bønner"), {"IMPORT-CONTROL-CHARACTER"}),
        ("purchase_invalid_iban", _header(vendor_iban="NO0000000000000"), {"ID-INVALID-IBAN"}),
        ("purchase_prices_including_vat_maybe", _header(prices_including_vat="maybe"), {"IMPORT-INVALID-BOOLEAN"}),
        ("purchase_due_date_formula", _header(due_date="14X"), {"IMPORT-INVALID-DATE"}),
        ("purchase_invalid_date", _header(posting_date="2026-13-01"), {"IMPORT-INVALID-DATE"}),
        ("purchase_too_many_decimals", _line(0, direct_unit_cost="10.1234567"), {"IMPORT-TOO-MANY-DECIMALS"}),
        ("purchase_number_too_large", _line(0, quantity="1e15"), {"IMPORT-NUMBER-TOO-LARGE"}),
        ("purchase_unknown_item", _line(0, no="NOPE"), {"PURCH-UNKNOWN-ITEM"}),
        ("purchase_unknown_vendor", _header(vendor_no="V99999"), {"PURCH-UNKNOWN-VENDOR"}),
        ("purchase_unknown_location", _line(0, location="NOWHERE"), {"SETUP-UNKNOWN-LOCATION"}),
        ("purchase_unknown_vat_group", _line(1, vat_prod_posting_group="NOPE"),
         {"SETUP-UNKNOWN-VAT-PROD-POSTING-GROUP"}),
        ("purchase_unknown_account", _line(1, no="9999"), {"SETUP-UNKNOWN-ACCOUNT"}),
        ("purchase_unknown_line_type", _line(0, type="bogus"), {"IMPORT-INVALID-CHOICE"}),
        ("purchase_without_lines", _header(lines=[]), {"IMPORT-MISSING-FIELD"}),
        ("purchase_line_not_an_object", _header(lines=["1000"]), {"IMPORT-NOT-AN-OBJECT"}),
        ("purchase_missing_vendor_invoice_no", _header(vendor_invoice_no=""), {"IMPORT-MISSING-FIELD"}),
        ("purchase_unknown_payment_terms", _header(payment_terms="99D"), {"SETUP-UNKNOWN-PAYMENT-TERMS"}),
        ("purchase_due_before_document_date", lambda p: p.update(due_date=(
            dt.date.fromisoformat(p["document_date"]) - dt.timedelta(days=3)).isoformat()),
         {"PURCH-DUE-BEFORE-DOCUMENT-DATE"}),
):
    _mutating(_name, _mutate, codes=_codes)

# --- purchase posting: refused at import or at posting ----------------------------------------

for _name, _mutate, _doc_type, _codes in (
        ("purchase_date_9999", _header(posting_date="9999-12-31", document_date="9999-12-31"), "invoice", None),
        ("purchase_huge_assign_to_entry", _header(lines=[{"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                                          "direct_unit_cost": "5", "assign_to_entry": 10 ** 30}]),
         "invoice", None),
        ("purchase_discount_over_100", _line(0, line_discount_pct="150"), "invoice", None),
        ("purchase_discount_negative", _line(0, line_discount_pct="-10"), "invoice", None),
        ("purchase_negative_unit_cost", _header(lines=[item_line("1000", 2, "-50.00", "MAIN")]), "invoice", None),
        ("purchase_unknown_currency", _header(currency="XYZ", exchange_rate="1.5"), "invoice", None),
        ("purchase_unknown_applies_to_doc_no", _header(applies_to_doc_no="PPI-999999",
                                                      lines=[gl_line("6800", "10.00", "HIGH")]), "credit_memo", None),
        ("direct_posting_payables", _header(lines=[gl_line("2400", "100.00", "ZERO")]), "invoice", None),
        ("direct_posting_receivables", _header(lines=[gl_line("1500", "100.00", "ZERO")]), "invoice", None),
        ("direct_posting_inventory", _header(lines=[gl_line("1460", "100.00", "ZERO")]), "invoice", None),
        ("direct_posting_vat", _header(lines=[gl_line("2710", "100.00", "ZERO")]), "invoice", None),
):
    _mutating(_name, _mutate, stay=True, codes=_codes, doc_type=_doc_type)


@variant("purchase_applies_to_other_vendors_invoice", stay=True,
         needs=lambda m: any(p.area == "purchase" and p.party != "V10000" for p in m.model.posted.values()))
def _(m, data):
    other = next(p.no for p in m.model.posted.values() if p.area == "purchase" and p.party != "V10000")
    return import_and_post(m, purchase_payload(m, data, "credit_memo", [gl_line("6800", "10.00", "HIGH")],
                                               applies_to_doc_no=other))


@variant("purchase_credit_memo_more_than_on_hand", stay=True, codes={"INV-INSUFFICIENT-QUANTITY"})
def _(m, data):
    qty = m.model.available("1100", "MAIN") + 3
    return import_and_post(m, purchase_payload(m, data, "credit_memo", [item_line("1100", qty, "10.00", "MAIN")]))


@variant("purchase_blocked_vendor_at_posting", stay=True, codes={"PURCH-VENDOR-BLOCKED"})
def _(m, data):
    return import_and_post(m, purchase_payload(m, data), blocked(Vendor, "V10000", "all"))


@variant("purchase_blocked_item_at_posting", stay=True, codes={"PURCH-ITEM-BLOCKED"})
def _(m, data):
    return import_and_post(m, purchase_payload(m, data), blocked(Item, "1000", True))


@variant("purchase_into_closed_period", stay=True, codes={"INV-PERIOD-CLOSED", "POST-DATE-NOT-ALLOWED"},
         needs=lambda m: m.model.closed_through is not None and not m.model.posting_range)
def _(m, data):
    payload = purchase_payload(m, data, lines=[item_line("1000", 1, "10.00", "MAIN")])
    payload["posting_date"] = payload["document_date"] = m.model.closed_through.isoformat()
    return import_and_post(m, payload)


@variant("purchase_outside_posting_range", stay=True, codes={"POST-DATE-NOT-ALLOWED"},
         needs=lambda m: m.model.posting_range is not None)
def _(m, data):
    payload = purchase_payload(m, data)
    payload["posting_date"] = payload["document_date"] = "2026-12-15"
    return import_and_post(m, payload)


# --- editing a purchase draft ----------------------------------------------------------------------


def _open_draft(m):
    return next(iter(m.model.docs_where("purchase", ("invoice", "credit_memo"), ("open", "released"))), None)


def _edit(name, changes, line_no=1, codes=None):
    def build(m, data):
        doc = _open_draft(m)
        values = changes(doc) if callable(changes) else changes
        return lambda created: purchase_edit.edit_document(m.app, doc.no, values, line_no)
    variant(name, codes=codes, needs=lambda m: _open_draft(m) is not None)(build)


_edit("edit_negative_quantity", {"quantity": "-5"})
_edit("edit_discount_over_100", {"line_discount_pct": "250"})
_edit("edit_due_before_document_date", lambda doc: {"due_date": (
    dt.date.fromisoformat(str(doc.posting_date)) - dt.timedelta(days=30)).isoformat()}, None)
_edit("edit_unknown_field", {"colour": "red"}, None, {"PURCH-EDIT-UNKNOWN-FIELD"})
_edit("edit_unknown_line", {"quantity": "2"}, 99, {"PURCH-LINE-NOT-FOUND"})
_edit("edit_too_many_decimals", {"quantity": "1.1234567"}, 1, {"IMPORT-TOO-MANY-DECIMALS"})


@variant("edit_posted_document", codes={"PURCH-DOCUMENT-POSTED"},
         needs=lambda m: m.model.docs_where("purchase", ("invoice", "credit_memo"), ("posted",)))
def _(m, data):
    doc = m.model.docs_where("purchase", ("invoice", "credit_memo"), ("posted",))[0]
    return lambda created: purchase_edit.edit_document(m.app, doc.no, {"quantity": "1"}, 1)


# --- purchase orders and returns -------------------------------------------------------------------


def _order(m, test=lambda line: line.done < line.quantity):
    return next((d for d in m.model.docs_where("purchase", ("order",)) if any(test(x) for x in d.lines)), None)


def _receive(name, quantities, codes=None):
    def build(m, data):
        doc = _order(m)
        return lambda created: purchase_orders.receive(m.app, doc.no, quantities(doc))
    variant(name, codes=codes, needs=lambda m: _order(m) is not None)(build)


_receive("receive_unknown_line", lambda doc: {len(doc.lines) + 1: Decimal(1)})
_receive("receive_more_than_outstanding", lambda doc: {x.line_no: x.quantity - x.done + 1 for x in doc.lines},
         {"PURCH-RECEIVE-MORE-THAN-OUTSTANDING"})
_receive("receive_negative_quantity", lambda doc: {1: Decimal(-1)}, {"PURCH-RECEIVE-MORE-THAN-OUTSTANDING"})
_receive("receive_too_many_decimals", lambda doc: {x.line_no: Decimal("0.1234567") for x in doc.lines
                                                   if x.done < x.quantity})


@variant("invoice_more_than_received", codes={"PURCH-INVOICE-MORE-THAN-RECEIVED"},
         needs=lambda m: _order(m, lambda x: True) is not None)
def _(m, data):
    doc = _order(m, lambda x: True)
    return lambda created: purchase_orders.invoice(m.app, doc.no, m.model.next_ref("VI"), {
        x.line_no: x.done - x.invoiced + 1 for x in doc.lines})


@variant("receive_closed_order", codes={"PURCH-ORDER-CLOSED"},
         needs=lambda m: m.model.docs_where("purchase", ("order",), ("closed",)))
def _(m, data):
    doc = m.model.docs_where("purchase", ("order",), ("closed",))[0]
    return lambda created: purchase_orders.receive(m.app, doc.no)


@variant("return_more_than_received", stay=True, codes={"PURCH-RETURN-MORE-THAN-RECEIVED"},
         needs=lambda m: any(e.source_no == "V10000" for e in m.inbound_entries()))
def _(m, data):
    entry = next(e for e in m.inbound_entries() if e.source_no == "V10000")
    payload = purchase_payload(m, data, "order", [item_line(entry.item_no, entry.remaining_quantity + 1, "10.00",
                                                            entry.location_code, applies_to_entry=entry.entry_no)])

    def run(created):
        no = purchase_returns.create_return_order(m.app, payload)
        created.append(no)
        return purchase_returns.ship(m.app, no)
    return run


def _sales_with_items(m):
    return next((d for d in m.model.docs_where("sales", ("order", "invoice")) if any(
        x.type == "item" for x in d.lines)), None)


@variant("purchase_for_sale_unknown_line", needs=lambda m: _sales_with_items(m) is not None)
def _(m, data):
    doc = _sales_with_items(m)
    first = next(x.line_no for x in doc.lines if x.type == "item")
    return lambda created: purchase_for_sale.create_purchase_invoice(m.app, doc.no, "V10000", [first, 99])
