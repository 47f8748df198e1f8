"""Line mapping at scale: how the cost of mapping an invoice's lines grows with the catalogue.

A fresh NO demo company (SQLite file, or with ``--db postgresql`` the PostgreSQL database
``ledgerflow_bench_mapping``) gets N extra items with varied descriptions (noun, brand,
attribute, size, pack, a model code: "Skrue Essve rustfri M8x60 pk 100 XR-2040"), ten item
references of vendor V10000 and ten learned mappings. Four 10-line invoices of V10000 are
then mapped (:func:`domain.intake.mapping.map_lines`, in a transaction rolled back after)
and registered (:func:`domain.intake.register.register`, the whole registration with its
draft, committed), each line of an invoice found the same way:

  reference    the vendor's item no. is an item reference
  learned      the line's text is a learned mapping of the vendor
  description  an item's own words, reordered or shortened (maps by similarity)
  nothing      fees and freight no item is like (the vendor's or the company's default)

A fifth row maps the description invoice right after an item was renamed (committed): the
first document after any change of an item's text reads every item again to rebuild the
index of their words (domain.intake.mapping.open_items).

Per document: CPU time of the process (``time.process_time``; on SQLite it includes the
database engine, on PostgreSQL not the server) and wall time, the median of ``--runs`` after
two warm-up runs. ``--check L`` instead compares the description match against a scan of
every item for L generated lines (variants of item descriptions and unrelated texts).

Run: .venv/bin/python -m bench.mapping [--db sqlite|postgresql] [--items 10,1000,10000] [--runs 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, text  # noqa: E402

import migrations  # noqa: E402
from domain.bootstrap import build_app  # noqa: E402
from domain.intake import item_index, mapping  # noqa: E402
from domain.intake import register as intake_register  # noqa: E402
from domain.intake import rules as intake_rules  # noqa: E402
from domain.intake.model import IncomingDocument, IncomingDocumentLine, VendorMapping  # noqa: E402
from domain.setup.initialize import initialize  # noqa: E402
from domain.setup.model.cards import Item, ItemReference, Vendor  # noqa: E402
from ocr.proposal import Field, Proposal, ProposalLine, VatGroup  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_NAME = "ledgerflow_bench_mapping"
KINDS = ("reference", "learned", "description", "nothing")

NOUNS = ("Kopipapir", "Konvolutt", "Ringperm", "Skrue", "Mutter", "Skive", "Bolt", "Kabel", "Kontakt",
         "Lyspære", "Batteri", "Toner", "Blekkpatron", "Tape", "Lim", "Saks", "Kulepenn", "Blyant",
         "Tusj", "Notatblokk", "Arbeidshanske", "Vernebriller", "Hjelm", "Støvmaske", "Kaffe",
         "Servietter", "Tørkepapir", "Toalettpapir", "Håndsåpe", "Vaskemiddel", "Søppelsekk", "Mopp",
         "Bøtte", "Kost", "Hyllebøyle", "Arkivskap", "Kontorstol", "Skrivebord", "Leselampe",
         "Skjøteledning", "Stikkontakt", "Sikring", "Kobberrør", "Rørbøy", "Kuleventil", "Pakning",
         "Hageslange", "Maling", "Pensel", "Malerrull", "Sparkel", "Silikon", "Bor", "Bitssett",
         "Sagblad", "Slipepapir", "Verktøykasse", "Hammer", "Skrutrekker", "Tang", "Fastnøkkel",
         "Vater", "Tommestokk", "Tapetkniv", "Kabelstrips", "Isolasjonstape", "Koblingsboks",
         "Lysrør", "Downlight", "Bevegelsessensor")
BRANDS = ("Bosch", "Makita", "Hultafors", "3M", "HP", "Canon", "Brother", "Esselte", "Leitz", "Pilot",
          "Bic", "Tork", "Lilleborg", "Friele", "Biltema", "Würth", "Essve", "Jotun", "Flügger",
          "Philips", "Osram", "Duracell", "Energizer", "Fiskars", "Stanley", "Wera", "Knipex",
          "Gardena", "Schneider", "Elko")
ATTRIBUTES = ("hvit", "svart", "blå", "rød", "grønn", "grå", "gul", "rustfri", "galvanisert",
              "varmforsinket", "matt", "blank", "ergonomisk", "kraftig", "kompakt", "ekstra sterk",
              "miljømerket", "resirkulert", "vannfast", "frostsikker")
SIZES = ("A4", "A3", "M6x40", "M8x60", "M10", "10 mm", "25 mm", "50 m", "1,5 mm²", "2,5 mm²", "1 kg",
         "500 g", "0,5 l", "1 l", "10 l", "60x60", "120 cm", "200 cm", "40 W", "60 W", "AA", "AAA",
         "9 V", "230 V", "str 9", "str 10", "ø32", "ø50")
PACKS = ("pk 10", "pk 25", "pk 100", "pk 500", "eske 1000", "rull", "sett", "stk", "kartong 6", "")
FEES = ("Frakt", "Fakturagebyr", "Miljøavgift", "Emballasje", "Porto og ekspedisjon", "Drivstofftillegg",
        "Småordretillegg", "Pallegebyr", "Returgebyr", "Administrasjonsgebyr")
LEARNED = ("Husleie kontor", "Renhold av lokaler", "Vakthold og alarm", "Strøm nettleie",
           "Kantineleveranse", "Parkering ansatte", "Serviceavtale kopimaskin", "Vinduspuss",
           "Avfallshåndtering", "Teknisk vedlikehold")


def descriptions(n: int, seed: int = 14) -> list[str]:
    """``n`` distinct item descriptions, the same for the same ``n`` and seed."""
    rnd, seen, out = random.Random(seed), set(), []
    while len(out) < n:
        code = f"{rnd.choice('ABCDEFGHKLMNPRSTVX')}{rnd.choice('ABCDEFGHKLMNPRSTVX')}-{rnd.randint(100, 9999)}"
        words = [rnd.choice(NOUNS), rnd.choice(BRANDS), rnd.choice(ATTRIBUTES), rnd.choice(SIZES),
                 rnd.choice(PACKS), code]
        text = " ".join(w for w in words if w)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def company(kind: str, workdir: Path, n_items: int):
    if kind == "sqlite":
        url = f"sqlite:///{workdir / f'mapping-{n_items}.db'}"
    else:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {PG_NAME}"))
        admin.dispose()
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_NAME}"
    app = build_app(url, "admin")
    migrations.upgrade(app.engine)
    initialize(app, "NO", demo=True)
    texts = descriptions(n_items)
    rows = [dict(no=f"B{i:05d}", description=t, type="inventory", base_unit_of_measure="PCS",
                 costing_method="fifo", gen_prod_posting_group="RETAIL", vat_prod_posting_group="HIGH",
                 inventory_posting_group="RESALE", vendor_no="V10000", vendor_item_no=f"V-{i:05d}")
            for i, t in enumerate(texts)]
    with app.transaction() as uow:
        for start in range(0, len(rows), 2000):
            uow.session.execute(insert(Item), rows[start:start + 2000])
        uow.session.flush()
        for i in range(10):
            uow.session.add(ItemReference(item_no=f"B{i:05d}", reference_type="vendor",
                                          reference_type_no="V10000", reference_no=f"LEV-{7000 + i}"))
            uow.session.add(VendorMapping(vendor_no="V10000", match_text=intake_rules.normalise_text(LEARNED[i]),
                                          type="gl_account", no="6540", uses=1))
        uow.commit()
    return app, texts


def variant(text: str, rnd: random.Random) -> str:
    """An item's description as a vendor might print it: words reordered, the pack left out."""
    words = text.split()
    body, code = words[:-1], words[-1]
    rnd.shuffle(body)
    return " ".join([code, *body[:4]])


