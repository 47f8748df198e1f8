"""Extraction accuracy benchmark: per field correct / wrong / abstained.

Sets (see docs/bench-extraction.md):
  corpus-text   ZUGFeRD/Factur-X PDFs of /work/shared/corpus read from their text layer
                (embedded XML ignored), scored against <name>.truth.json
  corpus-scan   the same PDFs rasterised at 300 dpi, rotated 0.5 deg, noised, JPEG
                (made here, at benchmark time, never stored), read by OCR
  corpus-xml    the embedded CII of the same PDFs, scored against truth.json, and the
                UBL/EHF examples, scored against an independent namespace-path reading
  own-text      generated nb/nl invoices (tests/fixtures/ocr_samples.py), text layer
  own-scan      the same generated invoices, scanned as above
  extra-text    a further real corpus (invoice2data's tests/compare, --extra DIR; not stored here:
  extra-scan    bench/extraction_extra.py), text layer / scanned as above; not in the default sets
A field whose truth is null is not scored (the truth cannot judge it); a value
given there is counted as "unverifiable". Amounts compare as Decimal to 2 places.

Run: .venv/bin/python -m bench.extraction [--sets corpus-text,own-text] [--errors | --misses] [--no-timing]
     [--write-doc]
--errors lists every wrong value, --misses also every abstention (with the truth, and whether
the truth fails its own check digit), one line per document and field.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain import identifiers as ids  # noqa: E402
from ocr.parsing import find_amounts, find_dates  # noqa: E402
from ocr.pdf import Refused  # noqa: E402
from ocr.pipeline import extract_bytes  # noqa: E402
from ocr.proposal import Proposal  # noqa: E402
from bench.extraction_extra import extra_pdfs, extra_truth  # noqa: E402
from tests.fixtures.ocr_samples import render_pdf, sample, scan  # noqa: E402

CORPUS = Path("/work/shared/corpus")
CORE = ("vendor_id", "invoice_no", "invoice_date", "due_date", "currency", "net_amount", "vat_amount",
        "gross_amount", "account", "payment_reference")
_AMOUNT = {"net_amount", "vat_amount", "gross_amount"}
DOC = Path(__file__).resolve().parents[1] / "docs" / "bench-extraction.md"


def predicted(p: Proposal | None) -> dict[str, str | None]:
    if p is None:
        return {k: None for k in CORE}
    out = {k: p.value(k) for k in CORE if k in p.fields}
    out["vendor_id"] = p.value("vendor_vat_id") or p.value("vendor_org_no") or p.value("vendor_kvk")
    out["account"] = p.value("vendor_iban") or p.value("vendor_account_no")
    return {k: out.get(k) for k in CORE}


def _norm(field: str, value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if field in _AMOUNT:
        try:
            return f"{Decimal(text):.2f}"
        except InvalidOperation:
            return text
    if field in ("vendor_id", "account", "payment_reference"):
        compact = "".join(text.split()).upper()
        return "NO" + compact if field == "vendor_id" and compact[:9].isdigit() and compact.endswith("MVA") \
            else compact
    return text


def _vendor_id_alternatives(truth: dict) -> set[str]:
    """The truth's vendor VAT id; for NO also the org.nr inside it (either one is the vendor)."""
    vat = _norm("vendor_id", truth.get("vendor_id"))
    alts = {vat} if vat else set()
    if vat and vat.startswith("NO") and vat.endswith("MVA"):
        alts.add(vat[2:-3])
    return alts


def printed(field: str, value: str, page_text: str) -> bool:
    """Whether the page's text prints the (normalised) ``value`` of ``field`` anywhere, in any
    of the number or date formats the extractor reads. Used only to explain a wrong value
    ("the page prints another value than the truth"), never to score."""
    if field in _AMOUNT:
        return any(f"{abs(a.value):.2f}" == value.lstrip("-") for a in find_amounts(page_text))
    if field in ("invoice_date", "due_date"):
        return any(d.value.isoformat() == value for month_first in (False, True)
                   for d in find_dates(page_text, month_first))
    return re.sub(r"[\s.]", "", value).upper() in re.sub(r"[\s.]", "", page_text).upper()


