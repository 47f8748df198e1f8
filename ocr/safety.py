"""Cheap checks made before any parser sees an untrusted file.

Parsers (pdfminer, pdfium, expat) are large attack surfaces; the sandbox limits
what a hostile file can do to them, and this module refuses what can be refused
from the outside: empty files, oversized files, and files whose first bytes are
neither a PDF nor XML, whatever their name claims. The
decompression-bomb scan, which runs inside the sandbox before any parser
inflates a stream, is :mod:`ocr.pdfbomb`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from domain.problems import Problem
from ocr import codes
from ocr.inbox import NotARegularFile, open_regular

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document resource limits (all enforced; see ocr/sandbox.py)."""

    max_bytes: int = 25 * MB
    max_pages: int = 50
    timeout_s: float = 60.0
    memory_mb: int = 1024
    max_image_pixels: int = 40_000_000
    #: decompressed size allowed for all Flate streams of one PDF together
    max_inflated_bytes: int = 256 * MB
    dpi: int = 300


def sniff(head: bytes) -> str | None:
    """``"pdf"``, ``"xml"`` or None from the first bytes of a file."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        return "xml" if b"<\x00" in text[:8] or b"\x00<" in text[:8] else None
    if text.startswith((b"<?xml", b"<!--", b"<!DOCTYPE")) or re.match(rb"<[A-Za-z_][\w.\-]*(:[\w.\-]+)?[\s>/]", text):
        return "xml"
    return None


def precheck(path: Path, limits: Limits = Limits()) -> Problem | None:
    """The first problem that makes ``path`` unreadable, without parsing it.

    A symlink, FIFO, socket or device is refused from its ``lstat`` alone
    (never followed, never opened); a file we may not read is refused with
    INTAKE-UNREADABLE instead of failing the sweep on every run.
    """
    path = Path(path)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return Problem(codes.INTAKE_SYMLINK, None, {"name": path.name})
    if not stat.S_ISREG(st.st_mode):
        return Problem(codes.INTAKE_NOT_A_FILE, None, {"name": path.name, "type": file_type(st.st_mode)})
    if st.st_size == 0:
        return Problem(codes.INTAKE_EMPTY_FILE, None, {"name": path.name})
    if st.st_size > limits.max_bytes:
        return Problem(codes.INTAKE_TOO_LARGE, None, {"size": st.st_size, "max_bytes": limits.max_bytes})
    try:
        with os.fdopen(open_regular(path), "rb") as fh:
            kind = sniff(fh.read(1024))
    except NotARegularFile:
        return Problem(codes.INTAKE_NOT_A_FILE, None, {"name": path.name, "type": "changed"})
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(codes.INTAKE_SYMLINK, None, {"name": path.name})
        return Problem(codes.INTAKE_UNREADABLE, None, {"name": path.name, "reason": exc.strerror or str(exc)})
    if kind is None and path.suffix.lower() == ".pdf":
        return Problem(codes.PDF_NOT_A_PDF, None, {"name": path.name})
    if kind is None:
        return Problem(codes.INTAKE_UNSUPPORTED_TYPE, None, {"name": path.name})
    return None


def file_type(mode: int) -> str:
    """What a non-regular file is, in words (for the quarantine record)."""
    for test, name in ((stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "symlink")):
        if test(mode):
            return name
    return "unknown"
