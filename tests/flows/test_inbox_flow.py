"""The inbox sweep as a Prefect flow (one flow run, one task per document, artifacts)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from prefect.artifacts import Artifact  # noqa: E402
from prefect.client.orchestration import get_client  # noqa: E402

from tests.support.intake import EHF_INVOICE, vendor_invoice  # noqa: E402


@pytest.mark.prefect
def test_sweep_flow_makes_a_draft_a_review_and_a_rejection_with_artifacts(harness, app, db_url, tmp_path,
                                                                           monkeypatch):
    from flows.inbox_flow import inbox_sweep

    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    (tmp_path / "inbox").mkdir()
    pdf, _ = vendor_invoice(app)
    (tmp_path / "inbox" / "faktura.pdf").write_bytes(pdf)
    (tmp_path / "inbox" / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    (tmp_path / "inbox" / "broken.pdf").write_bytes(b"not a pdf at all")
    state = inbox_sweep(settle_s=0, return_state=True)
    assert state.result() == {"created": 1, "review": 1, "rejected": 1}
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
        assert run.name == "inbox: 3 files"
    artifacts = {key: Artifact.get(key) for key in ("inbox-sweep", "incoming-document-1", "incoming-document-2",
                                                    "incoming-document-3")}
    assert all(a is not None and a.flow_run_id == run.id for a in artifacts.values())
    assert sum("TOSL108" in a.data for a in artifacts.values() if a.type == "markdown") == 1
    assert not list((tmp_path / "inbox").iterdir())


@pytest.mark.prefect
def test_a_sweep_of_an_inbox_folder_that_does_not_exist_fails_with_its_code(harness, app, db_url, tmp_path,
                                                                              monkeypatch):
    from flows.inbox_flow import inbox_sweep

    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    state = inbox_sweep(inbox_dir=str(tmp_path / "no-such-folder"), settle_s=0, return_state=True)
    assert state.is_failed() and "INTAKE-INBOX-NOT-FOUND" in state.message
    assert not (tmp_path / "home").exists()
