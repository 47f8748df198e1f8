"""Prepayments end at exactly zero (hypothesis, SQLite and PostgreSQL).

Random purchase and sales orders: one to four lines at two VAT rates (25 % and 15 %), odd unit
prices, line discounts, a Prepayment % per line with decimals, prices including or excluding
VAT, in NOK or in EUR at an exchange rate that changes before every posting; a prepayment
invoice, any number of partial final invoices (some followed by a prepayment credit memo and a
new prepayment invoice) and the last invoice of what is left. Afterwards, for the order's
documents: the prepayment account's G/L entries add up to 0.00; the prepayment and deduction
lines add up to 0.00 net and 0.00 including VAT; the VAT entries (LCY) are exactly the VAT of the
final invoices' own lines, so the VAT on prepayments is back at 0.00; every document's vendor
(customer) ledger entry is its total and together they are the final invoices' own lines'
total; and on every order line what was deducted is what was invoiced, net and VAT apart
(BC: Prepmt. Amt. Inv. = Prepmt Amt Deducted once the line is invoiced in full).
"""

from __future__ import annotations

import itertools
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from domain.ledger.model import CustomerLedgerEntry, GLEntry, VATEntry, VendorLedgerEntry
from domain.money import round_amount
from domain.problems import Rejected
from domain.purchasing import edit as purchase_edit
from domain.purchasing import orders as purchase_orders
from domain.purchasing import prepayment as purchase_prepayment
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader
from domain.sales import documents as sales_documents
from domain.sales import lines as sales_lines
from domain.sales import posting as sales_posting
from domain.sales import prepayment as sales_prepayment
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader

_orders = itertools.count(1)
#: (purchase item, sales VAT product group): 25 % and 15 % in the Norwegian demo
VAT_CHOICES = (("1100", "HIGH"), ("1000", "MEDIUM"))
PREPAYMENT_ACCOUNT = {"purchase": "1570", "sales": "2900"}

line = st.tuples(st.integers(1, 9),  # quantity
                 st.integers(100, 99_999),  # unit price in cents
                 st.sampled_from(["0", "0", "3", "12.5"]),  # line discount %
                 st.integers(0, 1),  # VAT choice
                 st.integers(100, 10_000))  # Prepayment % in hundredths (each line has one due)
order = st.fixed_dictionaries({
    "side": st.sampled_from(["purchase", "sales"]),
    "incl": st.booleans(),
    "eur": st.booleans(),
    "lines": st.lists(line, min_size=1, max_size=4),
    # each partial invoice takes this many tenths of what is open on every line (rounded down)
    "parts": st.lists(st.integers(2, 9), min_size=1, max_size=3),
    "credit_after_first": st.booleans(),
    "rates": st.lists(st.integers(95_000, 125_000), min_size=6, max_size=6),
})


def _order_data(side: str, example: dict) -> dict:
    lines = []
    for quantity, cents, discount, vat, pct in example["lines"]:
        item, group = VAT_CHOICES[vat]
        price = format(D(cents) / 100, "f")
        common = {"quantity": str(quantity), "line_discount_pct": discount,
                  "prepayment_pct": format(D(pct) / 100, "f")}
        if side == "purchase":
            lines.append({"type": "item", "no": item, "direct_unit_cost": price, **common})
        else:  # a service item: nothing to take from stock; its VAT group as drawn
            lines.append({"type": "item", "no": "9000", "unit_price": price, "vat_prod_posting_group": group,
                          **common})
    data = {"posting_date": "2026-11-20", "prices_including_vat": example["incl"], "lines": lines}
    if example["eur"]:
        data.update(currency="EUR", exchange_rate=_rate(example, 0))
    if side == "purchase":
        return {"document_type": "order", "vendor_no": "V10000", **data}
    return {"document_type": "order", "customer_no": "C10000", **data}


def _rate(example: dict, step: int) -> str:
    return format(D(example["rates"][step % len(example["rates"])]) / 10_000, "f")


class Side:
    """The calls of one side (purchase or sales) the property drives."""

    def __init__(self, app, side: str):
        self.app, self.side, self.serial = app, side, next(_orders)

    def create(self, data: dict) -> str:
        if self.side == "purchase":
            return purchase_orders.create_order(self.app, data)
        return sales_documents.create_document(self.app, data)

    def prepay(self, no: str, credit: bool = False) -> str:
        if self.side == "purchase":
            call = purchase_prepayment.post_credit_memo if credit else purchase_prepayment.post_invoice
            result = call(self.app, no)
            assert not isinstance(result, Rejected), result
            return result.posted_no
        call = sales_prepayment.post_credit_memo if credit else sales_prepayment.post_invoice
        result = call(self.app, no)
        assert not isinstance(result, Rejected), result
        return result.invoice_no

    def rate(self, no: str, rate: str) -> None:
        if self.side == "purchase":
            purchase_edit.edit_document(self.app, no, {"exchange_rate": rate})
        else:
            sales_lines.set_header(self.app, no, {"exchange_rate": rate})

    def invoice(self, no: str, quantities: dict[int, D] | None, step: int) -> str:
        if self.side == "purchase":
            result = purchase_orders.receive_and_invoice(self.app, no, f"P{self.serial}-{step}", quantities)
            assert not isinstance(result, Rejected), result
            return result.posted_no
        result = sales_posting.post(self.app, no, quantities)
        assert not isinstance(result, Rejected), result
        return result.invoice_no


