"""Content-addressed archive and quarantine for intake files.

The archive stores each distinct file once, named by its SHA-256
(``archive/ab/cd/<sha256><ext>``), so the second copy of the same PDF maps to
the same path and the domain can detect the duplicate by hash. Writes are
atomic (temporary file, fsync, rename, fsync of the directory) so a crash never
leaves a half-written archive entry under a final name.

Quarantine moves a file that must not be processed aside with a
``.reason.json`` sidecar (stable code + reason). A symlink is moved as a link:
``os.rename`` renames the link itself, and nothing here opens its target.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ocr.inbox import sanitise_name

_CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of the file's bytes (refuses to follow a symlink)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_copy(src: Path, dest: Path) -> None:
    fd_src = os.open(src, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    fd_tmp, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd_src, "rb") as fin, os.fdopen(fd_tmp, "wb") as fout:
            for chunk in iter(lambda: fin.read(_CHUNK), b""):
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(tmp_name, dest)
        _fsync_dir(dest.parent)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def store(path: Path, archive_dir: Path) -> tuple[str, Path]:
    """Archive ``path`` by content; returns ``(sha256, archived_path)``.

    Idempotent: storing the same bytes again returns the existing entry
    without rewriting it. The source file is left in place (the caller
    removes it from the inbox once the proposal is recorded).
    """
    path = Path(path)
    digest = sha256_file(path)
    ext = sanitise_name(path.suffix).lower()[:10] if path.suffix else ""
    ext = ext if ext.startswith(".") else ("." + ext if ext and ext != "unnamed" else "")
    dest = Path(archive_dir) / digest[:2] / digest[2:4] / f"{digest}{ext}"
    if dest.exists():
        return digest, dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    _atomic_copy(path, dest)
    return digest, dest


def _free_name(directory: Path, name: str) -> Path:
    candidate = directory / name
    n = 1
    while candidate.exists() or candidate.is_symlink():
        stem, dot, ext = name.rpartition(".")
        candidate = directory / (f"{stem}-{n}.{ext}" if dot else f"{name}-{n}")
        n += 1
    return candidate


def _move(path: Path, dest: Path) -> None:
    """Rename; across filesystems copy a file or re-create a link (target unread)."""
    try:
        os.rename(path, dest)  # renames a symlink itself
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        if path.is_symlink():
            os.symlink(os.readlink(path), dest)
        else:
            _atomic_copy(path, dest)
        path.unlink()


def quarantine(path: Path, quarantine_dir: Path, code: str, reason: str) -> Path:
    """Move ``path`` (a file or a symlink, never its target) to quarantine.

    Writes ``<name>.reason.json`` beside it with the code, reason, original
    name and time. Returns the new path.
    """
    path = Path(path)
    quarantine_dir = Path(quarantine_dir)
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    dest = _free_name(quarantine_dir, sanitise_name(path.name))
    _move(path, dest)
    sidecar = {
        "code": code,
        "reason": reason,
        "original_name": path.name.encode("utf-8", "backslashreplace").decode("utf-8"),
        "was_symlink": dest.is_symlink(),
        "quarantined_at": datetime.now(timezone.utc).isoformat(),
    }
    tmp = dest.with_name(dest.name + ".reason.json.part")
    tmp.write_text(json.dumps(sidecar, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, dest.with_name(dest.name + ".reason.json"))
    return dest
