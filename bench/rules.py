"""The text-layer field rules (ocr/fields.py and what it calls): CPU cost per document, and
a dump of every proposal to compare two checkouts.

Two sets: the 50 own samples (tests/fixtures/ocr_samples.py, seeds 1-25 in nb and nl,
layout = seed % 2), generated here, and the ZUGFeRD corpus PDFs (../shared/corpus/zugferd)
read from their text layer (``use_embedded=False``).

``--dump FILE`` writes, per document, the checked proposal as ocr/serial.py sends it (fields
with values, confidences and sources, lines, VAT groups, problems, source kind), the anchors
learned from its own learnable fields (ocr/learned.py ``learn``) and the proposal read again
with those anchors as its vendor's layout (``apply``). Dump before and after a change and
diff the two files: a change that only makes the rules faster leaves them identical.

``--time`` gives CPU ms per document (``time.thread_time``, this thread, warm: every set is
run once before it is timed) of the rules alone (``group_lines``, ``extract_fields`` and
``check`` on words read beforehand, as ``ocr.pipeline`` runs them) and of the whole ``proposal_from_pdf``.

Run: .venv/bin/python -m bench.rules [--dump FILE] [--time] [--repeat 3] [--profile FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocr import learned, pdf, pipeline, serial  # noqa: E402
from ocr.checks import check  # noqa: E402
from ocr.fields import extract_fields  # noqa: E402
from ocr.layout import group_lines  # noqa: E402
from ocr.safety import Limits  # noqa: E402
from tests.fixtures.ocr_samples import render_pdf, sample  # noqa: E402

CORPUS = Path("/work/shared/corpus/zugferd")
HINT = {"nb": "NO", "nl": "NL"}
#: the identifiers a learned layout is found by (ocr/pipeline.py)
IDENTIFIERS = ("vendor_org_no", "vendor_vat_id", "vendor_iban", "vendor_account_no", "vendor_kvk")


def documents() -> dict[str, list[tuple[str, bytes, str | None]]]:
    """(name, PDF bytes, country hint) of the own samples and of the corpus."""
    own = [(f"own/{lang}-{seed}", render_pdf(sample(seed, lang), layout=seed % 2), HINT[lang])
           for lang in ("nb", "nl") for seed in range(1, 26)]
    corpus = [(str(p.relative_to(CORPUS)), p.read_bytes(), None) for p in sorted(CORPUS.rglob("*.pdf"))]
    return {"own": own, "corpus": corpus}


def _record(data: bytes, hint: str | None) -> dict:
    limits = Limits()
    first = pipeline.extract_bytes(data, "x.pdf", limits, hint, use_embedded=False)
    out = {"proposal": json.loads(serial.dumps_result(first))}
    learn = {f: first.value(f) for f in learned.LEARNABLE if first.value(f)}
    taught = pipeline.extract_bytes(data, "x.pdf", limits, hint, use_embedded=False, learn=learn)
    out["learned"] = taught.learned
    key = next((first.value(n) for n in IDENTIFIERS if first.value(n)), None)
    if key and taught.learned:
        layouts = {"".join(ch for ch in key if ch.isalnum()).upper(): taught.learned}
        again = pipeline.extract_bytes(data, "x.pdf", limits, hint, use_embedded=False, layouts=layouts)
        out["by_layout"] = json.loads(serial.dumps_result(again))
    return out


def dump(target: Path) -> None:
    result = {name: _record(data, hint) for docs in documents().values() for name, data, hint in docs}
    target.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))
    print(f"{len(result)} documents -> {target}")


def _rules(items: list[tuple[dict, str | None]]) -> None:
    for words, hint in items:
        lines = group_lines([w for i in sorted(words) for w in words[i]])
        check(extract_fields(lines, "text", hint, frozenset()), hint)


def _whole(docs: list[tuple[str, bytes, str | None]]) -> None:
    for _name, data, hint in docs:
        pipeline.proposal_from_pdf(data, Limits(), hint, frozenset(), use_embedded=False)


def _cpu_ms(fn, arg, n: int, repeat: int) -> float:
    fn(arg)  # warm
    best = None
    for _ in range(repeat):
        start = time.thread_time()
        fn(arg)
        spent = (time.thread_time() - start) * 1000 / n
        best = spent if best is None else min(best, spent)
    return best


def timing(repeat: int, profile: str | None) -> None:
    for set_name, docs in documents().items():
        words = [(pdf.read_text(data, Limits()).words, hint) for _n, data, hint in docs]
        rules = _cpu_ms(_rules, words, len(docs), repeat)
        whole = _cpu_ms(_whole, docs, len(docs), 1)
        print(f"{set_name:7s} {len(docs):3d} docs  rules {rules:6.2f} ms/doc  proposal_from_pdf {whole:6.2f} ms/doc")
        if profile:
            import cProfile

            cProfile.runctx("_rules(words)", globals(), {"words": words}, f"{profile}.{set_name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--time", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", help="write cProfile stats of the rules to PROFILE.own / .corpus")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
    if args.time or args.profile:
        timing(args.repeat, args.profile)


if __name__ == "__main__":
    main()
