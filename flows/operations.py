"""``ledgerflow status`` and ``ledgerflow doctor``: what is waiting, and what is wrong.

Status counts work (files in the inbox and quarantine here, rows through
:mod:`domain.operations.status`). Doctor runs every check and returns all
results, so one run shows everything to fix: tesseract and its languages, the
database and its migrations, the Prefect API, the folders, and posting setup
(missing setup shows here, before the first posting, not during it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import ocr
from flows import settings

LANGUAGES = ("nor", "nld", "eng")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def row(self) -> dict:
        return {"check": self.name, "result": "ok" if self.ok else "FAIL", "detail": self.detail}


def status(config: settings.Settings) -> dict:
    from domain.operations.status import status_counts

    app = settings.open_app(config, create=False)
    try:
        counts = status_counts(app)
    finally:
        app.dispose()
    return {**inbox_status(config.inbox), **counts,
            "quarantine_size": len(ocr.quarantine_entries(config.quarantine))}


def inbox_status(inbox: Path) -> dict:
    """Files waiting in the inbox, and what the sweep leaves there and why: hidden or
    temporary files unchanged for longer than ocr.inbox.LINGER_S, folders it cannot read."""

    if not inbox.is_dir():
        return {"inbox_depth": 0, "inbox_not_taken": 0, "inbox_problems": []}
    left = ocr.not_taken(inbox)
    problems = [{"code": n.code, "path": str(n.path), "message": _not_taken_problem(n).message()} for n in left]
    return {"inbox_depth": len(ocr.list_candidates(inbox)), "inbox_not_taken": len(left),
            "inbox_problems": problems}


def _not_taken_problem(left):
    from domain.problems import Problem
    from ocr import codes

    if left.code == codes.INTAKE_FOLDER_UNREADABLE:
        return Problem(codes.INTAKE_FOLDER_UNREADABLE, None, {"path": str(left.path)})
    return Problem(codes.INTAKE_FILE_NOT_TAKEN, None, {"path": str(left.path), "minutes": int(left.age_s // 60)})


def check_tesseract() -> Check:
    binary = shutil.which("tesseract")
    if binary is None:
        return Check("tesseract", False, "not installed: run scripts/setup.sh (apt tesseract-ocr)")
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return Check("tesseract", False, f"{binary} does not run: {exc}")
    have = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    missing = [lang for lang in LANGUAGES if lang not in have]
    if missing:
        return Check("tesseract", False, f"languages missing: {', '.join(missing)} "
                                         f"(apt install {' '.join('tesseract-ocr-' + m for m in missing)})")
    return Check("tesseract", True, f"{binary} with {', '.join(LANGUAGES)}")


def check_database(config: settings.Settings) -> list[Check]:
    import migrations
    from domain.operations.status import setup_problems
    from domain.setup.queries import company

    try:
        app = settings.open_app(config, create=False)
        current = migrations.current_revisions(app.engine)
    except Exception as exc:  # unreachable, wrong credentials, not a database
        return [Check("database", False, f"{_safe_url(config.db_url)}: {type(exc).__name__}: {exc}"[:300])]
    try:
        heads = migrations.head_revisions()
        checks = [Check("database", True, _safe_url(config.db_url))]
        at_head = set(current) == set(heads)
        checks.append(Check("migrations", at_head, f"at {', '.join(current) or 'nothing'}" + (
            "" if at_head else f"; newest {', '.join(heads)}: run `ledgerflow db upgrade`")))
        if not at_head:
            return checks
        try:
            with app.uow() as session:
                name = company(session).name
        except Exception as exc:
            return [*checks, Check("company", False, f"{exc}")]
        checks.append(Check("company", True, name))
        problems = setup_problems(app)
        checks.append(Check("posting setup", not problems, "complete" if not problems else
                            "; ".join(f"{p.code}: {p.message()}" for p in problems)))
        return checks
    finally:
        app.dispose()


def _safe_url(url: str) -> str:
    """The URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':')[0]}@{host}"
    return url


def check_prefect() -> Check:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        return Check("prefect api", True, "PREFECT_API_URL not set: `ledgerflow serve` starts a local server")
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=5) as response:
            ok = response.status == 200
    except OSError as exc:
        return Check("prefect api", False, f"{url} does not answer: {exc}")
    return Check("prefect api", ok, url)


def check_folder(name: str, folder: Path) -> Check:
    try:
        ocr.private_dir(folder)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check(f"folder {name}", False, f"{folder} is not writable: {exc.strerror or exc}")
    return Check(f"folder {name}", True, str(folder))


def check_private(config: settings.Settings) -> Check:
    """The data directory, its database and the folders holding invoices and mails are
    owner-only. The inbox is left out: a scanner's account may share it."""
    db_file = settings.sqlite_path(config.db_url)
    paths = [config.home, config.archive, config.quarantine, config.quarantine / ".records", config.outbox]
    if db_file is not None and config.home in db_file.resolve().parents:
        paths += [db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm")]
    open_to_others = [str(p) for p in paths if p.exists() and p.stat().st_mode & 0o077]
    if open_to_others:
        return Check("data permissions", False, f"readable by others: {', '.join(open_to_others)} "
                                                "(chmod go-rwx them; new ones are created owner-only)")
    return Check("data permissions", True, f"{config.home} owner-only")


def doctor(config: settings.Settings) -> list[Check]:
    checks = [check_tesseract(), *check_database(config), check_prefect()]
    for name in ("home", "inbox", "archive", "quarantine", "outbox"):
        checks.append(check_folder(name, config.home if name == "home" else getattr(config, name)))
    checks.append(check_private(config))
    return checks
