"""The posting flow's task and query without Prefect (the flow itself runs under a real
Prefect server in tests/flows/test_scale_out.py and test_crash_restart.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from domain.operations import status as operations
from domain.purchasing import documents as purchase_documents
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.company import GeneralPostingSetup
from flows import posting_flow, settings
from tests.support.documents import gl_line, invoice, item_line


@pytest.fixture
def task_app(app, db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    yield app
    posting_flow.current_app().dispose()
    settings._cached_app.cache_clear()


def _released(app, n: int, **line) -> list[str]:
    nos = [purchase_documents.create_document(app, invoice(lines=[line.get("line") or gl_line()]))
           for _ in range(n)]
    with app.uow() as s:
        s.execute(update(PurchaseHeader).where(PurchaseHeader.no.in_(nos)).values(status="released"))
    return nos


def test_released_documents_are_listed_oldest_first_and_open_drafts_are_not(task_app):
    purchase_documents.create_document(task_app, invoice(lines=[gl_line()]))  # open: not for posting
    nos = _released(task_app, 3)
    assert operations.released_documents(task_app) == nos
    assert operations.released_documents(task_app, limit=2) == nos[:2]


def test_posting_a_document_twice_returns_the_first_result(task_app):
    [no] = _released(task_app, 1)
    first = posting_flow.post_one.fn(no)
    again = posting_flow.post_one.fn(no)
    assert first["result"] == "posted" and first["posted_no"] == "PPI-000001"
    assert again == {**first, "result": "already posted"}
    assert operations.released_documents(task_app) == []


def test_a_refused_posting_is_a_result_with_its_codes_and_the_document_stays_released(task_app):
    with task_app.uow() as s:
        s.execute(delete(GeneralPostingSetup).where(GeneralPostingSetup.gen_prod_posting_group == "RETAIL"))
    [no] = _released(task_app, 1, line=item_line("1000", "1", "10"))
    row = posting_flow.post_one.fn(no)
    assert row["result"] == "rejected" and row["posted_no"] is None
    assert "SETUP-MISSING-GENERAL-POSTING-SETUP" in row["problems"]
    assert operations.released_documents(task_app) == [no]
