"""Inbox listing, stability, safe names, archive and quarantine."""

import json
import os
import time

from ocr.archive import sha256_file, store
from ocr.inbox import list_candidates, not_taken, sanitise_name, stable
from ocr.quarantined import entries, quarantine


def test_hidden_partial_and_office_lock_files_are_not_candidates(tmp_path):
    for name in ("a.pdf", ".hidden.pdf", "b.pdf.part", "~$c.docx", ".DS_Store", "Thumbs.db"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.xml").write_bytes(b"<a/>")
    assert [c.path.name for c in list_candidates(tmp_path)] == ["a.pdf", "d.xml"]


def test_a_symlink_is_listed_as_such_without_touching_its_target(tmp_path):
    (tmp_path / "link.pdf").symlink_to("/etc/passwd")
    [cand] = list_candidates(tmp_path)
    assert cand.is_symlink and cand.size == os.lstat(tmp_path / "link.pdf").st_size


def test_a_file_still_growing_is_not_stable(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(b"1")
    first = list_candidates(tmp_path)
    f.write_bytes(b"12")
    assert stable(first, list_candidates(tmp_path)) == []
    assert [c.path for c in stable(list_candidates(tmp_path), list_candidates(tmp_path))] == [f]


def test_sanitised_names_lose_path_parts_control_characters_and_leading_dots():
    assert sanitise_name("../../etc/passwd") == "passwd"
    assert sanitise_name("..\\..\\boot.ini") == "boot.ini"
    assert sanitise_name("fak\x00tura\x1b[31m.pdf") == "faktura[31m.pdf"
    assert sanitise_name("..") == "unnamed"
    assert sanitise_name("Faktura Ærø 2026.pdf") == "Faktura Ærø 2026.pdf"


def test_sanitised_names_are_at_most_200_characters_and_keep_the_extension():
    name = sanitise_name("x" * 500 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_second_copy_of_same_bytes_is_stored_once_under_its_hash(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.PDF"
    a.write_bytes(b"%PDF-1.4 same")
    b.write_bytes(b"%PDF-1.4 same")
    digest, path = store(a, tmp_path / "archive")
    assert store(b, tmp_path / "archive") == (digest, path)
    assert path == tmp_path / "archive" / digest[:2] / digest[2:4] / f"{digest}.pdf"
    assert path.read_bytes() == b"%PDF-1.4 same" and digest == sha256_file(a)
    assert not list((tmp_path / "archive").rglob("*.part"))


def records(folder):
    return [json.loads(p.read_text()) for p in sorted((folder / ".records").glob("*.json"))]


def test_quarantine_moves_the_file_and_writes_its_record_apart(tmp_path):
    f = tmp_path / "bad.pdf"
    f.write_bytes(b"nope")
    moved = quarantine(f, tmp_path / "q", "PDF-NOT-A-PDF", "no %PDF header")
    assert not f.exists() and moved.read_bytes() == b"nope"
    [record] = records(tmp_path / "q")
    assert (record["code"], record["file"], record["original_name"]) == ("PDF-NOT-A-PDF", "bad.pdf", "bad.pdf")
    assert [(e.path, e.code) for e in entries(tmp_path / "q")] == [(moved, "PDF-NOT-A-PDF")]


def test_a_file_named_like_a_reason_record_does_not_overwrite_the_record_of_another_file(tmp_path):
    inbox, q = tmp_path / "inbox", tmp_path / "q"
    inbox.mkdir()
    (inbox / "X.pdf.reason.json").write_text('{"code": "FORGED", "reason": "forged"}')
    (inbox / "X.pdf").write_bytes(b"MZ not a pdf")
    forged = quarantine(inbox / "X.pdf.reason.json", q, "INTAKE-UNSUPPORTED-TYPE", "json")
    real = quarantine(inbox / "X.pdf", q, "PDF-NOT-A-PDF", "no %PDF header")
    assert forged.read_text() == '{"code": "FORGED", "reason": "forged"}' and real.read_bytes() == b"MZ not a pdf"
    assert sorted((e.path.name, e.code) for e in entries(q)) == [
        ("X.pdf", "PDF-NOT-A-PDF"), ("X.pdf.reason.json", "INTAKE-UNSUPPORTED-TYPE")]


def test_quarantining_a_symlink_keeps_a_record_of_its_target_and_no_link(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_text("secret")
    link = tmp_path / "inbox.pdf"
    link.symlink_to(target)
    kept = quarantine(link, tmp_path / "q", "INTAKE-SYMLINK", "symlink in inbox")
    assert not os.path.lexists(link) and target.read_text() == "secret"
    assert [p for p in (tmp_path / "q").rglob("*") if p.is_symlink()] == []
    [record] = records(tmp_path / "q")
    assert (record["kind"], record["link_target"], record["file"]) == ("symlink", str(target), None)
    [entry] = entries(tmp_path / "q")
    assert entry.path == kept and entry.link_target == str(target) and entry.code == "INTAKE-SYMLINK"


def test_quarantining_a_fifo_records_it_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    quarantine(fifo, tmp_path / "q", "INTAKE-NOT-A-FILE", "fifo")  # opening it would block forever
    [record] = records(tmp_path / "q")
    assert (record["kind"], record["file_type"]) == ("special", "fifo") and not os.path.lexists(fifo)


def test_quarantine_folders_of_older_versions_are_still_read(tmp_path):
    q = tmp_path / "q"
    q.mkdir()
    (q / "old.pdf").write_bytes(b"x")
    (q / "old.pdf.reason.json").write_text('{"code": "PDF-CORRUPT", "reason": "r", "original_name": "Old.pdf"}')
    (q / "orphan.pdf").write_bytes(b"y")  # moved by a sweep that stopped before writing why
    assert [(e.path.name, e.code, e.original_name) for e in entries(q)] == [
        ("old.pdf", "PDF-CORRUPT", "Old.pdf"), ("orphan.pdf", "INTAKE-QUARANTINE-UNRECORDED", "orphan.pdf")]


def test_fifos_are_candidates_of_their_own_kind(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    [cand] = list_candidates(tmp_path)
    assert cand.kind == "special" and not cand.is_symlink


def test_hidden_and_temporary_files_left_too_long_are_reported_not_taken(tmp_path):
    for name in (".scan.pdf", "b.pdf.part", ".DS_Store", "fresh.tmp", "a.pdf"):
        (tmp_path / name).write_bytes(b"x")
    old = time.time() - 3600
    for name in (".scan.pdf", "b.pdf.part", ".DS_Store"):
        os.utime(tmp_path / name, (old, old))
    assert [(n.path.name, n.code) for n in not_taken(tmp_path)] == [
        (".scan.pdf", "INTAKE-FILE-NOT-TAKEN"), ("b.pdf.part", "INTAKE-FILE-NOT-TAKEN")]
