"""Hostile files, generated at test time (no binary blobs in the repository)."""

from __future__ import annotations

import base64
import zlib

from fpdf import FPDF


def text_pdf(pages: int = 1, text: str = "Faktura nr 1 fra Fjordlys AS til Kjøper AS, sum 100,00 NOK") -> bytes:
    pdf = FPDF()
    for i in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, f"{text} side {i + 1}")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Faktura")
    return bytes(pdf.output())


def _assemble(objects: list[bytes]) -> bytes:
    """A syntactically complete PDF from object bodies (1-based ids, catalog first)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def decompression_bomb(inflated_mb: int = 64) -> bytes:
    """A page whose content stream is a few KB of Flate that inflates to ``inflated_mb`` MB."""
    comp = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    data = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"/Filter /FlateDecode", data),
    ])


def _zeros_deflated(inflated_mb: int) -> bytes:
    comp = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    return b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()


def _page(contents: bytes) -> bytes:
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        contents,
    ])


def padded_flate_bomb(inflated_mb: int = 64) -> bytes:
    """A Flate bomb whose dictionary puts 1 KB of other keys between /FlateDecode and ``stream``."""
    return _page(_stream(b"/Filter /FlateDecode /Padding (" + b"x" * 1024 + b")", _zeros_deflated(inflated_mb)))


def chained_flate_bomb(inflated_mb: int = 64) -> bytes:
    """Flate of Flate (``/Filter [/FlateDecode /FlateDecode]``): the outer layer is a few hundred bytes."""
    return _page(_stream(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(_zeros_deflated(inflated_mb), 9)))


def ascii_hex_flate_bomb(inflated_mb: int = 64) -> bytes:
    """A Flate bomb wrapped in ASCIIHex, so its bytes after ``stream`` are not zlib."""
    return _page(_stream(b"/Filter [/ASCIIHexDecode /FlateDecode]", _zeros_deflated(inflated_mb).hex().encode() + b">"))


def ascii85_flate_bomb(inflated_mb: int = 64) -> bytes:
    """A Flate bomb wrapped in ASCII85 (abbreviated filter names, as readers accept them)."""
    return _page(_stream(b"/Filter [/A85 /Fl]", base64.a85encode(_zeros_deflated(inflated_mb)) + b"~>"))


def inline_image_bomb(inflated_mb: int = 64) -> bytes:
    """A 1 x 1 inline image in an uncompressed content stream whose ``/F /Fl`` data inflates to MBs."""
    content = (b"q 10 0 0 10 100 100 cm\nBI /W 1 /H 1 /CS /G /BPC 8 /F /Fl ID\n"
               + _zeros_deflated(inflated_mb) + b"\nEI\nQ")
    return _page(_stream(b"", content))


def image_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A page drawing one image that declares ``width`` x ``height`` pixels (10 G pixels)."""
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    pixels = zlib.compress(b"\0" * 1024)
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"", content),
        _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode" % (width, height), pixels),
    ])


def huge_page() -> bytes:
    """A page 200 000 pt square with no text: rendering it at 300 dpi would need 7e11 pixels."""
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /UserUnit 10 /Contents 4 0 R >>",
        _stream(b"", b"0 0 1 1 re f"),
    ])


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol4;</Invoice>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>
"""

MALFORMED_XML = b"<?xml version='1.0'?><Invoice><ID>1</ID>"
