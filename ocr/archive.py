"""Content-addressed archive for intake files, and owner-only folders for them.

The archive stores each distinct file once, named by its SHA-256
(``archive/ab/cd/<sha256><ext>``), so the second copy of the same PDF maps to
the same path and the domain can detect the duplicate by hash. Writes are
atomic (temporary file, fsync, rename, fsync of the directory) so a crash never
leaves a half-written archive entry under a final name.

Invoices carry bank accounts and amounts: every folder created here is
owner-only (0700) and every file written here is 0600, whatever the umask
(:func:`private_dir`; ``mkstemp`` creates 0600 files). Quarantine lives in
:mod:`ocr.quarantined`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from ocr.inbox import open_regular, sanitise_name

_CHUNK = 1024 * 1024
DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as a folder, each missing part created owner-only (0700); existing ones are left as they are."""
    path = Path(path)
    missing = []
    current = path
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # a concurrent sweep made it
        os.chmod(folder, DIR_MODE)  # whatever the umask
    return path


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of the file's bytes (refuses a symlink or a FIFO)."""
    digest = hashlib.sha256()
    with os.fdopen(open_regular(path), "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_copy(src: Path, dest: Path) -> None:
    """Copy the regular file ``src`` to ``dest`` (0600) through a temporary file, fsynced, renamed."""
    fd_src = open_regular(src)
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
    private_dir(dest.parent)
    atomic_copy(path, dest)
    return digest, dest
