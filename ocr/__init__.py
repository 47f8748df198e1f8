"""ocr: turns untrusted files into proposals. Never touches the database.

``ocr`` proposes, ``domain`` decides (design.md section 1). Everything here
returns plain data: a :class:`~ocr.proposal.Proposal` with normalised field
values and per-field confidence, or a :class:`~domain.problems.Problem` with a
stable code (all codes in :mod:`ocr.codes`). Public API for ``flows``::

    # inbox handling (ocr.inbox, ocr.archive)
    list_candidates(inbox: Path) -> list[Candidate]          # path, size, mtime_ns, is_symlink
    stable(first: list[Candidate], second: list[Candidate]) -> list[Candidate]
    sanitise_name(name: str) -> str
    sha256_file(path: Path) -> str
    store(path: Path, archive_dir: Path) -> tuple[str, Path]  # (sha256, archive/ab/cd/<sha256><ext>)
    quarantine(path: Path, quarantine_dir: Path, code: str, reason: str) -> Path

    # extraction (ocr.sandbox for inbox files, ocr.pipeline in-process)
    extract_in_subprocess(path, limits=Limits(), country_hint=None, buyer_ids=frozenset())
        -> Proposal | Problem                                # never raises for a bad file
    extract_file(path, limits=Limits(), country_hint=None, buyer_ids=frozenset())
        -> Proposal                                          # raises Refused(.problem)
    precheck(path, limits=Limits()) -> Problem | None
    Limits(max_bytes=25 MB, max_pages=50, timeout_s=60, memory_mb=1024,
           max_image_pixels=40_000_000, max_inflated_bytes=256 MB, dpi=300)

``country_hint`` ("NO"/"NL") picks the payment-reference rules (KID or
betalingskenmerk) and the legal VAT rates; ``buyer_ids`` are the company's
own org.nr / VAT ids / KvK, never taken as the vendor's. Proposal.source_kind
is one of ``ubl``, ``cii``, ``cii-embedded``, ``pdf-text``, ``pdf-ocr``,
``pdf-hybrid``; ``Proposal.problems`` lists every check that failed
(ocr/checks.py). Names below are imported lazily so that ``import ocr.inbox``
stays cheap (no pdfminer import for a directory listing).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Candidate": "ocr.inbox", "list_candidates": "ocr.inbox", "stable": "ocr.inbox",
    "sanitise_name": "ocr.inbox",
    "sha256_file": "ocr.archive", "store": "ocr.archive", "quarantine": "ocr.archive",
    "Limits": "ocr.safety", "precheck": "ocr.safety",
    "extract_file": "ocr.pipeline", "Refused": "ocr.pdf",
    "extract_in_subprocess": "ocr.sandbox", "WorkerPool": "ocr.sandbox",
    "Proposal": "ocr.proposal", "Field": "ocr.proposal", "VatGroup": "ocr.proposal",
    "ProposalLine": "ocr.proposal", "FIELD_NAMES": "ocr.proposal",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'ocr' has no attribute {name!r}")
