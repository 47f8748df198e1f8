"""Create, read and convert sales documents (quotes, orders, invoices, credit memos).

Defaults come from master data as in Business Central: the customer gives
posting groups, payment terms (due date = document date + due-date formula)
and currency; an item line takes description, unit, unit price and posting
groups from the item card, a G/L line from the account. A blocked customer
(``all``) is refused; exceeding the credit limit is only a warning, as BC's
credit limit check is (``SALES-CREDIT-LIMIT-EXCEEDED``). "Make Order" turns a
quote into an order that names the quote; the quote stays, status ``converted``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from domain import dateformula
from domain.app import App, required_port
from domain.identity.access import require
from domain.inventory import nonstock, units
from domain.ledger.model import CustomerLedgerEntry
from domain.ledger.rules import amounts as amt
from domain.money import ZERO
from domain.parse import QTY, RATE, UNIT, Reader, Shape, at_position
from domain.problems import DomainError, NotFound, Problem, Rejected, RejectedError
from domain.purchasing import prepayment_setup as prepayments
from domain.sales import assemble_to_order
from domain.sales import reservations  # noqa: F401  (its flush listener frees what reduced lines release)
from domain.sales.applies_from import returnable_entry
from domain.sales.model import PostedSalesHeader, SalesHeader, SalesLine
from domain.sales.rules import value_problems
from domain.sales.special_orders import special_order_problems
from domain.sales.tracking import read_tracking, store, tracking_problems
from domain.setup.contacts import document_contact_problems
from domain.setup.currencies import currency_problems
from domain.setup.masterdata import account_line_defaults, item_line_defaults
from domain.setup.model.cards import Customer, Item
from domain.setup.model.company import Location, PaymentTerms, VATPostingSetup
from domain.setup.numbers import next_no
from domain.setup.queries import company

DOCUMENT_TYPES = ("quote", "order", "invoice", "credit_memo", "return_order")
LINE_TYPES = ("item", "gl_account")
SERIES = {"quote": "SQ", "order": "SO", "invoice": "SI", "credit_memo": "SCM", "return_order": "SRO"}

#: the keys of the sales import (README "sales import"); any other key is refused
#: (IMPORT-UNKNOWN-KEY), also those a later feature will read (reserve)
HEADER_SHAPE = Shape({
    "document_type", "customer_no", "posting_date", "document_date", "due_date", "currency", "exchange_rate",
    "prices_including_vat", "external_document_no", "applies_to_doc_no", "payment_terms", "contact_no", "lines"},
    SalesHeader, {"currency": "currency_code", "payment_terms": "payment_terms_code"})
LINE_SHAPE = Shape({
    "type", "no", "description", "quantity", "unit_of_measure", "unit_price", "line_discount_pct", "location",
    "drop_shipment", "special_order", "applies_from_entry", "gen_prod_posting_group", "vat_prod_posting_group",
    "tracking", "serial_no", "lot_no", "expiration_date", "variant_code", "nonstock_no", "qty_to_assemble_to_order"},
    SalesLine, {"location": "location_code", "applies_from_entry": "applies_from_item_entry"})


def create_document(app: App, data: dict) -> str:
    """Create a draft from the import shape (README "sales import"); returns its no."""
    with app.uow() as session:
        require(session, app.user, "sales.edit")
        return build_document(session, data, app.user, app.today).no


def create_documents(app: App, documents: list) -> list[str]:
    """Create drafts from a list of import shapes, all or none, in one transaction; returns
    their nos in order. Every document is checked: when any has a problem nothing is
    created (the numbers taken go back) and the RejectedError lists the problems of every
    document, each field starting with the document's position (``[2].lines[1].quantity``)."""
    with app.uow() as session:
        require(session, app.user, "sales.edit")
        numbers, problems = [], []
        for position, data in enumerate(documents, start=1):
            try:
                numbers.append(build_document(session, data, app.user, app.today).no)
            except RejectedError as exc:
                problems += at_position(exc.rejected.problems, position)
        if problems:
            raise RejectedError(Rejected(problems))
        return numbers


