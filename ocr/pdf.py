"""PDF intake: structural limits, embedded e-invoice, text layer, OCR fallback.

Order matters for safety and cost. The raw bytes are scanned for Flate bombs
before any parser inflates them; pdfium (fast, C) then opens the file to learn
encryption, page count and attachments; only then does pdfplumber read word
boxes page by page, and image XObjects are checked for their declared pixel
size before any page is rendered. A page whose text layer has fewer than
``MIN_WORDS`` words is OCRed (``pdf-ocr``); a text page that carries a large
image is OCRed too when the text alone misses a required field, and the OCR
words inside the image areas are added to the text words (``pdf-hybrid``).
"""

from __future__ import annotations

import io
from unicodedata import normalize as normalize_unicode
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.layout import LTChar, LTContainer, LTImage
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils import dedupe_chars
from pdfplumber.utils.pdfinternals import resolve_all

from domain.problems import Problem
from ocr import codes
from ocr.layout import Word
from ocr.pdfbomb import inflated_size_exceeds
from ocr.safety import Limits
from ocr.tesseract import PageRefused, ocr_pages

MIN_WORDS = 8
LARGE_IMAGE_SHARE = 0.25
DEDUPE_TOLERANCE = 1  # points; pdfplumber's default for ``Page.dedupe_chars``


class Refused(Exception):
    """The file cannot be read at all; carries the stable problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class PdfText:
    words: dict[int, list[Word]] = field(default_factory=dict)
    image_boxes: dict[int, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    page_count: int = 0


def open_pdf(data: bytes, limits: Limits) -> pdfium.PdfDocument:
    """Opened pdfium document after the bomb, encryption and page-count checks."""
    if inflated_size_exceeds(data, limits.max_inflated_bytes):
        raise Refused(Problem(codes.PDF_DECOMPRESSION_BOMB, None, {"limit": limits.max_inflated_bytes}))
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = codes.PDF_ENCRYPTED if "password" in str(exc).lower() else codes.PDF_CORRUPT
        raise Refused(Problem(code, None, {"reason": str(exc)[:200]})) from exc
    pages = len(pdf)
    if pages == 0:
        raise Refused(Problem(codes.PDF_CORRUPT, None, {"reason": "no pages"}))
    if pages > limits.max_pages:
        raise Refused(Problem(codes.PDF_TOO_MANY_PAGES, None, {"pages": pages, "max_pages": limits.max_pages}))
    return pdf


def attachments(pdf: pdfium.PdfDocument, limits: Limits) -> list[tuple[str, bytes]]:
    """Embedded files named ``*.xml`` (Factur-X/ZUGFeRD/XRechnung), size-bounded."""
    out = []
    for i in range(pdf.count_attachments()):
        att = pdf.get_attachment(i)
        name = att.get_name()
        if name.lower().endswith(".xml"):
            data = bytes(att.get_data())
            if len(data) <= limits.max_bytes:
                out.append((name, data))
    return out


def _image_boxes(page, limits: Limits) -> list[tuple[float, float, float, float]]:
    boxes = []
    for img in page.images:
        w, h = img.get("srcsize", (0, 0))
        if (w or 0) * (h or 0) > limits.max_image_pixels:
            raise Refused(Problem(codes.PDF_IMAGE_BOMB, None, {"width": w, "height": h}))
        boxes.append((img["x0"], img["top"], img["x1"], img["bottom"]))
    return boxes


def _lean_objects(page) -> dict[str, list[dict]]:
    """``page.objects`` with only what word and image boxes need: the chars and images
    pdfplumber's own ``Page.parse_objects`` yields, in the same order and with the same
    coordinates (its ``process_object``: top/bottom flipped against the page height, shifted
    by the MediaBox origin), but without the dozen other attributes per char (colours, font,
    matrix, marked content) that ``process_object`` resolves one by one, about half the cost
    of reading a one-page invoice. Curves, lines and rects are not kept (never read here).
    Duplicated chars ("fake bold", see ``_without_overdrawn``) are dropped.
    ``pdfplumber.Page.extract_words`` then runs on these dicts unchanged; the test
    tests/ocr/test_pdf_words.py checks the words are identical to pdfplumber's own
    ``page.dedupe_chars().extract_words()``."""
    chars: list[dict] = []
    images: list[dict] = []
    height, doctop = page.height, page.initial_doctop
    mb_x0, mb_top = page.mediabox[:2]
    norm = page.pdf.unicode_norm

    def walk(objs) -> None:
        for obj in objs:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                top = height - obj.y1 + mb_top
                font = obj.fontname
                chars.append({"text": normalize_unicode(norm, text) if norm is not None else text,
                              "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top,
                              "bottom": height - obj.y0 + mb_top, "doctop": doctop + top,
                              "upright": obj.upright, "size": obj.size,
                              "fontname": fix_fontname_bytes(font) if isinstance(font, bytes) else font})
            elif isinstance(obj, LTImage):
                images.append({"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": height - obj.y1 + mb_top,
                               "bottom": height - obj.y0 + mb_top, "srcsize": resolve_all(obj.srcsize)})
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(page.layout._objs)
    return {"char": _without_overdrawn(chars), "image": images}


class _Positioned(list):
    """A list whose ``index`` is a dict look-up by identity: ``pdfplumber.utils.dedupe_chars``
    restores the chars' order with ``sorted(kept, key=chars.index)``, quadratic in the page's
    chars (a page of duplicated glyphs from an untrusted file must not cost seconds). Each kept
    char is the earliest of any equal ones, so identity gives the position ``list.index`` would."""

    def __init__(self, items: list[dict]):
        super().__init__(items)
        self._at = {id(obj): i for i, obj in enumerate(items)}

    def index(self, obj, *_) -> int:  # type: ignore[override]
        return self._at[id(obj)]


def _without_overdrawn(chars: list[dict]) -> list[dict]:
    """The chars without the copies a writer paints over a glyph (at most ``DEDUPE_TOLERANCE``
    away, same text, font and size) to fake a bold face, which would read "FFäälllliiggkkeeiitt":
    pdfplumber's ``dedupe_chars``. That would add about a seventh to the read of every page, so
    it runs only on a page where it can remove something: two chars of the same text whose sorted x0 lie
    within the tolerance, in one band of doctops chained at most the tolerance apart (a band holds
    every doctop cluster ``dedupe_chars`` forms for any text and font, so no removal is missed)."""
    band, bands, last = 0, {}, None
    for y in sorted({c["doctop"] for c in chars}):
        if last is not None and not y <= last + DEDUPE_TOLERANCE:  # pdfplumber's cluster_list test
            band += 1
        bands[y], last = band, y
    rows = sorted([(bands[c["doctop"]], c["text"], c["x0"]) for c in chars])
    if any(b[2] <= a[2] + DEDUPE_TOLERANCE and a[:2] == b[:2] for a, b in zip(rows, rows[1:])):
        return dedupe_chars(_Positioned(chars), tolerance=DEDUPE_TOLERANCE)
    return chars


def read_text(data: bytes, limits: Limits) -> PdfText:
    """Word boxes of every page's text layer (points), and image boxes."""
    out = PdfText()
    try:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            out.page_count = len(doc.pages)
            for i, page in enumerate(doc.pages):
                page._objects = _lean_objects(page)  # before anything reads page.objects
                out.image_boxes[i] = _image_boxes(page, limits)
                out.words[i] = _join_touching([Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], i)
                                               for w in page.extract_words()])
                page.close()
    except Refused:
        raise
    except Exception as exc:  # pdfminer raises many types on broken files
        if isinstance(exc.__cause__ or exc.__context__, MemoryError) or "allocate" in str(exc):
            raise MemoryError(str(exc)) from exc  # pdfplumber wraps it; the sandbox must see it
        name = type(exc).__name__
        code = codes.PDF_ENCRYPTED if "Password" in name or "Encrypt" in name else codes.PDF_CORRUPT
        raise Refused(Problem(code, None, {"reason": f"{name}: {str(exc)[:200]}"})) from exc
    return out


