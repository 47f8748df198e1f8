"""What every CLI area module shares: the state of the global options, turning
refusals into a stable code and exit status 2, reading JSON and CSV files and
option values, and the ``--json`` option of the reports.

Option values that a command checks itself (dates, amounts, ``LINE=QTY``, a choice
from a fixed set) are read by the same :class:`~domain.parse.Reader` as an import
file, so a wrong value gets the same problem code on the command line as in a
file, and exit status 2 (a refusal), not 64 (a command line click cannot parse).

CLI area modules import this module and :mod:`flows.cli.apps`, never each other.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import string
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

import typer

from domain.date_range import DateRange
from domain.message_texts.cli import PHRASES
from domain.messages import MESSAGES
from domain.money import MoneyError, to_decimal
from domain.parse import QTY, Reader
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.setup.queries import preferred_language
from flows import output, settings, tables

JSON = typer.Option(False, "--json", help="JSON output (numbers as strings).")
#: the options every report shares (README "Common report options"): a posting-date range and files
FROM = typer.Option(None, "--from", help="First posting date, YYYY-MM-DD (default: no limit).")
TO = typer.Option(None, "--to", help="Last posting date, YYYY-MM-DD (default: no limit).")
CSV_FILE = typer.Option(None, "--csv", help="Also write the rows to this CSV file (UTF-8, header row).")
XLSX_FILE = typer.Option(None, "--xlsx", help="Also write the rows to this Excel workbook.")

#: exit statuses: a refusal (problem codes on stderr), a command line that cannot be parsed
#: (EX_USAGE of sysexits.h), an unexpected failure
EXIT_REFUSED, EXIT_USAGE, EXIT_FAILED = 2, 64, 1


class State:
    """The global options of this run (``--db``, ``--user``), the app opened from them
    (once) and the language problems are told in."""

    db: str | None = None
    user: str | None = None
    _app = None
    _failure: DomainError | None = None
    _language: str | None = None

    @classmethod
    def reset(cls, db: str | None, user: str | None) -> None:
        if cls._app is not None:
            cls._app.dispose()
        cls.db, cls.user, cls._app, cls._failure, cls._language = db, user, None, None, None

    @classmethod
    def app(cls, migrate: bool = False, create: bool = False):
        """The App of ``--db``; only ``create`` (init, db upgrade) may create a SQLite file."""
        if cls._app is None:
            if cls._failure is not None and not (create or migrate):
                raise cls._failure  # the database cannot be opened: do not wait for it twice
            try:
                cls._app = settings.open_app(settings.load(cls.db, cls.user), migrate=migrate, create=create)
            except DomainError as exc:
                cls._failure = exc
                raise
        return cls._app

    @classmethod
    def language(cls) -> str:
        """LEDGERFLOW_LANG, else the acting user's language, else the company's, else English."""
        if cls._language is None:
            cls._language = settings.language() or cls._stored_language() or "en"
        return cls._language

    @classmethod
    def _stored_language(cls) -> str | None:
        try:
            app = cls.app()
            with app.transaction() as uow:  # reads only: rolls back
                return preferred_language(uow.session, app.user)
        except Exception:  # noqa: BLE001 - told while reporting another failure, which must not be hidden
            return None


def phrase(key: str, **params) -> str:
    """A line the CLI prints around problems, in the user's language."""
    texts = PHRASES[key]
    return (texts.get(State.language()) or texts["en"]).format(**params)


def error_text(exc: DomainError, language: str) -> str:
    """The message of a refusal raised as an error: the code's text in ``language`` when the
    error carries every value the text names, else the message it was raised with."""
    own = str(exc)
    if own.startswith(exc.code):
        own = own[len(exc.code):].lstrip(": ")
    texts = MESSAGES.get(exc.code) or {}
    template = texts.get(language) or texts.get("en")
    if template and _names(template) <= set(exc.params):
        return Problem(exc.code, exc.params.get("field"), exc.params).message(language)
    return own or Problem(exc.code, params=exc.params).message(language)


