"""Sales prepayment invoices and credit memos (BC codeunit Sales-Post Prepayments) and the
deduction on the final invoice.

BC "Walkthrough: Setting Up and Invoicing Sales Prepayments": ``sales order
prepayment-invoice SO-…`` posts a sales invoice of what the order's lines have due as
prepayment, one G/L account line per order line on the Sales Prepayments Account of its
general posting setup with the line's VAT product group: the customer ledger entry (with
its KID / betalingskenmerk, so the customer pays it like any invoice), the prepayment
account credited with the net, the sales VAT with the VAT. ``prepayment-credit-memo``
takes back what is invoiced and not yet deducted, applied to the open prepayment invoice.
Each final invoice of the order deducts, line by line, the prepayment of the lines it
invoices (:func:`deduction_snaps`); the customer ledger entry shows the remainder.

With "Check Prepmt. when Posting" on (``setup prepayments --sales-check yes``) an order
whose prepayment is not invoiced and paid is neither shipped nor invoiced
(:func:`check`, PREPMT-UNPAID): the retail flow where goods leave only once paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.db import lock
from domain.identity import access
from domain.ledger.customer_entries import apply_to_document
from domain.ledger.rules.amounts import Fixed
from domain.ledger.rules.prepayment import to_credit, to_invoice
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected
from domain.purchasing import prepayment_setup as ps
from domain.purchasing.prepayment_deduction import DEDUCTION
from domain.sales import kernel
from domain.sales.documents import approval_problems
from domain.sales.kernel import SalesResult
from domain.sales.model import PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine
from domain.sales.rules import SalesLineSnap
from domain.setup.queries import company


@dataclass
class DocLine:
    """A posted document line that is no order line (a prepayment or deduction line): what
    the kernel reads of a line to insert the posted line."""

    line_no: int
    no: str
    description: str
    unit_price: Decimal
    gen_prod_posting_group: str
    vat_prod_posting_group: str
    type: str = "gl_account"
    quantity: Decimal = Decimal(1)
    quantity_invoiced: Decimal = ZERO
    qty_to_invoice: Decimal = ZERO
    unit_of_measure: str = ""
    line_discount_pct: Decimal = ZERO
    location_code: str = ""
    drop_shipment: bool = False
    id: int | None = None
    #: a prepayment line's net and VAT as decided (None: planned from its amount)
    fixed: Fixed | None = None


def post_invoice(app: App, order_no: str) -> SalesResult | Rejected:
    """Post the order's prepayment invoice; its posted no. is a posted sales invoice no."""
    return _run(app, order_no, "invoice")


def post_credit_memo(app: App, order_no: str) -> SalesResult | Rejected:
    """Post a prepayment credit memo of everything invoiced as prepayment and not yet deducted."""
    return _run(app, order_no, "credit_memo")


def _run(app: App, order_no: str, document_type: str) -> SalesResult | Rejected:
    def run(session: Session) -> SalesResult | Rejected:
        order = session.scalar(lock(session, select(SalesHeader).where(
            SalesHeader.no == order_no, SalesHeader.document_type == "order")))
        if order is None:
            return Rejected([Problem("SALES-DOCUMENT-NOT-FOUND", "no", {"no": order_no})])
        if order.status == "closed":
            return Rejected([Problem("SALES-CANNOT-POST", "no", {"no": order_no, "status": order.status,
                                                                  "document_type": order.document_type})])
        if gate := approval_problems(session, order, app.user):
            return Rejected(gate)
        return post_in_session(session, order, document_type, app.user)

    return access.command(app, "sales.post", run)


def _lines(session: Session, order: SalesHeader):
    return [ps.prepayment_line(session, order, line, line.unit_price) for line in order.lines]


