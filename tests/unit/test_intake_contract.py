"""The field contract between ocr and domain (domain/intake_contract.py) matches the database."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import String

import domain.schema  # noqa: F401  (registers every table on the metadata)
from domain import intake_contract as contract
from domain.intake import rules
from domain.message_texts.core import MESSAGES
from domain.orm import Base, ExactNumeric
from domain.problems import Problem
from domain.setup.charts.netherlands import CHART as NL_CHART
from domain.setup.charts.norway import CHART as NO_CHART
from ocr.pipeline import extract_bytes, extract_file
from ocr.proposal import FIELD_NAMES as OCR_FIELD_NAMES
from tests.fixtures.ocr_samples import render_pdf, sample

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus")


def column(name: str):
    table, col = name.split(".")
    return Base.metadata.tables[table].c[col]


def string_length(name: str) -> int:
    kind = column(name).type
    assert isinstance(kind, String) and kind.length, f"{name} is not a String(n) column"
    return kind.length


@pytest.mark.parametrize("table", [contract.FIELD_LENGTHS, contract.LINE_LENGTHS], ids=["header", "line"])
def test_every_length_in_the_contract_is_the_narrowest_column_its_value_lands_in(table):
    for name, (room, columns) in table.items():
        assert room == min(string_length(c) for c in columns), name


def test_every_line_number_in_the_contract_has_the_digits_its_column_holds():
    for name, (digits, col) in contract.LINE_DIGITS.items():
        kind = column(col).type
        assert isinstance(kind, ExactNumeric), col
        assert digits == kind.precision - kind.scale, name


def test_every_header_field_has_its_room_and_the_required_ones_are_fields():
    assert list(contract.FIELD_LENGTHS) == list(contract.FIELD_NAMES)
    assert set(contract.REQUIRED_FIELDS) <= set(contract.FIELD_NAMES)
    assert set(contract.DATE_FIELDS + contract.AMOUNT_FIELDS) <= set(contract.FIELD_NAMES)


def test_ocr_proposes_the_fields_of_the_contract_and_nothing_else():
    assert OCR_FIELD_NAMES is contract.FIELD_NAMES
    proposals = [extract_file(path) for path in (CORPUS / "ehf/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml",
                                                 CORPUS / "factur-x/xml/factur-x-en16931.xml")]
    proposals += [extract_bytes(render_pdf(sample(seed, language)), "f.pdf")
                  for seed, language in ((3, "nb"), (4, "nl"))]
    for proposal in proposals:
        assert set(proposal.fields) <= set(contract.FIELD_NAMES), proposal.source_kind


def test_the_contract_is_a_kernel_module_that_ocr_may_import():
    tree = ast.parse((ROOT / "domain/intake_contract.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "decimal"}


@pytest.mark.parametrize("chart", [NO_CHART, NL_CHART], ids=["NO", "NL"])
def test_the_starting_charts_charge_exactly_the_legal_domestic_vat_rates(chart):
    domestic = {row[2] for row in chart.vat_setup if row[0] == "DOMESTIC"}
    assert domestic == set(contract.LEGAL_VAT_RATES[chart.country])


def test_a_value_longer_than_its_room_is_a_problem_naming_the_field_and_the_room():
    assert rules.too_long("invoice_no", "X" * 50, 50) is None
    problem = rules.too_long("invoice_no", "X" * 80, 50)
    assert (problem.code, problem.field) == ("INTAKE-FIELD-TOO-LONG", "invoice_no")
    assert (problem.params["length"], problem.params["max_length"]) == (80, 50)
    assert rules.too_long("line.3.unit", "N" * 21, 20, "lines").field == "lines"


def test_a_line_number_is_rounded_for_its_column_unless_it_has_too_many_digits():
    assert rules.line_number("line.1.quantity", "quantity", Decimal("2.1234567")) == Decimal("2.12346")
    assert rules.line_number("line.1.quantity", "quantity", None) is None
    too_large = rules.line_number("line.1.quantity", "quantity", Decimal("1E13"))
    assert isinstance(too_large, Problem) and too_large.code == "INTAKE-NUMBER-TOO-LARGE"
    assert too_large.params == {"field": "line.1.quantity", "value": "1E+13", "max_digits": 13}
    assert isinstance(rules.line_number("line.1.vat_rate", "vat_rate", Decimal("99999999.99999999999")), Problem)


@pytest.mark.parametrize("code", ["INTAKE-FIELD-TOO-LONG", "INTAKE-NUMBER-TOO-LARGE"])
def test_the_room_problems_read_in_english_norwegian_and_dutch(code):
    assert set(MESSAGES[code]) == {"en", "nb", "nl"}
    problem = rules.too_long("invoice_no", "X" * 80, 50) if code.endswith("LONG") else \
        rules.line_number("line.1.amount", "amount", Decimal("1E20"))
    texts = [problem.message(lang) for lang in ("en", "nb", "nl")]
    assert len(set(texts)) == 3 and all("{" not in t and ("50" in t or "16" in t) for t in texts)