def score(pred: dict, truth: dict, tally: dict, misses: list[str] | None = None,
          page_text: str | None = None) -> list[str]:
    """Tally one document; returns its wrong values (and adds its abstentions to ``misses``).
    With ``page_text`` (text-layer sets) a wrong value whose truth the page does not print
    is also counted as "wrong, truth not printed"."""
    errors = []
    for field in CORE:
        t, p = _norm(field, truth.get(field)), _norm(field, pred.get(field))
        if t is None:
            tally[field]["n/a"] += 1
            tally[field]["unverifiable"] += p is not None
            continue
        if p is None:
            tally[field]["abstained"] += 1
            invalid = not _valid_truth(field, t)
            tally[field]["abstained-invalid-truth"] += invalid
            if misses is not None:
                misses.append(f"{field}: abstained, truth {t!r}{' (fails its check)' if invalid else ''}")
        elif p == t or (field == "vendor_id" and p in _vendor_id_alternatives(truth)):
            tally[field]["correct"] += 1
        else:
            tally[field]["wrong"] += 1
            absent = page_text is not None and not printed(field, t, page_text)
            tally[field]["wrong-not-printed"] += absent
            errors.append(f"{field}: got {p!r}, truth {t!r}{' (the page does not print the truth)' if absent else ''}")
    return errors


def _valid_truth(field: str, value: str) -> bool:
    try:
        if field == "vendor_id":
            ids.vat_id(value)
        elif field == "account":
            ids.iban(value) if value[:2].isalpha() else ids.no_bank_account(value)
        elif field == "payment_reference" and value.isdigit():
            try:
                ids.kid(value)
            except ids.IdentifierError:
                ids.betalingskenmerk(value)
        return True
    except ids.IdentifierError:
        return False


def corpus_truth(path: Path) -> dict:
    t = json.loads(path.with_suffix(".truth.json").read_text())
    return {"vendor_id": t["vendor_vat_id"], "invoice_no": t["invoice_number"], "invoice_date": t["invoice_date"],
            "due_date": t["due_date"], "currency": t["currency"], "net_amount": t["net_total"],
            "vat_amount": t["vat_total"], "gross_amount": t["gross_total"], "account": t["vendor_iban"],
            "payment_reference": t["payment_reference"]}


def _run(data: bytes, name: str, **kw) -> tuple[Proposal | None, float]:
    start = time.perf_counter()
    try:
        p = extract_bytes(data, name, **kw)
    except Refused:
        p = None
    return p, time.perf_counter() - start


def _run_pooled(items: list[tuple[str, bytes]], **options) -> list[tuple[Proposal | None, float]]:
    """Extract in the production sandbox, two worker processes in parallel (pdfium is not
    thread-safe, so parallel work must be in processes, never in threads of one process)."""
    from ocr.sandbox import WorkerPool, extract_in_subprocess

    pool = WorkerPool(size=2)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        paths = []
        for i, (name, data) in enumerate(items):
            path = Path(tmp) / f"{i:04d}-{Path(name).name}"
            path.write_bytes(data)
            paths.append(path)

        def one(path: Path):
            start = time.perf_counter()
            result = extract_in_subprocess(path, pool=pool, **options)
            return (result if isinstance(result, Proposal) else None), time.perf_counter() - start
        with ThreadPoolExecutor(max_workers=2) as threads:
            results = list(threads.map(one, paths))
    pool.close()
    return results


def corpus_pdfs() -> list[Path]:
    return sorted(p for p in (CORPUS / "zugferd").rglob("*.pdf") if p.with_suffix(".truth.json").exists())


def set_corpus(kind: str, extra: Path | None = None) -> list[tuple[str, dict, dict, float]]:
    """corpus-text|scan|xml; extra-text|scan: the further real corpus in ``extra`` (bench/extraction_extra.py)."""
    paths = extra_pdfs(extra) if kind.startswith("extra") else corpus_pdfs()
    truth_of = extra_truth if kind.startswith("extra") else corpus_truth
    root = extra.parent if kind.startswith("extra") else CORPUS
    if kind.endswith("-scan"):
        items = [(p.name, scan(p.read_bytes(), seed=len(p.name))) for p in paths]
        runs = _run_pooled(items, use_embedded=False)
    else:
        runs = [_run(p.read_bytes(), p.name, use_embedded=(kind == "corpus-xml")) for p in paths]
    out = [(str(path.relative_to(root)), predicted(p), truth_of(path), secs)
           for path, (p, secs) in zip(paths, runs)]
    if not kind.endswith("-xml"):  # a scan is of the same page
        PAGE_TEXT.update({name: _page_text(path) for (name, *_), path in zip(out, paths)})
    return out


