"""Pure intake rules: what blocks a draft, and the draft's lines."""

from __future__ import annotations

from decimal import Decimal as D

from domain.intake import rules
from domain.problems import Problem


def line(no, amount, qty=None, price=None, rate=D(25)):
    return rules.SourceLine(no, f"line {no}", qty, price, None, rate, amount)


def test_invalid_kid_is_a_warning_but_a_missing_invoice_no_blocks():
    assert rules.severity(Problem("OCR-INVALID-PAYMENT-REFERENCE", "payment_reference"), True) == "warning"
    assert rules.severity(Problem("OCR-MISSING-FIELD", "invoice_no"), True) == "error"
    assert rules.decide(["warning", "warning"]) == "created"
    assert rules.decide(["warning", "error"]) == "review"


def test_invalid_vendor_id_blocks_only_while_the_vendor_is_unknown():
    problem = Problem("OCR-INVALID-ORGNR", "vendor_org_no")
    assert (rules.severity(problem, False), rules.severity(problem, True)) == ("error", "warning")


def test_lines_that_add_up_become_the_draft_lines_with_negative_ones_as_negative_cost():
    lines = [line(1, D("100.00"), D(2), D(50)), line(2, D("-3.96"), D(-1), D("3.96"))]
    drafted = rules.draft_lines(lines, [(D(25), D("96.04"))], D("96.04"), "X")
    assert [(d.quantity, d.direct_unit_cost) for d in drafted] == [(D(2), D(50)), (D(1), D("-3.96"))]


def test_lines_that_do_not_add_up_give_one_line_per_vat_rate():
    drafted = rules.draft_lines([line(1, D("10.00"))], [(D(25), D(80)), (D(15), D(20))], D(100), "Vendor 7")
    assert [(d.source_line_no, d.direct_unit_cost, d.vat_rate) for d in drafted] == \
        [(None, D(80), D(25)), (None, D(20), D(15))]


def test_negative_invoice_is_a_credit_memo():
    assert rules.sign_of("invoice", D("-125.00")) == ("credit_memo", D(-1))
    assert rules.sign_of("credit_memo", D("125.00")) == ("credit_memo", D(1))


def test_one_rate_is_derived_from_net_and_vat_only_when_exactly_one_fits():
    assert rules.derive_rate(D("1000.00"), D("250.00"), {D(25), D(15), D(12), D(0)}) == D(25)
    assert rules.derive_rate(D("1000.00"), D("249.00"), {D(25), D(15)}) is None


def test_mapping_text_ignores_numbers_and_case():
    assert rules.normalise_text("Frakt 12.11.2026, ordre 4711") == rules.normalise_text("FRAKT 3.1.2027 ordre 99")


def test_bank_account_changed_only_when_both_sides_know_one_and_none_match():
    assert rules.bank_account_changed({"NO1"}, {"NO2"})
    assert not rules.bank_account_changed({"NO1", "123"}, {"123"})
    assert not rules.bank_account_changed(set(), {"NO2"})


def test_the_vat_group_for_a_rate_is_the_lines_own_when_it_fits_else_the_first_normal_one():
    setups = [("HIGH", "normal", D(25)), ("LOW", "normal", D(15)), ("OTHER", "normal", D(25)),
              ("REVERSE", "reverse_charge", D(25))]
    assert rules.vat_prod_group(setups, D(25), "OTHER") == "OTHER"
    assert rules.vat_prod_group(setups, D(25), "LOW") == "HIGH"  # the line's own does not give 25 %
    assert rules.vat_prod_group(setups, D(0), "REVERSE") == "REVERSE"  # reverse charge fits a 0 % line
    assert rules.vat_prod_group(setups, D(0), None) is None
    assert rules.vat_prod_group(setups, D(12), None) is None
