"""SAF-T export benchmark: a year of G/L entries written as one SAF-T Financial file.

``generate`` builds the Norwegian demo company (``init --country NO --demo``) and inserts, with
bulk INSERTs (COPY on PostgreSQL; no ORM, no posting code), ENTRIES G/L entries over 2025 in
transactions of four lines: sales (receivables 1500 D / revenue 3000 C / output VAT 2700 C /
a cost-of-goods pair 4391 D / 1460 C folded into the revenue line's transaction as a fourth line
on 1460) and purchases (4300 D / input VAT 2710 D / payables 2400 C / a bank line), alternating
between the demo's customers and vendors, with one customer or vendor ledger entry per
transaction (so the master files' balances have work to do too).

``measure`` runs in a fresh process, so its peak RSS (VmHWM) is the export's own: ``saft.export`` of
2025-01-01..2025-12-31 to a file; time, peak RSS (ru_maxrss), file size, and a check that the
file's totals equal the rows inserted. ``--validate`` also validates the file against the XSD in
../shared/standards (lxml; slow and memory-hungry for big files, so off by default).

Run: .venv/bin/python bench/saft_export.py --db sqlite|postgresql --entries 1000000
(``--measure URL`` measures again on a database generated before, e.g.
``sqlite:////tmp/ledgerflow-bench-saft/saft.db``.)
PostgreSQL database ``ledgerflow_bench_saft`` (from --pg-url) is dropped and recreated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.bootstrap import build_app  # noqa: E402
from domain.db import bulk_insert  # noqa: E402
from domain.ledger.model import CustomerLedgerEntry, GLEntry, VendorLedgerEntry  # noqa: E402
from domain.setup.initialize import initialize  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/ledgerflow_bench_saft"
YEAR = 2025
CHUNK = 50_000
CUSTOMERS = ("C10000", "C20000")
VENDORS = ("V10000", "V20000", "V30000", "V40000")


def fresh_database(kind: str, workdir: Path, pg_url: str) -> str:
    if kind == "sqlite":
        path = workdir / "saft.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    base, _, name = pg_url.rpartition("/")
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return pg_url


def _transaction(n: int, entry_no: int, day: dt.date) -> tuple[list[dict], dict | None, dict | None]:
    """Four G/L lines of transaction ``n`` (a sale when n is even, else a purchase)."""
    base = Decimal(100 + n % 900) + Decimal(n % 100) / 100
    vat = (base * Decimal("0.25")).quantize(Decimal("0.01"))
    common = {"transaction_no": n, "posting_date": day, "external_document_no": None, "user_id": "admin",
              "gen_bus_posting_group": None, "gen_prod_posting_group": None}
    if n % 2 == 0:
        party = CUSTOMERS[n // 2 % len(CUSTOMERS)]
        doc = f"PSI-{n:07d}"
        spec = [("1500", base + vat, "", None, None, "customer"), ("3000", -base, "sale", "DOMESTIC", "HIGH", "customer"),
                ("2700", -vat, "sale", "DOMESTIC", "HIGH", "customer"), ("1920", Decimal(0), "", None, None, "")]
    else:
        party = VENDORS[n // 2 % len(VENDORS)]
        doc = f"PPI-{n:07d}"
        spec = [("4300", base, "purchase", "DOMESTIC", "HIGH", "vendor"),
                ("2710", vat, "purchase", "DOMESTIC", "HIGH", "vendor"),
                ("2400", -(base + vat), "", None, None, "vendor"), ("1920", Decimal(0), "", None, None, "")]
    lines = []
    for i, (account, amount, gen_type, vat_bus, vat_prod, source) in enumerate(spec):
        lines.append({**common, "entry_no": entry_no + i, "gl_account_no": account, "document_type": "invoice",
                      "document_no": doc, "description": f"{doc} line {i + 1}", "amount": amount,
                      "debit_amount": max(amount, Decimal(0)), "credit_amount": max(-amount, Decimal(0)),
                      "vat_amount": Decimal(0), "gen_posting_type": gen_type, "vat_bus_posting_group": vat_bus,
                      "vat_prod_posting_group": vat_prod, "source_type": source,
                      "source_no": party if source else None})
    ledger = {"entry_no": n, "transaction_no": n, "posting_date": day, "document_date": day,
              "document_type": "invoice", "document_no": doc, "external_document_no": "", "description": doc,
              "currency_code": "NOK", "due_date": day, "pmt_discount_date": None,
              "original_pmt_disc_possible": Decimal(0), "payment_reference": None, "open": True,
              "closed_by_entry_no": None, "closed_at_date": None, "user_id": "admin"}
    total = base + vat
    if n % 2 == 0:
        return lines, {**ledger, "customer_no": party, "amount": total, "amount_lcy": total,
                       "remaining_amount": total}, None
    return lines, None, {**ledger, "vendor_no": party, "amount": -total, "amount_lcy": -total,
                         "remaining_amount": -total}


def generate(url: str, entries: int) -> dict:
    app = build_app(url, "admin")
    import migrations

    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    started = time.perf_counter()
    transactions = entries // 4
    days = (dt.date(YEAR, 12, 31) - dt.date(YEAR, 1, 1)).days + 1
    gl, customers, vendors = [], [], []
    debit = Decimal(0)

    def flush(session):
        bulk_insert(session, GLEntry.__table__, gl)
        bulk_insert(session, CustomerLedgerEntry.__table__, customers)
        bulk_insert(session, VendorLedgerEntry.__table__, vendors)
        gl.clear()
        customers.clear()
        vendors.clear()

    with app.uow() as session:
        for n in range(1, transactions + 1):
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=(n - 1) * days // transactions)
            lines, customer, vendor = _transaction(n, (n - 1) * 4 + 1, day)
            gl.extend(lines)
            debit += sum(line["debit_amount"] for line in lines)
            if customer:
                customers.append(customer)
            if vendor:
                vendors.append(vendor)
            if len(gl) >= CHUNK:
                flush(session)
        flush(session)
    app.dispose()
    return {"entries": transactions * 4, "transactions": transactions, "total_debit": str(debit),
            "generate_s": round(time.perf_counter() - started, 1)}


def peak_rss_mb() -> int:
    """This process's peak resident set (VmHWM: fresh after exec, unlike ru_maxrss, which a child
    may inherit from the parent that forked it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(url: str, out: Path, validate: bool) -> dict:
    from domain.compliance import saft

    app = build_app(url, "admin")
    rss_before = peak_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    result = saft.export(app, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    report = {"export_s": round(seconds, 1), "export_cpu_s": round(cpu, 1), "peak_rss_mb": peak_rss_mb(),
              "rss_mb_before_export": rss_before, "file_mb": round(out.stat().st_size / 2**20, 1),
              "transactions": result.transactions, "lines": result.lines, "total_debit": str(result.total_debit),
              "total_credit": str(result.total_credit), "lines_per_s": round(result.lines / seconds)}
    app.dispose()
    if validate:
        from lxml import etree

        xsd = ROOT / ".." / "shared" / "standards" / "saft-no" / "Norwegian_SAF-T_Financial_Schema_v_1.30.xsd"
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        report["valid"] = schema.validate(etree.parse(str(out)))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ledgerflow-bench-saft")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--measure", metavar="URL", help="only measure the export of an existing database")
    args = parser.parse_args()
    out = args.workdir / "saft.xml"
    if args.measure:
        print(json.dumps(measure(args.measure, out, args.validate)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    url = fresh_database(args.db, args.workdir, args.pg_url)
    report = {"db": args.db, **generate(url, args.entries)}
    command = [sys.executable, __file__, "--measure", url, "--workdir", str(args.workdir)]
    measured = json.loads(subprocess.run(command + (["--validate"] if args.validate else []), check=True,
                                         capture_output=True, text=True).stdout)
    report.update(measured)
    report["totals_match"] = (measured["lines"] == report["entries"]
                              and Decimal(measured["total_debit"]) == Decimal(report["total_debit"]))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
