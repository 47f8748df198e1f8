"""Every problem the inbox and its quarantine can raise reads as a sentence in en, nb and nl."""

import pytest

from domain.problems import Problem

#: each code with the parameters every place that raises it passes (the fewest of them)
RAISED_WITH = {
    "INTAKE-NOT-A-FILE": {"name": "scan.pdf"},
    "INTAKE-UNREADABLE": {"name": "scan.pdf"},
    "INTAKE-QUARANTINE-UNRECORDED": {"name": "scan.pdf", "reason": ""},
    "INTAKE-FILE-NOT-TAKEN": {"path": "/inbox/.scan.pdf", "minutes": 12},
    "INTAKE-FOLDER-UNREADABLE": {"path": "/inbox/locked", "minutes": 0},
    "INTAKE-INBOX-NOT-FOUND": {"path": "/does/not/exist"},
    "OCR-TOO-MANY-LINES": {"lines": 178000, "max_lines": 5000},
}


@pytest.mark.parametrize("code", sorted(RAISED_WITH))
@pytest.mark.parametrize("language", ["en", "nb", "nl"])
def test_intake_problem_texts_exist_in_every_language_with_no_unfilled_placeholder(code, language):
    text = Problem(code, None, RAISED_WITH[code]).message(language)
    assert not text.startswith(code) and "{" not in text and "}" not in text
    assert all(str(value) in text for key, value in RAISED_WITH[code].items() if key in ("name", "path", "lines"))
