"""Purchase orders: create, receive, invoice, undo receipt; invoices made of receipt lines.

Business Central's order cycle ("Manage Purchasing", "Design Details: Expected
Cost Posting"): posting a receipt makes an item ledger entry per item line with
expected cost only; invoicing adds a value entry to that same entry that
reverses the expected cost and posts the actual cost (which may differ: the
invoice's price wins). An order invoices only what has been received. Invoicing
an order (or "Get Receipt Lines" on a purchase invoice) makes a purchase
invoice whose lines name the receipt lines they invoice; that invoice posts
through :mod:`domain.purchasing.receipts`, not as a new receipt. A fully
received and invoiced order is ``closed``. Receipts are posted by the kernel
(:func:`domain.purchasing.receipt_posting.post_receipt`); ``purchase post`` on an order
reaches :func:`post_order` through the dispatch table of
:mod:`domain.purchasing.posting`.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App, required_port
from domain.db import lock
from domain.identifiers import normalise_document_no
from domain.identity import access
from domain.inventory import costs as sales_costing
from domain.inventory import reservations, units
from domain.money import ZERO
from domain.parse import QTY, RATE, UNIT, Reader, number_problem
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing import documents as pd
from domain.purchasing import kernel, prepayment_deduction, receipt_posting, tracking
from domain.purchasing import lines as line_edits
from domain.purchasing import prepayment_setup as prepayments
from domain.purchasing.kernel import PostResult
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.receipt_model import (
    PostedPurchaseReceipt,
    PostedPurchaseReceiptLine,
)
from domain.purchasing.receipt_lines import receipt_plan_line
from domain.purchasing.receipts import post_receipt_invoice
from domain.setup.contacts import document_contact_problems
from domain.setup.currencies import currency_problems
from domain.setup.numbers import next_no
from domain.setup.queries import company


def create_order(app: App, data: dict) -> str:
    with app.uow() as session:
        access.require(session, app.user, "purchase.edit")
        return build_order(session, data, app.user, app.today).no


def build_order(session: Session, data: dict, user, today, types=("order", "return_order")) -> PurchaseHeader:
    """An order from the purchase import shape with ``document_type`` order (or return_order;
    ``types`` ("quote",): a purchase quote, :mod:`domain.purchasing.quotes`)."""
    comp = company(session)
    # Prepayment % (orders only: a return order keeps the key unknown), read once the lines are
    data, pcts = prepayments.split_pcts(data) if isinstance(data, dict) and \
        data.get("document_type", "order") == "order" else (data, prepayments.Pcts())
    r = Reader(data, shape=pd.ORDER_SHAPE)
    document_type = r.choice("document_type", types, required=True, default=types[0])
    vendor = pd.read_vendor(session, r)
    posting_date = r.date("posting_date", default=today(comp.time_zone))
    currency = (r.text("currency") or (vendor.currency_code if vendor else None) or comp.currency).upper()
    vendor_invoice_no = r.text("vendor_invoice_no", default="")
    header = PurchaseHeader(
        document_type=document_type, vendor_invoice_no=vendor_invoice_no,
        vendor_invoice_no_norm=normalise_document_no(vendor_invoice_no), posting_date=posting_date,
        document_date=r.date("document_date", default=posting_date), currency_code=currency,
        exchange_rate=r.decimal("exchange_rate", default=Decimal(1) if currency == comp.currency else ZERO,
                                places=RATE),
        ship_to_customer_no=r.text("ship_to_customer_no"), contact_no=r.text("contact_no"), created_by=user,
        status="open", version=1)
    problems = pd.header_value_problems(header.exchange_rate) + currency_problems(currency, comp.currency)
    if vendor is not None:
        pd.apply_vendor(session, header, vendor, r, problems)
        problems += document_contact_problems(session, header.contact_no, "vendor", vendor.no)
    raw_lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(Problem("IMPORT-MISSING-FIELD", "lines"))
        raw_lines = []
    header.lines = [pd.read_line(session, i + 1, raw, problems, document_type or "order")
                    for i, raw in enumerate(raw_lines)]
    for line in header.lines:
        if line.type == "charge_item":
            problems.append(Problem("PURCH-ORDER-CHARGE-NOT-SUPPORTED", f"lines[{line.line_no}]"))
        line.qty_to_receive = line.qty_to_invoice = line.quantity
    problems += prepayments.apply_pcts(session, header, pcts, vendor.prepayment_pct if vendor else ZERO)
    problems[:0] = r.problems  # last: the vendor's defaults read fields too (prices_including_vat, due_date)
    if problems:
        raise RejectedError(Rejected(problems))
    header.no = next_no(session, {"order": "PO", "return_order": "PRO", "quote": "PQ"}[document_type])
    session.add(header)
    session.flush()
    return header


def receive(app: App, no: str, quantities: dict[int, Decimal] | None = None,
            posting_date=None) -> PostResult | Rejected:
    return _run(app, no, True, False, quantities or {}, posting_date=posting_date)


def invoice(app: App, no: str, vendor_invoice_no: str | None = None, quantities=None,
            costs: dict[int, Decimal] | None = None, posting_date=None) -> PostResult | Rejected:
    return _run(app, no, False, True, quantities or {}, vendor_invoice_no, costs, posting_date)


def receive_and_invoice(app: App, no: str, vendor_invoice_no: str | None = None, quantities=None,
                        costs=None, posting_date=None) -> PostResult | Rejected:
    return _run(app, no, True, True, quantities or {}, vendor_invoice_no, costs, posting_date)


def _run(app, no, do_receive, do_invoice, quantities, vendor_invoice_no=None, costs=None, posting_date=None):
    def run(session: Session) -> PostResult | Rejected:
        if posting_date is not None:  # the order takes the date given first (an audited edit)
            line_edits.redate(session, no, posting_date, app.user)
        header = kernel.locked_order(session, no)
        if vendor_invoice_no:
            header.vendor_invoice_no = vendor_invoice_no
            header.vendor_invoice_no_norm = normalise_document_no(vendor_invoice_no)
        if bad := number_problems(costs, "direct_unit_cost", UNIT):
            return bad
        for line_no, cost in (costs or {}).items():
            _order_line(header, line_no).direct_unit_cost = cost
        # BC: an order under an approval workflow is received and invoiced only once released
        # (a cost changed here changes the approved version, so the approval no longer counts)
        if gate := kernel.approval_problems(session, header, app.user):
            return Rejected(gate)
        return order_in_session(session, header, app.user, do_receive, do_invoice, quantities)

    result = access.command(app, "purchase.post", run)
    kernel.audit_gate_refusal(app, no, result)
    return result


def _order_line(header: PurchaseHeader, line_no: int) -> PurchaseLine:
    for line in header.lines:
        if line.line_no == line_no:
            return line
    raise DomainError("PURCH-ORDER-LINE-NOT-FOUND", f"{header.no} has no line {line_no}", no=header.no,
                      line_no=line_no)


def unknown_lines(header: PurchaseHeader, quantities) -> Rejected | None:
    """``--qty 2=1`` naming a line the order does not have is refused, never ignored."""
    unknown = sorted(set(quantities or {}) - {line.line_no for line in header.lines})
    if not unknown:
        return None
    return Rejected([Problem("PURCH-ORDER-LINE-NOT-FOUND", f"lines[{n}]", {"no": header.no, "line_no": n})
                     for n in unknown])


def number_problems(values: dict | None, name: str, places: int) -> Rejected | None:
    """``--qty 1=0.1234567`` (more decimals than the column holds, or too large for it) is
    refused with a coded problem before it reaches the database."""
    problems = [p for line_no, value in sorted((values or {}).items())
                if (p := number_problem(value, f"lines[{line_no}].{name}", places)) is not None]
    return Rejected(problems) if problems else None


def post_order(session: Session, header: PurchaseHeader, user) -> PostResult | Rejected:
    """``purchase post`` on an order: receive what is outstanding, then invoice what is received."""
    return order_in_session(session, header, user, True, True, {})


def order_in_session(session, header, user, do_receive, do_invoice, quantities) -> PostResult | Rejected:
    if unknown := unknown_lines(header, quantities) or number_problems(quantities, "quantity", QTY):
        return unknown
    if header.document_type == "order" and (unpaid := prepayment_deduction.check(session, header)):
        return unpaid
    receipt_no = None
    if do_receive:
        wanted = {line.line_no: quantities.get(line.line_no, line.quantity - line.quantity_received)
                  for line in header.lines if not line.drop_shipment}
        receipt_no = receive_lines(session, header, wanted, user)
        if isinstance(receipt_no, Rejected):
            return receipt_no
    if not do_invoice:
        return PostResult(receipt_no)
    wanted = {line.line_no: quantities.get(line.line_no, line.quantity_received - line.quantity_invoiced)
              for line in header.lines}
    draft = invoice_from_order(session, header, wanted, user)
    if isinstance(draft, Rejected):
        return draft
    result = post_receipt_invoice(session, draft, user)
    if not isinstance(result, Rejected) and not result.already_posted:
        prepayment_deduction.record_final(session, header, draft, result.posted_no, user)
    return result


def receive_lines(session: Session, header: PurchaseHeader, quantities: dict[int, Decimal], user,
                  ship_to: str | None = None) -> str | Rejected:
    """Post a receipt of ``quantities`` (line no. -> qty); returns the receipt no."""
    comp = company(session)
    problems, taken = [], []
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if qty < ZERO or qty > line.quantity - line.quantity_received:
            problems.append(Problem("PURCH-RECEIVE-MORE-THAN-OUTSTANDING", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "qty": str(qty), "outstanding": str(line.quantity - line.quantity_received)}))
        elif rounding := units.line_rounding_problem(session, line, qty, f"lines[{line.line_no}].quantity"):
            problems.append(rounding)
        taken.append((line, qty))
    if not taken and not problems:
        problems.append(Problem("PURCH-NOTHING-TO-RECEIVE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    rows = tracking.receipt_rows(session, header, taken)  # (order line, qty, receipt line no., portion)
    receipt_lines = [receipt_plan_line(session, header, line, qty, comp, no, portion)
                     for line, qty, no, portion in rows]
    problems = [p for line, _, _, portion in rows if portion is not None
                for p in tracking.inbound_problems(session, line.line_no, line.no, [portion])]
    if problems:
        return Rejected(problems)
    posted = receipt_posting.post_receipt(session, comp, header, [r for r in receipt_lines if r is not None], "PRCPT",
                                 "receipt", user, header.vendor_invoice_no or None)
    if isinstance(posted, Rejected):
        return posted
    receipt_no, written = posted
    receipt_posting.insert_receipt(session, header, receipt_no, [(line, qty, no) for line, qty, no, _ in rows], written,
                          user, ship_to)
    reservations.receive(session, [(line.id, written.item_entries.get(no), units.line_base(session, line, qty))
                                   for line, qty, no, _ in rows])
    for line, qty in taken:
        line.quantity_received = line.quantity_received + qty
        line.qty_to_receive = line.quantity - line.quantity_received
    return receipt_no


def invoice_from_order(session, header: PurchaseHeader, quantities, user) -> PurchaseHeader | Rejected:
    """A purchase invoice draft for ``quantities`` of the order's received, uninvoiced lines."""
    problems, lines = [], []
    for line in header.lines:
        qty = quantities.get(line.line_no, ZERO)
        if qty == ZERO:
            continue
        if qty < ZERO or qty > line.quantity_received - line.quantity_invoiced:
            problems.append(Problem("PURCH-INVOICE-MORE-THAN-RECEIVED", f"lines[{line.line_no}]", {
                "line_no": line.line_no, "qty": str(qty),
                "received_not_invoiced": str(line.quantity_received - line.quantity_invoiced)}))
            continue
        for receipt_line, take in _open_receipt_lines(session, line.id, qty):
            lines.append(invoice_line(receipt_line, take, line.direct_unit_cost, line.line_discount_pct,
                                      line.indirect_cost_pct))
    if lines and header.document_type == "order":
        lines += prepayment_deduction.deduction_lines(session, header, quantities, problems)
    if not lines and not problems:
        problems.append(Problem("PURCH-NOTHING-TO-INVOICE", "lines", {"no": header.no}))
    if problems:
        return Rejected(problems)
    return new_invoice_draft(session, header, lines, user)


