"""Every purchase process under approval (issue 13, item 5), on SQLite and PostgreSQL: a purchase
order above the limits is approved before it is received or invoiced (BC: an order's approval
releases it); a return order before it is shipped back; an edit of a released order reopens it."""

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from domain.approvals import core as approvals
from domain.approvals import decide as approvals_decide
from domain.approvals.model import ApprovalAuditEvent
from domain.ledger.model import GLEntry, ItemLedgerEntry
from domain.messaging.model import OutboxMessage
from domain.problems import DomainError, Rejected
from domain.purchasing import edit as purchase_edit
from domain.purchasing import orders as purchase_orders
from domain.purchasing import posting as purchase_posting
from domain.purchasing import returns as purchase_returns
from domain.purchasing.model import PurchaseHeader
from domain.purchasing.posting import PostResult
from tests.support.approvals import as_user, configure_example
from tests.support.documents import item_line


def order(cost: str = "6000.00", qty: str = "10", **header):
    return {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-20",
            "posting_date": "2026-11-20", "lines": [item_line("1000", qty, cost)], **header}


def status(app, no):
    with app.uow() as s:
        return s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no))


def nothing_posted(app) -> bool:
    with app.uow() as s:
        return (s.scalar(select(func.count()).select_from(GLEntry)) == 0
                and s.scalar(select(func.count()).select_from(ItemLedgerEntry)) == 0)


def codes(result) -> list[str]:
    assert isinstance(result, Rejected), result
    return result.codes


def test_a_purchase_order_above_the_limit_cannot_be_received_and_invoiced_before_it_is_approved(app):
    configure_example(app)
    no = purchase_orders.create_order(app, order())  # 60,000 excl. VAT: workflow PO-LARGE
    assert codes(purchase_orders.receive(app, no)) == ["APPROVAL-REQUIRED"]
    assert codes(purchase_orders.receive_and_invoice(app, no, "INV-1")) == ["APPROVAL-REQUIRED"]
    assert codes(purchase_posting.post_document(app, no)) == ["APPROVAL-REQUIRED"]
    assert nothing_posted(app)
    sent = approvals.send_request(app, no)
    assert (sent.workflow_code, sent.approvers) == ("PO-LARGE", [(1, "ola"), (2, "admin")])
    assert status(app, no) == "pending_approval"
    assert codes(purchase_orders.receive(app, no)) == ["APPROVAL-PENDING"]
    approvals_decide.approve(as_user(app, "ola"), no)
    assert codes(purchase_orders.receive_and_invoice(app, no, "INV-1")) == ["APPROVAL-PENDING"]
    assert nothing_posted(app)
    # the last approval releases the order; it is not posted (auto-post is for invoices)
    outcome = approvals_decide.decide_and_post(as_user(app, "admin"), no, "approve")
    assert outcome.decision.released and outcome.posted_no is None
    assert status(app, no) == "released"
    receipt = purchase_orders.receive(app, no, {1: D(4)})
    assert isinstance(receipt, PostResult) and receipt.posted_no.startswith("PRCPT")
    invoiced = purchase_orders.receive_and_invoice(app, no, "INV-1")
    assert isinstance(invoiced, PostResult) and invoiced.posted_no.startswith("PPI")
    assert status(app, no) == "closed"
    with app.uow() as s:
        refusals = list(s.scalars(select(ApprovalAuditEvent.code).where(
            ApprovalAuditEvent.document_no == no, ApprovalAuditEvent.action == "refuse")
            .order_by(ApprovalAuditEvent.id)))
    assert refusals == ["APPROVAL-REQUIRED"] * 3 + ["APPROVAL-PENDING"] * 2


def test_a_changed_cost_or_an_edit_after_release_needs_a_new_approval(app):
    configure_example(app)
    no = purchase_orders.create_order(app, order())
    approvals.send_request(app, no)
    approvals_decide.approve(as_user(app, "ola"), no)
    approvals_decide.approve(as_user(app, "admin"), no)
    # a cost given at invoicing changes the approved version: refused, nothing posted
    assert codes(purchase_orders.receive_and_invoice(app, no, "INV-1", costs={1: D("9000.00")})) == \
        ["APPROVAL-VERSION-CHANGED"]
    assert nothing_posted(app) and status(app, no) == "released"
    # an edit reopens the released order and voids its approval (BC: Reopen)
    edited = purchase_edit.edit_document(app, no, {"quantity": "12"}, 1)
    assert (edited.version, edited.status, edited.approval_voided) == (2, "open", True)
    assert codes(purchase_orders.receive(app, no)) == ["APPROVAL-REQUIRED"]
    approvals.send_request(app, no)
    with pytest.raises(DomainError) as err:
        purchase_edit.edit_document(app, no, {"quantity": "1"}, 1)
    assert err.value.code == "APPROVAL-DOCUMENT-LOCKED"


