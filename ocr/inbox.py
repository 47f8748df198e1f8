"""Which files in the inbox are ready to be read.

Scanners and mail gateways write files in place, so a file is only taken once
two looks some seconds apart see the same size and mtime (``stable``). Hidden
files, partial downloads and office lock files are never candidates. Symlinks
are reported (flag ``is_symlink``) but never followed: the intake quarantines
them without reading their target, so a link to /etc/shadow stays unread.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_IGNORED_SUFFIXES = (".part", ".crdownload", ".tmp", ".partial")
MAX_NAME = 200


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime_ns: int
    is_symlink: bool = False


def _ignored(name: str) -> bool:
    lower = name.lower()
    return (
        name.startswith(".")
        or name.startswith("~$")
        or lower in _IGNORED_NAMES
        or lower.endswith(_IGNORED_SUFFIXES)
    )


def list_candidates(inbox: Path) -> list[Candidate]:
    """Every file below ``inbox`` worth looking at, sorted by path.

    Directories are walked without following symlinks; a symlink (to a file
    or a directory) is returned as a candidate flagged ``is_symlink`` with the
    link's own size and mtime (``lstat``), so its target is never touched.
    """
    found: list[Candidate] = []
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs[:] = [d for d in dirs if not _ignored(d) and not os.path.islink(os.path.join(root, d))]
        names = files + [d for d in os.listdir(root) if os.path.islink(os.path.join(root, d))
                         and os.path.isdir(os.path.join(root, d))]
        for name in names:
            if _ignored(name):
                continue
            path = Path(root) / name
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue  # vanished between listing and looking
            link = path.is_symlink()
            if not link and not path.is_file():
                continue  # fifos, sockets, devices
            found.append(Candidate(path, st.st_size, st.st_mtime_ns, link))
    return sorted(found, key=lambda c: str(c.path))


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
