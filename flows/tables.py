"""Report rows to the files people open: CSV and Excel (every ``ledgerflow report`` takes
``--csv FILE`` and ``--xlsx FILE``).

- CSV: UTF-8, a header row, one row per report row; Decimal printed exactly as ``--json``
  prints it (``1234.50``, no separators, no float), dates ISO 8601, yes/no as ``true``/``false``.
- XLSX: numbers are numbers with a number format (as many decimals as the column's values
  carry, thousands separators), dates are dates, the header row is bold and frozen.
- Either file is written to a temporary file in the same folder and moved into place
  (``os.replace``): the file is whole or it is as it was; a file that cannot be written is a
  refusal with a code (REPORT-OUT-DIR-MISSING, REPORT-OUT-IS-FOLDER, REPORT-WRITE-FAILED).

Text can come from vendors' documents, so it is attacker-controlled: in the workbook it is
always a text cell (never a formula, although openpyxl reads ``=...`` as one), and in CSV a text
that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage return)
gets a leading ``'`` (OWASP "CSV injection"). Characters XML cannot hold are left out of the workbook.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from domain.problems import DomainError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_IN_XML = re.compile(r"[\000-\010\013\014\016-\037]")
_NOT_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def columns(rows: list[dict]) -> list[str]:
    """Every key of the rows, in the order they first appear."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return list(names)


def check_target(path: Path) -> Path:
    """Refuse a file that cannot be written before anything is (a missing folder, a folder)."""
    path = Path(path)
    if path.is_dir():
        raise DomainError("REPORT-OUT-IS-FOLDER", f"{path} is a folder", path=str(path))
    if not path.parent.is_dir():
        raise DomainError("REPORT-OUT-DIR-MISSING", f"no folder {path.parent}", folder=str(path.parent),
                          path=str(path))
    return path


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """``write(name of a temporary file)`` beside ``path``, then move it into place; a failure
    removes the temporary file and leaves ``path`` as it was."""
    path = check_target(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the file gets the usual mode
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise DomainError("REPORT-WRITE-FAILED", f"cannot write {path}: {exc}", path=str(path),
                          reason=exc.strerror or str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise


def write_csv(rows: list[dict], path: Path) -> None:
    names = columns(rows)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            if names:  # a report without rows has no columns to name: an empty file
                out.writerow(names)
            for row in rows:
                out.writerow([csv_text(row.get(name)) for name in names])
            f.flush()
            os.fsync(f.fileno())

    write_atomically(path, write)


def csv_text(value) -> str:
    """One value as a CSV field: what ``--json`` shows, with formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, dict)):
        value = json.dumps(value, default=str, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_xlsx(rows: list[dict], path: Path, title: str = "Report") -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = columns(rows)
    formats = {name: number_format([row.get(name) for row in rows]) for name in names}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_NOT_IN_SHEET_TITLE.sub(" ", title)[:31] or "Report")
    sheet.freeze_panes = "A2"
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(name) + 2))
    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, WriteOnlyCell, row.get(name), formats[name]) for name in names])
    write_atomically(path, book.save)


def number_format(values: list) -> str | None:
    """The format of a column: dates as dates, Decimals with their most decimals (0.00 at least
    for an amount column), integers (entry numbers) as they are."""
    places = [max(0, -v.as_tuple().exponent) for v in values
              if isinstance(v, Decimal) and v.is_finite()]
    if places:
        decimals = min(max(places), 10)
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    if any(isinstance(v, dt.datetime) for v in values):
        return "yyyy-mm-dd hh:mm:ss"
    if any(isinstance(v, dt.date) for v in values):
        return "yyyy-mm-dd"
    return None


def _cell(sheet, make, value, fmt: str | None):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)  # Excel has no time zones: UTC
    if isinstance(value, (list, dict)):
        value = json.dumps(value, default=str, ensure_ascii=False)
    text = isinstance(value, str)
    if text:
        value = _NOT_IN_XML.sub("", value)
    cell = make(sheet, value=value)
    if text:
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif fmt is not None and value is not None and not isinstance(value, bool):
        cell.number_format = fmt
    return cell


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(tmp: str | None) -> None:
    if tmp:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
