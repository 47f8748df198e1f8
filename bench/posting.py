"""Posting throughput benchmark: purchase invoices per second against a floor.

Each invoice has 5 lines: 3 item lines (the demo items in turn, so FIFO, LIFO,
Average and Standard all appear; Standard adds a variance value entry) and 2
G/L lines. N drafts are created first (timed separately), then posted one by
one through ``purchase_posting.post_document``, each posting its own
transaction, as in production.

The floor is what the same database needs just to store the same rows: after
the real run every row the postings wrote (gl_entry, vendor_ledger_entry,
detailed_vendor_ledger_entry, vat_entry, item_ledger_entry, value_entry,
item_application_entry, posted_purchase_header, posted_purchase_line,
transaction_register) is read back and inserted verbatim with SQLAlchemy Core
``insert()`` executemany into a scratch copy of the schema (a second SQLite
file / a second PostgreSQL database, migrated and initialised the same way,
holding the same drafts): once with one transaction per invoice (the honest
comparison: production commits once per invoice) and once in one big
transaction. ratio = floor invoices/s / product invoices/s (how many times
slower than the floor the product is). The floor writes no number series,
draft status or item card updates: only ledger rows.

Run: .venv/bin/python bench/posting.py --n 1000 --db both [--runs 3] [--write-doc]
PostgreSQL databases ``<name>``, ``<name>_floor`` and ``<name>_floor1`` from --pg-url are dropped
and recreated on every run, so the name must contain "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

import migrations  # noqa: E402
from domain.app import App  # noqa: E402
from domain.bootstrap import build_app
from domain.ledger.model import (
    DetailedVendorLedgerEntry,
    GLEntry,
    ItemApplicationEntry,
    ItemLedgerEntry,
    TransactionRegister,
    ValueEntry,
    VATEntry,
    VendorLedgerEntry,
)
from domain.problems import Rejected  # noqa: E402
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting  # noqa: E402
from domain.purchasing.model import PostedPurchaseHeader, PostedPurchaseLine, PurchaseHeader, PurchaseLine
from domain.setup.initialize import initialize  # noqa: E402

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADING = "## Posting (bench/posting.py)"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/ledgerflow_bench"
ITEMS = ("1000", "1100", "1200", "1300", "1400")
VENDORS = ("V10000", "V20000", "V30000", "V40000")
GL_LINES = (("6800", "HIGH"), ("6340", "HIGH"), ("6900", "HIGH"), ("7140", "LOW"))
#: insert order of the floor (foreign keys: register and ILE before their dependants)
LEDGER = (TransactionRegister, GLEntry, VendorLedgerEntry, DetailedVendorLedgerEntry,
          VATEntry, ItemLedgerEntry, ValueEntry, ItemApplicationEntry,
          PostedPurchaseHeader, PostedPurchaseLine)


def invoice(i: int) -> dict:
    items = [{"type": "item", "no": ITEMS[(i + k) % len(ITEMS)], "quantity": str(1 + (i + k) % 7),
              "direct_unit_cost": f"{185 + (i * 7 + k) % 300}.50", "location": "MAIN"} for k in range(3)]
    gls = [{"type": "gl_account", "no": GL_LINES[(i + k) % len(GL_LINES)][0], "quantity": 1,
            "direct_unit_cost": str(100 + i % 50), "vat_prod_posting_group": GL_LINES[(i + k) % len(GL_LINES)][1]}
           for k in range(2)]
    return {"document_type": "invoice", "vendor_no": VENDORS[i % len(VENDORS)],
            "vendor_invoice_no": f"B-{i}", "posting_date": "2026-11-20", "lines": items + gls}


# -- databases ---------------------------------------------------------------

def _pg_recreate(url: str) -> None:
    u = make_url(url)
    if "bench" not in (u.database or ""):
        raise SystemExit(f"refusing to drop {u.database!r}: the database name must contain 'bench'")
    admin = f"host={u.host or '127.0.0.1'} port={u.port or 5432} user={u.username or 'postgres'} dbname=postgres"
    if u.password:
        admin += f" password={u.password}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{u.database}"')


def fresh_urls(db: str, pg_url: str, workdir: str, run: int) -> tuple[str, str, str]:
    """(product, floor per invoice, floor one transaction): three empty databases
    (ledger rows cannot be deleted, not even by the benchmark: append-only triggers)."""
    names = ("product", "floor", "floor1")
    if db == "sqlite":
        return tuple(f"sqlite:///{workdir}/{name}-{run}.db" for name in names)  # type: ignore[return-value]
    base = make_url(pg_url)
    urls = [pg_url] + [base.set(database=f"{base.database}_{name}").render_as_string(hide_password=False)
                       for name in names[1:]]
    for url in urls:
        _pg_recreate(url)
    return tuple(urls)  # type: ignore[return-value]


def ready_app(url: str) -> App:
    app = build_app(url, user="admin")  # init's administrator: posting needs purchase.post
    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    return app


def version(app: App) -> str:
    with app.engine.connect() as conn:
        if app.engine.dialect.name == "sqlite":
            return "SQLite " + conn.execute(text("select sqlite_version()")).scalar_one()
        return "PostgreSQL " + conn.execute(text("show server_version")).scalar_one().split()[0]


# -- product -----------------------------------------------------------------

def create_drafts(app: App, n: int) -> tuple[list[str], float]:
    start = time.perf_counter()
    nos = [purchase_documents.create_document(app, invoice(i)) for i in range(n)]
    return nos, time.perf_counter() - start


def post_all(app: App, nos: list[str]) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) for posting every draft."""
    start, cpu = time.perf_counter(), time.process_time()
    for no in nos:
        result = purchase_posting.post_document(app, no)
        if isinstance(result, Rejected):
            raise SystemExit(f"{no} rejected: {result}")
    return time.perf_counter() - start, time.process_time() - cpu


