"""One document in, one checked proposal out (in-process).

Dispatch is on content, never on the file name: XML by its root element
(UBL Invoice/CreditNote, CII/ZUGFeRD), PDF by ``%PDF``. A PDF that embeds a
Factur-X/ZUGFeRD/XRechnung XML is read from that XML first (exact, the
seller's own data), and its key values are then held against the page's text
layer (ocr/hybrid.py: a page that shows another invoice is a problem);
otherwise from its text layer, with OCR for pages without one. Everything ends
in ocr/checks.py. Untrusted input should go through ocr/sandbox.py, which runs
this same code in a resource-limited child.
"""

from __future__ import annotations

import os
from pathlib import Path

from domain.problems import Problem
from ocr import cii, codes, hybrid, learned, pdf, ubl, xmlsafe
from ocr.checks import check
from ocr.fields import extract_fields
from ocr.inbox import NotARegularFile, open_regular
from ocr.layout import Word, group_lines
from ocr.pdf import Refused
from ocr.proposal import Field, Proposal
from ocr.safety import Limits, precheck, sniff

_HYBRID_NEEDS = ("invoice_no", "invoice_date", "gross_amount")


def proposal_from_xml(data: bytes, source_kind: str | None = None) -> Proposal:
    """A proposal from e-invoice XML bytes; raises :class:`Refused` on XML problems."""
    try:
        root, namespace = xmlsafe.parse_with_namespace(data)
    except xmlsafe.XmlProblem as exc:
        raise Refused(exc.problem) from exc
    if root.tag in ubl.ROOTS and "uncefact" not in namespace:
        proposal = ubl.parse_ubl(root)
    elif root.tag in cii.ROOTS or (root.tag == "Invoice" and "uncefact" in namespace):
        # the last: ZUGFeRD 1.0 release candidate (CBFBUY:5), same terms as ZUGFeRD 1.0
        proposal = cii.parse_cii(root, source_kind or "cii")
    else:
        raise Refused(Problem(codes.XML_UNSUPPORTED, None, {"root": str(root.tag)[:80]}))
    return proposal


def _embedded(doc, limits: Limits) -> Proposal | None:
    for _name, data in pdf.attachments(doc, limits):
        try:
            return proposal_from_xml(data, "cii-embedded")
        except Refused:
            continue  # an unreadable attachment: fall back to the visible invoice
    return None


def _from_words(words: dict[int, list[Word]], source: str, country_hint, buyer_ids,
                layouts: dict | None = None, learn: dict | None = None) -> Proposal:
    flat = [w for i in sorted(words) for w in words[i]]
    lines = group_lines(flat)
    proposal = extract_fields(lines, source, country_hint, buyer_ids)
    if layouts:
        _read_by_layout(proposal, lines, layouts)
    if learn:
        proposal.learned = [a for a in (learned.learn(lines, f, v) for f, v in learn.items()) if a]
    return proposal


_IDENTIFIERS = ("vendor_org_no", "vendor_vat_id", "vendor_iban", "vendor_account_no", "vendor_kvk")


def _read_by_layout(proposal: Proposal, lines, layouts: dict) -> None:
    """The vendor's learned anchors (``layouts``: compact identifier -> anchors), found by any
    identifier printed on this invoice, read their fields first (ocr/learned.py)."""
    for name in _IDENTIFIERS:
        value = proposal.value(name)
        anchors = layouts.get("".join(ch for ch in (value or "") if ch.isalnum()).upper()) if value else None
        if anchors:
            for field_name, found in learned.apply(lines, anchors).items():
                proposal.fields[field_name] = Field(found, learned.CONFIDENCE, "layout")
            return


def _missing(p: Proposal) -> bool:
    return any(p.value(n) is None for n in _HYBRID_NEEDS)


