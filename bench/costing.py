"""Costing benchmark: full and incremental cost adjustment and post-to-G/L, each
beside the floor of reading the same rows.

``generate`` builds a synthetic history with bulk INSERTs (no ORM): ITEMS
items (40 % FIFO, 10 % LIFO, 40 % Average, 10 % Standard; day periods), one of
them an Average item with BIG entries, the rest sharing the other entries;
about 55 % receipts and 45 % sales applied by method, 3 % of receipts
backdated by up to 30 days, 2 % of receipts with an item charge invoiced
later; sales carry posting-time cost (FIFO/LIFO drawn without the later
charges, Average at the running average in entry order, Standard at
standard), so backdated receipts and charges leave real work for adjustment.
Automatic Cost Posting is off, so nothing is on the G/L yet. Every item is
marked "to adjust", as postings would have marked it.

``measure`` (a fresh process, so its peak RSS is the adjustment's own):
  1. floor: the adjustment's SELECTs for every item, rows fetched, nothing computed;
  2. full adjustment of every marked item (time, entries written, peak RSS);
  3. incremental: one backdated purchase on the big item through the item
     journal (which marks it), then ``adjust`` (floor: reading that item's rows);
     3b. one purchase backdated 5 days from the end of the big (Average) item's
     history: reading + computing from that period on (average cost entry point)
     beside the whole-history path on the same ledger, then the ``adjust`` run;
  4. post-to-G/L of every value entry (per entry), beside the floor of
     selecting the unposted value entries.

Run: .venv/bin/python bench/costing.py --db sqlite|postgresql|both --entries 1000000 --items 10000
PostgreSQL database ``ledgerflow_bench_costing`` is dropped and recreated.

``--reuse`` keeps each generated history as a template (PostgreSQL database
``ledgerflow_bench_costing_tpl``, SQLite file ``<tmp>/ledgerflow-bench-costing/tpl.db``)
stamped with its sizes, and later runs with the same sizes start from a copy of it
(``CREATE DATABASE ... TEMPLATE`` / a file copy, then any newer migrations) instead
of generating again; the generate figure then is the original generation's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select, text, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.app import App  # noqa: E402
from domain.bootstrap import build_app
from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.inventory import journal as item_journal  # noqa: E402
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry, ItemToAdjust, ValueEntry
from domain.setup.initialize import initialize  # noqa: E402
from domain.setup.model.cards import Item
from domain.setup.model.company import Company

from bench.costing_db import copy_template, fresh_database, keep_template, template_stamp  # noqa: E402

METHODS = ["fifo"] * 4 + ["lifo"] + ["average"] * 4 + ["standard"]
START = dt.date(2024, 1, 1)
CHUNK = 50_000


class Writer:
    """Buffers rows per table and writes them with executemany INSERTs of CHUNK rows."""

    def __init__(self, conn):
        self.conn, self.rows, self.counts = conn, {}, {}

    def add(self, cls, row: dict) -> None:
        self.rows.setdefault(cls, []).append(row)
        if len(self.rows[cls]) >= CHUNK:
            self.flush()  # every table, item ledger entries first (foreign keys)

    def flush(self, cls=None) -> None:
        for key in [cls] if cls else list(self.rows):
            if self.rows.get(key):
                self.conn.execute(insert(key.__table__), self.rows[key])
                self.counts[key.__name__] = self.counts.get(key.__name__, 0) + len(self.rows[key])
                self.rows[key] = []


def item_history(rng: random.Random, method: str, n: int, std: Decimal, ids, w: Writer, item_no: str) -> None:
    open_in: list[list] = []  # [entry_no, date, qty, remaining, base cost]
    on_hand, value = 0, Decimal(0)
    for k in range(n):
        day = START + dt.timedelta(days=k * 700 // max(n, 1))
        if not open_in or rng.random() < 0.55:
            qty, unit = rng.randint(1, 10), Decimal(rng.randint(100, 10000)) / 100
            when = day - dt.timedelta(days=rng.randint(1, 30)) if rng.random() < 0.03 else day
            cost = std * qty if method == "standard" else unit * qty
            no = _ile(w, ids, item_no, when, "purchase", qty)
            _ve(w, ids, no, item_no, when, "purchase", cost, qty)
            if rng.random() < 0.02:
                _ve(w, ids, no, item_no, day + dt.timedelta(days=20), "purchase", Decimal(rng.randint(100, 5000)) / 100,
                    0, charge=True)
            open_in.append([no, when, qty, qty, cost])
            on_hand, value = on_hand + qty, value + cost
            continue
        qty = rng.randint(1, min(10, on_hand))
        no = _ile(w, ids, item_no, day, "sale", -qty)
        order = sorted(open_in, key=lambda e: (e[1], e[0]), reverse=method == "lifo")
        drawn, left = Decimal(0), qty
        for entry in order:
            take = min(entry[3], left)
            if take:
                entry[3] -= take
                left -= take
                drawn += (entry[4] * take / entry[2]).quantize(Decimal("0.01"))
                w.add(ItemApplicationEntry, {"item_ledger_entry_no": no, "inbound_item_entry_no": entry[0],
                                               "outbound_item_entry_no": no, "quantity": Decimal(-take),
                                               "posting_date": day, "fixed": False, "transaction_no": no})
            if not left:
                break
        open_in = [e for e in open_in if e[3] > 0]
        cost = (value * qty / on_hand).quantize(Decimal("0.01")) if method == "average" else \
            std * qty if method == "standard" else drawn
        on_hand, value = on_hand - qty, value - cost
        _ve(w, ids, no, item_no, day, "sale", -cost, -qty)
    for entry in open_in:  # remaining quantities as posting would have left them
        ids["remaining"].append({"n": entry[0], "r": Decimal(entry[3])})


def _ile(w: Writer, ids, item_no, day, kind, qty) -> int:
    ids["ile"] += 1
    no = ids["ile"]
    w.add(ItemLedgerEntry, {
        "entry_no": no, "item_no": item_no, "posting_date": day, "entry_type": kind, "document_type": "bench",
        "document_no": f"B{no}", "document_line_no": 1, "description": "", "location_code": "",
        "quantity": Decimal(qty), "remaining_quantity": Decimal(0), "invoiced_quantity": Decimal(qty),
        "positive": qty > 0, "open": False, "completely_invoiced": True, "applies_to_entry": None,
        "applied_entry_to_adjust": False, "source_type": "", "source_no": None, "serial_no": None,
        "lot_no": None, "transaction_no": no, "user_id": None})
    if qty > 0:
        w.add(ItemApplicationEntry, {"item_ledger_entry_no": no, "inbound_item_entry_no": no,
                                       "outbound_item_entry_no": None, "quantity": Decimal(qty),
                                       "posting_date": day, "fixed": False, "transaction_no": no})
    return no


def _ve(w: Writer, ids, ile, item_no, day, kind, cost, qty, charge=False) -> None:
    w.add(ValueEntry, {
        "item_ledger_entry_no": ile, "item_no": item_no, "posting_date": day, "valuation_date": day,
        "entry_type": "direct_cost", "item_ledger_entry_type": kind, "document_type": "bench",
        "document_no": f"B{ile}", "document_line_no": 1, "description": "", "location_code": "",
        "inventory_posting_group": "RESALE", "gen_bus_posting_group": "", "gen_prod_posting_group": "RETAIL",
        "source_type": "", "source_no": None, "valued_quantity": Decimal(qty),
        "item_ledger_entry_quantity": Decimal(0 if charge else qty), "invoiced_quantity": Decimal(qty),
        "cost_per_unit": Decimal(0), "cost_amount_actual": cost, "cost_amount_expected": Decimal(0),
        "cost_posted_to_gl": Decimal(0), "expected_cost_posted_to_gl": Decimal(0),
        "sales_amount_actual": Decimal(0), "purchase_amount_actual": Decimal(0), "discount_amount": Decimal(0),
        "adjustment": False, "applies_to_entry": None, "item_charge_no": "FREIGHT" if charge else None,
        "transaction_no": ile, "user_id": None})


def generate(url: str, entries: int, items: int, big: int, seed: int = 7) -> dict:
    app = build_app(url)
    import migrations

    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    with app.uow() as s:
        s.execute(update(Company).values(automatic_cost_posting=False))
    rng, ids = random.Random(seed), {"ile": 0, "remaining": []}
    started = time.perf_counter()
    with app.engine.begin() as conn:
        w = Writer(conn)
        nos = [f"B{i:05d}" for i in range(items)]
        conn.execute(insert(Item.__table__), [
            {"no": no, "description": "bench", "type": "inventory", "base_unit_of_measure": "PCS",
             "costing_method": "average" if i == 0 else METHODS[i % len(METHODS)], "unit_cost": Decimal(0),
             "standard_cost": Decimal("25.00"), "last_direct_cost": Decimal(0), "unit_price": Decimal(0),
             "gen_prod_posting_group": "RETAIL", "vat_prod_posting_group": "HIGH",
             "inventory_posting_group": "RESALE", "vendor_no": None, "vendor_item_no": None, "blocked": False}
            for i, no in enumerate(nos)])
        per_item = (entries - big) // max(items - 1, 1)
        for i, no in enumerate(nos):
            item_history(rng, "average" if i == 0 else METHODS[i % len(METHODS)], big if i == 0 else per_item,
                         Decimal("25.00"), ids, w, no)
        w.flush()
        ile = ItemLedgerEntry.__table__
        for start in range(0, len(ids["remaining"]), CHUNK):
            conn.execute(update(ile).where(ile.c.entry_no == _bind("n")).values(
                remaining_quantity=_bind("r"), open=True), ids["remaining"][start:start + CHUNK])
        conn.execute(insert(ItemToAdjust.__table__), [{"item_no": no, "from_date": START, "generation": 1}
                                                        for no in nos])
        if conn.dialect.name == "postgresql":
            for table in ("item_ledger_entry", "value_entry", "item_application_entry"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'entry_no'), "
                                  f"(SELECT max(entry_no) FROM {table}))"))
    if app.engine.dialect.name == "postgresql":
        with app.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    app.dispose()
    return {"generate_s": round(time.perf_counter() - started, 1), "rows": w.counts}


def _bind(name):
    from sqlalchemy import bindparam

    return bindparam(name)


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return round(time.perf_counter() - started, 3), result


def floor_read(app: App, nos: list[str]) -> int:
    rows = 0
    for start in range(0, len(nos), cost_adjustment.BATCH_SIZE):
        with app.uow() as s:
            history = cost_adjustment.read_history(s, nos[start:start + cost_adjustment.BATCH_SIZE])
            rows += sum(len(e) + len(a) for e, a, _ in history.values())
    return rows


def measure(url: str, post: bool = True) -> dict:
    app = build_app(url, "admin")
    with app.uow() as s:
        nos = list(s.scalars(select(ItemToAdjust.item_no).order_by(ItemToAdjust.item_no)))
    out = {}
    out["floor_read_s"], rows = _timed(lambda: floor_read(app, nos))
    out["rows_read"] = rows
    out["full_adjust_s"], run = _timed(lambda: cost_adjustment.adjust(app))
    out["full_entries_created"], out["full_failed"] = run.entries_created, len(run.failed)
    out["peak_rss_mb_after_full"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    out["second_run_entries"] = cost_adjustment.adjust(app).entries_created
    with app.uow() as s:
        big_count = s.scalar(select(func.count()).select_from(ItemLedgerEntry).where(
            ItemLedgerEntry.item_no == nos[0]))
    out["big_item_entries"] = big_count
    item_journal.post_journal(app, [{"posting_date": (START + dt.timedelta(days=3)).isoformat(),
                                     "entry_type": "purchase", "item_no": nos[0], "location": "",
                                     "quantity": "5", "unit_cost": "99.00", "unit_price": "",
                                     "applies_to_entry": "", "document_no": "BACKDATED"}])
    out["incremental_floor_read_s"], _ = _timed(lambda: floor_read(app, [nos[0]]))
    out["incremental_adjust_s"], run = _timed(lambda: cost_adjustment.adjust(app))
    out["incremental_entries_created"] = run.entries_created
    out.update(near_end(app, nos[0]))
    if not post:
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        app.dispose()
        return out
    ve = ValueEntry.__table__
    out["post_floor_read_s"], _ = _timed(lambda: _read_unposted(app, ve))
    out["post_to_gl_s"], posted = _timed(lambda: cost_posting.post_inventory_cost(app))
    out["posted_entries"], out["gl_entries"] = posted.posted_entries, posted.gl_entries
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    app.dispose()
    return out


def near_end(app: App, no: str) -> dict:
    """Step 3b: one purchase backdated 5 days from the end of the big Average item's history.
    Reading and computing its adjustment from that period on (average cost entry point) is
    timed beside the old whole-history path on the same ledger (results compared), then the
    real ``adjust`` run (windowed) is timed."""
    from domain.costing.rules.adjust import Settings, adjust_item, period_start

    with app.uow() as s:
        last = s.scalar(select(func.max(ItemLedgerEntry.posting_date)).where(ItemLedgerEntry.item_no == no))
    day = last - dt.timedelta(days=5)
    item_journal.post_journal(app, [{"posting_date": day.isoformat(), "entry_type": "purchase", "item_no": no,
                                     "location": "", "quantity": "5", "unit_cost": "77.00", "unit_price": "",
                                     "applies_to_entry": "", "document_no": "NEAREND"}])
    out = {}
    with app.uow() as s:
        ctx = cost_adjustment.settings_for(s)
        settings = Settings("average", ctx["period"], ctx["per_location"], ctx["first_open_date"])

        def whole():
            entries, applications, _ = cost_adjustment.read_history(s, [no])[no]
            return adjust_item(entries, applications, settings), len(entries)

        def window():
            start = period_start(day, ctx["period"])
            entries, applications, _, opening = cost_adjustment.read_window(s, [no], start, ctx["per_location"])[no]
            return adjust_item(entries, applications, settings, opening), len(entries)

        out["near_end_whole_s"], (expected, out["near_end_whole_entries_read"]) = _timed(whole)
        out["near_end_window_s"], (found, out["near_end_window_entries_read"]) = _timed(window)
        assert found == expected, "windowed adjustment differs from the whole history's"
        out["near_end_entries"] = len(found)
    out["near_end_adjust_s"], run = _timed(lambda: cost_adjustment.adjust(app))
    out["near_end_adjust_entries_created"] = run.entries_created
    return out


def _read_unposted(app: App, ve) -> int:
    """The same SELECT post-to-G/L runs, in the same batches, rows fetched and dropped."""
    rows, after = 0, 0
    with app.engine.connect() as conn:
        while True:
            batch = conn.execute(select(*(ve.c[c] for c in cost_posting._COLUMNS))
                                 .where(ve.c.cost_amount_actual != ve.c.cost_posted_to_gl, ve.c.entry_no > after)
                                 .order_by(ve.c.entry_no).limit(20000)).all()
            if not batch:
                return rows
            rows, after = rows + len(batch), batch[-1].entry_no


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", nargs="?", default="run", choices=["run", "measure"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--url")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true",
                        help="start from the kept history of the same sizes if there is one; keep a new one")
    parser.add_argument("--no-post", action="store_true", help="skip step 4 (post-to-G/L)")
    args = parser.parse_args()
    if args.command == "measure":
        print(json.dumps(measure(args.url, post=not args.no_post)))
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-costing-"))
    for kind in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        report = {"db": kind, "entries": args.entries, "items": args.items, "big": args.big}
        stamp = template_stamp(kind) if args.reuse else None
        if stamp and {k: stamp.get(k) for k in ("entries", "items", "big")} == \
                {k: report[k] for k in ("entries", "items", "big")}:
            url = copy_template(kind, workdir)
            report.update(stamp["generated"], reused=True)
        else:
            url = fresh_database(kind, workdir)
            report.update(generate(url, args.entries, args.items, args.big))
            if args.reuse:
                keep_template(kind, url, {**{k: report[k] for k in ("entries", "items", "big")},
                                          "generated": {"generate_s": report["generate_s"], "rows": report["rows"]}})
        done = subprocess.run([sys.executable, __file__, "measure", "--url", url]
                              + (["--no-post"] if args.no_post else []), capture_output=True, text=True, check=True)
        report.update(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
