"""Figures of simulation runs: sequences, steps, invariant checks, refusals by code.

One :class:`Figures` per database leg; the test writes it as JSON next to pytest's
temporary directories (``<basetemp root>/simulation-figures/<database>.json``, also
under pytest-xdist where each worker has its own basetemp), and the conftest prints
every file it finds at the end of the run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Figures:
    database: str
    examples: int = 0
    steps_per_sequence: int = 0
    sequences: int = 0
    steps: int = 0
    invariant_passes: int = 0
    invariant_checks: int = 0
    commands: Counter = field(default_factory=Counter)
    accepted: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    invalid_refused: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def step(self, rule: str) -> None:
        self.steps += 1
        self.commands[rule] += 1

    def refusal(self, codes: list[str], invalid: str | None = None) -> None:
        for code in codes or ["(no code)"]:
            self.refused[code] += 1
        if invalid:
            self.invalid_refused[invalid] += 1

    def as_dict(self) -> dict:
        data = asdict(self)
        for name in ("commands", "accepted", "refused", "invalid_refused"):
            data[name] = dict(sorted(getattr(self, name).items()))
        return data

    def summary(self) -> str:
        return (f"simulation [{self.database}]: {self.sequences} sequences, {self.steps} steps, "
                f"{self.invariant_passes} invariant passes ({self.invariant_checks} checks), "
                f"{sum(self.accepted.values())} commands accepted, {sum(self.refused.values())} refusals "
                f"({sum(self.invalid_refused.values())} invalid commands refused, "
                f"{len(self.invalid_refused)} kinds), {self.seconds:.0f} s")


def figures_dir(root: Path) -> Path:
    return root / "simulation-figures"


def write(figures: Figures, root: Path) -> Path:
    target = figures_dir(root)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{figures.database}.json"
    path.write_text(json.dumps(figures.as_dict(), indent=2, sort_keys=True), encoding="utf-8")
    return path


def read_all(root: Path) -> list[dict]:
    target = figures_dir(root)
    if not target.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(target.glob("*.json"))]
