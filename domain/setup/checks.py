"""The two checks every card service of the setup area shares: refuse collected problems
(nothing written), and a code that must name an existing setup row."""

from __future__ import annotations

from domain.parse import Reader
from domain.problems import Problem, Rejected, RejectedError


def refuse(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def check_exists(session, cls, key, field: str, r: Reader, code: str) -> None:
    if key and session.get(cls, key) is None:
        r.problems.append(Problem(code, field, {"code": key}))
