"""Which files in the inbox are ready to be read.

Scanners and mail gateways write files in place, so a file is only taken once
two looks some seconds apart see the same size and mtime (``stable``). Hidden
files, partial downloads and office lock files are never candidates: an editor
or a download may still be writing them. They are not forgotten either:
:func:`not_taken` lists those left unchanged for longer than ``LINGER_S`` (and
folders the sweep cannot read) for ``ledgerflow status``. Symlinks, FIFOs,
sockets and devices are candidates of their own ``kind`` and are never opened
or followed: the intake records them in quarantine without reading them, so a
link to /etc/shadow stays unread and a FIFO cannot block the sweep.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ocr import codes

#: names of operating-system clutter: never invoices, never reported
_CLUTTER_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_TEMPORARY_SUFFIXES = (".part", ".crdownload", ".tmp", ".partial")
MAX_NAME = 200
#: a hidden or temporary file unchanged for this long is no longer being written: it is
#: reported by ``ledgerflow status`` (INTAKE-FILE-NOT-TAKEN) instead of waiting unseen
LINGER_S = 10 * 60

KIND_FILE, KIND_SYMLINK, KIND_SPECIAL = "file", "symlink", "special"


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime_ns: int
    is_symlink: bool = False
    #: file | symlink | special (a FIFO, socket or device: never opened)
    kind: str = KIND_FILE


@dataclass(frozen=True)
class NotTaken:
    """Something in the inbox the sweep leaves where it is, and why (a stable code)."""

    path: Path
    code: str
    age_s: float


def _clutter(name: str) -> bool:
    return name.lower() in _CLUTTER_NAMES


def _ignored(name: str) -> bool:
    """Hidden, temporary or partial: still being written by someone, not ours to take yet."""
    lower = name.lower()
    return name.startswith((".", "~$")) or _clutter(name) or lower.endswith(_TEMPORARY_SUFFIXES)


def _kind(st: os.stat_result) -> str | None:
    if stat.S_ISLNK(st.st_mode):
        return KIND_SYMLINK
    if stat.S_ISREG(st.st_mode):
        return KIND_FILE
    if stat.S_ISDIR(st.st_mode):
        return None
    return KIND_SPECIAL


def _walk(inbox: Path, unreadable: list[Path]) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry below ``inbox`` with its ``lstat``; symlinked folders are entries, never entered."""
    def failed(exc: OSError) -> None:
        unreadable.append(Path(exc.filename))

    for root, dirs, files in os.walk(inbox, followlinks=False, onerror=failed):
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        hidden = [d for d in dirs if _ignored(d) and d not in links]
        dirs[:] = [d for d in dirs if d not in hidden and d not in links]
        for name in files + links + hidden:  # a hidden folder is an entry, never entered
            path = Path(root) / name
            try:
                yield path, path.lstat()
            except FileNotFoundError:
                continue  # vanished between listing and looking


def list_candidates(inbox: Path) -> list[Candidate]:
    """Every entry below ``inbox`` the sweep must take, sorted by path.

    Directories are walked without following symlinks; a symlink (to a file
    or a directory), a FIFO, a socket or a device is returned with its
    ``kind`` and the entry's own size and mtime (``lstat``): nothing here
    opens or follows it.
    """
    found: list[Candidate] = []
    for path, st in _walk(inbox, []):
        kind = _kind(st)
        if kind is None or _ignored(path.name):
            continue
        found.append(Candidate(path, st.st_size, st.st_mtime_ns, kind == KIND_SYMLINK, kind))
    return sorted(found, key=lambda c: str(c.path))


def not_taken(inbox: Path, linger_s: float = LINGER_S, now: float | None = None) -> list[NotTaken]:
    """Hidden or temporary files left unchanged for over ``linger_s`` seconds
    (INTAKE-FILE-NOT-TAKEN) and folders the sweep cannot read (INTAKE-FOLDER-UNREADABLE)."""
    now = time.time() if now is None else now
    unreadable: list[Path] = []
    found = []
    for path, st in _walk(inbox, unreadable):
        age = now - st.st_mtime
        if _ignored(path.name) and not _clutter(path.name) and age > linger_s:
            found.append(NotTaken(path, codes.INTAKE_FILE_NOT_TAKEN, age))
    found += [NotTaken(path, codes.INTAKE_FOLDER_UNREADABLE, 0.0) for path in unreadable]
    return sorted(found, key=lambda n: str(n.path))


class NotARegularFile(OSError):
    """The path is a FIFO, socket, device or folder (or became one): never read it."""


def open_regular(path: Path) -> int:
    """A read-only descriptor of the regular file ``path``.

    Looks before it opens (``lstat``: a device is never opened, opening can have
    side effects), then opens without following a symlink (O_NOFOLLOW) and
    without blocking on a FIFO swapped in meanwhile (O_NONBLOCK), and checks
    the opened file again (``fstat``). Raises :class:`NotARegularFile`, or
    OSError (``ELOOP`` for a symlink, ``EACCES`` when it cannot be read).
    """
    if not stat.S_ISREG(os.lstat(path).st_mode):
        if os.path.islink(path):
            raise OSError(errno.ELOOP, "is a symlink", str(path))
        raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
    return fd


def stable(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    """Candidates of ``second`` whose size and mtime did not change since ``first``."""
    before = {c.path: (c.size, c.mtime_ns) for c in first}
    return [c for c in second if before.get(c.path) == (c.size, c.mtime_ns)]


def sanitise_name(name: str) -> str:
    """A readable file name safe to use inside our own directories.

    Strips directory parts (both separators), control and format characters,
    leading dots (no hidden files, no ``..``) and reserved characters; keeps
    letters of any script (``Faktura_Ærø.pdf`` stays readable); at most 200
    characters with the extension kept.
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    if not name or set(name) <= {"_", " "}:
        name = "unnamed"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        keep = MAX_NAME - (len(ext) + 1 if ext else 0)
        name = (stem if ext else name)[:keep] + ("." + ext if ext else "")
    return name
