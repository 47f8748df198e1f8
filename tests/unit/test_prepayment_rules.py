"""The prepayment rules (pure): BC's Prepmt. Line Amount, what a prepayment invoice and credit
memo take, and the deduction of partial final invoices that adds up to the prepayment exactly."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from domain.ledger.rules.amounts import Fixed
from domain.ledger.rules.prepayment import (
    PrepaymentLine,
    invoice_amounts,
    line_prepayment,
    to_credit,
    to_deduct,
    to_deduct_fixed,
    to_invoice,
)
from domain.money import round_amount
from domain.setup.rules import pct_problem


def line(quantity="10", invoiced="0", amount="2450.00", pct="30", inv="0", deducted="0", no=1):
    return PrepaymentLine(no, D(quantity), D(invoiced), D(amount), D(pct), D(inv), D(deducted))


def test_a_prepayment_is_the_line_amount_times_the_pct_rounded_to_the_currency():
    assert line_prepayment(line(amount="99.99", pct="33.333"), "NOK") == D("33.33")
    assert line_prepayment(line(amount="0.05", pct="50"), "EUR") == D("0.03")  # half up


def test_an_invoice_takes_only_what_is_not_yet_invoiced_and_skips_lines_without_a_prepayment():
    lines = [line(inv="300"), line(pct="0", no=2), line(inv="735", no=3), line(invoiced="10", no=4)]
    assert to_invoice(lines, "NOK") == {1: D("435.00")}


def test_a_credit_memo_of_a_line_prepaid_before_the_split_takes_back_its_one_amount():
    assert to_credit([line(inv="735", deducted="200"), line(inv="100", deducted="100", no=2)]) == {
        1: (D("535"), None)}


def split_line(quantity="10", invoiced="0", net="588.00", vat="147.00", net_lcy="588.00", vat_lcy="147.00",
               deducted=Fixed(D(0), D(0), D(0), D(0)), incl=True, no=1):
    paid = Fixed(D(net), D(vat), D(net_lcy), D(vat_lcy))
    shown = paid.net + paid.vat if incl else paid.net
    return PrepaymentLine(no, D(quantity), D(invoiced), D("2450.00"), D("30"), shown,
                          deducted.net + deducted.vat if incl else deducted.net, paid, deducted, incl)


def test_a_credit_memo_takes_back_the_net_and_the_vat_invoiced_and_not_deducted():
    taken = Fixed(D("100.00"), D("25.00"), D("100.00"), D("25.00"))
    assert to_credit([split_line(deducted=taken)]) == {
        1: (D("610.00"), Fixed(D("488.00"), D("122.00"), D("488.00"), D("122.00")))}


def test_a_prepayment_invoice_splits_each_groups_vat_so_net_and_vat_add_up_to_each_amount():
    due = {1: (D("10.00"), "normal|25|HIGH", D(25), False), 2: (D("10.01"), "normal|25|HIGH", D(25), False),
           3: (D("7.77"), "normal|15|FOOD", D(15), False)}
    found = invoice_amounts(due, True, "EUR", "NOK", lambda amount: round_amount(amount * D("11.7"), "NOK"))
    assert all(found[no].net + found[no].vat == amount for no, (amount, *_) in due.items())
    assert found[1].vat + found[2].vat == D("4.00")  # 20.01 x 25/125, once for the group
    assert found[1].vat_lcy + found[2].vat_lcy == D("46.80")  # the group's VAT converted once
    assert found[3] == Fixed(D("6.76"), D("1.01"), D("79.09"), D("11.82"))


def test_a_partial_final_invoice_deducts_shares_of_net_and_vat_and_the_last_one_what_is_left():
    first = to_deduct_fixed(split_line(net="13.37", vat="3.34", net_lcy="156.43", vat_lcy="39.08"), D(3), "EUR",
                            "NOK")
    assert first == Fixed(D("4.01"), D("1.00"), D("46.93"), D("11.72"))
    last = to_deduct_fixed(split_line(invoiced="3", net="13.37", vat="3.34", net_lcy="156.43", vat_lcy="39.08",
                                      deducted=first), D(7), "EUR", "NOK")
    assert last == Fixed(D("9.36"), D("2.34"), D("109.50"), D("27.36"))
    assert to_deduct_fixed(split_line(net="0", vat="0", net_lcy="0", vat_lcy="0"), D(3), "EUR", "NOK") is None


def test_a_partial_invoice_deducts_its_share_and_the_last_one_the_rest():
    assert to_deduct(line(inv="735"), D(3), "NOK") == D("220.50")
    assert to_deduct(line(invoiced="9", inv="735", deducted="661.49"), D(1), "NOK") == D("73.51")
    assert to_deduct(line(inv="0"), D(5), "NOK") == D(0)


def test_a_prepayment_pct_outside_0_to_100_is_refused():
    assert pct_problem(D("100"), "prepayment_pct") is None and pct_problem(D("0"), "x") is None
    assert pct_problem(D("100.01"), "prepayment_pct").code == "PREPMT-PCT-OUT-OF-RANGE"
    assert pct_problem(D("-1"), "lines[2].prepayment_pct").field == "lines[2].prepayment_pct"


@given(quantity=st.integers(1, 50), parts=st.lists(st.integers(1, 7), min_size=1, max_size=12),
       prepaid=st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2))
def test_the_deductions_of_any_split_of_the_invoicing_add_up_to_the_prepayment(quantity, parts, prepaid):
    invoiced, deducted = D(0), D(0)
    for part in parts + [quantity]:
        take = min(D(part), D(quantity) - invoiced)
        if take <= 0:
            break
        amount = to_deduct(line(str(quantity), str(invoiced), "0", "0", str(prepaid), str(deducted)), take, "NOK")
        assert D(0) <= amount <= prepaid - deducted
        invoiced, deducted = invoiced + take, deducted + amount
    assert (invoiced, deducted) == (D(quantity), prepaid)