def build_document(session: Session, data: dict, user: str | None, today) -> SalesHeader:
    comp = company(session)
    # Prepayment % (orders only: on other documents the key stays unknown), read once the lines are
    data, pcts = prepayments.split_pcts(data) if isinstance(data, dict) and data.get("document_type") == "order" \
        else (data, None)
    r = Reader(data, shape=HEADER_SHAPE)
    doc_type = r.choice("document_type", DOCUMENT_TYPES, required=True, default="invoice")
    customer = _customer(session, r)
    posting_date = r.date("posting_date", default=today(comp.time_zone))
    document_date = r.date("document_date", default=posting_date)
    currency = (r.text("currency") or (customer.currency_code if customer else None) or comp.currency).upper()
    header = SalesHeader(
        document_type=doc_type, posting_date=posting_date, document_date=document_date,
        currency_code=currency,
        exchange_rate=r.decimal("exchange_rate", default=Decimal(1) if currency == comp.currency else ZERO,
                                places=RATE),
        prices_including_vat=r.boolean("prices_including_vat", False),
        external_document_no=r.text("external_document_no", default=""),
        applies_to_doc_no=r.text("applies_to_doc_no"), contact_no=r.text("contact_no"), created_by=user,
        status="open", version=1)
    problems = []
    if header.exchange_rate is not None and header.exchange_rate < ZERO:
        problems.append(Problem("SALES-NEGATIVE-EXCHANGE-RATE", "exchange_rate", {"rate": str(header.exchange_rate)}))
    problems += currency_problems(currency, comp.currency)
    if customer is not None:
        problems += _applies_to_problems(session, customer.no, doc_type, header.applies_to_doc_no, currency)
        _apply_customer(session, header, customer, r, problems)
        problems += document_contact_problems(session, header.contact_no, "customer", customer.no)
    raw_lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(Problem("IMPORT-MISSING-FIELD", "lines"))
        raw_lines = []
    # BC: the header's Location Code from the customer card, else Company Information's
    location = (customer.location_code if customer is not None else "") or comp.location_code or ""
    claimed: dict = {}  # what the lines take back from each sale entry (returns)
    header.lines = [_line(session, doc_type, i + 1, raw, problems, location, header.customer_no, claimed)
                    for i, raw in enumerate(raw_lines)]
    if pcts is not None:
        problems += prepayments.apply_pcts(session, header, pcts, customer.prepayment_pct if customer else ZERO)
    problems[:0] = r.problems  # last: the customer's defaults read fields too (payment_terms, due_date)
    if problems:
        raise RejectedError(Rejected(problems))
    header.no = next_no(session, SERIES[doc_type])
    session.add(header)
    session.flush()
    assemble_to_order.sync(session, header)
    return header


def _applies_to_problems(session: Session, customer_no: str, doc_type: str, applies_to: str | None,
                         currency: str | None = None):
    """A credit memo applies to a posted invoice of the same customer (BC Applies-to Doc. No.),
    in the invoice's currency (BC applies no entries between currencies by default)."""
    if not applies_to:
        return []
    found = session.execute(select(PostedSalesHeader.no, PostedSalesHeader.currency_code).where(
        PostedSalesHeader.no == applies_to, PostedSalesHeader.customer_no == customer_no,
        PostedSalesHeader.document_type == "invoice")).first()
    if found is None or doc_type not in ("credit_memo", "return_order"):
        return [Problem("SALES-UNKNOWN-APPLIES-TO-DOC", "applies_to_doc_no",
                        {"applies_to_doc_no": applies_to, "customer_no": customer_no})]
    if currency is not None and (found.currency_code or "") != (currency or ""):
        return [Problem("SALES-APPLIES-TO-OTHER-CURRENCY", "applies_to_doc_no", {
            "applies_to_doc_no": applies_to, "currency": currency, "invoice_currency": found.currency_code})]
    return []


