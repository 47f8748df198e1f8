"""What every CLI area module shares: the state of the global options, turning
refusals into a stable code and exit status 2, reading JSON files and
``LINE=NUMBER`` options, and the ``--json`` option of the reports.

CLI area modules import this module and :mod:`flows.cli.apps`, never each other.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path

import typer
from rich.markup import escape

from domain.money import MoneyError, to_decimal
from domain.problems import DomainError, Rejected, RejectedError
from flows import output, settings

JSON = typer.Option(False, "--json", help="JSON output (numbers as strings).")


class State:
    """The global options of this run (``--db``, ``--user``) and the app opened from them, once."""

    db: str | None = None
    user: str | None = None
    _app = None

    @classmethod
    def reset(cls, db: str | None, user: str | None) -> None:
        cls.db, cls.user, cls._app = db, user, None

    @classmethod
    def app(cls, migrate: bool = False):
        if cls._app is None:
            cls._app = settings.open_app(settings.load(cls.db, cls.user), migrate=migrate)
        return cls._app


def handle_errors(fn):
    """Turn domain refusals into a clear message with a stable code and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except RejectedError as exc:
            output.problems(exc.rejected)
            raise typer.Exit(2) from None
        except DomainError as exc:
            output.errors.print(f"[red]{exc.code}[/red] {escape(exc.message())}")
            raise typer.Exit(2) from None
        if isinstance(result, Rejected):
            output.problems(result)
            raise typer.Exit(2)
        return result

    return wrapper


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {path}", path=str(path)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DomainError("IMPORT-INVALID-JSON", f"{path}: {exc}", path=str(path), reason=str(exc)) from None


def parse_pairs(values: list[str] | None, option: str = "--qty") -> dict[int, Decimal]:
    """``["1=2", "3=0.5"]`` -> ``{1: Decimal("2"), 3: Decimal("0.5")}`` (``--qty``, ``--cost``)."""
    result = {}
    for value in values or []:
        line, sep, qty = value.partition("=")
        try:
            result[int(line)] = to_decimal(qty)
        except (ValueError, MoneyError):
            raise DomainError("CLI-INVALID-OPTION", f"{option} wants LINE=NUMBER, not {value!r}",
                              option=option, value=value) from None
        if not sep:
            raise DomainError("CLI-INVALID-OPTION", f"{option} wants LINE=NUMBER, not {value!r}",
                              option=option, value=value)
    return result