def _open_receipt_lines(session, order_line_id: int, qty: Decimal):
    rows = session.scalars(select(PostedPurchaseReceiptLine).where(
        PostedPurchaseReceiptLine.order_line_id == order_line_id,
        PostedPurchaseReceiptLine.quantity > ZERO).order_by(PostedPurchaseReceiptLine.id)).all()
    undone = set(session.scalars(select(PostedPurchaseReceiptLine.undoes_line_id).where(
        PostedPurchaseReceiptLine.undoes_line_id.is_not(None))))
    left = qty
    for row in rows:
        open_qty = row.quantity - row.quantity_invoiced
        if left == ZERO or open_qty <= ZERO or row.id in undone:
            continue
        take = min(left, open_qty)
        left -= take
        yield row, take


def invoice_line(receipt_line: PostedPurchaseReceiptLine, qty, cost, discount, indirect_pct=ZERO) -> PurchaseLine:
    return PurchaseLine(
        type=receipt_line.type, no=receipt_line.no, description=receipt_line.description, quantity=qty,
        unit_of_measure=receipt_line.unit_of_measure, direct_unit_cost=cost, line_discount_pct=discount,
        indirect_cost_pct=indirect_pct,
        gen_prod_posting_group=receipt_line.gen_prod_posting_group,
        vat_prod_posting_group=receipt_line.vat_prod_posting_group, location_code=receipt_line.location_code,
        receipt_line_id=receipt_line.id)