def _customer(session: Session, r: Reader) -> Customer | None:
    customer_no = r.text("customer_no", required=True)
    if customer_no is None:
        return None
    customer = session.get(Customer, customer_no)
    if customer is None:
        r.problems.append(Problem("SALES-UNKNOWN-CUSTOMER", "customer_no", {"customer_no": customer_no}))
    elif customer.blocked == "all":
        r.problems.append(Problem("SALES-CUSTOMER-BLOCKED", "customer_no",
                                  {"customer_no": customer_no, "blocked": customer.blocked}))
    return customer


def _apply_customer(session: Session, header: SalesHeader, customer: Customer, r: Reader,
                    problems: list[Problem]) -> None:
    header.customer_no = customer.no
    header.gen_bus_posting_group = customer.gen_bus_posting_group
    header.vat_bus_posting_group = customer.vat_bus_posting_group
    header.customer_posting_group = customer.customer_posting_group
    header.payment_terms_code = r.text("payment_terms", default=customer.payment_terms_code)
    terms = session.get(PaymentTerms, header.payment_terms_code) if header.payment_terms_code else None
    if header.payment_terms_code and terms is None:
        problems.append(Problem("SETUP-UNKNOWN-PAYMENT-TERMS", "payment_terms", {"code": header.payment_terms_code}))
    header.due_date = r.date_or_formula("due_date", header.document_date) or (
        dateformula.apply(terms.due_date_formula, header.document_date) if terms else header.document_date)
    if terms is not None and terms.discount_date_formula and terms.discount_pct:
        header.pmt_discount_date = dateformula.apply(terms.discount_date_formula, header.document_date)
        header.payment_discount_pct = terms.discount_pct


def _line(session: Session, doc_type: str, line_no: int, raw, problems: list[Problem],
          default_location: str = "", customer_no: str | None = None, claimed: dict | None = None) -> SalesLine:
    r = Reader(raw, f"lines[{line_no}]", LINE_SHAPE)
    line_type, no = nonstock.line_item(session, r, LINE_TYPES, "item")
    quantity = r.decimal("quantity", required=True, default=ZERO, places=QTY)
    line = SalesLine(
        line_no=line_no, type=line_type, no=no, quantity=quantity,
        line_discount_pct=r.decimal("line_discount_pct", default=ZERO, places=RATE),
        location_code=r.text("location", default=default_location if line_type == "item" else ""),
        drop_shipment=r.boolean("drop_shipment", False), special_order=r.boolean("special_order", False),
        applies_from_item_entry=r.integer("applies_from_entry"),
        qty_to_ship=quantity if doc_type in ("order", "return_order") else ZERO,
        qty_to_invoice=quantity if doc_type != "quote" else ZERO,
        quantity_shipped=ZERO, quantity_invoiced=ZERO)
    defaults = _line_defaults(session, line_type, no, r)
    tracking = read_tracking(r, line_no, quantity)
    store(line, tracking)
    line.description = r.text("description", default=defaults.get("description", ""))
    item = session.get(Item, no) if line_type == "item" and no else None
    base_only = units.keeps_base(item, doc_type, bool(tracking), line.drop_shipment or line.special_order
                                 or (item is not None and item.assembly_policy == "order"))
    unit = None if base_only else defaults.get("sales_unit")  # BC: the card's Sales Unit of Measure
    line.unit_of_measure = r.text("unit_of_measure", default=unit or defaults.get("unit", ""))
    line.variant_code = r.text("variant_code", default="") or ""
    line.unit_price = r.decimal("unit_price", default=defaults.get("price"), places=UNIT)
    line.gen_prod_posting_group = r.text("gen_prod_posting_group", default=defaults.get("gen_prod", ""))
    line.vat_prod_posting_group = r.text("vat_prod_posting_group", default=defaults.get("vat_prod")) or ""
    if line.unit_price is None:
        r.problems.append(Problem("IMPORT-MISSING-FIELD", f"lines[{line_no}].unit_price"))
        line.unit_price = ZERO
    unreadable = {p.field for p in r.problems}
    r.problems.extend(p for p in value_problems(line_no, quantity, line.unit_price, line.line_discount_pct,
                                                True, line_type) if p.field not in unreadable)
    if not line.vat_prod_posting_group:
        r.problems.append(Problem("IMPORT-MISSING-FIELD", f"lines[{line_no}].vat_prod_posting_group"))
    if line.location_code and session.get(Location, line.location_code) is None:
        r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", f"lines[{line_no}].location",
                                  {"location": line.location_code}))
    if line.drop_shipment and (doc_type not in ("quote", "order") or line_type != "item"):
        r.problems.append(Problem("SALES-DROP-SHIPMENT-ORDER-ONLY", f"lines[{line_no}].drop_shipment"))
    r.problems += special_order_problems(doc_type, line)
    if line_type == "item" or line.variant_code:
        r.problems += units.line_problems(session, item, line.unit_of_measure, line.variant_code,
                                          f"lines[{line_no}]", doc_type, quantity, base_only)
    assemble_to_order.read_quantity(session, r, doc_type, line, item)
    if item is not None or tracking:
        r.problems += tracking_problems(session, doc_type, line_no, line_type, item, tracking, line.drop_shipment,
                                        line.applies_from_item_entry)
    if (doc_type in ("credit_memo", "return_order") and item is not None and customer_no and quantity
            and line.applies_from_item_entry is not None):
        # what posting checks again (returns since may have taken the rest): a sale of this item to this customer
        returnable_entry(session, customer_no, line, units.base_quantity(session, item, line.unit_of_measure, quantity),
                         r.problems, claimed)
    problems += r.problems
    return line


