"""Registering several read documents in one transaction (flows/inbox.py ``register_read``, issue 14).

A batch registers each document as it would be registered alone: the same bytes twice are one
document and a copy, the same invoice no. twice a duplicate, the draft numbers gap-free. When the
batch's transaction fails, nothing of it is written and each document is registered on its own,
so one document the database refuses, or a concurrent sweep that took the same bytes first,
never loses or blocks the others; a file leaves the inbox only once its registration committed.
On SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import event, select

import ocr
from domain.intake import register as intake_register
from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.company import NumberSeries
from flows import inbox
from tests.support.intake import config, count, documents, no_sleep, vendor_invoice


def _last_no(app) -> int:
    with app.uow() as session:
        return session.scalar(select(NumberSeries.last_no).where(NumberSeries.code == "PI"))


def _read(app, cfg, files: dict[str, bytes]) -> list[inbox.Read]:
    """The files dropped in the inbox and read (steps 2-5), not yet registered."""
    for name, data in files.items():
        (cfg.inbox / name).write_bytes(data)
    ctx = inbox.context_for(app)
    reads = [inbox.read_file(app, cand, cfg, ctx) for cand in ocr.list_candidates(cfg.inbox)]
    assert all(isinstance(r, inbox.Read) for r in reads)
    return reads


def _commits(app) -> list[int]:
    seen: list[int] = []
    event.listen(app.engine, "commit", lambda _conn: seen.append(1))
    return seen


def test_documents_read_meanwhile_are_registered_in_one_transaction_each_with_its_own_draft(app, tmp_path):
    cfg = config(tmp_path)
    files = {f"f{seed}.pdf": vendor_invoice(app, seed=seed, invoice_no=f"B{seed}")[0] for seed in range(3, 8)}
    reads = _read(app, cfg, files)
    before, commits = _last_no(app), _commits(app)
    results = inbox.register_read(app, reads)
    assert len(commits) == 1
    assert [(r.name, r.outcome, r.status) for r in results] == [(n, "registered", "created") for n in sorted(files)]
    assert len({r.document for r in results}) == 5 and _last_no(app) == before + 5
    assert list(cfg.inbox.iterdir()) == []
    assert (count(app, IncomingDocument), count(app, PurchaseHeader)) == (5, 5)


def test_the_same_bytes_twice_in_one_batch_are_one_document_and_a_copy(app, tmp_path):
    cfg = config(tmp_path)
    pdf = vendor_invoice(app)[0]
    results = inbox.register_read(app, _read(app, cfg, {"a.pdf": pdf, "b.pdf": pdf}))
    assert [(r.outcome, r.entry_no) for r in results] == [("registered", results[0].entry_no),
                                                          ("copy", results[0].entry_no)]
    assert (count(app, IncomingDocument), count(app, IncomingDocumentCopy), count(app, PurchaseHeader)) == (1, 1, 1)
    assert list(cfg.inbox.iterdir()) == []


def test_the_same_invoice_no_twice_in_one_batch_sends_the_second_to_review(app, tmp_path):
    cfg = config(tmp_path)
    files = {"a.pdf": vendor_invoice(app, layout=0)[0], "b.pdf": vendor_invoice(app, layout=1)[0]}
    assert files["a.pdf"] != files["b.pdf"]
    results = inbox.register_read(app, _read(app, cfg, files))
    assert [r.status for r in results] == ["created", "review"]
    assert results[1].codes == ("AP-DUPLICATE-VENDOR-INVOICE",)
    assert count(app, PurchaseHeader) == 1


def test_one_document_the_database_refuses_leaves_only_its_own_file_in_the_inbox(app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    files = {f"f{seed}.pdf": vendor_invoice(app, seed=seed, invoice_no=f"B{seed}")[0] for seed in range(3, 7)}
    reads = _read(app, cfg, files)
    real = intake_register.register_in_session

    def refused(session, receipt, *args, **kw):
        if receipt.original_name == "f5.pdf":
            raise RuntimeError("the database refused this one")
        return real(session, receipt, *args, **kw)

    monkeypatch.setattr(intake_register, "register_in_session", refused)
    before = _last_no(app)
    results = {r.name: r for r in inbox.register_read(app, reads)}
    assert {n: r.outcome for n, r in results.items()} == {
        "f3.pdf": "registered", "f4.pdf": "registered", "f5.pdf": "error", "f6.pdf": "registered"}
    assert results["f5.pdf"].codes == ("RuntimeError",)
    assert [p.name for p in cfg.inbox.iterdir()] == ["f5.pdf"]
    assert sorted(d.original_name for d in documents(app)) == ["f3.pdf", "f4.pdf", "f6.pdf"]
    assert _last_no(app) == before + 3  # the rolled-back batch gave its numbers back
    monkeypatch.undo()
    [again] = inbox.sweep(app, cfg, sleep=no_sleep).results
    assert (again.name, again.outcome, again.status) == ("f5.pdf", "registered", "created")
    assert (count(app, IncomingDocument), count(app, PurchaseHeader)) == (4, 4)


def test_a_batch_that_loses_the_race_for_its_bytes_records_a_copy_and_registers_the_rest(
        app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    raced = vendor_invoice(app, seed=3)[0]
    reads = _read(app, cfg, {"a.pdf": raced, "b.pdf": vendor_invoice(app, seed=4, invoice_no="B4")[0]})
    (tmp_path / "other").mkdir()
    other = config(tmp_path / "other")  # a concurrent sweep registers the same bytes after ours read them
    [first] = inbox.register_read(app, _read(app, other, {"a.pdf": raced}))
    real, looked = intake_register.find_by_sha256, []

    def before_the_other_committed(session, sha256):
        looked.append(sha256)
        return None if len(looked) == 1 else real(session, sha256)

    monkeypatch.setattr(intake_register, "find_by_sha256", before_the_other_committed)
    before = _last_no(app)
    results = inbox.register_read(app, reads)
    assert [(r.outcome, r.status) for r in results] == [("copy", "created"), ("registered", "created")]
    assert results[0].entry_no == first.entry_no
    assert (count(app, IncomingDocument), count(app, IncomingDocumentCopy), count(app, PurchaseHeader)) == (2, 1, 2)
    assert _last_no(app) == before + 1 and list(cfg.inbox.iterdir()) == []


def test_a_sweep_registers_in_batches_and_reports_every_file_in_order(app, tmp_path, monkeypatch):
    monkeypatch.setattr(inbox, "BATCH", 3)
    cfg = config(tmp_path)
    names = [f"f{seed:02d}.pdf" for seed in range(3, 14)]
    for seed, name in zip(range(3, 14), names):
        (cfg.inbox / name).write_bytes(vendor_invoice(app, seed=seed, invoice_no=f"B{seed}")[0])
    (cfg.inbox / "g-copy.pdf").write_bytes((cfg.inbox / names[0]).read_bytes())
    told: list[str] = []
    report = inbox.sweep(app, cfg, on_result=lambda r: told.append(r.name), sleep=no_sleep)
    assert [r.name for r in report.results] == [*names, "g-copy.pdf"] and sorted(told) == sorted([*names, "g-copy.pdf"])
    assert report.counts() == {"created": 11, "copy": 1}
    assert (count(app, IncomingDocument), count(app, PurchaseHeader)) == (11, 11)
    assert list(cfg.inbox.iterdir()) == []


def test_the_copy_check_does_not_queue_behind_a_registration_in_progress(app, tmp_path):
    cfg = config(tmp_path)
    [read] = _read(app, cfg, {"a.pdf": vendor_invoice(app)[0]})
    unseen = intake_register.Receipt("0" * 64, "b.pdf", None, "b.pdf", 1, 1)
    with app.uow() as session:  # a sweep's registration holds its transaction (SQLite: the write lock)
        intake_register.register_in_session(session, read.receipt, read.proposal, app.user, app.today)
        # on SQLite a second BEGIN IMMEDIATE would wait out the busy timeout and fail "database is locked"
        assert intake_register.record_copy(app, unseen) is None
    assert count(app, IncomingDocument) == 1