# -- floor -------------------------------------------------------------------

def ledger_rows(app: App) -> dict[type, dict[int, list[dict]]]:
    """Every row the postings wrote, per table, grouped by transaction no."""
    out: dict[type, dict[int, list[dict]]] = {}
    with app.engine.connect() as conn:
        tx_of_doc = dict(conn.execute(select(PostedPurchaseHeader.no, PostedPurchaseHeader.transaction_no)).tuples().all())
        for cls in LEDGER:
            table = cls.__table__
            groups: dict[int, list[dict]] = defaultdict(list)
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                tx = tx_of_doc[row["document_no"]] if cls is PostedPurchaseLine else row["transaction_no"]
                groups[tx].append(dict(row))
            out[cls] = groups
    return out


def copy_drafts(source: App, target: App) -> None:
    """The drafts the posted headers refer to (source_header_id), copied untimed."""
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in (PurchaseHeader.__table__, PurchaseLine.__table__):
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            dst.execute(insert(table), rows)


def floor_per_invoice(app: App, rows: dict, transactions: list[int]) -> float:
    start = time.perf_counter()
    for tx in transactions:
        with app.engine.begin() as conn:
            for cls in LEDGER:
                batch = rows[cls].get(tx)
                if batch:
                    conn.execute(insert(cls.__table__), batch)
    return time.perf_counter() - start


def floor_one_transaction(app: App, rows: dict) -> float:
    start = time.perf_counter()
    with app.engine.begin() as conn:
        for cls in LEDGER:
            batch = [r for group in rows[cls].values() for r in group]
            if batch:
                conn.execute(insert(cls.__table__), batch)
    return time.perf_counter() - start


# -- one run -----------------------------------------------------------------

def run_once(db: str, n: int, pg_url: str, workdir: str, run: int) -> dict:
    apps = [ready_app(url) for url in fresh_urls(db, pg_url, workdir, run)]
    product, floor, floor1 = apps
    try:
        nos, draft_s = create_drafts(product, n)
        post_s, post_cpu = post_all(product, nos)
        rows = ledger_rows(product)
        transactions = sorted(rows[TransactionRegister])
        assert len(transactions) == n, (len(transactions), n)
        for target in (floor, floor1):
            copy_drafts(product, target)
        per_inv_s = floor_per_invoice(floor, rows, transactions)
        one_tx_s = floor_one_transaction(floor1, rows)
        total = sum(len(r) for groups in rows.values() for r in groups.values())
        for target in (floor, floor1):
            with target.engine.connect() as conn:
                stored = sum(conn.execute(select(func.count()).select_from(c.__table__)).scalar_one()
                             for c in LEDGER)
            assert stored == total, (stored, total)
        return {"db": db, "version": version(product), "drafts/s": n / draft_s, "product inv/s": n / post_s,
                "floor inv/s (tx/inv)": n / per_inv_s, "floor inv/s (1 tx)": n / one_tx_s,
                "ratio (tx/inv)": post_s / per_inv_s, "ratio (1 tx)": post_s / one_tx_s, "rows/inv": total / n,
                "client CPU ms/inv": post_cpu * 1000 / n,
                "rows": {c.__table__.name: sum(len(r) for r in rows[c].values()) / n for c in LEDGER}}
    finally:
        for app in apps:
            app.dispose()


NUMERIC = ("drafts/s", "product inv/s", "floor inv/s (tx/inv)", "floor inv/s (1 tx)", "ratio (tx/inv)",
           "ratio (1 tx)", "rows/inv", "client CPU ms/inv")


def median(runs: list[dict]) -> dict:
    out = {"db": runs[0]["db"], "version": runs[0]["version"], "rows": runs[0]["rows"], "runs": runs}
    out.update({k: statistics.median(r[k] for r in runs) for k in NUMERIC})
    return out


