"""Invalid commands beyond documents: item journals, revaluation, payments, setup,
inventory periods, corrections and approvals (see :mod:`tests.simulation.invalid`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.costing import adjustment as cost_adjustment
from domain.costing import periods as inventory_periods
from domain.costing import revaluation
from domain.inventory import journal as item_journal
from domain.payments import posting as payments
from domain.purchasing import correction as purchase_correction
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from domain.sales import correction as sales_correction
from domain.setup import masterdata
from domain.setup.model.cards import Item, Vendor
from tests.simulation.holes import KNOWN_HOLES
from tests.simulation.invalid import blocked, stocked, variant
from tests.simulation.model import ZERO

# --- item journal ----------------------------------------------------------------------------------


def journal_row(m, **values) -> dict:
    row = {"posting_date": m.model.open_dates()[-1].isoformat(), "entry_type": "positive_adjustment",
           "item_no": "1000", "location": "MAIN", "quantity": "1", "unit_cost": "10.00"}
    row.update(values)
    return {k: v for k, v in row.items() if v is not None}


def _journal(name, codes, needs=None, **values):
    def build(m, data):
        rows = [journal_row(m, **{k: (v(m) if callable(v) else v) for k, v in values.items()})]
        return lambda created: item_journal.post_journal(m.app, rows)
    variant(name, codes=codes, needs=needs)(build)


_journal("journal_negative_quantity", {"IJ-QUANTITY-NOT-POSITIVE"}, quantity="-2")
_journal("journal_zero_quantity", {"IJ-QUANTITY-NOT-POSITIVE"}, quantity="0")
_journal("journal_unknown_item", {"IJ-UNKNOWN-ITEM"}, item_no="NOPE")
_journal("journal_service_item", {"IJ-ITEM-NOT-INVENTORY"}, item_no="9000")
_journal("journal_unknown_location", {"SETUP-UNKNOWN-LOCATION"}, location="NOWHERE")
_journal("journal_unknown_entry_type", {"IMPORT-INVALID-CHOICE"}, entry_type="theft")
_journal("journal_negative_unit_cost", {"IJ-NEGATIVE-AMOUNT"}, unit_cost="-10.00")
_journal("journal_too_many_decimals", {"IMPORT-TOO-MANY-DECIMALS"}, quantity="1.1234567")
_journal("journal_invalid_date", {"IMPORT-INVALID-DATE"}, posting_date="2026-11-31")
_journal("journal_transfer_same_location", {"IJ-TRANSFER-SAME-LOCATION"}, entry_type="transfer",
         new_location="MAIN", unit_cost=None)
_journal("journal_transfer_without_new_location", {"IJ-TRANSFER-NEEDS-NEW-LOCATION"}, entry_type="transfer",
         unit_cost=None)
_journal("journal_new_location_on_a_sale", {"IJ-NEW-LOCATION-ONLY-FOR-TRANSFER"}, entry_type="sale",
         new_location="WEST", unit_cost=None)
_journal("journal_more_than_on_hand", {"INV-INSUFFICIENT-QUANTITY"}, entry_type="negative_adjustment",
         quantity=lambda m: str(m.model.available("1400", "WEST") + 1), item_no="1400", location="WEST",
         unit_cost=None)
_journal("journal_unknown_key", {"IMPORT-UNKNOWN-KEY"}, special_order="yes")
_journal("journal_into_closed_period", {"INV-PERIOD-CLOSED", "POST-DATE-NOT-ALLOWED"},
         needs=lambda m: m.model.closed_through is not None and not m.model.posting_range,
         posting_date=lambda m: m.model.closed_through.isoformat())
_journal("journal_outside_posting_range", {"POST-DATE-NOT-ALLOWED"}, needs=lambda m: m.model.posting_range,
         posting_date="2026-12-15")


@variant("journal_blocked_item", codes={"IJ-ITEM-BLOCKED"})
def _(m, data):
    def run(created):
        with blocked(Item, "1000", True)(m):
            return item_journal.post_journal(m.app, [journal_row(m)])
    return run


# --- revaluation ---------------------------------------------------------------------------------


def _reval(name, codes, needs=None, **values):
    def build(m, data):
        if "revaluation_refusal_adjusts_costs" in KNOWN_HOLES:
            cost_adjustment.adjust(m.app)  # else the refused revaluation commits the adjustment it runs first
        item = stocked(m)[0][0] if stocked(m) else "1000"
        row = {"posting_date": m.model.open_dates()[-1].isoformat(), "item_no": item, "new_unit_cost": "50"}
        row.update({k: (v(m) if callable(v) else v) for k, v in values.items()})
        return lambda created: revaluation.revalue(m.app, [{k: v for k, v in row.items() if v is not None}])
    variant(name, codes=codes, needs=needs)(build)


_reval("reval_negative_unit_cost", {"REVAL-NEGATIVE-VALUE"}, needs=lambda m: stocked(m), new_unit_cost="-10")
_reval("reval_negative_amount", {"REVAL-NEGATIVE-VALUE"}, needs=lambda m: stocked(m), new_unit_cost=None,
       revalued_amount="-100")
_reval("reval_unknown_item", {"REVAL-UNKNOWN-ITEM"}, item_no="NOPE")
_reval("reval_service_item", {"REVAL-UNKNOWN-ITEM"}, item_no="9000")
_reval("reval_cost_and_amount", {"REVAL-GIVE-UNIT-COST-OR-AMOUNT"}, revalued_amount="100")
_reval("reval_neither_cost_nor_amount", {"REVAL-GIVE-UNIT-COST-OR-AMOUNT"}, new_unit_cost=None)
_reval("reval_too_many_decimals", {"IMPORT-TOO-MANY-DECIMALS"}, new_unit_cost="1.1234567")
_reval("reval_nothing_on_hand", {"REVAL-NOTHING-ON-HAND"},
       needs=lambda m: m.model.available("1100", "MAIN") + m.model.available("1100", "WEST") == ZERO, item_no="1100")
_reval("reval_not_an_inbound_entry", {"REVAL-NOT-AN-INBOUND-ENTRY"}, item_no="1000", entry_no="999999")
_reval("reval_into_closed_period", {"POST-DATE-NOT-ALLOWED"}, needs=lambda m: m.model.closed_through is not None,
       posting_date=lambda m: m.model.closed_through.isoformat())


# --- payments ------------------------------------------------------------------------------------


def _payment(name, codes, party="customer", party_no="C10000", amount=Decimal("100.00"), apply_to=()):
    def build(m, data):
        return lambda created: payments.post_payment(m.app, party, party_no, amount, list(apply_to),
                                                     m.model.open_dates()[-1])
    variant(name, codes=codes)(build)


_payment("payment_negative_amount", {"PAY-AMOUNT-NOT-POSITIVE"}, amount=Decimal(-100))
_payment("payment_zero_amount", {"PAY-AMOUNT-NOT-POSITIVE"}, amount=ZERO)
_payment("payment_unknown_party", {"PAY-UNKNOWN-PARTY"}, party_no="C99999")
_payment("payment_unknown_party_type", {"PAY-UNKNOWN-PARTY"}, party="employee")
_payment("payment_to_no_open_entry", {"PAY-NO-OPEN-ENTRY"}, apply_to=("PSI-999999",))
_payment("payment_too_many_decimals", None, amount=Decimal("1.234"))
_payment("payment_amount_too_large", None, amount=Decimal("1e20"))


@variant("payment_to_another_partys_invoice", codes={"PAY-NO-OPEN-ENTRY"},
         needs=lambda m: any(p.area == "purchase" and p.party != "V40000" for p in m.model.posted.values()))
def _(m, data):
    other = next(p.no for p in m.model.posted.values() if p.area == "purchase" and p.party != "V40000")
    return lambda created: payments.post_payment(m.app, "vendor", "V40000", Decimal(10), [other],
                                                 m.model.open_dates()[-1])


# --- setup, periods, corrections ------------------------------------------------------------------


@variant("reversed_posting_range")
def _(m, data):
    return lambda created: masterdata.set_posting_range(m.app, dt.date(2026, 12, 31), dt.date(2026, 1, 1))


@variant("invalid_blocked_value")
def _(m, data):
    return lambda created: masterdata.set_flag(m.app, Vendor, "V20000", blocked="sometimes")


@variant("close_period_already_closed", codes={"INV-PERIOD-ALREADY-CLOSED"},
         needs=lambda m: m.model.closed_through is not None)
def _(m, data):
    return lambda created: inventory_periods.close_period(m.app, m.model.closed_through)


@variant("cancel_purchase_twice", codes={"PURCH-ALREADY-CANCELLED"},
         needs=lambda m: any(p.area == "purchase" and p.cancelled for p in m.model.posted.values()))
def _(m, data):
    posted = next(p.no for p in m.model.posted.values() if p.area == "purchase" and p.cancelled)
    return lambda created: purchase_correction.cancel_invoice(m.app, posted)


@variant("cancel_sales_twice", codes={"SALES-ALREADY-CANCELLED"},
         needs=lambda m: any(p.area == "sales" and p.cancelled for p in m.model.posted.values()))
def _(m, data):
    posted = next(p.no for p in m.model.posted.values() if p.area == "sales" and p.cancelled)
    return lambda created: sales_correction.cancel_invoice(m.app, posted)


@variant("cancel_unknown_invoice", codes={"PURCH-POSTED-INVOICE-NOT-FOUND"})
def _(m, data):
    return lambda created: purchase_correction.cancel_invoice(m.app, "PPI-999999")


@variant("cancel_a_credit_memo", codes={"SALES-POSTED-INVOICE-NOT-FOUND"},
         needs=lambda m: m.model.docs_where("sales", ("credit_memo",), ("posted",)))
def _(m, data):
    doc = m.model.docs_where("sales", ("credit_memo",), ("posted",))[0]
    return lambda created: sales_correction.cancel_invoice(m.app, doc.posted_no)


# --- approvals -----------------------------------------------------------------------------------


def _pending(m):
    return next(iter(m.model.docs_where("purchase", ("invoice", "credit_memo"), ("pending_approval",))), None)


@variant("approve_own_request", codes={"APPROVAL-SELF-APPROVAL", "APPROVAL-NOT-YOUR-ENTRY"},
         needs=lambda m: _pending(m) is not None)
def _(m, data):
    return lambda created: approvals_decide.approve(m.app, _pending(m).no)


@variant("send_request_twice", codes={"APPROVAL-ALREADY-PENDING"}, needs=lambda m: _pending(m) is not None)
def _(m, data):
    return lambda created: approvals.send_request(m.app, _pending(m).no)


@variant("post_pending_document", codes={"APPROVAL-PENDING"}, needs=lambda m: _pending(m) is not None)
def _(m, data):
    return lambda created: purchase_posting.post_document(m.app, _pending(m).no)


@variant("edit_pending_document", codes={"APPROVAL-DOCUMENT-LOCKED"}, needs=lambda m: _pending(m) is not None)
def _(m, data):
    return lambda created: purchase_edit.edit_document(m.app, _pending(m).no, {"quantity": "3"}, 1)


@variant("approve_without_request", codes={"APPROVAL-NO-OPEN-REQUEST", "APPROVAL-ENTRY-ALREADY-DECIDED"},
         needs=lambda m: m.model.approvals and m.model.docs_where("purchase", ("invoice",), ("open",)))
def _(m, data):
    doc = m.model.docs_where("purchase", ("invoice",), ("open",))[0]
    return lambda created: approvals_decide.approve(dataclasses.replace(m.app, user="admin"), doc.no)
