"""Drafts you can fix on the sales side: add, remove and change lines; change the header's
dates; delete a draft.

The rules are the purchase side's (:mod:`domain.purchasing.lines`), in sales words: a line
added or changed is read by the sales import's own line reader (unknown or blocked item or
account, location, VAT group, quantity, price, discount, tracking, the sale a return takes
back), a posted / closed document or a converted quote is not changed, a document waiting
for approval is not changed and a released one is reopened with its approval voided; on an
order (return order) a line that has shipped (been received back) keeps its type, no. and
location, cannot go below what shipped or was invoiced and cannot be removed; a line linked
to a purchase order (drop shipment, special order) is not changed here; deleting a draft
does not give its number back.

Header dates (BC Posting Date / Document Date on the sales header): an order's later
shipments and invoices post on the order's posting date, so changing it is how an order
dated before the allowed posting range ships at all. A new document date moves the due
date and payment discount date by the payment terms, as BC's OnValidate does.
"""

from __future__ import annotations

from sqlalchemy import select

from domain import dateformula
from domain.app import App, required_port
from domain.db import lock
from domain.identity.access import require
from domain.money import ZERO
from domain.parse import RATE, Reader
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing import prepayment_edits
from domain.purchasing.edit import EditResult
from domain.purchasing.lines import LineEdit, added
from domain.sales import assemble_to_order, tracked_stock
from domain.sales.documents import HEADER_SHAPE, read_line
from domain.sales.kernel import ORDERS
from domain.sales.model import SalesHeader, SalesLine
from domain.setup.model.cards import Customer
from domain.setup.model.company import PaymentTerms
from domain.setup.queries import company

FIXED_WHEN_SHIPPED = ("type", "no", "location", "unit_of_measure", "applies_from_entry", "drop_shipment",
                      "serial_no", "lot_no", "tracking")
CARD_VALUES = ("description", "unit_of_measure", "unit_price", "gen_prod_posting_group", "vat_prod_posting_group")
COPIED = ("type", "no", "description", "quantity", "unit_of_measure", "unit_price", "line_discount_pct",
          "gen_prod_posting_group", "vat_prod_posting_group", "location_code", "drop_shipment",
          "applies_from_item_entry", "serial_no", "lot_no", "expiration_date", "tracking",
          "qty_to_assemble_to_order")
#: header fields ``sales set`` changes (the import's names)
HEADER_FIELDS = {"posting_date": "date", "document_date": "date", "due_date": "date",
                 "external_document_no": "text", "exchange_rate": "rate"}


def add_line(app: App, no: str, data: dict) -> LineEdit:
    """Add a line (the sales import's line shape: type, no, quantity, unit_price, location, ...)."""
    numbers = []

    def run(session, header: SalesHeader) -> str:
        numbers.append(max((x.line_no for x in header.lines), default=0) + 1)
        line = _read(session, header, numbers[0], data)
        header.lines.append(line)
        return f"line {numbers[0]} added: {line.type} {line.no} x {line.quantity}"
    return added(_audited(app, no, "edit", run), numbers[0])


def remove_line(app: App, no: str, line_no: int) -> EditResult:
    def run(session, header: SalesHeader) -> str:
        line = find_line(header, line_no)
        _not_linked(header, line)
        if header.document_type in ORDERS and (line.quantity_shipped or line.quantity_invoiced):
            raise DomainError("SALES-LINE-SHIPPED", f"line {line_no} of {no} has shipped", no=no,
                              line_no=line_no, shipped=str(line.quantity_shipped))
        _refused(prepayment_edits.remove_problems("sales", header, line))
        header.lines.remove(line)
        return f"line {line_no} removed: {line.type} {line.no} x {line.quantity}"
    return _audited(app, no, "edit", run)


def set_line(app: App, no: str, line_no: int, changes: dict) -> EditResult:
    """Change line ``line_no`` (import keys -> new text); a new type or no. takes the new card's
    description, unit, price and posting groups unless given."""
    def run(session, header: SalesHeader) -> str:
        line = find_line(header, line_no)
        _not_linked(header, line)
        raw = _current(line)
        if "type" in changes or "no" in changes:
            for key in CARD_VALUES:
                raw.pop(key, None)
        if {"serial_no", "lot_no", "expiration_date"} & set(changes):
            raw.pop("tracking", None)  # plain keys replace the line's portions
        raw.update(assemble_to_order.follow_quantity(line, changes))
        new = _read(session, header, line_no, raw)
        _check_shipped(header, line, new, changes)
        _refused(prepayment_edits.change_problems("sales", header, line, prepayment_edits.fields_of(line),
                                                  prepayment_edits.fields_of(new), new.quantity, new.unit_price,
                                                  new.line_discount_pct))
        for column in COPIED:
            setattr(line, column, getattr(new, column))
        _order_quantities(header, line)
        return f"line {line_no}: " + ", ".join(f"{k}={v}" for k, v in changes.items())
    return _audited(app, no, "edit", run)


