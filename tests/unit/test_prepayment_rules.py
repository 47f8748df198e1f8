"""The prepayment rules (pure): BC's Prepmt. Line Amount, what a prepayment invoice and credit
memo take, and the deduction of partial final invoices that adds up to the prepayment exactly."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from domain.ledger.rules.prepayment import PrepaymentLine, line_prepayment, to_credit, to_deduct, to_invoice
from domain.setup.rules import pct_problem


def line(quantity="10", invoiced="0", amount="2450.00", pct="30", inv="0", deducted="0", no=1):
    return PrepaymentLine(no, D(quantity), D(invoiced), D(amount), D(pct), D(inv), D(deducted))


def test_a_prepayment_is_the_line_amount_times_the_pct_rounded_to_the_currency():
    assert line_prepayment(line(amount="99.99", pct="33.333"), "NOK") == D("33.33")
    assert line_prepayment(line(amount="0.05", pct="50"), "EUR") == D("0.03")  # half up


def test_an_invoice_takes_only_what_is_not_yet_invoiced_and_skips_lines_without_a_prepayment():
    lines = [line(inv="300"), line(pct="0", no=2), line(inv="735", no=3), line(invoiced="10", no=4)]
    assert to_invoice(lines, "NOK") == {1: D("435.00")}


def test_a_credit_memo_takes_back_what_is_invoiced_and_not_deducted():
    assert to_credit([line(inv="735", deducted="200"), line(inv="100", deducted="100", no=2)]) == {1: D("535")}


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