def test_an_order_below_the_limit_is_received_without_approval(app):
    configure_example(app)
    no = purchase_orders.create_order(app, order(cost="100.00"))
    assert isinstance(purchase_orders.receive(app, no), PostResult)
    with pytest.raises(DomainError) as err:
        approvals.send_request(app, no)
    assert err.value.code == "APPROVAL-NOT-REQUIRED"


def test_a_return_order_above_the_limit_is_approved_before_it_is_shipped_back_or_credited(app):
    configure_example(app)
    no = purchase_orders.create_order(app, order(cost="3000.00"))  # 30,000: below PO-LARGE
    assert isinstance(purchase_orders.receive_and_invoice(app, no, "INV-9"), PostResult)
    with app.uow() as s:
        entry_no = s.scalar(select(ItemLedgerEntry.entry_no))
    line = item_line("1000", "10", "3000.00", applies_to_entry=entry_no)
    ret = purchase_returns.create_return_order(app, {"vendor_no": "V10000", "document_date": "2026-11-20",
                                                      "posting_date": "2026-11-20", "lines": [line]})
    assert codes(purchase_returns.ship(app, ret)) == ["APPROVAL-REQUIRED"]
    assert codes(purchase_returns.invoice(app, ret, "CM-1")) == ["APPROVAL-REQUIRED"]
    sent = approvals.send_request(app, ret)
    assert (sent.workflow_code, sent.approvers) == ("PRO-LARGE", [(1, "ola")])
    assert codes(purchase_returns.ship(app, ret)) == ["APPROVAL-PENDING"]
    approvals_decide.approve(as_user(app, "ola"), ret)
    assert status(app, ret) == "released"
    assert isinstance(purchase_returns.ship(app, ret), PostResult)
    assert isinstance(purchase_returns.invoice(app, ret, "CM-1"), PostResult)


def test_get_receipt_lines_is_refused_while_pending_and_reopens_a_released_invoice(app):
    from domain.purchasing import documents as purchase_documents
    from tests.support.documents import gl_line, invoice

    configure_example(app, auto_post=False)
    first = purchase_orders.create_order(app, order(cost="100.00"))
    receipt = purchase_orders.receive(app, first).posted_no
    no = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "20000.00")]))
    approvals.send_request(app, no)
    with pytest.raises(DomainError) as err:
        purchase_orders.get_receipt_lines(app, no, [receipt])
    assert err.value.code == "APPROVAL-DOCUMENT-LOCKED"
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        assert (len(header.lines), header.version, header.status) == (1, 1, "pending_approval")
        refusal = s.scalars(select(ApprovalAuditEvent).where(ApprovalAuditEvent.action == "refuse")).one()
        assert (refusal.code, refusal.actor) == ("APPROVAL-DOCUMENT-LOCKED", "kari")
    approvals_decide.approve(as_user(app, "ola"), no)
    assert status(app, no) == "released"
    # on the released invoice the lines are a new version: reopened, approval voided, edit audited
    assert purchase_orders.get_receipt_lines(app, no, [receipt]) == 1
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        assert (len(header.lines), header.version, header.status) == (2, 2, "open")
        actions = list(s.scalars(select(ApprovalAuditEvent.action).where(ApprovalAuditEvent.document_no == no)
                                 .order_by(ApprovalAuditEvent.id)))
    assert actions[-2:] == ["void", "edit"]
    assert codes(purchase_posting.post_document(app, no)) == ["APPROVAL-REQUIRED"]


# --- sales documents (BC's sales approval workflows) ------------------------------------------


def sales(document_type: str, price: str, customer: str = "C10000") -> dict:
    return {"document_type": document_type, "customer_no": customer, "posting_date": "2026-11-20",
            "document_date": "2026-11-20", "lines": [{"type": "gl_account", "no": "3000", "quantity": "1",
                                                      "unit_price": price, "vat_prod_posting_group": "HIGH"}]}


