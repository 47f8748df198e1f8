"""Printing results: rich tables for people, JSON for scripts.

JSON numbers are strings with every digit kept (Decimal never becomes float),
dates are ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from rich.console import Console
from rich.table import Table

console = Console()
errors = Console(stderr=True)


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
    if as_json:
        print(to_json(rows))
        return
    if isinstance(rows, dict):
        table = Table(title=title, show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        for key, value in rows.items():
            if not isinstance(value, (list, dict)):
                table.add_row(key, cell(value))
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
        table.add_row(*(cell(v) for v in row.values()))
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


def problems(rejected, language: str = "en") -> None:
    for p in rejected.problems:
        errors.print(f"[red]{p.code}[/red] {p.message(language)}")


def show_progress() -> bool:
    """Progress bars go to stderr (``errors``), and only when it is a terminal: piped or
    redirected output stays one line per result, with no bar drawn into it."""
    return errors.is_terminal
