"""Inventory benchmark (issue 15's goals): availability, calculate inventory, item tracing.

``generate`` builds the Norwegian demo company. Through the domain's services: a lot
``L-BENCH`` of component ``ASM-P`` bought (SHIPMENTS units) and assembled through three
levels (``ASM-S1`` from ``ASM-P``, ``ASM-S2`` from ``ASM-S1``, ``ASM-KIT`` from ``ASM-S2``,
each a lot of its own, each level one assembly order posted by :mod:`domain.inventory.assembly`),
the kit sold one unit at a time in SHIPMENTS item journal sales. Then with bulk INSERTs (no
posting code): ITEMS inventory items (copies of demo item 1000) with one purchase item ledger
entry at each of LOCATIONS locations; for item 1000, LINES open order lines (half purchase
order lines, half sales order lines, cloned from one order of each made through the domain,
spread over a year).

``measure`` then times, in the same process, each goal's operation RUNS times (best and median):

- availability by event of item 1000 (LINES open lines)            goal <= 0.1 s
- availability of every item at MAIN (`report availability`)       goal <= 2 s
- calculate inventory at each location (ITEMS x LOCATIONS lines)   goal <= 5 s in all
- item tracing of lot L-BENCH forward (3 assembly levels, SHIPMENTS sales)   goal <= 1 s

The goals are wall-clock times; the CPU seconds of the benchmark's process are printed
beside them (on SQLite all the work; on PostgreSQL the server's share is not in them).

Run: .venv/bin/python bench/inventory.py --db sqlite|postgresql [--items 10000 --lines 10000 --runs 3]
PostgreSQL: the server of --url (default $LEDGERFLOW_TEST_PG_URL) gets a database of the
benchmark's own (``ledgerflow_bench_inventory_<pid>``), dropped when the benchmark ends.
"""

from __future__ import annotations

import argparse
import gc
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, func, make_url, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.bootstrap import build_app  # noqa: E402
from domain.db import bulk_insert  # noqa: E402
from domain.inventory import assembly, assembly_bom, counting, tracing  # noqa: E402
from domain.inventory import journal as item_journal  # noqa: E402
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry  # noqa: E402
from domain.purchasing import orders as purchase_orders  # noqa: E402
from domain.purchasing.model import PurchaseHeader, PurchaseLine  # noqa: E402
from domain.sales import documents as sales_documents  # noqa: E402
from domain.sales import reports as sales_reports  # noqa: E402
from domain.sales.availability import item_availability  # noqa: E402
from domain.sales.model import SalesHeader, SalesLine  # noqa: E402
from domain.setup import masterdata  # noqa: E402
from domain.setup.initialize import initialize  # noqa: E402
from domain.setup.model.cards import Item  # noqa: E402

PG_URL = os.environ.get("LEDGERFLOW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CHUNK = 20_000
LINES_PER_ORDER = 50


def fresh_database(kind: str, workdir: Path, pg_url: str) -> tuple[str, object]:
    """The benchmark database's URL and a function that drops it (PostgreSQL: a database of
    its own on the server of ``pg_url``, never one another run or a test uses)."""
    if kind == "sqlite":
        files = [workdir / f"inventory.db{suffix}" for suffix in ("", "-wal", "-shm")]

        def drop_files() -> None:
            for file in files:
                file.unlink(missing_ok=True)

        drop_files()
        return f"sqlite:///{files[0]}", drop_files
    name = f"ledgerflow_bench_inventory_{os.getpid()}"
    admin_url = make_url(pg_url).set(database="postgres")

    def run(sql: str) -> None:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(sql))
        admin.dispose()

    run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    run(f"CREATE DATABASE {name}")
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False), \
        lambda: run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _row(obj, skip=("id",)) -> dict:
    return {c.name: getattr(obj, c.key) for c in obj.__table__.columns if c.name not in skip}


def _ile(entry_no: int, item: str, location: str, qty: Decimal, day: dt.date, entry_type: str, doc: str,
         lot: str | None = None) -> dict:
    return {"entry_no": entry_no, "item_no": item, "posting_date": day, "entry_type": entry_type,
            "document_type": "", "document_no": doc, "document_line_no": 1, "description": "",
            "location_code": location, "quantity": qty, "remaining_quantity": qty if qty > 0 else Decimal(0),
            "invoiced_quantity": qty, "positive": qty > 0, "open": qty > 0, "completely_invoiced": True,
            "applies_to_entry": None, "applied_entry_to_adjust": False, "source_type": "", "source_no": None,
            "serial_no": None, "lot_no": lot, "transaction_no": 1, "user_id": "admin"}


