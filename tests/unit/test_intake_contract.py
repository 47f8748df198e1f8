"""The field contract between ocr and domain (domain/intake_contract.py) matches the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import String

import domain.schema  # noqa: F401  (registers every table on the metadata)
from domain import intake_contract as contract
from domain.orm import Base, ExactNumeric
from domain.setup.charts.netherlands import CHART as NL_CHART
from domain.setup.charts.norway import CHART as NO_CHART
from ocr.pipeline import extract_file
from ocr.proposal import FIELD_NAMES as OCR_FIELD_NAMES

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
    for path in (CORPUS / "ehf/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml",
                 CORPUS / "factur-x/xml/factur-x-en16931.xml"):
        assert set(extract_file(path).fields) <= set(contract.FIELD_NAMES), path.name


def test_the_contract_is_a_kernel_module_that_ocr_may_import():
    tree = ast.parse((ROOT / "domain/intake_contract.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "decimal"}


@pytest.mark.parametrize("chart", [NO_CHART, NL_CHART], ids=["NO", "NL"])
def test_the_starting_charts_charge_exactly_the_legal_domestic_vat_rates(chart):
    domestic = {row[2] for row in chart.vat_setup if row[0] == "DOMESTIC"}
    assert domestic == set(contract.LEGAL_VAT_RATES[chart.country])
