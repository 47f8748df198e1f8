"""Quarantine: files that must not be read, each with a record of why.

A refused file is moved (renamed, so it leaves the inbox in one step) into the
quarantine folder under its sanitised name, and a *record* is written in
``quarantine/.records/<random id>.json``: stable code, reason, original name,
kind, and the quarantined file's name. Records are keyed by a generated id in
a folder whose name starts with a dot, and :func:`~ocr.inbox.sanitise_name`
strips leading dots, so no name that arrives in the inbox can ever land on a
record (a file called ``X.pdf.reason.json`` is just another quarantined file).

What must not be kept is only recorded: a symlink is never moved or followed
(its target path is stored as text in the record, and the link is removed),
and a FIFO, socket or device is recorded with its type and removed, never
opened. Folders are 0700 and records and quarantined files 0600.

Name choice, move and record happen under one lock (``.records/.lock``,
``flock``) so concurrent sweeps never pick the same name. A crash can leave:
a quarantined file without a record (it is listed as
``INTAKE-QUARANTINE-UNRECORDED``), or a record of a link or FIFO that is still
in the inbox (the record says ``source_removed: false``; :func:`recover` removes
it, as the interrupted step would have).
Quarantine folders written by older versions (``<name>.reason.json`` beside
the file) are still read.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import stat
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ocr import codes
from ocr.archive import FILE_MODE, atomic_copy, private_dir
from ocr.inbox import KIND_FILE, KIND_SPECIAL, KIND_SYMLINK, sanitise_name
from ocr.safety import file_type

RECORDS = ".records"
LEGACY_SUFFIX = ".reason.json"


@dataclass(frozen=True)
class Entry:
    """One quarantined thing: ``path`` is what a rejected document points at
    (the quarantined file, or the record when nothing was kept)."""

    path: Path
    record: Path | None
    code: str
    reason: str
    original_name: str
    kind: str = KIND_FILE
    link_target: str | None = None


def _text(value: str | bytes) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


@contextlib.contextmanager
def _locked(records: Path):
    fd = os.open(records / ".lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _free_name(directory: Path, name: str) -> Path:
    candidate = directory / name
    n = 1
    while os.path.lexists(candidate):
        stem, dot, ext = name.rpartition(".")
        candidate = directory / (f"{stem}-{n}.{ext}" if dot else f"{name}-{n}")
        n += 1
    return candidate


def _write_record(path: Path, info: dict) -> None:
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(info, ensure_ascii=False, indent=2))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _move(path: Path, dest: Path) -> None:
    """Rename (one step out of the inbox); across file systems copy, then remove."""
    try:
        os.rename(path, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        atomic_copy(path, dest)
        path.unlink()
    with contextlib.suppress(OSError):  # not ours to change when another user owns it
        os.chmod(dest, FILE_MODE, follow_symlinks=False)


def _remove_if_same(path: Path | bytes, inode: list[int]) -> None:
    """Remove the link or FIFO at ``path`` if it is still the one recorded."""
    with contextlib.suppress(FileNotFoundError):
        st = os.lstat(path)
        if [st.st_dev, st.st_ino] == inode and not stat.S_ISREG(st.st_mode):
            os.unlink(path)


def quarantine(path: Path, quarantine_dir: Path, code: str, reason: str) -> Path:
    """Quarantine ``path`` with a record; returns what the rejected document points at.

    A regular file is moved and its new path returned; a symlink, FIFO, socket
    or device is recorded (a link's target as text), removed, and the record's
    path returned. Nothing here opens or follows ``path``.
    """
    path = Path(path)
    qdir = private_dir(Path(quarantine_dir))
    records = private_dir(qdir / RECORDS)
    st = os.lstat(path)
    kind = (KIND_SYMLINK if stat.S_ISLNK(st.st_mode) else KIND_FILE if stat.S_ISREG(st.st_mode)
            else KIND_SPECIAL)
    info: dict = {"code": code, "reason": reason, "original_name": _text(path.name), "kind": kind,
                  "file": None, "quarantined_at": datetime.now(timezone.utc).isoformat(),
                  "source": _text(str(path)), "source_bytes": os.fsencode(path).hex(),
                  "source_inode": [st.st_dev, st.st_ino]}
    if kind == KIND_SYMLINK:
        info["link_target"] = _text(os.readlink(os.fsencode(path)))
    elif kind == KIND_SPECIAL:
        info["file_type"] = file_type(st.st_mode)
    record = records / f"{uuid.uuid4().hex}.json"
    with _locked(records):
        if kind != KIND_FILE:
            _write_record(record, {**info, "source_removed": False})
            _remove_if_same(path, info["source_inode"])
            _write_record(record, {**info, "source_removed": True})
            return record
        dest = _free_name(qdir, sanitise_name(path.name))
        _move(path, dest)
        _write_record(record, {**info, "file": dest.name})
        return dest


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _entry(qdir: Path, record: Path, info: dict) -> Entry:
    file = info.get("file")
    return Entry(qdir / file if file else record, record, str(info.get("code") or codes.INTAKE_UNSUPPORTED_TYPE),
                 str(info.get("reason") or ""), str(info.get("original_name") or file or record.name),
                 str(info.get("kind") or KIND_FILE), info.get("link_target"))


def _records(qdir: Path) -> list[tuple[Path, dict]]:
    folder = qdir / RECORDS
    if not folder.is_dir():
        return []
    found = []
    for record in sorted(folder.glob("*.json")):
        info = _read_json(record)
        if info is not None:
            found.append((record, info))
    return found


def _legacy(qdir: Path, names: set[str], referenced: set[str]) -> list[Entry]:
    """``<name>.reason.json`` sidecars of older versions, beside their file."""
    found = []
    for name in sorted(names):
        base = name[: -len(LEGACY_SUFFIX)]
        if not name.endswith(LEGACY_SUFFIX) or name in referenced or base not in names or base in referenced:
            continue
        info = _read_json(qdir / name)
        if info is None:
            continue
        referenced.update((name, base))
        link = os.path.islink(qdir / base)
        found.append(Entry(qdir / base, qdir / name, str(info.get("code") or codes.INTAKE_UNSUPPORTED_TYPE),
                           str(info.get("reason") or ""), str(info.get("original_name") or base),
                           KIND_SYMLINK if link else KIND_FILE))
    return found


def entries(quarantine_dir: Path) -> list[Entry]:
    """Everything in quarantine, each once: records, older sidecars, and files
    without a record (a crash between the move and the record). Read-only."""
    qdir = Path(quarantine_dir)
    if not qdir.is_dir():
        return []
    recorded = [_entry(qdir, record, info) for record, info in _records(qdir)]
    referenced = {e.path.name for e in recorded if e.record != e.path}
    names = {p.name for p in qdir.iterdir() if not p.name.startswith(".")}
    legacy = _legacy(qdir, names, referenced)
    unrecorded = [Entry(qdir / name, None, codes.INTAKE_QUARANTINE_UNRECORDED, "", name,
                        KIND_SYMLINK if os.path.islink(qdir / name) else KIND_FILE)
                  for name in sorted(names - referenced)
                  if not name.endswith(LEGACY_SUFFIX) and not os.path.isdir(qdir / name)]
    return recorded + legacy + unrecorded


def recover(quarantine_dir: Path) -> list[Entry]:
    """:func:`entries`, after finishing what a crash interrupted: a recorded link or
    FIFO still in the inbox is removed (under the lock, so no sweep is mid-way)."""
    qdir = Path(quarantine_dir)
    if not (qdir / RECORDS).is_dir():
        return entries(qdir)
    with _locked(qdir / RECORDS):
        for record, info in _records(qdir):
            if info.get("source_removed") is False and info.get("source_bytes"):
                _remove_if_same(bytes.fromhex(info["source_bytes"]), list(info.get("source_inode") or []))
                _write_record(record, {**info, "source_removed": True})
        return entries(qdir)
