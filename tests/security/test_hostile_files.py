"""Every class of hostile file ends in its stable code, and the batch goes on.

Files go through the real sandbox (worker processes with RLIMIT_AS, CPU and
wall-clock limits), the way the intake flow runs them.
"""

import zlib
from pathlib import Path

import pytest

from ocr.pdfbomb import inflated_size_exceeds
from ocr.proposal import Proposal
from ocr.safety import Limits
from ocr.sandbox import WorkerPool, extract_in_subprocess
from tests.security import hostile

SMALL = Limits(max_inflated_bytes=32 * 1024 * 1024)


@pytest.fixture(scope="module")
def pool():
    p = WorkerPool(size=2)
    yield p
    p.close()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def code(result) -> str:
    assert not isinstance(result, Proposal), result
    return result.code


@pytest.mark.parametrize("name, data, expected", [
    ("empty.pdf", b"", "INTAKE-EMPTY-FILE"),
    ("invoice.pdf", b"MZ\x90\x00 this is an executable", "PDF-NOT-A-PDF"),
    ("invoice.docx", b"PK\x03\x04 zip", "INTAKE-UNSUPPORTED-TYPE"),
    ("truncated.pdf", hostile.text_pdf(3)[:400], "PDF-CORRUPT"),
    ("encrypted.pdf", hostile.encrypted_pdf(), "PDF-ENCRYPTED"),
    ("bomb.pdf", hostile.decompression_bomb(64), "PDF-DECOMPRESSION-BOMB"),
    ("image-bomb.pdf", hostile.image_bomb(), "PDF-IMAGE-BOMB"),
    ("huge-page.pdf", hostile.huge_page(), "PDF-IMAGE-BOMB"),
    ("many-pages.pdf", hostile.text_pdf(51), "PDF-TOO-MANY-PAGES"),
    ("laughs.xml", hostile.BILLION_LAUGHS, "XML-UNSUPPORTED"),
    ("xxe.xml", hostile.XXE, "XML-UNSUPPORTED"),
    ("broken.xml", hostile.MALFORMED_XML, "XML-INVALID"),
])
def test_hostile_file_is_refused_with_its_stable_code(pool, tmp_path, name, data, expected):
    assert code(extract_in_subprocess(write(tmp_path, name, data), SMALL, pool=pool)) == expected


@pytest.mark.parametrize("name, make", [
    ("padding between /FlateDecode and stream", hostile.padded_flate_bomb),
    ("a filter chain of Flate in Flate", hostile.chained_flate_bomb),
    ("ASCIIHex wrapping Flate", hostile.ascii_hex_flate_bomb),
    ("ASCII85 wrapping Flate, abbreviated names", hostile.ascii85_flate_bomb),
    ("an inline image with /F /Fl", hostile.inline_image_bomb),
])
def test_a_decompression_bomb_hidden_from_a_byte_pattern_scan_is_still_refused(pool, tmp_path, name, make):
    path = write(tmp_path, "bomb.pdf", make(64))
    assert code(extract_in_subprocess(path, SMALL, pool=pool)) == "PDF-DECOMPRESSION-BOMB", name


@pytest.mark.parametrize("make", [hostile.chained_flate_bomb, hostile.ascii85_flate_bomb, hostile.inline_image_bomb])
def test_the_bomb_scan_counts_what_streams_inflate_to_and_lets_smaller_ones_through(make):
    data = make(8)
    assert inflated_size_exceeds(data, 4 * 1024 * 1024) and not inflated_size_exceeds(data, 16 * 1024 * 1024)


def test_ordinary_pdfs_are_far_from_the_bomb_limit():
    assert not inflated_size_exceeds(hostile.text_pdf(50), 1024 * 1024)


def test_file_over_the_size_limit_is_refused_before_reading(pool, tmp_path):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as fh:
        fh.truncate(26 * 1024 * 1024)  # sparse: costs no disk
    assert code(extract_in_subprocess(path, Limits(), pool=pool)) == "INTAKE-TOO-LARGE"


def test_symlink_is_refused_without_reading_its_target(pool, tmp_path):
    link = tmp_path / "passwd.pdf"
    link.symlink_to("/etc/passwd")
    assert code(extract_in_subprocess(link, pool=pool)) == "INTAKE-SYMLINK"


def test_a_document_over_its_time_limit_times_out_and_the_next_one_still_runs(pool, tmp_path):
    slow = write(tmp_path, "slow.pdf", hostile.text_pdf(40))
    assert code(extract_in_subprocess(slow, Limits(timeout_s=0.05), pool=pool)) == "INTAKE-TIMEOUT"
    good = extract_in_subprocess(write(tmp_path, "good.pdf", hostile.text_pdf(1)), pool=pool)
    assert isinstance(good, Proposal) and good.source_kind == "pdf-text"


def test_a_document_over_its_memory_limit_is_stopped_and_the_worker_replaced(pool, tmp_path):
    # inflates to 200 MB: under this (raised) bomb limit, over a 100 MB address-space budget
    path = write(tmp_path, "mem.pdf", hostile.decompression_bomb(200))
    limits = Limits(max_inflated_bytes=1024 * 1024 * 1024, memory_mb=100)
    assert code(extract_in_subprocess(path, limits, pool=pool)) == "INTAKE-MEMORY-LIMIT"
    good = write(tmp_path, "good.pdf", hostile.text_pdf(1))
    assert [isinstance(extract_in_subprocess(good, pool=pool), Proposal) for _ in range(3)] == [True] * 3


def test_a_batch_of_hostile_files_does_not_stop_the_good_invoice_after_it(pool, tmp_path):
    batch = [write(tmp_path, "a.pdf", b""), write(tmp_path, "b.pdf", hostile.encrypted_pdf()),
             write(tmp_path, "c.xml", hostile.BILLION_LAUGHS), write(tmp_path, "d.pdf", hostile.image_bomb()),
             write(tmp_path, "e.pdf", hostile.text_pdf(1))]
    results = [extract_in_subprocess(p, SMALL, pool=pool) for p in batch]
    assert [getattr(r, "code", "ok") for r in results] == [
        "INTAKE-EMPTY-FILE", "PDF-ENCRYPTED", "XML-UNSUPPORTED", "PDF-IMAGE-BOMB", "ok"]


def test_names_with_traversal_and_control_characters_are_read_as_plain_files(pool, tmp_path):
    path = write(tmp_path, "..\x1b[31m\x07faktura\r\n.pdf", hostile.text_pdf(1))
    assert isinstance(extract_in_subprocess(path, pool=pool), Proposal)


@pytest.mark.parametrize("chain, data, expected", [
    (["hex"], b"48 65 6C6C6F>ignored", b"Hello"),
    (["a85"], b"87cURD]i,\"Ebo7~>ignored", b"Hello World"),
    (["rl"], b"\x04Hello\xfe!\x80ignored", b"Hello!!!"),
    (["lzw"], bytes.fromhex("800B6050220C0C8501"), b"-----A---B"),  # the PDF reference's example
    (["hex", "flate"], zlib.compress(b"x" * 1000).hex().encode() + b">", b"x" * 1000),
])
def test_the_bomb_scan_decodes_each_filter_as_a_reader_does_and_stops_at_its_end(chain, data, expected):
    from ocr.pdfbomb import Budget, decode

    assert b"".join(decode([data], chain, Budget(1 << 20))) == expected
