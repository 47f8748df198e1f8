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


@dataclass
class Cell:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Line:
    page: int
    y: float  # de-skewed vertical centre
    words: list[Word]
    cells: list[Cell] = field(default_factory=list)
    index: int = 0  # position in reading order over the whole document

    @property
    def text(self) -> str:
        """Cells joined by two spaces, so "9  616,01" in two columns never reads as 9616,01."""
        return CELL_SEP.join(c.text for c in self.cells)

    def word_offsets(self) -> list[int]:
        """Start offset of each word in :attr:`text`."""
        out, pos = [], 0
        for cell in self.cells:
            for w in cell.words:
                out.append(pos)
                pos += len(w.text) + 1
            pos += len(CELL_SEP) - 1
        return out

    def cell_span(self, ci: int) -> tuple[int, int]:
        start = sum(len(c.text) + len(CELL_SEP) for c in self.cells[:ci])
        return start, start + len(self.cells[ci].text)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)


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


def _split_cells(words: list[Word]) -> list[Cell]:
    gap_limit = 1.6 * statistics.median(w.height for w in words)
    cells = [Cell([words[0]])]
    for prev, word in zip(words, words[1:]):
        if word.x0 - prev.x1 > gap_limit:
            cells.append(Cell([word]))
        else:
            cells[-1].words.append(word)
    return cells


def _mostly_beside(word: Word, y: float, line: Line) -> bool:
    """A word of another font size set on the same line: a value in larger type beside a
    small label ("Referenz (bitte bei Zahlung angeben)  2013-471102") has its centre lower
    than the label's, but its box covers at least 70 % of the label's height (two text
    lines never overlap like that)."""
    first = line.words[0]
    if abs(word.height - first.height) < 0.2 * min(word.height, first.height):
        return False  # same size: the centre rule decides
    half_w, half_l = word.height / 2, first.height / 2
    overlap = min(y + half_w, line.y + half_l) - max(y - half_w, line.y - half_l)
    return overlap >= 0.7 * min(word.height, first.height)


def _page_lines(words: list[Word], page: int) -> list[Line]:
    skew = estimate_skew(words)
    keyed = sorted((((w.top + w.bottom) / 2 - skew * w.x0, w) for w in words if w.text.strip()),
                   key=lambda pair: (pair[0], pair[1].x0))
    lines: list[Line] = []
    for y, word in keyed:
        if lines and (abs(y - lines[-1].y) <= 0.45 * min(word.height, lines[-1].words[0].height)
                      or _mostly_beside(word, y, lines[-1])):
            current = lines[-1]
            current.words.append(word)
            current.y = (current.y * (len(current.words) - 1) + y) / len(current.words)
        else:
            lines.append(Line(page, y, [word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.cells = _split_cells(line.words)
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