def _names(template: str) -> set[str]:
    """The values ``template`` names (``{value!r}`` names value); a malformed one names ``{``."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    except ValueError:
        return {"{"}
    return {name.split(".")[0].split("[")[0] for name in fields}


def report(refusal: DomainError | Rejected, prefix: str = "") -> None:
    """Print a refusal: one line per problem, ``[prefix]CODE message``, on stderr. A problem
    of the n-th record of a list (its field starts with ``[n]``) starts with ``#n: ``."""
    language = State.language()
    if isinstance(refusal, RejectedError):
        refusal = refusal.rejected
    if isinstance(refusal, Rejected):
        for p in refusal.problems:
            position = re.match(r"\[(\d+)\]", p.field or "")
            output.problem(p.code, p.message(language), prefix or (f"#{position[1]}: " if position else ""))
    else:
        output.problem(refusal.code, error_text(refusal, language), prefix)


def refuse(refusal: DomainError | Rejected) -> NoReturn:
    report(refusal)
    raise typer.Exit(EXIT_REFUSED)


def handle_errors(fn):
    """Turn domain refusals (raised, or a returned Rejected) into a clear message with a
    stable code and exit 2. (The root command does the same for every command, and
    turns any other failure into one line and exit 1.)"""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except DomainError as exc:
            refuse(exc)
        if isinstance(result, Rejected):
            refuse(result)
        return result

    return wrapper


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {path}", path=str(path), file=str(path)) from None
    except OSError as exc:  # a folder, no permission, a device
        raise DomainError("IMPORT-FILE-UNREADABLE", f"cannot read {path}: {exc.strerror or exc}",
                          file=str(path), error=str(exc.strerror or exc)) from None


def _read_text(path: Path, encoding_code: str) -> str:
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(encoding_code, f"{path} is not UTF-8 text (byte {exc.start})", path=str(path),
                          file=str(path), position=exc.start, reason=f"not UTF-8 text (byte {exc.start})") from None


