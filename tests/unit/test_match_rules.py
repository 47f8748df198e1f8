"""Application proposals for statement payments without a reference: BC's match confidence."""

from decimal import Decimal as D

import pytest

from domain.payments.match_rules import Candidate, normalise_name, propose, same_name

CANDIDATES = [Candidate(1, "customer", "C10000", "Solberg Bakeri AS", "PSI-1", D("1250.00")),
              Candidate(2, "customer", "C20000", "Eik Arkitekter AS", "PSI-2", D("1250.00")),
              Candidate(3, "customer", "C10000", "Solberg Bakeri AS", "PSI-3", D("2500.00"))]


@pytest.mark.parametrize("payer, name, same", [
    ("SOLBERG BAKERI A/S", "Solberg Bakeri AS", True), ("Solberg Bakeri", "Solberg Bakeri AS", True),
    ("Bakkerij de Vries B.V.", "Bakkerij De Vries", True), ("Søstrene Grene", "Sostrene Grene AS", True),
    ("Eik Arkitekter AS Bergen", "Eik Arkitekter AS", True), ("Solberg Bakery", "Solberg Bakeri AS", True),
    ("AS", "Solberg Bakeri AS", False), ("Ukjent Innbetaler", "Solberg Bakeri AS", False),
    ("A", "A Bakeri AS", False), ("", "Solberg Bakeri AS", False)])
def test_names_are_compared_without_case_accents_punctuation_and_legal_forms(payer, name, same):
    assert same_name(payer, name) is same


def test_legal_forms_and_punctuation_are_dropped():
    assert normalise_name("Bakkerij de Vries B.V.") == "bakkerij de vries"


def test_amount_and_name_is_high_amount_only_medium_name_only_low_best_first():
    found = propose(D("1250.00"), "Solberg Bakeri", CANDIDATES)
    assert [(p.candidate.document_no, p.confidence, p.score) for p in found] == [
        ("PSI-1", "high", 100), ("PSI-2", "medium", 60), ("PSI-3", "low", 30)]


def test_money_out_is_compared_by_its_magnitude_and_nothing_matching_proposes_nothing():
    assert [p.candidate.document_no for p in propose(D("-2500.00"), "Someone", CANDIDATES)] == ["PSI-3"]
    assert propose(D("777.00"), "Ukjent Innbetaler", CANDIDATES) == []
