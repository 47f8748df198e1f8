"""Safe XML parsing for e-invoices, and a tiny local-name path helper.

Every XML byte string goes through defusedxml with DTDs forbidden: an
e-invoice never needs a DTD, and refusing it outright removes entity
expansion (billion laughs), external entities (XXE) and external DTD fetches
in one rule. Namespaces are then dropped from tags: UBL 2.1, EHF 2/3, CII
D16B and ZUGFeRD 1 differ in namespace URIs and prefixes but the business
terms we read have stable local names, so paths are written as local names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from domain.money import MoneyError, fmt, to_decimal
from domain.problems import Problem
from ocr import codes

#: lines read from one e-invoice: far above any real invoice, low enough that the
#: proposal, the stored document and ``documents show`` stay small (a 24 MB UBL
#: can carry 178,000 lines); above it no line is read and the document waits in review
MAX_LINES = 5_000


def bounded_lines(nodes: list[ET.Element]) -> tuple[list[ET.Element], list[Problem]]:
    """The line elements to read, or none and OCR-TOO-MANY-LINES: counted before any
    line becomes an object, so what leaves the sandbox stays bounded."""
    if len(nodes) > MAX_LINES:
        return [], [Problem(codes.OCR_TOO_MANY_LINES, "lines", {"lines": len(nodes), "max_lines": MAX_LINES})]
    return nodes, []


class XmlProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def parse(data: bytes) -> ET.Element:
    """Root element with namespace-free tags; raises :class:`XmlProblem`."""
    return parse_with_namespace(data)[0]


def parse_with_namespace(data: bytes) -> tuple[ET.Element, str]:
    """(root with namespace-free tags, the root's namespace URI); raises :class:`XmlProblem`."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XmlProblem(Problem(codes.XML_UNSUPPORTED, None, {"reason": type(exc).__name__})) from exc
    except (ET.ParseError, ValueError) as exc:
        raise XmlProblem(Problem(codes.XML_INVALID, None, {"reason": str(exc)[:200]})) from exc
    namespace = root.tag[1:].split("}", 1)[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[1]
        el.attrib = {k.rsplit("}", 1)[-1]: v for k, v in el.attrib.items()}
    return root, namespace


def find(el: ET.Element | None, path: str) -> ET.Element | None:
    """First element along ``path`` (``A/B|C/D``: ``|`` separates alternatives)."""
    found = find_all(el, path)
    return found[0] if found else None


def find_all(el: ET.Element | None, path: str) -> list[ET.Element]:
    if el is None:
        return []
    current = [el]
    for step in path.split("/"):
        names = step.split("|")
        current = [child for node in current for child in node if child.tag in names]
    return current


def text(el: ET.Element | None, path: str | None = None) -> str | None:
    node = find(el, path) if path else el
    if node is None or node.text is None:
        return None
    value = " ".join(node.text.split())
    return value or None


def amount(el: ET.Element | None, path: str | None = None) -> Decimal | None:
    raw = text(el, path)
    if raw is None:
        return None
    try:
        return to_decimal(raw)
    except MoneyError:
        return None


def amount_str(el: ET.Element | None, path: str | None = None) -> str | None:
    value = amount(el, path)
    return None if value is None else fmt(value)


def cii_date(el: ET.Element | None, path: str) -> str | None:
    """A CII ``DateTimeString`` (format 102 = YYYYMMDD) as ISO ``YYYY-MM-DD``."""
    raw = text(el, path)
    if raw is None:
        return None
    digits = raw.replace("-", "")
    if len(digits) >= 8 and digits[:8].isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return None
