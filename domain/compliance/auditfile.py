"""What the SAF-T (NO) and XAF (NL) audit files share: the period, account and party balances,
the G/L entries of the period read in batches, and the file written beside its target and moved
into place only when complete (a refused or failed export leaves no file and no half file).

Memory stays flat however many entries the period holds: entries are read with ``yield_per``
(a server-side cursor on PostgreSQL) and written as they come: the small parts (header, master
files) are built with lxml, the G/L lines from prepared fragments with escaped text (``esc``),
flushed to the file in large chunks (``Stream``); see docs/bench-saft.md for why.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree
from sqlalchemy import BigInteger, String, case, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from domain.ledger.model import CustomerLedgerEntry, GLEntry, VendorLedgerEntry
from domain.money import ZERO
from domain.problems import DomainError, Problem
from domain.setup.model.company import Company

#: G/L entries fetched per round trip
BATCH = 5000
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value: Any, limit: int | None = None) -> str:
    """``value`` as XML 1.0 text (characters XML cannot hold removed), at most ``limit`` long."""
    out = _NOT_XML.sub("", "" if value is None else str(value)).strip()
    return out[:limit] if limit else out


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def software_version() -> str:
    try:
        from importlib.metadata import version

        return version("ledgerflow")
    except Exception:  # noqa: BLE001  (not installed as a package: the source tree's version)
        return "0.1.0"


def period_problems(start: dt.date, end: dt.date) -> list[Problem]:
    if start > end:
        return [Problem("AUDITFILE-PERIOD-REVERSED", "--from",
                        {"date_from": start.isoformat(), "date_to": end.isoformat()})]
    return []


def company(session: Session) -> Company:
    row = session.get(Company, 1)
    if row is None:
        raise DomainError("SETUP-NO-COMPANY", "no company: run ledgerflow init first")
    return row


@dataclass(frozen=True)
class Balance:
    """An account's (or a party's) net balance before the period, and its debits and credits in it."""

    opening: Decimal = ZERO
    debit: Decimal = ZERO
    credit: Decimal = ZERO

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debit - self.credit


def account_balances(session: Session, start: dt.date, end: dt.date) -> dict[str, Balance]:
    g = GLEntry
    before = dict(session.execute(select(g.gl_account_no, func.sum(g.amount))
                                  .where(g.posting_date < start).group_by(g.gl_account_no)).all())
    during = {no: (d, c) for no, d, c in session.execute(
        select(g.gl_account_no, func.sum(g.debit_amount), func.sum(g.credit_amount))
        .where(g.posting_date >= start, g.posting_date <= end).group_by(g.gl_account_no))}
    return {no: Balance(before.get(no) or ZERO, *(during.get(no) or (ZERO, ZERO)))
            for no in set(before) | set(during)}


def party_balances(session: Session, party: str, start: dt.date, end: dt.date) -> dict[str, Balance]:
    """Per customer (``party="customer"``) or vendor: the ledger's amount (LCY) before the period,
    and its positive and negative changes in it."""
    e = CustomerLedgerEntry if party == "customer" else VendorLedgerEntry
    key = e.customer_no if party == "customer" else e.vendor_no
    amount = e.amount_lcy
    before = dict(session.execute(select(key, func.sum(amount)).where(e.posting_date < start)
                                  .group_by(key)).all())
    plus = type_coerce(func.sum(case((amount > 0, amount), else_=0)), amount.type)
    minus = type_coerce(func.sum(case((amount < 0, -amount), else_=0)), amount.type)
    during = {no: (d, c) for no, d, c in session.execute(
        select(key, plus, minus).where(e.posting_date >= start, e.posting_date <= end).group_by(key))}
    return {no: Balance(before.get(no) or ZERO, *(during.get(no) or (ZERO, ZERO)))
            for no in set(before) | set(during)}


@dataclass(frozen=True)
class Totals:
    transactions: int
    lines: int
    debit: Decimal
    credit: Decimal


def totals(session: Session, start: dt.date, end: dt.date) -> Totals:
    g = GLEntry
    transactions, lines, debit, credit = session.execute(
        select(func.count(func.distinct(g.transaction_no)), func.count(g.entry_no), func.sum(g.debit_amount),
               func.sum(g.credit_amount)).where(g.posting_date >= start, g.posting_date <= end)).one()
    return Totals(transactions or 0, lines or 0, debit or Decimal("0.00"), credit or Decimal("0.00"))


class Line(NamedTuple):
    """One G/L entry as the files need it: amounts in integer cents (format them with the function
    ``transactions`` returns), dates as ISO text; ``created`` is the day it was written."""

    entry_no: int
    transaction_no: int
    account: str
    posting_date: str
    document_type: str
    document_no: str
    description: str
    debit: Any
    credit: Any
    gen_posting_type: str
    vat_bus: str | None
    vat_prod: str | None
    source_type: str
    source_no: str | None
    user_id: str | None
    created: str


def _cents(value: int) -> str:
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 100)
    return f"{sign}{whole}.{cents:02d}"


def transactions(session: Session, start: dt.date, end: dt.date) -> tuple[Callable[[Any], str], Iterator[list[Line]]]:
    """The money formatter for the raw amounts, and the period's G/L entries grouped by transaction
    (entry order), fetched ``BATCH`` rows per round trip.

    Amounts come as integer cents and dates as ISO text, converted by the database, not by the
    column types: at a million entries per-value conversions in Python would be a third of the
    export."""
    g = GLEntry
    conn = session.connection()
    if conn.dialect.name == "sqlite":  # amounts are stored as integer cents, dates as ISO text
        def cents(c):
            return type_coerce(c, BigInteger)

        def iso(c):
            return type_coerce(c, String)
    else:
        def cents(c):
            return cast(c * 100, BigInteger)

        def iso(c):
            return cast(c, String)
    query = (select(g.entry_no, g.transaction_no, g.gl_account_no, iso(g.posting_date), g.document_type,
                    g.document_no, g.description, cents(g.debit_amount), cents(g.credit_amount), g.gen_posting_type,
                    g.vat_bus_posting_group, g.vat_prod_posting_group, g.source_type, g.source_no, g.user_id,
                    func.substr(iso(g.created_at), 1, 10))
             .where(g.posting_date >= start, g.posting_date <= end)
             .order_by(g.transaction_no, g.entry_no).execution_options(yield_per=BATCH))

    def grouped() -> Iterator[list[Line]]:
        make = Line._make
        current, lines = None, []
        for part in conn.execute(query).partitions(BATCH):
            for row in part:
                if row[1] != current and lines:
                    yield lines
                    lines = []
                current = row[1]
                lines.append(make(row))
        if lines:
            yield lines

    return _cents, grouped()


_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_XML_TEXT = re.compile("[&<>]|" + _NOT_XML.pattern)


def _replace(match) -> str:
    return _ESCAPES.get(match.group(), "")


def esc(value: Any, limit: int | None = None) -> str:
    """``value`` as XML element text: at most ``limit`` characters, characters XML 1.0 cannot hold
    removed, ``&``, ``<`` and ``>`` escaped (as xml.sax.saxutils.escape), in one regex pass."""
    if value is None:
        return ""
    out = (value if isinstance(value, str) else str(value)).strip()
    return _XML_TEXT.sub(_replace, out[:limit] if limit else out)


class Stream:
    """Text written to a binary file in large UTF-8 chunks: prepared fragments (``raw``) and
    elements built with lxml (``element``)."""

    def __init__(self, f, chunk: int = 4000):
        self.f, self.parts, self.chunk = f, [], chunk

    def raw(self, fragment: str) -> None:
        self.parts.append(fragment)
        if len(self.parts) >= self.chunk:
            self.flush()

    def element(self, el) -> None:
        self.raw(etree.tostring(el, encoding="unicode"))

    def flush(self) -> None:
        self.f.write("".join(self.parts).encode("utf-8"))
        self.parts.clear()


def months(start: dt.date, end: dt.date) -> Iterator[tuple[int, dt.date, dt.date]]:
    """(period number, first day, last day) of every month the period touches, clipped to it;
    the number counts months from January of the start year (a calendar year gives 1..12)."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        yield (year - start.year) * 12 + month, max(first, start), min(following - dt.timedelta(days=1), end)
        year, month = following.year, following.month


