"""Pages are binarised before tesseract reads them (ocr/tesseract.py ``binarise``).

Tesseract's LSTM recogniser reads the grey line image, so a scanner's grain reaches it;
a two-level page at the Otsu threshold hands it ink and paper only.
"""

import random

from PIL import Image, ImageDraw

from ocr.tesseract import binarise, otsu_threshold


def _grainy_page(seed: int = 1) -> Image.Image:
    """Dark strokes (ink about 50) on paper (about 245), both with +-20 grain."""
    page = Image.new("L", (200, 60), 245)
    ImageDraw.Draw(page).rectangle((20, 20, 180, 30), fill=50)
    rng = random.Random(seed)
    page.putdata([max(0, min(255, v + rng.randint(-20, 20))) for v in page.tobytes()])
    return page


def test_the_otsu_threshold_splits_two_grey_levels_between_them():
    histogram = [0] * 256
    histogram[40], histogram[230] = 300, 5000
    assert 40 <= otsu_threshold(histogram) < 230
    assert otsu_threshold([0] * 200 + [10] + [0] * 55) == 127  # one level: nothing to split, the default


def test_a_grainy_page_becomes_black_ink_on_white_paper():
    page = _grainy_page()
    clean = binarise(page)
    assert clean.mode == "L" and set(clean.tobytes()) == {0, 255}
    assert all(clean.getpixel((x, y)) == 0 for x in range(22, 178) for y in range(22, 29))
    assert all(clean.getpixel((x, y)) == 255 for x in range(200) for y in (0, 5, 10, 40, 55))