def invoice_lines(kind: str, texts: list[str]) -> list[dict]:
    rnd = random.Random(kind)
    if kind == "reference":
        return [dict(description=f"Varelinje {i}", vendor_item_no=f"LEV-{7000 + i}") for i in range(10)]
    if kind == "learned":
        return [dict(description=f"{LEARNED[i]} {dt.date(2026, 11, 1 + i):%m.%Y}") for i in range(10)]
    if kind == "description":
        picks = rnd.sample(range(len(texts)), min(10, len(texts)))
        return [dict(description=variant(texts[p], rnd)) for p in (picks * 10)[:10]]
    return [dict(description=FEES[i]) for i in range(10)]


def map_once(app, kind: str, texts: list[str]) -> tuple[float, float, list[str | None]]:
    with app.transaction() as uow:
        session = uow.session
        doc = IncomingDocument(lines=[IncomingDocumentLine(line_no=i, amount=Decimal(100), **ln)
                                      for i, ln in enumerate(invoice_lines(kind, texts), start=1)])
        vendor = session.get(Vendor, "V10000")
        cpu, wall = time.process_time(), time.perf_counter()
        mapping.map_lines(session, doc, vendor, "NO")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return cpu, wall, [ln.mapped_by for ln in doc.lines]


def proposal(kind: str, texts: list[str], seq: int) -> Proposal:
    def f(value):
        return Field(value, Decimal("0.99"), "text")
    lines = [ProposalLine(quantity=Decimal(1), unit_price=Decimal(100), vat_rate=Decimal(25),
                          amount=Decimal(100), confidence=Decimal("0.99"), **ln)
             for ln in invoice_lines(kind, texts)]
    fields = dict(vendor_name=f("Kontorkompaniet AS"), vendor_org_no=f(None), invoice_no=f(f"M{seq:07d}"),
                  invoice_date=f("2026-11-20"), due_date=f("2026-12-20"), currency=f("NOK"),
                  net_amount=f("1000.00"), vat_amount=f("250.00"), gross_amount=f("1250.00"))
    return Proposal("pdf-text", 1, fields=fields, lines=lines,
                    vat_groups=[VatGroup(Decimal(25), Decimal(1000), Decimal(250))])


