"""Skatteetaten's SAF-T Financial v1.30 code lists, shipped beside this module unchanged
(copies of ``saft-no/naeringsspesifikasjon.csv`` and ``Standard_Tax_Codes.csv`` of
Skatteetaten/saf-t; a test checks they equal ``../shared/standards``), and the Norwegian demo
chart's mapping onto them.

- A G/L account carries a grouping: GroupingCategory + GroupingCode of the næringsspesifikasjon
  list (v1.30 allows no other mapping).
- A VAT posting setup carries two standard tax codes: one for sales, one for purchases (as BC
  Norway's "Sales/Purchase SAF-T Standard Tax Code").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
GROUPING_FILE = HERE / "saft_grouping_codes.csv"
TAX_CODE_FILE = HERE / "saft_standard_tax_codes.csv"


@dataclass(frozen=True)
class StandardTaxCode:
    code: str
    description_nb: str
    description_en: str
    rate: str
    compensation: bool


@cache
def grouping_codes() -> dict[tuple[str, str], str]:
    """(GroupingCategory, GroupingCode) -> the code's Norwegian description."""
    with GROUPING_FILE.open(encoding="utf-8-sig", newline="") as f:
        return {(r["GroupingCategory"], r["GroupingCode"]): r["CodeDescriptionNOB"]
                for r in csv.DictReader(f, delimiter=";")}


@cache
def standard_tax_codes() -> dict[str, StandardTaxCode]:
    with TAX_CODE_FILE.open(encoding="utf-8-sig", newline="") as f:
        return {r["Code"]: StandardTaxCode(r["Code"], r["DescriptionNOB"], r["DescriptionENG"], r["TaxRate"],
                                           r["Compensation"].strip().upper() == "TRUE")
                for r in csv.DictReader(f, delimiter=";")}


def categories_of(code: str) -> list[str]:
    """The categories in which ``code`` is a grouping code (most codes are in exactly one)."""
    return sorted(cat for cat, c in grouping_codes() if c == code)


_O, _K, _S, _V, _A = ("balanseverdiForOmloepsmiddel", "kortsiktigGjeld", "salgsinntekt", "varekostnad",
                      "annenDriftskostnad")

#: the Norwegian demo chart (charts/norway.py) -> (GroupingCategory, GroupingCode)
NO_GROUPING: dict[str, tuple[str, str]] = {
    "1460": (_O, "1400"), "1469": (_O, "1400"), "1500": (_O, "1500"), "1570": (_O, "1570"),
    "1920": (_O, "1920"),
    "2400": (_K, "2400"), "2700": (_K, "2740"), "2701": (_K, "2740"), "2702": (_K, "2740"),
    "2705": (_K, "2740"), "2710": (_K, "2740"), "2711": (_K, "2740"), "2712": (_K, "2740"),
    "2715": (_K, "2740"), "2790": (_K, "2990"), "2900": (_K, "2900"),
    "3000": (_S, "3000"), "3100": (_S, "3100"),
    "4300": (_V, "4005"), "4360": (_V, "4005"), "4390": (_V, "4005"), "4391": (_V, "4005"),
    "4392": (_V, "4005"), "4395": (_V, "4005"), "4396": (_V, "4005"), "4397": (_V, "4005"),
    "4500": (_V, "4500"),
    "6300": (_A, "6300"), "6340": (_A, "6340"), "6540": (_A, "6500"), "6700": (_A, "6700"),
    "6800": (_A, "6995"), "6860": (_A, "7700"), "6900": (_A, "6995"), "7140": (_A, "7165"),
    "7500": (_A, "7500"), "7770": (_A, "7700"), "7790": (_A, "7700"),
    "8060": ("finansinntekt", "8060"), "8160": ("finanskostnad", "8160"),
}

#: the Norwegian demo VAT posting setup (bus, prod) -> (sales code, purchase code)
NO_STANDARD_TAX_CODES: dict[tuple[str, str], tuple[str, str]] = {
    ("DOMESTIC", "HIGH"): ("3", "1"), ("DOMESTIC", "MEDIUM"): ("31", "11"),
    ("DOMESTIC", "LOW"): ("33", "13"), ("DOMESTIC", "ZERO"): ("5", "0"),
    ("FOREIGN", "HIGH"): ("52", "86"), ("FOREIGN", "MEDIUM"): ("52", "0"),
    ("FOREIGN", "LOW"): ("52", "0"), ("FOREIGN", "ZERO"): ("52", "0"),
}

__all__ = ["StandardTaxCode", "grouping_codes", "standard_tax_codes", "categories_of", "NO_GROUPING",
           "NO_STANDARD_TAX_CODES"]
