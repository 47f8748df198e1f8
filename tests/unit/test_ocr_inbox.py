"""Inbox listing, stability, safe names, archive and quarantine."""

import json
import os

from ocr.archive import quarantine, sha256_file, store
from ocr.inbox import list_candidates, sanitise_name, stable


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


def test_quarantine_moves_the_file_with_a_reason_sidecar(tmp_path):
    f = tmp_path / "bad.pdf"
    f.write_bytes(b"nope")
    moved = quarantine(f, tmp_path / "q", "PDF-NOT-A-PDF", "no %PDF header")
    assert not f.exists() and moved.read_bytes() == b"nope"
    sidecar = json.loads((tmp_path / "q" / "bad.pdf.reason.json").read_text())
    assert sidecar["code"] == "PDF-NOT-A-PDF"


def test_quarantining_a_symlink_moves_the_link_not_its_target(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_text("secret")
    link = tmp_path / "inbox.pdf"
    link.symlink_to(target)
    moved = quarantine(link, tmp_path / "q", "INTAKE-SYMLINK", "symlink in inbox")
    assert moved.is_symlink() and target.read_text() == "secret" and not link.exists()
    assert json.loads(moved.with_name(moved.name + ".reason.json").read_text())["was_symlink"] is True
