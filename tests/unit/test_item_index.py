"""The word index intake compares invoice lines with: the same answer as comparing with every item."""

from __future__ import annotations

import random

from domain.intake import item_index
from domain.intake.rules import normalise_text

NOUNS = ("kopipapir", "skrue", "mutter", "toner", "kabel", "lyspære", "batteri", "arbeidshanske",
         "tørkepapir", "skjøteledning", "kuleventil", "malerrull", "hageslange", "tapetkniv")
BRANDS = ("bosch", "makita", "hp", "canon", "tork", "essve", "jotun", "osram", "wera", "fiskars")
ATTRIBUTES = ("hvit", "svart", "blå", "rustfri", "galvanisert", "matt", "kompakt", "vannfast")
SIZES = ("A4", "M8x60", "10 mm", "1 kg", "60 W", "AA", "str 9", "50 m")


def catalogue(n: int, seed: int = 3) -> dict[str, str]:
    rnd, texts = random.Random(seed), {}
    while len(texts) < n:
        code = f"{rnd.choice('ABCDEFGHKLMN')}{rnd.choice('PRSTVX')}-{rnd.randint(100, 999)}"
        texts[f"I{len(texts):05d}"] = normalise_text(
            f"{rnd.choice(NOUNS)} {rnd.choice(BRANDS)} {rnd.choice(ATTRIBUTES)} {rnd.choice(SIZES)} {code}")
    return texts


def outcome(found: tuple[str | None, int]) -> tuple[str | None, int] | None:
    """What mapping does with a match: the item at 92 or more (None: two as close), a doubt
    between 75 and 92 (the item it names may be another as close), nothing below."""
    return found if found[1] >= 92 else ("doubt", found[1]) if found[1] >= 75 else None


def test_lines_like_items_get_the_answer_of_a_scan_of_every_item():
    texts = catalogue(3000)
    index = item_index.item_text_index(texts)
    rnd = random.Random(7)
    lines = []
    for no in rnd.sample(sorted(texts), 150):
        words = texts[no].split()
        rnd.shuffle(words)
        lines.append(" ".join(words[:3]))                          # a few of its words
        typo = max(words, key=len)
        lines.append(" ".join([typo[:2] + typo[3:], *words[:2]]))  # a letter left out
        lines.append(" ".join(words) + " levert iht avtale")      # and words of the vendor's own
    lines += ["frakt", "fakturagebyr", "miljøavgift", "hvit", "svart a", "kopi papir hp"]
    for line in lines:
        assert outcome(item_index.similar_item(index, line)) == outcome(item_index.similar_item(texts, line)), line


def test_an_item_with_every_word_of_the_line_is_found_and_two_of_them_are_ambiguous():
    texts = {"1": "toner hp svart", "2": "toner hp svart stor", "3": "toner canon svart"}
    index = item_index.item_text_index(texts)
    assert item_index.similar_item(index, "svart toner hp") == (None, 100)
    assert item_index.similar_item(index, "toner canon") == ("3", 100)
    assert item_index.similar_item(index, "toner hp svart stor levert") == (None, 100)  # 1 and 2 in the line
    assert item_index.similar_item(texts, "toner hp svart stor levert") == (None, 100)


def test_a_typo_or_a_compound_written_apart_still_finds_the_item():
    texts = {"1": "kopipapir a g ark", "2": "skrue rustfri m x", "3": "kontorstol ergonomisk"}
    index = item_index.item_text_index(texts)
    for line, no in (("kopi papir a g ark", "1"), ("skruer rustfri m x", "2"), ("kontorstoll ergonomisk", "3")):
        found = item_index.similar_item(index, line)
        assert found == item_index.similar_item(texts, line) and found[0] == no and found[1] >= 92, line
    joined = item_index.item_text_index({"1": "kopi papir a g ark"})
    assert item_index.similar_item(joined, "kopipapir a g ark")[0] == "1"


def test_a_line_is_compared_with_a_bounded_number_of_items_however_large_the_catalogue():
    index = item_index.item_text_index(catalogue(20000))
    for line in ("skrue bosch rustfri", "toner hp svart levert", "kabel osram", "hvit"):
        assert len(item_index.candidates(index, line)) <= item_index.TOP, line


def test_nothing_is_like_a_line_without_words_or_an_empty_catalogue():
    assert item_index.similar_item(item_index.item_text_index({}), "toner") == (None, 0)
    assert item_index.similar_item(item_index.item_text_index({"1": "toner"}), "") == (None, 0)
    assert item_index.similar_item(item_index.item_text_index({"1": "toner"}), "frakt") == (None, 0)