#: the import's line reader, public for the line edits (:mod:`domain.sales.lines`)
read_line = _line


def _line_defaults(session: Session, line_type: str, no: str, r: Reader) -> dict:
    if not no:
        return {}
    if line_type == "item":
        return item_line_defaults(session, no, r, "SALES")
    return account_line_defaults(session, no, r)


def get_document(session: Session, no: str) -> SalesHeader:
    header = session.scalar(select(SalesHeader).options(selectinload(SalesHeader.lines))
                            .where(SalesHeader.no == no))
    if header is None:
        raise NotFound("SALES-DOCUMENT-NOT-FOUND", f"no sales document {no!r}", no=no)
    return header


def list_documents(app: App, document_type: str | None = None) -> list[SalesHeader]:
    with app.uow() as session:
        query = select(SalesHeader).options(selectinload(SalesHeader.lines)).order_by(SalesHeader.id)
        if document_type:
            query = query.where(SalesHeader.document_type == document_type)
        return list(session.scalars(query))


def approval_problems(session: Session, header: SalesHeader, user: str | None) -> list[Problem]:
    """What stops ``header`` from being posted, shipped or made an order for want of approval: the
    approvals port's gate and a request still pending (BC ``PrePostApprovalCheckSales``)."""
    gate = required_port(session, "approvals").gate(session, header, user)
    if header.status == "pending_approval":
        gate.append(Problem("APPROVAL-PENDING", "status", {"no": header.no}))
    return gate


def audit_gate_refusal(app: App, no: str, result) -> None:
    """A refusal by the approval gate is audited (in its own transaction: the work rolled back)."""
    if isinstance(result, Rejected) and any(p.code.startswith("APPROVAL-") for p in result.problems):
        app.port("approvals").refused(app, no, app.user, "post", RejectedError(result))


def make_order(app: App, quote_no: str) -> str:
    """BC "Make Order": an order with the quote's lines, linked to the quote (a quote under an
    approval workflow only once approved)."""
    try:
        return _make_order(app, quote_no)
    except RejectedError as exc:
        audit_gate_refusal(app, quote_no, exc.rejected)
        raise


