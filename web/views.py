"""Rendering: the Jinja2 environment of templates/web/ (autoescape always on), the
locale formats bound to the reader's language, and the refusal page."""

from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from domain.messages import render_problem
from domain.messaging import formats
from domain.messaging.outbox import templates_dir
from domain.problems import Problem
from web import texts


@functools.cache
def environment() -> Environment:
    # autoescape for every template, whatever its name: vendor text is attacker-controlled
    return Environment(loader=FileSystemLoader(templates_dir() / "web"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class Formats:
    """Amounts, quantities, dates and words in one language, for the templates."""

    def __init__(self, language: str):
        self.language = language if language in texts.LANGUAGES else "en"

    def amount(self, value) -> str:
        return formats.amount(value, self.language)

    def number(self, value) -> str:
        return formats.number(value, self.language)

    def date(self, value) -> str:
        return formats.date(value, self.language)

    def moment(self, value) -> str:
        return formats.moment(value, self.language)

    def t(self, key: str, **params) -> str:
        return texts.text(self.language, key, **params)

    def problem(self, problem) -> str:
        return render_problem(problem, self.language)


def render(request: Request, template: str, language: str, status: int = 200, **context) -> HTMLResponse:
    f = Formats(language)
    context.setdefault("user", None)
    context.setdefault("csrf", "")
    html = environment().get_template(template).render(f=f, lang=f.language, **context)
    return HTMLResponse(html, status_code=status)


def refusal(request: Request, language: str, code: str, status: int, signed_in=None, csrf: str = "",
            **params) -> HTMLResponse:
    """A clear page for a refusal: the text of ``code`` and the code itself."""
    return render(request, "refused.html.j2", language, status=status, code=code,
                  message=Formats(language).problem(Problem(code, None, params)), user=signed_in, csrf=csrf)
