"""Run ISO Schematron rules (queryBinding xslt2) over an XML document with Saxon (saxonche).

The official PEPPOL BIS Billing 3 rules (CEN-EN16931-UBL.sch, PEPPOL-EN16931-UBL.sch) are shipped
as Schematron, not as the compiled XSLT, and the ISO skeleton XSLTs are not vendored here. So this
module holds a small Schematron-to-XSLT 3 compiler for the subset those files use:

- ``ns`` (namespace declarations), top-level and pattern-level ``let`` (global variables),
  ``xsl:function`` elements (copied unchanged),
- ``pattern`` / ``rule context`` / rule-level ``let`` / ``assert`` and ``report`` with ``id`` and
  ``flag``; ``phase`` is ignored (every pattern runs, like the default ``#ALL`` phase).

Semantics kept from the skeleton: within one pattern, a node fires at most the first rule (in
document order) whose context matches it; every pattern walks the whole tree (elements and
attributes). Anything else in a schema (abstract patterns, ``include``, ``extends``, ``value-of``
in messages) is refused with ``SchematronUnsupported`` rather than silently skipped.

The compiled XSLT is cached on disk (by the hash of the schema text and this compiler's version)
and the compiled executable in-process. The official rules ship in ``peppol_bis3/``
(``PEPPOL_BIS3_RULES``); the inbox (flows/inbox.py) runs them over every incoming UBL document and
the tests over outgoing EHF: ``validate(xml_bytes, PEPPOL_BIS3_RULES)``.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from domain.problems import DomainError, Problem

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
COMPILER_VERSION = "1"
#: the flags that make a document invalid (PEPPOL uses fatal/warning; some rule sets use error)
FAILING_FLAGS = frozenset({"fatal", "error"})
#: the official PEPPOL BIS Billing 3 rules for UBL, shipped with the product (copies of
#: ../shared/standards/peppol-bis-3, OpenPEPPOL commit 78d7f7d; see peppol_bis3/README.md)
PEPPOL_BIS3_DIR = Path(__file__).resolve().parent / "peppol_bis3"
PEPPOL_BIS3_RULES = (PEPPOL_BIS3_DIR / "CEN-EN16931-UBL.sch", PEPPOL_BIS3_DIR / "PEPPOL-EN16931-UBL.sch")


class SchematronUnsupported(Exception):
    """The schema uses a Schematron construct this compiler does not implement (a programming fault
    of the deployment, not a user's input error)."""


@dataclass(frozen=True)
class Finding:
    rule_id: str
    flag: str
    location: str
    text: str
    schema: str

    @property
    def failing(self) -> bool:
        return self.flag in FAILING_FLAGS


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.failing)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.failing)

    @property
    def ok(self) -> bool:
        return not self.errors


def _tag(el) -> str:
    return el.tag.split("}", 1)[1] if el.tag.startswith("{") else el.tag


def _ns_of(el) -> str:
    return el.tag[1:].split("}", 1)[0] if el.tag.startswith("{") else ""


def _serialize_xsl(el, prefixes: dict[str, str]) -> str:
    """Serialise an XSLT element (a function and its body) with the xsl: prefix."""
    ns = _ns_of(el)
    if ns != XSL:
        raise SchematronUnsupported(f"foreign element inside an XSLT block: {el.tag}")
    name = "xsl:" + _tag(el)
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in el.attrib.items())
    inner = escape(el.text or "")
    for child in el:
        inner += _serialize_xsl(child, prefixes) + escape(child.tail or "")
    return f"<{name}{attrs}>{inner}</{name}>"


def compile_schematron(sch_text: bytes) -> str:
    """The XSLT 3 stylesheet text for a Schematron schema (see the module docstring)."""
    root = SafeET.fromstring(sch_text)
    if root.tag != f"{{{SCH}}}schema":
        raise SchematronUnsupported("not an ISO Schematron schema")
    binding = root.get("queryBinding", "xslt")
    if binding not in ("xslt2", "xslt3", "xslt"):
        raise SchematronUnsupported(f"queryBinding {binding}")
    prefixes: dict[str, str] = {"xs": "http://www.w3.org/2001/XMLSchema"}
    for el in root:
        if el.tag == f"{{{SCH}}}ns":
            prefixes[el.get("prefix")] = el.get("uri")
    globals_: list[str] = []
    functions: list[str] = []
    patterns: list[list] = []
    for el in root:
        tag, ns = _tag(el), _ns_of(el)
        if ns == XSL and tag == "function":
            functions.append(_serialize_xsl(el, prefixes))
        elif ns != SCH:
            raise SchematronUnsupported(f"top-level element {el.tag}")
        elif tag == "let":
            globals_.append(_let(el))
        elif tag == "pattern":
            if el.get("abstract") == "true" or el.get("is-a"):
                raise SchematronUnsupported("abstract pattern")
            rules = []
            for child in el:
                ctag = _tag(child)
                if ctag == "let":
                    globals_.append(_let(child))
                elif ctag == "rule":
                    rules.append(child)
                elif ctag in ("title", "p"):
                    continue
                else:
                    raise SchematronUnsupported(f"pattern child {ctag}")
            patterns.append(rules)
        elif tag in ("ns", "title", "phase", "p"):
            continue
        else:
            raise SchematronUnsupported(f"schema child {tag}")
    ns_decls = "".join(f" xmlns:{p}={quoteattr(u)}" for p, u in prefixes.items() if p != "xsl")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}"{ns_decls}'
        f' exclude-result-prefixes="#all">',
        '<xsl:output method="xml" indent="no"/>',
        *globals_,
        *functions,
        '<xsl:template match="/"><svrl>',
        *(f'<xsl:apply-templates select="/" mode="p{i}"/>' for i in range(len(patterns))),
        "</svrl></xsl:template>",
    ]
    for i, rules in enumerate(patterns):
        mode = f"p{i}"
        recurse = f'<xsl:apply-templates select="@*|*" mode="{mode}"/>'
        out.append(f'<xsl:template match="/|@*|node()" mode="{mode}" priority="-10">{recurse}'
                   "</xsl:template>")
        for j, rule in enumerate(rules):
            if rule.get("abstract") == "true":
                raise SchematronUnsupported("abstract rule")
            body = []
            for item in rule:
                itag = _tag(item)
                if itag == "let":
                    body.append(_let(item, local=True))
                elif itag in ("assert", "report"):
                    body.append(_check(item, itag == "assert"))
                else:
                    raise SchematronUnsupported(f"rule child {itag}")
            out.append(f'<xsl:template match={quoteattr(rule.get("context"))} mode="{mode}"'
                       f' priority="{len(rules) - j + 1000}">{"".join(body)}{recurse}'
                       "</xsl:template>")
    out.append("</xsl:stylesheet>")
    return "\n".join(out)


