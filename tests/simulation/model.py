"""The simulation's reference model: what the machine believes it has booked.

Deliberately simple: quantities on hand per (item, location), the documents the
machine created with their lines and how far each line is received/shipped and
invoiced, the posted invoices it may correct or pay, and the company settings it
changed. The machine updates it only when a command succeeds; the invariants compare
the quantities with the database after every step.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
#: demo items kept in stock (the service item 9000 never is): costing method per item
INVENTORY_ITEMS = {"1000": "fifo", "1100": "fifo", "1200": "average", "1300": "standard", "1400": "lifo"}
LOCATIONS = ("MAIN", "WEST")
DOMESTIC_VENDORS = ("V10000", "V20000", "V30000", "V40000")
CUSTOMERS = ("C10000", "C20000")
#: posting dates the machine uses (the clock says 2026-11-20)
DATES = tuple(dt.date(2026, 11, d) for d in (2, 5, 9, 12, 16, 20, 23, 27, 30))
#: inventory period ends the machine may close
PERIOD_ENDS = (dt.date(2026, 11, 3), dt.date(2026, 11, 10), dt.date(2026, 11, 17))


@dataclass
class Line:
    line_no: int
    type: str  # item | gl_account | charge_item
    no: str
    quantity: Decimal
    location: str = ""
    done: Decimal = ZERO  # received, shipped, or (returns) shipped back / received back
    invoiced: Decimal = ZERO

    @property
    def stocked(self) -> bool:
        return self.type == "item" and self.no in INVENTORY_ITEMS


@dataclass
class Doc:
    no: str
    area: str  # purchase | sales
    kind: str  # invoice | credit_memo | order | return_order | quote
    party: str
    lines: list[Line]
    posting_date: dt.date
    status: str = "open"  # open | pending_approval | released | posted | closed | converted | bad
    posted_no: str | None = None
    #: purchase orders: receipts posted, each (receipt no., {line no.: qty}, undone)
    receipts: list = field(default_factory=list)


def repeated_stock(lines: list[Line]) -> bool:
    """Two stocked lines of one item at one location (see KNOWN_HOLES two_lines_same_item)."""
    keys = [(x.no, x.location) for x in lines if x.stocked]
    return len(keys) != len(set(keys))


@dataclass
class Posted:
    """A posted invoice the machine may cancel, credit or pay."""

    no: str
    area: str
    party: str
    lines: list[Line]
    posting_date: dt.date | None = None
    cancelled: bool = False


@dataclass
class Model:
    on_hand: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    docs: dict[str, Doc] = field(default_factory=dict)
    posted: dict[str, Posted] = field(default_factory=dict)
    closed_through: dt.date | None = None
    posting_range: tuple[dt.date, dt.date] | None = None
    approvals: bool = False
    expected_cost_posting: bool = False
    automatic_cost_posting: bool = True
    counter: int = 0

    def next_ref(self, prefix: str = "SIM") -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    def move(self, item: str, location: str, qty: Decimal) -> None:
        if item in INVENTORY_ITEMS:
            self.on_hand[(item, location)] += qty

    def move_line(self, line: Line, qty: Decimal) -> None:
        if line.stocked:
            self.move(line.no, line.location, qty)

    def available(self, item: str, location: str) -> Decimal:
        return self.on_hand.get((item, location), ZERO)

    def open_dates(self) -> list[dt.date]:
        """Posting dates a valid command may use: after the closed period, inside the allowed range."""
        dates = [d for d in DATES if self.closed_through is None or d > self.closed_through]
        if self.posting_range:
            dates = [d for d in dates if self.posting_range[0] <= d <= self.posting_range[1]]
        return dates

    def late(self, date: dt.date | None) -> tuple[str, ...]:
        """Refusals a command on a document dated ``date`` may meet since the period closed or the range moved."""
        if date is None or date in self.open_dates():
            return ()
        return ("INV-PERIOD-CLOSED", "POST-DATE-NOT-ALLOWED")

    def docs_where(self, area: str, kinds: tuple[str, ...], statuses=("open",)) -> list[Doc]:
        return [d for d in self.docs.values() if d.area == area and d.kind in kinds and d.status in statuses]
