"""Per-document cost of the PEPPOL BIS 3 / EN 16931 rules the inbox runs over every incoming UBL
(flows/inbox.py check_rules): both shipped rule sets over one document, after the one-time compile.

    python bench/peppol_rules.py [--runs 50] [FILE]

Prints the first run (the stylesheets compiled, or read from the disk cache) and the median of
the next runs (the compiled rules cached in the process, as in a sweep).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from domain.compliance import schematron

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "standards" / "peppol-bis-3" / "Norwegian-example-1.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    data = args.file.read_bytes()
    start = time.perf_counter()
    report = schematron.validate(data, schematron.PEPPOL_BIS3_RULES)
    first = time.perf_counter() - start
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        schematron.validate(data, schematron.PEPPOL_BIS3_RULES)
        times.append(time.perf_counter() - start)
    print(f"{args.file.name}: {len(data)} bytes, {len(report.errors)} fatal, {len(report.warnings)} warning(s); "
          f"first run {first * 1000:.0f} ms; median of {args.runs} {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
