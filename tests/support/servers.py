"""Real processes for the server tests: a Prefect server, fresh PostgreSQL databases,
invoice files for an inbox, and the checks every crash or scale-out test ends with."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from domain.ledger.model import GLEntry
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader
from tests.conftest import PG_ADMIN_URL

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LEDGERFLOW_"))}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", LEDGERFLOW_HOME=str(home),
               PREFECT_HOME=str(home / "prefect"), PWD=str(REPO), PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def create_pg_database(name: str) -> str:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def without_read_override() -> list[str]:
    """A command prefix that runs as this user but unable to read what a file's or folder's
    mode forbids: root ignores modes (CAP_DAC_OVERRIDE), so as root the capability is dropped."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def start(command: list[str], env: dict, log: Path, cwd: Path = REPO) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=open(log, "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115
                            stdin=subprocess.DEVNULL, start_new_session=True)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop ``process`` and its process group (workers start flow-run children)."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # children left behind by a killed parent
    except ProcessLookupError:
        pass


def prefect(*args: str, env: dict) -> str:
    done = subprocess.run([str(BIN / "prefect"), *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def write_invoices(app, inbox: Path, distinct: int, copies: int, tmp: Path) -> int:
    """``distinct`` different text PDFs from demo vendors plus ``copies`` extra copies of some
    of them under other names; written elsewhere and renamed in (an atomic drop)."""
    from tests.support.intake import vendor_invoice

    staging = tmp / "staging"
    staging.mkdir(exist_ok=True)
    names = []
    for i in range(distinct):
        pdf, _ = vendor_invoice(app, seed=i, invoice_no=f"SC-{i:05d}")
        (staging / f"invoice-{i:04d}.pdf").write_bytes(pdf)
        names.append(f"invoice-{i:04d}.pdf")
    for j in range(copies):
        shutil.copy(staging / names[j % distinct], staging / f"copy-{j:04d}.pdf")
        names.append(f"copy-{j:04d}.pdf")
    inbox.mkdir(parents=True, exist_ok=True)
    for name in names:
        os.replace(staging / name, inbox / name)
    return len(names)


def approve_drafts(app) -> list[str]:
    """Send every open draft for approval and approve it as the demo approvers (docs/examples/
    approvals.yaml: ola, then admin where the amount needs it); a draft no workflow applies to
    is released as BC's Release action would. Returns the released (or posted) ones."""
    from domain.approvals import core as approvals
    from domain.approvals import decide as approvals_decide
    from domain.problems import DomainError
    from tests.support.approvals import as_user

    with app.uow() as session:
        nos = list(session.scalars(select(PurchaseHeader.no).where(
            PurchaseHeader.status.in_(("open", "pending_approval")))))
    no_approval = []
    for no in nos:
        try:
            approvals.send_request(app, no)
        except DomainError as exc:
            if exc.code == "APPROVAL-NOT-REQUIRED":
                no_approval.append(no)
        for user in ("ola", "admin"):
            with contextlib.suppress(DomainError):
                approvals_decide.approve(as_user(app, user), no)
    with app.uow() as session:
        session.execute(PurchaseHeader.__table__.update().where(
            PurchaseHeader.no.in_(no_approval), PurchaseHeader.status == "open").values(status="released"))
    with app.uow() as session:
        return list(session.scalars(select(PurchaseHeader.no).where(
            PurchaseHeader.no.in_(nos), PurchaseHeader.status.in_(("released", "posted")))))


def assert_posted_once_gap_free_and_balanced(app, released: list[str]) -> None:
    with app.uow() as session:
        posted = session.execute(select(PostedPurchaseHeader.no, PostedPurchaseHeader.source_no)).all()
        sources = [row.source_no for row in posted]
        assert sorted(sources) == sorted(set(sources)), "a document was posted twice"
        assert set(released) <= set(sources), f"not posted: {sorted(set(released) - set(sources))[:5]}"
        numbers = sorted(row.no for row in posted)
        assert numbers == [f"PPI-{n:06d}" for n in range(1, len(numbers) + 1)], "posted numbers have gaps"
        assert session.scalar(select(func.coalesce(func.sum(GLEntry.amount), 0))) == 0
        still = session.scalar(select(func.count()).select_from(PurchaseHeader).where(
            PurchaseHeader.no.in_(released), PurchaseHeader.status != "posted"))
        assert still == 0