def table(results: list[dict]) -> str:
    head = "| db | " + " | ".join(NUMERIC) + " |"
    lines = [head, "|" + "---|" * (len(NUMERIC) + 1)]
    for r in results:
        cells = [f"{r[k]:.1f}x" if k.startswith("ratio") else f"{r[k]:.1f}" for k in NUMERIC]
        lines.append(f"| {r['db']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# -- docs/benchmarks.md ------------------------------------------------------

def section(command: str, n: int, runs: int, results: list[dict], load: tuple[str, str]) -> str:
    versions = ", ".join(r["version"] for r in results)
    rows = results[0]["rows"]
    per_table = ", ".join(f"{name} {count:g}" for name, count in rows.items())
    per_run = "; ".join(r["db"] + " " + ", ".join(f"{x['product inv/s']:.0f} ({x['ratio (tx/inv)']:.1f}x)"
                                                  for x in r["runs"]) for r in results)
    return f"""{HEADING}

Command: `{command}`

Machine: {os.cpu_count()} cores (`nproc` = {len(os.sched_getaffinity(0))}), {platform.platform()},
Python {platform.python_version()}, SQLAlchemy {_sqlalchemy_version()}, {versions}. Date: {dt.date.today()},
code at {_revision()}. The machine was shared with other work while measuring (1-minute load average
{load[0]} at the start, {load[1]} at the end), so runs vary (all runs below).

N = {n} purchase invoices of 5 lines (3 item lines over the five demo items, 2 G/L lines),
each posted in its own transaction; median of {runs} runs, fresh databases per run.
Floor: the same ledger rows ({per_table} per invoice) inserted with Core `insert()`
executemany into a scratch database migrated the same way; "tx/inv" commits once
per invoice like production, "1 tx" is one big transaction. ratio = product time / floor time.
"client CPU ms/inv" is this process's CPU time per posting (Python, SQLAlchemy, driver; for SQLite
also the database engine), less sensitive to a busy machine than the wall-clock figures.
Goal: >= 200 invoices/s on PostgreSQL and ratio (tx/inv) <= 5x.

{table(results)}

Runs (product inv/s, ratio tx/inv): {per_run}

{_goal(results)}
"""


def _goal(results: list[dict]) -> str:
    """Measured against the goal, stated plainly: met or not met."""
    parts = []
    for r in results:
        if r["db"] == "postgresql":
            met = "met" if r["product inv/s"] >= 200 else "not met"
            parts.append(f"PostgreSQL {r['product inv/s']:.1f} invoices/s (goal >= 200: {met})")
        met = "met" if r["ratio (tx/inv)"] <= 5 else "not met"
        parts.append(f"{r['db']} ratio {r['ratio (tx/inv)']:.1f}x (goal <= 5x: {met})")
    return "Against the goal: " + "; ".join(parts) + "."


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _revision() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=DOC.parents[1], capture_output=True, text=True).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"commit {git('rev-parse', '--short', 'HEAD') or 'unknown'}{dirty}"


def _sqlalchemy_version() -> str:
    import sqlalchemy

    return sqlalchemy.__version__


def write_doc(text_: str) -> None:
    if not DOC.exists():
        DOC.write_text("# Benchmarks\n\nMeasured figures of the scripts in `bench/`, each with its command and machine.\n\n"
                       + text_)
        return
    doc = DOC.read_text()
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _m: text_ + "\n", doc, count=1).rstrip("\n") + "\n"
    else:
        doc = doc.rstrip("\n") + "\n\n" + text_
    DOC.write_text(doc)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="invoices per run (default 1000)")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("LEDGERFLOW_BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--runs", type=int, default=3, help="runs per database; the median is reported")
    parser.add_argument("--write-doc", action="store_true", help=f"replace '{HEADING}' in docs/benchmarks.md")
    args = parser.parse_args(argv)
    dbs = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    results, load_start = [], _load()
    with tempfile.TemporaryDirectory(prefix="ledgerflow-bench-") as workdir:
        for db in dbs:
            runs = []
            for run in range(args.runs):
                runs.append(run_once(db, args.n, args.pg_url, workdir, run))
                r = runs[-1]
                print(f"{db} run {run + 1}: product {r['product inv/s']:.1f} inv/s, floor "
                      f"{r['floor inv/s (tx/inv)']:.1f} (tx/inv) / {r['floor inv/s (1 tx)']:.1f} (1 tx) inv/s, "
                      f"ratio {r['ratio (tx/inv)']:.1f}x / {r['ratio (1 tx)']:.1f}x", flush=True)
            results.append(median(runs))
    print()
    print(table(results))
    if args.write_doc:
        command = "python " + " ".join(["bench/posting.py"] + (argv if argv is not None else sys.argv[1:]))
        write_doc(section(command, args.n, args.runs, results, (load_start, _load())))
        print(f"\nwritten to {DOC}")


if __name__ == "__main__":
    main()