def set_tracking(app: App, no: str, line_no: int, entries: list[dict]) -> EditResult:
    """``sales line tracking DOC N --lot L --qty Q`` (BC Item Tracking Lines on a sales line): the
    line's serial/lot portions become ``entries`` (the import's ``tracking`` shape; [] clears
    them), checked as the import checks them (adding up to the line's quantity, a serial no.
    one unit, none twice, known to the item), an outbound line's also on hand at its location;
    on a partly shipped line every serial/lot no. keeps at least what has shipped of it."""
    def run(session, header: SalesHeader) -> str:
        line = find_line(header, line_no)
        _not_linked(header, line)
        raw = _current(line)
        raw["tracking"] = entries or None
        new = _read(session, header, line_no, raw)
        problems = tracked_stock.set_problems(session, header.document_type, line, new.tracking)
        if problems:
            raise RejectedError(Rejected(problems))
        for column in ("tracking", "serial_no", "lot_no", "expiration_date"):
            setattr(line, column, getattr(new, column))
        names = ", ".join(f"{p.get('serial_no') or p.get('lot_no')} x {p['quantity']}" for p in new.tracking)
        return f"line {line_no} tracking: {names or 'cleared'}"
    return _audited(app, no, "edit", run)


def set_header(app: App, no: str, changes: dict) -> EditResult:
    """``sales set DOC posting_date=...``: the header fields of :data:`HEADER_FIELDS`."""
    def run(session, header: SalesHeader) -> str:
        r = Reader({k: v for k, v in changes.items() if k in HEADER_FIELDS}, shape=HEADER_SHAPE)
        values = {}
        for name in changes:
            kind = HEADER_FIELDS.get(name)
            if kind is None:
                r.problems.append(Problem("SALES-EDIT-UNKNOWN-FIELD", name, {"allowed": ", ".join(HEADER_FIELDS)}))
            elif kind == "date":
                values[name] = r.date(name, required=True)
            elif kind == "rate":
                values[name] = r.decimal(name, required=True, places=RATE)
            else:
                values[name] = r.text(name, default="")
        if values.get("exchange_rate") is not None and values["exchange_rate"] < ZERO:
            r.problems.append(Problem("SALES-NEGATIVE-EXCHANGE-RATE", "exchange_rate",
                                      {"rate": str(values["exchange_rate"])}))
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        for name, value in values.items():
            setattr(header, name, value)
        if "document_date" in values and "due_date" not in values:
            _terms_dates(session, header)
        if header.due_date < header.document_date:
            raise RejectedError(Rejected([Problem("SALES-DUE-BEFORE-DOCUMENT-DATE", "due_date", {
                "due_date": header.due_date.isoformat(), "document_date": header.document_date.isoformat()})]))
        return ", ".join(f"{k}={v}" for k, v in changes.items())
    return _audited(app, no, "edit", run)


def delete_document(app: App, no: str) -> str:
    """Delete a sales draft (quote, order, invoice, credit memo, return order); returns its no."""
    actor = app.user
    try:
        with app.uow() as session:
            require(session, actor, "sales.edit")
            header = editable(session, no)
            for line in header.lines:
                _not_linked(header, line)
            if any(x.quantity_shipped or x.quantity_invoiced for x in header.lines):
                raise DomainError("SALES-DOCUMENT-PARTLY-POSTED", f"{no} has posted shipments or invoices", no=no)
            required_port(session, "approvals").deleted(session, header, actor)
            assemble_to_order.release(session, header)
            session.delete(header)
            return no
    except DomainError as exc:
        app.port("approvals").refused(app, no, actor, "delete", exc)
        raise


def editable(session, no: str) -> SalesHeader:
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None:
        raise DomainError("SALES-DOCUMENT-NOT-FOUND", f"no sales document {no!r}", no=no)
    if header.status in ("posted", "closed"):
        raise DomainError("SALES-DOCUMENT-POSTED", f"{no} is {header.status}: correct it with a credit memo",
                          no=no, status=header.status)
    if header.status == "converted":
        raise DomainError("SALES-NOT-AN-OPEN-QUOTE", f"{no} is not an open quote", no=no)
    if header.status == "pending_approval":
        raise DomainError("APPROVAL-DOCUMENT-LOCKED", f"{no} waits for approval: cancel the request "
                          "before editing", no=no)
    return header


def find_line(header: SalesHeader, line_no: int) -> SalesLine:
    line = next((x for x in header.lines if x.line_no == line_no), None)
    if line is None:
        raise DomainError("SALES-LINE-NOT-FOUND", f"{header.no} has no line {line_no}", no=header.no,
                          line_no=line_no)
    return line


