"""A problem message names a field in the reader's language (en, nb, nl), never by its raw key;
the problem keeps the raw key (scripts and the JSON outputs match on it).

The field keys come from reading the intake and OCR code: every literal field a ``Problem`` of
``ocr/`` or ``domain/intake/`` carries (as its field or as its ``field`` parameter), every
header field of the intake contract and every line field a correction may set.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from domain import intake_contract as contract
from domain.field_names import FIELD_CAPTIONS, LINE_CAPTIONS, display_name
from domain.intake import rules as intake_rules
from domain.messages import KEY_PLACEHOLDERS, MESSAGES, render_problem
from domain.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "nb", "nl")
INTAKE_SOURCES = sorted([*(ROOT / "ocr").glob("*.py"), *(ROOT / "domain" / "intake").glob("*.py"),
                         ROOT / "domain" / "intake_contract.py"])


def _literal_fields(tree: ast.AST) -> set[str]:
    """The string literals a ``Problem(code, field, {"field": ...})`` call passes as its field."""
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Problem"):
            continue
        args = list(node.args[1:2]) + [kw.value for kw in node.keywords if kw.arg == "field"]
        if len(node.args) > 2 and isinstance(node.args[2], ast.Dict):
            args += [v for k, v in zip(node.args[2].keys, node.args[2].values)
                     if isinstance(k, ast.Constant) and k.value == "field"]
        found |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def _settlement_columns() -> set[str]:
    """The vendor posting group columns INTAKE-SETTLEMENT-ACCOUNT-MISSING names (its ``account``)."""
    tree = ast.parse((ROOT / "domain" / "intake" / "drafts.py").read_text())
    [table] = [n.value for n in tree.body if isinstance(n, ast.Assign)
               and any(getattr(t, "id", "") == "_SETTLEMENT" for t in n.targets)]
    return {row[1] for row in ast.literal_eval(table)}


LITERAL_FIELDS = set().union(*(_literal_fields(ast.parse(p.read_text())) for p in INTAKE_SOURCES))
HEADER_FIELDS = set(contract.FIELD_NAMES) | set(contract.REQUIRED_FIELDS) | LITERAL_FIELDS
#: what ``documents correct`` sets besides the header fields (domain/intake/documents.py)
CORRECTION_KEYS = {"vendor_no", "document_type"}
LINE_KEYS = {f"line.1.{attr}" for attr in intake_rules.LINE_FIELDS}
SETTLEMENT_COLUMNS = _settlement_columns()
#: codes whose text names a field by ``{field}`` and that intake or OCR raise about a header field
FIELD_CODES = sorted(code for code, texts in MESSAGES.items()
                     if code.startswith(("OCR-", "INTAKE-", "PDF-PAGE")) and all("{field" in t for t in texts.values()))


def test_the_scan_of_the_intake_code_finds_the_fields_its_problems_carry():
    assert {"vendor_vat_id", "gross_amount", "payable_amount", "vat_amount", "due_date", "lines"} <= LITERAL_FIELDS
    assert {"prepayment_account", "invoice_rounding_account"} == SETTLEMENT_COLUMNS
    assert {"OCR-MISSING-FIELD", "INTAKE-MISSING-FIELD", "OCR-AMBIGUOUS-FIELD", "PDF-PAGE-XML-MISMATCH"} <= set(FIELD_CODES)


@pytest.mark.parametrize("key", sorted(HEADER_FIELDS | CORRECTION_KEYS | SETTLEMENT_COLUMNS | LINE_KEYS))
def test_every_field_key_intake_and_ocr_can_name_has_a_name_in_every_language(key):
    for language in LANGUAGES:
        name = display_name(key, language)
        assert name and name != key, f"{key} has no {language} name in domain/field_names.py"


@pytest.mark.parametrize("table", [FIELD_CAPTIONS, LINE_CAPTIONS], ids=["fields", "line fields"])
def test_every_name_in_the_tables_is_given_in_all_three_languages_and_starts_with_a_capital(table):
    incomplete = [key for key, names in table.items() if set(names) != set(LANGUAGES)]
    assert incomplete == []
    lower = [(key, name) for key, names in table.items() for name in names.values() if not name[:1].isupper()]
    assert lower == []


@pytest.mark.parametrize("code", FIELD_CODES)
@pytest.mark.parametrize("key", sorted(HEADER_FIELDS - {"lines"}))
def test_an_intake_message_names_the_field_in_the_readers_language_not_by_its_key(code, key):
    problem = Problem(code, key, {"field": key, "value": "X1", "values": ["1", "2"], "page_value": "1",
                                  "xml_value": "2", "length": 300, "max_length": 250, "max_digits": 13})
    for language in LANGUAGES:
        text = render_problem(problem, language)
        # a "correct it" message also says what to type: the key, in the command it goes into
        hint = f"(documents correct ID {key}=...)"
        assert (hint in text) == ("TOO-" in code), (language, text)
        text = text.replace(hint, "")
        assert FIELD_CAPTIONS[key][language] in text and key not in text, (language, text)
    assert problem.params["field"] == key and problem.field == key  # the problem keeps the raw key


def test_the_norwegian_and_dutch_missing_due_date_and_vat_number_read_as_their_names():
    due = Problem("OCR-MISSING-FIELD", "due_date", {"field": "due_date"})
    assert due.message("nb") == "Forfallsdato kunne ikke leses fra dokumentet."
    assert due.message("nl") == "Vervaldatum kon niet uit het document worden gelezen."
    assert due.message("en") == "Due Date could not be read from the document."
    vat = Problem("INTAKE-MISSING-FIELD", "vendor_vat_id", {"field": "vendor_vat_id"})
    assert vat.message("nb") == "Feltet Org.nr./MVA-nr. mangler på fakturaen."
    assert vat.message("nl") == "Veld Btw-nummer ontbreekt op de factuur."


def test_a_line_correction_key_reads_as_the_line_fields_name_with_its_line():
    too_large = Problem("INTAKE-NUMBER-TOO-LARGE", "lines",
                        {"field": "line.3.quantity", "value": "1E+20", "max_digits": 13})
    assert too_large.message("nb").startswith("Antall (linje 3) er 1E+20:")
    assert too_large.message("nl").startswith("Aantal (regel 3) is 1E+20:")
    assert too_large.message("en").startswith("Quantity (line 3) is 1E+20:")


def test_the_vendor_posting_group_setting_reads_as_its_name_and_the_options_are_named():
    problem = Problem("INTAKE-SETTLEMENT-ACCOUNT-MISSING", "prepaid_amount",
                      {"group": "DOMESTIC", "account": "prepayment_account"})
    assert "account" in KEY_PLACEHOLDERS[problem.code]
    text = problem.message("nb")
    assert "mangler Forskuddskonto" in text and "--prepayment-account" in text
    assert problem.params["account"] == "prepayment_account"


@pytest.mark.parametrize("key", ["no_such_field", "lines[2]", "line.x.quantity", "line.2.no_such_attr", ""])
def test_a_key_the_tables_do_not_know_shows_as_itself(key):
    assert display_name(key, "nb") == key
    text = Problem("OCR-MISSING-FIELD", key, {"field": key}).message("nb")
    assert text == f"{key} kunne ikke leses fra dokumentet."


def test_a_field_that_is_not_text_or_missing_is_never_an_error():
    assert display_name(None) == "" and display_name(7, "nl") == "7"
    assert Problem("OCR-MISSING-FIELD", None, {"field": 7}).message("nl") == "7 kon niet uit het document worden gelezen."
    assert Problem("OCR-MISSING-FIELD", None).message("en") == " could not be read from the document."


def test_a_language_without_names_falls_back_to_english():
    assert display_name("due_date", "de") == "Due Date"
    assert Problem("OCR-MISSING-FIELD", "due_date", {"field": "due_date"}).message("de").startswith("Due Date ")


def test_a_name_that_starts_the_sentence_gets_a_capital_and_keeps_its_case_inside_it(monkeypatch):
    monkeypatch.setitem(FIELD_CAPTIONS, "e_invoice_id", {"en": "e-invoice id", "nb": "e-faktura-id", "nl": "e-factuur-id"})
    assert Problem("OCR-MISSING-FIELD", "e_invoice_id").message("nb") == "E-faktura-id kunne ikke leses fra dokumentet."
    assert Problem("INTAKE-MISSING-FIELD", "e_invoice_id").message("nb") == "Feltet e-faktura-id mangler på fakturaen."
    assert Problem("OCR-AMBIGUOUS-FIELD", "e_invoice_id", {"values": ["a", "b"]}).message("en").startswith(
        "E-invoice id: the document shows")
