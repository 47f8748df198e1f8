"""Scale-out: a Prefect server on PostgreSQL, a `process` work pool set up from
prefect.yaml with `prefect deploy --all`, two `prefect worker start` processes
sharing one inbox and archive, the domain database on PostgreSQL.

200 files (90 distinct invoices, 110 extra copies) are swept by several inbox
runs at once on both workers: each distinct file yields exactly one incoming
document. Then every draft is approved through the demo approval workflows and
several posting runs race on both workers: each posts exactly once, posted
numbers have no gaps, the G/L balances. Nothing here coordinates the workers: the database does (unique
SHA-256, row locks, the locked number-series row).
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import func, select

from domain.bootstrap import build_app
from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.purchasing.model import PurchaseHeader
from domain.setup.initialize import initialize
from tests.support import servers
from tests.support.approvals import configure_example

DISTINCT, COPIES = 90, 110


@pytest.fixture
def cluster(tmp_path):
    """Prefect server (PostgreSQL), domain database (PostgreSQL), work pool, deployments, two workers."""
    tag = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"
    prefect_db, domain_db = f"prefect_scale_{tag}", f"ledgerflow_scale_{tag}"
    prefect_url = servers.create_pg_database(prefect_db).replace("+psycopg", "+asyncpg")
    domain_url = servers.create_pg_database(domain_db)
    port = servers.free_port()
    api = f"http://127.0.0.1:{port}/api"
    home = tmp_path / "home"
    (home / "prefect").mkdir(parents=True)
    env = servers.base_env(home, LEDGERFLOW_DATABASE_URL=domain_url, PREFECT_API_URL=api,
                           PREFECT_WORKER_QUERY_SECONDS="1", PREFECT_WORKER_PREFETCH_SECONDS="5")
    server_env = {**env, "PREFECT_SERVER_DATABASE_CONNECTION_URL": prefect_url}
    server_env.pop("PREFECT_API_URL")
    processes = [servers.start([str(servers.BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], server_env, tmp_path / "server.log")]
    app = build_app(domain_url, "kari")
    try:
        import migrations

        migrations.upgrade(app.engine)
        initialize(app, "NO", demo=True)
        configure_example(app)
        servers.wait_until(lambda: servers.healthy(api), 120, "the Prefect server")
        servers.prefect("work-pool", "create", "ledgerflow", "--type", "process", env=env)
        servers.prefect("--no-prompt", "deploy", "--all", env=env)
        for n in (1, 2):
            processes.append(servers.start([str(servers.BIN / "prefect"), "worker", "start", "--pool",
                                            "ledgerflow", "--name", f"worker-{n}", "--limit", "3"],
                                           env, tmp_path / f"worker-{n}.log"))
        yield app, home, env
    finally:
        for process in reversed(processes):
            servers.stop(process)
        app.dispose()
        servers.drop_pg_database(domain_db)
        servers.drop_pg_database(prefect_db)


def _run_and_wait(env: dict, deployment: str, count: int, parameters: dict | None = None) -> list:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]}), \
            get_client(sync_client=True) as client:
        deployment_id = client.read_deployment_by_name(deployment).id
        ids = [client.create_flow_run_from_deployment(deployment_id, parameters=parameters or {}).id
               for _ in range(count)]
        runs = servers.wait_until(
            lambda: (found := [client.read_flow_run(i) for i in ids])
            and all(r.state.is_final() for r in found) and found, 150, f"{count} runs of {deployment}")
        return runs


@pytest.mark.prefect
def test_two_workers_sharing_one_inbox_make_one_document_per_file_and_post_each_once(cluster, tmp_path):
    app, home, env = cluster
    written = servers.write_invoices(app, home / "inbox", DISTINCT, COPIES, tmp_path)
    assert written == 200

    runs = _run_and_wait(env, "inbox-sweep/inbox-sweep", 4, {"settle_s": 0.5})
    assert all(r.state.is_completed() for r in runs), [r.state.message for r in runs]
    workers = {r.work_queue_name for r in runs}
    assert workers == {"default"}
    if any((home / "inbox").iterdir()):  # a sweep that listed the inbox after the others emptied it
        _run_and_wait(env, "inbox-sweep/inbox-sweep", 1, {"settle_s": 0.5})
    assert not list((home / "inbox").iterdir())
    with app.uow() as session:
        documents = session.scalar(select(func.count()).select_from(IncomingDocument))
        hashes = session.scalar(select(func.count(func.distinct(IncomingDocument.sha256))))
        names = set(session.scalars(select(IncomingDocument.original_name))) | set(
            session.scalars(select(IncomingDocumentCopy.original_name)))
        drafts = session.scalar(select(func.count()).select_from(PurchaseHeader))
    assert documents == hashes == DISTINCT
    assert len(names) == written  # every file is accounted for, as the document or a copy of it
    assert drafts <= DISTINCT

    released = servers.approve_drafts(app)
    assert len(released) == drafts > 0
    runs = _run_and_wait(env, "post-released-documents/post-released", 4)
    assert all(r.state.is_completed() for r in runs), [r.state.message for r in runs]
    servers.assert_posted_once_gap_free_and_balanced(app, released)
