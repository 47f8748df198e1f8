"""Problems, rejections and domain errors (design.md section 5).

A *business rejection* is a value: ``Rejected([Problem(...)])``, every problem
at once (beancount's validations style). An *invalid command* raises a
:class:`DomainError` with a stable code. A *broken invariant* raises
:class:`InvariantViolation`, which is never caught.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One reason a document cannot go on: stable ``code``, the ``field`` concerned."""

    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def message(self, language: str = "en") -> str:
        from domain.messages import render_problem

        return render_problem(self, language)


@dataclass(frozen=True)
class Rejected:
    problems: tuple[Problem, ...]

    def __init__(self, problems):
        object.__setattr__(self, "problems", tuple(problems))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


class DomainError(Exception):
    """An invalid command, shown to the user with its stable code."""

    code = "DOMAIN-ERROR"

    def __init__(self, code: str | None = None, message: str = "", **params: Any):
        self.code = code or self.code
        self.params = params
        self.detail = message
        super().__init__(f"{self.code}: {message}" if message else self.code)

    def message(self, language: str = "en") -> str:
        """The code's text in ``language`` filled with the keyword params (the English
        ``message`` given at the raise when the code has no text)."""
        from domain.messages import MESSAGES, render_problem

        return render_problem(self, language) if self.code in MESSAGES else self.detail


class RejectedError(DomainError):
    """Raised by a service when a command is refused for business reasons."""

    def __init__(self, rejected: Rejected):
        self.rejected = rejected
        first = rejected.problems[0] if rejected.problems else Problem("REJECTED")
        super().__init__(first.code, "; ".join(p.message() for p in rejected.problems))

    def message(self, language: str = "en") -> str:
        return "; ".join(p.message(language) for p in self.rejected.problems)


class NotFound(DomainError):
    code = "NOT-FOUND"


class InvariantViolation(AssertionError):
    """A rule that must never break (an unbalanced plan, an edit of a posted row)."""
