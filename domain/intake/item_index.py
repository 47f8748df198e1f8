"""The items an invoice line's description may be like, found without comparing it with every item.

:func:`similar_item` gives the item whose description is most like a line's (rapidfuzz
``token_set_ratio``, 0-100) and its score. Over a plain ``{item no.: text}`` it compares
with every item; over an :class:`ItemTextIndex` only with the :data:`TOP` items that share
the most telling words with the line (an inverted index, as a search engine has), so the
cost of a line does not grow with the catalogue. A word is telling by its rarity (inverse
document frequency); words of the line count when an item has them exactly, within one typo
(one letter more, less or different: "skruer"/"skrue", "kopipapier"/"kopipapir"), or as one
compound word ("kopi papir"/"kopipapir", either way round).

First the items ``token_set_ratio`` scores 100 are found exactly, by set operations: the items
with every word of the line, and those all of whose words are in the line. One such item is the
answer; two are a tie, as a scan of every item would find. Only when there is none are the
ranked candidates scored. The index finds every item sharing a word, and ``token_set_ratio``
scores an item high only when most of the line's characters are in words the item shares:
what the index misses
is an item that shares no word (exactly, by one typo or as a compound) with the line and still
looks like it letter by letter, and, for a line whose words hundreds of items share, items
beyond the :data:`TOP` best ranked. bench/mapping.py ``--check`` compares both ways.

Pure: plain values in and out; the caller caches an index per catalogue
(:func:`domain.intake.mapping.open_items`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

#: items scored per line: the best ranked by shared words
TOP = 40
#: a word more items than this have only adds weight to items found by rarer words
COMMON = 400
#: the shortest word matched within one typo
TYPO_MIN = 4


@dataclass(frozen=True)
class ItemTextIndex:
    """Item descriptions (normalised), and per word the items that have it."""

    texts: dict[str, str]
    postings: dict[str, frozenset[str]]
    #: a word with one letter left out -> the words it came from (words of TYPO_MIN letters or more)
    shortened: dict[str, frozenset[str]]
    #: per word, 1000 x its inverse document frequency (an int: sums are exact, ties stay ties)
    weights: dict[str, int]
    #: per word, the items whose rarest word it is, with all their words
    anchored: dict[str, tuple[tuple[str, frozenset[str]], ...]]

    def __len__(self) -> int:
        return len(self.texts)


def _shortenings(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def item_text_index(texts: dict[str, str]) -> ItemTextIndex:
    """An index of ``{item no.: normalised description}`` (rules.normalise_text)."""
    words_of = {no: frozenset(text.split()) for no, text in texts.items()}
    postings: dict[str, list[str]] = defaultdict(list)
    for no, words in words_of.items():
        for word in words:
            postings[word].append(no)
    shortened: dict[str, set[str]] = defaultdict(set)
    for word in postings:
        if len(word) >= TYPO_MIN:
            for short in _shortenings(word):
                shortened[short].add(word)
    rarity = {w: i for i, w in enumerate(sorted(postings, key=lambda w: (len(postings[w]), w)))}
    anchored: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for no, words in words_of.items():
        if words:
            anchored[min(words, key=rarity.__getitem__)].append((no, words))
    n = len(texts) + 1
    return ItemTextIndex(
        dict(texts), {w: frozenset(nos) for w, nos in postings.items()},
        {s: frozenset(ws) for s, ws in shortened.items()},
        {w: round(1000 * math.log(n / len(nos))) + 1 for w, nos in postings.items()},
        {w: tuple(items) for w, items in anchored.items()})


def _matches(index: ItemTextIndex, word: str) -> set[str]:
    """Words of the index that are ``word``, or within one typo of it."""
    found = {word} if word in index.postings else set()
    if len(word) >= TYPO_MIN:
        found |= index.shortened.get(word, frozenset())  # the index's word has a letter more
        for short in _shortenings(word):
            if short in index.postings and len(short) >= TYPO_MIN - 1:
                found.add(short)  # the line's word has a letter more
            found |= index.shortened.get(short, frozenset())  # a letter different
    return found


def _terms(index: ItemTextIndex, key: str) -> list[tuple[int, frozenset[str]]]:
    """(weight, items) of every word of the index the line's words match."""
    words = key.split()
    found: dict[object, tuple[int, frozenset[str]]] = {}
    for word in words:
        for match in _matches(index, word):
            found[match] = (index.weights[match], index.postings[match])
        for i in range(3, len(word) - 2):  # a compound of the line, two words of the item (3+ letters)
            head, tail = word[:i], word[i:]
            if head in index.postings and tail in index.postings:
                found[(head, tail)] = (index.weights[head] + index.weights[tail],
                                       index.postings[head] & index.postings[tail])
    for a, b in zip(words, words[1:]):  # two words of the line (3+ letters), a compound of the item
        if len(a) >= 3 and len(b) >= 3 and a + b in index.postings:
            found[a + b] = (index.weights[a + b], index.postings[a + b])
    return sorted(found.values(), key=lambda t: (len(t[1]), -t[0]))


def candidates(index: ItemTextIndex, key: str) -> dict[str, str]:
    """``{item no.: text}`` of the :data:`TOP` items sharing the most telling words with ``key``;
    of items sharing as much, the shortest (``token_set_ratio`` scores what two texts share
    higher the less else they have)."""
    score: dict[str, int] = {}
    for weight, items in _terms(index, key):  # rarest first
        if len(items) <= COMMON or not score:
            for no in items:
                score[no] = score.get(no, 0) + weight
        else:  # a common word: weight for the items rarer words found, no new items
            for no in score:
                if no in items:
                    score[no] += weight
    best = list(score)
    if len(score) > TOP:  # the TOP highest; of those tied with the last, the shortest texts
        floor = sorted(score.values(), reverse=True)[TOP - 1]
        best = [no for no, s in score.items() if s > floor]
        tied = sorted((len(index.texts[no]), no) for no, s in score.items() if s == floor)
        best += [no for _length, no in tied[:TOP - len(best)]]
    return {no: index.texts[no] for no in best}


def perfect(index: ItemTextIndex, key: str) -> set[str]:
    """Every item ``token_set_ratio`` scores 100 against ``key``: those with every word of the
    line, and those whose words are all in the line (a shared word, and nothing else on one side)."""
    words = set(key.split())
    lists = sorted((index.postings.get(w, frozenset()) for w in words), key=len)
    found = set(lists[0].intersection(*lists[1:])) if lists else set()
    for word in words:
        found.update(no for no, have in index.anchored.get(word, ()) if have <= words)
    return found


def similar_item(items: dict[str, str] | ItemTextIndex, key: str) -> tuple[str | None, int]:
    """(item no., score) of the item whose description is most like ``key`` (normalised); the
    no. is None when two items are equally close (ambiguous). ``items``: every item's text, or
    an index of them (then only its :func:`candidates` are compared)."""
    if not key or not len(items):
        return None, 0
    if isinstance(items, ItemTextIndex):
        full = perfect(items, key)  # exact: the best possible score, and whether two items share it
        if full:
            return (next(iter(full)), 100) if len(full) == 1 else (None, 100)
    choices = candidates(items, key) if isinstance(items, ItemTextIndex) else items
    best = process.extract(key, choices, scorer=fuzz.token_set_ratio, limit=2) if choices else []
    if not best:
        return None, 0
    score = int(best[0][1])
    if len(best) > 1 and int(best[1][1]) == score:
        return None, score
    return best[0][2], score