def period_number(start: dt.date, day: dt.date) -> int:
    return (day.year - start.year) * 12 + day.month


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(out: Path, write: Callable[[Any], None]) -> None:
    """``write(binary file)`` into a temporary file beside ``out``, then move it into place; a
    failure (a refusal, a full disk) removes the temporary file and leaves ``out`` as it was."""
    out = Path(out)
    if not out.parent.is_dir():
        raise DomainError("AUDITFILE-OUT-DIR-MISSING", f"no folder {out.parent}", folder=str(out.parent))
    if out.is_dir():
        raise DomainError("AUDITFILE-OUT-IS-FOLDER", f"{out} is a folder", path=str(out))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the file gets the usual mode
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        _remove(tmp)
        raise DomainError("AUDITFILE-WRITE-FAILED", f"cannot write {out}: {exc}", path=str(out),
                          reason=exc.strerror or str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str | None) -> None:
    if tmp:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


__all__ = ["BATCH", "Balance", "Totals", "Line", "Stream", "esc", "text", "money", "software_version", "period_problems", "company",
           "account_balances", "party_balances", "totals", "transactions", "months", "period_number",
           "write_atomically"]


class Namespace:
    """Element helpers for one audit file's XML namespace (SAF-T, XAF): ``q`` the qualified tag
    (cached), ``top`` an element written on its own (it declares the default namespace again),
    ``sub`` a child with optional text."""

    def __init__(self, uri: str):
        self.uri = uri
        self._tags: dict[str, str] = {}

    def q(self, tag: str) -> str:
        name = self._tags.get(tag)
        if name is None:
            name = self._tags[tag] = f"{{{self.uri}}}{tag}"
        return name

    def top(self, tag: str):
        return etree.Element(self.q(tag), nsmap={None: self.uri})

    def sub(self, parent, tag: str, value=None):
        el = etree.SubElement(parent, self.q(tag))
        if value is not None:
            el.text = value
        return el

