"""The posting-date range a report covers (``--from`` / ``--to``): either end may be open.

A range that ends before it starts is refused (REPORT-PERIOD-REVERSED), never read as an empty
report: a user who swapped the dates should be told, not shown nothing. Business Central's date
filter ``010126..311226`` is the model: both ends inclusive, an open end is unbounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.problems import DomainError


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise DomainError("REPORT-PERIOD-REVERSED", f"the period ends ({self.end}) before it starts "
                              f"({self.start})", field="--from", date_from=self.start.isoformat(),
                              date_to=self.end.isoformat())

    def where(self, column) -> list:
        """The clauses that keep ``column`` (a date column) inside the range."""
        clauses = []
        if self.start is not None:
            clauses.append(column >= self.start)
        if self.end is not None:
            clauses.append(column <= self.end)
        return clauses

    def until_end(self) -> DateRange:
        """Everything up to the end of the range (a balance at the end date)."""
        return DateRange(None, self.end)


#: no limit: every entry
ALL = DateRange()
