"""Page rendering (pypdfium2) and OCR (the tesseract binary, TSV word boxes).

Tesseract is run as a binary, not through pytesseract: pytesseract re-encodes
every image as PNG before handing it over, which on a 300 dpi A4 page costs
more than the recognition itself. Pages are rendered greyscale to an
uncompressed PGM file and tesseract writes TSV (word boxes with line ids) to
stdout. One tesseract process per page, ``OMP_THREAD_LIMIT=1`` each, pages in
parallel across cores: that uses the cores better than tesseract's own
OpenMP threading on one page. Coordinates are converted to PDF points so OCR
words and text-layer words share one geometry.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from domain.problems import Problem
from ocr import codes
from ocr.layout import Word

TESSERACT = os.environ.get("LEDGERFLOW_TESSERACT", "tesseract")
LANGS = "nor+nld+eng"
MIN_DPI = 150


class PageRefused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def render_dpi(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> int:
    """The dpi to render a page at so it stays under ``max_pixels`` (PDF-IMAGE-BOMB below 150)."""
    while dpi >= MIN_DPI:
        if (width_pt * dpi / 72) * (height_pt * dpi / 72) <= max_pixels:
            return dpi
        dpi = int(dpi * 0.8)
    raise PageRefused(Problem(codes.PDF_IMAGE_BOMB, None, {"width_pt": width_pt, "height_pt": height_pt}))


def render_pages(pdf, indexes: list[int], dpi: int, max_pixels: int, directory: Path) -> list[tuple[int, Path, float]]:
    """Render pages of an open ``pypdfium2.PdfDocument`` to PGM files: (index, path, scale pt/px)."""
    out = []
    for i in indexes:
        page = pdf[i]
        width, height = page.get_size()
        page_dpi = render_dpi(width, height, dpi, max_pixels)
        bitmap = page.render(scale=page_dpi / 72, grayscale=True)
        path = directory / f"page-{i:04d}.pgm"
        binarise(bitmap.to_pil().convert("L")).save(path)
        out.append((i, path, 72 / page_dpi))
    return out


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a 256-bin histogram into ink and paper (Otsu 1979:
    the largest between-class variance); pixels above it are paper."""
    total = sum(histogram)
    weighted = sum(level * count for level, count in enumerate(histogram))
    below = below_weighted = 0
    best, threshold = -1.0, 127
    for level, count in enumerate(histogram):
        below += count
        below_weighted += level * count
        if below in (0, total):
            continue
        mean_below = below_weighted / below
        mean_above = (weighted - below_weighted) / (total - below)
        variance = below * (total - below) * (mean_below - mean_above) ** 2
        if variance > best:
            best, threshold = variance, level
    return threshold


def binarise(image):
    """A greyscale page as black ink on white paper at its Otsu threshold.

    Tesseract's LSTM recogniser reads the *grey* line image (its own binarisation only
    finds the layout), so a scanner's grain reaches the recogniser: small type on a grainy
    page is read as noise ("USt.-1d. =Nr. so DEI23 456789" for "USt.-Id.-Nr.: DE123456789",
    "56787" for "56,87"). Handing it a clean two-level page removes the grain first."""
    threshold = otsu_threshold(image.histogram())
    return image.point(lambda v: 255 if v > threshold else 0)


def parse_tsv(tsv: str, page: int, scale: float) -> list[Word]:
    """Words (level 5 rows) from tesseract TSV, boxes scaled to points."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        if float(cols[10]) < 0:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(Word(cols[11].strip(), left * scale, top * scale, (left + width) * scale,
                          (top + height) * scale, page, (page, cols[2], cols[3], cols[4]), float(cols[10])))
    return words


def ocr_image(path: Path, page: int, scale: float, timeout_s: float) -> list[Word]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        [TESSERACT, str(path), "stdout", "-l", LANGS, "--oem", "1", "--psm", "3",
         "--dpi", str(round(72 / scale)), "tsv"],
        capture_output=True, env=env, timeout=timeout_s, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed: {result.stderr.decode(errors='replace')[:300]}")
    return parse_tsv(result.stdout.decode("utf-8", errors="replace"), page, scale)


def ocr_pages(pdf, indexes: list[int], dpi: int, max_pixels: int, timeout_s: float) -> dict[int, list[Word]]:
    """OCR words per page index; pages rendered in turn, recognised in parallel."""
    if not indexes:
        return {}
    with tempfile.TemporaryDirectory(prefix="ledgerflow-ocr-") as tmp:
        rendered = render_pages(pdf, indexes, dpi, max_pixels, Path(tmp))
        workers = max(1, min(len(rendered), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = pool.map(lambda r: ocr_image(r[1], r[0], r[2], timeout_s), rendered)
            return {r[0]: words for r, words in zip(rendered, results)}