def register_once(app, kind: str, texts: list[str], seq: int, vendor_ids: dict) -> tuple[float, float]:
    p = proposal(kind, texts, seq)
    p.fields.update({k: Field(v, Decimal("0.99"), "text") for k, v in vendor_ids.items()})
    sha = hashlib.sha256(f"{kind}-{seq}-{time.time_ns()}".encode()).hexdigest()
    receipt = intake_register.Receipt(sha, f"{sha[:8]}.pdf", None, f"/inbox/{sha[:8]}.pdf", 1000, None)
    cpu, wall = time.process_time(), time.perf_counter()
    intake_register.register(app, receipt, p)
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(kind_db: str, n_items: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-mapping-") as tmp:
        app, texts = company(kind_db, Path(tmp), n_items)
        with app.transaction() as uow:
            v = uow.session.get(Vendor, "V10000")
            vendor_ids = {"vendor_org_no": v.org_no, "vendor_name": v.name}
        out, seq = {}, 0
        for kind in KINDS:
            maps, regs, how = [], [], None
            for r in range(runs + 2):
                cpu, wall, how = map_once(app, kind, texts)
                seq += 1
                rcpu, rwall = register_once(app, kind, texts, seq, vendor_ids)
                if r >= 2:
                    maps.append((cpu, wall))
                    regs.append((rcpu, rwall))
            out[kind] = {"map_cpu": statistics.median(c for c, _ in maps) * 1000,
                         "map_wall": statistics.median(w for _, w in maps) * 1000,
                         "reg_cpu": statistics.median(c for c, _ in regs) * 1000,
                         "reg_wall": statistics.median(w for _, w in regs) * 1000,
                         "how": sorted({h or "-" for h in how})}
        cold = []
        for r in range(max(3, runs // 3)):  # an item renamed: the next document reads the index afresh
            with app.transaction() as uow:
                uow.session.get(Item, "B00001").description = f"{texts[1]} v{r}"
                uow.commit()
            cpu, wall, how = map_once(app, "description", texts)
            cold.append((cpu, wall))
        out["description, first after an item change"] = {
            "map_cpu": statistics.median(c for c, _ in cold) * 1000,
            "map_wall": statistics.median(w for _, w in cold) * 1000, "reg_cpu": float("nan"),
            "reg_wall": float("nan"), "how": sorted({h or "-" for h in how})}
        app.dispose()
    return out


def outcome(no: str | None, score: int) -> tuple[str | None, int] | None:
    """What mapping does with a match: nothing below the doubt score (map_lines)."""
    return (no, score) if score >= mapping.ITEM_DOUBT else None


def decision(found: tuple[str | None, int] | None) -> object:
    """The item at ITEM_SCORE or more (None: two as close), or a doubt, or nothing."""
    return None if found is None else found if found[1] >= mapping.ITEM_SCORE else "doubt"


def check(n_items: int, n_lines: int) -> tuple[int, int, int, list[tuple[str, object, object]]]:
    """(lines, lines whose outcome (item and score at ITEM_DOUBT or more) equals a scan of every
    item's, lines whose decision (an item, a doubt, nothing) does, the differences)."""
    texts = descriptions(n_items)
    items = {f"B{i:05d}": intake_rules.normalise_text(t) for i, t in enumerate(texts)}
    index = item_index.item_text_index(items)
    rnd, same, decided, differ = random.Random(99), 0, 0, []
    for k in range(n_lines):
        base = texts[rnd.randrange(len(texts))]
        choice = k % 5
        if choice == 0:
            line = variant(base, rnd)
        elif choice == 1:  # a typo in one word
            words = base.split()
            w = rnd.randrange(len(words))
            if len(words[w]) > 3:
                cut = rnd.randrange(1, len(words[w]) - 1)
                words[w] = words[w][:cut] + words[w][cut + 1:]
            line = " ".join(words)
        elif choice == 2:  # two words of an item
            line = " ".join(rnd.sample(base.split(), 2))
        elif choice == 3:  # three words of an item, one with a typo, and a word of the vendor's own
            words = rnd.sample(base.split()[:-1], 3)
            w = max(words, key=len)
            if len(w) > 2:
                cut = rnd.randrange(1, len(w) - 1)
                words[words.index(w)] = w[:cut] + rnd.choice("aeiorst") + w[cut + 1:]
            line = " ".join(words + [rnd.choice(("levert", "iht. avtale", "restordre", "kampanje"))])
        else:
            line = rnd.choice(FEES + LEARNED)
        key = intake_rules.normalise_text(line)
        full = outcome(*item_index.similar_item(items, key))
        fast = outcome(*item_index.similar_item(index, key))
        same += full == fast
        decided += decision(full) == decision(fast)
        if full != fast:
            differ.append((line, full, fast))
    return n_lines, same, decided, differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--items", default="10,1000,10000")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--check", type=int, default=0, help="compare with a full scan over L lines")
    args = parser.parse_args()
    sizes = [int(x) for x in args.items.split(",")]
    if args.check:
        for n in sizes:
            lines, same, decided, differ = check(n, args.check)
            print(f"{n:,} items, {lines} lines: {same} with the outcome (item, score) of a scan of every item, "
                  f"{decided} with its decision (an item, a doubt, nothing); load {os.getloadavg()[0]:.1f}")
            for d in differ[:20]:
                print("   ", d)
        return
    print(f"{args.db}, load {os.getloadavg()[0]:.1f} at the start, median of {args.runs} runs, ms per document:")
    print("| items | invoice lines found by | map CPU | map wall | register CPU | register wall | mapped by |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        for kind, r in measure(args.db, n, args.runs).items():
            print(f"| {n:,} | {kind} | {r['map_cpu']:.2f} | {r['map_wall']:.2f} | {r['reg_cpu']:.1f} | "
                  f"{r['reg_wall']:.1f} | {', '.join(r['how'])} |", flush=True)
    print(f"load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