def test_a_large_sales_invoice_is_approved_before_it_posts_and_is_then_posted_by_its_user(app):
    from domain.sales import documents as sales_documents
    from domain.sales import posting as sales_posting

    configure_example(app)
    no = sales_documents.create_document(app, sales("invoice", "150000.00", "C20000"))
    # the credit limit (100,000) is exceeded too: the first workflow that applies is SI-CREDIT-LIMIT
    assert codes(sales_posting.post(app, no)) == ["APPROVAL-REQUIRED"]
    sent = approvals.send_request(app, no)
    assert (sent.workflow_code, sent.approvers) == ("SI-CREDIT-LIMIT", [(1, "admin")])
    with app.uow() as s:  # admin reads English: the e-mail names a sales invoice and its customer
        body = s.scalar(select(OutboxMessage.body).where(OutboxMessage.document_no == no))
    assert f"approve sales invoice {no}" in body and "Customer:            Eik Arkitekter AS (C20000)" in body
    assert codes(sales_posting.post(app, no)) == ["APPROVAL-PENDING"]
    outcome = approvals_decide.decide_and_post(as_user(app, "admin"), no, "approve")
    assert outcome.decision.released and outcome.posted_no is None  # sales: released, posted by its user
    posted = sales_posting.post(app, no)
    assert not isinstance(posted, Rejected) and posted.invoice_no.startswith("PSI")


def test_a_sales_order_over_the_customers_credit_limit_needs_approval_and_a_small_one_does_not(app):
    from domain.sales import documents as sales_documents
    from domain.sales import posting as sales_posting

    configure_example(app)
    small = sales_documents.create_document(app, sales("order", "1000.00"))
    with pytest.raises(DomainError) as err:
        approvals.send_request(app, small)
    assert err.value.code == "APPROVAL-NOT-REQUIRED"
    # 90,000 excl. VAT is below SO-LARGE, but 112,500 incl. VAT is over C10000's credit limit of 100,000
    big = sales_documents.create_document(app, sales("order", "90000.00"))
    assert codes(sales_posting.ship(app, big)) == ["APPROVAL-REQUIRED"]
    assert approvals.send_request(app, big).workflow_code == "SO-CREDIT-LIMIT"
    assert codes(sales_posting.post(app, big)) == ["APPROVAL-PENDING"]
    approvals_decide.approve(as_user(app, "admin"), big)
    assert not isinstance(sales_posting.post(app, big), Rejected)
    # now the customer's balance (112,500 unpaid) plus the small order is over the limit: approval
    assert codes(sales_posting.post(app, small)) == ["APPROVAL-REQUIRED"]
    assert approvals.send_request(app, small).workflow_code == "SO-CREDIT-LIMIT"


def test_a_large_sales_quote_is_made_an_order_only_once_approved(app):
    from domain.problems import RejectedError
    from domain.sales import documents as sales_documents

    configure_example(app)
    quote = sales_documents.create_document(app, sales("quote", "120000.00", "C20000"))
    with pytest.raises(RejectedError) as err:
        sales_documents.make_order(app, quote)
    assert err.value.rejected.codes == ["APPROVAL-REQUIRED"]
    sent = approvals.send_request(app, quote)
    assert (sent.workflow_code, sent.approvers) == ("SQ-LARGE", [(1, "ola"), (2, "admin")])
    with pytest.raises(RejectedError) as err:
        sales_documents.make_order(app, quote)
    assert err.value.rejected.codes == ["APPROVAL-PENDING"]
    approvals_decide.approve(as_user(app, "ola"), quote)
    approvals_decide.approve(as_user(app, "admin"), quote)
    assert sales_documents.make_order(app, quote).startswith("SO-")


def test_a_sales_document_is_sent_only_by_someone_who_may_edit_sales(app):
    from domain.identity import services as identity
    from domain.sales import documents as sales_documents

    configure_example(app)
    identity.add_user(app, "per", "Per", "per@demo.example", "nb", ["purchasing"])
    no = sales_documents.create_document(app, sales("invoice", "150000.00"))
    with pytest.raises(DomainError) as err:
        approvals.send_request(as_user(app, "per"), no)
    assert (err.value.code, err.value.params["permission"]) == ("AUTH-PERMISSION-DENIED", "sales.edit")


def test_a_drop_shipment_receives_its_purchase_order_only_once_that_order_is_approved(app):
    from domain.inventory import journal as item_journal
    from domain.sales import documents as sales_documents
    from domain.sales import posting as sales_posting
    from domain.sales import purchase_for_sale

    configure_example(app)
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1400",
                                     "location": "MAIN", "quantity": "1", "unit_cost": "2000"}])
    order = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": "C10000", "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "1400", "quantity": "30", "unit_price": "500", "location": "MAIN",
             "drop_shipment": True}]})
    po = purchase_for_sale.create_purchase_orders(app, order)[0]["purchase_order_no"]
    assert codes(sales_posting.ship(app, order)) == ["APPROVAL-REQUIRED"]  # the purchase order's (60,000)
    assert approvals.send_request(app, po).workflow_code == "PO-LARGE"
    approvals_decide.approve(as_user(app, "ola"), po)
    approvals_decide.approve(as_user(app, "admin"), po)
    assert not isinstance(sales_posting.ship(app, order), Rejected)