def _drive(app, side: str, example: dict) -> tuple[str, list[str], list[str]]:
    """Post the example; (order no., every posted document no., the final invoices' nos.)."""
    calls = Side(app, side)
    no = calls.create(_order_data(side, example))
    documents, finals, step = [calls.prepay(no)], [], 1
    quantities = {index: D(q) for index, (q, *_) in enumerate(example["lines"], start=1)}
    invoiced = dict.fromkeys(quantities, D(0))
    for tenths in example["parts"]:
        # every line named: a line left out would be received (shipped) and invoiced in full
        take = {k: (quantities[k] - invoiced[k]) * tenths // 10 for k in quantities}
        if not any(take.values()):
            continue
        if example["eur"]:
            calls.rate(no, _rate(example, step))
        finals.append(calls.invoice(no, take, step))
        step += 1
        for k, v in take.items():
            invoiced[k] += v
        if example["credit_after_first"] and len(finals) == 1:
            documents.append(calls.prepay(no, credit=True))
            if example["eur"]:
                calls.rate(no, _rate(example, step))
            documents.append(calls.prepay(no))
            step += 1
    if example["eur"]:
        calls.rate(no, _rate(example, step))
    finals.append(calls.invoice(no, None, step))
    return no, documents + finals, finals


def _assert_exact(app, side: str, no: str, posted: list[str], finals: list[str]) -> None:
    header_model, line_model, order_model, ledger, party = (
        (PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, VendorLedgerEntry, "vendor_no")
        if side == "purchase" else (PostedSalesHeader, PostedSalesLine, SalesHeader, CustomerLedgerEntry,
                                    "customer_no"))
    account = PREPAYMENT_ACCOUNT[side]
    sign = D(-1) if side == "purchase" else D(1)  # the ledger entry of an invoice
    with app.uow() as s:
        gl = s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.document_no.in_(posted),
                                                              GLEntry.gl_account_no == account))
        assert gl == D(0), f"prepayment account {account} keeps {gl}"
        assert s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.document_no.in_(posted))) == D(0)
        prepaid = [D(0), D(0)]  # the prepayment and deduction lines, net and incl. VAT (a credit memo's back)
        for row, kind in s.execute(select(line_model, header_model.document_type).join(
                header_model, header_model.no == line_model.document_no).where(
                line_model.document_no.in_(posted), line_model.type == "gl_account", line_model.no == account)):
            memo = D(-1) if kind == "credit_memo" else D(1)
            prepaid = [prepaid[0] + memo * row.amount, prepaid[1] + memo * row.amount_including_vat]
        assert prepaid == [D(0), D(0)], f"prepayment lines keep net / incl. VAT {prepaid}"
        own_vat_lcy, own_total = D(0), D(0)
        for final in finals:
            header = s.get(header_model, final)
            own = s.scalars(select(line_model).where(line_model.document_no == final,
                                                     line_model.no != account)).all()
            groups: dict[str, D] = {}
            for row in own:
                groups[row.vat_prod_posting_group] = groups.get(row.vat_prod_posting_group, D(0)) + \
                    row.amount_including_vat - row.amount
                own_total += row.amount_including_vat
            own_vat_lcy += sum((v if header.currency_code == "NOK" else round_amount(v * header.exchange_rate, "NOK")
                                for v in groups.values()), D(0))
        vat = s.scalar(select(func.sum(VATEntry.amount)).where(VATEntry.document_no.in_(posted)))
        assert vat == (own_vat_lcy if side == "purchase" else -own_vat_lcy), "the VAT on prepayments is not zero"
        total = D(0)
        for document in posted:
            header = s.get(header_model, document)
            entry = s.scalar(select(ledger).where(ledger.document_no == document,
                                                  getattr(ledger, party) == getattr(header, party)))
            memo = D(-1) if header.document_type == "credit_memo" else D(1)
            assert entry.amount == sign * memo * header.amount_including_vat
            total += entry.amount
        assert total == sign * own_total
        order_row = s.scalar(select(order_model).where(order_model.no == no))
        for x in order_row.lines:
            assert x.quantity_invoiced == x.quantity
            assert (x.prepmt_amt_deducted, x.prepmt_vat_base_deducted, x.prepmt_vat_amount_deducted,
                    x.prepmt_amount_deducted_lcy, x.prepmt_vat_amount_deducted_lcy) == (
                x.prepmt_amt_inv, x.prepmt_vat_base_inv, x.prepmt_vat_amount_inv, x.prepmt_amount_inv_lcy,
                x.prepmt_vat_amount_inv_lcy)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=order)
def test_after_prepayment_and_any_partial_final_invoices_the_prepayment_and_its_vat_are_exactly_zero(app, example):
    side = example["side"]
    no, posted, finals = _drive(app, side, example)
    _assert_exact(app, side, no, posted, finals)