def redate(session, no: str, posting_date, actor: str | None) -> None:
    """``sales ship|invoice|post --posting-date``: in the posting's own transaction, the order's
    posting date becomes the date given (BC: change Posting Date on the header, then post), an
    audited edit like ``sales set``; a document that cannot be edited is left to posting to refuse."""
    require(session, actor, "sales.edit")
    header = session.scalar(lock(session, select(SalesHeader).where(SalesHeader.no == no)))
    if header is None or header.status not in ("open", "released") or header.posting_date == posting_date:
        return
    header.posting_date = posting_date
    _new_version(session, header, actor, f"posting_date={posting_date.isoformat()} (posting)")


def _audited(app: App, no: str, action: str, change) -> EditResult:
    actor = app.user
    try:
        with app.uow() as session:
            require(session, actor, "sales.edit")
            header = editable(session, no)
            comment = change(session, header)
            assemble_to_order.sync(session, header)  # the linked assembly orders follow the lines
            return _new_version(session, header, actor, comment)
    except DomainError as exc:
        app.port("approvals").refused(app, no, actor, action, exc)
        raise


def _new_version(session, header: SalesHeader, actor: str | None, comment: str) -> EditResult:
    """A changed document: a new version, reopened, its approval voided, audited."""
    session.flush()
    header.version += 1
    before, header.status = header.status, "open"
    voided = required_port(session, "approvals").edited(session, header, actor, before, comment)
    return EditResult(header.no, header.version, header.status, voided)


def _read(session, header: SalesHeader, line_no: int, raw: dict) -> SalesLine:
    problems: list[Problem] = []
    customer = session.get(Customer, header.customer_no)
    # BC: a line's location defaults to the customer's, else Company Information's (as at import)
    location = (customer.location_code if customer is not None else "") or company(session).location_code or ""
    line = read_line(session, header.document_type, line_no, raw, problems, location, header.customer_no, {})
    if problems:
        raise RejectedError(Rejected(problems))
    return line


def _order_quantities(header: SalesHeader, line: SalesLine) -> None:
    """BC Qty. to Ship / Qty. to Invoice: what is left of the (changed) quantity."""
    if header.document_type in ORDERS:
        line.qty_to_ship = line.quantity - (line.quantity_shipped or ZERO)
    if header.document_type != "quote":
        line.qty_to_invoice = line.quantity - (line.quantity_invoiced or ZERO)


def _check_shipped(header: SalesHeader, line: SalesLine, new: SalesLine, changes: dict) -> None:
    shipped = line.quantity_shipped or ZERO
    if not (shipped or line.quantity_invoiced or line.shipment_line_id):  # Get Shipment Lines: shipped too
        return
    problems = [Problem("SALES-LINE-SHIPPED", f"lines[{line.line_no}].{k}", {
        "no": header.no, "line_no": line.line_no, "shipped": str(shipped)}) for k in FIXED_WHEN_SHIPPED
        if k in changes]
    floor = max(shipped, line.quantity_invoiced or ZERO)
    if new.quantity < floor:
        problems.append(Problem("SALES-QUANTITY-BELOW-SHIPPED", f"lines[{line.line_no}].quantity", {
            "line_no": line.line_no, "quantity": str(new.quantity), "shipped": str(floor)}))
    if problems:
        raise RejectedError(Rejected(problems))


def _refused(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def _not_linked(header: SalesHeader, line: SalesLine) -> None:
    if line.purchase_order_no:
        raise DomainError("SALES-LINE-LINKED-TO-PURCHASE-ORDER", f"line {line.line_no} of {header.no} is "
                          f"bought on purchase order {line.purchase_order_no}", no=header.no,
                          line_no=line.line_no, purchase_order_no=line.purchase_order_no)


def _terms_dates(session, header: SalesHeader) -> None:
    terms = session.get(PaymentTerms, header.payment_terms_code) if header.payment_terms_code else None
    header.due_date = dateformula.apply(terms.due_date_formula, header.document_date) if terms \
        else header.document_date
    if terms is not None and terms.discount_date_formula and terms.discount_pct:
        header.pmt_discount_date = dateformula.apply(terms.discount_date_formula, header.document_date)


def _current(line: SalesLine) -> dict:
    """The line in the sales import's shape (what ``read_line`` reads back unchanged)."""
    return {"type": line.type, "no": line.no, "description": line.description, "quantity": str(line.quantity),
            "unit_of_measure": line.unit_of_measure, "unit_price": str(line.unit_price),
            "line_discount_pct": str(line.line_discount_pct), "location": line.location_code,
            "drop_shipment": line.drop_shipment, "applies_from_entry": line.applies_from_item_entry,
            "gen_prod_posting_group": line.gen_prod_posting_group,
            "vat_prod_posting_group": line.vat_prod_posting_group,
            "tracking": [dict(p) for p in line.tracking or []] or None,
            "qty_to_assemble_to_order": str(line.qty_to_assemble_to_order or 0)}