def _let(el, local: bool = False) -> str:
    if el.get("value") is None:
        raise SchematronUnsupported("let without value")
    return f'<xsl:variable name={quoteattr(el.get("name"))} select={quoteattr(el.get("value"))}/>'


def _check(el, is_assert: bool) -> str:
    for child in el:
        raise SchematronUnsupported(f"markup inside an assertion: {_tag(child)}")
    test = el.get("test")
    cond = f"not({test})" if is_assert else f"({test})"
    text = " ".join((el.text or "").split())
    return (f"<xsl:if test={quoteattr(cond)}><failed id={quoteattr(el.get('id') or '')}"
            f" flag={quoteattr(el.get('flag') or 'error')} location=\"{{path()}}\">"
            f"{escape(text)}</failed></xsl:if>")


# --- running -----------------------------------------------------------------------------------

_lock = threading.Lock()
_processor = None
_executables: dict[str, object] = {}


def _cache_dir() -> Path:
    base = os.environ.get("LEDGERFLOW_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ledgerflow")
    return Path(base) / "schematron"


def compiled_xslt(sch_path: Path) -> str:
    """The compiled stylesheet for a schema file, from the disk cache when present."""
    text = Path(sch_path).read_bytes()
    key = hashlib.sha256(COMPILER_VERSION.encode() + b"\0" + text).hexdigest()
    cached = _cache_dir() / f"{key}.xsl"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    xslt = compile_schematron(text)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(xslt)
        os.replace(tmp, cached)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return xslt


def _executable(sch_path: Path):
    global _processor
    from saxonche import PySaxonProcessor

    key = str(Path(sch_path).resolve())
    with _lock:
        if _processor is None:
            _processor = PySaxonProcessor(license=False)
        exe = _executables.get(key)
        if exe is None:
            xslt = compiled_xslt(sch_path)
            exe = _processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=xslt)
            _executables[key] = exe
        return _processor, exe


def _checked(xml: bytes) -> None:
    """Refuse a document with a DTD (entities, external fetches) or malformed XML before Saxon parses
    it: incoming e-invoices are attacker-controlled (the intake's rule, ocr/xmlsafe.py)."""
    try:
        SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DomainError("SCHEMATRON-UNSAFE-XML", type(exc).__name__, reason=type(exc).__name__) from exc
    except (ParseError, ValueError) as exc:
        raise DomainError("SCHEMATRON-INVALID-XML", str(exc)[:200], reason=str(exc)[:200]) from exc


def validate(xml: bytes, schemas: list[Path] | tuple[Path, ...]) -> Report:
    """Every finding of every schema for one document; a document with a DTD or that is not
    well-formed is refused (SCHEMATRON-UNSAFE-XML / SCHEMATRON-INVALID-XML) before Saxon sees it."""
    _checked(xml)
    findings: list[Finding] = []
    for sch in schemas:
        proc, exe = _executable(sch)
        with _lock:
            node = proc.parse_xml(xml_text=xml.decode("utf-8"))
            exe.set_global_context_item(xdm_item=node)
            result = exe.transform_to_string(xdm_node=node)
        for el in SafeET.fromstring(result.encode("utf-8")):
            findings.append(Finding(el.get("id"), el.get("flag"), el.get("location"),
                                    el.text or "", Path(sch).name))
    return Report(tuple(findings))


#: the problem codes of a broken rule: a failing flag (fatal/error) keeps an incoming document in
#: review, a warning is only shown
RULE_FATAL = "PEPPOL-RULE-FATAL"
RULE_WARNING = "PEPPOL-RULE-WARNING"
#: room for a rule's text in a problem (the official texts are well under it)
MESSAGE_ROOM = 500


def rule_problems(report: Report) -> list[Problem]:
    """One problem per broken rule, failing rules first: a rule that fires on many nodes (every
    line, say) is listed once. The rule set is fixed, so the list is bounded by it, never by the
    document. ``message`` is the rule's own text, cut to :data:`MESSAGE_ROOM` (shown escaped)."""
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for f in sorted(report.findings, key=lambda f: not f.failing):
        code = RULE_FATAL if f.failing else RULE_WARNING
        rule = (f.rule_id or "?")[:80]
        if (code, rule) in seen:
            continue
        seen.add((code, rule))
        out.append(Problem(code, None, {"rule": rule, "message": " ".join(f.text.split())[:MESSAGE_ROOM]}))
    return out
