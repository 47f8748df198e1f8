"""Two processes posting at once: every document posts exactly once and the
posted numbers have no gaps, settled by the database (row locks, unique keys)."""

import multiprocessing as mp

from sqlalchemy import func, select

from domain.bootstrap import build_app
from domain.ledger.model import GLEntry, ItemLedgerEntry, VendorLedgerEntry
from domain.purchasing import documents as purchase_documents
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader, PurchaseLine
from tests.support.documents import gl_line, invoice, item_line


def _post_all(url: str, numbers: list[str], queue) -> None:
    from domain.purchasing import posting as purchase_posting

    app = build_app(url, "admin")  # a user who may post
    outcomes = []
    for no in numbers:
        result = purchase_posting.post_document(app, no)
        outcomes.append((no, getattr(result, "posted_no", None), getattr(result, "codes", None)))
    app.dispose()
    queue.put(outcomes)


def test_two_processes_posting_the_same_drafts_post_each_once_with_gap_free_numbers(app, db_url):
    drafts = [purchase_documents.create_document(
        app, invoice(lines=[item_line("1000", "2", "50"), gl_line("6800", "100")])) for _ in range(30)]
    # one document that will be refused (duplicate vendor invoice no. of the first) must not burn a number
    with app.uow() as s:
        first = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == drafts[0]))
        s.add(PurchaseHeader(
            no="PI-DUP", document_type="invoice", vendor_no=first.vendor_no,
            vendor_invoice_no=first.vendor_invoice_no, vendor_invoice_no_norm=first.vendor_invoice_no_norm,
            document_date=first.document_date, posting_date=first.posting_date, due_date=first.due_date,
            currency_code="NOK", gen_bus_posting_group="DOMESTIC", vat_bus_posting_group="DOMESTIC",
            vendor_posting_group="DOMESTIC", lines=[PurchaseLine(
                line_no=1, type="gl_account", no="6800", quantity=1, direct_unit_cost=10,
                gen_prod_posting_group="", vat_prod_posting_group="HIGH")]))
    order_a = drafts[:15] + ["PI-DUP"] + drafts[15:]
    order_b = list(reversed(order_a))
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_post_all, args=(db_url, order, queue)) for order in (order_a, order_b)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    posted = {}
    for outcomes in results:
        for no, posted_no, codes in outcomes:
            if no in ("PI-DUP", drafts[0]):
                continue  # twins: whichever posts first wins, the other is refused (checked below)
            assert posted_no is not None, (no, codes)
            assert posted.setdefault(no, posted_no) == posted_no  # both processes saw the same result
    with app.uow() as s:
        numbers = sorted(s.scalars(select(PostedPurchaseHeader.no)))
        assert numbers == [f"PPI-{n:06d}" for n in range(1, len(numbers) + 1)]  # no gaps
        assert len(numbers) == 30  # 29 drafts + exactly one of the duplicate pair
        twins = dict(s.execute(select(PurchaseHeader.no, PurchaseHeader.status).where(
            PurchaseHeader.no.in_(["PI-DUP", drafts[0]]))).all())
        assert sorted(twins.values()) == ["open", "posted"]
        item_drafts_posted = 29 + (twins[drafts[0]] == "posted")
        assert s.scalar(select(func.count()).select_from(VendorLedgerEntry)) == 30
        assert s.scalar(select(func.sum(GLEntry.amount))) == 0
        assert s.scalar(select(func.sum(ItemLedgerEntry.quantity))) == 2 * item_drafts_posted
