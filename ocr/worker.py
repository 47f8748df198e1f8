"""The child side of the sandbox: ``python -m ocr.worker``, one job at a time.

A long-lived interpreter that reads length-prefixed JSON jobs on stdin and
writes length-prefixed JSON results on stdout (ocr/serial.py). Before each
job it sets its own limits: ``RLIMIT_AS`` to the job's memory budget (an
allocation bomb ends in MemoryError, not in the host's OOM killer) and the
soft ``RLIMIT_CPU`` to the CPU already used plus the job's timeout (SIGXCPU
ends a runaway parser even if the parent is slow to notice). Tesseract
children inherit both. After a MemoryError the worker answers and exits, so
the next job gets a clean heap. A separate interpreter (not multiprocessing)
means callers need no ``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import os
import resource
import struct
import sys
from pathlib import Path

MB = 1024 * 1024
HEADER = struct.Struct(">Q")


def _set_limits(memory_mb: int, timeout_s: float) -> None:
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    soft_as = memory_mb * MB if hard_as == resource.RLIM_INFINITY else min(memory_mb * MB, hard_as)
    resource.setrlimit(resource.RLIMIT_AS, (soft_as, hard_as))
    used = resource.getrusage(resource.RUSAGE_SELF)
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    soft_cpu = int(used.ru_utime + used.ru_stime + timeout_s) + 2
    if hard_cpu != resource.RLIM_INFINITY:
        soft_cpu = min(soft_cpu, hard_cpu)
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard_cpu))


def run_job(path: str, limits, country_hint, buyer_ids, options: dict):
    """(exit_after, Proposal | Problem) for one file; never raises."""
    from domain.problems import Problem
    from ocr import codes
    from ocr.pdf import Refused
    from ocr.pipeline import extract_file

    try:
        return False, extract_file(Path(path), limits, country_hint, buyer_ids, **options)
    except Refused as exc:
        return False, exc.problem
    except MemoryError:
        return True, Problem(codes.INTAKE_MEMORY_LIMIT, None, {"memory_mb": limits.memory_mb})
    except RecursionError:
        return False, Problem(codes.PDF_CORRUPT, None, {"reason": "nesting too deep"})
    except Exception as exc:  # a parser bug ends this document, not the intake
        return False, Problem(codes.INTAKE_PARSER_CRASH, None, {"error": f"{type(exc).__name__}: {exc}"[:300]})


def _read(stream, n: int) -> bytes | None:
    data = stream.read(n)
    return data if data and len(data) == n else None


def main() -> None:
    from ocr import pipeline  # noqa: F401  warm the imports once, before any job's limits
    from ocr.serial import dumps_result, loads_job

    inp, out = sys.stdin.buffer, os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the protocol
    while (head := _read(inp, HEADER.size)) is not None:
        body = _read(inp, HEADER.unpack(head)[0])
        if body is None:
            return
        path, limits, hint, buyer_ids, options = loads_job(body)
        _set_limits(limits.memory_mb, limits.timeout_s)
        exit_after, result = run_job(path, limits, hint, buyer_ids, options)
        try:
            data = dumps_result(result)
            out.write(HEADER.pack(len(data)) + data)
            out.flush()
        except MemoryError:
            os._exit(3)
        if exit_after:
            os._exit(0)


if __name__ == "__main__":
    main()
