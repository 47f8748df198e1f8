"""The approval e-mails that ask their reader to decide (new request, delegated, overdue) list the
notes a higher area gave on the document (intake's open problems), in every language; the others
do not, and an e-mail without notes has no heading for them."""

import pytest

from domain.approvals.core import NOTED_KINDS
from domain.messaging.outbox import KINDS, LANGUAGES, render

HEADINGS = {"en": "Found when the vendor's document was read:", "nb": "Funnet da leverandørens dokument ble lest:",
            "nl": "Gevonden bij het lezen van het document van de leverancier:"}


def _context(notes, more=0) -> dict:
    words = ("document_no", "from_word", "vendor_name", "amount", "currency", "recipient_name", "requester_name",
             "document_title", "document_title_nb", "document_title_nl", "partner_label", "vendor_no", "due_date",
             "approval_due_date", "recipient_id", "actor_name", "delegated_from_name", "document_type",
             "document_type_nb", "document_type_nl")
    return {**{w: w.upper() for w in words}, "comment": None, "link": None, "pdf_link": None,
            "notes": notes, "more_notes": more}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_deciding_kinds_list_the_notes_one_line_each_and_count_the_rest(kind, language):
    note = {"severity": "Advarsel", "code": "PDF-PAGE-XML-MISMATCH", "message": "the page shows another due date"}
    _subject, body = render(kind, language, _context([note], more=3))
    listed = "  - Advarsel: the page shows another due date (PDF-PAGE-XML-MISMATCH)" in body.splitlines()
    assert listed == (kind in NOTED_KINDS)
    assert (HEADINGS[language] in body) == (kind in NOTED_KINDS)
    if kind in NOTED_KINDS:
        assert "3" in body.split(HEADINGS[language])[1]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", NOTED_KINDS)
def test_without_notes_there_is_no_heading(kind, language):
    _subject, body = render(kind, language, _context([]))
    assert HEADINGS[language] not in body and "\n\n\n" not in body
