"""Decompression-bomb pre-check for PDFs, read from the file's structure.

pdfminer and pdfium inflate a stream whole, without a bound; this scan runs
first and refuses the file when its streams would inflate to more than the
limit. It reads structure, not byte patterns near the word ``stream``:

- every indirect object (``N G obj``) is parsed with pdfminer's PDF parser, so
  a stream dictionary is found whatever comes between ``/FlateDecode`` and
  ``stream`` (padding, comments, other keys), and ``/Filter`` is read as the
  name or array it is (an indirect reference is followed);
- the filter chain is decoded stage by stage (``[/ASCIIHexDecode
  /FlateDecode]``, ``[/FlateDecode /FlateDecode]``, ASCII85, LZW, RunLength;
  abbreviations such as ``/Fl`` and ``/AHx`` too), every stage bounded: data
  is inflated in chunks with ``zlib.decompressobj(...).decompress(data,
  max_length)``, counted and dropped, never held whole, so the scan itself
  cannot be bombed; the output of every stage counts against the limit;
- a stream's data is taken up to its ``/Length`` or its ``endstream``,
  whichever is further, so neither a short ``/Length`` nor an ``endstream``
  planted in the data hides bytes a reader would inflate;
- decoded content is searched for inline images (``BI ... ID``), whose
  ``/F`` chain (``/Fl``, ``[/AHx /Fl]`` ...) is decoded the same way (their
  small dictionaries are read with a pattern, not a parser per image);
- where the chain cannot be known (a reference that does not resolve) the data
  is inflated as long as it looks like zlib, layer after layer.

Image codecs (DCT, JPX, JBIG2, CCITT) end a chain: their size is judged by
the image pixel limit. Streams of an encrypted PDF cannot be decoded before
decryption and are left to the sandbox's memory limit.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from io import BytesIO

from pdfminer.lzw import LZWDecoder
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSLiteral

CHUNK = 1024 * 1024
_IN = 64 * 1024
#: decoded bytes kept back when scanning a long content stream for inline images
_KEEP = 1024 * 1024

_OBJ = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_ENDSTREAM = re.compile(rb"endstream")
_INLINE = re.compile(rb"(?<![^\s\]\)>])BI\s(.{0,4096}?)\sID\s", re.DOTALL)
#: the filter of an inline image's dictionary (``/F /Fl``, ``/Filter [/AHx /Fl]``): thousands of
#: inline images are read without a parser per image
_INLINE_FILTER = re.compile(rb"/F(?:ilter)?\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_NAMES = {"FlateDecode": "flate", "Fl": "flate", "ASCIIHexDecode": "hex", "AHx": "hex",
          "ASCII85Decode": "a85", "A85": "a85", "LZWDecode": "lzw", "LZW": "lzw",
          "RunLengthDecode": "rl", "RL": "rl"}
_ZLIB_HEADS = {b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda"}


class TooLarge(Exception):
    pass


class Budget:
    def __init__(self, limit: int):
        self.limit, self.total = limit, 0

    def count(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self.total += len(chunk)
            if self.total > self.limit:
                raise TooLarge
            yield chunk


# --- bounded decoders: an iterator of input chunks in, output chunks of at most CHUNK out ---

def _flate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header
    for chunk in chunks:
        data = chunk
        while data and not inflater.eof:
            try:
                out = inflater.decompress(data, CHUNK)
            except zlib.error:
                return
            if out:
                yield out
            data = inflater.unconsumed_tail
        if inflater.eof:
            return


def _hex(chunks: Iterable[bytes]) -> Iterator[bytes]:
    odd = b""
    for chunk in chunks:
        end = chunk.find(b">")
        digits = odd + re.sub(rb"\s", b"", chunk if end < 0 else chunk[:end])
        cut = len(digits) - len(digits) % 2
        try:
            yield bytes.fromhex(digits[:cut].decode("ascii"))
        except ValueError:
            return
        odd = digits[cut:]
        if end >= 0:
            return


def _a85(chunks: Iterable[bytes]) -> Iterator[bytes]:
    rest = b""
    for chunk in chunks:
        end = chunk.find(b"~>")
        text = rest + re.sub(rb"\s", b"", chunk if end < 0 else chunk[:end]).replace(b"z", b"!!!!!")
        cut = len(text) - len(text) % 5 if end < 0 else len(text)
        try:
            yield _a85_block(text[:cut])
        except ValueError:
            return
        rest = text[cut:]
        if end >= 0:
            return


def _a85_block(text: bytes) -> bytes:
    import base64

    return base64.a85decode(text) if text else b""


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    pending = b""
    for chunk in chunks:
        data, i, out = pending + chunk, 0, bytearray()
        while i < len(data):
            n = data[i]
            if n == 128:
                yield bytes(out)
                return
            need = n + 2 if n < 128 else 2
            if i + need > len(data):
                break
            out += data[i + 1:i + need] if n < 128 else data[i + 1:i + 2] * (257 - n)
            i += need
            if len(out) >= CHUNK:
                yield bytes(out)
                out = bytearray()
        pending = data[i:]
        yield bytes(out)


class _Reader:
    """A file object over an iterator of chunks (LZWDecoder reads bytes one by one)."""

    def __init__(self, chunks: Iterable[bytes]):
        self.chunks, self.buffer = iter(chunks), BytesIO()

    def read(self, n: int = -1) -> bytes:
        data = self.buffer.read(n)
        while len(data) < n:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer = BytesIO(chunk)
            data += self.buffer.read(n - len(data))
        return data


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """pdfminer's LZW table, stopped at the end-of-data code (257) as readers stop."""
    decoder, out = LZWDecoder(_Reader(chunks)), bytearray()
    while True:
        try:
            code = decoder.readbits(decoder.nbits)
            if code == 257:
                break
            out += decoder.feed(code)
        except Exception:  # noqa: BLE001 - the end of the data, or corrupt data: the stream ends here
            break
        if len(out) >= CHUNK:
            yield bytes(out)
            out = bytearray()
    yield bytes(out)