def generate(url: str, items: int, locations: int, lines: int, shipments: int) -> dict:
    app = build_app(url, "admin")
    import migrations

    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    started = time.perf_counter()
    codes = ["MAIN"] + [f"LOC{n}" for n in range(2, locations + 1)]
    for code in codes[1:]:
        masterdata.add_location(app, code)
    assembled = _assembled_lot(app, shipments)
    # one order of each kind through the domain: the templates of the bulk copies
    po = purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000", "document_date":
                                            "2026-01-01", "lines": [{"type": "item", "no": "1000", "quantity": "1",
                                                                     "direct_unit_cost": "10", "location": "MAIN"}]})
    so = sales_documents.create_document(app, {"document_type": "order", "customer_no": "C10000",
                                               "document_date": "2026-01-01", "posting_date": "2026-01-01",
                                               "lines": [{"type": "item", "no": "1000", "quantity": "1",
                                                          "unit_price": "20", "location": "MAIN"}]})
    day0 = dt.date(2026, 1, 1)
    with app.uow() as session:
        template = _row(session.get(Item, "1000"))
        new_items = [{**template, "no": f"B{n:06d}", "description": f"Bench item {n}"} for n in range(1, items)]
        for i in range(0, len(new_items), CHUNK):
            bulk_insert(session, Item.__table__, new_items[i:i + CHUNK])
        entry_no = (session.scalar(select(func.max(ItemLedgerEntry.entry_no))) or 0) + 1
        entries, applications = [], []
        for no in ["1000"] + [r["no"] for r in new_items]:
            for code in codes:
                entries.append(_ile(entry_no, no, code, Decimal(10), day0, "purchase", "BENCH"))
                applications.append({"item_ledger_entry_no": entry_no, "inbound_item_entry_no": entry_no,
                                     "outbound_item_entry_no": None, "quantity": Decimal(10), "posting_date": day0,
                                     "transaction_no": 1, "fixed_application": False})
                entry_no += 1
        for i in range(0, len(entries), CHUNK):
            bulk_insert(session, ItemLedgerEntry.__table__, entries[i:i + CHUNK])
        keys = set(applications[0])
        columns = [c.name for c in ItemApplicationEntry.__table__.columns if c.name in keys]
        for i in range(0, len(applications), CHUNK):
            bulk_insert(session, ItemApplicationEntry.__table__,
                        [{k: a[k] for k in columns} for a in applications[i:i + CHUNK]])
        _orders(session, po, so, lines, day0)
        ledger_entries = session.scalar(select(func.count()).select_from(ItemLedgerEntry))
    if app.engine.dialect.name == "postgresql":
        # what autovacuum does within a minute of a bulk load: without statistics the planner takes
        # every table for one row and nests loops (availability by event 0.34 s instead of 0.01 s)
        with app.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return {"items": items, "locations": locations, "order_lines": lines, "lot_shipments": shipments,
            "assembly_seconds": assembled, "item_ledger_entries": ledger_entries,
            "generate_seconds": round(time.perf_counter() - started, 1)}


def _posted(result) -> None:
    if hasattr(result, "problems"):
        raise SystemExit(f"the benchmark data was refused: {result.problems}")


def _assembled_lot(app, shipments: int) -> float:
    """Lot L-BENCH of ASM-P bought, assembled through three levels (each level's output a lot of
    its own, one assembly order a level, posted by the assembly service) and the kit sold in
    ``shipments`` journal sales of one unit; the seconds it took."""
    started = time.perf_counter()
    chain = ("ASM-P", "ASM-S1", "ASM-S2", "ASM-KIT")
    for no in chain:
        masterdata.add_item(app, {"no": no, "description": f"Bench assembly {no}", "costing_method": "fifo"})
    for component, parent in zip(chain, chain[1:]):
        assembly_bom.add(app, parent, component, Decimal(1))
    journal = {"entry_type": "purchase", "location": "MAIN", "unit_price": "", "applies_to_entry": "",
               "document_no": ""}
    _posted(item_journal.post_journal(app, [{**journal, "posting_date": "2026-11-01", "item_no": "ASM-P",
                                             "quantity": str(shipments), "unit_cost": "10", "lot_no": "L-BENCH"}]))
    for level, parent in enumerate(chain[1:], start=1):
        no = assembly.import_order(app, {"item_no": parent, "quantity": str(shipments), "location": "MAIN",
                                         "due_date": f"2026-11-0{level + 1}",
                                         "tracking": [{"lot_no": f"{parent}-LOT", "quantity": str(shipments)}]})
        _posted(no)
        _posted(assembly.post(app, no, posting_date=dt.date(2026, 11, level + 1)))
    sales = [{**journal, "entry_type": "sale", "posting_date": "2026-11-10", "item_no": "ASM-KIT", "quantity": "1",
              "unit_cost": "", "unit_price": "100", "lot_no": "ASM-KIT-LOT", "document_no": f"BENCH-S{n:04d}"}
             for n in range(shipments)]
    _posted(item_journal.post_journal(app, sales))
    return round(time.perf_counter() - started, 1)


