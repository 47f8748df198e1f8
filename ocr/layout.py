"""Words with boxes grouped into lines and cells, for both text layer and OCR.

Field extraction works on geometry, not on a flat string: a label's value sits
to its right on the same line or just below it, and the buyer's address block
is a region of the page. Lines are grouped on de-skewed coordinates: the skew
is estimated from runs of words the source already knows belong together
(tesseract line ids), so a scan rotated by half a degree still yields straight
lines. A line is split into cells where the gap between words is wider than
about two character heights (table columns, "Label      Value").
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

CELL_SEP = "  "


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int = 0
    line_key: tuple | None = None  # source line id (tesseract block/par/line)
    conf: float | None = None  # OCR word confidence 0-100 (None: the text layer's own characters)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


class _once:
    """``functools.cached_property`` without its lock: computed on first read, then a plain
    attribute of the instance (a non-data descriptor is shadowed by the instance's dict)."""

    def __init__(self, fn):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class _Derived:
    """Values derived from ``words`` and ``cells`` are computed once (:class:`_once`): lines
    and cells are built whole by :func:`group_lines` and only read after. Assigning ``words``
    or ``cells`` drops them; changing those lists in place does not, so build a new list.
    (``__init__`` writes the instance's dict: nothing is derived yet, and it runs per word.)"""

    _DERIVED: tuple[str, ...] = ()

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name in ("words", "cells"):
            for key in self._DERIVED:
                self.__dict__.pop(key, None)


@dataclass(init=False)
class Cell(_Derived):
    words: list[Word]

    _DERIVED = ("text",)

    def __init__(self, words: list[Word]) -> None:
        self.__dict__["words"] = words

    @_once
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass(init=False)
class Line(_Derived):
    page: int
    y: float  # de-skewed vertical centre
    words: list[Word]
    cells: list[Cell] = field(default_factory=list)
    index: int = 0  # position in reading order over the whole document

    _DERIVED = ("text", "height", "_offsets", "_cell_starts", "_word_cells")

    def __init__(self, page: int, y: float, words: list[Word], cells: list[Cell] | None = None,
                 index: int = 0) -> None:
        self.__dict__.update(page=page, y=y, words=words, cells=[] if cells is None else cells, index=index)

    @_once
    def text(self) -> str:
        """Cells joined by two spaces, so "9  616,01" in two columns never reads as 9616,01."""
        return CELL_SEP.join(c.text for c in self.cells)

    @_once
    def _offsets(self) -> tuple[int, ...]:
        out, pos = [], 0
        for cell in self.cells:
            for w in cell.words:
                out.append(pos)
                pos += len(w.text) + 1
            pos += len(CELL_SEP) - 1
        return tuple(out)

    def word_offsets(self) -> tuple[int, ...]:
        """Start offset of each word in :attr:`text`."""
        return self._offsets

    @_once
    def _cell_starts(self) -> tuple[int, ...]:
        out, pos = [], 0
        for c in self.cells:
            out.append(pos)
            pos += len(c.text) + len(CELL_SEP)
        return tuple(out)

    def cell_span(self, ci: int) -> tuple[int, int]:
        start = self._cell_starts[ci]
        return start, start + len(self.cells[ci].text)

    @_once
    def _word_cells(self) -> tuple[int, ...]:
        return tuple(ci for ci, cell in enumerate(self.cells) for _w in cell.words)

    def cell_of_word(self, word_i: int) -> int:
        """Index of the cell holding the ``word_i``-th word (the last cell past the end)."""
        cells = self._word_cells
        return cells[max(word_i, 0)] if word_i < len(cells) else len(self.cells) - 1

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @_once
    def height(self) -> float:
        return _median([w.height for w in self.words])


def estimate_skew(words: list[Word]) -> float:
    """Median slope (dy/dx) over source lines with at least three words."""
    by_line: dict[tuple, list[Word]] = {}
    for w in words:
        if w.line_key is not None:
            by_line.setdefault(w.line_key, []).append(w)
    slopes = []
    for run in by_line.values():
        if len(run) < 3:
            continue
        first, last = min(run, key=lambda w: w.x0), max(run, key=lambda w: w.x1)
        dx = (last.x0 + last.x1) / 2 - (first.x0 + first.x1) / 2
        if dx > 50:
            slopes.append(((last.top + last.bottom) - (first.top + first.bottom)) / 2 / dx)
    return statistics.median(slopes) if slopes else 0.0


def _median(values) -> float:
    """``statistics.median`` of numbers, without its generality (the same result)."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise statistics.StatisticsError("no median for empty data")
    return data[n // 2] if n % 2 else (data[n // 2 - 1] + data[n // 2]) / 2


def _split_cells(words: list[Word]) -> list[Cell]:
    gap_limit = 1.6 * _median([w.height for w in words])
    cells = [Cell([words[0]])]
    for prev, word in zip(words, words[1:]):
        if word.x0 - prev.x1 > gap_limit:
            cells.append(Cell([word]))
        else:
            cells[-1].words.append(word)
    return cells


def _mostly_beside(height: float, y: float, line_height: float, line_y: float) -> bool:
    """A word (``height``, centre ``y``) of another font size set on the same line (its first
    word's height, its centre): a value in larger type beside a small label ("Referenz (bitte
    bei Zahlung angeben)  2013-471102") has its centre lower than the label's, but its box
    covers at least 70 % of the label's height (two text lines never overlap like that)."""
    if abs(height - line_height) < 0.2 * min(height, line_height):
        return False  # same size: the centre rule decides
    half_w, half_l = height / 2, line_height / 2
    overlap = min(y + half_w, line_y + half_l) - max(y - half_w, line_y - half_l)
    return overlap >= 0.7 * min(height, line_height)


def _page_lines(words: list[Word], page: int) -> list[Line]:
    skew = estimate_skew(words)
    keyed = sorted((((w.top + w.bottom) / 2 - skew * w.x0, w) for w in words if w.text.strip()),
                   key=lambda pair: (pair[0], pair[1].x0))
    runs: list[tuple[float, list[Word]]] = []  # (centre, words) of each line
    run: list[Word] = []
    line_y = first_height = 0.0  # the current line's mean centre, the height of its first word
    for y, word in keyed:
        height = word.height
        if run and (abs(y - line_y) <= 0.45 * min(height, first_height)
                    or _mostly_beside(height, y, first_height, line_y)):
            run.append(word)
            line_y = (line_y * (len(run) - 1) + y) / len(run)
        else:
            if run:
                runs.append((line_y, run))
            run, line_y, first_height = [word], y, height
    if run:
        runs.append((line_y, run))
    lines = []
    for line_y, run in runs:
        run.sort(key=lambda w: w.x0)
        lines.append(Line(page, line_y, run, _split_cells(run)))
    return lines


def group_lines(words: list[Word]) -> list[Line]:
    """All words grouped into lines, pages in order, top to bottom."""
    pages: dict[int, list[Word]] = {}
    for w in words:
        pages.setdefault(w.page, []).append(w)
    lines = [line for page in sorted(pages) for line in _page_lines(pages[page], page)]
    for i, line in enumerate(lines):
        line.index = i
    return lines