def post_in_session(session: Session, order: SalesHeader, document_type: str, user) -> SalesResult | Rejected:
    lines = _lines(session, order)
    lcy = company(session).currency
    if document_type == "invoice":
        due = to_invoice(lines, order.currency_code)
        fixed = ps.invoice_amounts(session, order, due, lcy)
        amounts = {no: (amount, fixed[no]) for no, amount in due.items()}
    else:
        amounts = to_credit(lines)
    if not amounts:
        code = "PREPMT-NOTHING-TO-INVOICE" if document_type == "invoice" else "PREPMT-NOTHING-TO-CREDIT"
        return Rejected([Problem(code, "no", {"no": order.no})])
    problems: list[Problem] = []
    snaps = []
    for line in order.lines:
        if line.line_no in amounts:
            account = ps.prepayment_account(session, "sales", order.gen_bus_posting_group,
                                            line.gen_prod_posting_group, line.line_no, problems)
            pct = format(line.prepayment_pct.normalize(), "f")
            amount, fixed = amounts[line.line_no]
            snaps.append(_snap(DocLine(line.line_no, account or "", f"{pct} % prepayment: {line.description}"[:250],
                                       amount, line.gen_prod_posting_group, line.vat_prod_posting_group,
                                       fixed=fixed)))
    if problems:
        return Rejected(problems)
    open_invoices = ps.open_invoices(session, "sales", order.no)
    posted_no = kernel.post_invoice(session, company(session), order, snaps, document_type, user)
    if isinstance(posted_no, Rejected):
        return posted_no
    if document_type == "credit_memo" and open_invoices:
        apply_to_document(session, "customer", order.customer_no, posted_no, open_invoices[-1], order.posting_date)
    sign = Decimal(1) if document_type == "invoice" else Decimal(-1)
    for line in order.lines:
        if line.line_no in amounts:
            amount, fixed = amounts[line.line_no]
            line.prepmt_amt_inv = line.prepmt_amt_inv + sign * amount
            if fixed is not None:
                ps.add_invoiced(line, fixed, sign)
    posted = session.get(PostedSalesHeader, posted_no)
    ps.record(session, "sales", document_type, posted_no, order, order.customer_no, posted.amount,
              posted.amount_including_vat, user)
    return SalesResult(invoice_no=posted_no)


def _snap(line: DocLine) -> tuple[DocLine, SalesLineSnap]:
    return line, SalesLineSnap(line.line_no, "gl_account", line.no, line.description, line.quantity,
                               line.unit_price, ZERO, line.gen_prod_posting_group, line.vat_prod_posting_group,
                               "", fixed=line.fixed)


def deduction_snaps(session: Session, order: SalesHeader, snaps: list) -> list | Rejected:
    """The deduction lines of the final invoice of ``snaps`` ((order line, snapshot) pairs):
    one per order line with a prepayment to deduct, a prepayment line that posts exactly the net
    and VAT it takes back; each order line's Prepmt Amt Deducted (net and VAT deducted) grows."""
    if order.document_type != "order":
        return []
    next_no = max((line.line_no for line in order.lines), default=0)
    problems: list[Problem] = []
    result = []
    lcy = company(session).currency
    for line, snap in snaps:
        if not isinstance(line, SalesLine):
            continue
        amount, fixed = ps.to_deduct(session, order, line, line.unit_price, snap.quantity, lcy)
        if amount == ZERO and fixed is None:
            continue
        account = ps.prepayment_account(session, "sales", order.gen_bus_posting_group, line.gen_prod_posting_group,
                                        line.line_no, problems)
        next_no += 1
        result.append(_snap(DocLine(next_no, account or "", f"{DEDUCTION}, {line.line_no}: {line.description}"[:250],
                                    -amount, line.gen_prod_posting_group, line.vat_prod_posting_group,
                                    fixed=-fixed if fixed is not None else None)))
    return Rejected(problems) if problems else result


def record_final(session: Session, order: SalesHeader, deductions: list, posted_no: str, user) -> None:
    """A final invoice that deducted a prepayment is one of the order's prepayment documents
    (``deduction``: it is not cancelled on its own)."""
    if not deductions:
        return
    nos = [line.line_no for line, _ in deductions]
    rows = session.scalars(select(PostedSalesLine).where(PostedSalesLine.document_no == posted_no,
                                                         PostedSalesLine.line_no.in_(nos))).all()
    ps.record(session, "sales", "deduction", posted_no, order, order.customer_no,
              -sum((r.amount for r in rows), ZERO), -sum((r.amount_including_vat for r in rows), ZERO), user)


def check(session: Session, order: SalesHeader) -> Rejected | None:
    """PREPMT-UNPAID when the company checks prepayments and ``order``'s is not invoiced and paid."""
    problems = ps.check_problems(session, "sales", order, _lines(session, order),
                                 company(session).sales_check_prepmt)
    return Rejected(problems) if problems else None


def overview(app: App, order_no: str) -> dict:
    """``sales order prepayments SO-…``: the order's prepayment per line and its documents."""
    with app.uow() as session:
        order = session.scalar(select(SalesHeader).where(SalesHeader.no == order_no,
                                                         SalesHeader.document_type == "order"))
        if order is None:
            raise DomainError("SALES-DOCUMENT-NOT-FOUND", f"no sales order {order_no!r}", no=order_no)
        return ps.overview(session, "sales", order, lambda line: line.unit_price)