def new_invoice_draft(session, order: PurchaseHeader, lines, user,
                      document_type: str = "invoice") -> PurchaseHeader:
    columns = ("vendor_no", "vendor_invoice_no", "vendor_invoice_no_norm", "document_date", "posting_date",
               "due_date", "pmt_discount_date", "payment_discount_pct", "payment_terms_code",
               "payment_reference", "vendor_iban", "currency_code", "exchange_rate", "prices_including_vat",
               "gen_bus_posting_group", "vat_bus_posting_group", "vendor_posting_group")
    comp = company(session)
    series = comp.purchase_invoice_nos if document_type == "invoice" else comp.purchase_credit_memo_nos
    draft = PurchaseHeader(**{c: getattr(order, c) for c in columns}, document_type=document_type,
                             no=next_no(session, series), status="open",
                             version=1, created_by=user)
    for index, line in enumerate(lines, start=1):
        line.line_no = index
    draft.lines = lines
    session.add(draft)
    session.flush()
    return draft


def get_receipt_lines(app: App, invoice_no: str, receipt_nos: list[str]) -> int:
    """BC "Get Receipt Lines": add every open line of the receipts to a draft invoice.

    Like any edit (:mod:`domain.purchasing.edit`): refused while the invoice waits for approval
    (APPROVAL-DOCUMENT-LOCKED, audited); on a released invoice it is a new version that reopens
    it and voids its approval; the editor is named in the approval audit."""
    try:
        return _get_receipt_lines(app, invoice_no, receipt_nos)
    except DomainError as exc:
        app.port("approvals").refused(app, invoice_no, app.user, "edit", exc)
        raise


