"""A fresh demo company per simulated sequence, and a fingerprint of everything it has booked.

Every sequence of the ledger simulation starts from the Norwegian demo company of
tests/conftest.py (clock pinned to 2026-11-20, user ``kari``) on the database the
``db_url`` fixture gave: on SQLite a copy of a file initialised once, on PostgreSQL the
worker's database truncated and initialised again.

:func:`fingerprint` reads, in a few statements, the row count and the sums of every
amount and quantity column of the ledger and document tables plus the rows of the small
tables whose text columns matter (statuses, blocked flags, number series, posting
range). Two equal fingerprints mean a command wrote nothing a user could see.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

from sqlalchemy import Boolean, Numeric, func, select, text

import domain.schema  # noqa: F401  (every table is known to the metadata)
from domain.app import App
from domain.bootstrap import build_app
from domain.orm import Base
from domain.setup import masterdata
from domain.setup.initialize import initialize
from tests.conftest import _truncate as truncate_all
from tests.conftest import make_administrator

FIXED_NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)

#: ledger and document tables: row count and the sum of each amount/quantity column
AGGREGATED = (
    "gl_entry", "vendor_ledger_entry", "detailed_vendor_ledger_entry", "customer_ledger_entry",
    "detailed_customer_ledger_entry", "vat_entry", "item_ledger_entry", "value_entry",
    "item_application_entry", "transaction_register", "purchase_header", "purchase_line",
    "purchase_charge_assignment", "posted_purchase_header", "posted_purchase_line",
    "posted_purchase_receipt", "posted_purchase_receipt_line", "sales_header", "sales_line",
    "posted_sales_header", "posted_sales_line", "item_to_adjust", "inventory_period", "outbox_message",
    "approval_request", "approval_entry", "item",
)
#: small tables compared row by row (text columns such as a status or a blocked flag)
ROWS = {
    "company": ("id", "allow_posting_from", "allow_posting_to", "automatic_cost_posting",
                "expected_cost_posting"),
    "number_series": ("code", "last_no"),
    "vendor": ("no", "blocked"),
    "customer": ("no", "blocked"),
    "item": ("no", "blocked", "unit_cost", "last_direct_cost", "standard_cost"),
    "purchase_header": ("id", "no", "status", "version", "posted_no"),
    "sales_header": ("id", "no", "status", "version", "posted_no"),
    "posted_purchase_header": ("no", "cancelled"),
    "posted_sales_header": ("no", "cancelled"),
    "inventory_period": ("ending_date", "closed"),
    "approval_request": ("id", "status"),
    "approval_entry": ("id", "status", "approver_id"),
    "app_user": ("id", "allow_posting_from", "allow_posting_to"),
}


class Databases:
    """Hands out a fresh demo company for each sequence on one database URL."""

    def __init__(self, db_url: str, workdir: Path):
        self.db_url = db_url
        self.workdir = workdir
        self.sqlite = db_url.startswith("sqlite")
        self.count = 0
        self.seed: Path | None = None
        if self.sqlite:
            self.seed = Path(db_url.removeprefix("sqlite:///"))
            app = self._app(db_url)
            initialize(app, "NO", demo=True)
            make_administrator(app, "kari")  # the acting user may change setup, as in tests/conftest.py
            masterdata.add_location(app, "WEST", "Vestlager")
            app.dispose()

    @staticmethod
    def _app(url: str) -> App:
        return build_app(url, "kari", now=lambda: FIXED_NOW)

    def fresh(self) -> App:
        self.count += 1
        if self.sqlite:
            path = self.workdir / "sequence.db"
            path.unlink(missing_ok=True)
            shutil.copy(self.seed, path)
            return self._app(f"sqlite:///{path}")
        truncate_all(self.db_url)
        app = self._app(self.db_url)
        initialize(app, "NO", demo=True)
        make_administrator(app, "kari")
        masterdata.add_location(app, "WEST", "Vestlager")
        return app


def _aggregates(name: str) -> list:
    table = Base.metadata.tables[name]
    parts = [select(func.count()).select_from(table).scalar_subquery().label(f"{name}.count")]
    for column in table.columns:
        if isinstance(column.type, Numeric):
            parts.append(select(func.coalesce(func.sum(column), 0)).scalar_subquery().label(
                f"{name}.{column.name}"))
        elif isinstance(column.type, Boolean):
            parts.append(select(func.count()).select_from(table).where(column.is_(True))
                         .scalar_subquery().label(f"{name}.{column.name}"))
    return parts


@functools.cache
def _statements(dialect_name: str) -> tuple:
    """The fingerprint's statements, compiled once per dialect (building and compiling the
    aggregate SELECT of ~150 columns took longer than running it)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql.dialect() if dialect_name == "postgresql" else sqlite.dialect()
    parts = [p for name in AGGREGATED for p in _aggregates(name)]
    statements = [("", select(*parts))]
    for name, columns in ROWS.items():
        table = Base.metadata.tables[name]
        cols = [table.c[c] for c in columns]
        statements.append((name, select(*cols).order_by(*cols[:1])))
    return tuple((name, text(str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))))
                 for name, stmt in statements)


def fingerprint(app: App) -> dict:
    """What a user could see of the books: aggregates of the ledgers and documents, small tables' rows."""
    result: dict = {}
    with app.engine.connect() as conn:
        for name, statement in _statements(conn.dialect.name):
            if not name:
                row = conn.execute(statement).mappings().one()
                result.update({k: _norm(v) for k, v in row.items()})
            else:
                result[name] = [tuple(_norm(v) for v in r) for r in conn.execute(statement)]
    return result


def _norm(value):
    """Numeric sums come back as Decimal, float or int depending on the database: compare as text."""
    if value is None or isinstance(value, (str, bool, dt.date)):
        return value
    from decimal import Decimal

    return format(Decimal(str(value)).normalize(), "f")


def difference(before: dict, after: dict) -> dict:
    """Keys whose values differ, with (before, after)."""
    return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after))
            if before.get(k) != after.get(k)}
