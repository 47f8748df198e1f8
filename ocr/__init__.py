"""ocr: turns untrusted files into proposals. Never touches the database.

``ocr`` proposes, ``domain`` decides (design.md section 1). Everything here
returns plain data: a :class:`~ocr.proposal.Proposal` with normalised field
values and per-field confidence, or a :class:`~domain.problems.Problem` with a
stable code (all codes in :mod:`ocr.codes`). Public API for ``flows``::

    # inbox handling (ocr.inbox, ocr.archive, ocr.quarantined)
    list_candidates(inbox: Path) -> list[Candidate]          # path, size, mtime_ns, is_symlink, kind
    not_taken(inbox: Path) -> list[NotTaken]                  # hidden files left too long, unreadable folders
    stable(first: list[Candidate], second: list[Candidate]) -> list[Candidate]
    sanitise_name(name: str) -> str
    sha256_file(path: Path) -> str
    store(path: Path, archive_dir: Path) -> tuple[str, Path]  # (sha256, archive/ab/cd/<sha256><ext>)
    private_dir(path: Path) -> Path                           # created owner-only (0700)
    quarantine(path: Path, quarantine_dir: Path, code: str, reason: str) -> Path
    quarantine_entries(quarantine_dir: Path) -> list[Entry]  # records, older sidecars, unrecorded files
    recover_quarantine(quarantine_dir: Path) -> list[Entry]  # the same, after finishing a crashed step

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
    "sanitise_name": "ocr.inbox", "not_taken": "ocr.inbox", "NotTaken": "ocr.inbox",
    "sha256_file": "ocr.archive", "store": "ocr.archive", "private_dir": "ocr.archive",
    "quarantine": "ocr.quarantined",
    "quarantine_entries": ("ocr.quarantined", "entries"), "recover_quarantine": ("ocr.quarantined", "recover"),
    "Limits": "ocr.safety", "precheck": "ocr.safety",
    "extract_file": "ocr.pipeline", "Refused": "ocr.pdf",
    "extract_in_subprocess": "ocr.sandbox", "WorkerPool": "ocr.sandbox",
    "Proposal": "ocr.proposal", "Field": "ocr.proposal", "VatGroup": "ocr.proposal",
    "ProposalLine": "ocr.proposal", "FIELD_NAMES": "ocr.proposal",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name] if isinstance(_EXPORTS[name], tuple) else (_EXPORTS[name], name)
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'ocr' has no attribute {name!r}")