def proposal_from_pdf(data: bytes, limits: Limits, country_hint: str | None = None,
                      buyer_ids: frozenset[str] = frozenset(), use_embedded: bool = True,
                      force_ocr: bool = False, layouts: dict | None = None, learn: dict | None = None) -> Proposal:
    doc = pdf.open_pdf(data, limits)
    try:
        if use_embedded and (found := _embedded(doc, limits)) is not None:
            found.page_count = len(doc)
            found.problems += hybrid.check_pdf(found, data, limits, country_hint, buyer_ids).problems
            return found
        text = pdf.read_text(data, limits)
        scan_pages = [i for i, w in text.words.items() if force_ocr or pdf.needs_ocr(w)]
        words = dict(text.words)
        words.update(pdf.ocr(doc, scan_pages, limits))
        kind = "pdf-ocr" if len(scan_pages) == len(words) else ("pdf-hybrid" if scan_pages else "pdf-text")
        proposal = _from_words(words, "ocr" if scan_pages else "text", country_hint, buyer_ids, layouts, learn)
        if _missing(proposal) and not scan_pages:
            sizes = {i: doc[i].get_size() for i in words}
            image_pages = pdf.large_image_pages(text, sizes)
            if image_pages:
                extra = pdf.ocr(doc, image_pages, limits)
                for i, ocr_words in extra.items():
                    words[i] = words[i] + [w for w in ocr_words if pdf.inside(w, text.image_boxes[i])]
                proposal, kind = _from_words(words, "ocr", country_hint, buyer_ids, layouts, learn), "pdf-hybrid"
        proposal.source_kind = kind
        proposal.page_count = len(doc)
        return proposal
    finally:
        doc.close()


def extract_bytes(data: bytes, name: str, limits: Limits = Limits(), country_hint: str | None = None,
                  buyer_ids: frozenset[str] = frozenset(), use_embedded: bool = True,
                  force_ocr: bool = False, layouts: dict | None = None, learn: dict | None = None) -> Proposal:
    kind = sniff(data[:1024])
    if kind == "xml":
        proposal = proposal_from_xml(data)
    elif kind == "pdf":
        proposal = proposal_from_pdf(data, limits, country_hint, buyer_ids, use_embedded, force_ocr,
                                     layouts, learn)
    else:
        code = codes.PDF_NOT_A_PDF if name.lower().endswith(".pdf") else codes.INTAKE_UNSUPPORTED_TYPE
        raise Refused(Problem(code, None, {"name": name}))
    return check(proposal, country_hint)


def extract_file(path: Path, limits: Limits = Limits(), country_hint: str | None = None,
                 buyer_ids: frozenset[str] = frozenset(), use_embedded: bool = True,
                 force_ocr: bool = False, layouts: dict | None = None, learn: dict | None = None) -> Proposal:
    """Checked proposal for ``path``; raises :class:`Refused` (with ``.problem``) if unreadable.

    In-process: use for tests, benchmarks and trusted files;
    :func:`ocr.sandbox.extract_in_subprocess` for files from the inbox.
    """
    path = Path(path)
    problem = precheck(path, limits)
    if problem is not None:
        raise Refused(problem)
    return extract_bytes(_read_no_follow(path, limits), path.name, limits, country_hint, buyer_ids,
                         use_embedded, force_ocr, layouts, learn)


def _read_no_follow(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refusing a symlink or FIFO swapped in after precheck."""
    try:
        fd = open_regular(path)
    except NotARegularFile as exc:
        raise Refused(Problem(codes.INTAKE_NOT_A_FILE, None, {"name": path.name, "type": "changed"})) from exc
    except OSError as exc:
        code = codes.INTAKE_SYMLINK if path.is_symlink() else codes.INTAKE_UNREADABLE
        raise Refused(Problem(code, None, {"name": path.name, "reason": exc.strerror})) from exc
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise Refused(Problem(codes.INTAKE_TOO_LARGE, None, {"max_bytes": limits.max_bytes}))
    return data