def _auto(chunks: Iterable[bytes], budget: Budget, depth: int = 0) -> Iterator[bytes]:
    """Inflate while the data looks like zlib (a chain nobody could name)."""
    it = iter(chunks)
    first = next(it, b"")
    rest = _prepend(first, it)
    if depth < 8 and first[:2] in _ZLIB_HEADS:
        yield from _auto(budget.count(_flate(rest)), budget, depth + 1)
    else:
        yield from rest


def _prepend(first: bytes, it: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from it


_DECODERS = {"flate": _flate, "hex": _hex, "a85": _a85, "lzw": _lzw, "rl": _run_length}


def decode(chunks: Iterable[bytes], chain: list[str] | None, budget: Budget) -> Iterator[bytes]:
    """``chunks`` through the filter ``chain`` (None: unknown), every stage counted."""
    if chain is None:
        yield from _auto(chunks, budget)
        return
    for name in chain:
        if name not in _DECODERS:
            return  # an image codec or an unknown filter: not ours to expand
        chunks = budget.count(_DECODERS[name](chunks))
    yield from chunks


# --- structure ---

def _slices(data: bytes, start: int, end: int) -> Iterator[bytes]:
    """``data[start:end]`` in pieces growing from 4 KB to 64 KB: a decoder that stops early
    (most inline images) costs little, a long stream few pieces."""
    view, pos, step = memoryview(data), start, 4096
    while pos < end:
        yield bytes(view[pos:min(pos + step, end)])
        pos, step = pos + step, min(step * 2, _IN)


class _StreamHead(Exception):
    def __init__(self, dictionary, pos: int):
        self.dictionary, self.pos = dictionary, pos


class _HeadParser(PDFParser):
    """pdfminer's parser, stopped at ``stream``: the dictionary before it, never the data."""

    def do_keyword(self, pos, token):
        if token is self.KEYWORD_STREAM:
            popped = self.pop(1)
            raise _StreamHead(popped[0][1] if popped else None, pos)
        super().do_keyword(pos, token)


def _parse_at(parser: _HeadParser, data: bytes, pos: int):
    """(value, stream data start or None) of the object whose body starts at ``pos``."""
    parser.seek(pos)
    try:
        _, value = parser.nextobject()
    except _StreamHead as head:
        return head.dictionary, _data_start(data, head.pos)
    except Exception:  # noqa: BLE001 - a broken object is skipped; pdfium will judge the file
        return None, None
    return value, None


def _data_start(data: bytes, keyword_pos: int) -> int:
    pos = keyword_pos + len(b"stream")
    while pos < len(data) and data[pos:pos + 1] in (b" ", b"\t"):
        pos += 1
    if data[pos:pos + 2] == b"\r\n":
        return pos + 2
    return pos + 1 if data[pos:pos + 1] in (b"\n", b"\r") else pos


def _resolve(value, table: dict, depth: int = 0):
    objid = getattr(value, "objid", None)
    if objid is None or depth > 8:
        return value
    return _resolve(table.get(objid), table, depth + 1) if objid in table else _UNRESOLVED


_UNRESOLVED = object()


def _chain(value, table: dict) -> list[str] | None:
    value = _resolve(value, table)
    if value is None:
        return []
    if value is _UNRESOLVED:
        return None
    items = value if isinstance(value, list) else [value]
    chain = []
    for item in items:
        item = _resolve(item, table)
        if not isinstance(item, PSLiteral):
            return None
        chain.append(_NAMES.get(item.name, item.name))
    return chain


def _name(value) -> str | None:
    return value.name if isinstance(value, PSLiteral) else None


def _objects(data: bytes) -> tuple[dict, list[tuple[dict, int]]]:
    """Every indirect object by number, and the (dictionary, data start) of every stream."""
    table, streams = {}, []
    parser = _HeadParser(BytesIO(data))
    for match in _OBJ.finditer(data):
        value, start = _parse_at(parser, data, match.end())
        if start is not None and isinstance(value, dict):
            streams.append((value, start))
        elif value is not None:
            table[int(match.group(1))] = value
    return table, streams


def _end(data: bytes, start: int, dictionary: dict, table: dict) -> int:
    length = _resolve(dictionary.get("Length"), table)
    by_length = start + length if isinstance(length, int) and length > 0 else start
    found = _ENDSTREAM.search(data, start)
    by_keyword = found.start() if found else len(data)
    return min(len(data), max(by_length, by_keyword))


def _inline_images(buffer: bytes, upto: int, budget: Budget) -> None:
    for match in _INLINE.finditer(buffer):
        if match.start() >= upto:
            return
        found = _INLINE_FILTER.search(match.group(1))
        if found is None:
            continue  # raw samples: nothing to expand
        chain = [_NAMES.get(n.decode("latin-1"), "") for n in _NAME.findall(found.group(1))]
        if not chain or chain[0] not in _DECODERS:
            continue  # an image codec: judged by the pixel limit
        for _ in decode(_slices(buffer, match.end(), len(buffer)), chain, budget):
            pass


def _scan_content(chunks: Iterable[bytes], budget: Budget) -> None:
    """Look for inline images in decoded data, holding at most a few MB of it."""
    window = b""
    for chunk in chunks:
        window += chunk
        if len(window) >= 4 * _KEEP:
            _inline_images(window, len(window) - _KEEP, budget)
            window = window[len(window) - _KEEP:]
    if b"ID" in window:
        _inline_images(window, len(window), budget)


def inflated_size_exceeds(data: bytes, limit: int) -> bool:
    """Whether the streams of the PDF ``data`` decode to more than ``limit`` bytes together."""
    budget = Budget(limit)
    table, streams = _objects(data)
    try:
        for dictionary, start in streams:
            chain = _chain(dictionary.get("Filter", dictionary.get("F")), table)
            decoded = decode(_slices(data, start, _end(data, start, dictionary, table)), chain, budget)
            if _name(_resolve(dictionary.get("Subtype"), table)) == "Image":
                for _ in decoded:
                    pass
            else:
                _scan_content(decoded, budget)
    except TooLarge:
        return True
    return False