def _make_order(app: App, quote_no: str) -> str:
    with app.uow() as session:
        require(session, app.user, "sales.edit")
        quote = get_document(session, quote_no)
        if quote.document_type != "quote" or quote.status == "converted":
            raise DomainError("SALES-NOT-AN-OPEN-QUOTE", f"{quote_no} is not an open quote", no=quote_no)
        if gate := approval_problems(session, quote, app.user):
            raise RejectedError(Rejected(gate))
        customer = session.get(Customer, quote.customer_no)
        if customer.blocked == "all":
            raise RejectedError(Rejected([Problem("SALES-CUSTOMER-BLOCKED", "customer_no",
                                                  {"customer_no": customer.no, "blocked": "all"})]))
        columns = [c.key for c in SalesHeader.__table__.columns
                   if c.key not in ("id", "no", "document_type", "status", "created_at", "quote_no")]
        order = SalesHeader(**{c: getattr(quote, c) for c in columns}, document_type="order",
                              status="open", quote_no=quote.no, no=next_no(session, SERIES["order"]))
        order.lines = [_copy_line(line) for line in quote.lines]
        prepayments.apply_pcts(session, order, prepayments.Pcts(), customer.prepayment_pct)  # the card's / items'
        quote.status = "converted"
        session.add(order)
        session.flush()
        assemble_to_order.sync(session, order)
        return order.no


def _copy_line(line: SalesLine) -> SalesLine:
    skip = ("id", "header_id")
    copy = SalesLine(**{c.key: getattr(line, c.key) for c in SalesLine.__table__.columns
                          if c.key not in skip})
    copy.qty_to_ship = copy.qty_to_invoice = line.quantity
    copy.quantity_shipped = copy.quantity_invoiced = ZERO
    copy.assembly_order_no = None  # an order's line gets its own assembly order (sync)
    return copy


def document_amounts(session: Session, header: SalesHeader, quantities: dict[int, Decimal] | None = None):
    """Net / VAT / gross of ``header`` (of ``quantities`` per line when given)."""
    inputs = []
    for line in header.lines:
        vat = session.scalar(select(VATPostingSetup).where(
            VATPostingSetup.vat_bus_posting_group == header.vat_bus_posting_group,
            VATPostingSetup.vat_prod_posting_group == line.vat_prod_posting_group))
        pct = vat.vat_pct if vat else ZERO
        qty = line.quantity if quantities is None else quantities.get(line.line_no, ZERO)
        inputs.append(amt.LineInput(line.line_no, qty, line.unit_price, line.line_discount_pct,
                                    f"normal|{pct}|{line.vat_prod_posting_group}", pct))
    return amt.compute(inputs, header.prices_including_vat, header.currency_code)


def credit_limit_warnings(session: Session, header: SalesHeader) -> list[Problem]:
    """BC's credit limit check: balance + outstanding orders + this document above the limit warns."""
    customer = session.get(Customer, header.customer_no)
    if customer is None or customer.credit_limit <= ZERO or header.document_type == "credit_memo":
        return []
    balance = session.scalar(select(func.sum(CustomerLedgerEntry.remaining_amount)).where(
        CustomerLedgerEntry.customer_no == customer.no, CustomerLedgerEntry.open.is_(True))) or ZERO
    outstanding = ZERO
    for other in session.scalars(select(SalesHeader).where(
            SalesHeader.customer_no == customer.no, SalesHeader.document_type.in_(("order", "invoice")),
            SalesHeader.status.in_(("open", "pending_approval", "released")), SalesHeader.id != header.id)):
        left = {line.line_no: line.quantity - line.quantity_invoiced for line in other.lines}
        outstanding += document_amounts(session, other, left).gross
    left = {line.line_no: line.quantity - line.quantity_invoiced for line in header.lines}
    total = balance + outstanding + document_amounts(session, header, left).gross
    if total <= customer.credit_limit:
        return []
    return [Problem("SALES-CREDIT-LIMIT-EXCEEDED", "customer_no", {
        "customer_no": customer.no, "limit": str(customer.credit_limit), "total": str(total)})]


def check_credit_limit(app: App, no: str) -> list[Problem]:
    with app.uow() as session:
        return credit_limit_warnings(session, get_document(session, no))