def _get_receipt_lines(app: App, invoice_no: str, receipt_nos: list[str]) -> int:
    with app.uow() as session:
        access.require(session, app.user, "purchase.edit")
        pd.get_document(session, invoice_no)  # NotFound when there is none
        draft = pd.locked_header(session, invoice_no)
        if draft.document_type != "invoice" or draft.status == "posted":
            raise DomainError("PURCH-NOT-AN-OPEN-INVOICE", f"{invoice_no} is not an open invoice", no=invoice_no)
        if draft.status == "pending_approval":
            raise DomainError("APPROVAL-DOCUMENT-LOCKED", f"{invoice_no} waits for approval: cancel the request "
                              "before editing", no=invoice_no)
        on_drafts = set(session.scalars(select(PurchaseLine.receipt_line_id).join(PurchaseHeader).where(
            PurchaseLine.receipt_line_id.is_not(None), PurchaseHeader.status != "posted")))
        next_line = max((line.line_no for line in draft.lines), default=0)
        added = 0
        for receipt_no in receipt_nos:
            receipt = session.get(PostedPurchaseReceipt, receipt_no)
            if receipt is None or receipt.vendor_no != draft.vendor_no:
                raise DomainError("PURCH-RECEIPT-NOT-FOR-VENDOR", f"{receipt_no} is not a receipt from "
                                  f"{draft.vendor_no}", receipt_no=receipt_no)
            for row in session.scalars(select(PostedPurchaseReceiptLine).where(
                    PostedPurchaseReceiptLine.document_no == receipt_no).order_by(PostedPurchaseReceiptLine.line_no)):
                open_qty = row.quantity - row.quantity_invoiced
                if open_qty <= ZERO or row.id in on_drafts:
                    continue
                next_line += 1
                line = invoice_line(row, open_qty, row.direct_unit_cost, row.line_discount_pct)
                line.line_no = next_line
                draft.lines.append(line)
                added += 1
        session.flush()
        if added:
            draft.version += 1
            before, draft.status = draft.status, "open"
            required_port(session, "approvals").edited(session, draft, app.user, before,
                                                       f"get receipt lines {', '.join(receipt_nos)}")
        return added


def receive_drop_shipment(session: Session, sales_line, qty: Decimal, user):
    """Receive the purchase order line linked to a drop-shipment sales line: (entry no., cost) or a Problem."""
    order = session.scalar(lock(session, select(PurchaseHeader).where(
        PurchaseHeader.no == sales_line.purchase_order_no, PurchaseHeader.document_type == "order")))
    where = f"lines[{sales_line.line_no}]"
    if order is None:
        return Problem("SALES-DROP-SHIPMENT-NO-PURCHASE-ORDER", where, {"line_no": sales_line.line_no})
    if gate := kernel.approval_problems(session, order, user):  # the purchase order's approval holds here too
        return Problem(gate[0].code, where, gate[0].params)
    receipt_no = receive_lines(session, order, {sales_line.purchase_order_line_no: qty}, user,
                               ship_to=sales_line.header.customer_no)
    if isinstance(receipt_no, Rejected):
        first = receipt_no.problems[0]
        return Problem(first.code, where, first.params)
    row = session.scalar(select(PostedPurchaseReceiptLine).where(
        PostedPurchaseReceiptLine.document_no == receipt_no))
    _, expected = sales_costing.entry_cost(session, row.item_ledger_entry_no)
    return row.item_ledger_entry_no, expected
