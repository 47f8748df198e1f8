"""Register a file from the inbox as an incoming document, once per content.

Idempotent by SHA-256 (the column is unique): the same bytes registered again
return the existing document. When the very same inbox file comes back (same
path, size and mtime: a sweep crashed after its commit, before it removed the
file) nothing is written; any other copy of the same bytes is recorded as an
:class:`IncomingDocumentCopy` and never becomes a second document, let alone a
second invoice. A new document's fields, lines and problems are stored and the
document is decided (draft or review) in the same transaction. Every value is
checked against the room the field contract gives it (domain/intake_contract.py)
before it is stored: one that does not fit is a problem on the document, which
then waits in review, never a database error that would leave the file in the
inbox to fail again on every sweep.

A new document is judged before it is written (:func:`intake_drafts.judge`
works on it while it is not in the session yet), so its row goes in once with
its final status, its fields, lines and problems with one INSERT each, the
draft after it; only the link to the draft is written afterwards (the draft
needs the document's number, the document the draft's id). The unique SHA-256
still decides between two sweeps registering the same bytes at once: the
second one's INSERT fails, its transaction rolls back whole, and the caller
records its file as a copy (flows/inbox.py ``register_document``). The sweep
registers the documents it has read meanwhile together (:func:`register_many`,
one transaction for several), and one by one when that fails.

The proposal comes from ``ocr`` (a ``Proposal``); it is read by attribute
here so that ``domain`` does not import ``ocr`` (design.md section 1).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from domain import intake_contract as contract
from domain.app import App
from domain.db import new_row, read_only
from domain.intake import rules
from domain.intake.drafts import holding, judge, problem_row
from domain.intake.model import (
    IncomingDocument,
    IncomingDocumentCopy,
    IncomingDocumentField,
    IncomingDocumentLine,
    IncomingDocumentProblem,
)
from domain.money import round_rate
from domain.problems import Problem
from domain.purchasing.draft_store import write_document
from domain.setup.queries import company


@dataclass(frozen=True)
class Receipt:
    """A file as the sweep found it."""

    sha256: str | None
    original_name: str
    archive_path: str | None
    source_path: str
    size: int
    mtime_ns: int | None


@dataclass(frozen=True)
class Registered:
    entry_no: int
    status: str
    #: registered (a new document) | copy (same bytes seen again) | already (this very file, again)
    outcome: str
    purchase_document_no: str | None
    codes: tuple[str, ...]


def find_by_sha256(session: Session, sha256: str) -> IncomingDocument | None:
    # the number first: nearly always there is none, and a plain row costs less than an object
    entry_no = session.scalar(_by_sha256_query(), {"sha256": sha256})
    return session.get(IncomingDocument, entry_no) if entry_no is not None else None


@functools.cache
def _by_sha256_query():
    """Built once (statements are immutable): asked twice a file, this spares the cache key."""
    return select(IncomingDocument.entry_no).where(IncomingDocument.sha256 == bindparam("sha256"))


def _result(doc: IncomingDocument, outcome: str) -> Registered:
    # each error code once (several PEPPOL rules broken are several PEPPOL-RULE-FATAL rows)
    return Registered(doc.entry_no, doc.status, outcome, doc.purchase_document_no,
                      tuple(dict.fromkeys(p.code for p in doc.problems if p.severity == "error")))


def _seen_again(doc: IncomingDocument, receipt: Receipt) -> Registered:
    same = [(doc.source_path, doc.source_mtime_ns)] + [(c.source_path, c.source_mtime_ns) for c in doc.copies]
    if (receipt.source_path, receipt.mtime_ns) in same:
        return _result(doc, "already")
    doc.copies.append(IncomingDocumentCopy(original_name=receipt.original_name[:250],
                                             source_path=receipt.source_path[:500],
                                             source_mtime_ns=receipt.mtime_ns))
    return _result(doc, "copy")


def record_copy(app: App, receipt: Receipt) -> Registered | None:
    """Record ``receipt`` against the document with its bytes; None if there is none yet. Nearly
    always there is none, so a plain read asks first (:func:`domain.db.read_only`: on SQLite it does
    not queue for the write lock behind a sweep's registration); a document committed just after
    that read is found by the registration itself, which then records the copy."""
    if not receipt.sha256:
        return None
    with read_only(app.engine) as conn:
        if conn.execute(_by_sha256_query(), {"sha256": receipt.sha256}).first() is None:
            return None
    with app.uow() as session:
        doc = find_by_sha256(session, receipt.sha256)
        return _seen_again(doc, receipt) if doc is not None else None


def _new_document(receipt: Receipt, user: str | None) -> IncomingDocument:
    return IncomingDocument(
        status="new", sha256=receipt.sha256, original_name=receipt.original_name[:250],
        archive_path=receipt.archive_path, source_path=receipt.source_path[:500],
        source_mtime_ns=receipt.mtime_ns, size=receipt.size, created_by=user, vat_groups="[]")


def _fields(proposal, problems: list[Problem]) -> list[dict]:
    """The contract's header fields as rows; a value too long for its column is left empty, with its problem."""
    rows = []
    for name, f in proposal.fields.items():
        if name not in contract.FIELD_LENGTHS:
            continue  # outside the contract: nothing in the domain reads it
        value, confidence = (str(f.value) if f.value else None), round_rate(Decimal(f.confidence))
        problem = rules.too_long(name, value, contract.FIELD_LENGTHS[name][0])
        if problem is not None:
            problems.append(problem)
            value, confidence = None, Decimal(0)
        rows.append({"name": name, "value": value, "confidence": confidence, "source": f.source})
    return rows


def _line(line_no: int, ln, problems: list[Problem]) -> IncomingDocumentLine:
    """One proposed line; a text or number that does not fit its column is left empty, with its problem."""
    values: dict[str, object] = {}
    for attr, (room, _columns) in contract.LINE_LENGTHS.items():
        text = getattr(ln, attr) or None
        problem = rules.too_long(f"line.{line_no}.{attr}", text, room, "lines")
        if problem is not None:
            problems.append(problem)
            text = None
        values[attr] = text
    for attr in contract.LINE_DIGITS:
        raw = getattr(ln, attr)
        number = rules.line_number(f"line.{line_no}.{attr}", attr, None if raw is None else Decimal(raw))
        if isinstance(number, Problem):
            problems.append(number)
            number = None
        values[attr] = number
    values["description"] = values["description"] or ""
    return IncomingDocumentLine(line_no=line_no, confidence=round_rate(Decimal(ln.confidence)), **values)


def _store_proposal(doc: IncomingDocument, proposal) -> list[dict]:
    """The proposal on ``doc`` (not in the session: nothing of it is written here), every value
    checked against its column first (domain/intake_contract.py). The header fields come back as
    plain rows, inserted once the document has its number."""
    doc.source_kind, doc.page_count = proposal.source_kind, proposal.page_count or 0
    doc.document_type = proposal.document_type
    room: list[Problem] = []
    fields = _fields(proposal, room)
    doc.invoice_no_norm = rules.invoice_no_norm(next((f["value"] for f in fields if f["name"] == "invoice_no"), None))
    doc.lines = [_line(i, ln, room) for i, ln in enumerate(proposal.lines, start=1)]
    doc.vat_groups = json.dumps([{"rate": str(g.rate), "base": str(g.base), "amount": str(g.amount),
                                  "category": g.category} for g in proposal.vat_groups])
    doc.problems = [problem_row(p, "extract", "error") for p in [*proposal.problems, *room]]
    return fields


@functools.cache
def _insert(cls, returning: bool = False):
    """Built once (statements are immutable): the table's INSERT, Core (no ORM objects to make)."""
    table = cls.__table__
    return insert(table).returning(table.c.entry_no) if returning else insert(table)


@functools.cache
def _link_query():
    table = IncomingDocument.__table__
    return update(table).where(table.c.entry_no == bindparam("entry")).values(
        purchase_header_id=bindparam("header_id"), purchase_document_no=bindparam("document_no"))


def _write(session: Session, doc: IncomingDocument, fields: list[dict]) -> int:
    """The judged document, its fields, lines and problems: one INSERT each (executemany)."""
    entry_no = session.execute(_insert(IncomingDocument, True), new_row(doc)).scalar_one()
    if fields:
        session.execute(_insert(IncomingDocumentField), [row | {"entry_no": entry_no} for row in fields])
    for cls, objs in ((IncomingDocumentLine, doc.lines), (IncomingDocumentProblem, doc.problems)):
        if objs:
            session.execute(_insert(cls), [new_row(obj, entry_no=entry_no) for obj in objs])
    return entry_no


def register_in_session(session: Session, receipt: Receipt, proposal, user: str | None, today,
                        comp=None) -> Registered:
    if receipt.sha256:
        existing = find_by_sha256(session, receipt.sha256)
        if existing is not None:
            return _seen_again(existing, receipt)
    doc = _new_document(receipt, user)
    fields = _store_proposal(doc, proposal)
    comp = comp if comp is not None else company(session)
    doc.status, header = judge(session, doc, user, today, True, comp, {f["name"]: f["value"] for f in fields})
    doc.entry_no = _write(session, doc, fields)
    if header is not None:
        header.incoming_document_entry_no = doc.entry_no
        doc.purchase_header_id, doc.purchase_document_no = write_document(session, header, comp)
        session.execute(_link_query(), {"entry": doc.entry_no, "header_id": doc.purchase_header_id,
                                        "document_no": doc.purchase_document_no})
    return _result(doc, "registered")


def register(app: App, receipt: Receipt, proposal) -> Registered:
    """One transaction: the document, its fields, lines, problems and (when clean) its draft."""
    with app.uow() as session:
        return register_in_session(session, receipt, proposal, app.user, app.today)


def register_many(app: App, items: list[tuple[Receipt, object]]) -> list[Registered]:
    """Several read documents in ONE transaction, each as :func:`register` would register it
    alone, in order (a later one sees the earlier ones: the same bytes twice are one document
    and a copy, the same invoice no. twice a duplicate). The rows the first document reads (the
    company, its vendor, accounts, items) are held for the others, so a batch costs less than
    its documents one by one. Any failure rolls back the whole batch: the caller registers its
    documents one by one then, so one bad document (or a concurrent sweep that took the same
    bytes first) never loses or blocks the others."""
    with app.uow() as session, holding(session):
        comp = company(session)
        return [register_in_session(session, receipt, proposal, app.user, app.today, comp)
                for receipt, proposal in items]


def register_rejected(app: App, receipt: Receipt, problem: Problem, quarantine_path: str | None) -> Registered:
    """A file that could not be read: a rejected document with the reason, file in quarantine."""
    with app.uow() as session:
        if receipt.sha256:
            existing = find_by_sha256(session, receipt.sha256)
            if existing is not None:
                return _seen_again(existing, receipt)
        if quarantine_path is not None:  # a sweep recovering it while another registers it
            same = session.scalar(select(IncomingDocument).where(IncomingDocument.quarantine_path == quarantine_path))
            if same is not None:
                return _result(same, "already")
        doc = _new_document(receipt, app.user)
        doc.status, doc.quarantine_code, doc.quarantine_path = "rejected", problem.code, quarantine_path
        doc.problems = [problem_row(problem, "extract", "error")]
        session.add(doc)
        session.flush()
        return _result(doc, "registered")