def read_json(path: Path):
    text = _read_text(path, "IMPORT-INVALID-JSON")
    try:
        return json.loads(text, parse_float=Decimal)
    except RecursionError:
        raise DomainError("IMPORT-INVALID-JSON", f"{path}: nested too deeply", path=str(path), file=str(path),
                          reason="nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer longer than Python reads
        raise DomainError("IMPORT-INVALID-JSON", f"{path}: {exc}", path=str(path), file=str(path),
                          reason=str(exc)) from None


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """The column names and rows of a UTF-8 CSV file (a BOM is allowed)."""
    text = _read_text(path, "IMPORT-INVALID-ENCODING")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = [dict(row) for row in reader]
        return list(reader.fieldnames or []), rows
    except csv.Error as exc:
        raise DomainError("IMPORT-INVALID-CSV", f"{path}: {exc}", file=str(path), error=str(exc)) from None


def _read_option(option: str, value, read):
    r = Reader({option: value})
    result = read(r)
    if r.problems:
        raise RejectedError(Rejected(r.problems))
    return result


def option_date(option: str, value: str | None):
    """``--from 2026-13-01``: IMPORT-INVALID-DATE (or IMPORT-DATE-OUT-OF-RANGE), as in a file."""
    return _read_option(option, value, lambda r: r.date(option))


def option_period(start: str | None, end: str | None) -> DateRange:
    """``--from``/``--to`` as a posting-date range: a bad date is IMPORT-INVALID-DATE, a range
    that ends before it starts REPORT-PERIOD-REVERSED (both exit 2)."""
    r = Reader({"--from": start, "--to": end})
    first, last = r.date("--from"), r.date("--to")
    if r.problems:
        raise RejectedError(Rejected(r.problems))
    return DateRange(first, last)


def emit_report(rows: list[dict], as_json: bool, title: str, csv_file: Path | None = None,
                xlsx_file: Path | None = None) -> None:
    """A report's rows as a table (or JSON), and as CSV and XLSX files when asked."""
    write_tables(rows, title, csv_file, xlsx_file)
    output.emit(rows, as_json, title)


def write_tables(rows: list[dict], title: str, csv_file: Path | None = None, xlsx_file: Path | None = None) -> None:
    """``--csv`` and ``--xlsx``: both files are checked before either is written, and each is
    moved into place whole (flows.tables)."""
    check_targets(csv_file, xlsx_file)
    if csv_file is not None:
        tables.write_csv(rows, csv_file)
    if xlsx_file is not None:
        tables.write_xlsx(rows, xlsx_file, title)


def check_targets(*paths: Path | None) -> None:
    """Refuse a file that cannot be written (REPORT-OUT-DIR-MISSING, REPORT-OUT-IS-FOLDER) before
    anything is read, written or closed."""
    for path in paths:
        if path is not None:
            tables.check_target(path)


def option_choice(option: str, value: str | None, allowed: tuple[str, ...]):
    """``--status bogus``: IMPORT-INVALID-CHOICE, never a filter that silently matches nothing."""
    return _read_option(option, value, lambda r: r.choice(option, allowed))


def option_decimal(option: str, value: str, places: int) -> Decimal:
    """A number of at most ``places`` decimals; not a number: CLI-INVALID-OPTION."""
    try:
        to_decimal(value)
    except MoneyError:
        raise DomainError("CLI-INVALID-OPTION", f"{option} wants a number, not {value!r}",
                          option=option, value=value) from None
    return _read_decimal(option, value, places)


def _read_decimal(name: str, value: str, places: int) -> Decimal:
    return _read_option(name, value, lambda r: r.decimal(name, places=places))


def parse_pairs(values: list[str] | None, option: str = "--qty", places: int = QTY) -> dict[int, Decimal]:
    """``["1=2", "3=0.5"]`` -> ``{1: Decimal("2"), 3: Decimal("0.5")}`` (``--qty``, ``--cost``)."""
    result = {}
    for value in values or []:
        line, sep, qty = value.partition("=")
        try:
            line_no = int(line)
            to_decimal(qty)
        except (ValueError, MoneyError):
            line_no = None
        if not sep or line_no is None or not 0 < line_no < 2**31:
            raise DomainError("CLI-INVALID-OPTION", f"{option} wants LINE=NUMBER, not {value!r}",
                              option=option, value=value)
        result[line_no] = _read_decimal(f"{option} {line_no}", qty, places)
    return result


def known_refusal(exc: Exception) -> DomainError | None:
    """A database error that is a refusal with a code: a database without ledgerflow's
    tables (SETUP-NO-COMPANY) or behind its migrations (DB-NOT-UPGRADED), a value the
    database refuses (DB-VALUE-REFUSED). The unit of work has rolled back: nothing is written."""
    from sqlalchemy import exc as sa

    reason = _first_line(getattr(exc, "orig", None) or exc)
    if isinstance(exc, (sa.OperationalError, sa.ProgrammingError)):
        current, newest = _migrations()
        if current is not None and not current:
            return DomainError("SETUP-NO-COMPANY", "the database has no ledgerflow tables: run "
                                                   "`ledgerflow init --country NO|NL` first", error=reason)
        if current is not None and set(current) != set(newest):
            return DomainError("DB-NOT-UPGRADED", f"the database is at migration {', '.join(current)}, older than "
                                                  f"{', '.join(newest)}: run `ledgerflow db upgrade`",
                               current=", ".join(current), newest=", ".join(newest))
    if isinstance(exc, sa.DataError) or (
            isinstance(exc, sa.StatementError) and isinstance(exc.orig, (ValueError, TypeError))):
        return DomainError("DB-VALUE-REFUSED", f"the database refused a value, nothing was saved: {reason}",
                           error=reason)
    return None


def _migrations() -> tuple[list[str] | None, list[str]]:
    """The database's migrations ([] without ledgerflow's tables; None when it cannot say) and the newest."""
    from sqlalchemy import exc as sa
    from sqlalchemy import inspect

    import migrations

    newest = list(migrations.head_revisions())
    try:
        engine = State.app().engine
        if not inspect(engine).has_table("company"):
            return [], newest
        return list(migrations.current_revisions(engine)), newest
    except (DomainError, sa.DBAPIError):
        return None, newest


def _first_line(error) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:300]


def fail(exc: Exception) -> NoReturn:
    """An unexpected failure: one line and exit 1; LEDGERFLOW_DEBUG=1 shows the traceback."""
    error = f"{type(exc).__name__}: {_first_line(getattr(exc, 'orig', None) or exc)}"
    report(DomainError("CLI-UNEXPECTED", f"unexpected failure: {error}. Run again with LEDGERFLOW_DEBUG=1 "
                                         "to see the traceback.", error=error))
    raise typer.Exit(EXIT_FAILED)


def usage_error(command: str, detail: str) -> NoReturn:
    """A command line click cannot parse (unknown option, missing argument, a value of the
    wrong type): one coded line and exit 64."""
    report(DomainError("CLI-USAGE", f"{detail} (see '{command} --help')", detail=detail, command=command))
    raise typer.Exit(EXIT_USAGE)


def drop_none(**values) -> dict:
    """The options given (an option left out is None: the card keeps its value)."""
    return {k: v for k, v in values.items() if v is not None}
