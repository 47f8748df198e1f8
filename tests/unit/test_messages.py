"""Every problem code the product can emit has a message in en, nb and nl, with no unfilled
placeholder (issue 12; house rule: messages speak the user's language).

The codes come from reading the source (tests/support/problem_codes.py), not from a list
kept by hand: a new ``Problem("NEW-CODE", ...)`` without texts fails here.
"""

from __future__ import annotations

import ast
import re
import string
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from domain.messages import MESSAGES, render_problem
from domain.problems import DomainError, Problem, Rejected, RejectedError
from tests.support.problem_codes import ROOT, scan

LANGUAGES = ("en", "nb", "nl")
SCAN = scan()
CODES = sorted(SCAN.codes)
#: code-shaped strings in the product that are not problem codes
NOT_CODES = {"INVT-COST": "the document no. of a cost posting transaction (domain/costing/gl_posting.py)"}


def placeholders(text: str) -> set[str]:
    """The names a text fills in: ``{vendor_no}``, ``{value!r}`` -> vendor_no, value."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None:
            names.add(re.split(r"[.\[]", name)[0])
    return names


def code_placeholders(code: str) -> set[str]:
    return set().union(*(placeholders(t) for t in MESSAGES[code].values()))


def closed_sites(code: str):
    """Call sites whose params are all known (a literal dict or keywords)."""
    return [s for s in SCAN.sites_of(code) if not s.open]


class _Strict(dict):
    def __missing__(self, key):
        raise KeyError(key)


# -- the scanner ---------------------------------------------------------------------------------

def test_the_scanner_resolves_the_code_of_every_emitting_call():
    assert SCAN.unresolved == [], "\n".join(SCAN.unresolved)


def test_the_scanner_finds_the_codes_of_every_way_a_code_is_built():
    expected = {
        "AP-DUPLICATE-VENDOR-INVOICE": "a literal in Problem(...)",
        "PDF-ENCRYPTED": "an ocr/codes.py constant, chosen by a conditional expression",
        "PDF-NO-TEXT": "a constant declared in ocr/codes.py",
        "SALES-UNKNOWN-ITEM": "an f-string with a known prefix",
        "PURCH-VENDOR-CR-MEMO-NO-MISSING": "a local variable",
        "SETUP-UNKNOWN-POSTING-GROUP": "a parameter, through the calls of the function",
        "OCR-INVALID-IBAN": "a dict table of codes",
        "INTAKE-INVALID-CORRECTION": "a getattr(exc, 'code', default) default",
        "ID-INVALID-KID": "IdentifierError",
        "SETUP-INVALID-DATE-FORMULA": "a DomainError subclass raised without a code",
        "MONEY-INVALID": "a class-level code",
        "COST-APPLICATION-INCONSISTENT": "a DomainError subclass raised with a code",
        "APPROVAL-DUPLICATE-APPROVER": "a conditional expression",
    }
    missing = {code: how for code, how in expected.items() if code not in SCAN.codes}
    assert not missing, f"the scanner found {len(CODES)} codes but not {missing}"


def test_every_code_shaped_string_in_the_product_is_a_problem_code_the_scanner_found():
    """A code emitted some way the scanner does not know still shows up here."""
    unknown = [f"{site}: {text}" for site, text in SCAN.code_like if text not in SCAN.codes | set(NOT_CODES)]
    assert not unknown, "\n".join(unknown)


def _scan_of(tmp_path: Path, source: str):
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "problems.py").write_text("class DomainError(Exception):\n    code = 'DOMAIN-ERROR'\n")
    (tmp_path / "domain" / "m.py").write_text(textwrap.dedent(source))
    return scan(tmp_path, ("domain",))


def test_the_scanner_fails_on_an_f_string_code_it_cannot_expand(tmp_path):
    found = _scan_of(tmp_path, """
        def check(kind):
            return Problem(f"{kind}-UNKNOWN", None, {})
    """)
    assert len(found.unresolved) == 1 and "FSTRING_EXPANSIONS" in found.unresolved[0]


def test_the_scanner_fails_on_a_code_it_cannot_follow(tmp_path):
    found = _scan_of(tmp_path, """
        def check(lookup):
            return Problem(lookup(), None, {})
    """)
    assert len(found.unresolved) == 1 and "lookup()" in found.unresolved[0]


def test_the_scanner_follows_subclasses_parameters_and_dict_params(tmp_path):
    found = _scan_of(tmp_path, """
        from domain.problems import DomainError

        class Refusal(DomainError):
            code = "X-REFUSED"

        def _problem(code, name):
            params = {"name": name}
            return Problem(code, None, {**params, "extra": 1})

        def check():
            _problem("X-FIRST", "a")
            raise Refusal(message="no", who="me")
    """)
    sites = {(s.code, s.params, s.open) for s in found.sites}
    assert found.unresolved == []
    assert {("X-FIRST", frozenset({"name", "extra"}), False), ("X-REFUSED", frozenset({"who"}), False)} <= sites


# -- the texts -----------------------------------------------------------------------------------

def test_every_problem_code_has_a_text_in_en_nb_and_nl():
    missing = [f"{code}: {', '.join(lang for lang in LANGUAGES if not MESSAGES.get(code, {}).get(lang, '').strip())}"
               for code in CODES
               if any(not MESSAGES.get(code, {}).get(lang, "").strip() for lang in LANGUAGES)]
    assert not missing, f"{len(missing)} of the {len(CODES)} codes found lack texts:\n" + "\n".join(missing)


def test_every_text_belongs_to_a_code_the_product_can_emit():
    assert sorted(set(MESSAGES) - SCAN.codes) == []


def test_the_three_texts_of_a_code_use_the_same_placeholders():
    differing = {code: {lang: sorted(placeholders(t)) for lang, t in texts.items()}
                 for code, texts in MESSAGES.items()
                 if len({frozenset(placeholders(t)) for t in texts.values()}) > 1}
    assert not differing


def test_texts_name_their_placeholders():
    positional = [code for code, texts in MESSAGES.items() for t in texts.values()
                  if any(name.isdigit() or name == "" for name in placeholders(t))]
    assert not positional


def test_every_call_site_gives_every_placeholder_of_its_codes_texts():
    lacking = [f"{site} {code}: lacks {sorted(code_placeholders(code) - {'field'} - site.params)}"
               for code in CODES if code in MESSAGES for site in closed_sites(code)
               if code_placeholders(code) - {"field", "field_key"} - site.params]
    assert not lacking, f"{len(lacking)} call sites (of {len(CODES)} codes):\n" + "\n".join(lacking)


def test_no_text_uses_a_placeholder_that_no_call_site_gives():
    unprovided = {}
    for code in CODES:
        given = set().union(*(s.params for s in closed_sites(code))) | {"field", "field_key"}
        if code in MESSAGES and code_placeholders(code) - given:
            unprovided[code] = sorted(code_placeholders(code) - given)
    assert not unprovided


#: a problem code (other keys, e.g. the CLI's PHRASES, are words, not codes)
CODE_SHAPE = re.compile(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)*")


def _text_modules():
    return sorted((ROOT / "domain" / "message_texts").glob("*.py"))


def _defined_codes(path: Path) -> list[str]:
    """Codes a texts module defines: keys of ``MESSAGES = {...}`` and ``MESSAGES.update({...})``."""
    codes = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict) and node.keys and all(
                isinstance(v, ast.Dict) and {k.value for k in v.keys if isinstance(k, ast.Constant)} >= {"en"}
                for v in node.values):
            codes += [k.value for k in node.keys if isinstance(k, ast.Constant) and CODE_SHAPE.fullmatch(k.value)]
    return codes


def test_no_code_is_defined_twice_across_the_message_text_modules():
    counted = Counter(code for path in _text_modules() for code in _defined_codes(path))
    assert sum(counted.values()) == len(MESSAGES)
    assert [code for code, n in counted.items() if n > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendering_every_code_with_its_call_sites_params_leaves_no_placeholder(language):
    unfilled = []
    for code in CODES:
        for params in {s.params for s in closed_sites(code)} or {frozenset()}:
            problem = Problem(code, "lines[1].quantity", {name: f"<{name}>" for name in params})
            text = MESSAGES[code][language]
            try:
                text.format_map(_Strict({name: f"<{name}>" for name in params} | {"field": "f", "field_key": "f"}))
            except KeyError as exc:
                unfilled.append(f"{code} {sorted(params)}: {exc}")
                continue
            rendered = render_problem(problem, language)
            if re.search(r"[{}]", rendered) or rendered.startswith(code):
                unfilled.append(f"{code}: {rendered}")
    assert not unfilled, f"{len(unfilled)} of {len(CODES)} codes:\n" + "\n".join(unfilled)


# -- rendering -----------------------------------------------------------------------------------

def test_a_code_without_text_shows_its_field_and_params_but_not_the_code_again():
    problem = Problem("NO-SUCH-CODE", "lines[2].quantity", {"line_no": 2, "qty": "-1"})
    assert render_problem(problem) == "[lines[2].quantity] line_no=2, qty=-1"
    assert render_problem(Problem("NO-SUCH-CODE")) == ""


def test_a_problem_speaks_the_language_asked_for():
    problem = Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": "V99"})
    assert [render_problem(problem, lang) for lang in LANGUAGES] == [
        "There is no vendor V99.", "Leverandør V99 finnes ikke.", "Leverancier V99 bestaat niet."]


def test_a_domain_error_renders_with_its_keyword_params():
    error = DomainError("PURCH-LINE-NOT-FOUND", "PI-1 has no line 3", no="PI-1", line_no=3)
    assert render_problem(error, "nb") == "PI-1 har ingen linje 3."


def test_a_param_the_problem_lacks_shows_as_a_question_mark_not_as_a_placeholder():
    rendered = render_problem(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {}))
    assert rendered == "There is no vendor ?."


def test_a_domain_error_without_text_keeps_the_message_it_was_raised_with():
    assert DomainError("NO-SUCH-CODE", "the English detail", no="1").message("nb") == "the English detail"


def test_a_rejected_error_speaks_for_each_of_its_problems():
    error = RejectedError(Rejected([Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": "V9"}),
                                    Problem("PURCH-VENDOR-INVOICE-NO-MISSING", "vendor_invoice_no")]))
    assert error.message("nl") == "Leverancier V9 bestaat niet.; Het factuurnummer van de leverancier ontbreekt."