def _join_touching(words: list[Word]) -> list[Word]:
    """Re-join words a PDF writer split without any gap ("4" + "71102" set glyph by glyph)."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev and abs(prev.top - w.top) < 0.5 and 0 <= w.x0 - prev.x1 < 0.08 * w.height:
            out[-1] = Word(prev.text + w.text, prev.x0, min(prev.top, w.top), w.x1, max(prev.bottom, w.bottom), w.page)
        else:
            out.append(w)
    return out


def needs_ocr(words: list[Word]) -> bool:
    useful = [w for w in words if any(ch.isalnum() for ch in w.text)]
    return len(useful) < MIN_WORDS


def large_image_pages(text: PdfText, page_sizes: dict[int, tuple[float, float]]) -> list[int]:
    out = []
    for i, boxes in text.image_boxes.items():
        area = page_sizes[i][0] * page_sizes[i][1] or 1
        if sum((x1 - x0) * (b - t) for x0, t, x1, b in boxes) / area >= LARGE_IMAGE_SHARE:
            out.append(i)
    return out


def ocr(pdf: pdfium.PdfDocument, indexes: list[int], limits: Limits) -> dict[int, list[Word]]:
    try:
        return ocr_pages(pdf, indexes, limits.dpi, limits.max_image_pixels, limits.timeout_s)
    except PageRefused as exc:
        raise Refused(exc.problem) from exc


def inside(word: Word, boxes) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes)
