"""Printing results: rich tables for people, JSON for scripts, problems as ``CODE message``.

JSON numbers are strings with every digit kept (Decimal never becomes float),
dates are ISO 8601; JSON is written with plain ``print``: never wrapped, never
coloured. Problems go to stderr, one line per problem, ``CODE message``.

A rich Console wraps at the terminal's width and, when its output is not a
terminal, at 80 columns, which would break "one line per problem" and cut
table cells in a pipe. Here a console that does not write to a terminal is as
wide as its content: a pipe or a file gets every line whole and tables at
their natural width (colour is off there too, as rich does for non-terminals).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from rich.console import Console, ConsoleDimensions
from rich.table import Table
from rich.text import Text

#: the width of a console that does not write to a terminal: nothing real is that wide
UNWRAPPED = 100_000


class _Console(Console):
    @property
    def size(self) -> ConsoleDimensions:
        if self.is_terminal:
            return super().size
        return ConsoleDimensions(UNWRAPPED, 25)

    @size.setter
    def size(self, new_size) -> None:
        Console.size.fset(self, new_size)


console = _Console()
errors = _Console(stderr=True)


def _plain(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(data) -> str:
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


def emit(rows: list[dict] | dict, as_json: bool, title: str | None = None) -> None:
    """``rows`` as JSON, or as a table whose cells are text, never read as rich markup (a vendor's
    "[link=...]" or "[bold]" shows as printed)."""
    if as_json:
        print(to_json(rows))
        return
    if isinstance(rows, dict):
        table = Table(title=title, show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        for key, value in rows.items():
            if not isinstance(value, (list, dict)):
                table.add_row(key, Text(cell(value)))
        console.print(table)
        return
    if not rows:
        console.print(f"[dim]{title or 'result'}: no rows[/dim]")
        return
    table = Table(title=title)
    for key in rows[0]:
        numeric = isinstance(rows[0][key], (Decimal, int)) and not isinstance(rows[0][key], bool)
        table.add_column(key, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(Text(cell(v)) for v in row.values()))
    console.print(table)


def cell(value) -> str:
    """One value as a table cell: blank for None, thousands separators, yes/no."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, ",f")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(_plain(value))


def one_line(text: str) -> str:
    """``text`` on one line: line breaks (a database driver's message has them) become spaces."""
    return re.sub(r"\s*[\r\n]+\s*", " ", str(text)).strip()


def problem(code: str, message: str, prefix: str = "", style: str = "red") -> None:
    """One problem on stderr: ``[prefix]CODE message``, on one line, whatever the message holds
    (it is printed as text, never read as rich markup)."""
    message = one_line(message)
    if message == code or message.startswith((f"{code}:", f"{code} ")):
        message = message[len(code):].lstrip(": ")  # a text that repeats its code says it once
    line = Text(prefix)
    line.append(code, style=style)
    if message:
        line.append(" " + message)
    errors.print(line, soft_wrap=True, highlight=False)


def problems(rejected, language: str = "en", prefix: str = "", style: str = "red") -> None:
    for p in rejected.problems:
        problem(p.code, p.message(language), prefix, style)


def note(text: str) -> None:
    """A line for people on stderr around problems (never read as markup, never wrapped)."""
    errors.print(Text(one_line(text)), soft_wrap=True, highlight=False)


def show_progress() -> bool:
    """Progress bars go to stderr (``errors``), and only when it is a terminal: piped or
    redirected output stays one line per result, with no bar drawn into it."""
    return errors.is_terminal