def _orders(session, po: str, so: str, lines: int, day0: dt.date) -> None:
    """LINES/2 purchase and LINES/2 sales order lines of item 1000 at MAIN, 50 lines an order."""
    for header_cls, line_cls, template_no, prefix in ((PurchaseHeader, PurchaseLine, po, "PB"),
                                                      (SalesHeader, SalesLine, so, "SB")):
        header = session.scalar(select(header_cls).where(header_cls.no == template_no))
        line = header.lines[0]
        head_row, line_row = _row(header), _row(line, skip=("id", "header_id"))
        next_id = (session.scalar(select(func.max(header_cls.id))) or 0) + 1
        count = lines // 2
        orders = (count + LINES_PER_ORDER - 1) // LINES_PER_ORDER
        heads, body = [], []
        for n in range(orders):
            day = day0 + dt.timedelta(days=(n * 7) % 360)
            heads.append({**head_row, "id": next_id + n, "no": f"{prefix}{n:06d}", "document_date": day,
                          **({"posting_date": day} if "posting_date" in head_row else {})})
            for k in range(min(LINES_PER_ORDER, count - n * LINES_PER_ORDER)):
                body.append({**line_row, "header_id": next_id + n, "line_no": k + 1})
        bulk_insert(session, header_cls.__table__, heads)
        for i in range(0, len(body), CHUNK):
            bulk_insert(session, line_cls.__table__, body[i:i + CHUNK])


def timed(fn, runs: int) -> tuple[dict, object]:
    """``fn`` run ``runs`` times: best and median seconds (wall clock; and the CPU seconds of this
    process, which a machine shared with other work inflates less), and its last result."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        result = None  # the previous run's result is freed (and collected) outside the timing, as a
        gc.collect()  # caller that keeps no earlier answer would see it; GC stays on during the run
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return {"best": round(min(times), 3), "median": round(statistics.median(times), 3),
            "runs": [round(t, 3) for t in times],
            "cpu_best": round(min(cpu), 3), "cpu_median": round(statistics.median(cpu), 3)}, result


def measure(url: str, locations: int, runs: int) -> dict:
    app = build_app(url, "admin")
    codes = ["MAIN"] + [f"LOC{n}" for n in range(2, locations + 1)]
    by_event, rows = timed(lambda: item_availability(app, "1000", "MAIN", "event"), runs)
    # an item without order lines among the 10,000 of item 1000: what the order-line indexes are for
    other, _ = timed(lambda: item_availability(app, "B000001", "MAIN", "event"), runs)
    everything, all_rows = timed(lambda: sales_reports.availability(app, None, "MAIN"), runs)
    date = dt.date(2026, 12, 31)
    calculate, _ = timed(lambda: [counting.calculate(app, code, date) for code in codes], runs)
    traced, trace = timed(lambda: tracing.trace(app, lot="L-BENCH"), runs)
    nodes = tracing.flatten(trace)
    app.engine.dispose()
    return {"load_average_1_5_15": os.getloadavg(), "cpus": os.cpu_count(),
            "availability_by_event_s": by_event, "events": len(rows["rows"]),
            "availability_by_event_item_without_lines_s": other,
            "availability_all_items_s": everything, "items_reported": len(all_rows),
            "calculate_inventory_all_locations_s": calculate,
            "item_tracing_s": traced, "traced_entries": trace["entries"],
            "traced_depth": max(n["level"] for n in nodes),
            "traced_assembly_outputs": sorted({n["item_no"] for n in nodes if n["entry_type"] == "assembly_output"}),
            "traced_sales": sum(n["entry_type"] == "sale" for n in nodes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--locations", type=int, default=5)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--shipments", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", "--pg-url", dest="pg_url", default=PG_URL,
                        help="a PostgreSQL server URL (its database name is replaced by the benchmark's own)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ledgerflow-bench-inventory")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    url, drop = fresh_database(args.db, args.workdir, args.pg_url)
    try:
        report = {"db": args.db, "load_average_before": os.getloadavg(),
                  **generate(url, args.items, args.locations, args.lines, args.shipments)}
        report.update(measure(url, args.locations, args.runs))
    finally:
        drop()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