#: the text layer of the corpus documents (and so of their scans), by result name (explains wrong values)
PAGE_TEXT: dict[str, str] = {}


def _page_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


_UBL = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"}


def ubl_truth(path: Path) -> dict:
    """Independent reading of the UBL file with explicit namespace paths (not ocr/ubl.py)."""
    root = ET.parse(path).getroot()

    def t(xpath):
        node = root.find(xpath, _UBL)
        return node.text.strip() if node is not None and node.text else None
    party = "cac:AccountingSupplierParty/cac:Party/"
    currency = t("cbc:DocumentCurrencyCode")
    vat = next((n.text for tt in root.findall("cac:TaxTotal", _UBL)
                for n in tt.findall("cbc:TaxAmount", _UBL) if n.get("currencyID") == currency), None)
    return {"vendor_id": t(party + "cac:PartyTaxScheme/cbc:CompanyID"), "invoice_no": t("cbc:ID"),
            "invoice_date": t("cbc:IssueDate"),
            "due_date": t("cbc:DueDate") or t("cac:PaymentMeans/cbc:PaymentDueDate"), "currency": currency,
            "net_amount": t("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"), "vat_amount": vat,
            "gross_amount": t("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"),
            "account": t("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
            "payment_reference": t("cac:PaymentMeans/cbc:PaymentID")}


def set_ubl() -> list[tuple[str, dict, dict, float]]:
    out = []
    files = sorted((CORPUS / "peppol-bis-3").rglob("*.xml")) + sorted((CORPUS / "ehf").rglob("*.xml"))
    for path in files:
        if path.name == "sales-order-example.xml" or "Order" in ET.parse(path).getroot().tag:
            continue
        p, secs = _run(path.read_bytes(), path.name)
        out.append((str(path.relative_to(CORPUS)), predicted(p), ubl_truth(path), secs))
    return out


def set_own(kind: str, n: int) -> list[tuple[str, dict, dict, float]]:
    jobs = []
    for language in ("nb", "nl"):
        for seed in range(n):
            s = sample(1000 + seed, language)
            jobs.append((f"{language}-{seed}", s, seed))

    items, truths = [], []
    for name, s, seed in jobs:
        data = render_pdf(s, layout=seed % 2, dstyle=(seed // 2) % 2, mstyle=(seed // 4) % 2)
        items.append((name + ".pdf", scan(data, seed=seed) if kind == "own-scan" else data))
        t = s.truth()
        truths.append({"vendor_id": t["vendor_vat_id"], "account": t["vendor_iban"] or t["vendor_account_no"],
                       **{k: t[k] for k in CORE if k in t}})
    runs = _run_pooled(items) if kind == "own-scan" else [_run(data, name) for name, data in items]
    return [(name, predicted(p), truth, secs) for (name, _), truth, (p, secs) in zip(items, truths, runs)]

def timing(n_docs: int = 40) -> dict[str, float]:
    """Raw pdfplumber word extraction vs. our end-to-end sandboxed extraction, text PDFs."""
    import pdfplumber

    from ocr.safety import Limits
    from ocr.sandbox import WorkerPool, extract_in_subprocess

    paths = corpus_pdfs()[:n_docs]
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
    raw = time.perf_counter() - start
    pool = WorkerPool(size=1)
    extract_in_subprocess(paths[0], Limits(), pool=pool, use_embedded=False)  # warm the worker
    start = time.perf_counter()
    for path in paths:
        extract_in_subprocess(path, Limits(), pool=pool, use_embedded=False)
    ours = time.perf_counter() - start
    pool.close()
    return {"docs": len(paths), "raw_s": raw, "ours_s": ours, "ratio": ours / raw}


def summarise(results) -> tuple[dict, list[str], list[str]]:
    """(tally, wrong values, abstentions), the last two one line per field: "<document>: <field>: ..."."""
    tally: dict = defaultdict(Counter)
    errors, misses = [], []
    for name, pred, truth, _secs in results:
        found: list[str] = []
        errors += [f"{name}: {e}" for e in score(pred, truth, tally, found, PAGE_TEXT.get(name))]
        misses += [f"{name}: {m}" for m in found]
    return tally, errors, misses


def table(title: str, tally: dict, results) -> list[str]:
    rows = [f"### {title} ({len(results)} documents, median {_median([r[3] for r in results]):.2f} s/doc)", "",
            "| field | scored | correct | wrong | (wrong, page does not print the truth) | abstained "
            "| (abstained, truth fails its check) | unverifiable |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    explained = any(r[0] in PAGE_TEXT for r in results)
    totals = Counter()
    for field in CORE:
        c = tally[field]
        scored = c["correct"] + c["wrong"] + c["abstained"]
        totals.update({k: c[k] for k in ("correct", "wrong", "wrong-not-printed", "abstained",
                                         "abstained-invalid-truth", "unverifiable")})
        totals["scored"] += scored
        rows.append(f"| {field} | {scored} | {_pct(c['correct'], scored)} | {_pct(c['wrong'], scored)} | "
                    f"{c['wrong-not-printed'] if explained else '-'} | "
                    f"{_pct(c['abstained'], scored)} | {c['abstained-invalid-truth']} | {c['unverifiable']} |")
    rows.append(f"| **all core fields** | {totals['scored']} | **{_pct(totals['correct'], totals['scored'])}** | "
                f"**{_pct(totals['wrong'], totals['scored'])}** | "
                f"{totals['wrong-not-printed'] if explained else '-'} | {_pct(totals['abstained'], totals['scored'])} | "
                f"{totals['abstained-invalid-truth']} | {totals['unverifiable']} |")
    return rows + [""]


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} % ({n})" if d else "-"


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


SETS = ("corpus-text", "corpus-scan", "corpus-xml", "own-text", "own-scan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--own", type=int, default=25, help="generated invoices per language")
    parser.add_argument("--errors", action="store_true", help="list every wrong value")
    parser.add_argument("--misses", action="store_true", help="list every wrong value and every abstention")
    parser.add_argument("--no-timing", action="store_true", help="skip the sandbox cost measurement")
    parser.add_argument("--write-doc", action="store_true")
    parser.add_argument("--extra", type=Path, help="a further real corpus for extra-text / extra-scan")
    args = parser.parse_args()
    out = [f"Command: `.venv/bin/python -m bench.extraction {' '.join(sys.argv[1:])}`".replace("  ", " "),
           f"Machine: {machine()}", f"Date: {time.strftime('%Y-%m-%d')}", ""]
    for name in args.sets.split(","):
        started = time.perf_counter()
        if name == "corpus-xml":
            results = set_corpus("corpus-xml") + set_ubl()
        elif name.startswith(("corpus", "extra")):
            if name.startswith("extra") and args.extra is None:
                parser.error(f"{name} needs --extra DIR (invoice2data's tests/compare: bench/extraction_extra.py)")
            results = set_corpus(name, args.extra)
        else:
            results = set_own(name, args.own)
        tally, errors, misses = summarise(results)
        out += table(f"{name}, wall {time.perf_counter() - started:.0f} s", tally, results)
        if args.errors or args.misses:
            out += ["```"] + sorted(errors + (misses if args.misses else [])) + ["```", ""]
    if not args.no_timing:
        t = timing()
        out += [f"### cost: {t['docs']} corpus text PDFs, raw pdfplumber `extract_words` {t['raw_s']:.2f} s, "
                f"end-to-end sandboxed extraction {t['ours_s']:.2f} s, ratio {t['ratio']:.2f}x", ""]
    print("\n".join(out))
    if args.write_doc:
        head = DOC.read_text().split("<!-- results -->")[0] if DOC.exists() else ""
        DOC.write_text(head + "<!-- results -->\n\n" + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
