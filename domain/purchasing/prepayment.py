"""Purchase prepayment invoices and credit memos (BC codeunit Purchase-Post Prepayments).

``purchase order prepayment-invoice PO-…`` posts a purchase invoice of what the order's lines
have due as prepayment (:mod:`domain.ledger.rules.prepayment`): one G/L account line per
order line on the Purch. Prepayments Account of its general posting setup, with the order
line's VAT product group, so the posting is the purchase kernel's own: the prepayment
account debited with the net, the purchase VAT with the VAT, the vendor ledger entry (an
invoice the vendor is paid by) with the total. ``prepayment-credit-memo`` takes back what is
invoiced and not yet deducted, applied to the open prepayment invoice. The final invoice
deducts the prepayment line by line (:mod:`domain.purchasing.prepayment_deduction`).

Both refuse an order waiting for approval (BC: the order must be released), and write
nothing when they refuse (PREPMT-NOTHING-TO-INVOICE, PREPMT-NOTHING-TO-CREDIT,
PREPMT-ACCOUNT-MISSING).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identifiers import normalise_document_no
from domain.identity import access
from domain.ledger.rules.prepayment import to_credit, to_invoice
from domain.ledger.rules.amounts import Fixed
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected
from domain.purchasing import kernel, orders
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader, PurchaseLine
from domain.setup.queries import company


def post_invoice(app: App, order_no: str, vendor_invoice_no: str | None = None) -> PostResult | Rejected:
    """Post the order's prepayment invoice; its posted no. (prefix of posted purchase invoices)."""
    return _run(app, order_no, "invoice", vendor_invoice_no)


def post_credit_memo(app: App, order_no: str, vendor_cr_memo_no: str | None = None) -> PostResult | Rejected:
    """Post a prepayment credit memo of everything invoiced as prepayment and not yet deducted."""
    return _run(app, order_no, "credit_memo", vendor_cr_memo_no)


def _run(app: App, order_no: str, document_type: str, external_no: str | None):
    def run(session: Session) -> PostResult | Rejected:
        order = kernel.locked_order(session, order_no)
        if gate := kernel.approval_problems(session, order, app.user):
            return Rejected(gate)
        return post_in_session(session, order, document_type, external_no, app.user)

    result = access.command(app, "purchase.post", run)
    kernel.audit_gate_refusal(app, order_no, result)
    return result


def post_in_session(session: Session, order: PurchaseHeader, document_type: str, external_no: str | None,
                    user: str | None) -> PostResult | Rejected:
    lines = [ps.prepayment_line(session, order, line, line.direct_unit_cost) for line in order.lines]
    lcy = company(session).currency
    if document_type == "invoice":
        due = to_invoice(lines, order.currency_code)
        fixed = ps.invoice_amounts(session, order, due, lcy)
        amounts = {no: (amount, fixed[no]) for no, amount in due.items()}
        nothing = "PREPMT-NOTHING-TO-INVOICE"
    else:
        amounts = to_credit(lines)
        nothing = "PREPMT-NOTHING-TO-CREDIT"
    if not amounts:
        return Rejected([Problem(nothing, "no", {"no": order.no})])
    problems: list[Problem] = []
    draft_lines = [_draft_line(session, order, line, *amounts[line.line_no], problems)
                   for line in order.lines if line.line_no in amounts]
    if problems:
        return Rejected(problems)
    count = sum(1 for d in ps.documents(session, "purchase", order.no) if d.document_type != "deduction") + 1
    draft = orders.new_invoice_draft(session, order, draft_lines, user, document_type)
    suffix = "PP" if document_type == "invoice" else "PPCM"
    draft.vendor_invoice_no = external_no or f"{order.no}-{suffix}{count}"
    draft.vendor_invoice_no_norm = normalise_document_no(draft.vendor_invoice_no)
    if document_type == "credit_memo":
        open_invoices = ps.open_invoices(session, "purchase", order.no)
        draft.applies_to_doc_no = open_invoices[-1] if open_invoices else None
    result = kernel.post_invoice(session, draft, user)
    if isinstance(result, Rejected):
        return result
    sign = Decimal(1) if document_type == "invoice" else Decimal(-1)
    for line in order.lines:
        if line.line_no in amounts:
            amount, fixed = amounts[line.line_no]
            line.prepmt_amt_inv = line.prepmt_amt_inv + sign * amount
            if fixed is not None:
                ps.add_invoiced(line, fixed, sign)
    posted = session.get(PostedPurchaseHeader, result.posted_no)
    ps.record(session, "purchase", document_type, result.posted_no, order, order.vendor_no, posted.amount,
              posted.amount_including_vat, user)
    return result


def _draft_line(session: Session, order: PurchaseHeader, line: PurchaseLine, amount: Decimal, fixed: Fixed | None,
                problems: list[Problem]) -> PurchaseLine:
    account = ps.prepayment_account(session, "purchase", order.gen_bus_posting_group, line.gen_prod_posting_group,
                                    line.line_no, problems)
    pct = format(line.prepayment_pct.normalize(), "f")
    return PurchaseLine(
        type="gl_account", no=account or "", description=f"{pct} % prepayment, {line.line_no}: {line.description}"[:250],
        quantity=Decimal(1), unit_of_measure="", direct_unit_cost=amount, line_discount_pct=ZERO,
        gen_prod_posting_group=line.gen_prod_posting_group, vat_prod_posting_group=line.vat_prod_posting_group,
        location_code="", **ps.prepayment_line_columns(fixed))


def overview(app: App, order_no: str) -> dict:
    """``purchase order prepayments PO-…``: the order's prepayment per line and its documents."""
    with app.uow() as session:
        order = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == order_no,
                                                            PurchaseHeader.document_type == "order"))
        if order is None:
            raise DomainError("PURCH-ORDER-NOT-FOUND", f"no purchase order {order_no!r}", no=order_no)
        return ps.overview(session, "purchase", order, lambda line: line.direct_unit_cost)
