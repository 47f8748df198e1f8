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

from flows import settings

LANGUAGES = ("nor", "nld", "eng")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def row(self) -> dict:
        return {"check": self.name, "result": "ok" if self.ok else "FAIL", "detail": self.detail}


def _files(folder: Path, skip_suffix: str | None = None) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.rglob("*") if (p.is_file() or p.is_symlink())
               and not (skip_suffix and p.name.endswith(skip_suffix)))


def status(config: settings.Settings) -> dict:
    from domain.operations.status import status_counts
    from ocr.inbox import list_candidates

    app = settings.open_app(config, create=False)
    try:
        counts = status_counts(app)
    finally:
        app.dispose()
    inbox_depth = len(list_candidates(config.inbox)) if config.inbox.is_dir() else 0
    return {"inbox_depth": inbox_depth, **counts,
            "quarantine_size": _files(config.quarantine, skip_suffix=".reason.json")}


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
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check(f"folder {name}", False, f"{folder} is not writable: {exc.strerror or exc}")
    return Check(f"folder {name}", True, str(folder))


def doctor(config: settings.Settings) -> list[Check]:
    checks = [check_tesseract(), *check_database(config), check_prefect()]
    for name in ("home", "inbox", "archive", "quarantine", "outbox"):
        checks.append(check_folder(name, config.home if name == "home" else getattr(config, name)))
    return checks
