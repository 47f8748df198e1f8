"""User-facing text for problem codes, in English, Norwegian bokmål and Dutch.

Codes are the stable interface (scripts match on them); the text is for
people. A code without text here still shows, with its parameters.
"""

from __future__ import annotations

from domain.message_texts import cli as _cli  # noqa: F401  (adds its texts to MESSAGES)
from domain.message_texts import trade as _trade  # noqa: F401  (adds its texts to MESSAGES)
from domain.message_texts.core import MESSAGES


class _Defaulting(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_problem(problem, language: str = "en") -> str:
    texts = MESSAGES.get(problem.code)
    params = _Defaulting(problem.params)
    params.setdefault("field", problem.field or "")
    if not texts:
        detail = ", ".join(f"{k}={v}" for k, v in problem.params.items())
        where = f" [{problem.field}]" if problem.field else ""
        return f"{problem.code}{where}" + (f": {detail}" if detail else "")
    template = texts.get(language) or texts["en"]
    try:
        return template.format_map(params)
    except (ValueError, KeyError, IndexError):
        return template
