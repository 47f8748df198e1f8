"""Registering a document: what it costs the database, and a draft the purchase checks refuse.

Issue 14 (intake overhead): the registration of a clean text PDF, its fields, lines and draft,
is a bounded number of SQL statements on both databases, so a change that adds a look-up per
line or a write per row shows here. The draft is checked before anything of it is written
(no SAVEPOINT): a refusal leaves the document in review, no draft, no number taken. The document
is written after it is judged, so a sweep that loses the race for the same bytes fails at its
INSERT and records a copy.
"""

from __future__ import annotations

import dataclasses
import os

from sqlalchemy import event, select

import ocr
from domain.intake import documents as intake
from domain.intake import register as intake_register
from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.intake.register import Receipt
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.cards import Vendor
from domain.setup.model.company import NumberSeries
from flows import inbox
from tests.support.intake import config, count, vendor_invoice

#: statements of one registration of a clean two-rate invoice once the setup cache is warm: 20 on
#: PostgreSQL, 21 on SQLite with its BEGIN IMMEDIATE when this was written (37 on SQLite before
#: the document was judged before it is written and the draft written in Core), one more since the
#: line mapping checks its item index is current (item_text_version, domain/intake/item_index.py)
MAX_STATEMENTS = 22


def _proposal(app, cfg, name: str, pdf: bytes):
    """(receipt, proposal) of ``pdf`` as the sweep makes them: archived, then extracted."""
    path = cfg.inbox / name
    path.write_bytes(pdf)
    sha256, archived = ocr.store(path, cfg.archive)
    ctx = inbox.context_for(app)
    stat = os.stat(path)
    receipt = Receipt(sha256, name, str(archived), name, stat.st_size, stat.st_mtime_ns)
    return receipt, ocr.extract_file(archived, cfg.limits, ctx.country, ctx.buyer_ids)


def _last_no(app) -> int:
    """The last number the purchase invoice series gave."""
    with app.uow() as session:
        return session.scalar(select(NumberSeries.last_no).where(NumberSeries.code == "PI"))


def test_registering_a_clean_invoice_takes_a_bounded_number_of_statements(app, tmp_path):
    cfg = config(tmp_path)
    warm = _proposal(app, cfg, "warm.pdf", vendor_invoice(app, seed=3)[0])
    assert inbox.register_document(app, *warm).status == "created"  # loads the cached setup
    receipt, proposal = _proposal(app, cfg, "faktura.pdf", vendor_invoice(app, seed=4)[0])
    assert len({g.rate for g in proposal.vat_groups}) == 2 and len(proposal.lines) >= 2
    statements: list[str] = []

    def seen(_conn, _cursor, statement, _params, _context, _many) -> None:
        statements.append(" ".join(statement.split())[:120])

    event.listen(app.engine, "before_cursor_execute", seen)
    try:
        registered = inbox.register_document(app, receipt, proposal)
    finally:
        event.remove(app.engine, "before_cursor_execute", seen)
    assert (registered.status, registered.outcome) == ("created", "registered")
    assert len(statements) <= MAX_STATEMENTS, "\n".join(statements)
    assert sum(s.startswith("UPDATE incoming_document ") for s in statements) == 1  # the link to the draft
    assert not any("SAVEPOINT" in s for s in statements)
    shown = intake.show_document(app, registered.entry_no)
    assert shown["document"] == registered.purchase_document_no and len(shown["lines"]) == len(proposal.lines)


def test_a_draft_the_purchase_checks_refuse_leaves_the_document_in_review_and_takes_no_number(app, tmp_path):
    cfg = config(tmp_path)
    with app.uow() as session:
        session.get(Vendor, "V10000").blocked = "all"
    before = _last_no(app)
    registered = inbox.register_document(app, *_proposal(app, cfg, "faktura.pdf", vendor_invoice(app)[0]))
    assert registered.status == "review" and registered.codes == ("PURCH-VENDOR-BLOCKED",)
    shown = intake.show_document(app, registered.entry_no)
    assert shown["vendor_no"] == "V10000" and shown["document"] == "" and shown["lines"]
    assert count(app, PurchaseHeader) == 0 and _last_no(app) == before


def test_a_registration_that_loses_the_race_for_its_bytes_is_recorded_as_a_copy(app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    receipt, proposal = _proposal(app, cfg, "a.pdf", vendor_invoice(app)[0])
    first = inbox.register_document(app, receipt, proposal)
    taken = _last_no(app)
    real, looked = intake_register.find_by_sha256, []

    def before_the_other_committed(session, sha256):
        looked.append(sha256)
        return None if len(looked) == 1 else real(session, sha256)

    monkeypatch.setattr(intake_register, "find_by_sha256", before_the_other_committed)
    other = dataclasses.replace(receipt, original_name="b.pdf", source_path="b.pdf")
    seen = inbox.register_document(app, other, proposal)
    assert (seen.outcome, seen.entry_no, seen.purchase_document_no) == ("copy", first.entry_no, first.purchase_document_no)
    assert (count(app, IncomingDocument), count(app, IncomingDocumentCopy), count(app, PurchaseHeader)) == (1, 1, 1)
    assert _last_no(app) == taken
