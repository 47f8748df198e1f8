"""One sweep of the inbox, as a plain function (the CLI) and as steps for the Prefect flow.

Crash safety comes from the order of the steps, each idempotent:

1. two looks at the inbox; only entries whose size and mtime did not change are taken;
2. a file that fails the cheap checks (empty, too large, unreadable, not a PDF
   or XML) is moved to quarantine with a record of why
   (``quarantine/.records/<id>.json``, :mod:`ocr.quarantined`); a symlink, FIFO,
   socket or device is only recorded (never followed or opened) and removed;
   either is registered as a rejected document;
3. the file is stored in the content-addressed archive (same bytes, same path);
4. bytes already registered are recorded as a copy, without reading them again;
5. the archived copy is read in a sandboxed worker (``ocr.extract_in_subprocess``); a UBL
   invoice or credit note is also checked against the official PEPPOL BIS 3 / EN 16931
   Schematron rules (:func:`check_rules`): a broken fatal rule is an error problem
   (PEPPOL-RULE-FATAL, the document waits in review), a warning rule a warning;
6. the incoming document (and its draft) is registered in ONE transaction,
   idempotent by SHA-256; :func:`sweep` registers several read documents in one
   transaction, and each in its own when that one fails (:func:`register_read`);
7. only after that commit is the file removed from the inbox.

A crash before 7 leaves the file in the inbox and the next sweep finishes it
(step 4 or 6 finds the document by its hash: never a second one); a crash
between quarantine and registration leaves the file and its record in
quarantine, and :func:`recover_quarantine` registers it on the next sweep.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError

import ocr
from domain.app import App
from domain.compliance import schematron
from domain.identity import access
from domain.intake import documents as intake
from domain.intake import layouts
from domain.intake import register as intake_register
from domain.intake.register import Receipt, Registered
from domain.problems import DomainError, Problem
from ocr import codes as ocr_codes

SETTLE_S = 2.0
#: the PEPPOL rules could not be run over an incoming UBL document (an error: it waits in review)
RULES_NOT_RUN = "PEPPOL-RULES-NOT-RUN"
#: read documents registered in one transaction by :func:`sweep`
BATCH = 8


@dataclass(frozen=True)
class SweepConfig:
    inbox: Path
    archive: Path
    quarantine: Path
    limits: ocr.Limits = field(default_factory=lambda: ocr.Limits())
    settle_s: float = SETTLE_S
    workers: int | None = None


@dataclass(frozen=True)
class Context:
    """What extraction needs to know about the company (read once per sweep)."""

    country: str | None
    buyer_ids: frozenset[str]
    #: each vendor's learned anchors by its identifiers (domain/intake/layouts.py)
    layouts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FileResult:
    name: str
    #: registered | copy | already | rejected | error
    outcome: str
    entry_no: int | None = None
    status: str = ""
    document: str | None = None
    codes: tuple[str, ...] = ()
    source_kind: str | None = None

    def row(self) -> dict:
        return {"file": self.name, "outcome": self.outcome, "entry_no": self.entry_no or "",
                "status": self.status, "document": self.document or "", "problems": " ".join(self.codes)}


def inbox_folder(explicit: Path | None, default: Path) -> Path:
    """The folder to sweep. One named by the user must exist (INTAKE-INBOX-NOT-FOUND):
    a typo must not look like an empty inbox. The default one is created (owner-only)."""
    if explicit is None:
        return ocr.private_dir(default)
    folder = Path(explicit).resolve()
    if not folder.is_dir():
        raise DomainError("INTAKE-INBOX-NOT-FOUND", f"{folder} is not a folder", path=str(folder))
    return folder


def stable_candidates(inbox: Path, settle_s: float = SETTLE_S, sleep=time.sleep) -> list[ocr.Candidate]:
    """Files whose size and mtime did not change across two looks ``settle_s`` apart."""
    if not inbox.is_dir():
        return []
    first = ocr.list_candidates(inbox)
    if not first:
        return []
    sleep(settle_s)
    return ocr.stable(first, ocr.list_candidates(inbox))


def context_for(app: App) -> Context:
    country, ids = intake.buyer_context(app)
    return Context(country, frozenset(ids), layouts.for_extraction(app))


def _receipt(cand: ocr.Candidate, inbox: Path, sha256: str | None, archived: Path | None) -> Receipt:
    rel = os.path.relpath(cand.path, inbox).encode("utf-8", "backslashreplace").decode("utf-8")
    return Receipt(sha256, ocr.sanitise_name(cand.path.name), str(archived) if archived else None,
                   rel, cand.size, cand.mtime_ns)


def _result(name: str, reg: Registered, outcome: str | None = None, kind: str | None = None) -> FileResult:
    return FileResult(name, outcome or reg.outcome, reg.entry_no, reg.status, reg.purchase_document_no,
                      reg.codes, kind)


def reject(app: App, cand: ocr.Candidate, cfg: SweepConfig, problem: Problem,
           sha256: str | None = None, archived: Path | None = None) -> FileResult:
    """Quarantine first (the file is never lost), then the rejected document."""
    receipt = _receipt(cand, cfg.inbox, sha256, archived)
    reason = problem.message()
    moved = ocr.quarantine(cand.path, cfg.quarantine, problem.code, reason)
    reg = intake_register.register_rejected(app, receipt, problem, str(moved))
    return _result(receipt.original_name, reg, "rejected" if reg.outcome == "registered" else None)


def _remove(cand: ocr.Candidate) -> None:
    """Remove the registered file, unless it changed since we read it (then the next sweep takes it)."""
    try:
        st = cand.path.lstat()
    except FileNotFoundError:
        return
    if (st.st_size, st.st_mtime_ns) == (cand.size, cand.mtime_ns):
        cand.path.unlink()


def extract(path: Path, cfg: SweepConfig, ctx: Context):
    options = {"layouts": ctx.layouts} if ctx.layouts else {}
    return ocr.extract_in_subprocess(path, cfg.limits, ctx.country, ctx.buyer_ids, **options)


def check_rules(path: Path, proposal) -> None:
    """The official PEPPOL BIS 3 / EN 16931 rules (shipped in domain/compliance/peppol_bis3) over an
    incoming UBL document, its findings added to the proposal's problems. Rules that cannot run
    (an unsafe or unreadable document, a Saxon failure) are an error problem too: a document the
    rules did not check never goes on unchecked. Runs here, not in the sandbox worker, so the
    compiled rules stay cached in the process (about 35 ms a document instead of a compile)."""
    if proposal.source_kind != "ubl":
        return
    try:
        report = schematron.validate(path.read_bytes(), schematron.PEPPOL_BIS3_RULES)
    except DomainError as exc:
        proposal.problems.append(Problem(RULES_NOT_RUN, None, {"reason": exc.code}))
        return
    except Exception as exc:  # noqa: BLE001 - Saxon's own errors, a missing rule file: never a traceback
        proposal.problems.append(Problem(RULES_NOT_RUN, None, {"reason": type(exc).__name__}))
        return
    proposal.problems.extend(schematron.rule_problems(report))


def register_document(app: App, receipt: Receipt, proposal) -> Registered:
    try:
        return intake_register.register(app, receipt, proposal)
    except IntegrityError:  # a concurrent sweep registered the same bytes first
        seen = intake_register.record_copy(app, receipt)
        if seen is None:
            raise
        return seen


@dataclass(frozen=True)
class Read:
    """A file read and checked (steps 2-5), waiting for its registration (6) and removal (7)."""

    name: str
    cand: ocr.Candidate
    receipt: Receipt
    proposal: object


def read_file(app: App, cand: ocr.Candidate, cfg: SweepConfig, ctx: Context) -> FileResult | Read:
    """Steps 2-5 of the module docstring for one stable file: its final result (rejected, a copy)
    or what is to be registered."""
    name = ocr.sanitise_name(cand.path.name)
    problem = (Problem("INTAKE-SYMLINK", None, {"name": name}) if cand.is_symlink
               else ocr.precheck(cand.path, cfg.limits))  # never opens a FIFO, socket or device
    if problem is not None:
        return reject(app, cand, cfg, problem)
    sha256, archived = ocr.store(cand.path, cfg.archive)
    receipt = _receipt(cand, cfg.inbox, sha256, archived)
    seen = intake_register.record_copy(app, receipt)
    if seen is not None:
        _remove(cand)
        return _result(name, seen)
    proposal = extract(archived, cfg, ctx)
    if isinstance(proposal, Problem):
        return reject(app, cand, cfg, proposal, sha256, archived)
    check_rules(archived, proposal)
    return Read(name, cand, receipt, proposal)


def process_file(app: App, cand: ocr.Candidate, cfg: SweepConfig, ctx: Context) -> FileResult:
    """Steps 2-7 of the module docstring for one stable file."""
    read = read_file(app, cand, cfg, ctx)
    if isinstance(read, FileResult):
        return read
    reg = register_document(app, read.receipt, read.proposal)
    _remove(cand)
    return _result(read.name, reg, kind=read.proposal.source_kind)


def safe_process(app: App, cand: ocr.Candidate, cfg: SweepConfig, ctx: Context) -> FileResult:
    """:func:`process_file` that never stops the batch: an unexpected failure leaves the
    file in the inbox for the next sweep and is reported as ``error``."""
    try:
        return process_file(app, cand, cfg, ctx)
    except Exception as exc:  # noqa: BLE001 - one file must not stop the sweep; reported below
        return _error(cand, exc)


def _error(cand: ocr.Candidate, exc: Exception) -> FileResult:
    return FileResult(ocr.sanitise_name(cand.path.name), "error", codes=(type(exc).__name__,))


def _safe_read(app: App, cand: ocr.Candidate, cfg: SweepConfig, ctx: Context) -> FileResult | Read:
    try:
        return read_file(app, cand, cfg, ctx)
    except Exception as exc:  # noqa: BLE001 - as safe_process
        return _error(cand, exc)


def register_read(app: App, reads: list[Read]) -> list[FileResult]:
    """Steps 6-7 for several read files: registered in ONE transaction, then removed from the
    inbox. When that transaction fails (a concurrent sweep registered the same bytes first, one
    document the database refuses), each is registered on its own, so one bad document never
    loses or blocks the others; a file is removed only after its registration committed."""
    try:
        regs = intake_register.register_many(app, [(r.receipt, r.proposal) for r in reads])
    except Exception:  # noqa: BLE001 - nothing of the batch was written: one by one below
        regs = None
    results = []
    for i, read in enumerate(reads):
        try:
            reg = regs[i] if regs is not None else register_document(app, read.receipt, read.proposal)
            _remove(read.cand)
        except Exception as exc:  # noqa: BLE001 - as safe_process: left in the inbox, reported
            results.append(_error(read.cand, exc))
            continue
        results.append(_result(read.name, reg, kind=read.proposal.source_kind))
    return results


def recover_quarantine(app: App, cfg: SweepConfig) -> list[FileResult]:
    """Register what a crashed sweep quarantined without registering it."""
    if not cfg.quarantine.is_dir():
        return []
    known = intake.quarantined_paths(app)
    results = []
    for entry in ocr.recover_quarantine(cfg.quarantine):
        if str(entry.path) in known or not os.path.lexists(entry.path):
            continue
        receipt = Receipt(None, ocr.sanitise_name(entry.original_name), None,
                          f"quarantine/{entry.path.name}", 0, None)
        if entry.code == ocr_codes.INTAKE_QUARANTINE_UNRECORDED:
            problem = Problem(ocr_codes.INTAKE_QUARANTINE_UNRECORDED, None, {"name": receipt.original_name})
        else:
            problem = Problem(entry.code, None, {"name": receipt.original_name, "reason": entry.reason})
        reg = intake_register.register_rejected(app, receipt, problem, str(entry.path))
        results.append(_result(receipt.original_name, reg, "rejected" if reg.outcome == "registered" else None))
    return results


@dataclass
class SweepReport:
    results: list[FileResult] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            key = r.status if r.outcome == "registered" else r.outcome
            out[key] = out.get(key, 0) + 1
        return out


def sweep(app: App, cfg: SweepConfig, on_start: Callable[[int], None] | None = None,
          on_result: Callable[[FileResult], None] | None = None, sleep=time.sleep) -> SweepReport:
    """One sweep without Prefect. Files are read in parallel (steps 2-5): twice as many threads
    as sandbox workers, so while one thread stores or checks its file another's document is
    already being read by the worker it freed, and no worker waits idle. This thread registers
    what they read, :data:`BATCH` documents a transaction (:func:`register_read`), and each
    one as it comes once only the last few files are still being read. Results are reported as
    they are decided and listed in the order of the files."""
    access.require(app, app.user, "intake.process")
    report = SweepReport(recover_quarantine(app, cfg))
    intake.refresh(app)
    files = stable_candidates(cfg.inbox, cfg.settle_s, sleep)
    if on_start:
        on_start(len(files))
    if not files:
        return report
    ctx = context_for(app)
    threads = 2 * (cfg.workers or max(1, os.cpu_count() or 1))
    order = {id(c): i for i, c in enumerate(files)}
    results: list[FileResult | None] = [None] * len(files)

    def done(cand: ocr.Candidate, result: FileResult) -> None:
        results[order[id(cand)]] = result
        if on_result:
            on_result(result)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        running = {pool.submit(_safe_read, app, c, cfg, ctx): c for c in files}
        waiting: list[Read] = []
        while running or waiting:
            finished, _ = wait(running, return_when=FIRST_COMPLETED) if running else (set(), set())
            for future in finished:
                cand, read = running.pop(future), future.result()
                if isinstance(read, Read):
                    waiting.append(read)
                else:
                    done(cand, read)
            if waiting and (len(waiting) >= BATCH or len(running) <= threads):
                for read, result in zip(waiting, register_read(app, waiting)):
                    done(read.cand, result)
                waiting = []
    report.results += results
    return report
