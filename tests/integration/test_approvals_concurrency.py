"""Two processes decide the same approval entries at once: one approves, the other rejects.
Exactly one decision wins per entry, settled inside the database transaction."""

import multiprocessing as mp

from sqlalchemy import select

from domain.approvals import core as approvals
from domain.approvals.model import ApprovalAuditEvent, ApprovalEntry
from domain.bootstrap import build_app
from domain.purchasing import documents as purchase_documents
from domain.purchasing.model import PurchaseHeader
from tests.support.approvals import configure_example
from tests.support.documents import gl_line, invoice


def _decide_all(url: str, action: str, numbers: list[str], queue) -> None:
    from domain.approvals import decide as approvals_decide
    from domain.problems import DomainError

    app = build_app(url, "ola")
    outcomes = []
    for no in numbers:
        try:
            approvals_decide.decide(app, no, action)
            outcomes.append((no, action, None))
        except DomainError as exc:
            outcomes.append((no, action, exc.code))
    app.dispose()
    queue.put(outcomes)


def test_concurrent_approve_and_reject_of_the_same_entry_exactly_one_wins(app, db_url):
    configure_example(app)
    numbers = [purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "20000.00")]))
               for _ in range(12)]
    for no in numbers:
        assert approvals.send_request(app, no).approvers == [(1, "ola")]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_decide_all, args=(db_url, "approve", numbers, queue)),
               ctx.Process(target=_decide_all, args=(db_url, "reject", list(reversed(numbers)), queue))]
    for w in workers:
        w.start()
    results = [outcome for _ in workers for outcome in queue.get(timeout=240)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    with app.uow() as s:
        for no in numbers:
            winners = [action for n, action, code in results if n == no and code is None]
            losers = [code for n, action, code in results if n == no and code is not None]
            assert len(winners) == 1 and losers == ["APPROVAL-ENTRY-ALREADY-DECIDED"], (no, results)
            entry = s.scalars(select(ApprovalEntry).where(ApprovalEntry.document_no == no)).one()
            assert entry.status == {"approve": "approved", "reject": "rejected"}[winners[0]]
            header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
            assert header.status == {"approve": "released", "reject": "open"}[winners[0]]
            decisions = s.scalars(select(ApprovalAuditEvent.action).where(
                ApprovalAuditEvent.document_no == no, ApprovalAuditEvent.action.in_(["approve", "reject"])))
            assert list(decisions) == [winners[0]]
