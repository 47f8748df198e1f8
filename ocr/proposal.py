"""The plain-data proposal that intake hands to the domain.

Everything extracted from a file lands here: each header field with its value
(normalised text: dates ISO ``YYYY-MM-DD``, amounts plain decimal strings),
its confidence in [0, 1] and where it came from. Nothing here touches a database.
Which fields there are, which are required and how long each may be is the
contract in :mod:`domain.intake_contract`, shared with the domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.intake_contract import FIELD_NAMES  # noqa: F401  (part of ocr's API)
from domain.problems import Problem


@dataclass(frozen=True)
class Field:
    value: str | None
    confidence: Decimal
    source: str  # "xml" | "text" | "ocr" | "computed" | "user"


@dataclass(frozen=True)
class VatGroup:
    rate: Decimal
    base: Decimal
    amount: Decimal
    category: str = "S"


@dataclass(frozen=True)
class ProposalLine:
    description: str
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    discount_pct: Decimal | None = None
    vat_rate: Decimal | None = None
    amount: Decimal | None = None
    vendor_item_no: str | None = None
    standard_item_no: str | None = None  # GTIN/EAN (UBL StandardItemIdentification, CII GlobalID)
    confidence: Decimal = Decimal("0")


@dataclass
class Proposal:
    source_kind: str  # pdf-text | pdf-ocr | pdf-hybrid | ubl | cii-embedded
    page_count: int = 0
    document_type: str = "invoice"  # invoice | credit_memo
    fields: dict[str, Field] = field(default_factory=dict)
    vat_groups: list[VatGroup] = field(default_factory=list)
    lines: list[ProposalLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: anchors learned from a person's corrections (ocr/learned.py), when asked to learn
    learned: list[dict] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        f = self.fields.get(name)
        return f.value if f else None
