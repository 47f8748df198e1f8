"""Run extraction of untrusted files in resource-limited child processes.

A hostile PDF can make a parser allocate without bound, loop, or crash in C.
Each document therefore runs in a worker process (``python -m ocr.worker``)
with its own address-space and CPU limits under a wall-clock timeout kept by
the parent. Starting Python and importing pdfminer/pdfium costs far more than
reading a typical invoice, so workers are long-lived: a small pool, each
taking one job at a time over its stdin/stdout. A worker that times out, dies
or runs out of memory is killed (by its own pid) and replaced; the problem is
returned as a value (``INTAKE-TIMEOUT``, ``INTAKE-MEMORY-LIMIT``,
``INTAKE-PARSER-CRASH``) and the rest of the batch goes on. Results come back
as JSON with exact Decimals (ocr/serial.py), never as pickle.
"""

from __future__ import annotations

import atexit
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from domain.problems import Problem
from ocr import codes
from ocr.proposal import Proposal
from ocr.safety import Limits, precheck
from ocr.serial import dumps_job, loads_result
from ocr.worker import HEADER

_GRACE_S = 2.0
_MAX_RESULT = 64 * 1024 * 1024


class _Dead(Exception):
    pass


class _Worker:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ocr.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=env, close_fds=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, data: bytes) -> None:
        self.process.stdin.write(HEADER.pack(len(data)) + data)
        self.process.stdin.flush()

    def _read(self, n: int, deadline: float) -> bytes:
        fd, chunks, got = self.process.stdout.fileno(), [], 0
        while got < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, min(n - got, 1 << 20))
            if not chunk:
                raise _Dead
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def receive(self, timeout_s: float) -> bytes:
        deadline = time.monotonic() + timeout_s
        size = HEADER.unpack(self._read(HEADER.size, deadline))[0]
        if size > _MAX_RESULT:
            raise _Dead
        return self._read(size, deadline + _GRACE_S)

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class WorkerPool:
    """A fixed number of worker processes; ``run`` waits for a free one."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size or max(1, os.cpu_count() or 1)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(self.size):
            self._idle.put(_Worker())

    def run(self, path: Path, limits: Limits, country_hint: str | None,
            buyer_ids: frozenset[str], options: dict | None = None) -> Proposal | Problem:
        worker = self._idle.get()
        if not worker.alive():
            worker.stop()
            worker = _Worker()
        try:
            worker.send(dumps_job(str(path), limits, country_hint, buyer_ids, options or {}))
            result = loads_result(worker.receive(limits.timeout_s))
        except TimeoutError:
            worker.stop()
            self._idle.put(_Worker())
            return Problem(codes.INTAKE_TIMEOUT, None, {"timeout_s": limits.timeout_s})
        except (_Dead, BrokenPipeError, OSError, ValueError):
            return self._died(worker, limits)
        if isinstance(result, Problem) and result.code == codes.INTAKE_MEMORY_LIMIT:
            worker.stop()  # it exits after a MemoryError; never hand it another job
            worker = _Worker()
        self._idle.put(worker)
        return result

    def _died(self, worker: _Worker, limits: Limits) -> Problem:
        try:
            code = worker.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        worker.stop()
        self._idle.put(_Worker())
        if code == -signal.SIGXCPU:
            return Problem(codes.INTAKE_TIMEOUT, None, {"timeout_s": limits.timeout_s, "cpu": True})
        if code == -signal.SIGKILL:  # the kernel's OOM killer
            return Problem(codes.INTAKE_MEMORY_LIMIT, None, {"memory_mb": limits.memory_mb})
        return Problem(codes.INTAKE_PARSER_CRASH, None, {"exitcode": code})

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def default_pool() -> WorkerPool:
    """The process-wide pool, created on first use (no work at import time)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool()
            atexit.register(_pool.close)
        return _pool


def extract_in_subprocess(path: Path, limits: Limits = Limits(), country_hint: str | None = None,
                          buyer_ids: frozenset[str] = frozenset(), pool: WorkerPool | None = None,
                          **options) -> Proposal | Problem:
    """Checked proposal for ``path``, or the Problem that stopped it; never raises for bad files.

    The cheap checks (size, type, symlink) run here in the parent; everything
    that parses runs in a pool worker under ``limits``. ``options`` are passed
    to :func:`ocr.pipeline.extract_file` (``use_embedded``, ``force_ocr``).
    """
    problem = precheck(Path(path), limits)
    if problem is not None:
        return problem
    return (pool or default_pool()).run(Path(path), limits, country_hint, buyer_ids, options)
